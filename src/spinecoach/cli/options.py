"""Plan options shared by `plan`, `timeline` and later `session`, parsed into Constraints."""

import math
from typing import TYPE_CHECKING, Annotated

import typer

# Typer 0.28 carries its own Click (typer._click); parameter types must derive from that copy.
from typer._click import Context, Parameter
from typer._click.types import ParamType

from spinecoach.catalog.vocabulary import (
    REGION_WORDS,
    Experience,
    Movement,
    Place,
    SpineRegion,
    spine_region,
)

if TYPE_CHECKING:
    from spinecoach.planning import Constraints


class FiniteNumber(ParamType):
    """A number within [minimum, maximum]; NaN and infinities are refused, not compared."""

    name = "number"

    def __init__(self, minimum: float, maximum: float) -> None:
        self.minimum, self.maximum = minimum, maximum

    def convert(self, value: object, param: Parameter | None, ctx: Context | None) -> float:
        """Return the value as a float, or fail naming the value and the allowed range."""
        allowed = f"give a number from {self.minimum:g} to {self.maximum:g}"
        try:
            number = float(value)  # type: ignore[arg-type]  # click passes text or a default
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number; {allowed}", param, ctx)
        # NaN compares false with every bound, so a plain range check would let it through.
        if not math.isfinite(number) or not self.minimum <= number <= self.maximum:
            self.fail(f"{value} is not allowed; {allowed}", param, ctx)
        return number


class WholeNumber(FiniteNumber):
    """A whole number within [minimum, maximum], e.g. a pain score."""

    name = "integer"

    def convert(self, value: object, param: Parameter | None, ctx: Context | None) -> float:
        """Return the value as an int, or fail naming the value and the allowed range."""
        allowed = f"give a whole number from {self.minimum:g} to {self.maximum:g}"
        try:
            number = int(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not allowed; {allowed}", param, ctx)
        if not self.minimum <= number <= self.maximum:
            self.fail(f"{value} is not allowed; {allowed}", param, ctx)
        return number


REGION_HELP = "Where it hurts: neck, upper back, lower back, pelvis (sacrum) or tailbone"


def parse_region(word: str) -> SpineRegion:
    """Read a region in everyday words (lower-back) or anatomical ones (lumbar)."""
    try:
        return spine_region(word)
    except ValueError:
        raise typer.BadParameter(
            f"{word!r} is not a region; say one of {', '.join(REGION_WORDS)}"
        ) from None


PlaceOption = Annotated[
    Place | None, typer.Option("--place", help="Where you are: chair, floor or bed.")
]
MinutesOption = Annotated[
    float | None,
    typer.Option(
        "--minutes",
        click_type=FiniteNumber(1, 120),
        metavar="MINUTES",
        help="Minutes you have, 1 to 120; the routine fits in them.",
    ),
]
SpeedOption = Annotated[
    float,
    typer.Option(
        "--speed",
        click_type=FiniteNumber(0.1, 100),
        metavar="N",
        help="Play N times faster, 0.1 to 100 (for demonstrations).",
    ),
]
AvoidOption = Annotated[
    list[Movement] | None,
    typer.Option("--avoid", help="Something you cannot do; repeat for more."),
]
RegionOption = Annotated[
    list[SpineRegion] | None,
    typer.Option(
        "--region",
        parser=parse_region,
        metavar="WHERE",
        help=f"{REGION_HELP}; repeat for more. Stretches for it come first.",
    ),
]
ExperienceOption = Annotated[
    Experience, typer.Option("--experience", help="How used you are to these stretches.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
DbOption = Annotated[
    str | None,
    typer.Option("--db", metavar="URL", help="Database URL or SQLite file (or SPINECOACH_DB)."),
]


def constraints_from(
    place: Place | None,
    minutes: float | None,
    avoid: list[Movement] | None,
    region: list[SpineRegion] | None,
    experience: Experience,
    routine: str | None = None,
) -> "Constraints":
    """Build planner constraints from the parsed command-line options."""
    from spinecoach.planning import Constraints

    return Constraints(
        place=place,
        minutes=minutes,
        avoid=frozenset(avoid or ()),
        regions=frozenset(region or ()),
        experience=experience,
        routine=routine,
    )
