"""HTML pages after a session: pain after it and the summary."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.coaching.session_end import Ending, ended_as, finish_session, has_pain_after
from spinecoach.coaching.sessions import own_session
from spinecoach.coaching.summary import summarise_session
from spinecoach.playback import StopReason
from spinecoach.records import SessionRecord, SessionStatus
from spinecoach.safety.pain import STOP_AND_REST_ADVICE
from spinecoach.web import forms
from spinecoach.web.deps import CatalogDep, ClockDep, FormDep, PersonDep, RepositoryDep
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False)


def _reason(value: str) -> StopReason:
    return StopReason(value) if value in set(StopReason) else StopReason.FINISHED


def _after_context(
    session: SessionRecord, reason: StopReason, given: dict[str, str], errors: dict[str, str]
) -> dict[str, object]:
    rest = STOP_AND_REST_ADVICE if reason is StopReason.PAIN else None
    return {
        "session": session,
        "reason": reason.value,
        "given": given,
        "errors": errors,
        "rest_advice": rest,
    }


@router.get("/sessions/{session_id}/after", response_class=HTMLResponse)
def after_page(
    request: Request,
    session_id: int,
    repository: RepositoryDep,
    person: PersonDep,
    reason: str = "finished",
) -> Response:
    """Ask for pain after the session (the player comes here when it ends)."""
    session = own_session(repository, person, session_id)
    has_after = has_pain_after(repository, person, session_id)
    if session.status is not SessionStatus.IN_PROGRESS and has_after:
        return RedirectResponse(f"/sessions/{session_id}/summary", status_code=303)
    ended = ended_as(session)  # ended by the player: its reason, not the link's
    return render(request, "after.html", _after_context(session, ended or _reason(reason), {}, {}))


@router.post("/sessions/{session_id}/after", response_class=HTMLResponse)
def after(
    request: Request,
    session_id: int,
    form: FormDep,
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
) -> Response:
    """Finish the session with the pain after it, then show the summary."""
    session = own_session(repository, person, session_id)
    errors = forms.FormErrors()
    reason = _reason(forms.text(form, "reason"))
    pain_after = forms.whole_number(form, "pain_after", 0, 10, errors)
    note = forms.note(form, "note", errors)
    if errors:
        given = {"pain_after": forms.text(form, "pain_after"), "note": forms.text(form, "note")}
        context = _after_context(session, reason, given, errors.messages)
        return render(request, "after.html", context, status_code=422)
    # The player may have ended it already (perhaps as "pain"): keep that reason, add the pain.
    ending = Ending(ended_as(session) or reason, pain_after, note)
    finish_session(repository, person, session_id, ending, clock.now())
    return RedirectResponse(f"/sessions/{session_id}/summary", status_code=303)


@router.get("/sessions/{session_id}/summary", response_class=HTMLResponse)
def summary_page(
    request: Request,
    session_id: int,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> Response:
    """Show what was done, how long, pain before and after, and what happens next."""
    own_session(repository, person, session_id)
    summary = summarise_session(repository, person, session_id, catalog, clock.now())
    rest = STOP_AND_REST_ADVICE if summary.status is SessionStatus.STOPPED_PAIN else None
    context = {"nav": "history", "summary": summary, "rest_advice": rest}
    return render(request, "summary.html", context)
