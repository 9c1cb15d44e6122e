"""Shapes of the JSON API's answers about the catalogue, plans and timelines."""

from pydantic import BaseModel, ConfigDict, Field

from spinecoach.catalog.routine import LeftOutReason
from spinecoach.catalog.schema import Exercise, RoutineTemplate
from spinecoach.catalog.vocabulary import Movement, Place, Side, Sides
from spinecoach.timeline import CueKind


class Answer(BaseModel):
    """Strict base for answers: a field the route adds but the model lacks fails the tests."""

    model_config = ConfigDict(extra="forbid")


class CatalogAnswer(Answer):
    """Every exercise and every built-in routine, as the content files define them."""

    exercises: list[Exercise]
    routines: list[RoutineTemplate]


class PlannedExercise(Answer):
    """One exercise of a routine at today's dose."""

    exercise: str
    name: str
    position: str
    repetitions: int
    hold_seconds: int
    sides: Sides


class StartingDose(Answer):
    """The dose an exercise started at."""

    repetitions: int
    hold_seconds: int


class DoseProgress(Answer):
    """Why a planned stretch has its dose: the sessions that moved it."""

    exercise: str
    starting_dose: StartingDose
    good_sessions: list[int]
    pain_rises: list[int]
    not_counted: list[int]


class LeftOutAnswer(Answer):
    """One exercise the planner left out, why, and what that depends on (by reason)."""

    exercise: str
    reason: LeftOutReason
    places: list[Place] | None = Field(None, description="place: where it is done")
    stand_in: str | None = Field(None, description="place: its version planned instead")
    movements: list[Movement] | None = Field(None, description="avoid: what it involves")
    pain_worse_on: str | None = Field(None, description="pain: the day pain got worse")
    pain_worse_during: str | None = Field(None, description="pain: during which exercise")
    minutes: float | None = Field(None, description="time: the minutes it did not fit in")


class RoutineAnswer(Answer):
    """A routine ready to play: exercises in order and why the planner chose them."""

    id: str
    name: str
    rest_seconds: int
    exercises: list[PlannedExercise]
    notes: list[str]
    left_out: list[LeftOutAnswer]
    progress: list[DoseProgress]


class PlanAnswer(RoutineAnswer):
    """The next session's routine with its total length, as `spinecoach plan --json` prints it."""

    total_seconds: float


class Breath(Answer):
    """One breath in or out inside a hold, from the start of the hold cue."""

    offset: float
    seconds: float
    kind: CueKind


class CueStep(Answer):
    """The exercise step a cue performs: its number, how many there are, its words."""

    number: int
    count: int
    text: str


class NextPart(Answer):
    """The stretch and side that come after the one a cue belongs to."""

    exercise: str
    name: str
    side: Side | None


class Cue(Answer):
    """One timed instruction: starts `at` seconds after the start and lasts `duration`."""

    at: float
    duration: float
    kind: CueKind
    exercise: str | None
    side: Side | None
    repetition: int | None
    text: str
    breaths: list[Breath]
    step: CueStep | None
    next: NextPart | None = Field(description="None on the last stretch's last side")


class TimelineAnswer(Answer):
    """A compiled routine: the routine, its length and every cue, in order."""

    routine: RoutineAnswer
    setting: str = Field(description="What to have ready, for the routine's places")
    total_seconds: float
    cues: list[Cue] = Field(description="Back to back: each starts where the last one ends.")
