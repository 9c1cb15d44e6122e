"""JSON API: the person's name and year of birth, read and replaced."""

from typing import Any

from fastapi import APIRouter, Depends, Request

from spinecoach.coaching.profile import Profile, profile_json, save_profile
from spinecoach.web.deps import ClockDep, PersonDep, RepositoryDep, forget_person, profile_at_home
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.schemas import ProfileAnswer, ProfileChange, error_responses

router = APIRouter(
    prefix="/api",
    tags=["profile"],
    route_class=JsonBodyRoute,
    responses=error_responses(400),
)


@router.get("/profile", summary="Your name and year of birth", response_model=ProfileAnswer)
def get_profile(person: PersonDep) -> dict[str, Any]:
    """Return the name and year of birth as kept (null when not given)."""
    return profile_json(person)


@router.put(
    "/profile",
    dependencies=[Depends(profile_at_home)],
    summary="Change your name and year of birth",
    response_model=ProfileAnswer,
    responses=error_responses(403, 422),
)
def put_profile(
    request: Request,
    body: ProfileChange,
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
) -> dict[str, Any]:
    """Replace both (null clears one); a name with control characters or a year to come is 400."""
    profile = Profile(name=body.name, birth_year=body.birth_year)
    saved = save_profile(repository, person, profile, clock.now())
    forget_person(request)
    return profile_json(saved)
