"""How regularly the person stretched: sessions per week against the plan, streaks, pain stops."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spinecoach.records import SessionStatus
from spinecoach.reports.history import SessionSummary, streak_days
from spinecoach.words import plural, word_for

# ACSM guidance for static stretching: at least 2-3 days a week, daily being most effective.
# The plan asks for three days a week unless the caller says otherwise; the reminder offers
# Monday, Wednesday and Friday by default. A day with two sessions is still one day of the plan.
PLANNED_SESSIONS_PER_WEEK = 3


def monday_of(day: date) -> date:
    """Return the Monday that starts the calendar week of day."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Adherence:
    """Sessions per calendar week against the plan, active days, streaks and pain stops."""

    planned_per_week: int
    weekly_sessions: tuple[tuple[date, int], ...]  # (Monday, ended sessions), oldest first
    complete_weeks: int  # weeks before the current one
    weeks_on_plan: int  # complete weeks with sessions on at least planned_per_week days
    sessions: int
    active_days: tuple[tuple[date, int], ...]  # (day, sessions), oldest first
    current_streak: int  # calendar days in a row: a Mon/Wed/Fri plan keeps it at 1
    longest_streak: int
    days_this_week: int  # days of the current calendar week with a session, today included
    weeks_on_plan_in_a_row: int  # weeks on plan back from last week, plus this one once on plan
    stopped_for_pain: int
    stopped_days: tuple[date, ...]  # local days with a session stopped for pain
    stopped_exercises: tuple[tuple[str, int], ...]  # (exercise id, times), most first

    @property
    def sessions_per_week(self) -> float | None:
        """Return the mean sessions per complete week, or None before the first full week."""
        if not self.complete_weeks:
            return None
        done = sum(count for _, count in self.weekly_sessions[: self.complete_weeks])
        return done / self.complete_weeks

    def sentence(self) -> str:
        """Describe adherence in plain words with its numbers."""
        if not self.sessions:
            return "No sessions recorded yet."
        per_week = self.sessions_per_week
        if per_week is None:
            weekly = f"{plural(self.sessions, 'session')} so far this first week"
        else:
            weekly = (
                f"{per_week:.1f} sessions a week against a plan of {self.planned_per_week}; "
                f"on plan in {self.weeks_on_plan} of {self.complete_weeks} full weeks"
            )
        plan = "; ".join(filter(None, (self.this_week(), self.plan_run())))
        return (
            f"{plural(self.sessions, 'session')}: {weekly}. {plan[0].upper()}{plan[1:]}. "
            f"Current streak {plural(self.current_streak, 'day')} in a row, "
            f"longest {plural(self.longest_streak, 'day')}."
        )

    def this_week(self) -> str:
        """Say on how many of the planned days this week the person stretched."""
        if self.days_this_week > self.planned_per_week:
            return (
                f"sessions on {plural(self.days_this_week, 'day')} this week, "
                f"{self.planned_per_week} planned"
            )
        return (
            f"sessions on {self.days_this_week} of {self.planned_per_week} planned "
            f"{word_for(self.planned_per_week, 'day')} this week"
        )

    def plan_run(self) -> str | None:
        """Say how many weeks in a row, up to now, were on plan; None before any full week."""
        if self.weeks_on_plan_in_a_row:
            return f"on plan {plural(self.weeks_on_plan_in_a_row, 'week')} in a row"
        return "last week was not on plan" if self.complete_weeks else None


def longest_run(days: Iterable[date]) -> int:
    """Return the most calendar days in a row that are all in days."""
    longest = run = 0
    previous: date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return longest


def adherence(
    summaries: Sequence[SessionSummary],
    now: datetime,
    planned_per_week: int = PLANNED_SESSIONS_PER_WEEK,
) -> Adherence:
    """Count the sessions that count by local day and week; now's zone decides the calendar.

    A stop for pain is reported even when nothing was done before it, but never a demo's.
    """
    ended = [s for s in summaries if s.counts]
    today = now.date()
    per_day = Counter(s.session.started_at.astimezone(now.tzinfo).date() for s in ended)
    per_week: Counter[date] = Counter()
    for day, count in per_day.items():
        per_week[monday_of(day)] += count
    this_week = monday_of(today)
    weeks: list[tuple[date, int]] = []
    if per_day:
        week = monday_of(min(per_day))
        while week <= this_week:
            weeks.append((week, per_week.get(week, 0)))
            week += timedelta(days=7)
    complete = [week for week, _ in weeks if week < this_week]
    # The plan is days a week (ACSM), so two sessions on one day make one day of it.
    days_per_week = Counter(monday_of(day) for day in per_day)
    stopped = [
        s
        for s in summaries
        if s.session.status is SessionStatus.STOPPED_PAIN and not s.session.demo
    ]
    exercises = Counter(s.pain_worse_during for s in stopped if s.pain_worse_during)
    return Adherence(
        planned_per_week=planned_per_week,
        weekly_sessions=tuple(weeks),
        complete_weeks=len(complete),
        weeks_on_plan=sum(1 for week in complete if days_per_week[week] >= planned_per_week),
        sessions=len(ended),
        active_days=tuple(sorted(per_day.items())),
        current_streak=streak_days(per_day, today),
        longest_streak=longest_run(per_day),
        days_this_week=days_per_week[this_week],
        weeks_on_plan_in_a_row=_weeks_on_plan_in_a_row(days_per_week, this_week, planned_per_week),
        stopped_for_pain=len(stopped),
        stopped_days=tuple(
            sorted({s.session.started_at.astimezone(now.tzinfo).date() for s in stopped})
        ),
        stopped_exercises=tuple(sorted(exercises.items(), key=lambda item: (-item[1], item[0]))),
    )


def _weeks_on_plan_in_a_row(days_per_week: Counter[date], this_week: date, planned: int) -> int:
    """Count weeks on plan back from last week; this week adds one once it is on plan too."""
    run = 1 if days_per_week[this_week] >= planned else 0
    week = this_week - timedelta(days=7)
    while days_per_week[week] >= planned:
        run += 1
        week -= timedelta(days=7)
    return run
