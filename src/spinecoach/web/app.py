"""Build the web app: settings in, FastAPI app out; uvicorn workers call the factory."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles

from spinecoach.catalog.loader import default_catalog
from spinecoach.clock import Clock, SystemClock
from spinecoach.json_input import MAX_DEPTH, MAX_FILE_BYTES, size_words
from spinecoach.safety.loader import default_screening
from spinecoach.serving import WebSettings, settings_from_environment
from spinecoach.store.database import open_database
from spinecoach.web.body_limit import BodyLimit
from spinecoach.web.errors import install_error_handlers
from spinecoach.web.routes import (
    api_catalog,
    api_clinic,
    api_clinic_monitoring,
    api_clinic_records,
    api_data,
    api_diary,
    api_form,
    api_function,
    api_profile,
    api_progress,
    api_screening,
    api_sessions,
    docs,
    figures,
    pages,
    pages_clinic,
    pages_clinic_patient,
    pages_data,
    pages_enrol,
    pages_function,
    pages_history,
    pages_plan,
    pages_reminders,
    pages_screening,
    pages_session,
    pages_settings,
    player_figures,
    speech,
)
from spinecoach.web.schemas import error_responses
from spinecoach.web.security import SecurityMiddleware
from spinecoach.web.serving_store import serving_store
from spinecoach.web.templating import STATIC_DIR

# Every request body: the largest the API and the forms take (a pain note of 2,000 characters
# is 24 KB at most). It is counted as it arrives and refused (413) the moment it passes, before
# the rest is read; restoring a backup has its own, larger limit.
MAX_BODY_BYTES = 64 * 1024
DESCRIPTION = (
    "The JSON API behind spinecoach's pages: catalogue, plans, timelines, the safety screen, "
    "sessions, exercise results, the pain diary and history, trends and the report for a doctor, "
    "the activity scale, reminders, export and restore. Errors are 4xx with "
    '`{"detail": ...}`, or 503 with Retry-After while the database is busy with another '
    "writer (nothing was written: send it again). A request body is at most "
    f"{size_words(MAX_BODY_BYTES)} (a backup to restore: {size_words(MAX_FILE_BYTES)}); JSON "
    "with a key given twice, NaN or nesting deeper than "
    f"{MAX_DEPTH} levels is refused. Everything stays on this computer."
)


def create_app(settings: WebSettings, clock: Clock | None = None) -> FastAPI:
    """Return the app on an up-to-date database; content is validated before it serves."""
    # A broken content file stops the start, not a session or a screen.
    default_catalog()
    default_screening()
    store = serving_store(open_database(settings.database_url))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()  # write what is queued, close pooled connections when the worker stops

    app = FastAPI(
        lifespan=lifespan,
        title="spinecoach",
        version="1",
        description=DESCRIPTION,
        # Every operation may answer these with {"detail": ...}: a string from our own checks or
        # FastAPI's per-field list (ErrorBody allows both, so 422 stays true to its schema).
        # 503: the database was held by another writer too long; try again after Retry-After.
        responses=error_responses(400, 404, 413, 422, 503),
        docs_url=None,  # our own /docs, served without a CDN
        redoc_url=None,
        # Nothing leaves this computer, so there is nothing to trace; off, it also stops FastAPI
        # asking the OpenTelemetry providers on every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.store = store
    app.state.repository = store.repository
    app.state.writes = store.writes
    app.state.clock = clock or SystemClock()
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(api_sessions.router)
    app.include_router(api_clinic.router)
    app.include_router(api_clinic_monitoring.router)
    app.include_router(api_clinic_records.router)
    app.include_router(pages_enrol.router)
    app.include_router(pages_clinic.router)
    app.include_router(pages_clinic_patient.router)
    app.include_router(api_catalog.router)
    app.include_router(api_screening.router)
    app.include_router(api_diary.router)
    app.include_router(api_progress.router)
    app.include_router(api_function.router)
    app.include_router(api_profile.router)
    app.include_router(api_data.router)
    app.include_router(api_form.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.include_router(pages_screening.router)
    app.include_router(pages_plan.router)
    app.include_router(pages_session.router)
    app.include_router(pages_history.router)
    app.include_router(pages_function.router)
    app.include_router(pages_reminders.router)
    app.include_router(pages_data.router)
    app.include_router(pages_settings.router)
    app.include_router(figures.router)
    app.include_router(speech.router)
    app.include_router(player_figures.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), "static")

    @app.get("/sw.js", include_in_schema=False)
    def service_worker() -> FileResponse:
        """Serve the player's service worker from the root so its scope is the whole app."""
        if not (STATIC_DIR / "sw.js").is_file():
            raise HTTPException(404, "no service worker in this build")
        headers = {"Service-Worker-Allowed": "/", "Cache-Control": "no-cache"}
        return FileResponse(STATIC_DIR / "sw.js", media_type="text/javascript", headers=headers)

    # Outermost first: the guards answer before anything is compressed or routed; bodies are
    # counted inside them, so a refusal carries the security headers and the error shape.
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(SecurityMiddleware, settings=settings)
    return app


def app_from_environment() -> FastAPI:
    """Build the app from the settings `spinecoach serve` put in the environment (workers)."""
    app = create_app(settings_from_environment())
    # What start-up built (catalogue, routes, mappers, schemas) lives as long as the process.
    # Frozen, it is left out of the full collections, which walked all of it and held every
    # request for about 100 ms, a dozen times in ten seconds under load (bench/web.py).
    gc.collect()
    gc.freeze()
    # A request's objects die by reference counting; collecting every 700 allocations mostly
    # found the requests in flight alive, promoted them, and so ran a 2.5 ms full collection
    # twice a second that freed nothing. Every 10,000: GC time under load 3.5 % -> 0.4 %.
    gc.set_threshold(10_000, 10, 10)
    return app
