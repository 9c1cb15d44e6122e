"""GET and PUT /api/profile: the same shape as `spinecoach profile --json`, checked the same way."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import Engine, event
from starlette.testclient import TestClient

from spinecoach.clock import FakeClock
from spinecoach.coaching.profile import Profile, save_profile
from spinecoach.serving import WebSettings
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from spinecoach.web.app import create_app
from spinecoach.web.deps import PERSON_FRESH_SECONDS
from tests.conftest import PostgresServer
from tests.web.api_helpers import answers, assert_error


@pytest.fixture
def new_computer(
    request: pytest.FixtureRequest, database_url: str, tmp_path: Path
) -> Iterator[TestClient]:
    """A second app on a new database of the same kind, as on a new computer."""
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'new-computer.db'}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        url = server.create_database()
    settings = WebSettings(database_url=url, extra_hosts=("testserver",))
    with TestClient(create_app(settings), base_url="http://testserver") as test_client:
        yield test_client


def test_a_new_profile_has_no_name_and_no_birth_year(api: TestClient) -> None:
    response = api.get("/api/profile")

    assert response.status_code == 200
    assert response.json() == {"name": None, "birth_year": None}


def test_a_profile_put_is_read_back(api: TestClient) -> None:
    put = api.put("/api/profile", json={"name": "Maria Lopez", "birth_year": 1961})

    got = api.get("/api/profile")

    assert put.status_code == 200
    assert put.json() == got.json() == {"name": "Maria Lopez", "birth_year": 1961}


def test_a_field_left_out_is_cleared(api: TestClient) -> None:
    api.put("/api/profile", json={"name": "Maria Lopez", "birth_year": 1961})

    put = api.put("/api/profile", json={"name": "Maria"})

    assert put.json() == {"name": "Maria", "birth_year": None}


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"name": "Maria\u0007Lopez"}, 400, "name: holds a control character"),
        ({"name": "   "}, 400, "name: must not be empty"),
        ({"name": "Maria", "birth_year": 2999}, 400, "birth_year: 2999 is not a year of birth"),
        ({"name": "Maria", "birth_year": "1961"}, 422, "valid integer"),
        ({"name": ""}, 422, "at least 1 character"),
        ({"name": "x" * 201}, 422, "at most 200 characters"),
        ({"name": "Maria", "age": 65}, 422, "Extra inputs are not permitted"),
    ],
)
def test_bad_input_is_a_4xx_with_a_json_detail_and_changes_nothing(
    api: TestClient, body: dict[str, object], status: int, message: str
) -> None:
    api.put("/api/profile", json={"name": "Maria Lopez", "birth_year": 1961})

    detail = assert_error(api.put("/api/profile", json=body), status)

    assert message in str(detail)
    assert api.get("/api/profile").json() == {"name": "Maria Lopez", "birth_year": 1961}


def test_another_site_cannot_change_the_name(api: TestClient) -> None:
    refused = api.put(
        "/api/profile",
        json={"name": "Mallory"},
        headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    )

    assert_error(refused, 403)
    assert api.get("/api/profile").json()["name"] is None


def test_the_fhir_export_names_the_person_with_given_and_family(api: TestClient) -> None:
    api.post("/api/screening", json={"answers": answers()})
    api.put("/api/profile", json={"name": "Maria Lopez García", "birth_year": 1961})

    bundle = api.get("/api/export/fhir").json()

    (patient,) = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ]
    assert patient["name"] == [
        {"text": "Maria Lopez García", "family": "García", "given": ["Maria", "Lopez"]}
    ]
    assert patient["birthDate"] == "1961"


def test_a_backup_restores_over_the_first_use_profile_and_its_person_shows(
    api: TestClient, new_computer: TestClient
) -> None:
    api.put("/api/profile", json={"name": "Maria Lopez", "birth_year": 1961})
    api.post("/api/pain", json={"score": 4, "note": "after gardening"})
    backup = api.get("/api/export/backup").content
    assert new_computer.get("/api/profile").json() == {"name": None, "birth_year": None}

    restored = new_computer.post(
        "/api/import", content=backup, headers={"Content-Type": "application/json"}
    )

    assert restored.status_code == 200, restored.text
    assert new_computer.get("/api/profile").json() == {"name": "Maria Lopez", "birth_year": 1961}
    assert [e["score"] for e in new_computer.get("/api/history").json()["diary"]] == [4]


def test_the_data_page_restores_a_backup_over_the_first_use_profile(
    api: TestClient, new_computer: TestClient
) -> None:
    api.put("/api/profile", json={"name": "Maria Lopez", "birth_year": 1961})
    api.post("/api/pain", json={"score": 4})
    backup = api.get("/api/export/backup").content
    new_computer.post(
        "/settings/profile", data={"skip": "yes"}, headers={"Origin": "http://testserver"}
    )

    page = new_computer.post(
        "/data/restore",
        files={"backup": ("backup.json", backup, "application/json")},
        headers={"Origin": "http://testserver"},
    )

    assert page.status_code == 200, page.text
    assert "took the place of the empty profile" in page.text
    assert new_computer.get("/api/profile").json() == {"name": "Maria Lopez", "birth_year": 1961}


def test_a_rename_by_another_process_shows_once_the_copy_is_a_second_old(
    database_url: str,
) -> None:
    clock = FakeClock()
    settings = WebSettings(database_url=database_url, extra_hosts=("testserver",))
    with TestClient(create_app(settings, clock), base_url="http://testserver") as api:
        assert api.get("/api/profile").json()["name"] is None  # this process now holds a copy
        # Another process's rename: its own engine on the same database, as `spinecoach profile`.
        engine = open_database(database_url)
        repository = Repository(engine)
        person = repository.ensure_default_person(clock.now())
        save_profile(repository, person, Profile(name="Ana", birth_year=None), clock.now())
        engine.dispose()

        clock.advance(PERSON_FRESH_SECONDS / 2)
        within = api.get("/api/profile").json()["name"]
        clock.advance(PERSON_FRESH_SECONDS / 2)
        after = api.get("/api/profile").json()["name"]

    assert (within, after) == (None, "Ana")


def test_requests_that_find_the_copy_stale_together_read_the_person_once(
    database_url: str,
) -> None:
    clock = FakeClock()
    settings = WebSettings(database_url=database_url, extra_hosts=("testserver",))
    app = create_app(settings, clock)
    people_reads: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM people" in statement:
            people_reads.append(statement)

    async def twenty_at_once() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        # One event loop for every request (a TestClient sends one at a time, from a thread);
        # the app's lifespan closes its connections at the end.
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://testserver") as client,
        ):
            assert (await client.get("/api/profile")).status_code == 200  # the person is made
            clock.advance(PERSON_FRESH_SECONDS)
            event.listen(Engine, "before_cursor_execute", count)
            try:
                answers = await asyncio.gather(*(client.get("/api/profile") for _ in range(20)))
            finally:
                event.remove(Engine, "before_cursor_execute", count)
        return [answer.status_code for answer in answers]

    statuses = asyncio.run(twenty_at_once())
    assert statuses == [200] * 20
    # Fifty phones whose copy went stale in the same moment each made a trip through the
    # thread pool to read the same row: a third of the result route's time on PostgreSQL.
    assert len(people_reads) == 1, people_reads
