"""The versions of a person's calendar reminder: numbered from 0, one more for each change."""

from datetime import timedelta

import pytest

from spinecoach.errors import NotFoundError
from spinecoach.records import PersonRecord
from spinecoach.store.repository import Repository
from tests.store.conftest import T0

MONDAYS, FRIDAYS = "a" * 64, "b" * 64


def test_a_persons_first_reminder_is_version_0_and_each_change_adds_one(
    repository: Repository, me: PersonRecord
) -> None:
    first = repository.reminder_sequence(me.id, MONDAYS, issued_at=T0)
    same = repository.reminder_sequence(me.id, MONDAYS, issued_at=T0 + timedelta(days=1))
    changed = repository.reminder_sequence(me.id, FRIDAYS, issued_at=T0 + timedelta(days=2))
    back = repository.reminder_sequence(me.id, MONDAYS, issued_at=T0 + timedelta(days=3))

    assert (first, same, changed, back) == (0, 0, 1, 2)


def test_each_person_counts_their_own_reminder_versions(
    repository: Repository, me: PersonRecord
) -> None:
    repository.reminder_sequence(me.id, MONDAYS, issued_at=T0)
    repository.reminder_sequence(me.id, FRIDAYS, issued_at=T0)
    bob = repository.add_person("Bob", created_at=T0)

    assert repository.reminder_sequence(bob.id, FRIDAYS, issued_at=T0) == 0


def test_a_reminder_for_nobody_is_refused(repository: Repository) -> None:
    with pytest.raises(NotFoundError, match="person 99"):
        repository.reminder_sequence(99, MONDAYS, issued_at=T0)
