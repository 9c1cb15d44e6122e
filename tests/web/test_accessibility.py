"""Every page: no serious axe-core violation, reflows at 360 px and 200 % zoom, keyboard use."""

import re
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.api_helpers import answers
from tests.web.pages_helpers import axe_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIRST_RUN_PAGES = [
    "/welcome",
    "/screening",
    "/about",
    "/settings",
    "/exercises",
    "/history",
    "/function",
    "/reminders",
    "/data",
]
# Widths in CSS pixels: a small phone, and a 1280 px window zoomed to 200 %.
WIDTHS = [360, 640]


@pytest.fixture
def person_with_a_session(client: httpx.Client) -> int:
    """A person who passed the screen, did one session with a result and a diary entry."""
    client.post("/api/screening", json={"answers": answers()})
    started = client.post("/api/sessions", json={"routine": "desk-break", "pain_before": 5})
    session_id: int = started.json()["session"]["id"]
    result = {
        "position": 0,
        "exercise": "seated-back-twist",
        "repetitions_done": 5,
        "hold_seconds": 10,
        "skipped": False,
        "idempotency_key": "a11y",
    }
    client.post(f"/api/sessions/{session_id}/results", json=result)
    client.post(f"/api/sessions/{session_id}/finish", json={"reason": "finished", "pain_after": 3})
    client.post("/api/pain", json={"score": 4, "region": "lumbar"})
    return session_id


def pages_with_data(session_id: int) -> list[str]:
    return [
        "/",
        "/plan",
        "/plan?minutes=abc",
        "/start",
        "/exercises/cat-cow",
        "/exercises/seated-back-twist",
        "/screening/result",
        f"/sessions/{session_id}/summary",
        "/history",
        "/exercises/no-such-stretch",
        "/function",
        "/function?next=/",
        "/reminders",
        "/reminders/stretch.ics?time=25:00",  # the form again, with its messages
        "/report.pdf?since=someday",  # the history page again, with the date's message
        "/data",
    ]


@pytest.fixture
def narrow_pages(browser: Browser) -> Iterator[dict[int, Page]]:
    """One page per tested width."""
    contexts = [browser.new_context(viewport={"width": w, "height": 800}) for w in WIDTHS]
    try:
        yield {width: context.new_page() for width, context in zip(WIDTHS, contexts, strict=True)}
    finally:
        for context in contexts:
            context.close()


def check_page(url: str, page: Page, narrow_pages: dict[int, Page]) -> list[str]:
    """Return every problem found on one page: axe violations and sideways scrolling."""
    problems: list[str] = []
    page.goto(url)
    problems += [f"{url}: axe {violation}" for violation in axe_violations(page)]
    for width, narrow in narrow_pages.items():
        narrow.goto(url)
        overflow = horizontal_overflow(narrow)
        if overflow > 0:
            problems.append(f"{url}: {overflow} px of sideways scrolling at {width} px")
    return problems


def test_first_run_pages_pass_axe_and_reflow(
    page: Page, narrow_pages: dict[int, Page], web_server: str
) -> None:
    problems = [
        p for path in FIRST_RUN_PAGES for p in check_page(web_server + path, page, narrow_pages)
    ]

    assert problems == []


def test_pages_with_records_pass_axe_and_reflow(
    page: Page,
    narrow_pages: dict[int, Page],
    web_server: str,
    person_with_a_session: int,
) -> None:
    paths = pages_with_data(person_with_a_session)

    problems = [p for path in paths for p in check_page(web_server + path, page, narrow_pages)]

    assert problems == []


def test_emergency_page_passes_axe(page: Page, client: httpx.Client, web_server: str) -> None:
    client.post("/api/screening", json={"answers": answers(chest_pain=True)})

    page.goto(web_server + "/screening/result")

    assert axe_violations(page) == []


def test_the_safety_questions_can_be_answered_by_keyboard_alone(
    page: Page, web_server: str
) -> None:
    page.goto(web_server + "/screening")
    radios = page.locator('input[type="radio"][value="yes"]')
    groups = radios.count()

    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(groups):
        # Tab into the next question's yes/no pair, then the down arrow picks "No".
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="See what this means")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/screening/result$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ready to start")
    expect(page.get_by_text("A reminder")).to_be_visible()  # "No" to asking a doctor


def test_the_axe_check_does_find_a_violation_when_there_is_one(page: Page) -> None:
    page.set_content(
        '<html lang="en"><head><title>t</title></head>'
        '<body><main><img src="figure.png"></main></body></html>'
    )

    found = axe_violations(page)

    assert [violation["id"] for violation in found] == ["image-alt"]
