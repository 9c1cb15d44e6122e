"""The player's screen compared with stored text snapshots (a reviewed change to update).

Update with: SPINECOACH_UPDATE_SNAPSHOTS=1 pytest tests/cli/test_player_snapshot.py
"""

import asyncio
import os
from pathlib import Path

import pytest

from spinecoach.cli.player import PlayerApp
from spinecoach.cli.voice import FakeSpeaker
from spinecoach.clock import FakeClock
from spinecoach.playback import Playback
from spinecoach.timeline import compile_timeline
from tests.cli.player_demo import short_routine

SNAPSHOTS = Path(__file__).with_name("snapshots")
UPDATE = os.environ.get("SPINECOACH_UPDATE_SNAPSHOTS") == "1"


def text_of(app: PlayerApp) -> str:
    """Return the screen as text, one line per row."""
    # Textual has no public plain-text export; these are the strips its screenshot uses.
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips) + "\n"


def screen_after(keys: list[str], size: tuple[int, int], first_cue: int = 0) -> str:
    """Start the player on a fake clock (time stands still), press keys, return the screen.

    first_cue: the cue the player starts on. The playback is moved there before the player
    starts it, so the fake clock never has to move while the app runs.
    """
    routine = short_routine(2)
    playback = Playback(compile_timeline(routine))
    if first_cue:
        playback.start(0.0)
        playback.tick(playback.cues[first_cue].at - 0.5)  # the player then starts on first_cue
    app = PlayerApp(routine, playback, FakeSpeaker(), FakeClock(), lambda event: None)

    async def main() -> str:
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.2)
            for key in keys:
                await pilot.press(key)
                await pilot.pause(0.2)
            # Time stands still, so the screen settles; on a busy machine that takes a while.
            shown, previous = text_of(app), ""
            for _ in range(50):
                if shown == previous:
                    break
                await pilot.pause(0.1)
                shown, previous = text_of(app), shown
            return shown

    return asyncio.run(main())


# Cue 3 of the short routine is the first hold (knee to chest, left side, repetition 1).
HOLD = 3


@pytest.mark.parametrize(
    ("name", "keys", "size", "first_cue"),
    [
        ("first-cue-80x24", [], (80, 24), 0),
        ("paused-100x30", ["space"], (100, 30), 0),
        ("confirm-quit-80x24", ["q"], (80, 24), 0),
        ("hold-80x24", [], (80, 24), HOLD),
        ("hold-100x30", [], (100, 30), HOLD),
        ("rest-80x24", ["right"], (80, 24), 0),
    ],
)
def test_player_screen_matches_its_snapshot(
    name: str, keys: list[str], size: tuple[int, int], first_cue: int
) -> None:
    shown = screen_after(keys, size, first_cue)

    snapshot = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        snapshot.write_text(shown, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}; run with SPINECOACH_UPDATE_SNAPSHOTS=1"
    assert shown == snapshot.read_text(encoding="utf-8")
