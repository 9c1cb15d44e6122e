"""Clinic mode end to end in Chromium: a clinician prescribes, the patient's phone plays it."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from spinecoach.clinic.accounts import add_staff, create_clinic
from spinecoach.clinic_records import StaffRole
from spinecoach.clock import SystemClock
from spinecoach.store.clinics import ClinicDirectory
from spinecoach.store.database import open_database
from tests.web.conftest import free_port
from tests.web.pages_helpers import (
    answer_screen,
    axe_violations,
    horizontal_overflow,
    watch_csp,
)
from tests.web.player.conftest import PHONE, begin_session, finish_with_pain_after, wait_for
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def clinic_server(database_url: str) -> Iterator[ThreadedServer]:
    """Back Care Clinic with Dr Amira Haddad and Tom Okafor, served in clinic mode."""
    engine = open_database(database_url)
    directory = ClinicDirectory(engine)
    now = SystemClock().now()
    clinic, _ = create_clinic(
        directory, "Back Care Clinic", "amira@backcare.example", "Amira Haddad", PASSWORD, now
    )
    add_staff(
        directory, clinic.id, "tom@backcare.example", "Tom Okafor", PASSWORD,
        StaffRole.CLINICIAN, now,
    )  # fmt: skip
    engine.dispose()
    server = ThreadedServer(database_url, free_port(), clinic=True)
    try:
        yield server
    finally:
        server.stop()


def _page(browser: Browser, errors: list[str], phone: bool = False) -> Page:
    """Return a page in a browser of its own whose script errors go into errors."""
    context = browser.new_context(viewport=PHONE) if phone else browser.new_context()
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def test_tom_prescribes_maria_plays_it_on_her_phone_and_tom_sees_the_session(
    browser: Browser, clinic_server: ThreadedServer
) -> None:
    errors: list[str] = []
    tom = _page(browser, errors)
    tom.goto(f"{clinic_server.url}/clinic")
    tom.fill("#email", "tom@backcare.example")
    tom.fill("#password", PASSWORD)
    tom.get_by_role("button", name="Sign in").click()
    expect(tom.get_by_role("heading", name="Patients")).to_be_visible()
    tom.fill("#name", "Maria Lopez")
    tom.fill("#year_of_birth", "1961")
    tom.get_by_role("button", name="Add patient").click()
    expect(tom.get_by_role("heading", name="Maria Lopez")).to_be_visible()
    tom.check('input[name="knee-to-chest.chosen"]')
    tom.check('input[name="cat-cow.chosen"]')
    tom.fill("#cat-cow-reps", "6")
    tom.fill("#sessions_per_week", "5")
    tom.get_by_role("button", name="Save programme").click()
    expect(tom.get_by_role("status")).to_contain_text("Programme saved as version 1")
    tom.get_by_role("button", name="Make a link").click()
    expect(tom.locator(".qr svg")).to_be_visible()
    link = tom.locator("#enrol-link").inner_text()

    maria = _page(browser, errors, phone=True)
    maria.goto(link)
    maria.get_by_role("button", name="Start using spinecoach here").click()
    maria.goto(f"{clinic_server.url}/screening")
    answer_screen(maria)
    begin_session(maria, clinic_server.url, "speed=80", pain=3)
    planned = maria.evaluate(
        "() => spinecoachPlayer.state.timeline.routine.exercises.map("
        "(e) => [e.exercise, e.repetitions])"
    )
    finish_with_pain_after(maria, 2)

    assert planned == [["knee-to-chest", 3], ["cat-cow", 6]]
    tom.goto(f"{clinic_server.url}/clinic/patients/1")

    def seen() -> bool:
        tom.reload()
        return "done" in tom.locator("#patient-sessions").inner_text()

    wait_for(seen, 30, "the clinician to see Maria's session")
    assert errors == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_clinics_pages_pass_axe_fit_a_small_phone_and_break_no_content_policy(
    browser: Browser, clinic_server: ThreadedServer
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    refused = watch_csp(page)
    base = clinic_server.url
    found: dict[str, object] = {}

    def look(name: str) -> None:
        found[name] = (axe_violations(page), horizontal_overflow(page))

    page.goto(f"{base}/clinic")
    look("sign-in")
    page.fill("#email", "amira@backcare.example")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.fill("#name", "Maria Lopez")
    page.get_by_role("button", name="Add patient").click()
    look("patient")
    page.get_by_role("button", name="Make a link").click()
    look("link")
    link = page.locator("#enrol-link").inner_text()
    page.goto(f"{base}/clinic")
    look("patients")
    page.goto(f"{base}/clinic/staff")
    look("staff")
    stranger = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    refused += watch_csp(stranger)
    page = stranger
    page.goto(link)
    look("enrol")
    page.goto(f"{base}/")
    look("not enrolled")

    assert found == dict.fromkeys(found, ([], 0))
    assert refused == []
