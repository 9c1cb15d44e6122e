"""Shapes of the JSON API's answers about the screen, the pain diary, history and the scale."""

from pydantic import Field

from spinecoach.catalog.vocabulary import PainKind, SpineRegion
from spinecoach.records import PainContext, SessionStatus
from spinecoach.safety.schema import ItemKind, RedFlagOutcome
from spinecoach.safety.screening import Outcome
from spinecoach.session_outcome import SessionOutcome
from spinecoach.web.answers_catalog import Answer


class ScreeningQuestion(Answer):
    """One question; a yes to a red flag leads to its outcome."""

    id: str
    question: str
    kind: ItemKind
    outcome: RedFlagOutcome | None


class ScreeningQuestions(Answer):
    """Every screening question in order, with the rules' version."""

    version: str
    items: list[ScreeningQuestion]


class ScreeningReason(Answer):
    """A question answered yes and what it means."""

    id: str
    reason: str


class TriggeredReason(ScreeningReason):
    """A red flag answered yes and where it leads."""

    outcome: RedFlagOutcome | None


class ScreeningOutcome(Answer):
    """What to do after the screen: get help now, see a doctor first, or go ahead."""

    outcome: Outcome
    message: str
    rules_version: str
    doctor_acknowledged: bool
    triggered: list[TriggeredReason]
    reminders: list[ScreeningReason]
    watch_for: list[ScreeningReason]


class LatestScreening(Answer):
    """The latest screening still valid, or screen_due when a new one is needed."""

    outcome: Outcome | None
    taken_at: str | None
    screen_due: bool


class PainEntry(Answer):
    """One pain score, 0-10, given outside a session or around one."""

    id: int
    recorded_at: str
    score: int
    region: SpineRegion | None
    kind: PainKind | None
    context: PainContext
    note: str | None
    session_id: int | None


class SessionSummary(Answer):
    """One past session with pain before and after it."""

    id: int
    started_at: str
    ended_at: str | None
    routine_id: str
    routine_name: str
    status: SessionStatus
    status_text: str
    outcome: SessionOutcome
    outcome_text: str
    counts: bool = Field(
        description="whether it counts for the streak, the week and trends: ended, at normal "
        "speed, with at least one stretch done"
    )
    planned_seconds: int
    exercises_done: list[str]
    exercises_skipped: list[str]
    exercises_not_reached: list[str]
    pain_before: int | None
    pain_after: int | None
    pain_worse_during: str | None
    speed: float
    demo: bool


class PageLinks(Answer):
    """Whether a list has older and newer entries than this page, and the cursors to them."""

    has_older: bool
    older: str | None = Field(description="pass as sessions_before or diary_before")
    has_newer: bool
    newer: str | None = Field(description="pass as sessions_after or diary_after")


class HistoryAnswer(Answer):
    """A page of sessions and of the pain diary (each oldest first), the streak, the week."""

    sessions: list[SessionSummary]
    diary: list[PainEntry]
    streak_days: int
    sessions_this_week: int
    limit: int
    sessions_page: PageLinks
    diary_page: PageLinks


class ActivityScore(Answer):
    """One activity and how well it goes: 0 not at all, 10 as before the pain."""

    activity: str
    score: int


class FunctionEntryAnswer(Answer):
    """A filled-in activity scale with its mean."""

    id: int
    taken_at: str
    ratings: list[ActivityScore]
    mean: float


class FunctionAnswer(Answer):
    """Every activity scale entry, whether one is due, what to rate and the change in words."""

    entries: list[FunctionEntryAnswer]
    due: bool
    activities: list[str]
    change: str | None


class ImportSummary(Answer):
    """Rows added and rows already there, per table."""

    inserted: dict[str, int] = Field(description="Rows added, per table.")
    skipped: dict[str, int] = Field(description="Rows already stored, per table.")
