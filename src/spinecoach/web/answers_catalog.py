"""Shapes of the JSON API's answers about the catalogue, plans and timelines."""

from pydantic import BaseModel, ConfigDict, Field

from spinecoach.catalog.schema import Exercise, RoutineTemplate
from spinecoach.catalog.vocabulary import Side, Sides
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


class RoutineAnswer(Answer):
    """A routine ready to play: exercises in order and why the planner chose them."""

    id: str
    name: str
    rest_seconds: int
    exercises: list[PlannedExercise]
    notes: list[str]
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


class TimelineAnswer(Answer):
    """A compiled routine: the routine, its length and every cue, in order."""

    routine: RoutineAnswer
    total_seconds: float
    cues: list[Cue] = Field(description="Back to back: each starts where the last one ends.")
