"""The player's screen compared with stored text snapshots (a reviewed change to update).

Update with: SPINECOACH_UPDATE_SNAPSHOTS=1 pytest tests/cli/test_player_snapshot.py
"""

import os
from pathlib import Path

import pytest

from tests.cli.player_demo import short_routine
from tests.cli.player_screen import screen_after

SNAPSHOTS = Path(__file__).with_name("snapshots")
UPDATE = os.environ.get("SPINECOACH_UPDATE_SNAPSHOTS") == "1"


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
    shown = screen_after(short_routine(2), keys, size, first_cue)

    snapshot = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        snapshot.write_text(shown, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}; run with SPINECOACH_UPDATE_SNAPSHOTS=1"
    assert shown == snapshot.read_text(encoding="utf-8")
