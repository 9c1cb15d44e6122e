import json
from pathlib import Path

import pytest

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
def test_history_lists_sessions_with_pain_streak_and_week_count(spinecoach: Run) -> None:
    for pains in ("5\n3\n\n", "4\n4\nsore\n"):
        done = spinecoach(
            "session", "desk-break", "--plain", "--no-voice", "--speed", "60", stdin=pains
        )
        assert done.returncode == 0, done.stderr

    data = json.loads(spinecoach("history", "--json").stdout)
    text = spinecoach("history").stdout

    assert [(s["pain_before"], s["pain_after"]) for s in data["sessions"]] == [(5, 3), (4, 4)]
    assert all(s["exercises_done"] == ["seated-back-twist"] for s in data["sessions"])
    assert data["streak_days"] == 1 and data["sessions_this_week"] == 2
    assert "pain 5 -> 3" in text and "Streak: 1 day in a row. Sessions this week: 2." in text


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

    assert "Desk break · completed · pain 5 -> 3" in text
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
