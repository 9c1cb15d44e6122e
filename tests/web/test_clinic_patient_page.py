"""A patient's page for the clinician: what the patient's history shows, paged, and their file."""

import re
from collections.abc import Iterator

import pytest

from tests.web.clinic_helpers import Clinics, clinics

SAME_SITE = {"sec-fetch-site": "same-origin"}


@pytest.fixture
def world(database_url: str) -> Iterator[Clinics]:
    """Back Care Clinic and Riverside Physio on a new database (SQLite and PostgreSQL)."""
    with clinics(database_url) as made:
        yield made


def test_the_page_shows_the_verdict_charts_sessions_and_a_paged_diary(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")
    started = phone.post("/api/sessions", json={"routine": "all-six", "pain_before": 4}).json()
    phone.post(f"/api/sessions/{started['session']['id']}/finish", json={"reason": "finished"})
    phone.post("/api/function", json={"ratings": [{"activity": "Gardening", "score": 3}]})
    for number in range(23):
        note = f"diary note {number:02d}"
        phone.post("/api/pain", json={"score": 3, "note": note}).raise_for_status()
        world.clock.advance(60)
    tom = world.signed_in("tom@backcare.example")

    page = tom.get(f"/clinic/patients/{maria}")

    assert page.status_code == 200
    assert "Is it getting better? Too early to say." in page.text
    assert 'aria-labelledby="pain-chart-heading"' in page.text and "<svg" in page.text
    assert "Gardening 3" in page.text
    sessions = page.text[page.text.index('id="patient-sessions"') :]
    assert 'data-label="Pain"><div>4 → \u2013' in sessions  # before 4, no score after
    shown = re.findall(r"diary note (\d\d)", page.text)
    assert shown == [f"{n:02d}" for n in range(22, 2, -1)]  # the newest 20, newest first
    older = re.search(r'href="([^"]+)" rel="next">Older diary entries', page.text)
    assert older is not None
    rest = tom.get(older.group(1).replace("&amp;", "&"))
    assert re.findall(r"diary note (\d\d)", rest.text) == ["02", "01", "00"]
    assert f'href="/api/clinic/patients/{maria}/report.pdf"' in page.text
    assert f'href="/api/clinic/patients/{maria}/fhir"' in page.text


def test_a_page_link_changed_by_hand_shows_the_latest_with_a_note(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    maria, _ = world.enrolled(tom, "Maria Lopez")

    page = tom.get(f"/clinic/patients/{maria}?diary_before=nonsense")

    assert page.status_code == 200
    assert "That page could not be found" in page.text
