import re
import xml.etree.ElementTree as ET

import pytest

from spinecoach.catalog.loader import load_catalog
from spinecoach.figures.gallery import gallery_files
from spinecoach.figures.library import pose_file


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    """The whole gallery, built once: it draws every figure."""
    return gallery_files()


def test_gallery_has_every_pose_each_side_and_an_animation_per_side(files: dict[str, str]) -> None:
    for exercise_id in load_catalog().exercises:
        poses = pose_file(exercise_id)
        sides = ["-left", "-right"] if poses.drawn_side else [""]
        for side in sides:
            assert f"{exercise_id}-moving{side}.svg" in files
            for pose in poses.poses:
                assert f"{exercise_id}-{pose.name}{side}.svg" in files


def test_gallery_index_links_only_to_its_own_files(files: dict[str, str]) -> None:
    index = files["index.html"]

    sources = re.findall(r'src="([^"]+)"', index)

    assert sources
    assert set(sources) == set(files) - {"index.html"}
    assert "http" not in index and "<script" not in index
    for name, text in files.items():
        if name.endswith(".svg"):
            ET.fromstring(text)  # well-formed


def test_gallery_lists_form_checks_in_plain_words_for_a_side(files: dict[str, str]) -> None:
    index = files["index.html"]

    assert "Lift your hips a little higher" in index
    assert "Draw your left knee a little closer to your chest." in index
    assert "{side}" not in index and "{other}" not in index
