"""The browser's playback.js and playback.py give identical traces for the same inputs."""

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page

from spinecoach.catalog.loader import load_catalog
from spinecoach.planning import Constraints, plan
from spinecoach.playback import exercise_blocks
from spinecoach.timeline import compile_timeline, timeline_to_dict
from tests.web.player.parity import JS_TRACE, make_script, python_trace

pytestmark = pytest.mark.browser

ROUTINES = ["all-six", "desk-break", "morning-floor"]
SPEEDS = [0.75, 1.0, 3.0, 7.3]
ENDS = ["finish", "pain", "quit"]


def compiled(routine_id: str) -> tuple[list[Any], list[dict[str, Any]]]:
    routine = plan(Constraints(routine=routine_id), [], date(2026, 11, 24), load_catalog())
    cues = compile_timeline(routine)
    return cues, timeline_to_dict(routine, cues)["cues"]


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_scripted_sessions_trace_the_same_in_python_and_in_chromium(
    blank_page: Page, routine_id: str
) -> None:
    cues, cue_dicts = compiled(routine_id)
    resumed_at = len(exercise_blocks(cues)) // 2  # a resumed session starts mid-routine
    cases = [
        (speed, first, make_script(seed, speed, end))
        for seed, (speed, end) in enumerate((s, e) for s in SPEEDS for e in ENDS)
        for first in sorted({0, resumed_at, len(exercise_blocks(cues))})  # all done: closing cue
    ]

    for speed, first, script in cases:
        expected = python_trace(cues, speed, first, script)
        actual = blank_page.evaluate(
            JS_TRACE, {"cues": cue_dicts, "speed": speed, "first": first, "script": script}
        )

        assert actual == expected, f"speed {speed}, first exercise {first}"


def test_the_traces_cover_every_event_and_control(blank_page: Page) -> None:
    cues, _ = compiled("all-six")

    traces = [
        python_trace(cues, speed, 0, make_script(seed, speed, end))
        for seed, (speed, end) in enumerate((s, e) for s in SPEEDS for e in ENDS)
    ]

    steps = [step for trace in traces for step in trace]
    events = [event for step in steps for event in step["events"]]
    assert {s["do"] for s in steps} >= {"start", "run", "pause", "resume", "skip", "repeat"}
    assert {e["type"] for e in events} == {"cue_started", "exercise_ended", "finished"}
    assert {e["reason"] for e in events if e["type"] == "finished"} == {"finished", "pain", "quit"}
    assert any(e["type"] == "exercise_ended" and e["skipped"] for e in events)
    assert any(s["paused"] for s in steps)
