"""A person's name and year of birth: kept, checked, and never what finds the local person."""

from datetime import timedelta
from pathlib import Path

import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.records import PersonRecord
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from tests.store.conftest import T0, database_at

ROUTINE = {"id": "desk-break", "name": "Desk break", "exercises": []}


def test_a_new_local_person_has_no_name_and_has_not_been_asked(me: PersonRecord) -> None:
    assert (me.name, me.birth_year, me.profile_asked) == (None, None, False)


def test_name_and_birth_year_are_kept_and_read_back(
    repository: Repository, me: PersonRecord
) -> None:
    repository.set_profile(me.id, "  Maria Lopez ", 1961, T0)

    found = repository.find_default_person()

    assert found is not None
    assert (found.id, found.name, found.birth_year, found.profile_asked) == (
        me.id,
        "Maria Lopez",
        1961,
        True,
    )


def test_a_renamed_person_still_finds_their_sessions(
    repository: Repository, me: PersonRecord
) -> None:
    started = repository.start_session(
        me.id, started_at=T0, routine_id="desk-break", routine=ROUTINE, planned_seconds=200
    )
    repository.set_profile(me.id, "Maria Lopez", None, T0 + timedelta(days=1))
    repository.set_profile(me.id, "Maria López-García", None, T0 + timedelta(days=2))

    person = repository.ensure_default_person(T0 + timedelta(days=3))

    assert person.name == "Maria López-García"
    assert [session.id for session in repository.sessions(person.id)] == [started.id]


def test_skipping_the_question_marks_it_asked_and_keeps_no_name(
    sqlite_repository: Repository,
) -> None:
    person = sqlite_repository.ensure_default_person(T0)

    skipped = sqlite_repository.mark_profile_asked(person.id, T0)

    assert (skipped.name, skipped.profile_asked) == (None, True)


@pytest.mark.parametrize(
    ("name", "year", "message"),
    [
        ("", None, "name: must not be empty"),
        ("   ", None, "name: must not be empty"),
        ("x" * 201, None, "name: 201 characters is longer than 200"),
        ("Maria\x00Lopez", None, "name: holds a control character"),
        ("Maria\nLopez", None, "name: holds a control character"),
        ("Maria", 1899, "birth_year: 1899 is not a year of birth"),
        ("Maria", 2027, "birth_year: 2027 is not a year of birth"),
        ("Maria", 61, "birth_year: 61 is not a year of birth"),
    ],
)
def test_a_bad_name_or_year_is_refused_and_nothing_changes(
    sqlite_repository: Repository, name: str, year: int | None, message: str
) -> None:
    person = sqlite_repository.ensure_default_person(T0)
    this_year = T0.replace(year=2026)

    with pytest.raises(InvalidInputError, match=message):
        sqlite_repository.set_profile(person.id, name, year, this_year)

    assert sqlite_repository.find_default_person() == person


def test_a_name_of_200_characters_and_this_years_birth_are_accepted(
    sqlite_repository: Repository,
) -> None:
    person = sqlite_repository.ensure_default_person(T0)

    saved = sqlite_repository.set_profile(person.id, "x" * 200, T0.year, T0)

    assert (len(saved.name or ""), saved.birth_year) == (200, T0.year)


def test_the_old_placeholder_name_becomes_no_name_and_the_records_stay_found(
    tmp_path: Path,
) -> None:
    url = database_at(tmp_path / "old.db", "0006")

    engine = open_database(url)  # migrates to the newest schema
    try:
        repository = Repository(engine)
        person = repository.ensure_default_person(T0)
        sessions = repository.sessions(person.id)
    finally:
        engine.dispose()

    assert (person.id, person.name, person.birth_year, person.profile_asked) == (
        1,
        None,
        None,
        False,
    )
    assert [session.id for session in sessions] == [1]
