"""Pydantic models of the content: exercises, positions, source passages and routine templates."""

import re
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from spinecoach.catalog.fields import Content, Slug, SourceId, Text
from spinecoach.catalog.provenance import Adaptation, Deviation
from spinecoach.catalog.vocabulary import (
    Equipment,
    Movement,
    PhaseKind,
    Place,
    Position,
    Side,
    Sides,
    SpineRegion,
)

SIDE_PLACEHOLDER = "{side}"
OTHER_SIDE_PLACEHOLDER = "{other}"
_PLACEHOLDERS = {SIDE_PLACEHOLDER, OTHER_SIDE_PLACEHOLDER}
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
# The step a cue performs is named by its number, as the player shows it: "Step 2 of 5".
StepNumber = Annotated[int, Field(ge=1)]


def fill_side(text: str, side: Side | None) -> str:
    """Put the side being worked where a text says {side}, and the other side at {other}."""
    if side is None:
        return text
    return text.replace(SIDE_PLACEHOLDER, side.value).replace(
        OTHER_SIDE_PLACEHOLDER, side.other.value
    )


def _check_placeholders(text: str) -> None:
    unknown = set(_PLACEHOLDER.findall(text)) - _PLACEHOLDERS
    if unknown:
        raise ValueError(
            f"unknown placeholder {sorted(unknown)[0]} (only {{side}} and {{other}} exist)"
        )


def _names_a_side(text: str) -> bool:
    return any(placeholder in text for placeholder in _PLACEHOLDERS)


class SourcePassage(Content):
    """One instruction or statement of the source article, summarised in our own words."""

    id: SourceId
    kind: Annotated[str, StringConstraints(pattern=r"^(instruction|fact)$")]
    summary: Text


class SourceArticle(Content):
    """The source article as a list of passages, so coverage can be checked."""

    title: Text
    passages: list[SourcePassage] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        seen: set[str] = set()
        for passage in self.passages:
            if passage.id in seen:
                raise ValueError(f"passage id {passage.id!r} appears twice")
            seen.add(passage.id)
        return self


class Step(Content):
    """One step of an exercise in plain words, with the source passages it covers."""

    text: Text
    covers: list[SourceId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_placeholders(self) -> Self:
        _check_placeholders(self.text)
        return self


class Phase(Content):
    """A timed part of a repetition and the step it performs; a hold may last the dose's time."""

    kind: PhaseKind
    step: StepNumber
    text: Text
    seconds: Annotated[float, Field(gt=0, le=30)] | None = None

    @model_validator(mode="after")
    def _seconds_given_unless_hold(self) -> Self:
        if self.seconds is None and self.kind is not PhaseKind.HOLD:
            raise ValueError(f"a {self.kind.value} phase needs seconds")
        _check_placeholders(self.text)
        return self


class BreathPattern(Content):
    """Slow breathing paced during holds."""

    inhale_seconds: Annotated[float, Field(ge=2, le=8)] = 4
    exhale_seconds: Annotated[float, Field(ge=2, le=10)] = 6


class DoseRange(Content):
    """A default with the safe range the planner may move within."""

    default: Annotated[int, Field(ge=0)]
    minimum: Annotated[int, Field(ge=0)]
    maximum: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.minimum <= self.default <= self.maximum:
            raise ValueError(
                f"must satisfy minimum <= default <= maximum, got "
                f"{self.minimum} <= {self.default} <= {self.maximum}"
            )
        return self


class Dose(Content):
    """Repetitions, hold time and sides; basis says where the numbers come from."""

    repetitions: DoseRange
    hold_seconds: DoseRange | None = None
    sides: Sides
    basis: Text


class Caution(Content):
    """Who should avoid or adapt the exercise, and how."""

    who: Text
    advice: Text
    involves: list[Movement] = Field(default_factory=list)


class Exercise(Content):
    """One stretch: what it is, how to do it, how it is timed and dosed, and who should adapt it."""

    id: Slug
    name: Text
    # The stretch's number in the article; a version adapted from one has adapted_from instead.
    article_number: Annotated[int, Field(ge=1)] | None = None
    adapted_from: Adaptation | None = None
    aliases: list[Text] = Field(default_factory=list)
    summary: Text
    position: Position
    places: list[Place] = Field(min_length=1)
    needs: list[Equipment] = Field(default_factory=list)
    movements: list[Movement] = Field(default_factory=list)
    spine_regions: list[SpineRegion] = Field(min_length=1)
    areas_stretched: list[Text] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    # The step shown while getting into position, and the one shown while changing sides.
    setup_step: StepNumber
    switch_step: StepNumber | None = None
    repetition: list[Phase] = Field(min_length=1)
    hold_breath: BreathPattern = BreathPattern()
    dose: Dose
    cautions: list[Caution] = Field(default_factory=list)
    deviations: list[Deviation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _from_the_article_or_adapted(self) -> Self:
        if (self.article_number is None) is (self.adapted_from is None):
            raise ValueError("give article_number for a stretch of the article, or adapted_from")
        if self.adapted_from is not None and self.adapted_from.place not in self.places:
            raise ValueError(
                f"adapted_from.place: {self.adapted_from.place.value!r} is not in places"
            )
        return self

    @model_validator(mode="after")
    def _dose_matches_phases(self) -> Self:
        has_hold = any(phase.kind is PhaseKind.HOLD for phase in self.repetition)
        if has_hold and self.dose.hold_seconds is None:
            raise ValueError("dose.hold_seconds is required because a phase is a hold")
        if not has_hold and self.dose.hold_seconds is not None:
            raise ValueError("dose.hold_seconds is given but no phase is a hold")
        texts = [phase.text for phase in self.repetition] + [step.text for step in self.steps]
        if self.dose.sides is Sides.ONE and any(_names_a_side(text) for text in texts):
            raise ValueError("a phase or step mentions {side} or {other} but dose.sides is 'one'")
        return self

    @model_validator(mode="after")
    def _steps_named_exist(self) -> Self:
        named = [("setup_step", self.setup_step)]
        named += [(f"repetition[{i}].step", phase.step) for i, phase in enumerate(self.repetition)]
        if self.switch_step is not None:
            named.append(("switch_step", self.switch_step))
        for where, number in named:
            if number > len(self.steps):
                raise ValueError(
                    f"{where}: there is no step {number}; the exercise has {len(self.steps)}"
                )
        if (self.switch_step is None) is (self.dose.sides is Sides.EACH):
            raise ValueError("switch_step: give it when, and only when, dose.sides is 'each'")
        if self.switch_step is not None and _names_a_side(self.steps[self.switch_step - 1].text):
            # Lists of steps are written for the first side; the switch step must fit both.
            raise ValueError("switch_step: the step for changing sides must not name a side")
        return self

    @property
    def sides_in_order(self) -> tuple[Side | None, ...]:
        """Return the sides in the order they are done; (None,) when both work together."""
        return (Side.LEFT, Side.RIGHT) if self.dose.sides is Sides.EACH else (None,)

    def steps_for(self, side: Side | None) -> list[str]:
        """Return the words of every step for one side, {side} and {other} filled in."""
        return [fill_side(step.text, side) for step in self.steps]

    @property
    def listed_steps(self) -> list[str]:
        """Return the steps as a list shows them: written for the side done first."""
        return self.steps_for(self.sides_in_order[0])

    @property
    def family(self) -> str:
        """Return the id of the article's stretch this is, or is a version of."""
        return self.adapted_from.exercise if self.adapted_from else self.id

    @property
    def covers(self) -> set[str]:
        """Return every source passage this exercise's steps and deviations cover."""
        ids = {source_id for step in self.steps for source_id in step.covers}
        return ids | {source_id for dev in self.deviations for source_id in dev.covers}


class PositionInfo(Content):
    """How to get into a starting position and how long that takes."""

    id: Position
    name: Text
    get_into: Text
    setup_seconds: Annotated[int, Field(ge=0, le=60)]


class RegionInfo(Content):
    """One of the five spine regions, in plain words."""

    id: SpineRegion
    name: Text
    where: Text
    covers: list[SourceId] = Field(default_factory=list)


class Guidance(Content):
    """A general piece of advice shown to the user, tied to the passages it covers."""

    id: Slug
    text: Text
    covers: list[SourceId] = Field(default_factory=list)


class Body(Content):
    """Positions, spine regions and general guidance: the content that is not an exercise."""

    positions: list[PositionInfo]
    regions: list[RegionInfo]
    guidance: list[Guidance]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        missing_positions = set(Position) - {p.id for p in self.positions}
        if missing_positions:
            raise ValueError(f"positions missing: {sorted(missing_positions)}")
        missing_regions = set(SpineRegion) - {r.id for r in self.regions}
        if missing_regions:
            raise ValueError(f"regions missing: {sorted(missing_regions)}")
        return self


class RoutineEntry(Content):
    """An exercise in a routine template; unset doses mean the planner decides."""

    exercise: Slug
    repetitions: Annotated[int, Field(ge=1)] | None = None
    hold_seconds: Annotated[int, Field(ge=0)] | None = None


class RoutineTemplate(Content):
    """A named built-in routine: which exercises in which order, and its limits."""

    id: Slug
    name: Text
    description: Text
    exercises: list[RoutineEntry] = Field(min_length=1)
    max_minutes: Annotated[float, Field(gt=0)] | None = None
    rest_seconds: Annotated[int, Field(ge=0, le=120)] = 10
