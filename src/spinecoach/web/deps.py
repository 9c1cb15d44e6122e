"""Per-request access to the store: one engine per process, the person read from the database."""

import asyncio
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, State

from spinecoach.catalog.loader import Catalog, default_catalog
from spinecoach.clinic.sign_in import SEEN_EVERY
from spinecoach.clinic.tokens import token_digest
from spinecoach.clock import Clock
from spinecoach.errors import NotAllowedError, NotSignedInError
from spinecoach.records import PersonRecord
from spinecoach.store.repository import Repository
from spinecoach.store.write_queue import WriteQueue
from spinecoach.web.clinic_access import DEVICE_COOKIE, serving
from spinecoach.web.security import cross_site_refusal, foreign_site_reason

# The cheap dependencies are async so they run on the event loop: a sync one costs a trip
# through the thread pool each, which was most of a request's time under load.


async def repository(request: Request) -> Repository:
    """Return the process's repository (its engine pools connections across requests)."""
    repo: Repository = request.app.state.repository
    return repo


async def clock(request: Request) -> Clock:
    """Return the app's clock: the system clock, or a fake one in tests."""
    app_clock: Clock = request.app.state.clock
    return app_clock


NO_DEVICE = (
    "this spinecoach belongs to a clinic: open the link your clinic gave you on this phone or "
    "computer to see your stretches here (ask them for a new link if it no longer works)"
)
# How long a process trusts its copy of the person. A change made through this process forgets
# it at once (forget_person); one made by another process (a terminal `spinecoach profile` or
# restore, a second worker) shows within this time. Reading it on every request took a third of
# the result route's throughput on SQLite and half on PostgreSQL (bench/web.py).
PERSON_FRESH_SECONDS = 1.0


async def person(request: Request) -> PersonRecord:
    """Return the local person, created in the database on first use, read at most once a second.

    In clinic mode: the patient whose enrolled device sent the request, or 401.
    """
    state = request.app.state
    if state.settings.clinic:
        return await run_in_threadpool(_device_patient, request)
    app_clock: Clock = state.clock
    kept: tuple[PersonRecord, float] | None = getattr(state, "person", None)
    if kept is not None and app_clock.monotonic() - kept[1] < PERSON_FRESH_SECONDS:
        return kept[0]
    # One read for all the requests that find the copy stale together: fifty phones each
    # reading at once made a trip through the thread pool per request, every second.
    reading: asyncio.Task[PersonRecord] | None = getattr(state, "person_reading", None)
    if reading is None or reading.get_loop() is not asyncio.get_running_loop():
        reading = asyncio.create_task(_read_person(state))
        state.person_reading = reading
    # Shielded: a request that goes away does not cancel the read the others wait for.
    return await asyncio.shield(reading)


async def _read_person(state: State) -> PersonRecord:
    """Read the person in a worker thread; keep the copy unless it was forgotten meanwhile."""
    app_clock: Clock = state.clock
    repo: Repository = state.repository
    this = asyncio.current_task()
    try:
        found: PersonRecord = await run_in_threadpool(repo.ensure_default_person, app_clock.now())
        if getattr(state, "person_reading", None) is this:
            state.person = (found, app_clock.monotonic())
        return found
    finally:
        if getattr(state, "person_reading", None) is this:
            state.person_reading = None


def _device_patient(request: Request) -> PersonRecord:
    """Return the patient of the request's device cookie; NotSignedInError without a live one."""
    token = request.cookies.get(DEVICE_COOKIE)
    enrolments = serving(request).enrolments()
    device = enrolments.device(token_digest(token)) if token else None
    if device is None:
        raise NotSignedInError(NO_DEVICE)
    now = request.app.state.clock.now()
    if now - device.last_seen_at >= SEEN_EVERY:  # for the clinician's list; not every request
        enrolments.device_seen(device.id, now)
    repo: Repository = request.app.state.repository
    return repo.person(device.person_id)


def person_if_any(request: Request) -> PersonRecord | None:
    """Return the person without creating one (None before first use); in clinic mode the
    enrolled device's patient, or 401. For pages that a first look must leave unchanged."""
    if request.app.state.settings.clinic:
        return _device_patient(request)
    repo: Repository = request.app.state.repository
    return repo.find_default_person()


PersonIfAnyDep = Annotated[PersonRecord | None, Depends(person_if_any)]
# For routes that show nothing of the person but are theirs to use (a form, a page of links).
PatientOnly = Depends(person_if_any)


CLINIC_KEEPS_RECORDS = (
    "your clinic keeps your records, with every other patient's, so a whole backup is theirs "
    "to make; your health-record file (FHIR) and the report for your doctor are yours to "
    "download here"
)


CLINIC_KEEPS_NAME = (
    "your clinic keeps your name and year of birth with your records; ask them to change them"
)


def whole_database_at_home(request: Request) -> None:
    """Refuse, in clinic mode, what reads or writes the whole database (backup, CSV, restore).

    401 without an enrolled device, 403 with one: a clinic's database holds every patient.
    """
    _refuse_in_clinic(request, CLINIC_KEEPS_RECORDS)


def profile_at_home(request: Request) -> None:
    """Refuse, in clinic mode, a patient's change of name: the clinic knows them by it (403)."""
    _refuse_in_clinic(request, CLINIC_KEEPS_NAME)


def _refuse_in_clinic(request: Request, why: str) -> None:
    if request.app.state.settings.clinic:
        _device_patient(request)  # 401 first for anyone without an enrolled device
        raise NotAllowedError(why)


def forget_person(request: Request) -> None:
    """Drop this process's copy of the person, after a route changed them or replaced them."""
    request.app.state.person = None
    request.app.state.person_reading = None  # a read begun before the change must not be kept


async def writes(request: Request) -> WriteQueue:
    """Return the queue results are written through, together with those waiting beside them."""
    queue: WriteQueue = request.app.state.writes
    return queue


async def form(request: Request) -> FormData:
    """Return the posted form, read here on the event loop.

    A route that takes it can then be a plain function, which FastAPI runs in a thread: the
    store's reads and writes it makes never hold up the event loop (and every other request).
    """
    return await request.form()


async def catalog() -> Catalog:
    """Return the validated content (loaded once per process, checked at startup)."""
    return default_catalog()


async def same_site_only(request: Request) -> None:
    """Refuse heavy work that another site's page asks for: speech, figures, reports, exports.

    The security middleware lets any site send a GET, which changes nothing; but these cost
    seconds of CPU or megabytes each, and any page the person visits could ask in a loop.
    """
    reason = foreign_site_reason(request.headers)
    if reason is not None:
        raise HTTPException(403, cross_site_refusal(reason))


RepositoryDep = Annotated[Repository, Depends(repository)]
ClockDep = Annotated[Clock, Depends(clock)]
PersonDep = Annotated[PersonRecord, Depends(person)]
CatalogDep = Annotated[Catalog, Depends(catalog)]
SameSiteOnly = Depends(same_site_only)
WritesDep = Annotated[WriteQueue, Depends(writes)]
FormDep = Annotated[FormData, Depends(form)]
