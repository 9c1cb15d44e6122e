"""Pages on a phone in Chromium: the pain chart opens at its latest end, and an unanswered safety
question is marked where it is, with the screen taken to it and a list at the top leading to each.
"""

from collections.abc import Iterator

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from spinecoach.safety.loader import default_screening
from tests.web.api_helpers import answers

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A phone-sized page with its own storage."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True)
    yield context.new_page()
    context.close()


CHART_ENDS = """() => {
  const scroller = document.querySelector("#pain-chart-heading + figure .chart-scroll");
  const chart = scroller.querySelector("svg").getBoundingClientRect();
  const seen = scroller.getBoundingClientRect();
  return {wider: scroller.scrollWidth > scroller.clientWidth,
          startHidden: chart.left < seen.left - 1, endShown: chart.right <= seen.right + 1};
}"""


def test_the_pain_chart_on_a_phone_opens_at_its_latest_end(
    phone_page: Page, client: httpx.Client, web_server: str
) -> None:
    client.post("/api/screening", json={"answers": answers()})
    for score in (6, 5, 4):
        client.post("/api/pain", json={"score": score, "region": "lumbar"})

    phone_page.goto(f"{web_server}/history")

    ends = phone_page.evaluate(CHART_ENDS)
    assert ends == {"wider": True, "startHidden": True, "endShown": True}


def test_an_unanswered_question_is_marked_where_it_is_and_listed_at_the_top(
    phone_page: Page, web_server: str
) -> None:
    items = default_screening().items
    phone_page.goto(f"{web_server}/screening")
    for item in items[:-2]:
        phone_page.check(f'input[name="{item.id}"][value="no"]')

    phone_page.get_by_role("button", name="See what this means").click()

    open_ids = [item.id for item in items[-2:]]
    first = phone_page.locator(f"#q-{open_ids[0]}")
    expect(first).to_be_focused()
    expect(first).to_be_in_viewport()
    expect(first.locator(".field-error")).to_have_text("please answer yes or no")
    summary = phone_page.locator("#form-errors")
    expect(summary).to_contain_text("Please answer the 2 questions")
    links = summary.get_by_role("link")
    assert links.evaluate_all("(all) => all.map((a) => a.hash)") == [f"#q-{i}" for i in open_ids]
    links.nth(1).click()
    expect(phone_page.locator(f"#q-{open_ids[1]}")).to_be_in_viewport()
    expect(phone_page.locator(".has-error")).to_have_count(2)
