"""GET /api/form/{exercise_id}: the form rules the browser checks, from the same YAML."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from spinecoach.figures.form import check_form
from spinecoach.figures.landmarks import landmark_file
from spinecoach.figures.library import key_pose_points, pose_files
from spinecoach.serving import WebSettings
from spinecoach.web.app import create_app

EXERCISES = list(pose_files())


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    settings = WebSettings(
        database_url=f"sqlite:///{tmp_path / 'form.db'}", extra_hosts=("testserver",)
    )
    with TestClient(create_app(settings), base_url="http://testserver") as client:
        yield client


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_form_data_carries_the_rules_view_and_landmarks_of_the_poses_file(
    api: TestClient, exercise_id: str
) -> None:
    poses = pose_files()[exercise_id]

    answer = api.get(f"/api/form/{exercise_id}")

    assert answer.status_code == 200
    data = answer.json()
    assert data["exercise"] == exercise_id and data["drawn_side"] == poses.drawn_side
    assert data["view"]["why"] == poses.view.why
    assert data["view"]["placement"] == poses.view.placement
    assert data["landmarks"]["landmarks"] == landmark_file().landmarks
    assert [check["pose"] for check in data["form"]] == [check.pose for check in poses.form]
    assert [r["id"] for c in data["form"] for r in c["rules"]] == [
        r.id for c in poses.form for r in c.rules
    ]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_movement_gives_each_moving_rule_its_value_at_both_ends_on_either_side(
    api: TestClient, exercise_id: str
) -> None:
    movement = api.get(f"/api/form/{exercise_id}").json()["movement"]
    sides = ("left", "right") if pose_files()[exercise_id].drawn_side else (None,)

    assert movement["rules"], "every exercise moves: a repetition can be counted"
    for side in sides:
        for end in ("from", "to"):
            points = key_pose_points(exercise_id, movement[f"{end}_pose"], side)
            report = check_form(exercise_id, points, side=side, pose=movement["to_pose"])
            values = {r.rule: r.value for r in report.rules}
            assert {r["rule"]: r[end] for r in movement["rules"]} == {
                rule: values[rule] for rule in (r["rule"] for r in movement["rules"])
            }
    assert all(abs(r["to"] - r["from"]) >= 0.15 for r in movement["rules"])


def test_cat_and_cow_moves_from_cow_to_cat_and_holds_move_from_the_start(
    api: TestClient,
) -> None:
    cat_cow = api.get("/api/form/cat-cow").json()["movement"]
    bridge = api.get("/api/form/hip-bridge").json()["movement"]

    assert (cat_cow["from_pose"], cat_cow["to_pose"]) == ("cow", "cat")
    assert (bridge["from_pose"], bridge["to_pose"]) == ("start", "held")


def test_an_unknown_exercise_is_a_404_with_a_json_detail(api: TestClient) -> None:
    answer = api.get("/api/form/cartwheel")

    assert answer.status_code == 404
    assert answer.json()["detail"].startswith("unknown exercise 'cartwheel'; known:")


def test_the_form_operation_is_in_the_openapi_schema(api: TestClient) -> None:
    operation = api.get("/openapi.json").json()["paths"]["/api/form/{exercise_id}"]["get"]

    assert {"200", "404"} <= set(operation["responses"])
