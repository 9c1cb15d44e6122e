"""HTML pages of the safety screen: the questions, and what the answers mean."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.coaching.function_scale import psfs_offer
from spinecoach.coaching.profile import should_ask_profile
from spinecoach.coaching.safety_gate import record_screening, safety_gate
from spinecoach.errors import InvalidInputError
from spinecoach.safety.loader import default_screening
from spinecoach.safety.schema import ItemKind
from spinecoach.safety.screening import (
    OUTCOME_MESSAGES,
    Outcome,
    ScreeningResult,
    emergency_so_far,
    evaluate,
    evaluate_recorded,
)
from spinecoach.web.deps import ClockDep, FormDep, PersonDep, RepositoryDep
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False)
ANSWERS = {"yes": True, "no": False}


def _form(request: Request, given: dict[str, str], errors: dict[str, str], status: int) -> Response:
    questionnaire = default_screening()
    context = {
        "nav": "about",
        "red_flags": [i for i in questionnaire.items if i.kind is ItemKind.RED_FLAG],
        "symptoms": [i for i in questionnaire.items if i.kind is ItemKind.SYMPTOM],
        "acknowledgements": [i for i in questionnaire.items if i.kind is ItemKind.ACKNOWLEDGEMENT],
        "given": given,
        "errors": errors,
    }
    return render(request, "screening.html", context, status_code=status)


@router.get("/screening", response_class=HTMLResponse)
def questions(request: Request) -> Response:
    """Show every safety question with yes and no, nothing chosen in advance."""
    return _form(request, {}, {}, 200)


@router.post("/screening", response_class=HTMLResponse)
def answer(
    request: Request, form: FormDep, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response:
    """Record the answers; an emergency "yes" decides at once, otherwise all must be answered."""
    given: dict[str, str] = {}
    answers: dict[str, bool] = {}
    errors: dict[str, str] = {}
    for item in default_screening().items:
        raw = form.get(item.id)
        value = raw if isinstance(raw, str) else ""
        if value in ANSWERS:
            given[item.id] = value
            answers[item.id] = ANSWERS[value]
        else:
            errors[item.id] = "please answer yes or no"
    result: ScreeningResult | None = emergency_so_far(answers)
    if result is None:
        if errors:
            return _form(request, given, errors, 422)
        result = evaluate(answers)
    record_screening(repository, person, answers, result, clock.now())
    return RedirectResponse("/screening/result", status_code=303)


@router.get("/screening/result", response_class=HTMLResponse)
def outcome(
    request: Request, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response:
    """Show what the latest answers mean: get help now, see a doctor first, or go."""
    latest = repository.latest_screening(person.id)
    if latest is None or safety_gate(repository, person, clock.now()).screen_due:
        return RedirectResponse("/screening", status_code=303)
    answers = {key: value for key, value in latest.answers.items() if isinstance(value, bool)}
    result: ScreeningResult | None
    try:
        result = evaluate_recorded(answers)
    except InvalidInputError:  # answered under older rules: the stored outcome still stands
        result = None
    context = {
        "nav": "about",
        "outcome": latest.outcome.value,
        "message": OUTCOME_MESSAGES[Outcome(latest.outcome.value)],
        "result": result,
        # Asked at the start, right after a screen that allows stretching.
        "psfs_offer": psfs_offer(repository, person, clock.now())
        if latest.outcome.value == Outcome.GO.value
        else None,
        "psfs_return": "/",
        # Offered once, below the way to start, after a screen that allows stretching.
        "ask_profile": should_ask_profile(person),
    }
    return render(request, "screening_result.html", context)
