"""FHIR identifiers: every entry is named by its record's own random UUID, stable per database."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from spinecoach.catalog.loader import Catalog, default_catalog
from spinecoach.coaching.access import Records
from spinecoach.coaching.exchange import fhir_bundle
from spinecoach.coaching.safety_gate import submit_screening
from spinecoach.planning import Constraints, plan
from spinecoach.records import PainContext, PsfsRating, SessionStatus
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from tests.web.api_helpers import answers

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
URI_SYSTEM = "urn:ietf:rfc:3986"


def same_morning(records: Records, catalog: Catalog) -> None:
    """A screening, one desk-break session with a result and pain, and a PSFS: fixed values."""
    repository, person = records.repository, records.person
    submit_screening(repository, person, answers(), NOW)
    routine = plan(Constraints(routine="desk-break"), [], NOW.date(), catalog)
    session = repository.start_session(
        person.id,
        started_at=NOW,
        routine_id="desk-break",
        routine=routine.to_dict(),
        planned_seconds=200,
    )
    first = routine.items[0]
    repository.record_exercise_result(
        session.id,
        exercise_id=first.exercise.id,
        position=0,
        completed_at=NOW + timedelta(minutes=1),
        repetitions_done=first.repetitions,
        hold_seconds_actual=float(first.hold_seconds),
        skipped=False,
    )
    repository.finish_session(
        session.id, status=SessionStatus.COMPLETED, ended_at=NOW + timedelta(minutes=4)
    )
    repository.record_pain(
        person.id, recorded_at=NOW, score=5, context=PainContext.BEFORE, session_id=session.id
    )
    repository.record_psfs(
        person.id, taken_at=NOW, ratings=[PsfsRating(activity="tying shoes", score=4)]
    )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[Records]]:
    """Two fresh databases, each with its own person who did exactly the same things."""
    catalog = default_catalog()
    engines, people = [], []
    for name in ("alice", "bob"):
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / f'{name}.db'}"
        else:
            url = request.getfixturevalue("postgres_server").create_database()
        engine = open_database(url)
        engines.append(engine)
        repository = Repository(engine)
        records = Records(repository, repository.ensure_default_person(NOW))
        same_morning(records, catalog)
        people.append(records)
    yield people
    for engine in engines:
        engine.dispose()


def full_urls(bundle: dict[str, Any]) -> list[str]:
    return [entry["fullUrl"] for entry in bundle["entry"]]


def test_bundles_from_two_databases_with_the_same_activity_share_no_full_url(
    two_databases: list[Records],
) -> None:
    catalog = default_catalog()

    first, second = (fhir_bundle(records, catalog, NOW) for records in two_databases)

    assert len(full_urls(first)) == len(full_urls(second)) == 8
    assert set(full_urls(first)).isdisjoint(full_urls(second))
    Bundle.model_validate(first)
    Bundle.model_validate(second)


def test_the_same_database_exported_twice_keeps_its_full_urls(
    two_databases: list[Records],
) -> None:
    records, catalog = two_databases[0], default_catalog()

    first = fhir_bundle(records, catalog, NOW)
    again = fhir_bundle(records, catalog, NOW + timedelta(days=2))

    assert full_urls(again) == full_urls(first)


def test_each_entry_is_named_by_its_records_uuid_and_carries_it_as_an_identifier(
    two_databases: list[Records],
) -> None:
    records = two_databases[0]
    repository, person = records.repository, records.person
    (session,) = repository.sessions(person.id)
    (pain,) = repository.pain_entries(person.id)

    bundle = fhir_bundle(records, default_catalog(), NOW)

    urls = full_urls(bundle)
    assert f"urn:uuid:{person.uuid}" == urls[0]
    assert f"urn:uuid:{session.uuid}" in urls
    assert f"urn:uuid:{pain.uuid}" in urls
    for entry in bundle["entry"]:
        identifiers = entry["resource"]["identifier"]
        if isinstance(identifiers, dict):  # a QuestionnaireResponse holds only one
            identifiers = [identifiers]
        assert {"system": URI_SYSTEM, "value": entry["fullUrl"]} in identifiers
    (observation,) = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]
    assert observation["subject"] == {"reference": f"urn:uuid:{person.uuid}"}
    assert observation["partOf"] == [{"reference": f"urn:uuid:{session.uuid}"}]
