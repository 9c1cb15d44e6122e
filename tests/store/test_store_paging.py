"""Paging a long diary and reading its trends in bounded SQL, on SQLite and PostgreSQL."""

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import event, insert

from spinecoach.coaching.diary import PageAt, history_page
from spinecoach.coaching.progress import load_progress, session_summaries
from spinecoach.errors import InvalidInputError
from spinecoach.records import PageCursor, PainContext, PersonRecord
from spinecoach.reports.charts import pain_chart_svg
from spinecoach.reports.trends import compute_trends
from spinecoach.store.keyset import MAX_PAGE
from spinecoach.store.models import ExerciseResultRow, PainEntryRow, SessionRow
from spinecoach.store.repository import Repository
from tests.store.conftest import T0

# Five hours west of UTC: local weeks begin at 05:00 UTC on Mondays, so a score late on a
# Sunday evening belongs to a different week than UTC would put it in.
WEST = timezone(timedelta(hours=-5))
ROUTINE = {"id": "desk-break", "exercises": [{"exercise": "cat-cow"}]}


def bulk_diary(repository: Repository, person: PersonRecord, times: list[datetime]) -> None:
    """Insert diary scores at these times in one statement, as a long import would."""
    rows = [
        {
            "person_id": person.id,
            "recorded_at": at,
            "score": index % 11,
            "context": "diary",
            "session_id": None,
            "note": "stiff" if index % 9 == 0 else None,
        }
        for index, at in enumerate(times)
    ]
    with repository._engine.begin() as connection:  # the test's own bulk set-up
        connection.execute(insert(PainEntryRow), rows)


def fill_weeks(repository: Repository, person: PersonRecord, diary: int) -> datetime:
    """Write ten weeks of sessions (two of them demos) and `diary` diary scores; return now."""
    rng = random.Random(diary)
    sessions, results, pains = [], [], []
    for day in range(70):
        at = T0 + timedelta(days=day, hours=rng.randrange(14))
        number = day + 1
        sessions.append(
            {
                "id": number,
                "person_id": person.id,
                "started_at": at,
                "routine_id": "desk-break",
                "routine": ROUTINE,
                "planned_seconds": 60,
                "status": "stopped-pain" if day % 17 == 0 else "completed",
                "ended_at": at + timedelta(minutes=5),
                "speed": 20.0 if day in (3, 40) else 1.0,
            }
        )
        results.append(
            {
                "session_id": number,
                "exercise_id": "cat-cow",
                "position": 0,
                "completed_at": at + timedelta(minutes=2),
                "repetitions_done": 3,
                "hold_seconds_actual": 5.0,
                "skipped": False,
            }
        )
        level = 7 - day // 12
        for context, minutes in (("before", 0), ("after", 5)):
            pains.append(
                {
                    "person_id": person.id,
                    "recorded_at": at + timedelta(minutes=minutes),
                    "score": max(0, min(10, level + rng.choice((-1, 0, 1)))),
                    "context": context,
                    "session_id": number,
                    "note": None,
                }
            )
    with repository._engine.begin() as connection:
        connection.execute(insert(SessionRow), sessions)
        connection.execute(insert(ExerciseResultRow), results)
        connection.execute(insert(PainEntryRow), pains)
    step = timedelta(days=70) / diary
    bulk_diary(repository, person, [T0 + step * i for i in range(diary)])
    return (T0 + timedelta(days=70, hours=20)).astimezone(WEST)


def walk_older(repository: Repository, person: PersonRecord, limit: int) -> Iterator[list[int]]:
    """Yield each page of the diary from the newest back, newest first within the walk."""
    before: PageCursor | None = None
    while True:
        page = repository.pain_page(person.id, PainContext.DIARY, before=before, limit=limit)
        yield [entry.id for entry in page.items]
        if page.older is None:
            return
        before = page.older


def test_older_pages_hold_every_entry_once_in_order_while_new_ones_arrive(
    repository: Repository, me: PersonRecord
) -> None:
    # Ties: three scores at each instant, so the id has to break them.
    bulk_diary(repository, me, [T0 + timedelta(minutes=i // 3) for i in range(95)])
    expected = [e.id for e in repository.pain_entries(me.id, context=PainContext.DIARY)][::-1]

    seen: list[int] = []
    for number, page in enumerate(walk_older(repository, me, 10)):
        seen += page[::-1]
        # A score given while the person reads older pages lands on the newest page only.
        repository.record_pain(
            me.id, recorded_at=T0 + timedelta(days=1, minutes=number), score=3, context="diary"
        )

    assert seen == expected
    assert len(set(seen)) == 95


def test_newer_pages_lead_back_to_the_latest_with_nothing_lost(
    repository: Repository, me: PersonRecord
) -> None:
    bulk_diary(repository, me, [T0 + timedelta(minutes=i // 2) for i in range(47)])
    every = [e.id for e in repository.pain_entries(me.id, context=PainContext.DIARY)]
    first = repository.pain_page(me.id, PainContext.DIARY, limit=10)
    oldest = first
    while oldest.older is not None:
        oldest = repository.pain_page(me.id, PainContext.DIARY, before=oldest.older, limit=10)

    seen = [e.id for e in oldest.items]
    page = oldest
    while page.newer is not None:
        page = repository.pain_page(me.id, PainContext.DIARY, after=page.newer, limit=10)
        seen += [e.id for e in page.items]

    assert first.newer is None and first.older is not None
    assert oldest.older is None and len(oldest.items) == 7
    assert seen == every


@pytest.mark.parametrize("limit", [0, MAX_PAGE + 1, -5])
def test_a_page_holds_one_to_a_hundred(
    repository: Repository, me: PersonRecord, limit: int
) -> None:
    with pytest.raises(InvalidInputError, match="limit"):
        repository.pain_page(me.id, PainContext.DIARY, limit=limit)


def test_a_page_holds_at_most_a_hundred_and_says_there_is_more(
    repository: Repository, me: PersonRecord
) -> None:
    bulk_diary(repository, me, [T0 + timedelta(seconds=i) for i in range(MAX_PAGE + 1)])

    page = repository.pain_page(me.id, PainContext.DIARY, limit=MAX_PAGE)

    assert len(page.items) == MAX_PAGE
    assert page.older is not None and page.newer is None


def test_sessions_page_like_the_diary(repository: Repository, me: PersonRecord) -> None:
    now = fill_weeks(repository, me, 30)
    every = [s.id for s in repository.sessions(me.id)]

    seen: list[int] = []
    at = PageAt()
    while True:
        page = history_page(repository, me.id, now, sessions=at, limit=8)
        seen = [s.session.id for s in page.sessions.items] + seen
        if page.sessions.older is None:
            break
        at = PageAt(before=page.sessions.older)

    assert seen == every
    first = history_page(repository, me.id, now, limit=8).sessions.items[-1]
    assert first.pain_before is not None and first.done == ("cat-cow",)


@pytest.mark.parametrize("diary", [40, 1500])
def test_trends_read_in_sql_are_the_trends_of_every_record(
    repository: Repository, me: PersonRecord, diary: int
) -> None:
    """Few scores (each one a dot on the chart) and many (weekly means only): the same answer."""
    now = fill_weeks(repository, me, diary)
    since = T0 + timedelta(days=20)
    summaries = session_summaries(repository, me.id)
    pains = repository.pain_entries(me.id)
    psfs = repository.psfs_entries(me.id)

    for start in (None, since):
        read = load_progress(repository, me, now, start).trends
        whole = compute_trends(summaries, pains, psfs, now, since=start)

        assert read.verdict == whole.verdict
        assert read.weeks == whole.weeks
        assert read.change == whole.change
        assert read.adherence == whole.adherence
        assert read.scores.count == whole.scores.count
        assert pain_chart_svg(read) == pain_chart_svg(whole)


class Statements:
    """Count the SQL statements an engine runs, and keep those that read pain_entries."""

    def __init__(self) -> None:
        self.count = 0
        self.on_pain: list[str] = []

    def __call__(self, *args: Any) -> None:
        statement = str(args[2])
        self.count += 1
        if "pain_entries" in statement:
            self.on_pain.append(" ".join(statement.split()).lower())


def statements_for(repository: Repository, person: PersonRecord, now: datetime) -> Statements:
    """Return the statements of one history page and the trends, as /history reads them."""
    seen = Statements()
    event.listen(repository._engine, "before_cursor_execute", seen)
    try:
        history_page(repository, person.id, now)
        load_progress(repository, person, now)
    finally:
        event.remove(repository._engine, "before_cursor_execute", seen)
    return seen


def test_the_history_and_trends_run_the_same_bounded_reads_for_any_diary_length(
    repository: Repository, me: PersonRecord
) -> None:
    now = fill_weeks(repository, me, 1000)
    few = statements_for(repository, me, now)
    bulk_diary(repository, me, [T0 + timedelta(minutes=7 * i) for i in range(3000)])
    many = statements_for(repository, me, now)

    assert many.count == few.count
    # Each read of the scores is a LIMIT, an aggregate, or keyed to sessions or to the pain
    # rule's last four weeks: none returns the diary row by row.
    for statement in many.on_pain:
        bounded = (
            " limit " in statement
            or "count(" in statement
            or "sum(" in statement
            or "pain_entries.session_id in" in statement
            or "session_id is not null" in statement
            or "recorded_at >=" in statement
        )
        assert bounded, statement
