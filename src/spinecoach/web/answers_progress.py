"""Shape of the JSON API's trend answer: the verdict and the numbers it rests on."""

from pydantic import Field

from spinecoach.records import PainContext
from spinecoach.reports.function import FunctionDirection
from spinecoach.reports.trends import VerdictKind
from spinecoach.web.answers_catalog import Answer


class Verdict(Answer):
    """Whether things are improving, in plain words, what that rests on and what to do."""

    kind: VerdictKind
    label: str
    basis: str
    advice: str
    function: str | None


class PainChange(Answer):
    """One pain series' start and latest level: the means of its first and latest three scores."""

    series: PainContext
    start: float
    latest: float
    first_at: str
    last_at: str
    scores: int
    sessions: int
    improved: bool
    worsened: bool


class AdherenceAnswer(Answer):
    """Sessions per week against the plan, streaks and stops for pain."""

    sessions: int
    planned_per_week: int
    sessions_per_week: float | None
    complete_weeks: int
    weeks_on_plan: int
    current_streak: int = Field(description="Calendar days in a row with a session.")
    longest_streak: int
    days_this_week: int = Field(description="Days this calendar week with a session.")
    weeks_on_plan_in_a_row: int = Field(
        description="Weeks on plan back from last week, plus this week once it is on plan."
    )
    stopped_for_pain: int
    stopped_exercises: dict[str, int] = Field(description="Exercise id: times stopped for pain.")


class ActivityChange(Answer):
    """One activity's first and latest score on the activity scale."""

    activity: str
    first: int
    latest: int


class FunctionTrend(Answer):
    """The activity scale's first and latest mean, and each activity's change."""

    first_mean: float
    latest_mean: float
    direction: FunctionDirection
    activities: list[ActivityChange]


class WeekPainAnswer(Answer):
    """One calendar week's mean pain before sessions and in the diary."""

    monday: str
    before: float | None
    diary: float | None
    sessions: int


class TrendsAnswer(Answer):
    """The verdict with its basis, pain change, adherence, function and weekly pain."""

    verdict: Verdict
    pain_change: PainChange | None
    per_session_change: float | None
    sessions_with_both_scores: int
    adherence: AdherenceAnswer
    function: FunctionTrend | None
    weeks: list[WeekPainAnswer]
