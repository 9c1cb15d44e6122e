"""Paging the history in the API and on the page, on SQLite and PostgreSQL."""

import re

import pytest
from starlette.testclient import TestClient

from tests.web.api_helpers import answers, assert_error

ENTRIES = 45


@pytest.fixture
def diary(api: TestClient) -> TestClient:
    """A screened person with ENTRIES diary scores, scored 0 to 10 in turn."""
    api.post("/api/screening", json={"answers": answers()}).raise_for_status()
    for index in range(ENTRIES):
        api.post(
            "/api/pain", json={"score": index % 11, "note": f"entry {index}"}
        ).raise_for_status()
    return api


def test_older_pages_of_the_api_hold_every_entry_once(diary: TestClient) -> None:
    seen: list[str] = []
    params: dict[str, str | int] = {"limit": 20}
    while True:
        page = diary.get("/api/history", params=params).json()
        seen = [entry["note"] for entry in page["diary"]] + seen
        if not page["diary_page"]["has_older"]:
            break
        params = {"limit": 20, "diary_before": page["diary_page"]["older"]}

    assert seen == [f"entry {index}" for index in range(ENTRIES)]
    assert page["limit"] == 20 and len(page["diary"]) == ENTRIES - 40
    assert page["diary_page"]["has_newer"]


def test_the_first_page_holds_twenty_and_says_how_to_get_more(diary: TestClient) -> None:
    page = diary.get("/api/history").json()

    assert len(page["diary"]) == 20
    assert page["diary"][-1]["note"] == f"entry {ENTRIES - 1}"  # oldest first, as before paging
    assert page["diary_page"]["has_older"] and page["diary_page"]["older"]
    assert page["diary_page"] | {"older": None} == {
        "has_older": True,
        "older": None,
        "has_newer": False,
        "newer": None,
    }
    assert page["sessions_page"]["has_older"] is False


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"diary_before": "yesterday"}, "diary_before"),
        ({"sessions_after": "1.2.3"}, "sessions_after"),
        ({"diary_before": "999999999999999999.1"}, "diary_before"),  # after the year 9999
        ({"diary_before": "1.1", "diary_after": "2.2"}, "diary_after"),
    ],
)
def test_bad_paging_is_a_422_naming_the_field(
    api: TestClient, params: dict[str, str | int], field: str
) -> None:
    detail = assert_error(api.get("/api/history", params=params), 422)

    assert detail[0]["loc"] == ["query", field]


def shown(html: str) -> list[int]:
    """Return the diary entries a page lists, by the number in their note, top to bottom."""
    return [int(number) for number in re.findall(r": entry (\d+)</li>", html)]


def links(html: str) -> dict[str, str]:
    """Return the page's Older and Newer diary links by their words."""
    found = re.findall(r'<a href="([^"]+)" rel="(?:next|prev)">([^<]+)</a>', html)
    return {words.replace("&amp;", "&"): href.replace("&amp;", "&") for href, words in found}


def test_the_page_links_older_and_newer_diary_pages(diary: TestClient) -> None:
    first = diary.get("/history")
    newest = links(first.text)
    middle_page = diary.get(newest["Older diary entries →"])
    middle = links(middle_page.text)
    last_page = diary.get(middle["Older diary entries →"])
    last = links(last_page.text)
    back = diary.get(last["← Newer diary entries"])

    assert set(newest) == {"Older diary entries →"}
    assert set(middle) == {"← Newer diary entries", "Older diary entries →"}
    assert set(last) == {"← Newer diary entries"}
    assert shown(first.text) == list(range(44, 24, -1))
    assert shown(middle_page.text) == list(range(24, 4, -1))
    assert shown(last_page.text) == list(range(4, -1, -1))
    assert shown(back.text) == list(range(24, 4, -1))


@pytest.mark.parametrize("query", ["limit=500", "limit=x", "diary_before=soon"])
def test_a_bad_page_link_shows_the_latest_entries_with_a_plain_message(
    diary: TestClient, query: str
) -> None:
    response = diary.get(f"/history?{query}")

    assert response.status_code == 422
    assert "That page of your history could not be found" in response.text
    assert shown(response.text) == list(range(44, 24, -1))
