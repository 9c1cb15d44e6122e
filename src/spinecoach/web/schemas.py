"""Pydantic shapes of the JSON API's request bodies and answers, as OpenAPI documents them."""

from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    model_validator,
)

from spinecoach.catalog.vocabulary import Experience, Movement, PainKind, Place, SpineRegion
from spinecoach.records import MAX_CORRECTION_LENGTH, MAX_CORRECTIONS

# Strict numbers and flags: JSON false is not a pain score of 0, nor "yes" a true.
PainScore = Annotated[
    StrictInt, Field(ge=0, le=10, description="0 no pain, 10 the worst imaginable.")
]
Note = Annotated[str, Field(max_length=2000)]
# Ids are 32-bit integers on PostgreSQL; a larger one is a 422, never a database overflow.
SessionId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Reason = Literal["finished", "pain", "quit"]


def _as_list(value: object) -> object:
    """Accept one region as well as a list of them."""
    return [value] if isinstance(value, str) else value


class Body(BaseModel):
    """Strict base: an unknown field is an error naming it."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    """Every error: a message, or FastAPI's per-field list for invalid input."""

    detail: str | list[dict[str, Any]]


class ScreeningAnswers(Body):
    """Every screening question's id with a yes (true) or no (false)."""

    answers: dict[Annotated[str, Field(max_length=100)], StrictBool]


class SessionStart(Body):
    """What the person chose for a new session, and their pain before it."""

    routine: Annotated[str, Field(max_length=100)] | None = None
    place: Place | None = None
    minutes: Annotated[StrictFloat, Field(ge=1, le=120)] | None = None
    avoid: list[Movement] = Field(default_factory=list, max_length=10)
    region: Annotated[list[SpineRegion], BeforeValidator(_as_list)] = Field(
        default_factory=list, max_length=10
    )
    experience: Experience = Experience.NEW
    kind: PainKind | None = None
    pain_before: PainScore
    speed: Annotated[StrictFloat, Field(gt=0, le=100)] = 1.0


class ResultFields(BaseModel):
    """One exercise of a session as the API names it, alike when sent and when read back."""

    position: Annotated[StrictInt, Field(ge=0, le=1_000_000)]
    exercise: Annotated[str, Field(min_length=1, max_length=100)]
    repetitions_done: Annotated[StrictInt, Field(ge=0, le=1000)]
    hold_seconds: Annotated[StrictFloat, Field(ge=0, le=3600)]
    skipped: StrictBool
    # What the camera coach counted on the device; all three null (or left out) with it off.
    reps_seen: Annotated[StrictInt, Field(ge=0, le=1000)] | None = None
    good_form_seconds: Annotated[StrictFloat, Field(ge=0, le=3600)] | None = None
    corrections: (
        list[Annotated[str, Field(min_length=1, max_length=MAX_CORRECTION_LENGTH)]] | None
    ) = Field(default=None, max_length=MAX_CORRECTIONS)

    @model_validator(mode="after")
    def _camera_all_or_none(self) -> "ResultFields":
        given = [self.reps_seen, self.good_form_seconds, self.corrections]
        if any(value is None for value in given) and any(value is not None for value in given):
            raise ValueError(
                "reps_seen, good_form_seconds and corrections come together (camera on) "
                "or not at all (camera off)"
            )
        return self


class ExerciseResult(ResultFields, Body):
    """One exercise of the session, sent the moment it ended."""

    # The same key on a retry; the stored result at (session, position) is the answer.
    idempotency_key: Annotated[str, Field(min_length=1, max_length=200)]


class RecordedResult(ResultFields):
    """An exercise result as stored, in the session it belongs to."""

    session_id: int
    completed_at: str


class SessionInfo(BaseModel):
    """A session as stored: when it started and ended, its routine and how it ended."""

    id: int
    started_at: str
    ended_at: str | None
    routine_id: str
    status: str
    planned_seconds: int


class PlayableSession(BaseModel):
    """A session to play: its timeline, where to begin and where each exercise is recorded."""

    session: SessionInfo
    timeline: dict[str, Any] = Field(description="The compiled timeline, as /api/timeline.")
    first_exercise: int = Field(description="The exercise of the timeline to start from.")
    speed: float
    positions: list[int] = Field(
        description="For each exercise of the timeline, the position its result is recorded "
        "under (a resumed session plays only what is left of its routine)."
    )
    notes: list[str] = Field(description="Why the plan is as it is; what a resume left out.")


class CurrentSession(PlayableSession):
    """The interrupted session, re-planned from where it stopped, and what it already holds."""

    results: list[RecordedResult]
    pain_before: int | None


class SessionSummaryAnswer(BaseModel):
    """What a finished session did: done and skipped, minutes, pain before and after."""

    session_id: int
    routine_name: str
    status: str
    ending: str
    done: list[str]
    skipped: list[str]
    not_reached: list[str]
    stopped_during: str | None
    counts: bool
    minutes: float
    pain_before: int | None
    pain_after: int | None
    advice: list[str]
    camera: list[str]


class SessionFinish(Body):
    """How the session ended, pain after it and an optional note."""

    reason: Reason
    pain_after: PainScore | None = None
    note: Note | None = None
    stopped_in: Annotated[str, Field(min_length=1, max_length=100)] | None = Field(
        None,
        description="reason pain: the exercise the person had begun moving in, or null when "
        "none had started (then no stretch is left out of later plans). Left out, the server "
        "assumes the exercise after the last recorded result.",
    )


class PainDiaryEntry(Body):
    """A pain score given outside a session."""

    score: PainScore
    region: SpineRegion | None = None
    kind: PainKind | None = None
    note: Note | None = None


class ProfileFields(BaseModel):
    """The name and year of birth shown on reports and exports; either may be null."""

    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    birth_year: Annotated[StrictInt, Field(description="e.g. 1961; not in the future.")] | None = (
        None
    )


class ProfileChange(ProfileFields, Body):
    """A new name and year of birth; a field left out or null is cleared."""


class ProfileAnswer(ProfileFields):
    """The profile as kept, the same shape `spinecoach profile --json` prints."""


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Document the error statuses an operation can answer with, all with ErrorBody."""
    return {status: {"model": ErrorBody} for status in statuses}
