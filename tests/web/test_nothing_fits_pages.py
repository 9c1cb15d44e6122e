"""When nothing fits, the pages say so in one calm sentence with links to what does fit."""

from starlette.testclient import TestClient

from tests.web.api_helpers import answers

NOTHING_ON_A_CHAIR = (
    "Nothing fits on a chair today: those stretches involve bending forward or twisting, which"
    " you avoid; on the floor or in bed other stretches fit, or you can take a rest day."
)
CHAIR_AVOIDING_ALL = {"place": "chair", "avoid": ["twisting", "bending-forward"]}


def stopped_for_pain_in_the_chair_twist(api: TestClient) -> None:
    """Pass the screening, then stop a desk break (the chair twist) because pain got worse."""
    assert api.post("/api/screening", json={"answers": answers()}).status_code == 201
    started = api.post("/api/sessions", json={"routine": "desk-break", "pain_before": 4})
    session = started.json()["session"]["id"]
    api.post(f"/api/sessions/{session}/finish", json={"reason": "pain", "pain_after": 6})


def test_after_a_pain_stop_in_the_chair_twist_the_chair_plan_keeps_the_other_stretches(
    api: TestClient,
) -> None:
    stopped_for_pain_in_the_chair_twist(api)

    page = api.get("/plan", params={"place": "chair", "minutes": "5"})

    assert page.status_code == 200
    assert "Start this session" in page.text
    assert "Seated knee hug" in page.text and "Seated cat and cow" in page.text
    assert "Seated back twist is left out until" in page.text
    assert "your pain got worse during it on" in page.text
    assert "notice-problem" not in page.text
    assert not any(tag in page.text for tag in ("(place)", "(avoid)", "(pain rule)"))


def test_when_nothing_fits_the_plan_page_says_so_calmly_with_a_link_to_each_place_that_fits(
    api: TestClient,
) -> None:
    page = api.get("/plan", params=CHAIR_AVOIDING_ALL)

    assert page.status_code == 200
    assert NOTHING_ON_A_CHAIR in page.text
    assert 'class="notice notice-calm" id="nothing-fits"' in page.text
    assert 'href="/plan?place=floor&amp;avoid=bending-forward&amp;avoid=twisting"' in page.text
    assert 'href="/plan?place=bed&amp;avoid=bending-forward&amp;avoid=twisting"' in page.text
    assert "Start this session" not in page.text
    assert "notice-problem" not in page.text


def test_the_start_page_never_asks_for_pain_before_a_session_that_cannot_start(
    api: TestClient,
) -> None:
    stopped_for_pain_in_the_chair_twist(api)

    desk_break = api.get("/start", params={"routine": "desk-break"})
    on_a_chair = api.get("/start", params=CHAIR_AVOIDING_ALL)

    assert desk_break.status_code == 200
    assert 'name="pain_before"' not in desk_break.text
    assert (
        "Nothing in Desk break fits today: its stretch is having a week off after your pain got"
        " worse; on a chair, on the floor or in bed other stretches fit, or you can take a rest"
        " day." in desk_break.text
    )
    assert 'href="/plan?place=chair"' in desk_break.text
    assert 'name="pain_before"' not in on_a_chair.text
    assert NOTHING_ON_A_CHAIR in on_a_chair.text
    assert "That did not work" not in on_a_chair.text + desk_break.text


def test_the_start_page_asks_for_pain_when_the_session_can_start(api: TestClient) -> None:
    stopped_for_pain_in_the_chair_twist(api)

    page = api.get("/start", params={"place": "chair"})

    assert 'name="pain_before"' in page.text
    assert "nothing-fits" not in page.text


def test_starting_a_session_that_cannot_start_shows_the_same_words_and_starts_nothing(
    api: TestClient,
) -> None:
    api.post("/api/screening", json={"answers": answers()})

    response = api.post("/start", data={"pain_before": "3", **CHAIR_AVOIDING_ALL})

    assert response.status_code == 409
    assert NOTHING_ON_A_CHAIR in response.text
    assert 'name="pain_before"' not in response.text
    assert api.get("/api/history").json()["sessions"] == []


def test_the_plan_api_gives_the_same_sentence_as_its_detail(api: TestClient) -> None:
    response = api.get("/api/plan", params=CHAIR_AVOIDING_ALL)

    assert response.status_code == 400
    assert response.json() == {"detail": NOTHING_ON_A_CHAIR}


def test_a_chair_version_page_says_what_it_is_adapted_from_and_its_sources(
    api: TestClient,
) -> None:
    page = api.get("/exercises/seated-forward-bend")

    assert "Adapted from Child&#39;s pose for a chair." in page.text
    assert 'href="/exercises/childs-pose"' in page.text
    assert "NHS, &#39;Sitting exercises&#39;" in page.text
