"""Where an interrupted session stopped, in words a person follows."""

from datetime import UTC, datetime

from spinecoach.catalog.loader import Catalog
from spinecoach.coaching.stopped_words import where_it_stopped
from spinecoach.records import ExerciseResultRecord, ResumableSession, SessionRecord, SessionStatus

ROUTINE = {
    "id": "custom",
    "name": "Your routine",
    "rest_seconds": 10,
    "exercises": [
        {"exercise": "seated-knee-hug", "repetitions": 2, "hold_seconds": 15, "sides": "each"},
        {"exercise": "seated-back-twist", "repetitions": 2, "hold_seconds": 10, "sides": "each"},
    ],
}
NOW = datetime(2026, 12, 7, 8, tzinfo=UTC)


def interrupted(routine: dict[str, object], skipped: list[bool]) -> ResumableSession:
    session = SessionRecord(
        id=1,
        person_id=1,
        started_at=NOW,
        ended_at=None,
        routine_id="custom",
        routine=routine,
        status=SessionStatus.IN_PROGRESS,
        planned_seconds=300,
    )
    results = tuple(
        ExerciseResultRecord(
            id=position + 1,
            session_id=1,
            exercise_id=str(routine["exercises"][position]["exercise"]),  # type: ignore[index]
            position=position,
            completed_at=NOW,
            repetitions_done=0 if was_skipped else 2,
            hold_seconds_actual=0.0,
            skipped=was_skipped,
        )
        for position, was_skipped in enumerate(skipped)
    )
    return ResumableSession(session=session, results=results)


def test_a_session_stopped_midway_names_the_stretch_and_counts_only_what_was_done(
    catalog: Catalog,
) -> None:
    assert where_it_stopped(interrupted(ROUTINE, [False]), catalog) == (
        "during Seated back twist (1 of 2 stretches done)"
    )
    assert where_it_stopped(interrupted(ROUTINE, [True]), catalog) == (
        "during Seated back twist (0 of 2 stretches done)"
    )


def test_a_session_stopped_after_its_last_stretch_says_so(catalog: Catalog) -> None:
    assert where_it_stopped(interrupted(ROUTINE, [False, False]), catalog) == (
        "after its last stretch"
    )


def test_a_routine_this_version_does_not_know_is_not_guessed_at(catalog: Catalog) -> None:
    unknown = {**ROUTINE, "exercises": [{"exercise": "gone", "repetitions": 1}]}

    assert where_it_stopped(interrupted(unknown, []), catalog) == "before it ended"
