"""The one rule for what a session came to and whether it counts."""

import pytest

from spinecoach.records import SessionStatus
from spinecoach.session_outcome import SessionOutcome, counts_as_session, outcome_of


@pytest.mark.parametrize(
    ("status", "done", "planned", "outcome"),
    [
        (SessionStatus.COMPLETED, 3, 3, SessionOutcome.ALL_DONE),
        (SessionStatus.COMPLETED, 1, 3, SessionOutcome.SOME_DONE),
        (SessionStatus.COMPLETED, 0, 3, SessionOutcome.NONE_DONE),
        (SessionStatus.STOPPED_PAIN, 2, 3, SessionOutcome.STOPPED_PAIN),
        (SessionStatus.QUIT, 0, 3, SessionOutcome.QUIT),
        (SessionStatus.IN_PROGRESS, 1, 3, SessionOutcome.IN_PROGRESS),
    ],
)
def test_the_outcome_says_what_happened(
    status: SessionStatus, done: int, planned: int, outcome: SessionOutcome
) -> None:
    assert outcome_of(status, done, planned) is outcome


@pytest.mark.parametrize(
    ("status", "speed", "done", "counts"),
    [
        (SessionStatus.COMPLETED, 1.0, 1, True),
        (SessionStatus.STOPPED_PAIN, 1.0, 1, True),  # stretched, then stopped: it happened
        (SessionStatus.QUIT, 1.0, 2, True),
        (SessionStatus.COMPLETED, 1.0, 0, False),  # every stretch skipped
        (SessionStatus.STOPPED_PAIN, 1.0, 0, False),
        (SessionStatus.COMPLETED, 50.0, 3, False),  # a demonstration
        (SessionStatus.COMPLETED, 0.5, 3, False),
        (SessionStatus.IN_PROGRESS, 1.0, 2, False),  # not over yet
    ],
)
def test_a_session_counts_only_when_ended_at_normal_speed_with_a_stretch_done(
    status: SessionStatus, speed: float, done: int, counts: bool
) -> None:
    assert counts_as_session(status, speed, done) is counts
