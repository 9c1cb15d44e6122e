"""The session API on SQLite and PostgreSQL: gate, start, record once, resume, finish, history."""

from typing import Any

from starlette.testclient import TestClient

from tests.web.api_helpers import answers, assert_error

START = {"routine": "desk-break", "pain_before": 4}


def screened(api: TestClient, **yes: bool) -> dict[str, Any]:
    """Answer the screening and return the outcome."""
    response = api.post("/api/screening", json={"answers": answers(**yes)})
    assert response.status_code == 201, response.text
    outcome: dict[str, Any] = response.json()
    return outcome


def started(api: TestClient) -> dict[str, Any]:
    """Pass the screening and start the desk break."""
    screened(api)
    response = api.post("/api/sessions", json=START)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def result_for(position: int, exercise: str, key: str = "k1") -> dict[str, Any]:
    return {
        "position": position,
        "exercise": exercise,
        "repetitions_done": 5,
        "hold_seconds": 10.0,
        "skipped": False,
        "idempotency_key": key,
    }


def test_session_is_refused_before_any_screening(api: TestClient) -> None:
    response = api.post("/api/sessions", json=START)

    assert "safety" in assert_error(response, 403)


def test_emergency_screening_refuses_a_session(api: TestClient) -> None:
    outcome = screened(api, saddle_numbness=True)

    response = api.post("/api/sessions", json=START)

    assert outcome["outcome"] == "emergency"
    assert "emergency" in assert_error(response, 403)


def test_see_doctor_screening_refuses_a_session(api: TestClient) -> None:
    questions = api.get("/api/screening").json()["items"]
    see_doctor = next(item["id"] for item in questions if item["outcome"] == "see-doctor")
    screened(api, **{see_doctor: True})

    response = api.post("/api/sessions", json=START)

    assert "doctor" in assert_error(response, 403)
    assert api.get("/api/screening/latest").json()["outcome"] == "see-doctor"


def test_started_session_carries_the_compiled_timeline(api: TestClient) -> None:
    body = started(api)

    expected = api.get("/api/timeline", params={"routine": "desk-break"}).json()
    assert body["timeline"] == expected
    assert body["first_exercise"] == 0
    assert body["session"]["status"] == "in-progress"


def test_a_retried_result_is_stored_once_and_answered_200(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    url = f"/api/sessions/{session}/results"

    first = api.post(url, json=result_for(0, "seated-back-twist"))
    again = api.post(url, json=result_for(0, "seated-back-twist"))

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    history = api.get("/api/history").json()["sessions"]
    assert history[0]["exercises_done"] == ["seated-back-twist"]


def test_every_answer_goes_through_the_same_compression_a_recorded_result_too(
    api: TestClient,
) -> None:
    gzip = {"Accept-Encoding": "gzip"}
    screened(api)
    start = api.post("/api/sessions", json=START | {"routine": "all-six"}, headers=gzip)
    url = f"/api/sessions/{start.json()['session']['id']}/results"
    planned = [item["exercise"] for item in start.json()["timeline"]["routine"]["exercises"]]
    # The camera's corrections make the acknowledgement long enough to be worth compressing.
    seen = {"reps_seen": 1, "good_form_seconds": 0.0, "corrections": ["Keep your back long."] * 40}
    few = {"repetitions_done": 1, "hold_seconds": 0.0}
    long_result = api.post(url, json=result_for(0, planned[0]) | few | seen, headers=gzip)
    short_result = api.post(url, json=result_for(1, planned[1]) | few, headers=gzip)

    assert start.headers["content-encoding"] == "gzip"  # the timeline, some kilobytes
    assert long_result.status_code == 201 and long_result.headers["content-encoding"] == "gzip"
    assert short_result.status_code == 201 and "content-encoding" not in short_result.headers
    assert long_result.json()["corrections"] == seen["corrections"]


def test_the_result_route_refuses_a_session_id_out_of_range_naming_it(api: TestClient) -> None:
    for session in ("0", "x", "2147483648"):
        response = api.post(f"/api/sessions/{session}/results", json=result_for(0, "cat-cow"))

        detail = assert_error(response, 422)
        assert [problem["loc"] for problem in detail] == [["path", "session_id"]]


def test_a_different_result_at_a_recorded_position_is_a_conflict(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    url = f"/api/sessions/{session}/results"
    api.post(url, json=result_for(0, "seated-back-twist"))

    changed = {**result_for(0, "seated-back-twist", "k2"), "skipped": True}
    response = api.post(url, json=changed)

    assert "already recorded" in assert_error(response, 409)


def test_the_same_values_sent_under_another_key_are_a_conflict_not_a_retry(
    api: TestClient,
) -> None:
    session = started(api)["session"]["id"]
    url = f"/api/sessions/{session}/results"
    first = api.post(url, json=result_for(0, "seated-back-twist", "first-send"))

    other = api.post(url, json=result_for(0, "seated-back-twist", "another-send"))
    retry = api.post(url, json=result_for(0, "seated-back-twist", "first-send"))

    assert first.status_code == 201
    assert "already recorded" in assert_error(other, 409)
    assert (retry.status_code, retry.json()) == (200, first.json())


def test_interrupted_session_resumes_after_the_last_result(api: TestClient) -> None:
    assert_error(api.get("/api/sessions/current"), 404)
    session = started(api)["session"]["id"]
    api.post(f"/api/sessions/{session}/results", json=result_for(0, "seated-back-twist"))

    current = api.get("/api/sessions/current").json()

    assert current["session"]["id"] == session
    assert current["first_exercise"] == 1
    assert [r["position"] for r in current["results"]] == [0]
    assert current["pain_before"] == 4


def test_finish_returns_the_summary_and_history_shows_pain(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    api.post(f"/api/sessions/{session}/results", json=result_for(0, "seated-back-twist"))

    finish = {"reason": "finished", "pain_after": 2, "note": "easier"}
    summary = api.post(f"/api/sessions/{session}/finish", json=finish)
    repeated = api.post(f"/api/sessions/{session}/finish", json=finish)

    assert summary.status_code == 200
    assert summary.json()["status"] == "completed"
    assert (summary.json()["pain_before"], summary.json()["pain_after"]) == (4, 2)
    assert repeated.json() == summary.json()
    history = api.get("/api/history").json()
    assert history["sessions"][0]["pain_after"] == 2
    assert history["streak_days"] == 1


def test_finishing_again_with_another_reason_is_a_conflict(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    api.post(f"/api/sessions/{session}/finish", json={"reason": "pain", "pain_after": 6})

    response = api.post(f"/api/sessions/{session}/finish", json={"reason": "finished"})

    assert "already ended" in assert_error(response, 409)


def test_a_pain_stop_names_the_stretch_only_from_the_routine(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    stop = {"reason": "pain", "pain_after": 5, "stopped_in": "no-such-stretch"}

    refused = api.post(f"/api/sessions/{session}/finish", json=stop)
    stopped = api.post(f"/api/sessions/{session}/finish", json={**stop, "stopped_in": None})
    history = api.get("/api/history").json()

    assert "stopped_in" in assert_error(refused, 422)
    assert stopped.status_code == 200, stopped.text
    # Stopped before any movement: no stretch is blamed, the rest advice is still given.
    assert stopped.json()["stopped_during"] is None
    assert not any("left out" in line for line in stopped.json()["advice"])
    assert history["sessions"][0]["pain_worse_during"] is None


def test_a_result_for_an_ended_session_is_a_conflict(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    api.post(f"/api/sessions/{session}/finish", json={"reason": "quit"})

    response = api.post(f"/api/sessions/{session}/results", json=result_for(0, "cat-cow"))

    assert "ended" in assert_error(response, 409)


def test_unknown_session_is_404(api: TestClient) -> None:
    started(api)

    assert_error(api.post("/api/sessions/999/results", json=result_for(0, "cat-cow")), 404)
    assert_error(api.post("/api/sessions/999/finish", json={"reason": "quit"}), 404)


def test_pain_diary_entry_appears_in_history(api: TestClient) -> None:
    response = api.post("/api/pain", json={"score": 3, "region": "lumbar", "note": "stiff"})

    assert response.status_code == 201
    diary = api.get("/api/history").json()["diary"]
    assert [(e["score"], e["region"], e["context"]) for e in diary] == [(3, "lumbar", "diary")]


def test_a_note_with_a_nul_or_an_escape_is_refused_and_nothing_is_stored(api: TestClient) -> None:
    for note in ["sore\x00today", "sore\x1b[31mtoday"]:
        detail = assert_error(api.post("/api/pain", json={"score": 3, "note": note}), 400)
        assert "control character" in detail

    assert api.get("/api/history").json()["diary"] == []


def test_bad_values_are_422_naming_the_field(api: TestClient) -> None:
    detail = assert_error(api.post("/api/pain", json={"score": 11}), 422)

    assert detail[0]["loc"] == ["body", "score"]
    assert_error(api.post("/api/sessions", json={**START, "pain_before": -1}), 422)
    unknown = api.post("/api/screening", json={"answers": {"no-such-question": True}})
    assert "no-such-question" in assert_error(unknown, 400)
    assert "every question" in assert_error(api.post("/api/screening", json={"answers": {}}), 400)
    assert_error(api.get("/api/plan", params={"minutes": 1, "place": "chair"}), 400)


def test_plan_fits_the_minutes_and_unknown_ids_are_404(api: TestClient) -> None:
    planned = api.get("/api/plan", params={"minutes": 5, "place": "chair"}).json()

    assert planned["total_seconds"] <= 5 * 60
    assert_error(api.get("/api/plan", params={"routine": "nope"}), 404)
    assert_error(api.get("/api/exercises/nope"), 404)
    assert api.get("/api/exercises/cat-cow").json()["id"] == "cat-cow"


def test_bodies_json_cannot_echo_back_are_refused_with_a_detail(api: TestClient) -> None:
    session = started(api)["session"]["id"]
    bad_result = b'{"position": 1, "exercise": "cat-cow", "repetitions_done": 5, '
    bad_result += b'"hold_seconds": NaN, "skipped": false, "idempotency_key": "k"}'
    sends = [
        ("/api/sessions", b'{"routine": "desk-break", "pain_before": NaN}'),
        ("/api/sessions", b'{"routine": "desk-break", "pain_before": Infinity}'),
        (f"/api/sessions/{session}/results", bad_result),
        (f"/api/sessions/{session}/results", b"\xff\xfe{not utf-8"),
        (f"/api/sessions/{session}/results", b""),
    ]
    for path, body in sends:
        response = api.post(path, content=body, headers={"content-type": "application/json"})

        detail = assert_error(response, 422)
        assert all(problem["loc"][0] == "body" for problem in detail), detail
    assert api.get("/api/sessions/current").json()["results"] == []
