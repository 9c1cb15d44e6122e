"""Exercise results carry the camera coach's counts: optional, all or none, stored once."""

from typing import Any

from starlette.testclient import TestClient

from tests.web.api_helpers import assert_error
from tests.web.test_api_sessions import result_for, started

CAMERA = {
    "reps_seen": 4,
    "good_form_seconds": 31.5,
    "corrections": ["Lift your hips a little higher."],
}


def post(api: TestClient, session: int, body: dict[str, Any]) -> Any:
    return api.post(f"/api/sessions/{session}/results", json=body)


def test_a_result_with_the_camera_on_is_stored_and_answered_with_its_counts(
    api: TestClient,
) -> None:
    session = started(api)["session"]["id"]

    response = post(api, session, result_for(0, "seated-back-twist") | CAMERA)

    assert response.status_code == 201, response.text
    assert {key: response.json()[key] for key in CAMERA} == CAMERA


def test_a_result_with_the_camera_off_has_null_counts(api: TestClient) -> None:
    session = started(api)["session"]["id"]

    response = post(api, session, result_for(0, "seated-back-twist"))

    assert response.status_code == 201, response.text
    assert {key: response.json()[key] for key in CAMERA} == dict.fromkeys(CAMERA)


def test_camera_counts_come_all_together_or_not_at_all(api: TestClient) -> None:
    session = started(api)["session"]["id"]

    response = post(api, session, result_for(0, "seated-back-twist") | {"reps_seen": 3})

    detail = assert_error(response, 422)
    assert "come together" in str(detail)


def test_negative_or_non_text_camera_values_are_refused_by_field(api: TestClient) -> None:
    session = started(api)["session"]["id"]

    negative = post(api, session, result_for(0, "seated-back-twist") | CAMERA | {"reps_seen": -1})
    numbers = post(api, session, result_for(0, "seated-back-twist") | CAMERA | {"corrections": [1]})

    assert assert_error(negative, 422)[0]["loc"][-1] == "reps_seen"
    assert "corrections" in assert_error(numbers, 422)[0]["loc"]


def test_a_retry_with_the_same_counts_is_200_and_different_counts_are_409(
    api: TestClient,
) -> None:
    session = started(api)["session"]["id"]
    first = post(api, session, result_for(0, "seated-back-twist") | CAMERA)

    again = post(api, session, result_for(0, "seated-back-twist") | CAMERA)
    changed = post(api, session, result_for(0, "seated-back-twist") | CAMERA | {"reps_seen": 9})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["reps_seen"] == 4
    assert_error(changed, 409)


def test_a_resumed_session_lists_its_results_with_their_counts(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    post(api, session, result_for(0, "seated-back-twist") | CAMERA)

    current = api.get("/api/sessions/current").json()

    (result,) = current["results"]
    assert result["corrections"] == CAMERA["corrections"]


def test_the_session_summary_says_what_the_camera_counted(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    post(api, session, result_for(0, "seated-back-twist") | CAMERA)

    summary = api.post(f"/api/sessions/{session}/finish", json={"reason": "finished"}).json()

    assert summary["camera"] == [
        "Seated back twist: 4 repetitions seen, 31.5 s in good form, 1 correction"
    ]


def test_a_session_without_the_camera_has_no_camera_lines(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    post(api, session, result_for(0, "seated-back-twist"))

    summary = api.post(f"/api/sessions/{session}/finish", json={"reason": "finished"}).json()

    assert summary["camera"] == []
