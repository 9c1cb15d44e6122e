"""The API and the terminal's `--json` give the same data in the same shape."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from spinecoach.safety.loader import default_screening
from spinecoach.safety.schema import RedFlagOutcome
from spinecoach.serving import WebSettings
from spinecoach.web.app import create_app
from tests.web.api_helpers import answers, result_body

SPINECOACH = str(Path(sys.executable).parent / "spinecoach")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "records.db"


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    """The app on the same SQLite file the terminal commands use."""
    settings = WebSettings(database_url=f"sqlite:///{db}", extra_hosts=("testserver",))
    with TestClient(create_app(settings), base_url="http://testserver") as client:
        yield client


def terminal_json(db: Path, *args: str) -> Any:
    """Run `spinecoach ARGS --json` on the database and return what it printed."""
    done = subprocess.run(
        [SPINECOACH, *args, "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "SPINECOACH_DB": str(db)},
        timeout=60,
        check=False,
    )
    assert done.returncode in {0, 10}, done.stderr  # 10: see a doctor, a screen's outcome
    return json.loads(done.stdout)


def see_doctor_flag() -> str:
    """Return the id of a red flag whose yes means seeing a doctor first."""
    return next(
        item.id for item in default_screening().items if item.outcome is RedFlagOutcome.SEE_DOCTOR
    )


def test_screening_questions_and_result_match_screen_json(
    client: TestClient, db: Path, tmp_path: Path
) -> None:
    given = answers()
    given[see_doctor_flag()] = True
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(given), "utf-8")

    answered = client.post("/api/screening", json={"answers": given}).json()

    assert answered["triggered"]
    assert answered == terminal_json(db, "screen", "--answers", str(answers_file))
    assert client.get("/api/screening").json() == terminal_json(db, "screen", "--list")


def test_history_matches_history_json(client: TestClient, db: Path) -> None:
    client.post("/api/screening", json={"answers": answers()})
    started = client.post("/api/sessions", json={"routine": "all-six", "pain_before": 3})
    session = started.json()["session"]["id"]
    planned = [item["exercise"] for item in started.json()["timeline"]["routine"]["exercises"]]
    done = result_body(0, planned[0], "done")
    skipped = result_body(1, planned[1], "skipped") | {"repetitions_done": 0, "skipped": True}
    for body in (done, skipped):
        client.post(f"/api/sessions/{session}/results", json=body).raise_for_status()
    client.post("/api/pain", json={"score": 4, "note": "after sitting"})

    history = client.get("/api/history").json()

    # The results the player sent show in both, in the same words.
    assert history["sessions"][0]["exercises_done"] == [planned[0]]
    assert history["sessions"][0]["exercises_skipped"] == [planned[1]]
    assert history["diary"]
    # The API pages what the terminal prints whole; a first page holding everything matches.
    paging = {key: history.pop(key) for key in ("limit", "sessions_page", "diary_page")}
    assert history == terminal_json(db, "history")
    assert not paging["sessions_page"]["has_older"] and not paging["diary_page"]["has_older"]


def test_catalogue_plan_timeline_and_trends_match_their_json(client: TestClient, db: Path) -> None:
    catalogue = client.get("/api/catalog").json()

    assert catalogue["exercises"] == terminal_json(db, "exercises")
    assert client.get("/api/exercises/cat-cow").json() == terminal_json(
        db, "exercises", "show", "cat-cow"
    )
    assert client.get("/api/plan?routine=desk-break").json() == terminal_json(
        db, "plan", "--routine", "desk-break"
    )
    assert client.get("/api/timeline?routine=desk-break").json() == terminal_json(
        db, "timeline", "desk-break"
    )
    assert client.get("/api/trends").json() == terminal_json(db, "trends")
