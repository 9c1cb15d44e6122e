"""Clinic mode's JSON API: staff sign in, add patients, prescribe, and hand off by link."""

from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from starlette.testclient import TestClient

from spinecoach.clock import FakeClock
from spinecoach.web.deps import NO_DEVICE
from tests.web.api_helpers import answers
from tests.web.clinic_helpers import NOW, PASSWORD, PROGRAMME, clinics


@pytest.fixture
def clinic_app(database_url: str) -> Iterator[TestClient]:
    """A clinic-mode app on a new database holding Back Care Clinic and Riverside Physio."""
    with clinics(database_url) as world:
        yield world.app


def _client(app_client: TestClient) -> TestClient:
    """Return another browser on the same app: its own cookies."""
    return TestClient(app_client.app, base_url="http://testserver")


def _signed_in(app_client: TestClient, email: str) -> TestClient:
    browser = _client(app_client)
    answer = browser.post("/api/clinic/login", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return browser


def test_a_clinician_signs_in_and_out(clinic_app: TestClient) -> None:
    answer = clinic_app.post(
        "/api/clinic/login", json={"email": "Tom@BackCare.example", "password": PASSWORD}
    )

    assert answer.status_code == 200
    assert answer.json()["name"] == "Tom Okafor"
    assert answer.json()["role"] == "clinician"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert clinic_app.get("/api/clinic/me").json()["email"] == "tom@backcare.example"
    assert clinic_app.post("/api/clinic/logout").status_code == 204
    assert clinic_app.get("/api/clinic/me").status_code == 401


def test_a_wrong_password_and_an_unknown_address_are_the_same_401(clinic_app: TestClient) -> None:
    wrong = clinic_app.post(
        "/api/clinic/login", json={"email": "tom@backcare.example", "password": "not it at all"}
    )
    unknown = clinic_app.post(
        "/api/clinic/login", json={"email": "nobody@backcare.example", "password": PASSWORD}
    )

    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "set-cookie" not in wrong.headers


def test_repeated_failures_answer_429_with_retry_after(clinic_app: TestClient) -> None:
    guess = {"email": "tom@backcare.example", "password": "a wrong guess here"}
    statuses = [clinic_app.post("/api/clinic/login", json=guess).status_code for _ in range(6)]

    # Five mistypes are free; the sixth try comes too soon after them.
    assert statuses == [401] * 5 + [429]
    refused = clinic_app.post("/api/clinic/login", json={**guess, "password": PASSWORD})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1


def test_without_signing_in_the_clinics_routes_answer_401(clinic_app: TestClient) -> None:
    for method, path in (
        ("GET", "/api/clinic/patients"),
        ("POST", "/api/clinic/patients"),
        ("GET", "/api/clinic/patients/1"),
        ("PUT", "/api/clinic/patients/1/programme"),
        ("POST", "/api/clinic/patients/1/enrolment"),
    ):
        answer = clinic_app.request(method, path, json={})
        assert answer.status_code == 401, (method, path, answer.text)


def test_a_clinician_adds_a_patient_and_prescribes_versions(clinic_app: TestClient) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    added = tom.post("/api/clinic/patients", json={"name": "Maria Lopez", "year_of_birth": 1961})
    assert added.status_code == 201, added.text
    maria = added.json()["id"]

    first = tom.put(f"/api/clinic/patients/{maria}/programme", json=PROGRAMME)
    amira = _signed_in(clinic_app, "amira@backcare.example")  # every clinician sees every patient
    knee = {"exercise": "knee-to-chest", "repetitions": 3, "hold_seconds": 30}
    longer = {**PROGRAMME, "exercises": [knee]}
    second = amira.put(f"/api/clinic/patients/{maria}/programme", json=longer)

    assert (first.status_code, second.status_code) == (200, 200)
    detail = tom.get(f"/api/clinic/patients/{maria}").json()
    assert detail["name"] == "Maria Lopez" and detail["year_of_birth"] == 1961
    assert [v["version"] for v in detail["programme_versions"]] == [1, 2]
    assert detail["programme"]["exercises"] == [
        {"exercise": "knee-to-chest", "repetitions": 3, "hold_seconds": 30}
    ]
    assert [p["name"] for p in amira.get("/api/clinic/patients").json()["patients"]] == [
        "Maria Lopez"
    ]


def test_a_dose_outside_the_safe_range_is_refused_naming_the_field(clinic_app: TestClient) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    knee = {"exercise": "knee-to-chest", "repetitions": 3, "hold_seconds": 900}
    too_long = {**PROGRAMME, "exercises": [knee]}

    refused = tom.put(f"/api/clinic/patients/{maria}/programme", json=too_long)

    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("exercises[0].hold_seconds: 900 is outside")
    assert tom.get(f"/api/clinic/patients/{maria}").json()["programme"] is None


def test_another_clinic_finds_none_of_this_clinics_patients(clinic_app: TestClient) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    lena = _signed_in(clinic_app, "lena@riverside.example")

    assert lena.get("/api/clinic/patients").json()["patients"] == []
    for method, path, body in (
        ("GET", f"/api/clinic/patients/{maria}", None),
        ("PUT", f"/api/clinic/patients/{maria}/programme", PROGRAMME),
        ("POST", f"/api/clinic/patients/{maria}/enrolment", None),
        ("DELETE", f"/api/clinic/patients/{maria}/devices/1", None),
    ):
        answer = lena.request(method, path, json=body)
        assert answer.status_code == 404, (method, path, answer.text)
        assert "Maria" not in answer.text
    assert tom.get(f"/api/clinic/patients/{maria}").json()["programme"] is None


def test_a_link_binds_the_patients_phone_once_and_revoking_it_locks_it_out(
    clinic_app: TestClient,
) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    made = tom.post(f"/api/clinic/patients/{maria}/enrolment")
    assert made.status_code == 201, made.text
    path = urlsplit(made.json()["url"]).path
    phone = _client(clinic_app)
    phone.headers["user-agent"] = "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile"

    assert phone.get("/api/profile").json()["detail"] == NO_DEVICE  # not enrolled yet
    assert phone.get(path).status_code == 200  # a preview of the link uses nothing up
    bound = phone.post(path, follow_redirects=False)
    assert bound.status_code == 303
    assert "samesite=lax" in bound.headers["set-cookie"].lower()
    assert phone.get("/api/profile").json()["name"] == "Maria Lopez"
    assert tom.get("/api/profile").status_code == 401  # a staff cookie is not a patient's
    again = _client(clinic_app).post(path, follow_redirects=False)
    assert again.status_code == 404
    device = tom.get(f"/api/clinic/patients/{maria}").json()["devices"][0]
    assert device["label"] == "Chrome on Android"

    assert tom.delete(f"/api/clinic/patients/{maria}/devices/{device['id']}").status_code == 204
    assert phone.get("/api/profile").status_code == 401


def test_personal_mode_has_no_clinic(api: TestClient) -> None:
    assert api.get("/api/clinic/patients").status_code == 404
    assert (
        api.post("/api/clinic/login", json={"email": "a@b.example", "password": "x"}).status_code
        == 404
    )
    assert api.get("/enrol/some-token").status_code == 404
    assert api.get("/api/profile").status_code == 200


def test_pages_show_the_enrolled_patient_and_tell_a_stranger_to_open_the_link(
    clinic_app: TestClient,
) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    path = urlsplit(tom.post(f"/api/clinic/patients/{maria}/enrolment").json()["url"]).path
    phone = _client(clinic_app)
    phone.post(path)

    for address in ("/", "/play", "/settings", "/history"):
        stranger = _client(clinic_app).get(address, follow_redirects=False)
        assert stranger.status_code == 401, address
        assert "open the link they gave you" in stranger.text
    # Maria has not answered the safety questions yet: her first visit starts with them.
    first = phone.get("/", follow_redirects=False)
    assert (first.status_code, first.headers["location"]) == (303, "/welcome")
    assert "knows you as <strong>Maria Lopez</strong>" in phone.get("/settings").text
    # The clinic knows her by that name: she asks them to change it.
    renamed = phone.put("/api/profile", json={"name": "Mary", "birth_year": None})
    assert renamed.status_code == 403
    assert "ask them to change" in renamed.json()["detail"]
    assert phone.get("/api/profile").json()["name"] == "Maria Lopez"


def test_a_red_flag_answer_on_the_patients_phone_is_an_alert_for_the_clinician(
    clinic_app: TestClient,
) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    path = urlsplit(tom.post(f"/api/clinic/patients/{maria}/enrolment").json()["url"]).path
    phone = _client(clinic_app)
    phone.post(path)
    assert tom.get(f"/api/clinic/patients/{maria}").json()["alerts"] == []

    screened = phone.post("/api/screening", json={"answers": answers(urine_difficulty=True)})

    assert screened.status_code == 201, screened.text
    assert screened.json()["outcome"] == "emergency"  # the patient is told, as in personal mode
    alerts = tom.get(f"/api/clinic/patients/{maria}").json()["alerts"]
    assert [(a["kind"], a["severity"]) for a in alerts] == [("red-flag", "critical")]
    assert alerts[0]["detail"] == "the screen said to get emergency care"
    assert alerts[0]["raised_at"] == NOW.isoformat()


def test_another_site_cannot_sign_in_prescribe_or_enrol_for_anyone(clinic_app: TestClient) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    path = urlsplit(tom.post(f"/api/clinic/patients/{maria}/enrolment").json()["url"]).path
    elsewhere = {"origin": "https://evil.example", "sec-fetch-site": "cross-site"}

    attempts = [
        tom.post("/api/clinic/login", json={"email": "tom@backcare.example",
                 "password": PASSWORD}, headers=elsewhere),
        tom.put(f"/api/clinic/patients/{maria}/programme", json=PROGRAMME, headers=elsewhere),
        tom.post("/clinic/patients", data={"name": "Mallory"}, headers=elsewhere),
        _client(clinic_app).post(path, headers=elsewhere),
    ]  # fmt: skip

    assert [attempt.status_code for attempt in attempts] == [403] * 4
    assert tom.get(f"/api/clinic/patients/{maria}").json()["programme"] is None
    assert [p["name"] for p in tom.get("/api/clinic/patients").json()["patients"]] == [
        "Maria Lopez"
    ]


def test_over_https_the_staff_and_device_cookies_are_secure(clinic_app: TestClient) -> None:
    secure = TestClient(clinic_app.app, base_url="https://testserver")

    signed_in = secure.post(
        "/api/clinic/login", json={"email": "tom@backcare.example", "password": PASSWORD}
    )
    maria = secure.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    link = secure.post(f"/api/clinic/patients/{maria}/enrolment").json()["url"]
    bound = TestClient(clinic_app.app, base_url="https://testserver").post(
        urlsplit(link).path, follow_redirects=False
    )

    assert link.startswith("https://testserver/enrol/")
    for answer in (signed_in, bound):
        assert "; secure" in answer.headers["set-cookie"].lower()


def test_guessing_many_addresses_from_one_place_is_slowed_too(clinic_app: TestClient) -> None:
    guesses = [
        clinic_app.post(
            "/api/clinic/login", json={"email": f"guess{n}@backcare.example", "password": "nope"}
        ).status_code
        for n in range(21)
    ]

    # Twenty failures from one network address are free, one per address typed; then it waits.
    assert guesses == [401] * 20 + [429]


def test_the_patient_reads_the_clinicians_note_on_the_home_page(clinic_app: TestClient) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    tom.put(f"/api/clinic/patients/{maria}/programme", json=PROGRAMME).raise_for_status()
    path = urlsplit(tom.post(f"/api/clinic/patients/{maria}/enrolment").json()["url"]).path
    phone = _client(clinic_app)
    phone.post(path)
    phone.post("/api/screening", json={"answers": answers()}).raise_for_status()

    home = phone.get("/").text

    assert "Your clinic asks for 5 sessions a week." in home
    assert "stop if the pain spreads down a leg" in home
    assert "Knee to chest, Cat and cow" in home


def test_the_clinician_sees_when_each_device_was_last_used(clinic_app: TestClient) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    path = urlsplit(tom.post(f"/api/clinic/patients/{maria}/enrolment").json()["url"]).path
    phone = _client(clinic_app)
    phone.post(path)
    clock: FakeClock = clinic_app.app.state.clock  # type: ignore[attr-defined]

    clock.advance(3 * 24 * 3600)
    phone.get("/api/profile").raise_for_status()

    tom = _signed_in(clinic_app, "tom@backcare.example")  # his sign-in ended, idle meanwhile
    device = tom.get(f"/api/clinic/patients/{maria}").json()["devices"][0]
    assert device["enrolled_at"] == NOW.isoformat()
    assert device["last_seen_at"] == (NOW + timedelta(days=3)).isoformat()


def test_the_patients_pages_say_the_clinic_keeps_the_records(clinic_app: TestClient) -> None:
    about = clinic_app.get("/about").text

    assert "kept on your clinic" in about
    assert "stays in a database on this computer" not in about
    assert "staff see your sessions and pain scores" in about


def test_a_withdrawn_link_binds_nothing(clinic_app: TestClient) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    made = tom.post(f"/api/clinic/patients/{maria}/enrolment").json()

    withdrawn = tom.delete(f"/api/clinic/patients/{maria}/enrolment/{made['id']}")
    phone = _client(clinic_app)
    opened = phone.post(urlsplit(made["url"]).path, follow_redirects=False)

    assert withdrawn.status_code == 204
    assert opened.status_code == 404
    assert phone.get("/api/profile").status_code == 401
    link = tom.get(f"/api/clinic/patients/{maria}").json()["enrolment_links"][0]
    assert link["revoked_at"] == NOW.isoformat() and link["used_at"] is None
