"""Every record gets a random UUID when it is made; records from before get one when migrated."""

from collections.abc import Iterator
from datetime import timedelta
from uuid import UUID

import pytest
from alembic import command
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from spinecoach.records import PainContext, PersonRecord, PsfsRating
from spinecoach.store.database import alembic_config, create_database_engine, open_database
from spinecoach.store.models import Base, PainEntryRow
from spinecoach.store.repository import Repository
from tests.store.conftest import T0

UUID_TABLES = [table for table in Base.metadata.sorted_tables if "uuid" in table.columns]


def every_uuid(engine: Engine) -> list[str]:
    """Return the UUIDs of every row of every record table."""
    with engine.connect() as connection:
        return [
            value
            for table in UUID_TABLES
            for value in connection.execute(select(table.c.uuid)).scalars()
        ]


def a_bit_of_everything(repository: Repository, me: PersonRecord) -> None:
    """A session with a result, a pain score and a functional scale."""
    session = repository.start_session(
        me.id, started_at=T0, routine_id="desk-break", routine={}, planned_seconds=200
    )
    repository.record_exercise_result(
        session.id,
        exercise_id="hip-bridge",
        position=0,
        completed_at=T0 + timedelta(minutes=1),
        repetitions_done=5,
        hold_seconds_actual=50.0,
        skipped=False,
    )
    repository.record_pain(me.id, recorded_at=T0, score=4, context=PainContext.DIARY)
    repository.record_psfs(me.id, taken_at=T0, ratings=[PsfsRating(activity="bus", score=5)])


@pytest.fixture
def engine(database_url: str, repository: Repository) -> Iterator[Engine]:
    """A second engine on the repository's database, to look at the rows themselves."""
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def test_each_new_record_carries_its_own_random_uuid(
    repository: Repository, me: PersonRecord, engine: Engine
) -> None:
    a_bit_of_everything(repository, me)

    (session,) = repository.sessions(me.id)
    handed_out = [
        me.uuid,
        session.uuid,
        *(result.uuid for result in repository.exercise_results(session.id)),
        *(entry.uuid for entry in repository.pain_entries(me.id)),
        *(entry.uuid for entry in repository.psfs_entries(me.id)),
    ]

    assert sorted(handed_out) == sorted(every_uuid(engine))
    assert len(set(handed_out)) == 5
    assert all(UUID(value).version == 4 for value in handed_out)


def test_a_record_reads_back_with_the_uuid_it_was_written_with(
    repository: Repository, me: PersonRecord
) -> None:
    written = repository.record_pain(me.id, recorded_at=T0, score=4, context=PainContext.DIARY)

    (read,) = repository.pain_entries(me.id)

    assert read.uuid == written.uuid
    assert repository.ensure_default_person(T0).uuid == me.uuid


def test_the_database_refuses_two_records_with_one_uuid(
    repository: Repository, me: PersonRecord, engine: Engine
) -> None:
    taken = repository.record_pain(me.id, recorded_at=T0, score=4, context=PainContext.DIARY)
    row = {"person_id": me.id, "recorded_at": T0, "score": 5, "context": "diary"}

    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(PainEntryRow), [{**row, "uuid": taken.uuid}])


def test_migrating_records_from_before_gives_each_row_its_own_uuid(database_url: str) -> None:
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        for statement in (
            "INSERT INTO people (id, name, created_at) VALUES (1, 'me', '2026-11-01 08:00:00')",
            "INSERT INTO people (id, name, created_at) VALUES (2, 'bo', '2026-11-01 08:00:00')",
            "INSERT INTO sessions (id, person_id, started_at, routine_id, routine, "
            "planned_seconds, status, ended_at) VALUES (1, 1, '2026-11-01 08:00:00', "
            "'desk-break', '{}', 227, 'completed', '2026-11-01 08:04:00')",
            "INSERT INTO pain_entries (person_id, recorded_at, score, context) "
            "VALUES (1, '2026-11-01 08:00:00', 3, 'diary')",
            "INSERT INTO pain_entries (person_id, recorded_at, score, context) "
            "VALUES (2, '2026-11-01 08:00:00', 3, 'diary')",
        ):
            connection.exec_driver_sql(statement)
    engine.dispose()

    upgraded = open_database(database_url)
    given = every_uuid(upgraded)
    later = Repository(upgraded).record_pain(1, recorded_at=T0, score=2, context="diary")
    upgraded.dispose()

    assert len(given) == len(set(given)) == 5
    assert all(UUID(value).version == 4 for value in given)
    assert later.uuid not in given
