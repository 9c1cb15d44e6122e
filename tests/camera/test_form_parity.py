"""The browser's form.js and Python's check_form give identical JSON on the same joint files."""

import json
from typing import Any

import pytest
from playwright.sync_api import Page
from typer.testing import CliRunner

from spinecoach.cli.main import app
from spinecoach.errors import InvalidInputError
from spinecoach.figures.form import check_form, parse_landmarks, report_to_dict
from spinecoach.figures.library import pose_files
from tests.camera.corpus import MALFORMED, corpus, figure_joints

pytestmark = pytest.mark.browser

CASES = corpus()

# Each case through the module as the camera coach uses it, with form data fetched from the API.
JS_ANSWERS = """
async ({exercises, cases}) => {
  const {checkForm, FormInputError} = await import("/static/camera/form.js");
  const forms = {};
  for (const id of exercises) forms[id] = await (await fetch(`/api/form/${id}`)).json();
  return cases.map(({exercise, joints, options}) => {
    try {
      return {report: checkForm(forms[exercise], exercise, joints, options)};
    } catch (error) {
      if (error instanceof FormInputError) return {error: error.message};
      throw error;
    }
  });
}
"""


def python_answer(exercise: str, joints: Any, options: dict[str, str]) -> dict[str, Any]:
    """Return what check-pose computes for this joint file: the report, or the error."""
    try:
        return {"report": report_to_dict(check_form(exercise, parse_landmarks(joints), **options))}
    except InvalidInputError as error:
        return {"error": error.user_message}


def canonical(value: Any) -> str:
    """Return JSON where 180 and 180.0 read alike but -0.0 stays visible."""

    def floats(item: Any) -> Any:
        if isinstance(item, bool) or item is None or isinstance(item, str):
            return item
        if isinstance(item, int | float):
            return float(item)
        if isinstance(item, dict):
            return {key: floats(v) for key, v in item.items()}
        return [floats(v) for v in item]

    return json.dumps(floats(value))


def browser_answers(page: Page, cases: list[dict[str, Any]]) -> list[Any]:
    answers: list[Any] = page.evaluate(
        JS_ANSWERS, {"exercises": list(pose_files()), "cases": cases}
    )
    return answers


def test_every_corpus_case_gives_identical_json_in_python_and_in_chromium(app_page: Page) -> None:
    cases = [{"exercise": c.exercise, "joints": c.joints, "options": c.options} for c in CASES]

    answers = browser_answers(app_page, cases)

    expected = [python_answer(c.exercise, c.joints, c.options) for c in CASES]
    different = [
        (case.label, case.options, want, got)
        for case, want, got in zip(CASES, expected, answers, strict=True)
        if canonical(want) != canonical(got)
    ]
    assert different == [], f"{len(different)} of {len(CASES)} differ; first: {different[0]}"


def test_malformed_joint_files_are_refused_with_the_same_message(app_page: Page) -> None:
    cases = [{"exercise": "hip-bridge", "joints": joints, "options": {}} for joints in MALFORMED]

    answers = browser_answers(app_page, cases)

    expected = [python_answer("hip-bridge", joints, {}) for joints in MALFORMED]
    assert all("error" in answer for answer in expected)
    assert answers == expected


def test_options_an_exercise_refuses_are_refused_alike(app_page: Page) -> None:
    joints = figure_joints("hip-bridge", "held", None)
    twist = figure_joints("seated-back-twist", "held", "left")
    cases = [
        {"exercise": "hip-bridge", "joints": joints, "options": {"side": "left"}},
        {"exercise": "hip-bridge", "joints": joints, "options": {"pose": "top"}},
        {"exercise": "seated-back-twist", "joints": twist, "options": {"side": "up"}},
    ]

    answers = browser_answers(app_page, cases)

    expected = [python_answer(c["exercise"], c["joints"], c["options"]) for c in cases]
    assert [answer["error"] for answer in expected] == [answer["error"] for answer in answers]


def test_the_corpus_covers_every_verdict_mirroring_and_every_exercise_pose_and_side() -> None:
    reports = [python_answer(c.exercise, c.joints, c.options)["report"] for c in CASES]

    assert {r["verdict"] for r in reports} == {"pass", "fix", "unseen"}
    assert {r["mirrored"] for r in reports} == {True, False}
    assert {(r["exercise"], r["pose"], r["side"]) for r in reports} >= {
        (exercise, check.pose, side)
        for exercise, poses in pose_files().items()
        for check in poses.form
        for side in (("left", "right") if poses.drawn_side else (None,))
    }
    results = {rule["result"] for r in reports for rule in r["rules"]}
    assert results == {"pass", "too-low", "too-high", "unseen"}
    assert len(CASES) > 1000


def test_the_corpus_starts_from_what_the_figure_command_writes(tmp_path: Any) -> None:
    output = tmp_path / "cat.json"

    result = CliRunner().invoke(app, ["figure", "cat-cow", "--pose", "cat", "-o", str(output)])

    assert result.exit_code == 0, result.output
    assert json.loads(output.read_text()) == figure_joints("cat-cow", "cat", None)


def test_case_labels_are_unique_per_option_set() -> None:
    keys = [(c.label, tuple(sorted(c.options.items()))) for c in CASES]

    assert len(keys) == len(set(keys))


ROUNDING = [
    (0.25, 1), (0.35, 1), (-0.25, 1), (0.75, 1), (-0.75, 1), (2.675, 2), (0.125, 2),
    (0.375, 2), (-0.125, 2), (-0.005, 2), (-0.04, 1), (1e-17, 1), (179.95, 1), (44.45, 1),
    (12.345, 1), (-15.05, 1), (0.015, 2), (1.5, 0), (2.5, 0), (-2.5, 0),
]  # fmt: skip


def test_rounding_matches_python_even_on_exact_halves(app_page: Page) -> None:
    answers = app_page.evaluate(
        """async (cases) => {
          const {pythonRound} = await import("/static/camera/measures.js");
          return cases.map(([x, digits]) => pythonRound(x, digits));
        }""",
        ROUNDING,
    )

    assert canonical(answers) == canonical([round(x, digits) for x, digits in ROUNDING])
