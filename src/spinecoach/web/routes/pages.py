"""HTML pages around the session: home, welcome, about and the player's page."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.coaching.choice_words import choices_line
from spinecoach.coaching.diary import streak_and_week
from spinecoach.coaching.function_scale import psfs_offer
from spinecoach.coaching.preferences import SessionPreferences, remembered
from spinecoach.coaching.safety_gate import safety_gate
from spinecoach.coaching.sessions import interrupted_session, plan_today
from spinecoach.coaching.stopped_words import where_it_stopped
from spinecoach.errors import NothingFitsError, SpinecoachError
from spinecoach.planning import Constraints
from spinecoach.safety.screening import Outcome
from spinecoach.timeline import compile_timeline, total_seconds
from spinecoach.web import forms
from spinecoach.web.deps import CatalogDep, ClockDep, PersonIfAnyDep, RepositoryDep
from spinecoach.web.nothing_fits import nothing_fits_context
from spinecoach.web.routes.start_screen import player_page
from spinecoach.web.templating import render, template_exists

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    repository: RepositoryDep,
    person: PersonIfAnyDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> Response:
    """Show today's routine from the remembered choices, the streak, the last pain, a big Start."""
    now = clock.now()
    # Found, not created: a first visit leaves the database empty, so a backup from another
    # computer can still be restored on /data with its own person.
    if person is None or repository.latest_screening(person.id) is None:
        return RedirectResponse("/welcome", status_code=303)
    gate = safety_gate(repository, person, now)
    unfinished = interrupted_session(repository, person, now)
    streak, week = streak_and_week(repository, person.id, now)
    # The same choices the terminal offers as its defaults: set once, not every morning.
    choices = remembered(repository, person)
    constraints = choices.constraints()
    query = urlencode(forms.plan_query(constraints))
    routine, minutes, nothing_fits = None, 0.0, {}
    try:
        routine = plan_today(repository, person, constraints, catalog, now)
        minutes = total_seconds(compile_timeline(routine)) / 60
    except NothingFitsError as error:  # e.g. the chosen stretches rest after a pain stop
        nothing_fits = nothing_fits_context(error, constraints)
    except SpinecoachError:
        pass
    context = {
        "nav": "home",
        "gate": gate,
        "routine": routine,
        "minutes": minutes,
        **nothing_fits,
        "choices": choices_line(choices) if choices != SessionPreferences() else None,
        "start_url": "/start" + (f"?{query}" if query else ""),
        "change_url": "/plan" + (f"?{query}" if query else ""),
        "streak": streak,
        "week": week,
        "last_pain": repository.latest_pain(person.id),
        "unfinished": unfinished,
        "stopped_where": where_it_stopped(unfinished, catalog) if unfinished else None,
        # Offered when due, as the terminal offers it before a session; never in the way.
        "psfs_offer": psfs_offer(repository, person, now) if gate.outcome is Outcome.GO else None,
        "psfs_return": "/",
        # A clinic's patient reads their clinician's note beside the programme it goes with.
        "programme": repository.current_programme(person.id, now.date()),
    }
    return render(request, "home.html", context)


@router.get("/welcome", response_class=HTMLResponse)
def welcome(request: Request) -> Response:
    """Say what spinecoach is and is not, then lead to the safety questions."""
    return render(request, "welcome.html", {"nav": "about"})


@router.get("/about", response_class=HTMLResponse)
def about(request: Request, catalog: CatalogDep) -> Response:
    """Explain safety, privacy and where the guidance comes from."""
    return render(request, "about.html", {"nav": "about", "catalog": catalog})


@router.get("/offline", response_class=HTMLResponse)
def offline(request: Request) -> Response:
    """Show the page the service worker keeps for a page it has no copy of, server away."""
    return render(request, "offline.html", {})


@router.get("/play", response_class=HTMLResponse)
def play(
    request: Request,
    repository: RepositoryDep,
    person: PersonIfAnyDep,
    catalog: CatalogDep,
    clock: ClockDep,
    session_id: int | None = None,
) -> Response:
    """Show the in-browser player: it resumes the session that never ended, or starts one."""
    if not template_exists("player.html"):
        context = {
            "status": 404,
            "title": "Player not here yet",
            "detail": "No player in this build.",
        }
        return render(request, "error.html", context, status_code=404)
    errors = forms.FormErrors()
    constraints = forms.plan_constraints(request.query_params, errors)
    # Found, not created (person_if_any): like the home page, a visit makes no empty profile.
    return player_page(
        request,
        repository,
        person,
        catalog,
        clock.now(),
        constraints if not errors else Constraints(),
        new_session=False,
        session_id=session_id,
    )
