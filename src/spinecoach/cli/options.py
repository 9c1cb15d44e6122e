"""Plan options shared by `plan`, `timeline` and later `session`, parsed into Constraints."""

from typing import TYPE_CHECKING, Annotated

import typer

from spinecoach.catalog.vocabulary import Experience, Movement, Place, SpineRegion

if TYPE_CHECKING:
    from spinecoach.planning import Constraints

PlaceOption = Annotated[
    Place | None, typer.Option("--place", help="Where you are: chair, floor or bed.")
]
MinutesOption = Annotated[
    float | None,
    typer.Option("--minutes", min=1, max=120, help="Minutes you have; the routine fits in them."),
]
AvoidOption = Annotated[
    list[Movement] | None,
    typer.Option("--avoid", help="Something you cannot do; repeat for more."),
]
RegionOption = Annotated[
    list[SpineRegion] | None,
    typer.Option("--region", help="Where it hurts; those exercises are kept first."),
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
