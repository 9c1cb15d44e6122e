"""Whether the camera coach's pose model is installed where the app serves it from."""

from pathlib import Path

from spinecoach.web.templating import STATIC_DIR

# `make install` copies the pose model's runtime and model files here from node_modules
# (git-ignored); the app serves them under /static/vendor/pose/ like any static file.
POSE_VENDOR_DIR = STATIC_DIR / "vendor" / "pose"


def pose_model_served(directory: Path = POSE_VENDOR_DIR) -> bool:
    """Say whether the pose model's files are there to serve (the camera switch needs them)."""
    return directory.is_dir() and any(path.is_file() for path in directory.rglob("*"))
