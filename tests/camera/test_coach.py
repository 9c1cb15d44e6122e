"""FormCoach in Chromium, fed synthetic landmark streams made from the figures' own motion."""

import itertools
import random
from typing import Any

import pytest
from playwright.sync_api import Page

from spinecoach.figures.library import pose_files
from tests.camera.streams import (
    Stream,
    drop,
    flicker,
    hide,
    leave,
    mirror,
    mirrored_labels,
    noise,
    seen_from,
    stream,
    walk_across,
)
from tests.camera.threshold import ARRIVE_AT, hovering

pytestmark = pytest.mark.browser

SPEAK_GAP_SECONDS = 5  # coach.js's calm-coach gap, restated: the tests hold it to its word
CASES = [
    (e, s)
    for e, p in pose_files().items()
    for s in (("left", "right") if p.drawn_side else (None,))
]

# Feed every frame to a new FormCoach as the player would; return the summary and what was said.
JS_COACH = """
async ({exercise, side, times, frames, quietUntil}) => {
  const {FormCoach} = await import("/static/camera/coach.js");
  const form = await (await fetch(`/api/form/${exercise}`)).json();
  const coach = new FormCoach(form, {side});
  const said = [];
  let good = 0;
  frames.forEach((landmarks, i) => {
    const answer = coach.frame(landmarks, times[i], {quietUntil: quietUntil ?? -Infinity});
    if (answer.say !== null) said.push([times[i], answer.say]);
    if (answer.inGoodForm) good += 1;
  });
  return {summary: coach.summary(), said, good};
}
"""


def coach(page: Page, s: Stream, quiet_until: float | None = None) -> dict[str, Any]:
    args = {**s.as_args(), "frames": s.frames, "quietUntil": quiet_until}
    result: dict[str, Any] = page.evaluate(JS_COACH, args)
    return result


def assert_calm(result: dict[str, Any]) -> None:
    """Nothing said twice in a row, nor two things within the calm gap."""
    texts = [text for _, text in result["said"]]
    times = [t for t, _ in result["said"]]
    assert all(a != b for a, b in itertools.pairwise(texts)), texts
    assert all(b - a >= SPEAK_GAP_SECONDS for a, b in itertools.pairwise(times)), times
    assert result["summary"]["corrections"] == texts


def spoiled(s: Stream, seed: int) -> Stream:
    """Noise, a camera placed anywhere, 10 % of frames lost and joints flickering."""
    rng = random.Random(seed)
    return flicker(drop(seen_from(noise(s, rng), rng), rng, 0.1), rng)


@pytest.mark.parametrize(("exercise", "side"), CASES)
def test_a_person_doing_it_right_is_counted_exactly_and_left_in_peace(
    app_page: Page, exercise: str, side: str | None
) -> None:
    s = spoiled(stream(exercise, side), seed=len(exercise))

    result = coach(app_page, s)

    assert result["summary"]["reps_seen"] == s.repetitions
    assert result["said"] == []
    assert result["summary"]["good_form_seconds"] > 0


@pytest.mark.parametrize("exercise", ["cat-cow", "hip-bridge", "seated-back-twist"])
def test_mirroring_and_walking_across_the_frame_keep_the_count(
    app_page: Page, exercise: str
) -> None:
    side = "left" if pose_files()[exercise].drawn_side else None
    clean = stream(exercise, side)
    rng = random.Random(7)
    variants = {
        "labels swapped": mirrored_labels(noise(clean, rng)),
        "mirror image": mirror(noise(clean, rng)),
        "walking across": walk_across(noise(clean, rng)),
        "a third of frames lost": drop(noise(clean, rng), rng, 0.33),
    }

    counts = {name: coach(app_page, s)["summary"]["reps_seen"] for name, s in variants.items()}

    assert counts == dict.fromkeys(variants, clean.repetitions)


def test_jitter_while_holding_never_counts_twice(app_page: Page) -> None:
    s = stream("hip-bridge", repetitions=2, hold_seconds=20)
    shaky = noise(s, random.Random(3), metres=0.03)

    result = coach(app_page, shaky)

    assert result["summary"]["reps_seen"] == 2


def test_a_body_hovering_on_the_counting_threshold_counts_at_most_once(app_page: Page) -> None:
    s = hovering("hip-bridge", ARRIVE_AT, seconds=30.0)
    shaky = noise(s, random.Random(9), metres=0.02)

    result = coach(app_page, shaky)

    assert result["summary"]["reps_seen"] in (0, 1)


def test_feet_too_far_from_the_hips_in_the_bridge_are_corrected_once(app_page: Page) -> None:
    knees = (("left_knee", "flexion", -50.0), ("right_knee", "flexion", -50.0))
    s = spoiled(stream("hip-bridge", fault=knees), seed=1)

    result = coach(app_page, s)

    assert result["summary"]["corrections"] == ["Bring your feet a little closer to your hips."]
    assert result["summary"]["reps_seen"] == s.repetitions
    assert result["summary"]["good_form_seconds"] == 0
    assert_calm(result)


def test_knees_behind_the_hips_in_cat_and_cow_are_corrected(app_page: Page) -> None:
    hips = (("left_hip", "flexion", 40.0), ("right_hip", "flexion", 40.0))
    s = spoiled(stream("cat-cow", fault=hips), seed=2)

    result = coach(app_page, s)

    assert result["summary"]["corrections"] == ["Bring your knees under your hips."]
    assert result["summary"]["reps_seen"] == s.repetitions
    assert_calm(result)


def test_a_lifted_other_leg_is_named_for_the_side_being_stretched(app_page: Page) -> None:
    raised = (("left_hip", "flexion", 50.0),)
    s = spoiled(stream("knee-to-chest", "right", fault=raised), seed=3)

    result = coach(app_page, s)

    assert result["summary"]["corrections"] == [
        "Let your left foot rest on the floor while you hug the right knee."
    ]
    assert result["summary"]["reps_seen"] == s.repetitions
    assert_calm(result)


def test_hidden_knees_are_named_and_short_flickers_are_not(app_page: Page) -> None:
    s = spoiled(stream("childs-pose"), seed=4)
    hidden = hide(s, ["left_knee", "right_knee"], 12.0, 17.0)

    result = coach(app_page, hidden)

    assert result["summary"]["corrections"] == ["I can't see your knees."]
    assert 13.0 <= result["said"][0][0] < 17.0  # after a second or so, not at the first frame
    assert result["summary"]["reps_seen"] == s.repetitions


def test_a_person_who_leaves_the_frame_is_told_and_then_counted_again(app_page: Page) -> None:
    s = noise(stream("seated-back-twist", "right"), random.Random(5))
    away = leave(s, 1.0, 6.0)

    result = coach(app_page, away)

    assert [text for _, text in result["said"]] == [
        "I can't see you. Check that the camera shows all of you."
    ]
    assert 4.0 <= result["said"][0][0] < 6.0
    assert result["summary"]["reps_seen"] == s.repetitions


def test_nothing_is_said_over_the_players_own_cue(app_page: Page) -> None:
    knees = (("left_knee", "flexion", -50.0), ("right_knee", "flexion", -50.0))
    s = noise(stream("hip-bridge", fault=knees), random.Random(6))

    loud = coach(app_page, s)
    quiet = coach(app_page, s, quiet_until=s.times[-1] - 4.0)
    silent = coach(app_page, s, quiet_until=s.times[-1] + 1.0)

    assert loud["said"] and loud["said"][0][0] < s.times[-1] - 4.0
    assert all(t >= s.times[-1] - 4.0 for t, _ in quiet["said"])
    assert silent["said"] == [] and silent["summary"]["corrections"] == []


def test_many_faults_in_a_row_are_said_calmly_and_never_twice_in_a_row(app_page: Page) -> None:
    rng = random.Random(8)
    knees = (("left_knee", "flexion", -50.0), ("right_knee", "flexion", -50.0))
    s = noise(stream("hip-bridge", repetitions=5, hold_seconds=12, fault=knees), rng)
    troubled = hide(hide(s, ["left_ankle", "right_ankle"], 10.0, 16.0), ["nose"], 40.0, 60.0)
    troubled = hide(troubled, ["left_knee", "right_knee"], 60.0, 66.0)

    result = coach(app_page, troubled)

    assert len(result["said"]) >= 3
    assert_calm(result)


def test_good_form_seconds_cover_the_holds_done_right(app_page: Page) -> None:
    s = spoiled(stream("hip-bridge", hold_seconds=6.0), seed=1)
    held = s.repetitions * 6.0
    moving = s.repetitions * (3.0 + 3.0)  # lifting and lowering: good form for part of each

    result = coach(app_page, s)

    assert 0.8 * held <= result["summary"]["good_form_seconds"] <= held + moving / 2


# The player says when a hold cue is running; the coach times good form only then.
JS_HOLDS_ONLY = """
async ({exercise, times, frames, holds}) => {
  const {FormCoach} = await import("/static/camera/coach.js");
  const form = await (await fetch(`/api/form/${exercise}`)).json();
  const coach = new FormCoach(form, {});
  frames.forEach((landmarks, i) => {
    const holding = holds.some(([from, to]) => from <= times[i] && times[i] < to);
    coach.frame(landmarks, times[i], {holding});
  });
  return coach.summary();
}
"""


def test_good_form_is_timed_only_while_the_player_says_a_hold_is_running(
    app_page: Page,
) -> None:
    s = spoiled(stream("hip-bridge", hold_seconds=6.0), seed=1)
    holds = [[10.0, 14.0], [30.0, 32.0]]  # six seconds the player calls holding
    args = {"exercise": s.exercise, "times": s.times, "frames": s.frames}

    summary = app_page.evaluate(JS_HOLDS_ONLY, {**args, "holds": holds})
    never = app_page.evaluate(JS_HOLDS_ONLY, {**args, "holds": []})

    assert 0 < summary["good_form_seconds"] <= 6.0
    assert never["good_form_seconds"] == 0
    assert never["reps_seen"] == summary["reps_seen"] == s.repetitions


# A hold with no moving rule (no such exercise today): nothing to count, the pose always judged.
JS_PURE_HOLD = """
async ({times, frames}) => {
  const {FormCoach} = await import("/static/camera/coach.js");
  const form = await (await fetch("/api/form/hip-bridge")).json();
  const coach = new FormCoach({...form, movement: {...form.movement, rules: []}});
  frames.forEach((landmarks, i) => coach.frame(landmarks, times[i]));
  return coach.summary();
}
"""


def test_a_hold_without_movement_counts_nothing_but_times_and_corrects_the_pose(
    app_page: Page,
) -> None:
    s = spoiled(stream("hip-bridge", hold_seconds=6.0), seed=10)

    summary = app_page.evaluate(JS_PURE_HOLD, {"times": s.times, "frames": s.frames})

    assert summary["reps_seen"] == 0
    assert summary["good_form_seconds"] >= 0.8 * s.repetitions * 6.0
    assert summary["corrections"][0].startswith("Lift your hips")
