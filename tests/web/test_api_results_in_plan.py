"""A result is stored only if the session's routine could have produced it (SQLite, PostgreSQL)."""

from typing import Any

import pytest
from starlette.testclient import TestClient

from spinecoach.catalog.loader import default_catalog
from spinecoach.clock import FakeClock
from spinecoach.planning import routine_from_dict
from spinecoach.playback import ExerciseEnded, Playback
from spinecoach.timeline import compile_timeline
from tests.web.api_helpers import assert_error
from tests.web.test_api_sessions import screened

DESK = {"routine": "desk-break", "pain_before": 4}  # one stretch: seated back twist, each side


def desk_break(api: TestClient) -> tuple[int, dict[str, Any]]:
    """Return Pablo's new desk-break session and its stored routine."""
    screened(api)
    body = api.post("/api/sessions", json=DESK).json()
    return body["session"]["id"], body["timeline"]["routine"]


def twist(**changes: Any) -> dict[str, Any]:
    """Return a believable result of the twist at position 0, with changes."""
    sent = {
        "position": 0,
        "exercise": "seated-back-twist",
        "repetitions_done": 2,
        "hold_seconds": 20.0,
        "skipped": False,
        "idempotency_key": "twist",
    }
    return sent | changes


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"exercise": "no-such-stretch"}, "exercise"),
        ({"exercise": "cat-cow"}, "exercise"),
        ({"position": 1}, "position"),
        ({"repetitions_done": 1000}, "repetitions_done"),
        ({"hold_seconds": 3600.0}, "hold_seconds"),
        ({"reps_seen": 1000, "good_form_seconds": 0.0, "corrections": []}, "reps_seen"),
        ({"reps_seen": 0, "good_form_seconds": 3600.0, "corrections": []}, "good_form_seconds"),
    ],
)
def test_pablo_cannot_record_what_his_routine_could_not_produce(
    api: TestClient, changes: dict[str, Any], field: str
) -> None:
    session, _ = desk_break(api)
    summary_before = api.post(f"/api/sessions/{session}/finish", json={"reason": "quit"}).json()
    session, _ = desk_break(api)

    response = api.post(f"/api/sessions/{session}/results", json=twist(**changes))

    assert field in assert_error(response, 422)
    assert api.get("/api/sessions/current").json()["results"] == []
    summary = api.post(f"/api/sessions/{session}/finish", json={"reason": "quit"}).json()
    assert summary["done"] == summary_before["done"] == []


def test_every_result_a_real_player_sends_is_accepted(api: TestClient) -> None:
    screened(api)
    body = api.post("/api/sessions", json={"routine": "all-six", "pain_before": 3}).json()
    routine = routine_from_dict(body["timeline"]["routine"], default_catalog())
    clock = FakeClock()
    playback = Playback(compile_timeline(routine))
    # Repeat each stretch once in its middle: the counts add up, capped at what it holds.
    events = playback.start(clock.monotonic())
    for block in playback.blocks:
        while (deadline := playback.next_deadline()) is not None and deadline <= playback.deadline(
            (block.first + block.last) // 2
        ):
            clock.sleep_until(deadline)
            events += playback.tick(clock.monotonic())
        events += playback.repeat_exercise(clock.monotonic())
        while (deadline := playback.next_deadline()) is not None and deadline <= playback.deadline(
            min(block.last + 1, len(playback.cues) - 1)
        ):
            clock.sleep_until(deadline)
            events += playback.tick(clock.monotonic())
    while (deadline := playback.next_deadline()) is not None:
        clock.sleep_until(deadline)
        events += playback.tick(clock.monotonic())
    ended = [event for event in events if isinstance(event, ExerciseEnded)]

    answers = [
        api.post(
            f"/api/sessions/{body['session']['id']}/results",
            json={
                "position": event.position,
                "exercise": event.exercise,
                "repetitions_done": event.repetitions_done,
                "hold_seconds": event.hold_seconds,
                "skipped": event.skipped,
                "idempotency_key": f"real-{event.position}",
                "reps_seen": event.repetitions_done,
                "good_form_seconds": event.hold_seconds,
                "corrections": [],
            },
        )
        for event in ended
    ]

    assert len(ended) == len(routine.items)
    assert [answer.status_code for answer in answers] == [201] * len(ended), answers[-1].text
