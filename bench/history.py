"""Time history, trends, the pain chart and the PDF report on five years of daily use, then 10x.

Fills a temporary SQLite file with about 2,000 sessions, 20,000 exercise results and 4,000
diary entries (plus each session's pain before and after), then ten times that, and prints the
median of several runs of each step. Targets at five years: history and trends under 100 ms,
the report under 2 s.
"""

import gc
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from spinecoach.coaching.diary import history_overview
from spinecoach.coaching.progress import history_summaries, load_progress
from spinecoach.records import PersonRecord
from spinecoach.reports.charts import pain_chart_svg
from spinecoach.reports.history import summarise
from spinecoach.reports.pdf import ReportData, doctor_report_pdf
from spinecoach.reports.trends import compute_trends
from spinecoach.store.database import open_database
from spinecoach.store.models import ExerciseResultRow, PainEntryRow, SessionRow
from spinecoach.store.repository import Repository

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
YEARS = 5
EXERCISES = ("knee-to-chest", "seated-back-twist", "spinal-torsion", "hip-bridge", "cat-cow")
ROUTINE = {"id": "all-six", "name": "All six", "exercises": [{"exercise": e} for e in EXERCISES]}
WALL: list[float] = []  # wall-clock medians, in the order measured, for the printout
TARGETS_MS = {"history": 100.0, "trends": 100.0, "report": 2000.0}


def fill(repository: Repository, scale: int) -> PersonRecord:
    """Write `scale` people-worth of five years into one person's records, in bulk."""
    rng = random.Random(12)
    person = repository.ensure_default_person(NOW - timedelta(days=365 * YEARS * scale))
    sessions, results, pains = [], [], []
    session_id = 0
    days = 365 * YEARS * scale
    for day in range(days):
        start = NOW - timedelta(days=days - day, hours=-7)
        level = max(0, min(10, round(6 - 4 * day / days + rng.gauss(0, 1.2))))
        for _ in range(1 if rng.random() < 0.9 else 2):  # ~1.1 sessions a day
            session_id += 1
            at = start + timedelta(minutes=rng.randrange(600))
            stopped = rng.random() < 0.03
            sessions.append(
                {
                    "id": session_id,
                    "person_id": person.id,
                    "started_at": at,
                    "routine_id": "all-six",
                    "routine": ROUTINE,
                    "planned_seconds": 600,
                    "status": "stopped-pain" if stopped else "completed",
                    "ended_at": at + timedelta(minutes=10),
                }
            )
            for position in range(10 if not stopped else 3):  # two rounds of five
                results.append(
                    {
                        "session_id": session_id,
                        "exercise_id": EXERCISES[position % 5],
                        "position": position,
                        "completed_at": at + timedelta(minutes=position),
                        "repetitions_done": 3,
                        "hold_seconds_actual": 20.0,
                        "skipped": False,
                    }
                )
            for context, score, minutes in (("before", level, 0), ("after", level - 1, 10)):
                pains.append(
                    {
                        "person_id": person.id,
                        "recorded_at": at + timedelta(minutes=minutes),
                        "score": max(0, score),
                        "context": context,
                        "session_id": session_id,
                        "note": "stiff" if rng.random() < 0.05 else None,
                    }
                )
        for hour in (8, 13, 20):  # about 2.2 diary entries a day: 4,000 over five years
            if rng.random() < 0.27:
                continue
            pains.append(
                {
                    "person_id": person.id,
                    "recorded_at": start + timedelta(hours=hour - 7),
                    "score": max(0, min(10, level + rng.choice((-1, 0, 1)))),
                    "context": "diary",
                    "session_id": None,
                    "note": None,
                }
            )
    with repository._engine.begin() as connection:  # bulk load: the benchmark's own set-up
        connection.execute(insert(SessionRow), sessions)
        connection.execute(insert(ExerciseResultRow), results)
        connection.execute(insert(PainEntryRow), pains)
    print(
        f"  {len(sessions):,} sessions, {len(results):,} exercise results, "
        f"{sum(1 for p in pains if p['context'] == 'diary'):,} diary entries"
    )
    return person


def median_ms(step: Callable[[], object], runs: int) -> float:
    """Run the step once to warm up, then `runs` times; return its median CPU milliseconds.

    CPU time of this process, not wall time: the machines this runs on are shared, and a
    busy neighbour would otherwise decide the numbers. The wall time is printed beside it.
    """
    step()
    cpu, wall = [], []
    # As timeit does, collect first and pause the cyclic GC while timing: the benchmark keeps
    # far more objects alive than one command does, and scanning them is not the step's cost.
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            start, started = time.process_time(), time.perf_counter()
            step()
            cpu.append(time.process_time() - start)
            wall.append(time.perf_counter() - started)
    finally:
        gc.enable()
    WALL.append(statistics.median(wall) * 1000)
    return statistics.median(cpu) * 1000


def measure(scale: int) -> dict[str, float]:
    """Fill a fresh database at this scale and time each step."""
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        repository = Repository(engine)
        person = fill(repository, scale)
        summaries, pains = history_summaries(repository, person)
        psfs = repository.psfs_entries(person.id)
        trends = compute_trends(summaries, pains, psfs, NOW)
        progress = load_progress(repository, person, NOW)
        data = ReportData(
            person=person,
            screening=None,
            summaries=progress.summaries,
            pains=progress.pains,
            psfs=progress.psfs,
            trends=progress.trends,
        )
        runs = 5 if scale == 1 else 3
        timings = {
            "history": median_ms(lambda: history_overview(repository, person, NOW), runs),
            "trends": median_ms(lambda: compute_trends(summaries, pains, psfs, NOW), runs),
            "pain chart": median_ms(lambda: pain_chart_svg(trends), runs),
            "report": median_ms(
                lambda: doctor_report_pdf(
                    ReportData(
                        person=person,
                        screening=None,
                        **_loaded(repository, person),
                    )
                ),
                runs,
            ),
            "report (PDF only)": median_ms(lambda: doctor_report_pdf(data), runs),
        }
        if scale == 1:
            # What history cost before the batched read: one query per session.
            def per_session() -> object:
                sessions = repository.sessions(person.id)
                results = {s.id: repository.exercise_results(s.id) for s in sessions}
                return summarise(sessions, results, repository.pain_entries(person.id))

            timings["history, query per session"] = median_ms(per_session, 1)
        engine.dispose()
        return timings


def _loaded(repository: Repository, person: PersonRecord) -> dict[str, object]:
    """Load everything the report needs from the database, as the CLI does."""
    progress = load_progress(repository, person, NOW)
    return {
        "summaries": progress.summaries,
        "pains": progress.pains,
        "psfs": progress.psfs,
        "trends": progress.trends,
    }


def main() -> int:
    """Print each step at five years and at ten times that; exit 1 if a target is missed."""
    print("five years of daily use:")
    small = measure(1)
    small_wall = dict(zip(small, WALL, strict=True))
    WALL.clear()
    print("ten times the data:")
    large = measure(10)
    missed = False
    print(f"\nmedian CPU ms (wall ms)       {'5 years':>18s} {'10x data':>18s} {'growth':>7s}")
    for step, ms in small.items():
        target = TARGETS_MS.get(step)
        verdict = ""
        if target is not None:
            verdict = "  ok" if ms <= target else f"  MISSED (target {target:g} ms)"
            missed |= ms > target
        first = f"{ms:8.1f} ({small_wall[step]:7.1f})"
        later = (
            f"{large[step]:8.1f} ({WALL[list(large).index(step)]:7.1f})" if step in large else ""
        )
        grown = f"{large[step] / ms:6.1f}x" if step in large else ""
        print(f"{step:28s} {first:>18s} {later:>18s} {grown:>7s}{verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
