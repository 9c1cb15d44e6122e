"""Time backup, restore, CSV and FHIR export on five years of daily use in a SQLite file.

Five years: about 1,800 sessions, 18,000 exercise results, 3,600 session pain scores and 1,800
diary entries. Prints each step's time and the backup's size; --scale 10 shows the growth.
No target is set by the issue; a person should wait seconds, not minutes, for any of these.
"""

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, insert

from spinecoach.catalog.loader import default_catalog
from spinecoach.coaching.access import Records
from spinecoach.coaching.exchange import fhir_bundle
from spinecoach.safety.loader import default_screening
from spinecoach.store.backup import export_backup
from spinecoach.store.backup_csv import write_csv_tables
from spinecoach.store.backup_restore import restore_backup
from spinecoach.store.database import open_database
from spinecoach.store.models import (
    ExerciseResultRow,
    PainEntryRow,
    PersonRow,
    ScreeningRow,
    SessionRow,
)
from spinecoach.store.repository import Repository

T = TypeVar("T")
START = datetime(2021, 11, 1, 7, 30, tzinfo=UTC)
EXERCISES = ["seated-back-twist", "spinal-torsion", "knee-to-chest", "hip-bridge", "cat-cow"]


def fill(engine: Engine, days: int) -> None:
    """Insert one person, a screening a month, a session a day with results and pain, a diary."""
    routine = {"id": "all-six", "name": "All six", "rest_seconds": 10, "exercises": []}
    sessions, results, pains, screenings = [], [], [], []
    for day in range(days):
        started = START + timedelta(days=day)
        sessions.append(
            {
                "id": day + 1,
                "person_id": 1,
                "started_at": started,
                "routine_id": "all-six",
                "routine": routine,
                "planned_seconds": 900,
                "status": "completed",
                "ended_at": started + timedelta(minutes=15),
            }
        )
        for position, exercise in enumerate(EXERCISES * 2):
            results.append(
                {
                    "session_id": day + 1,
                    "exercise_id": exercise,
                    "position": position,
                    "completed_at": started + timedelta(minutes=position + 1),
                    "repetitions_done": 3,
                    "hold_seconds_actual": 20.0,
                    "skipped": False,
                }
            )
        for context, score, offset in (("before", 5, 0), ("after", 3, 15), ("diary", 4, 600)):
            pains.append(
                {
                    "person_id": 1,
                    "recorded_at": started + timedelta(minutes=offset),
                    "score": score,
                    "region": "lumbar",
                    "kind": "dull",
                    "context": context,
                    "note": "stiff after sitting" if context == "diary" else None,
                    "session_id": None if context == "diary" else day + 1,
                }
            )
        if day % 30 == 0:
            screenings.append(
                {
                    "person_id": 1,
                    "taken_at": started - timedelta(minutes=5),
                    "answers": {"saddle-numbness": False, "asked-doctor": True},
                    "outcome": "go",
                    "rules_version": "2026-11-1",
                    "doctor_acknowledged": True,
                }
            )
    with engine.begin() as connection:
        connection.execute(insert(PersonRow), [{"id": 1, "name": "me", "created_at": START}])
        connection.execute(insert(ScreeningRow), screenings)
        connection.execute(insert(SessionRow), sessions)
        connection.execute(insert(ExerciseResultRow), results)
        connection.execute(insert(PainEntryRow), pains)


def timed(label: str, action: Callable[[], T]) -> T:
    """Run the action once and print how long it took."""
    start = time.perf_counter()
    value = action()
    print(f"  {label:<36} {time.perf_counter() - start:7.2f} s")
    return value


def run(days: int, folder: Path) -> None:
    """Fill a database with `days` of use and time every exchange step on it."""
    source = open_database(f"sqlite:///{folder / f'source-{days}.db'}")
    target = open_database(f"sqlite:///{folder / f'target-{days}.db'}")
    fill(source, days)
    now = START + timedelta(days=days)
    print(f"{days} days of daily use:")
    backup = timed("export JSON backup", lambda: json.dumps(export_backup(source, now)))
    print(f"  {'backup size':<36} {len(backup) / 1e6:7.1f} MB")
    document = timed("parse backup", lambda: json.loads(backup))
    # The same checks of meaning as `spinecoach import`: known ids, outcomes that follow.
    catalog, questionnaire = default_catalog(), default_screening()

    def restore() -> object:
        return restore_backup(target, document, "b", catalog, questionnaire)

    timed("restore into an empty database", restore)
    timed("restore again (every row skipped)", restore)
    timed("export CSV files", lambda: write_csv_tables(source, folder / f"csv-{days}"))
    repository = Repository(source)
    records = Records(repository, repository.ensure_default_person(START))
    bundle = timed("build FHIR bundle", lambda: fhir_bundle(records, default_catalog(), now))
    print(f"  {'FHIR bundle entries':<36} {len(bundle['entry']):7d}")  # type: ignore[arg-type]
    source.dispose()
    target.dispose()


def main() -> int:
    """Time the steps on five years of data, and on `--scale` times as much."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    scale = parser.parse_args().scale
    with tempfile.TemporaryDirectory() as folder:
        run(5 * 365, Path(folder))
        if scale > 1:
            run(5 * 365 * scale, Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
