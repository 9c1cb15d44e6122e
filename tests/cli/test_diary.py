import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spinecoach.records import SessionStatus
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from tests.cli.conftest import Run, rows


def test_pain_diary_entry_is_recorded_with_region_kind_and_note(
    spinecoach: Run, db_file: Path
) -> None:
    result = spinecoach(
        "pain", "4", "--region", "lumbar", "--kind", "dull", "--note", "after gardening"
    )

    assert result.returncode == 0, result.stderr
    assert rows(db_file, "select score, region, kind, context, note from pain_entries") == [
        (4, "lumbar", "dull", "diary", "after gardening")
    ]


@pytest.mark.parametrize("score", ["11", "-1", "seven"])
def test_a_pain_score_outside_0_to_10_is_refused_and_nothing_is_written(
    spinecoach: Run, db_file: Path, score: str
) -> None:
    result = spinecoach("pain", "--", score)

    assert result.returncode == 2
    assert "score" in result.stderr.lower()
    assert not db_file.exists() or rows(db_file, "select count(*) from pain_entries") == [(0,)]


def test_an_unusable_database_path_is_one_clear_line(spinecoach: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    result = spinecoach("pain", "3", "--db", str(blocker / "records.db"))

    assert result.returncode == 2
    assert result.stderr.startswith("spinecoach: --db:") and result.stderr.count("\n") == 1


@pytest.mark.usefixtures("screened")
def test_demos_are_listed_with_their_pain_but_never_counted(spinecoach: Run) -> None:
    for pains in ("5\n3\n\n", "4\n4\nsore\n"):
        done = spinecoach(
            "session", "desk-break", "--plain", "--no-voice", "--speed", "60", stdin=pains
        )
        assert done.returncode == 0, done.stderr

    data = json.loads(spinecoach("history", "--json").stdout)
    text = spinecoach("history").stdout

    assert [(s["pain_before"], s["pain_after"]) for s in data["sessions"]] == [(5, 3), (4, 4)]
    assert all(s["exercises_done"] == ["seated-back-twist"] for s in data["sessions"])
    assert all(s["demo"] and not s["counts"] for s in data["sessions"])
    assert data["streak_days"] == 0 and data["sessions_this_week"] == 0
    assert "pain 5 -> 3" in text and "demo x60, not counted" in text
    assert "Streak: 0 days in a row. Sessions this week: 0." in text


def test_only_sessions_with_a_stretch_done_at_normal_speed_count(
    spinecoach: Run, db_file: Path
) -> None:
    now = datetime.now(UTC)
    engine = open_database(f"sqlite:///{db_file}")
    repository = Repository(engine)
    person = repository.ensure_default_person(now)
    routine = {"name": "Desk break", "exercises": [{"exercise": "seated-back-twist"}]}
    # Yesterday every stretch done; today one session skipped through and one demo.
    for hours_ago, skipped, speed in ((24, False, 1.0), (0.2, True, 1.0), (0.1, False, 50.0)):
        at = now - timedelta(hours=hours_ago)
        session = repository.start_session(
            person.id,
            started_at=at,
            routine_id="desk-break",
            routine=routine,
            planned_seconds=230,
            speed=speed,
        )
        repository.record_exercise_result(
            session.id,
            exercise_id="seated-back-twist",
            position=0,
            completed_at=at + timedelta(minutes=3),
            repetitions_done=0 if skipped else 5,
            hold_seconds_actual=0.0 if skipped else 50.0,
            skipped=skipped,
        )
        repository.finish_session(
            session.id, status=SessionStatus.COMPLETED, ended_at=at + timedelta(minutes=4)
        )
    engine.dispose()

    data = json.loads(spinecoach("history", "--json").stdout)
    text = spinecoach("history").stdout

    assert [(s["outcome"], s["counts"]) for s in data["sessions"]] == [
        ("all-done", True),
        ("none-done", False),
        ("all-done", False),
    ]
    yesterday, today = (now - timedelta(hours=24)).astimezone().date(), now.astimezone().date()
    same_week = yesterday.isocalendar()[:2] == today.isocalendar()[:2]
    assert data["streak_days"] == 1 and data["sessions_this_week"] == int(same_week)
    assert "every stretch skipped · pain - -> - · not counted: no stretch done" in text


@pytest.mark.usefixtures("screened")
def test_history_shows_names_plain_statuses_and_the_pain_diary(spinecoach: Run) -> None:
    diary = spinecoach("pain", "4", "--region", "lower back", "--kind", "dull", "--note", "garden")
    assert diary.returncode == 0, diary.stderr
    done = spinecoach(
        "session", "Desk break", "--plain", "--no-voice", "--speed", "60", stdin="5\n3\n\n"
    )
    assert done.returncode == 0, done.stderr

    text = spinecoach("history").stdout
    data = json.loads(spinecoach("history", "--json").stdout)

    assert "Desk break · every stretch done · pain 5 -> 3 · demo x60, not counted" in text
    assert "done: Seated back twist" in text
    assert "pain diary: 4/10, lower back, dull" in text and "garden" in text
    assert "desk-break" not in text and "seated-back-twist" not in text
    assert text.index("pain diary") < text.index("Desk break")  # in time order
    assert [(e["score"], e["region"], e["note"]) for e in data["diary"]] == [
        (4, "lumbar", "garden")
    ]
    assert data["sessions"][0]["routine_name"] == "Desk break"
    assert data["sessions"][0]["status_text"] == "completed"


def test_history_since_a_future_day_is_empty(spinecoach: Run) -> None:
    result = spinecoach("history", "--since", "2999-01-01")

    assert result.returncode == 0
    assert "No sessions or pain diary entries yet" in result.stdout


def test_history_with_a_malformed_date_names_the_option(spinecoach: Run) -> None:
    result = spinecoach("history", "--since", "last tuesday")

    assert result.returncode == 2
    assert "--since" in result.stderr
