import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spinecoach.cli.main import app

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_figure_writes_an_accessible_svg_of_the_held_pose(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "bridge.svg"

    result = runner.invoke(app, ["figure", "hip-bridge", "-o", str(out)])

    root = ET.fromstring(out.read_text())
    assert result.exit_code == 0, result.output
    assert "Hip bridge" in (root.findtext(f"{SVG}title") or "")
    assert root.findtext(f"{SVG}desc")


def test_figure_animate_loops_with_svg_animation_and_no_script(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "knee.svg"

    result = runner.invoke(
        app, ["figure", "knee-to-chest", "--side", "right", "--animate", "-o", str(out)]
    )

    text = out.read_text()
    assert result.exit_code == 0
    assert (
        "<animate" in text
        and "<script" not in text
        and "http://" not in text.replace("http://www.w3.org", "")
    )


def test_joints_written_by_figure_pass_their_own_form_check_and_fail_another(
    runner: CliRunner, tmp_path: Path
) -> None:
    joints = tmp_path / "cat.json"
    runner.invoke(app, ["figure", "cat-cow", "-o", str(joints)])

    own = runner.invoke(app, ["check-pose", "cat-cow", str(joints)])
    other = runner.invoke(app, ["check-pose", "hip-bridge", str(joints)])
    as_json = json.loads(
        runner.invoke(app, ["check-pose", "hip-bridge", str(joints), "--json"]).stdout
    )

    assert "left_hip" in json.loads(joints.read_text())
    assert own.exit_code == 0 and "[fix]" not in own.stdout
    assert other.exit_code == 3 and "[fix]" in other.stdout and "->" in other.stdout
    assert as_json["verdict"] == "fix" and as_json["correction"]
    assert any(rule["result"] != "pass" and rule["correction"] for rule in as_json["rules"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"left_hip": [0, 0]}', "left_hip"),
        ('{"nose": [0, 0, 0, 2]}', "visibility"),
    ],
)
def test_check_pose_rejects_bad_files_with_one_clear_line(
    runner: CliRunner, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "joints.json"
    path.write_text(content)

    result = runner.invoke(app, ["check-pose", "cat-cow", str(path)])

    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_unknown_exercise_or_pose_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["figure", "plank", "-o", str(tmp_path / "x.svg")])
    bad_pose = runner.invoke(
        app, ["figure", "cat-cow", "--pose", "nope", "-o", str(tmp_path / "x.svg")]
    )

    assert unknown.exit_code == 2 and "unknown exercise 'plank'" in unknown.stderr
    assert bad_pose.exit_code == 2 and "known:" in bad_pose.stderr


def test_gallery_writes_an_index_and_every_figure(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["gallery", "-o", str(tmp_path / "g")])

    files = {p.name for p in (tmp_path / "g").iterdir()}
    assert result.exit_code == 0 and "index.html" in result.stdout
    assert "index.html" in files and len([f for f in files if f.endswith(".svg")]) > 30


def test_check_pose_says_what_it_cannot_see_and_exits_4(runner: CliRunner, tmp_path: Path) -> None:
    joints = tmp_path / "bridge.json"
    runner.invoke(app, ["figure", "hip-bridge", "-o", str(joints)])
    points = json.loads(joints.read_text())
    points["left_knee"] = [*points["left_knee"], 0.1]  # barely visible
    joints.write_text(json.dumps(points))

    result = runner.invoke(app, ["check-pose", "hip-bridge", str(joints)])

    assert result.exit_code == 4
    assert "I can't see your knees." in result.stdout
    assert "not seen" in result.stdout


def test_check_pose_never_prints_a_negative_zero(runner: CliRunner, tmp_path: Path) -> None:
    joints = tmp_path / "twist.json"
    runner.invoke(app, ["figure", "seated-back-twist", "-o", str(joints)])

    result = runner.invoke(app, ["check-pose", "seated-back-twist", str(joints)])

    assert result.exit_code == 0 and "Looks right." in result.stdout
    assert "(-0 " not in result.stdout and "(-0.0 " not in result.stdout


def test_figure_writes_a_real_png_of_the_asked_width(runner: CliRunner, tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "cat.png"

    result = runner.invoke(
        app, ["figure", "cat-cow", "--pose", "cat", "--width", "300", "-o", str(out)]
    )

    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(out) as image:
        assert image.width == 300
        colours = {colour for _, colour in image.convert("RGB").getcolors(300 * 300) or []}
    assert (0x17, 0x3F, 0x73) in colours  # the near limbs' dark blue is really drawn


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-o", "x.gif"], "-o: unknown file type '.gif'; use .svg, .png or .json"),
        (["-o", "x"], "-o: unknown file type '(none)'"),
        (["--animate", "-o", "x.png"], "--animate: an animation can only be written as .svg"),
        (["--animate", "-o", "x.json"], "--animate: an animation can only be written as .svg"),
        (["--animate", "--pose", "held", "-o", "x.svg"], "--pose: an animation plays every pose"),
        (["--width", "200", "-o", "x.svg"], "--width: only a .png has a size in pixels"),
        (["--width", "9000", "-o", "x.png"], "--width: must be 16 to 4000 pixels, got 9000"),
    ],
)
def test_figure_refuses_options_that_do_nothing_for_the_format(
    runner: CliRunner, tmp_path: Path, arguments: list[str], message: str
) -> None:
    arguments = [str(tmp_path / a) if a.startswith("x") else a for a in arguments]

    result = runner.invoke(app, ["figure", "hip-bridge", *arguments])

    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []
