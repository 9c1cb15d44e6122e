import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from spinecoach.catalog.loader import DATA_DIR, load_catalog
from spinecoach.errors import CatalogError, InvalidInputError, NotFoundError
from spinecoach.figures.animation import phase_kinds
from spinecoach.figures.library import key_pose, load_pose_files, pose_file, pose_files
from spinecoach.figures.skeleton import SURFACE_RADIUS, pose_points
from tests.catalog.conftest import edit
from tests.figures.conftest import sides_of

EXERCISES = list(load_catalog().exercises)
SUPPORT_TOLERANCE = 0.03  # metres between a supporting point's surface and the floor


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged content under tmp/catalog/data."""
    root = tmp_path / "catalog" / "data"
    shutil.copytree(DATA_DIR, root)
    return root


def test_every_exercise_has_a_poses_file_with_a_pose_for_each_phase() -> None:
    files = pose_files()

    assert list(files) == EXERCISES
    for exercise_id, poses in files.items():
        cues = {pose.cue for pose in poses.poses}
        assert "prepare" in cues
        assert set(phase_kinds(exercise_id)) <= cues, exercise_id


def test_side_view_a_little_above_for_most_and_three_quarters_for_twists() -> None:
    """A little height and turn show the far limbs beside the near; a twist shows its front."""
    files = pose_files()

    for exercise_id in ("knee-to-chest", "hip-bridge", "cat-cow", "childs-pose"):
        assert 5 <= files[exercise_id].view.elevation <= 20
        assert abs(files[exercise_id].view.azimuth) <= 25
    for exercise_id in ("seated-back-twist", "spinal-torsion"):
        assert 15 <= files[exercise_id].view.elevation <= 35
        assert 20 <= abs(files[exercise_id].view.azimuth) <= 160
        assert "twist" in files[exercise_id].view.why


def test_the_camera_placement_follows_the_view() -> None:
    """A side view asks for the device side-on; a view from above asks for it raised."""
    for exercise_id, poses in pose_files().items():
        placement = poses.view.placement
        assert ("side-on" in placement) == (abs(poses.view.azimuth) <= 25), exercise_id
        assert ("raised" in placement or "chest height" in placement) == (
            poses.view.elevation >= 10
        ), exercise_id
        assert "head to feet" in placement or "to feet" in placement, exercise_id


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_key_poses_rest_on_their_supports_and_never_sink_below_the_floor(
    exercise_id: str,
) -> None:
    for side in sides_of(exercise_id):
        for pose in pose_file(exercise_id).poses:
            points = pose_points(key_pose(exercise_id, pose.name, side))
            surfaces = {name: points[name][1] - r for name, r in SURFACE_RADIUS.items()}

            assert min(surfaces.values()) == pytest.approx(0.0, abs=1e-9)
            for support in pose.supports:
                name = support if side in (None, "left") else _swap(support)
                assert surfaces[name] <= SUPPORT_TOLERANCE, f"{pose.name} {side} {name}"


def _swap(name: str) -> str:
    return name.replace("left", "@").replace("right", "left").replace("@", "right")


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_hands_reach_what_they_hold(exercise_id: str) -> None:
    for pose in pose_file(exercise_id).poses:
        points = pose_points(key_pose(exercise_id, pose.name))
        for touch in pose.touches:
            gap = np.linalg.norm(np.array(points[touch.point]) - np.array(points[touch.target]))
            assert gap <= touch.within, f"{pose.name}: {touch.point} to {touch.target}"


def test_the_other_side_is_the_mirror_image() -> None:
    left = pose_points(key_pose("knee-to-chest", "held", "left"))
    right = pose_points(key_pose("knee-to-chest", "held", "right"))

    def reach(points: dict[str, tuple[float, float, float]], side: str) -> float:
        knee, shoulder = points[f"{side}_knee"], points[f"{side}_shoulder"]
        return float(np.linalg.norm(np.array(knee) - np.array(shoulder)))

    assert reach(left, "left") < reach(left, "right") - 0.2
    assert reach(right, "right") == pytest.approx(reach(left, "left"))
    assert reach(right, "left") == pytest.approx(reach(left, "right"))


def test_asking_for_a_side_of_a_one_sided_exercise_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="both sides at once"):
        key_pose("hip-bridge", "held", "left")
    with pytest.raises(NotFoundError, match="no pose 'flying'"):
        key_pose("hip-bridge", "flying")


Breakage = Callable[[Path], None]
# Each case: how to break a copy of the data, and how the message starts after
# "catalog/data/poses/".
BROKEN: dict[str, tuple[Breakage, str]] = {
    "angle out of range": (
        lambda root: edit(
            root / "poses/cat-cow.yaml", "left_hip: {flexion: 82}", "left_hip: {flexion: 208}"
        ),
        "cat-cow.yaml: poses[0].joints.left_hip.flexion: must be between -30 and 140",
    ),
    "movement a joint lacks": (
        lambda root: edit(
            root / "poses/hip-bridge.yaml",
            "left_knee: {flexion: 96}",
            "left_knee: {flexion: 96, rotation: 5}",
        ),
        "hip-bridge.yaml: poses[1].joints.left_knee.rotation: Extra inputs are not permitted",
    ),
    "unknown point in a rule": (
        lambda root: edit(
            root / "poses/childs-pose.yaml",
            "points: [mid_hip, mid_heel]",
            "points: [mid_hip, mid_tail]",
        ),
        "childs-pose.yaml: form[0].rules[1].points[1]: unknown point 'mid_tail'",
    ),
    "rule point the camera cannot see": (
        lambda root: edit(
            root / "poses/childs-pose.yaml",
            "points: [mid_hip, mid_heel]",
            "points: [sacrum, mid_heel]",
        ),
        "childs-pose.yaml: form[0].rules[1].points[0]: unknown point 'sacrum'; rules use camera",
    ),
    "advice for one direction only": (
        lambda root: edit(
            root / "poses/hip-bridge.yaml",
            "        too_low: Lower your hips a little, so your back does not arch.\n",
            "",
        ),
        "hip-bridge.yaml: form[0].rules[1]: too_low (what to say below at_least) goes with",
    ),
    "rule with too few points": (
        lambda root: edit(
            root / "poses/hip-bridge.yaml",
            "points: [mid_knee, mid_hip, mid_shoulder]",
            "points: [mid_knee, mid_hip]",
        ),
        "hip-bridge.yaml: form[0].rules[1]: a curve rule needs 3 points, got 2",
    ),
    "missing phase pose": (
        lambda root: edit(root / "poses/childs-pose.yaml", "cue: inhale", "cue: release"),
        "childs-pose.yaml: poses: no key pose for the inhale phase",
    ),
    "side on a one-sided exercise": (
        lambda root: edit(
            root / "poses/cat-cow.yaml",
            "props: [floor, mat]",
            "props: [floor, mat]\ndrawn_side: left",
        ),
        "cat-cow.yaml: drawn_side: cat-cow has one side(s), give no drawn_side",
    ),
    "base defined later": (
        lambda root: edit(root / "poses/knee-to-chest.yaml", "base: knee-in", "base: knee-away"),
        "knee-to-chest.yaml: poses[2].base: 'knee-away' is not an earlier pose",
    ),
    "form for an unknown pose": (
        lambda root: edit(root / "poses/hip-bridge.yaml", "  - pose: held", "  - pose: helt"),
        "hip-bridge.yaml: form[0].pose: 'helt' is not a key pose",
    ),
    "file named for another exercise": (
        lambda root: (root / "poses/hip-bridge.yaml").rename(root / "poses/bridge.yaml"),
        "bridge.yaml: exercise: 'hip-bridge' does not match the file name",
    ),
    "not YAML": (
        lambda root: (root / "poses/cat-cow.yaml").write_text(
            "exercise: cat-cow\nview:\n  azimuth: 0\n elevation: 3\n", encoding="utf-8"
        ),
        # The rest of the message depends on whether PyYAML's C loader is installed.
        "cat-cow.yaml: not valid YAML at line 4: ",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_pose_file_names_the_file_and_field(data_copy: Path, case: str) -> None:
    breakage, message = BROKEN[case]
    expected = f"catalog/data/poses/{message}"
    breakage(data_copy)

    with pytest.raises(CatalogError) as raised:
        load_pose_files(data_copy)

    lines = raised.value.user_message.splitlines()
    assert any(line.startswith(expected) for line in lines), lines


def test_missing_poses_file_is_reported(data_copy: Path) -> None:
    (data_copy / "poses/childs-pose.yaml").unlink()

    with pytest.raises(CatalogError, match="no poses file for 'childs-pose'"):
        load_pose_files(data_copy)
