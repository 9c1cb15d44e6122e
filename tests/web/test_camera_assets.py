"""The player offers the camera switch only when the pose model's files are there to serve."""

from pathlib import Path

from spinecoach.web.camera_assets import pose_model_served


def test_no_folder_means_no_model(tmp_path: Path) -> None:
    assert not pose_model_served(tmp_path / "vendor" / "pose")


def test_an_empty_folder_means_no_model(tmp_path: Path) -> None:
    (tmp_path / "pose" / "wasm").mkdir(parents=True)

    assert not pose_model_served(tmp_path / "pose")


def test_a_folder_with_files_is_served(tmp_path: Path) -> None:
    (tmp_path / "pose" / "wasm").mkdir(parents=True)
    (tmp_path / "pose" / "wasm" / "runtime.wasm").write_bytes(b"\0asm")

    assert pose_model_served(tmp_path / "pose")
