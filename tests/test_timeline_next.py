"""Each cue names the stretch and side that come next, and the JSON says where to do the routine."""

from datetime import date

import pytest

from spinecoach.catalog.loader import Catalog, load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.planning import Constraints, plan
from spinecoach.playback import Playback
from spinecoach.timeline import CueKind, NextPart, compile_timeline, timeline_to_dict


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def routine_of(catalog: Catalog, *exercise_ids: str) -> Routine:
    items = tuple(
        PlannedExercise(catalog.exercise(e), catalog.position(catalog.exercise(e).position), 2, 10)
        for e in exercise_ids
    )
    return Routine("test", "Test", items, rest_seconds=10)


def test_every_cue_names_the_stretch_and_side_after_its_own(catalog: Catalog) -> None:
    cues = compile_timeline(routine_of(catalog, "knee-to-chest", "cat-cow"))
    knee, cat = catalog.exercise("knee-to-chest"), catalog.exercise("cat-cow")
    first, second = knee.sides_in_order

    named = {(cue.kind, cue.side, cue.next_part) for cue in cues}

    right_side = NextPart("knee-to-chest", knee.name, second)
    then_cat = NextPart("cat-cow", cat.name, None)
    # Getting ready and the instruction belong to the first side.
    assert (CueKind.PREPARE, None, right_side) in named
    assert (CueKind.INSTRUCTION, None, right_side) in named
    assert (CueKind.HOLD, first, right_side) in named
    assert (CueKind.SWITCH_SIDE, second, then_cat) in named
    assert (CueKind.HOLD, second, then_cat) in named
    # A rest leads into the stretch it names; the last stretch and the end have nothing after.
    assert {cue.next_part for cue in cues if cue.kind is CueKind.REST} == {then_cat}
    assert {cue.next_part for cue in cues if cue.exercise == "cat-cow"} == {None}
    assert cues[-1].next_part is None


def test_a_rest_says_the_next_stretch_and_its_first_side_once(catalog: Catalog) -> None:
    cues = compile_timeline(routine_of(catalog, "cat-cow", "knee-to-chest", "cat-cow"))
    knee = catalog.exercise("knee-to-chest")

    rests = [cue.text for cue in cues if cue.kind is CueKind.REST]

    first = knee.sides_in_order[0]
    assert first is not None
    assert rests == [
        f"Rest. Next: Knee to chest, {first.value} side first.",
        "Rest. Next: Cat and cow.",  # one movement for both sides: no side to name
    ]


def test_the_json_carries_what_comes_next_for_the_player(catalog: Catalog) -> None:
    routine = routine_of(catalog, "knee-to-chest")
    cues = compile_timeline(routine)

    shown = timeline_to_dict(routine, cues)["cues"]

    hold = next(cue for cue in shown if cue["kind"] == "hold")
    assert hold["next"] == {"exercise": "knee-to-chest", "name": "Knee to chest", "side": "right"}
    assert shown[-1]["next"] is None


@pytest.mark.parametrize(
    ("routine_id", "words"),
    [
        ("desk-break", "steady chair"),
        ("morning-floor", "space on the floor"),
        ("all-six", "chair and a clear space on the floor"),
    ],
)
def test_the_json_says_what_the_routine_needs_from_its_places(
    catalog: Catalog, routine_id: str, words: str
) -> None:
    routine = plan(Constraints(routine=routine_id), [], date(2026, 11, 24), catalog)

    setting = timeline_to_dict(routine, compile_timeline(routine))["setting"]

    assert words in setting
    assert ("floor" in setting) is (routine_id != "desk-break")


def test_stretches_a_bed_allows_offer_the_bed(catalog: Catalog) -> None:
    routine = routine_of(catalog, "knee-to-chest", "hip-bridge")

    setting = timeline_to_dict(routine, compile_timeline(routine))["setting"]

    assert "floor or a firm bed" in setting


def test_the_time_left_counts_down_stops_while_paused_and_drops_on_a_skip(
    catalog: Catalog,
) -> None:
    cues = compile_timeline(routine_of(catalog, "knee-to-chest", "cat-cow"))
    total = cues[-1].end
    playback = Playback(cues)
    playback.start(100.0)

    at_start = playback.remaining_in_session(100.0)
    later = playback.remaining_in_session(110.0)
    playback.pause(110.0)
    paused = playback.remaining_in_session(150.0)
    playback.resume(150.0)
    playback.skip_exercise(150.0)
    skipped = playback.remaining_in_session(150.0)

    assert at_start == total
    assert later == total - 10
    assert paused == later
    rest = next(cue for cue in cues if cue.kind is CueKind.REST)
    assert skipped == total - rest.at
