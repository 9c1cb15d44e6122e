"""What a session came to, and whether it counts as one: the single rule every report uses.

A session counts when it ended, was played at normal speed and had at least one stretch done.
A demonstration (played faster) or a session whose every stretch was skipped stays in the
history, marked as such, but adds nothing to a streak, a weekly count, a trend, a verdict, a
report's numbers or the exported record: counting them would tell the person, or their
doctor, that they stretched when they did not.
"""

from enum import StrEnum

from spinecoach.records import SessionStatus


class SessionOutcome(StrEnum):
    """What happened in a session, in more detail than its status."""

    ALL_DONE = "all-done"
    SOME_DONE = "some-done"
    NONE_DONE = "none-done"
    STOPPED_PAIN = "stopped-pain"
    QUIT = "quit"
    IN_PROGRESS = "in-progress"


def outcome_of(status: SessionStatus, done: int, planned: int) -> SessionOutcome:
    """Return what a session came to from its status and how many planned stretches were done."""
    if status is SessionStatus.STOPPED_PAIN:
        return SessionOutcome.STOPPED_PAIN
    if status is SessionStatus.QUIT:
        return SessionOutcome.QUIT
    if status is SessionStatus.IN_PROGRESS:
        return SessionOutcome.IN_PROGRESS
    if done == 0:
        return SessionOutcome.NONE_DONE
    return SessionOutcome.ALL_DONE if done >= planned else SessionOutcome.SOME_DONE


def counts_as_session(status: SessionStatus, speed: float, done: int) -> bool:
    """Return whether a session counts: ended, at normal speed, with a stretch done."""
    return status is not SessionStatus.IN_PROGRESS and speed == 1.0 and done > 0
