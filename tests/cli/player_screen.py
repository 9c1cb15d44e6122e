"""The player's screen as text, on a fake clock that stands still: for snapshots and guide tests."""

import asyncio

from spinecoach.catalog.routine import Routine
from spinecoach.cli.player import PlayerApp
from spinecoach.cli.voice import FakeSpeaker
from spinecoach.clock import FakeClock
from spinecoach.playback import Playback
from spinecoach.timeline import compile_timeline


def text_of(app: PlayerApp) -> str:
    """Return the screen as text, one line per row."""
    # Textual has no public plain-text export; these are the strips its screenshot uses.
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips) + "\n"


def screen_after(
    routine: Routine, keys: list[str], size: tuple[int, int], first_cue: int = 0
) -> str:
    """Start the player on a fake clock (time stands still), press keys, return the screen.

    first_cue: the cue the player starts on. The playback is moved there before the player
    starts it, so the fake clock never has to move while the app runs.
    """
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
