"""The home page offers to carry on what a closed tab played, not what a terminal plays now."""

import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
import pytest

from spinecoach.store.database import open_database
from spinecoach.store.liveness import SessionOwner
from spinecoach.store.repository import Repository
from tests.web.api_helpers import assert_error, result_body, start_screened_session

OFFER = "Carry on where you stopped?"


@pytest.fixture
def phone_and_laptop(web_server: str) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """Two browsers of one person on the same server, each with its own cookies."""
    with (
        httpx.Client(base_url=web_server, timeout=30) as phone,
        httpx.Client(base_url=web_server, timeout=30) as laptop,
    ):
        yield phone, laptop


def _three_done_on(phone: httpx.Client) -> tuple[str, list[str]]:
    """Start a session on the phone, play three exercises; return its results path and plan."""
    session, planned = start_screened_session(phone)
    path = f"/api/sessions/{session}/results"
    for position in range(3):
        sent = phone.post(path, json=result_body(position, planned[position], f"phone-{position}"))
        assert sent.status_code == 201, sent.text
    return path, planned


def test_a_new_window_carries_on_and_the_old_tab_is_told_it_goes_on_elsewhere(
    phone_and_laptop: tuple[httpx.Client, httpx.Client],
) -> None:
    phone, laptop = phone_and_laptop
    path, planned = _three_done_on(phone)

    home = laptop.get("/")
    current = laptop.get("/api/sessions/current")
    late = phone.post(path, json=result_body(3, planned[3], "phone-3"))
    retried = phone.post(path, json=result_body(2, planned[2], "phone-2"))
    carried_on = laptop.post(path, json=result_body(3, planned[3], "laptop-3"))

    assert OFFER in home.text
    assert current.status_code == 200 and current.json()["positions"] == [3, 4, 5]
    assert "another window" in assert_error(late, 409)
    assert retried.status_code == 200, retried.text
    assert carried_on.status_code == 201, carried_on.text


def test_another_sites_page_cannot_take_the_session_from_the_browser_playing_it(
    phone_and_laptop: tuple[httpx.Client, httpx.Client],
) -> None:
    phone, stranger = phone_and_laptop
    path, planned = _three_done_on(phone)

    lured = stranger.get("/api/sessions/current", headers={"Sec-Fetch-Site": "cross-site"})
    still_playing = phone.post(path, json=result_body(3, planned[3], "phone-3"))

    assert "another site" in assert_error(lured, 403)
    assert still_playing.status_code == 201, still_playing.text


def test_a_session_a_terminal_here_carried_on_is_not_offered_to_the_browser(
    phone_and_laptop: tuple[httpx.Client, httpx.Client], db_file: Path
) -> None:
    phone, laptop = phone_and_laptop
    path, _ = _three_done_on(phone)
    session_id = int(path.split("/")[3])
    engine = open_database(f"sqlite:///{db_file}")
    with subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE) as terminal:
        try:
            repository = Repository(engine)
            seen = repository.session(session_id)
            assert seen is not None
            owner = SessionOwner(socket.gethostname(), terminal.pid)
            repository.claim_session(seen, owner=owner, now=datetime.now(UTC))

            home = laptop.get("/")
            current = laptop.get("/api/sessions/current")
        finally:
            terminal.kill()
            engine.dispose()

    assert OFFER not in home.text
    assert_error(current, 404)
