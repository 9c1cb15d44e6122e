"""HTML pages before a session: the plan with its preview, the exercises, pain before and start."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.catalog.labels import AVOID_WORDS, PAIN_KIND_WORDS, PLACE_WORDS, REGION_WORDS
from spinecoach.catalog.vocabulary import PainKind
from spinecoach.coaching.cautions import session_cautions
from spinecoach.coaching.preferences import SessionPreferences, remember, remembered
from spinecoach.coaching.safety_gate import safety_gate
from spinecoach.coaching.session_start import start_session
from spinecoach.coaching.sessions import PainDetails, interrupted_session, plan_today
from spinecoach.errors import SpinecoachError
from spinecoach.planning import Constraints
from spinecoach.timeline import compile_timeline, total_seconds
from spinecoach.web import forms
from spinecoach.web.deps import CatalogDep, ClockDep, FormDep, PersonDep, RepositoryDep
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
    if errors:
        constraints = Constraints()
    try:
        routine = plan_today(repository, person, constraints, catalog, clock.now())
        seconds = total_seconds(compile_timeline(routine))
    except SpinecoachError as error:
        problem = error.user_message
    pairs = forms.plan_query(constraints)
    context = {
        "nav": "plan",
        **CHOICES,
        "chosen": forms.values(pairs),
        "errors": errors.messages,
        "routine": routine,
        "problem": problem,
        "minutes": seconds / 60,
        "start_url": "/start" + (f"?{urlencode(pairs)}" if pairs else ""),
        "routines": list(catalog.routines.values()),
    }
    return render(request, "plan.html", context, status_code=422 if errors else 200)


@router.get("/exercises", response_class=HTMLResponse)
def exercises(request: Request, catalog: CatalogDep) -> Response:
    """List the six stretches with their figures."""
    return render(request, "exercises.html", {"nav": "plan", "catalog": catalog})


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(request: Request, exercise_id: str, catalog: CatalogDep) -> Response:
    """Show one stretch: moving figure, steps, breathing, cautions, where we differ and why."""
    exercise = catalog.exercise(exercise_id)
    context = {"nav": "plan", "exercise": exercise, "position": catalog.position(exercise.position)}
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
    constraints: Constraints,
    given: dict[str, str],
    errors: dict[str, str],
    unfinished: object,
    status: int,
    cautions: tuple[str, ...] = (),
) -> Response:
    context = {
        "cautions": cautions,
        "nav": "plan",
        **CHOICES,
        "plan_pairs": forms.plan_query(constraints),
        "given": given,
        "errors": errors,
        "unfinished": unfinished,
    }
    return render(request, "start.html", context, status_code=status)


@router.get("/start", response_class=HTMLResponse)
def start_page(
    request: Request, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response:
    """Ask for pain before the session (and offer to resume an interrupted one)."""
    refused = _gate_redirect(repository, person, clock)
    if refused is not None:
        return refused
    errors = forms.FormErrors()
    constraints = forms.plan_constraints(request.query_params, errors)
    if errors:
        return RedirectResponse("/plan", status_code=303)
    unfinished = interrupted_session(repository, person, clock.now())
    cautions = session_cautions(repository, person)
    return _start_form(request, constraints, {}, {}, unfinished, 200, cautions)


@router.post("/start", response_class=HTMLResponse)
def start(
    request: Request,
    form: FormDep,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
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
        cautions = session_cautions(repository, person)
        return _start_form(request, constraints, given, errors.messages, None, 422, cautions)
    region = min(constraints.regions, default=None)
    details = PainDetails(region.value if region else None, kind.value if kind else None)
    started = start_session(
        repository, person, constraints, pain_before, details, catalog, clock.now()
    )
    if not constraints.routine:  # the choices made, kept as the defaults for next time
        chosen = SessionPreferences(
            constraints.place, constraints.minutes, constraints.avoid, constraints.regions, kind
        )
        remember(repository, person, chosen, clock.now())
    return RedirectResponse(f"/play?session_id={started.session.id}", status_code=303)
