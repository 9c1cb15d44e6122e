from pathlib import Path

import pytest

from spinecoach.errors import CatalogError
from spinecoach.figures.landmarks import (
    LANDMARKS_FILE,
    landmark_file,
    read_landmark_file,
    rule_point_names,
    sources,
)
from spinecoach.figures.skeleton import POINT_NAMES
from tests.figures.test_skeleton import MEDIAPIPE


def test_the_landmarks_are_mediapipes_33_in_its_order_and_the_skeleton_has_them_all() -> None:
    names = landmark_file().landmarks

    assert names == MEDIAPIPE
    assert set(names) <= set(POINT_NAMES)


def test_midline_points_are_means_of_landmarks_the_camera_sees() -> None:
    assert sources("mid_hip") == {"left_hip", "right_hip"}
    assert sources("mid_spine") == {"left_hip", "right_hip", "left_shoulder", "right_shoulder"}
    assert "sacrum" not in rule_point_names() and "mid_spine" in rule_point_names()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  - {name: mid_hip, mean: [left_hip, right_hip]}\n",
            "  - {name: mid_hip, mean: [left_hip, mid_tail]}\n",
            "derived[0].mean: 'mid_tail' is not defined above",
        ),
        ("  knee: knees\n", "", "parts: no word for 'knee'"),
        ("min_visibility: 0.5", "min_visibility: 2", "min_visibility: Input should be less"),
    ],
)
def test_a_broken_landmarks_file_names_the_field(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    root = tmp_path / "catalog" / "data"
    (root / "poses").mkdir(parents=True)
    text = LANDMARKS_FILE.read_text(encoding="utf-8")
    assert old in text
    broken = root / "poses" / "_landmarks.yaml"
    broken.write_text(text.replace(old, new), encoding="utf-8")

    with pytest.raises(CatalogError) as raised:
        read_landmark_file(broken, root)

    assert raised.value.user_message.startswith("catalog/data/poses/_landmarks.yaml: ")
    assert message in raised.value.user_message
