"""The Patient-Specific Functional Scale is stored append-only and checked before writing."""

from datetime import timedelta

import pytest

from spinecoach.errors import InvalidInputError, NotFoundError
from spinecoach.records import PersonRecord, PsfsRating
from spinecoach.store.repository import Repository
from tests.store.conftest import T0


def rating(activity: str, score: int) -> PsfsRating:
    return PsfsRating(activity=activity, score=score)


def test_entries_come_back_oldest_first_with_ratings_in_the_order_given(
    repository: Repository, me: PersonRecord
) -> None:
    later = [rating("sitting through a film", 6), rating("putting on socks", 5)]
    repository.record_psfs(me.id, taken_at=T0 + timedelta(days=14), ratings=later)
    first = [rating("putting on socks", 2), rating("sitting through a film", 3)]
    repository.record_psfs(me.id, taken_at=T0, ratings=first)

    entries = repository.psfs_entries(me.id)

    assert [entry.taken_at for entry in entries] == [T0, T0 + timedelta(days=14)]
    assert entries[0].ratings == tuple(first) and entries[1].ratings == tuple(later)
    assert entries[0].mean == 2.5


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ([], "ratings: give one to 5 activities"),
        ([rating(f"activity {n}", 3) for n in range(6)], "ratings: give one to 5 activities"),
        ([rating("socks", 11)], "ratings[0].score: 11 must be at least 0 and at most 10"),
        ([rating("socks", 2), rating("  ", 3)], "ratings[1].activity: must be a non-empty"),
        ([rating("Socks", 2), rating("socks", 3)], "ratings[1].activity: 'socks' is named twice"),
        ([rating("x" * 101, 2)], "ratings[0].activity:"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_field_and_nothing_is_written(
    repository: Repository, me: PersonRecord, ratings: list[PsfsRating], message: str
) -> None:
    with pytest.raises(InvalidInputError) as error:
        repository.record_psfs(me.id, taken_at=T0, ratings=ratings)

    assert error.value.user_message.startswith(message)
    assert repository.psfs_entries(me.id) == []


def test_an_entry_for_an_unknown_person_is_refused(repository: Repository) -> None:
    with pytest.raises(NotFoundError):
        repository.record_psfs(99, taken_at=T0, ratings=[rating("socks", 2)])


def test_the_repository_has_no_way_to_change_or_delete_an_entry() -> None:
    writers = {name for name in dir(Repository) if "psfs" in name}

    assert writers == {"record_psfs", "psfs_entries"}
