"""The app answers on loopback through the real `spinecoach serve` command."""

import json
import subprocess

import httpx2 as httpx

from tests.web.conftest import SPINECOACH


def test_timeline_api_matches_the_timeline_command(client: httpx.Client) -> None:
    printed = subprocess.run(
        [SPINECOACH, "timeline", "desk-break", "--json"], capture_output=True, text=True, check=True
    )

    response = client.get("/api/timeline", params={"routine": "desk-break"})

    assert response.status_code == 200
    assert response.json() == json.loads(printed.stdout)


def test_home_page_is_html_with_a_start_button(client: httpx.Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Start" in response.text
