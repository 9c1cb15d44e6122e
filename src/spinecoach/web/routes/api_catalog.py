"""JSON API: the catalogue, one exercise, the next session's plan and its compiled timeline."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from spinecoach.catalog.schema import Exercise
from spinecoach.catalog.vocabulary import Experience, Movement, Place, SpineRegion
from spinecoach.coaching.sessions import plan_today
from spinecoach.planning import Constraints, plan
from spinecoach.timeline import compile_timeline, timeline_to_dict, total_seconds
from spinecoach.web.answers_catalog import CatalogAnswer, PlanAnswer, TimelineAnswer
from spinecoach.web.deps import CatalogDep, ClockDep, PersonDep, RepositoryDep
from spinecoach.web.schemas import error_responses

router = APIRouter(prefix="/api", tags=["catalogue and plans"], responses=error_responses(400))

JsonDict = dict[str, Any]


def constraints(
    place: Annotated[Place | None, Query(description="Where you are.")] = None,
    minutes: Annotated[
        float | None, Query(ge=1, le=120, description="Minutes you have; the plan fits in them.")
    ] = None,
    avoid: Annotated[list[Movement] | None, Query(description="Movements to leave out.")] = None,
    region: Annotated[
        list[SpineRegion] | None, Query(description="Where it hurts; those come first.")
    ] = None,
    experience: Annotated[Experience, Query()] = Experience.NEW,
    routine: Annotated[
        str | None, Query(max_length=100, description="Start from a built-in routine.")
    ] = None,
) -> Constraints:
    """Turn the plan query parameters into planner constraints."""
    return Constraints(
        place=place,
        minutes=minutes,
        avoid=frozenset(avoid or ()),
        regions=frozenset(region or ()),
        experience=experience,
        routine=routine or None,
    )


ConstraintsDep = Annotated[Constraints, Depends(constraints)]


@router.get("/catalog", summary="Every exercise and built-in routine")
def get_catalog(catalog: CatalogDep) -> CatalogAnswer:
    """Return every exercise (the six and their chair versions) and the built-in routines."""
    return CatalogAnswer(
        exercises=list(catalog.exercises.values()), routines=list(catalog.routines.values())
    )


@router.get(
    "/exercises/{exercise_id}", summary="One exercise in full", responses=error_responses(404)
)
def get_exercise(exercise_id: str, catalog: CatalogDep) -> Exercise:
    """Return one exercise: steps, breathing, dose, cautions, deviations from the article."""
    return catalog.exercise(exercise_id)


@router.get(
    "/plan",
    summary="What the next session would do",
    response_model=PlanAnswer,
    responses=error_responses(404),
)
def get_plan(
    choice: ConstraintsDep,
    catalog: CatalogDep,
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
) -> JsonDict:
    """Plan the next session from the person's history, with its total length."""
    planned = plan_today(repository, person, choice, catalog, clock.now())
    return {**planned.to_dict(), "total_seconds": total_seconds(compile_timeline(planned))}


@router.get(
    "/timeline",
    summary="Every timed cue of a routine at its starting dose",
    response_model=TimelineAnswer,
    responses=error_responses(404),
)
def get_timeline(choice: ConstraintsDep, catalog: CatalogDep, clock: ClockDep) -> JsonDict:
    """Return the compiled timeline, as `spinecoach timeline --json` prints it."""
    planned = plan(choice, [], clock.now().date(), catalog)
    return timeline_to_dict(planned, compile_timeline(planned))
