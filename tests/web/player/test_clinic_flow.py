"""Clinic mode end to end in Chromium: a clinician prescribes, the patient's phone plays it."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from spinecoach.clinic.accounts import add_staff, create_clinic
from spinecoach.clinic_records import StaffRole
from spinecoach.clock import SystemClock
from spinecoach.store.clinics import ClinicDirectory
from spinecoach.store.database import open_database
from tests.web.conftest import free_port
from tests.web.pages_helpers import axe_violations, horizontal_overflow, watch_csp
from tests.web.player.clinic_steps import (
    PASSWORD,
    add_maria_with_a_programme,
    enrol_and_play,
    make_link,
    sign_in,
    wait_until_session_shown,
    watched_page,
)
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


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


def test_tom_prescribes_maria_plays_it_on_her_phone_and_tom_sees_the_session(
    browser: Browser, clinic_server: ThreadedServer
) -> None:
    errors: list[str] = []
    tom = watched_page(browser, errors)
    sign_in(tom, clinic_server.url, "tom@backcare.example")
    patient_page = add_maria_with_a_programme(tom)
    link = make_link(tom)

    maria = watched_page(browser, errors, phone=True)
    planned = enrol_and_play(maria, link, clinic_server.url)

    assert planned == [["knee-to-chest", 3], ["cat-cow", 6]]
    wait_until_session_shown(tom, patient_page)
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
