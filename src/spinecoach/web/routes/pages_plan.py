"""HTML pages before a session: the plan with its preview, the exercises, and the start screen."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.catalog.labels import AVOID_WORDS, PAIN_KIND_WORDS, PLACE_WORDS, REGION_WORDS
from spinecoach.catalog.vocabulary import PainKind
from spinecoach.coaching.fit_words import adapted_from_words
from spinecoach.coaching.preferences import remembered
from spinecoach.coaching.safety_gate import safety_gate
from spinecoach.coaching.session_start import start_session
from spinecoach.coaching.sessions import PainDetails, interrupted_session, plan_today
from spinecoach.errors import NothingFitsError, SpinecoachError
from spinecoach.planning import Constraints
from spinecoach.timeline import compile_timeline, total_seconds
from spinecoach.web import forms
from spinecoach.web.deps import CatalogDep, ClockDep, FormDep, PersonDep, RepositoryDep
from spinecoach.web.nothing_fits import nothing_fits_context, plan_notes
from spinecoach.web.players import PlayerDep, with_player_cookie
from spinecoach.web.routes.start_screen import player_page
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False)
# The same plain words as the terminal's questions (catalog/labels.py), by enum member.
CHOICES = {
    "places": PLACE_WORDS,
    "movements": AVOID_WORDS,
    "regions": REGION_WORDS,
    "kinds": PAIN_KIND_WORDS,
}


@router.get("/plan", response_class=HTMLResponse)
def plan_page(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> Response:
    """Show the plan form and a preview of the routine it gives, with figures and total time."""
    errors = forms.FormErrors()
    constraints = forms.plan_constraints(request.query_params, errors)
    if not request.query_params:  # a fresh visit offers last session's choices
        constraints = remembered(repository, person).constraints()
    routine, problem, seconds = None, None, 0.0
    nothing_fits: dict[str, object] = {}
    if errors:
        constraints = Constraints()
    try:
        routine = plan_today(repository, person, constraints, catalog, clock.now())
        seconds = total_seconds(compile_timeline(routine))
    except NothingFitsError as error:
        nothing_fits = nothing_fits_context(error, constraints)
    except SpinecoachError as error:
        problem = error.user_message
    pairs = forms.plan_query(constraints)
    context = {
        "nav": "plan",
        **CHOICES,
        **nothing_fits,
        "chosen": forms.values(pairs),
        "errors": errors.messages,
        "routine": routine,
        "notes": plan_notes(routine) if routine else [],
        "problem": problem,
        "minutes": seconds / 60,
        "start_url": "/start" + (f"?{urlencode(pairs)}" if pairs else ""),
        "routines": list(catalog.routines.values()),
    }
    return render(request, "plan.html", context, status_code=422 if errors else 200)


@router.get("/exercises", response_class=HTMLResponse)
def exercises(request: Request, catalog: CatalogDep) -> Response:
    """List the six stretches and their chair versions with their figures."""
    adapted = {e.id: adapted_from_words(e, catalog) for e in catalog.exercises.values()}
    context = {"nav": "plan", "catalog": catalog, "adapted": adapted}
    return render(request, "exercises.html", context)


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(request: Request, exercise_id: str, catalog: CatalogDep) -> Response:
    """Show one stretch: moving figure, steps, breathing, cautions, where we differ and why."""
    exercise = catalog.exercise(exercise_id)
    context = {
        "nav": "plan",
        "exercise": exercise,
        "position": catalog.position(exercise.position),
        "adapted_from": adapted_from_words(exercise, catalog),
    }
    return render(request, "exercise.html", context)


def _gate_redirect(
    repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response | None:
    """Send the person to the screen or its outcome unless it says go."""
    gate = safety_gate(repository, person, clock.now())
    if gate.screen_due:
        return RedirectResponse("/screening", status_code=303)
    if gate.outcome is not None and gate.outcome.value != "go":
        return RedirectResponse("/screening/result", status_code=303)
    return None


def _start_form(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
    constraints: Constraints,
    *,
    given: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    now = clock.now()
    return player_page(
        request,
        repository,
        person,
        catalog,
        now,
        constraints,
        new_session=True,
        unfinished=interrupted_session(repository, person, now) if status_code == 200 else None,
        given=given,
        errors=errors,
        status=status_code,
    )


def _cannot_start(
    request: Request, error: NothingFitsError, constraints: Constraints, status_code: int
) -> Response:
    """Say calmly that no session can start with these choices, and link to what fits."""
    context = {"nav": "plan", **nothing_fits_context(error, constraints)}
    return render(request, "cannot_start.html", context, status_code=status_code)


@router.get("/start", response_class=HTMLResponse)
def start_page(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> Response:
    """Show the start screen: pain before, what to have ready, and Start (or resume instead).

    A session that cannot start is said so at once, with what does fit: no pain score is
    asked for first.
    """
    refused = _gate_redirect(repository, person, clock)
    if refused is not None:
        return refused
    errors = forms.FormErrors()
    constraints = forms.plan_constraints(request.query_params, errors)
    if errors:
        return RedirectResponse("/plan", status_code=303)
    try:
        plan_today(repository, person, constraints, catalog, clock.now())
    except NothingFitsError as error:
        return _cannot_start(request, error, constraints, status.HTTP_200_OK)
    return _start_form(request, repository, person, catalog, clock, constraints)


@router.post("/start", response_class=HTMLResponse)
def start(
    request: Request,
    form: FormDep,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
    player: PlayerDep,
    response: Response,
) -> Response:
    """Start the planned session with the pain score before it, then open the player."""
    refused = _gate_redirect(repository, person, clock)
    if refused is not None:
        return refused
    errors = forms.FormErrors()
    constraints = forms.plan_constraints(form, errors)
    pain_before = forms.whole_number(form, "pain_before", 0, 10, errors)
    kind = forms.choice(form, "kind", PainKind, errors)
    if errors or pain_before is None:
        given = {"pain_before": forms.text(form, "pain_before"), "kind": forms.text(form, "kind")}
        return _start_form(
            request,
            repository,
            person,
            catalog,
            clock,
            constraints,
            given=given,
            errors=errors.messages,
            status_code=422,
        )
    region = min(constraints.regions, default=None)
    details = PainDetails(region.value if region else None, kind.value if kind else None)
    try:
        started = start_session(
            repository, person, constraints, pain_before, details, catalog, clock.now(), 1.0, player
        )
    except NothingFitsError as error:  # the history changed since the page was shown
        return _cannot_start(request, error, constraints, status.HTTP_409_CONFLICT)
    playing = RedirectResponse(f"/play?session_id={started.session.id}", status_code=303)
    return with_player_cookie(playing, response)
