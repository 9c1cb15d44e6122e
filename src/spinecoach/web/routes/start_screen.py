"""The one start screen: the player's page, asking pain before and saying what to have ready."""

from datetime import datetime

from fastapi import Request
from starlette.responses import Response

from spinecoach.catalog.labels import PAIN_KIND_WORDS, setting_words
from spinecoach.catalog.loader import Catalog
from spinecoach.coaching.cautions import session_cautions
from spinecoach.coaching.sessions import plan_today
from spinecoach.errors import SpinecoachError
from spinecoach.planning import Constraints
from spinecoach.records import PersonRecord, ResumableSession
from spinecoach.store.repository import Repository
from spinecoach.web import forms
from spinecoach.web.camera_assets import pose_model_served
from spinecoach.web.templating import render

# When the routine is not known yet (no person, nothing fits): true for every routine.
ANY_SETTING = "Put the phone where you can see it from where you will stretch."


def _setting(
    repository: Repository,
    person: PersonRecord | None,
    constraints: Constraints,
    catalog: Catalog,
    now: datetime,
) -> str:
    """Return what to have ready, from the places the planned routine can be done in."""
    if person is None:
        return ANY_SETTING
    try:
        routine = plan_today(repository, person, constraints, catalog, now)
    except SpinecoachError:
        return ANY_SETTING
    return setting_words(routine.places)


def player_page(
    request: Request,
    repository: Repository,
    person: PersonRecord | None,
    catalog: Catalog,
    now: datetime,
    constraints: Constraints,
    *,
    new_session: bool,
    session_id: int | None = None,
    unfinished: ResumableSession | None = None,
    given: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    """Render the player: its start screen carries the plan, the pain scale and the setting.

    `new_session` tells the page to start a new session even when one was interrupted (the
    start screen offers that one as a link) instead of resuming it.
    """
    context = {
        "nav": "plan",
        "session_id": session_id,
        "new_session": new_session,
        "camera_model_served": pose_model_served(),
        # Found, not created: like the home page, a visit must not make an empty profile.
        "cautions": session_cautions(repository, person) if person else (),
        "kinds": PAIN_KIND_WORDS,
        "plan_pairs": forms.plan_query(constraints),
        "setting": _setting(repository, person, constraints, catalog, now),
        "unfinished": unfinished,
        "given": given or {},
        "errors": errors or {},
    }
    return render(request, "player.html", context, status_code=status)
