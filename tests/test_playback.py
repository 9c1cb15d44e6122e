from datetime import date

import pytest

from spinecoach.catalog.loader import load_catalog
from spinecoach.clock import FakeClock
from spinecoach.planning import Constraints, plan
from spinecoach.playback import (
    MOVE_KINDS,
    CueStarted,
    Event,
    ExerciseEnded,
    Finished,
    Playback,
    StopReason,
    exercise_blocks,
)
from spinecoach.timeline import Cue, CueKind, compile_timeline, total_seconds


@pytest.fixture(scope="module")
def cues() -> list[Cue]:
    routine = plan(Constraints(routine="all-six"), [], date(2026, 11, 24), load_catalog())
    return compile_timeline(routine)


def play_to_end(playback: Playback, clock: FakeClock) -> list[Event]:
    events = playback.start(clock.monotonic())
    while (deadline := playback.next_deadline()) is not None:
        clock.sleep_until(deadline)
        events += playback.tick(clock.monotonic())
    return events


def test_a_whole_routine_plays_every_cue_on_its_deadline(cues: list[Cue]) -> None:
    clock = FakeClock()

    events = play_to_end(Playback(cues), clock)

    started = [e for e in events if isinstance(e, CueStarted)]
    assert [e.cue for e in started] == cues
    assert all(e.lateness == 0 and e.deadline == e.cue.at for e in started)
    assert clock.monotonic() == pytest.approx(total_seconds(cues))
    assert events[-1] == Finished(StopReason.FINISHED, None)


def test_each_exercise_ends_once_with_its_repetitions_and_hold_time(cues: list[Cue]) -> None:
    events = play_to_end(Playback(cues), FakeClock())

    ended = [e for e in events if isinstance(e, ExerciseEnded)]
    blocks = exercise_blocks(cues)
    assert [e.exercise for e in ended] == [b.exercise for b in blocks]
    for end, block in zip(ended, blocks, strict=True):
        block_cues = cues[block.first : block.last + 1]
        repetitions = {(c.side, c.repetition) for c in block_cues if c.repetition}
        holds = sum(c.duration for c in block_cues if c.kind is CueKind.HOLD)
        assert (end.repetitions_done, end.hold_seconds, end.skipped) == (
            len(repetitions),
            holds,
            False,
        )


def test_exercise_end_is_reported_before_the_next_cue_starts(cues: list[Cue]) -> None:
    events = play_to_end(Playback(cues), FakeClock())

    first_end = next(i for i, e in enumerate(events) if isinstance(e, ExerciseEnded))
    following = events[first_end + 1]

    assert isinstance(following, CueStarted) and following.cue.kind is CueKind.REST


def test_speed_plays_faster_without_changing_the_order(cues: list[Cue]) -> None:
    clock = FakeClock()

    events = play_to_end(Playback(cues, speed=20), clock)

    assert clock.monotonic() == pytest.approx(total_seconds(cues) / 20)
    assert [e.cue for e in events if isinstance(e, CueStarted)] == cues


def test_pause_freezes_the_countdown_and_shifts_later_deadlines(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    playback.start(clock.monotonic())
    clock.advance(cues[1].at + 1)
    playback.tick(clock.monotonic())
    left = playback.remaining_in_cue(clock.monotonic())

    playback.pause(clock.monotonic())
    clock.advance(600)
    assert playback.tick(clock.monotonic()) == []
    assert playback.remaining_in_cue(clock.monotonic()) == left
    playback.resume(clock.monotonic())

    assert playback.next_deadline() == pytest.approx(clock.monotonic() + left)


def test_skip_records_the_exercise_as_skipped_and_moves_on(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    playback.start(clock.monotonic())
    first_hold = next(c for c in cues if c.kind is CueKind.HOLD)
    clock.advance(first_hold.at + 5)
    playback.tick(clock.monotonic())

    events = playback.skip_exercise(clock.monotonic())

    ended = events[0]
    assert isinstance(ended, ExerciseEnded)
    assert (ended.exercise, ended.skipped, ended.hold_seconds) == (first_hold.exercise, True, 5)
    assert ended.repetitions_done == 0
    assert playback.current is not None and playback.current.exercise != first_hold.exercise


def test_repeat_starts_the_exercise_again_and_it_ends_once(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    events = playback.start(clock.monotonic())
    clock.advance(cues[5].at)
    events += playback.tick(clock.monotonic())

    events += playback.repeat_exercise(clock.monotonic())
    assert playback.current == cues[0]
    while (deadline := playback.next_deadline()) is not None:
        clock.sleep_until(deadline)
        events += playback.tick(clock.monotonic())

    first = cues[0].exercise
    assert [e.exercise for e in events if isinstance(e, ExerciseEnded)].count(first) == 1


def play_until(playback: Playback, clock: FakeClock, index: int) -> list[Event]:
    events: list[Event] = []
    while (deadline := playback.next_deadline()) is not None and deadline <= playback.deadline(
        index
    ):
        clock.sleep_until(deadline)
        events += playback.tick(clock.monotonic())
    return events


def test_repeat_then_skip_after_an_exercise_ended_keeps_it_done(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    first = exercise_blocks(cues)[0]
    events = playback.start(clock.monotonic())
    events += play_until(playback, clock, first.last + 1)  # resting after all repetitions

    events += playback.repeat_exercise(clock.monotonic())
    clock.advance(2)
    events += playback.skip_exercise(clock.monotonic())

    ended = [e for e in events if isinstance(e, ExerciseEnded) and e.position == first.position]
    block_cues = cues[first.first : first.last + 1]
    assert len(ended) == 1
    assert ended[0].skipped is False
    assert ended[0].repetitions_done == len(
        {(c.side, c.repetition) for c in block_cues if c.repetition}
    )


def test_repeat_then_skip_inside_an_exercise_keeps_the_repetitions_done(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    first = exercise_blocks(cues)[0]
    playback.start(clock.monotonic())
    play_until(playback, clock, first.last)  # in the last phase of the last repetition
    done_before = {(c.side, c.repetition) for c in cues[first.first : first.last] if c.repetition}
    done_before -= {(cues[first.last].side, cues[first.last].repetition)}

    playback.repeat_exercise(clock.monotonic())
    events = playback.skip_exercise(clock.monotonic())

    ended = next(e for e in events if isinstance(e, ExerciseEnded))
    assert (ended.exercise, ended.skipped) == (first.exercise, True)
    assert ended.repetitions_done == len(done_before)
    holds = cues[first.first : first.last + 1]
    assert ended.hold_seconds == sum(c.duration for c in holds if c.kind is CueKind.HOLD)


def test_a_replayed_exercise_does_not_add_to_the_next_one(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    first, second = exercise_blocks(cues)[:2]
    events = playback.start(clock.monotonic())
    events += play_until(playback, clock, first.last + 1)
    events += playback.repeat_exercise(clock.monotonic())

    while (deadline := playback.next_deadline()) is not None:
        clock.sleep_until(deadline)
        events += playback.tick(clock.monotonic())

    ended = [e for e in events if isinstance(e, ExerciseEnded)]
    assert [e.exercise for e in ended] == [b.exercise for b in exercise_blocks(cues)]
    second_cues = cues[second.first : second.last + 1]
    assert ended[1].repetitions_done == len(
        {(c.side, c.repetition) for c in second_cues if c.repetition}
    )


def test_stop_for_pain_names_the_exercise_in_progress(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    playback.start(clock.monotonic())
    bridge = next(c for c in cues if c.exercise == "hip-bridge" and c.kind is CueKind.HOLD)
    clock.advance(bridge.at + 1)
    playback.tick(clock.monotonic())

    finished = playback.stop(StopReason.PAIN, clock.monotonic())

    assert finished == Finished(StopReason.PAIN, "hip-bridge", moved=True)
    assert finished.stretching == "hip-bridge"
    assert playback.next_deadline() is None
    assert playback.tick(clock.monotonic() + 100) == []


def test_a_stop_before_the_first_movement_blames_no_stretch(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    playback.start(clock.monotonic())
    bridge = exercise_blocks(cues)[1]
    assert cues[bridge.first].kind not in MOVE_KINDS  # its "Get ready"
    clock.advance(cues[bridge.first].at + 0.5)
    playback.tick(clock.monotonic())

    finished = playback.stop(StopReason.PAIN, clock.monotonic())

    assert finished == Finished(StopReason.PAIN, bridge.exercise, moved=False)
    assert finished.stretching is None


def test_a_stop_in_the_rest_after_a_stretch_blames_that_stretch(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues)
    playback.start(clock.monotonic())
    first = exercise_blocks(cues)[0]
    rest = cues[first.last + 1]
    assert rest.exercise is None
    clock.advance(rest.at + 0.5)
    playback.tick(clock.monotonic())

    finished = playback.stop(StopReason.PAIN, clock.monotonic())

    assert finished.stretching == first.exercise


def test_resume_from_an_exercise_starts_at_its_first_cue(cues: list[Cue]) -> None:
    blocks = exercise_blocks(cues)
    clock = FakeClock()

    events = play_to_end(Playback(cues, first_exercise=2), clock)

    started = [e.cue for e in events if isinstance(e, CueStarted)]
    assert started[0] == cues[blocks[2].first]
    assert [e.exercise for e in events if isinstance(e, ExerciseEnded)] == [
        b.exercise for b in blocks[2:]
    ]


def test_resume_after_every_exercise_was_done_plays_only_the_closing_cue(
    cues: list[Cue],
) -> None:
    clock = FakeClock()

    events = play_to_end(Playback(cues, first_exercise=len(exercise_blocks(cues))), clock)

    assert [e.cue.kind for e in events if isinstance(e, CueStarted)] == [CueKind.FINISH]
    assert not [e for e in events if isinstance(e, ExerciseEnded)]
    assert events[-1] == Finished(StopReason.FINISHED, None)


def test_late_ticks_report_lateness_and_never_drop_a_cue(cues: list[Cue]) -> None:
    clock = FakeClock()
    playback = Playback(cues[:12])
    playback.start(clock.monotonic())

    clock.advance(cues[10].at + 0.25)
    events = playback.tick(clock.monotonic())

    started = [e for e in events if isinstance(e, CueStarted)]
    assert [e.index for e in started] == list(range(1, 11))
    assert started[-1].lateness == pytest.approx(0.25)
