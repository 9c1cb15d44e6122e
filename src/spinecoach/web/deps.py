"""Per-request access to the store: one engine per process, the person read from the database."""

from typing import Annotated

from fastapi import Depends, Request

from spinecoach.catalog.loader import Catalog, default_catalog
from spinecoach.clock import Clock
from spinecoach.records import PersonRecord
from spinecoach.store.repository import Repository


def repository(request: Request) -> Repository:
    """Return the process's repository (its engine pools connections across requests)."""
    repo: Repository = request.app.state.repository
    return repo


def clock(request: Request) -> Clock:
    """Return the app's clock: the system clock, or a fake one in tests."""
    app_clock: Clock = request.app.state.clock
    return app_clock


def person(
    repo: Annotated[Repository, Depends(repository)],
    app_clock: Annotated[Clock, Depends(clock)],
) -> PersonRecord:
    """Return the local person; created in the database on first use, never kept in memory."""
    return repo.ensure_default_person(app_clock.now())


def catalog() -> Catalog:
    """Return the validated content (loaded once per process, checked at startup)."""
    return default_catalog()


RepositoryDep = Annotated[Repository, Depends(repository)]
ClockDep = Annotated[Clock, Depends(clock)]
PersonDep = Annotated[PersonRecord, Depends(person)]
CatalogDep = Annotated[Catalog, Depends(catalog)]
