"""The app answers on loopback through the real `spinecoach serve` command."""

import json
import subprocess

import httpx2 as httpx

from tests.web.api_helpers import answers
from tests.web.conftest import SPINECOACH


def test_timeline_api_matches_the_timeline_command(client: httpx.Client) -> None:
    printed = subprocess.run(
        [SPINECOACH, "timeline", "desk-break", "--json"], capture_output=True, text=True, check=True
    )

    response = client.get("/api/timeline", params={"routine": "desk-break"})

    assert response.status_code == 200
    assert response.json() == json.loads(printed.stdout)


def test_home_sends_a_new_person_to_the_welcome_page_first(client: httpx.Client) -> None:
    response = client.get("/")

    assert response.status_code == 303
    assert response.headers["location"] == "/welcome"


def test_home_offers_one_big_start_once_screened(client: httpx.Client) -> None:
    client.post("/api/screening", json={"answers": answers()})

    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.count('class="button button-big" href="/start"') == 1
