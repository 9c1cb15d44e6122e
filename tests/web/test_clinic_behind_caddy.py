"""A clinic past one process: two spinecoach processes on one PostgreSQL, behind Caddy's HTTPS.

Set up as README "Run a clinic" says: `serve --clinic --public-url` twice on loopback ports,
Caddy in front with `tls internal`, sending requests to each in turn. Chromium trusts Caddy's
own authority alone (an NSS database in its HOME) and is told the clinic's name is 127.0.0.1;
no certificate error is ignored, so a page that loads was served over HTTPS that checked out.
"""

import json
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest
from playwright.sync_api import Page
from sqlalchemy import create_engine, text

from tests.browser import chromium, trust_in_home
from tests.conftest import PostgresServer
from tests.web.caddy import Caddy, caddy_executable, running_caddy
from tests.web.conftest import SPINECOACH, STARTUP_SECONDS, Server, free_port, start_server
from tests.web.player import clinic_steps as steps
from tests.web.player.conftest import wait_for
from tests.web.process_sockets import accepted_connections

pytestmark = [pytest.mark.postgres, pytest.mark.browser, pytest.mark.slow]

NAME = "clinic-test.home"
PROCESSES = 2
# Requests sent at once from the clinician's page: Caddy hands them to each process in turn.
BURST = """async () => (await Promise.all(
  Array.from({length: 16}, () => fetch("/api/clinic/me"))
)).map((response) => response.status)"""
STORED = text(
    "SELECT people.name, sessions.status, COUNT(exercise_results.id) FROM sessions "
    "JOIN people ON people.id = sessions.person_id "
    "LEFT JOIN exercise_results ON exercise_results.session_id = sessions.id "
    "GROUP BY people.name, sessions.status"
)


@dataclass(frozen=True)
class Clinic:
    """The clinic as people reach it (Caddy), the processes behind it and their database."""

    caddy: Caddy
    servers: tuple[Server, ...]
    database_url: str


def _spinecoach(*args: str) -> str:
    """Run a spinecoach command with the password on standard input; return what it printed."""
    done = subprocess.run(
        [SPINECOACH, *args, "--password-stdin"],
        input=steps.PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _make_staff(database_url: str) -> None:
    """Make Back Care Clinic, its administrator and Tom, a clinician, as the README does."""
    made = _spinecoach(
        "clinic", "create", "--name", "Back Care Clinic", "--admin-email",
        "amira@backcare.example", "--admin-name", "Amira Haddad", "--json", "--db", database_url,
    )  # fmt: skip
    clinic = json.loads(made)["clinic"]["id"]
    _spinecoach(
        "clinic", "add-clinician", "--clinic", str(clinic), "--email", "tom@backcare.example",
        "--name", "Tom Okafor", "--db", database_url,
    )  # fmt: skip


def _answers_through(caddy: Caddy, path: str) -> bool:
    """Say whether the app answers 200 at path through Caddy, checking its certificate."""
    trust = ssl.create_default_context(cafile=str(caddy.root_certificate))
    try:
        with httpx.Client(verify=trust, timeout=5) as client:
            response = client.get(
                f"https://127.0.0.1:{caddy.port}{path}",
                headers={"Host": f"{NAME}:{caddy.port}"},
                extensions={"sni_hostname": NAME},  # the name its certificate must bear
            )
    except httpx.TransportError:
        return False
    return response.status_code == 200


def _free_ports(count: int) -> list[int]:
    """Return different free ports on 127.0.0.1: Caddy's, then each process's."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


@pytest.fixture
def clinic(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[Clinic]:
    """Two `serve --clinic` processes on a fresh PostgreSQL database, behind one Caddy."""
    caddy_executable()  # a missing Caddy fails the test before anything is started
    database_url = postgres_server.create_database()
    _make_staff(database_url)
    public_port, *ports = _free_ports(1 + PROCESSES)
    serve = ("--clinic", "--public-url", f"https://{NAME}:{public_port}")
    servers: list[Server] = []
    try:
        for number, port in enumerate(ports):
            log = tmp_path / f"serve-{number}.log"
            servers.append(start_server(database_url, log, *serve, port=port))
        with running_caddy(tmp_path / "caddy", NAME, public_port, ports) as caddy:
            wait_for(
                lambda: _answers_through(caddy, "/clinic"),
                STARTUP_SECONDS,
                "the clinic's sign-in page through Caddy",
            )
            yield Clinic(caddy, tuple(servers), database_url)
    finally:
        for server in servers:
            server.stop()


def _connections_per_process(page: Page, clinic: Clinic) -> list[int] | None:
    """Send a burst of requests from the page; return each process's connections from Caddy.

    None until each holds one: the proxy's idle connections are closed after a few seconds.
    """
    statuses = page.evaluate(BURST)
    assert statuses == [200] * len(statuses)
    held = [accepted_connections(s.process.pid, s.port) for s in clinic.servers]
    return held if all(held) else None


def test_two_processes_behind_caddy_serve_the_clinic_end_to_end_over_https(
    clinic: Clinic, tmp_path: Path
) -> None:
    home = tmp_path / "chromium-home"
    trust_in_home(home, clinic.caddy.root_certificate)
    base = clinic.caddy.url
    errors: list[str] = []

    with chromium([f"--host-resolver-rules=MAP {NAME} 127.0.0.1"], home=home) as browser:
        tom = steps.watched_page(browser, errors)
        steps.sign_in(tom, base, "tom@backcare.example")
        dashboard = tom.goto(f"{base}/clinic")
        patient_page = steps.add_maria_with_a_programme(tom)
        link = steps.make_link(tom)
        maria = steps.watched_page(browser, errors, phone=True)
        planned = steps.enrol_and_play(maria, link, base)
        steps.wait_until_session_shown(tom, patient_page)
        held = wait_for(lambda: _connections_per_process(tom, clinic), 30, "both to take requests")
        secure = [page.evaluate("window.isSecureContext") for page in (tom, maria)]
        cookies = {c["name"]: c["secure"] for page in (tom, maria) for c in page.context.cookies()}
        certificate = dashboard.security_details() if dashboard else None
        # One process stops (a restart, an update): Caddy sends everything to the other.
        clinic.servers[0].stop()
        after_stop = [tom.reload(), maria.goto(f"{base}/history")]
        still_shown = tom.locator("#patient-sessions").inner_text()

    engine = create_engine(clinic.database_url)
    try:
        with engine.connect() as connection:
            stored = [tuple(row) for row in connection.execute(STORED)]
    finally:
        engine.dispose()
    assert link.startswith(f"{base}/")
    assert patient_page.startswith(f"{base}/clinic/patients/")
    assert planned == [["knee-to-chest", 3], ["cat-cow", 6]]
    assert certificate is not None
    assert str(certificate.get("issuer")).startswith("Caddy Local Authority")
    assert secure == [True, True]
    assert cookies == dict.fromkeys(
        ["spinecoach_staff", "spinecoach_device", "spinecoach_player"], True
    )
    assert stored == [("Maria Lopez", "completed", 2)]
    assert len(held) == PROCESSES and all(held)  # each process took some of Caddy's requests
    assert [response.status if response else None for response in after_stop] == [200, 200]
    assert "done" in still_shown
    assert errors == []
