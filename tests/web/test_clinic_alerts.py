"""Clinic alerts: each rule raised from the records it names, kept until acknowledged."""

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.web.api_helpers import answers, assert_error
from tests.web.clinic_helpers import Clinics, clinics

DAY = 24 * 3600


@pytest.fixture
def world(database_url: str) -> Iterator[Clinics]:
    """Back Care Clinic and Riverside Physio on a new database (SQLite and PostgreSQL)."""
    with clinics(database_url) as made:
        yield made


def _pain(phone: TestClient, score: int) -> None:
    phone.post("/api/pain", json={"score": score}).raise_for_status()


def _session(phone: TestClient, reason: str = "finished") -> int:
    started = phone.post("/api/sessions", json={"routine": "all-six", "pain_before": 2})
    assert started.status_code == 201, started.text
    session: int = started.json()["session"]["id"]
    phone.post(f"/api/sessions/{session}/finish", json={"reason": reason}).raise_for_status()
    return session


def _open(staff: TestClient, patient: int) -> list[tuple[str, str]]:
    alerts = staff.get(f"/api/clinic/patients/{patient}").json()["alerts"]
    return [(a["kind"], a["severity"]) for a in alerts if a["acknowledged_at"] is None]


def _line(staff: TestClient, patient: int) -> dict[str, Any]:
    lines = staff.get("/api/clinic/patients").json()["patients"]
    return next(line for line in lines if line["id"] == patient)


def test_pain_scores_raise_the_pain_alerts_one_open_at_a_time(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")

    _pain(phone, 3)  # her first score on the programme: the level it is compared with
    assert _open(tom, maria) == []
    _pain(phone, 5)  # 2 above the start
    _pain(phone, 6)  # still above it: the open alert already says so
    assert _open(tom, maria) == [("pain-rising", "high")]
    _pain(phone, 8)

    assert _open(tom, maria) == [("severe-pain", "critical"), ("pain-rising", "high")]
    line = _line(tom, maria)
    assert [a["kind"] for a in line["alerts"]] == ["severe-pain", "pain-rising"]
    assert line["alerts"][0]["detail"] == "pain 8 out of 10"
    assert line["alerts"][0]["rule"].startswith("pain of 7 or more")
    assert line["latest_pain"]["score"] == 8


def test_a_small_rise_at_a_raised_level_is_a_low_alert(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")

    _pain(phone, 5)
    _pain(phone, 4)
    assert _open(tom, maria) == []
    _pain(phone, 6)  # 1 above the score before, 1 above the start

    alerts = tom.get(f"/api/clinic/patients/{maria}").json()["alerts"]
    assert [(a["kind"], a["severity"], a["detail"]) for a in alerts] == [
        ("pain-up", "low", "pain 6 out of 10, 4 the time before")
    ]


def test_a_session_stopped_for_pain_and_a_red_flag_are_critical(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")

    _session(phone, "pain")
    phone.post("/api/screening", json={"answers": answers(urine_difficulty=True)})

    assert _open(tom, maria) == [("red-flag", "critical"), ("pain-stop", "critical")]


def test_days_without_a_session_raise_low_then_high_and_none_is_lost(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")
    ana, ana_phone = world.enrolled(tom, "Ana Silva")
    unprescribed, _ = world.enrolled(tom, "Nora Quinn", programme=None)
    _session(phone)
    _session(ana_phone)

    world.clock.advance(2 * DAY)
    tom = world.signed_in("tom@backcare.example")  # a sign-in ends after 30 idle minutes
    assert _open(tom, maria) == []
    world.clock.advance(1 * DAY + 60)
    tom = world.signed_in("tom@backcare.example")
    assert _open(tom, maria) == [("no-session-3-days", "low")]
    world.clock.advance(11 * DAY)
    tom = world.signed_in("tom@backcare.example")
    assert _open(tom, maria) == [("no-session-14-days", "high"), ("no-session-3-days", "low")]
    # Nobody looked at Ana while she was away: her spell is kept when her next session ends it.
    _session(ana_phone)

    assert _open(tom, ana) == [("no-session-14-days", "high")]
    assert "no session for 14 days" in _line(tom, ana)["alerts"][0]["detail"]
    assert _open(tom, unprescribed) == []  # no programme in force, nothing to miss


def test_an_acknowledged_alert_keeps_who_when_and_the_note(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    lena = world.signed_in("lena@riverside.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")
    _pain(phone, 9)
    alert = tom.get(f"/api/clinic/patients/{maria}").json()["alerts"][0]
    address = f"/api/clinic/patients/{maria}/alerts/{alert['id']}/acknowledgement"
    world.clock.advance(3600)
    tom = world.signed_in("tom@backcare.example")
    lena = world.signed_in("lena@riverside.example")

    done = tom.post(address, json={"note": "Called her: a flare-up after gardening."})
    again = tom.post(address, json={})

    assert done.status_code == 200, done.text
    assert done.json()["acknowledged_by"] == tom.get("/api/clinic/me").json()["id"]
    assert done.json()["acknowledgement_note"] == "Called her: a flare-up after gardening."
    assert done.json()["acknowledged_at"] == "2026-01-05T10:00:00+00:00"
    assert "already acknowledged" in assert_error(again, 409)
    assert _open(tom, maria) == []
    assert _line(tom, maria)["alerts"] == []
    # Acknowledged, the next severe score is a new alert.
    _pain(phone, 8)
    assert _open(tom, maria) == [("severe-pain", "critical")]
    assert_error(lena.post(address, json={}), 404)
    unknown = f"/api/clinic/patients/{maria}/alerts/999999/acknowledgement"
    assert_error(tom.post(unknown, json={}), 404)
    too_long = tom.post(address, json={"note": "x" * 1001})
    assert_error(too_long, 422)


def test_the_list_puts_who_needs_a_call_first_and_filters_and_pages(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    amira = world.signed_in("amira@backcare.example")
    tom_id = tom.get("/api/clinic/me").json()["id"]
    calm, _ = world.enrolled(tom, "Carl Calm")
    low, low_phone = world.enrolled(tom, "Bea Low")
    high, high_phone = world.enrolled(amira, "Dan High")
    critical, critical_phone = world.enrolled(tom, "Zoe Critical")
    for phone, scores in ((low_phone, (5, 4, 6)), (high_phone, (3, 6)), (critical_phone, (8,))):
        for score in scores:
            _pain(phone, score)

    def names(query: str = "") -> list[str]:
        answer = tom.get(f"/api/clinic/patients{query}")
        assert answer.status_code == 200, answer.text
        return [line["name"] for line in answer.json()["patients"]]

    assert names() == ["Zoe Critical", "Dan High", "Bea Low", "Carl Calm"]
    assert names("?alert=severe-pain") == ["Zoe Critical"]
    assert names("?search=AL") == ["Zoe Critical", "Carl Calm"]
    assert names("?search=calm") == ["Carl Calm"]
    assert names(f"?clinician={tom_id}") == ["Zoe Critical", "Bea Low", "Carl Calm"]
    second = tom.get("/api/clinic/patients?per_page=3&page=2").json()
    assert (second["total"], second["pages"], second["page"]) == (4, 2, 2)
    assert [line["name"] for line in second["patients"]] == ["Carl Calm"]
    assert tom.get("/api/clinic/patients?page=9").json()["patients"] == []
    for bad in ("per_page=0", "per_page=101", "page=0", "alert=bogus", "clinician=x"):
        assert_error(tom.get(f"/api/clinic/patients?{bad}"), 422)
    assert {calm, low, high, critical} == {line["id"] for line in second["patients"]} | {
        line["id"] for line in tom.get("/api/clinic/patients?per_page=3").json()["patients"]
    }


def test_each_line_carries_the_weeks_figures(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")
    fresh = _line(tom, maria)
    assert (fresh["sessions_this_week"], fresh["active_days_30"]) == (0, 0)
    assert fresh["latest_pain"] is None and fresh["last_session_at"] is None
    assert fresh["programme"] == {
        "version": 1,
        "stretches": 2,
        "sessions_per_week": 5,
        "prescribed_by": tom.get("/api/clinic/me").json()["id"],
    }
    psfs = {"ratings": [{"activity": "Putting on socks", "score": 3}]}
    phone.post("/api/function", json=psfs).raise_for_status()

    _session(phone)
    _session(phone)  # two the same day: one day with a session
    world.clock.advance(DAY)
    _session(phone)
    world.clock.advance(7 * DAY)  # the next Monday: a new week
    _session(phone)
    later = {"ratings": [{"activity": "Putting on socks", "score": 6}]}
    phone.post("/api/function", json=later).raise_for_status()
    tom = world.signed_in("tom@backcare.example")

    line = _line(tom, maria)
    assert line["sessions_this_week"] == 1
    assert line["sessions_prescribed_per_week"] == 5
    assert line["active_days_30"] == 3
    assert line["latest_pain"]["score"] == 2
    assert line["last_session_at"] == "2026-01-13T09:00:00+00:00"
    assert line["function_change"] == {"first": 3.0, "latest": 6.0, "change": 3.0}


def test_a_patient_added_after_the_programme_began_is_not_quiet_before_they_were_added(
    world: Clinics,
) -> None:
    world.clock.advance(30 * DAY)  # the programme below began 30 days ago
    tom = world.signed_in("tom@backcare.example")
    lee, phone = world.enrolled(tom, "Lee Park")
    assert _open(tom, lee) == []

    _session(phone)
    world.clock.advance(DAY)
    tom = world.signed_in("tom@backcare.example")

    assert _open(tom, lee) == []
    assert _line(tom, lee)["alerts"] == []


def test_each_line_gives_the_pain_verdict_the_patient_sees(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")
    assert _line(tom, maria)["pain_verdict"]["kind"] == "too-early"

    for score in (6, 6, 6, 3, 2, 2):  # three weeks: from 6 to about 2
        _pain(phone, score)
        world.clock.advance(4 * DAY)
    tom = world.signed_in("tom@backcare.example")

    verdict = _line(tom, maria)["pain_verdict"]
    assert verdict["kind"] == "improving"
    assert verdict["label"] == phone.get("/api/trends").json()["verdict"]["label"]
