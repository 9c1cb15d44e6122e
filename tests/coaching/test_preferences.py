from datetime import timedelta

from spinecoach.catalog.vocabulary import Movement, PainKind, Place, SpineRegion
from spinecoach.coaching.access import Records
from spinecoach.coaching.preferences import SessionPreferences, remember, remembered
from tests.coaching.conftest import NOW

FLOOR_NO_KNEELING = SessionPreferences(
    place=Place.FLOOR,
    minutes=10.0,
    avoid=frozenset({Movement.KNEELING}),
    regions=frozenset({SpineRegion.LUMBAR}),
    kind=PainKind.DULL,
)


def test_before_the_first_session_nothing_is_remembered(alice: Records) -> None:
    assert remembered(alice.repository, alice.person) == SessionPreferences()


def test_the_latest_choices_are_the_defaults_and_earlier_rows_stay(alice: Records) -> None:
    desk = SessionPreferences(place=Place.CHAIR, minutes=5.0)
    remember(alice.repository, alice.person, FLOOR_NO_KNEELING, NOW)
    remember(alice.repository, alice.person, desk, NOW + timedelta(days=1))

    latest = remembered(alice.repository, alice.person)

    assert latest == desk
    newest = alice.repository.latest_preferences(alice.person.id)
    assert newest is not None and newest.recorded_at == NOW + timedelta(days=1)


def test_the_same_choices_again_add_no_row(alice: Records) -> None:
    remember(alice.repository, alice.person, FLOOR_NO_KNEELING, NOW)
    first = alice.repository.latest_preferences(alice.person.id)

    remember(alice.repository, alice.person, FLOOR_NO_KNEELING, NOW + timedelta(hours=1))

    assert alice.repository.latest_preferences(alice.person.id) == first


def test_stored_values_this_version_does_not_know_are_dropped_not_fatal() -> None:
    stored = {"place": "beach", "minutes": "ten", "avoid": ["kneeling", "jumping"], "kind": 3}

    read = SessionPreferences.from_json(stored)

    assert read == SessionPreferences(avoid=frozenset({Movement.KNEELING}))


def test_choices_become_planner_constraints() -> None:
    constraints = FLOOR_NO_KNEELING.constraints()

    assert constraints.place is Place.FLOOR
    assert constraints.minutes == 10.0
    assert constraints.avoid == frozenset({Movement.KNEELING})
    assert constraints.regions == frozenset({SpineRegion.LUMBAR})
