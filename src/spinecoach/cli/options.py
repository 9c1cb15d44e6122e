"""Plan options shared by `plan`, `timeline` and later `session`, parsed into Constraints."""

import math
from typing import TYPE_CHECKING, Annotated

import typer

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

REGION_HELP = "Where it hurts: neck, upper back, lower back, pelvis (sacrum) or tailbone"


def parse_region(word: str) -> SpineRegion:
    """Read a region in everyday words (lower-back) or anatomical ones (lumbar)."""
    try:
        return spine_region(word)
    except ValueError:
        raise typer.BadParameter(
            f"{word!r} is not a region; say one of {', '.join(REGION_WORDS)}"
        ) from None


def _number_between(text: str, low: float, high: float, what: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not low <= number <= high:  # also refuses nan
        raise typer.BadParameter(f"give {what}, {low:g} to {high:g}, not {text!r}")
    return number


def parse_minutes(text: str) -> float:
    """Read the minutes available: a number from 1 to 120."""
    return _number_between(text, 1, 120, "the minutes you have")


def parse_speed(text: str) -> float:
    """Read how many times faster to play: 0.1 to 100."""
    return _number_between(text, 0.1, 100, "how many times faster to play")


PlaceOption = Annotated[
    Place | None, typer.Option("--place", help="Where you are: chair, floor or bed.")
]
MinutesOption = Annotated[
    float | None,
    typer.Option(
        "--minutes",
        parser=parse_minutes,
        metavar="MINUTES",
        help="Minutes you have, 1 to 120; the routine fits in them.",
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
