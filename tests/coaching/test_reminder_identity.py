"""The calendar reminder: one UID per person, and a SEQUENCE that counts that person's changes."""

from datetime import time
from pathlib import Path

from icalendar import Calendar

from spinecoach.catalog.loader import default_catalog
from spinecoach.coaching.access import Records, open_records
from spinecoach.coaching.exchange import reminder
from tests.coaching.conftest import NOW

MON_WED = ["mon", "wed"]


def uid_and_sequence(
    records: Records, days: list[str], at: time, routine_id: str
) -> tuple[str, int]:
    """Make the person's reminder as `spinecoach remind` does; return its UID and SEQUENCE."""
    made = reminder(records, default_catalog(), NOW, days, at, routine_id)
    (event,) = Calendar.from_ical(made.calendar).walk("VEVENT")
    return str(event["UID"]), int(event["SEQUENCE"])


def test_two_people_never_share_a_reminder_uid(alice: Records, tmp_path: Path) -> None:
    bob = open_records(f"sqlite:///{tmp_path / 'bob.db'}", NOW)  # also person 1 of his database
    carol = Records(alice.repository, alice.repository.add_person("Carol", created_at=NOW))

    uids = {
        uid_and_sequence(someone, MON_WED, time(8, 0), "desk-break")[0]
        for someone in (alice, bob, carol)
    }

    assert len(uids) == 3


def test_changing_routine_keeps_the_uid_and_raises_the_sequence_by_one(alice: Records) -> None:
    first_uid, first_sequence = uid_and_sequence(alice, MON_WED, time(8, 0), "desk-break")

    uid, sequence = uid_and_sequence(alice, MON_WED, time(8, 0), "all-six")

    assert uid == first_uid
    assert sequence == first_sequence + 1


def test_changing_days_then_time_raises_the_sequence_once_each(alice: Records) -> None:
    _, first = uid_and_sequence(alice, MON_WED, time(8, 0), "desk-break")

    _, after_days = uid_and_sequence(alice, ["fri"], time(8, 0), "desk-break")
    _, after_time = uid_and_sequence(alice, ["fri"], time(18, 30), "desk-break")

    assert (first, after_days, after_time) == (0, 1, 2)


def test_the_same_reminder_again_keeps_its_sequence(alice: Records) -> None:
    first = uid_and_sequence(alice, MON_WED, time(8, 0), "desk-break")

    again = uid_and_sequence(alice, MON_WED, time(8, 0), "desk-break")

    assert again == first


def test_the_sequence_stays_small_whatever_the_date(alice: Records) -> None:
    for hour in range(6, 12):
        _, sequence = uid_and_sequence(alice, MON_WED, time(hour, 0), "desk-break")

    assert sequence == 5
