"""Another process sees what one process committed, even if that process was killed."""

import json
import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import spinecoach
from spinecoach.records import PersonRecord
from spinecoach.store.repository import Repository
from tests.store.conftest import T0

# The child imports spinecoach from wherever this process found it, installed or not.
SOURCE_ROOT = str(Path(spinecoach.__file__).resolve().parents[1])


def _run_python(code: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh interpreter with DB set to the database URL."""
    env = {**os.environ, "DB": database_url}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [SOURCE_ROOT, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_second_process_reads_what_the_first_committed(
    repository: Repository, me: PersonRecord, database_url: str
) -> None:
    repository.record_pain(me.id, recorded_at=T0, score=6, context="before", region="lumbar")
    repository.record_pain(me.id, recorded_at=T0 + timedelta(hours=1), score=4, context="after")

    child = _run_python(
        """
        import json, os
        from datetime import UTC, datetime
        from spinecoach.store.database import open_database
        from spinecoach.store.repository import Repository
        repository = Repository(open_database(os.environ["DB"]))
        person = repository.ensure_default_person(datetime(2030, 1, 1, tzinfo=UTC))
        print(json.dumps([
            [entry.score, entry.context, entry.region, entry.recorded_at.isoformat()]
            for entry in repository.pain_entries(person.id)
        ]))
        """,
        database_url,
    )

    assert child.returncode == 0, child.stderr
    assert json.loads(child.stdout) == [
        [6, "before", "lumbar", "2026-01-05T09:00:00+00:00"],
        [4, "after", None, "2026-01-05T10:00:00+00:00"],
    ]


def test_exercises_committed_before_a_killed_process_are_there_to_resume(
    repository: Repository, me: PersonRecord, database_url: str
) -> None:
    child = _run_python(
        """
        import os, signal
        from datetime import UTC, datetime, timedelta
        from spinecoach.store.database import open_database
        from spinecoach.store.repository import Repository
        repository = Repository(open_database(os.environ["DB"]))
        start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        person = repository.ensure_default_person(start)
        session = repository.start_session(
            person.id, started_at=start, routine_id="r",
            routine={"exercises": ["cat-cow", "childs-pose", "hip-bridge"]}, planned_seconds=300,
        )
        for position, exercise in enumerate(["cat-cow", "childs-pose"]):
            repository.record_exercise_result(
                session.id, exercise_id=exercise, position=position,
                completed_at=start + timedelta(minutes=position + 1),
                repetitions_done=2, hold_seconds_actual=30.0, skipped=False,
            )
        os.kill(os.getpid(), signal.SIGKILL)  # the power goes out during hip-bridge
        """,
        database_url,
    )

    resumable = repository.unfinished_session(me.id)

    assert child.returncode == -9, child.stderr
    assert resumable is not None
    assert [result.exercise_id for result in resumable.results] == ["cat-cow", "childs-pose"]
    assert resumable.next_position == 2
