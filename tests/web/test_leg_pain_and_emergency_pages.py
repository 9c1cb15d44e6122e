"""The web screen asks about sudden severe back or belly pain and about pain down a leg."""

from html import escape

import httpx2 as httpx

from spinecoach.safety.leg_pain import leg_pain_advice
from spinecoach.safety.loader import default_screening
from tests.web.api_helpers import answers

AAA = "sudden-severe-back-or-belly-pain"
LEG = "pain-down-one-leg"


def form_answers(**yes: bool) -> dict[str, str]:
    return {key: "yes" if value else "no" for key, value in answers(**yes).items()}


def question(item_id: str) -> str:
    item = default_screening().item(item_id)
    assert item is not None
    return escape(item.question, quote=True)


def test_the_screening_page_asks_both_new_questions(client: httpx.Client) -> None:
    page = client.get("/screening").text

    assert question(AAA) in page
    assert question(LEG) in page
    assert f'name="{LEG}" value="yes"' in page


def test_sudden_severe_back_or_belly_pain_on_the_form_is_an_emergency(
    client: httpx.Client,
) -> None:
    response = client.post("/screening", data=form_answers(sudden_severe_back_or_belly_pain=True))
    result = client.get(response.headers["location"])

    assert response.status_code == 303
    assert "Get help now" in result.text
    assert "Start today" not in result.text


def test_pain_down_one_leg_on_the_form_is_ready_with_what_to_watch_for(
    client: httpx.Client,
) -> None:
    client.post("/screening", data=form_answers(pain_down_one_leg=True))

    result = client.get("/screening/result").text

    assert "Ready to start" in result
    assert 'id="watch-for"' in result
    assert escape(leg_pain_advice(), quote=True) in result


def test_the_api_lists_what_to_watch_for(client: httpx.Client) -> None:
    body = client.post("/api/screening", json={"answers": answers(pain_down_one_leg=True)}).json()

    assert body["outcome"] == "go"
    assert body["watch_for"] == [{"id": LEG, "reason": leg_pain_advice()}]


def test_start_page_and_player_show_the_leg_advice_once_pain_is_said_to_radiate(
    client: httpx.Client,
) -> None:
    client.post("/api/screening", json={"answers": answers()})
    before = client.get("/start?routine=desk-break").text

    started = client.post(
        "/start", data={"pain_before": "3", "kind": "radiating", "routine": "desk-break"}
    )
    player = client.get(started.headers["location"]).text
    start_again = client.get("/start?routine=desk-break").text

    advice = escape(leg_pain_advice(), quote=True)
    assert 'id="session-cautions"' not in before
    assert advice in player
    assert advice in start_again
