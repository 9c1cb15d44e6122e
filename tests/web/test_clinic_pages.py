"""The clinic's staff pages: sign-in form, patients, a patient's page, staff for the admin."""

import re
from urllib.parse import urlsplit

from starlette.testclient import TestClient

from tests.web.test_api_clinic import PASSWORD, _client, _signed_in, clinic_app  # noqa: F401

SAME_SITE = {"origin": "http://testserver"}


def _form_signed_in(app_client: TestClient, email: str) -> TestClient:
    browser = _client(app_client)
    answer = browser.post(
        "/clinic/sign-in", data={"email": email, "password": PASSWORD}, headers=SAME_SITE,
        follow_redirects=False,
    )  # fmt: skip
    assert (answer.status_code, answer.headers["location"]) == (303, "/clinic")
    return browser


def test_the_sign_in_form_says_what_went_wrong_and_keeps_the_address(
    clinic_app: TestClient,  # noqa: F811 (the fixture imported above)
) -> None:
    page = clinic_app.post(
        "/clinic/sign-in", data={"email": "tom@backcare.example", "password": "wrong guess!"},
        headers=SAME_SITE,
    )  # fmt: skip

    assert page.status_code == 401
    assert "the e-mail address or the password is wrong" in page.text
    assert 'value="tom@backcare.example"' in page.text


def test_pages_without_a_sign_in_lead_to_the_form(
    clinic_app: TestClient,  # noqa: F811
) -> None:
    for address in ("/clinic/patients/1", "/clinic/staff"):
        answer = clinic_app.get(address, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, "/clinic"), address
    assert "Staff sign-in" in clinic_app.get("/clinic").text


def test_a_clinician_adds_a_patient_prescribes_and_makes_a_link_from_the_pages(
    clinic_app: TestClient,  # noqa: F811
) -> None:
    tom = _form_signed_in(clinic_app, "tom@backcare.example")
    added = tom.post(
        "/clinic/patients", data={"name": "Maria Lopez", "year_of_birth": "1961"},
        headers=SAME_SITE, follow_redirects=False,
    )  # fmt: skip
    patient_page = added.headers["location"]
    refused = tom.post(
        f"{patient_page}/programme",
        data={"knee-to-chest.chosen": "1", "knee-to-chest.repetitions": "3",
              "knee-to-chest.hold_seconds": "90", "sessions_per_week": "5", "note": "Gently."},
        headers=SAME_SITE,
    )  # fmt: skip
    saved = tom.post(
        f"{patient_page}/programme",
        data={"knee-to-chest.chosen": "1", "knee-to-chest.repetitions": "3",
              "knee-to-chest.hold_seconds": "20", "sessions_per_week": "5"},
        headers=SAME_SITE, follow_redirects=False,
    )  # fmt: skip
    link = tom.post(f"{patient_page}/enrolment", headers=SAME_SITE)

    assert refused.status_code == 400
    assert "Knee to chest, hold, seconds: 90 is outside the safe range, 10 to 30" in refused.text
    assert 'value="90"' in refused.text and "Gently." in refused.text  # nothing typed is lost
    assert saved.status_code == 303
    assert "Knee to chest: 3 repetitions, holding 20 s" in tom.get(patient_page).text
    assert link.status_code == 201
    assert "<svg" in link.text and "/enrol/" in link.text


def test_another_clinic_and_a_clinician_are_refused_what_is_not_theirs(
    clinic_app: TestClient,  # noqa: F811
) -> None:
    tom = _signed_in(clinic_app, "tom@backcare.example")
    maria = tom.post("/api/clinic/patients", json={"name": "Maria Lopez"}).json()["id"]
    lena = _form_signed_in(clinic_app, "lena@riverside.example")
    tom_form = _form_signed_in(clinic_app, "tom@backcare.example")

    assert lena.get(f"/clinic/patients/{maria}").status_code == 404
    assert "Maria" not in lena.get("/clinic").text
    eve = {"name": "Eve Stone", "email": "eve@backcare.example", "password": PASSWORD}
    added = tom_form.post("/clinic/staff", data=eve, headers=SAME_SITE)
    assert added.status_code == 400
    assert "administrator adds staff" in added.text
    amira = _form_signed_in(clinic_app, "amira@backcare.example")
    done = amira.post("/clinic/staff", data=eve, headers=SAME_SITE, follow_redirects=False)
    assert done.status_code == 303
    assert "Eve Stone" in amira.get("/clinic/staff").text
    assert urlsplit(done.headers["location"]).path == "/clinic/staff"


def test_the_patient_page_says_who_prescribed_and_a_link_can_be_withdrawn(
    clinic_app: TestClient,  # noqa: F811
) -> None:
    tom = _form_signed_in(clinic_app, "tom@backcare.example")
    page = tom.post("/clinic/patients", data={"name": "Maria Lopez"}, headers=SAME_SITE).url.path
    tom.post(
        f"{page}/programme",
        data={"cat-cow.chosen": "1", "cat-cow.repetitions": "8", "sessions_per_week": "4",
              "note": "Slowly, with the breath."},
        headers=SAME_SITE,
    )  # fmt: skip
    link = tom.post(f"{page}/enrolment", headers=SAME_SITE)
    url = re.search(r'id="enrol-link">([^<]+)<', link.text)
    assert url is not None
    shown = tom.get(page).text
    withdrawn = re.search(r'action="([^"]+/withdraw)"', shown)
    assert withdrawn is not None

    tom.post(withdrawn.group(1), headers=SAME_SITE)

    assert "prescribed by Tom Okafor" in shown
    assert "Links not used yet" not in tom.get(page).text
    phone = _client(clinic_app)
    assert phone.post(urlsplit(url.group(1)).path, headers=SAME_SITE).status_code == 404


def test_the_administrator_removes_a_clinician_from_the_staff_page(
    clinic_app: TestClient,  # noqa: F811
) -> None:
    tom = _form_signed_in(clinic_app, "tom@backcare.example")
    amira = _form_signed_in(clinic_app, "amira@backcare.example")
    assert "/remove" not in tom.get("/clinic/staff").text  # a clinician sees no Remove buttons
    page = amira.get("/clinic/staff").text
    removes = re.findall(r'action="(/clinic/staff/\d+/remove)"', page)
    assert len(removes) == 1  # Tom's; none for herself

    done = amira.post(removes[0], headers=SAME_SITE, follow_redirects=False)

    assert done.status_code == 303
    assert "Tom Okafor" not in amira.get("/clinic/staff").text
    assert tom.get("/clinic/staff", follow_redirects=False).status_code == 303  # signed out
