"""A clinic-mode app for tests: two clinics, their staff, and phones enrolled by link."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from starlette.routing import Mount
from starlette.testclient import TestClient

from spinecoach.clinic.accounts import add_staff, create_clinic
from spinecoach.clinic_records import StaffRole
from spinecoach.clock import FakeClock
from spinecoach.serving import WebSettings
from spinecoach.store.clinics import ClinicDirectory
from spinecoach.store.database import open_database
from spinecoach.web.app import create_app
from tests.web.api_helpers import answers

PASSWORD = "correct horse battery staple"
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday
PROGRAMME: dict[str, Any] = {
    "exercises": [
        {"exercise": "knee-to-chest", "repetitions": 3, "hold_seconds": 20},
        {"exercise": "cat-cow", "repetitions": 8, "hold_seconds": 0},
    ],
    "sessions_per_week": 5,
    "starts": "2026-01-05",
    "note": "Little and often; stop if the pain spreads down a leg.",
}


@dataclass
class Clinics:
    """Back Care Clinic (Amira, administrator; Tom, clinician) and Riverside Physio (Lena)."""

    app: TestClient
    clock: FakeClock

    def browser(self) -> TestClient:
        """Return another browser on the same app: its own cookies."""
        return TestClient(self.app.app, base_url="http://testserver")

    def signed_in(self, email: str) -> TestClient:
        """Return a browser signed in as the staff member with this address."""
        browser = self.browser()
        answer = browser.post("/api/clinic/login", json={"email": email, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        return browser

    def enrolled(
        self, staff: TestClient, name: str, programme: dict[str, Any] | None = PROGRAMME
    ) -> tuple[int, TestClient]:
        """Add a patient, prescribe, enrol a phone that passed the safety screen; return both."""
        patient = staff.post("/api/clinic/patients", json={"name": name}).json()["id"]
        if programme is not None:
            staff.put(f"/api/clinic/patients/{patient}/programme", json=programme)
        link = staff.post(f"/api/clinic/patients/{patient}/enrolment").json()["url"]
        phone = self.browser()
        assert phone.post(urlsplit(link).path).status_code in (200, 303)
        phone.post("/api/screening", json={"answers": answers()}).raise_for_status()
        return patient, phone


@contextmanager
def clinics(database_url: str) -> Iterator[Clinics]:
    """Serve a clinic-mode app on a new database with its clock standing still at NOW."""
    engine = open_database(database_url)
    directory = ClinicDirectory(engine)
    back_care, _ = create_clinic(
        directory, "Back Care Clinic", "amira@backcare.example", "Amira Haddad", PASSWORD, NOW
    )
    add_staff(
        directory, back_care.id, "tom@backcare.example", "Tom Okafor", PASSWORD,
        StaffRole.CLINICIAN, NOW,
    )  # fmt: skip
    create_clinic(directory, "Riverside Physio", "lena@riverside.example", None, PASSWORD, NOW)
    engine.dispose()
    settings = WebSettings(database_url=database_url, extra_hosts=("testserver",), clinic=True)
    # A clock that moves only when told: the wait after failed sign-ins does not run out
    # mid-test, and days without a session pass in an instant.
    clock = FakeClock(NOW)
    with TestClient(create_app(settings, clock), base_url="http://testserver") as client:
        yield Clinics(client, clock)


def app_routes(app_client: TestClient) -> list[tuple[str, str]]:
    """Return (method, path template) of every route the app serves, static files aside."""
    found: list[tuple[str, str]] = []
    for route in app_client.app.routes:  # type: ignore[attr-defined]
        contexts = (
            [(c.original_route, c.path_format) for c in route.effective_route_contexts()]
            if hasattr(route, "effective_route_contexts")
            else [(route, getattr(route, "path", ""))]
        )
        for original, path in contexts:
            if isinstance(original, Mount):
                continue
            for method in sorted(getattr(original, "methods", None) or ()):
                if method != "HEAD":
                    found.append((method, path))
    return found
