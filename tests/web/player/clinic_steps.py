"""The clinic's story in Chromium, step by step: staff sign in and prescribe, the phone plays.

Shared by the clinic flow served in-process and the one served by workers behind Caddy, so
both play the same story whatever the address.
"""

from playwright.sync_api import Browser, Page, expect

from tests.web.pages_helpers import answer_screen
from tests.web.player.conftest import PHONE, begin_session, finish_with_pain_after, wait_for

PASSWORD = "correct horse battery staple"


def watched_page(browser: Browser, errors: list[str], phone: bool = False) -> Page:
    """Return a page in a browser context of its own whose script errors go into errors."""
    context = browser.new_context(viewport=PHONE) if phone else browser.new_context()
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def sign_in(page: Page, base: str, email: str) -> None:
    """Sign a staff member in at /clinic and wait for the list of patients."""
    page.goto(f"{base}/clinic")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Patients")).to_be_visible()


def add_maria_with_a_programme(page: Page) -> str:
    """Add Maria Lopez from the list of patients, prescribe two stretches; return her page."""
    page.fill("#name", "Maria Lopez")
    page.fill("#year_of_birth", "1961")
    page.get_by_role("button", name="Add patient").click()
    expect(page.get_by_role("heading", name="Maria Lopez")).to_be_visible()
    patient_page = page.url
    page.check('input[name="knee-to-chest.chosen"]')
    page.check('input[name="cat-cow.chosen"]')
    page.fill("#cat-cow-reps", "6")
    page.fill("#sessions_per_week", "5")
    page.get_by_role("button", name="Save programme").click()
    expect(page.get_by_role("status")).to_contain_text("Programme saved as version 1")
    return patient_page


def make_link(page: Page) -> str:
    """Press "Make a link" on a patient's page and return the link it shows."""
    page.get_by_role("button", name="Make a link").click()
    expect(page.locator(".qr svg")).to_be_visible()
    return page.locator("#enrol-link").inner_text()


def enrol_and_play(phone: Page, link: str, base: str) -> list[list[object]]:
    """Open the link, answer the safety screen, play the programme fast; return what it planned."""
    phone.goto(link)
    phone.get_by_role("button", name="Start using spinecoach here").click()
    phone.goto(f"{base}/screening")
    answer_screen(phone)
    begin_session(phone, base, "speed=80", pain=3)
    planned: list[list[object]] = phone.evaluate(
        "() => spinecoachPlayer.state.timeline.routine.exercises.map("
        "(e) => [e.exercise, e.repetitions])"
    )
    finish_with_pain_after(phone, 2)
    return planned


def wait_until_session_shown(page: Page, patient_page: str) -> None:
    """Reload the patient's page until it lists the session as done."""
    page.goto(patient_page)

    def seen() -> bool:
        page.reload()
        return "done" in page.locator("#patient-sessions").inner_text()

    wait_for(seen, 30, "the clinician to see Maria's session")
