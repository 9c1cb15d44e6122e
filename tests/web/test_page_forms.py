"""HTML forms: a bad value comes back on the same page with a message and the other answers kept."""

import httpx2 as httpx

from tests.web.api_helpers import answers


def test_a_bad_diary_entry_is_shown_again_with_what_was_typed(client: httpx.Client) -> None:
    response = client.post(
        "/history/pain", data={"score": "eleven", "region": "lumbar", "note": "after gardening"}
    )

    assert response.status_code == 422
    assert "&#39;eleven&#39; is not a whole number" in response.text
    assert '<option value="lumbar" selected>' in response.text
    assert "after gardening</textarea>" in response.text
    assert client.get("/api/history").json()["diary"] == []


def test_pain_before_out_of_range_is_refused_and_no_session_starts(client: httpx.Client) -> None:
    client.post("/api/screening", json={"answers": answers()})

    response = client.post("/start", data={"pain_before": "12", "kind": "sharp", "minutes": "5"})

    assert response.status_code == 422
    assert "choose a number from 0 to 10" in response.text
    assert '<option value="sharp" selected>' in response.text
    assert '<input type="hidden" name="minutes" value="5">' in response.text
    assert client.get("/api/history").json()["sessions"] == []


def test_start_form_opens_the_player_on_the_new_session(client: httpx.Client) -> None:
    client.post("/api/screening", json={"answers": answers()})

    response = client.post("/start", data={"pain_before": "3", "routine": "desk-break"})

    assert response.status_code == 303
    session = client.get("/api/sessions/current").json()["session"]
    assert response.headers["location"] == f"/play?session_id={session['id']}"
    assert session["routine_id"] == "desk-break"


def test_pain_after_form_finishes_the_session_and_shows_the_summary(client: httpx.Client) -> None:
    client.post("/api/screening", json={"answers": answers()})
    started = client.post("/api/sessions", json={"routine": "desk-break", "pain_before": 6})
    session = started.json()["session"]["id"]

    too_long = client.post(
        f"/sessions/{session}/after",
        data={"reason": "finished", "pain_after": "2", "note": "x" * 2001},
    )
    saved = client.post(f"/sessions/{session}/after", data={"reason": "pain", "pain_after": "7"})
    summary = client.get(saved.headers["location"])

    assert too_long.status_code == 422
    assert "keep it under 2000 characters" in too_long.text
    assert saved.status_code == 303
    assert "6/10 before" in summary.text and "7/10" in summary.text
    assert "Stop the stretches now and rest" in summary.text


def test_plan_with_a_bad_value_says_so_and_still_shows_a_plan(client: httpx.Client) -> None:
    response = client.get("/plan", params={"minutes": "lots", "place": "moon"})

    assert response.status_code == 422
    assert "is not a whole number" in response.text
    assert "choose one of: chair, floor, bed" in response.text
    assert "Start this session" in response.text


def test_unknown_pages_get_the_error_page_not_json(client: httpx.Client) -> None:
    response = client.get("/exercises/no-such-stretch")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "unknown exercise" in response.text


def test_an_exercise_page_lists_the_steps_for_the_side_done_first(client: httpx.Client) -> None:
    response = client.get("/exercises/spinal-torsion")

    assert response.status_code == 200
    assert "Written for the left side, which comes first." in response.text
    assert "Turn your upper body to the left: put your left hand" in response.text
    assert "{side}" not in response.text and "{other}" not in response.text


def test_the_plan_page_offers_the_choices_of_the_last_session_started(
    client: httpx.Client,
) -> None:
    client.post("/api/screening", json={"answers": answers()})
    first_visit = client.get("/plan")

    client.post(
        "/start",
        data={"pain_before": "3", "place": "floor", "minutes": "9", "avoid": "kneeling"},
    )
    next_visit = client.get("/plan")

    assert 'value="floor" checked' not in first_visit.text
    assert 'value="floor" checked' in next_visit.text
    assert 'value="kneeling" checked' in next_visit.text
    assert 'value="9"' in next_visit.text
