import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from spinecoach.catalog.loader import load_catalog
from spinecoach.catalog.vocabulary import Movement, PhaseKind, Place
from spinecoach.errors import CatalogError
from tests.catalog.conftest import edit


def test_catalogue_keeps_the_article_order_with_each_chair_version_after_its_stretch() -> None:
    catalog = load_catalog()

    assert list(catalog.exercises) == [
        "knee-to-chest",
        "seated-knee-hug",
        "seated-back-twist",
        "spinal-torsion",
        "hip-bridge",
        "cat-cow",
        "seated-cat-cow",
        "childs-pose",
        "seated-forward-bend",
    ]
    assert [e.article_number for e in catalog.exercises.values() if e.article_number] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]


def test_every_exercise_has_breathing_dose_and_steps_tied_to_the_source() -> None:
    catalog = load_catalog()

    for exercise in catalog.exercises.values():
        kinds = {phase.kind for phase in exercise.repetition}
        assert {PhaseKind.INHALE, PhaseKind.EXHALE} <= kinds, exercise.id
        if exercise.adapted_from is None:
            assert all(step.covers for step in exercise.steps), exercise.id
            section = {passage.split("/")[0] for passage in exercise.covers}
            assert section == {exercise.id}, exercise.id
        else:  # not in the article: its source is the handouts its adaptation names
            assert exercise.covers == set(), exercise.id


@pytest.mark.parametrize(
    ("version", "original"),
    [
        ("seated-knee-hug", "knee-to-chest"),
        ("seated-cat-cow", "cat-cow"),
        ("seated-forward-bend", "childs-pose"),
    ],
)
def test_each_chair_version_records_the_stretch_it_adapts_and_its_public_sources(
    version: str, original: str
) -> None:
    catalog = load_catalog()
    exercise, adapted = catalog.exercise(version), catalog.exercise(original)

    assert exercise.adapted_from is not None and exercise.article_number is None
    assert (exercise.adapted_from.exercise, exercise.adapted_from.place) == (original, Place.CHAIR)
    assert exercise.places == [Place.CHAIR]
    assert any("NHS, 'Sitting exercises'" in ref for ref in exercise.adapted_from.references)
    assert len(exercise.adapted_from.references) >= 2  # the seated format, then the movement
    # The same dose and pain rules as the article's stretch.
    assert exercise.dose == adapted.dose.model_copy(update={"basis": exercise.dose.basis})
    assert exercise.family == original
    assert Movement.BENDING_FORWARD in exercise.movements
    assert any(Movement.BENDING_FORWARD in c.involves for c in exercise.cautions)
    hold = exercise.dose.hold_seconds
    assert hold is None or 10 <= hold.minimum <= hold.maximum <= 30


Breakage = Callable[[Path], None]
BROKEN: dict[str, tuple[Breakage, str]] = {
    "missing field": (
        lambda root: edit(root / "exercises/hip-bridge.yaml", "summary: Lying", "summery: Lying"),
        "catalog/data/exercises/hip-bridge.yaml: summary: Field required",
    ),
    "dose out of order": (
        lambda root: edit(
            root / "exercises/knee-to-chest.yaml",
            "hold_seconds: {default: 20, minimum: 10, maximum: 30}",
            "hold_seconds: {default: 40, minimum: 10, maximum: 30}",
        ),
        "catalog/data/exercises/knee-to-chest.yaml: dose.hold_seconds: must satisfy minimum",
    ),
    "wrong enum": (
        lambda root: edit(root / "exercises/cat-cow.yaml", "places: [floor]", "places: [roof]"),
        "catalog/data/exercises/cat-cow.yaml: places[0]: Input should be",
    ),
    "invalid yaml": (
        lambda root: edit(root / "exercises/childs-pose.yaml", "name: Child's pose", "name: [x"),
        "catalog/data/exercises/childs-pose.yaml: not valid YAML at line",
    ),
    "unknown source passage": (
        lambda root: edit(
            root / "exercises/hip-bridge.yaml", "covers: [hip-bridge/7]", "covers: [hip-bridge/9]"
        ),
        "catalog/data/exercises/hip-bridge.yaml: steps[6].covers: unknown source passage",
    ),
    "routine names a missing exercise": (
        lambda root: edit(
            root / "routines/desk-break.yaml", "exercise: seated-back-twist", "exercise: plank"
        ),
        "catalog/data/routines/desk-break.yaml: exercises[0].exercise: unknown exercise 'plank'",
    ),
    "id differs from file name": (
        lambda root: edit(root / "exercises/cat-cow.yaml", "id: cat-cow", "id: cat-camel"),
        "catalog/data/exercises/cat-cow.yaml: id: 'cat-camel' does not match the file name",
    ),
    "unknown placeholder": (
        lambda root: edit(
            root / "exercises/knee-to-chest.yaml", "draw your {side} knee", "draw your {leg} knee"
        ),
        "catalog/data/exercises/knee-to-chest.yaml: repetition[0]: unknown placeholder {leg}",
    ),
    "phase names a step that is not there": (
        lambda root: edit(
            root / "exercises/knee-to-chest.yaml",
            "{kind: exhale, step: 4,",
            "{kind: exhale, step: 9,",
        ),
        "catalog/data/exercises/knee-to-chest.yaml: repetition[2].step: there is no step 9; the"
        " exercise has 6",
    ),
    "two sides without a step for switching": (
        lambda root: edit(root / "exercises/knee-to-chest.yaml", "switch_step: 5\n", ""),
        "catalog/data/exercises/knee-to-chest.yaml: switch_step: give it when, and only when,",
    ),
    "switch step names a side": (
        lambda root: edit(
            root / "exercises/knee-to-chest.yaml",
            "change to the other leg",
            "change to the {other}",
        ),
        "knee-to-chest.yaml: switch_step: the step for changing sides must not name a side",
    ),
    "one-sided exercise with a side in a step": (
        lambda root: edit(
            root / "exercises/cat-cow.yaml", "raise your chin", "raise your {side} hand"
        ),
        "catalog/data/exercises/cat-cow.yaml: a phase or step mentions {side} or {other} but",
    ),
    "unknown placeholder in a step": (
        lambda root: edit(root / "exercises/spinal-torsion.yaml", "your {side} hand", "your {arm}"),
        "catalog/data/exercises/spinal-torsion.yaml: steps[2]: unknown placeholder {arm}",
    ),
    "hold phase without hold dose": (
        lambda root: edit(
            root / "exercises/hip-bridge.yaml",
            "  hold_seconds: {default: 10, minimum: 5, maximum: 30}\n",
            "",
        ),
        "catalog/data/exercises/hip-bridge.yaml: dose.hold_seconds is required",
    ),
    "unexpected key": (
        lambda root: edit(root / "body.yaml", "setup_seconds: 15", "setup_secs: 15"),
        "catalog/data/body.yaml: positions[0].setup_secs: Extra inputs are not permitted",
    ),
    "adapted and numbered at once": (
        lambda root: edit(
            root / "exercises/seated-knee-hug.yaml",
            "name: Seated knee hug",
            "name: Seated knee hug\narticle_number: 7",
        ),
        "catalog/data/exercises/seated-knee-hug.yaml: give article_number for a"
        " stretch of the article, or adapted_from",
    ),
    "adapted from a version": (
        lambda root: edit(
            root / "exercises/seated-cat-cow.yaml",
            "  exercise: cat-cow",
            "  exercise: seated-knee-hug",
        ),
        "catalog/data/exercises/seated-cat-cow.yaml: adapted_from.exercise: 'seated-knee-hug' is"
        " a version itself",
    ),
    "adapted for a place it is not done in": (
        lambda root: edit(
            root / "exercises/seated-forward-bend.yaml", "  place: chair", "  place: bed"
        ),
        "catalog/data/exercises/seated-forward-bend.yaml: adapted_from.place: 'bed'"
        " is not in places",
    ),
    "routine dose outside the safe range": (
        lambda root: edit(
            root / "routines/desk-break.yaml",
            "{exercise: seated-back-twist}",
            "{exercise: seated-back-twist, repetitions: 9}",
        ),
        "catalog/data/routines/desk-break.yaml: exercises[0].repetitions: must be between 2 and 5",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_content_file_names_file_field_and_problem(data_copy: Path, case: str) -> None:
    breakage, expected = BROKEN[case]
    breakage(data_copy)

    with pytest.raises(CatalogError) as raised:
        load_catalog(data_copy)

    assert expected in raised.value.user_message


def test_all_broken_files_are_reported_together(data_copy: Path) -> None:
    BROKEN["missing field"][0](data_copy)
    BROKEN["wrong enum"][0](data_copy)

    with pytest.raises(CatalogError) as raised:
        load_catalog(data_copy)

    assert "hip-bridge.yaml" in raised.value.user_message
    assert "cat-cow.yaml" in raised.value.user_message


def test_missing_exercise_folder_is_an_error(data_copy: Path) -> None:
    shutil.rmtree(data_copy / "exercises")

    with pytest.raises(CatalogError, match="no exercise files"):
        load_catalog(data_copy)


def test_a_deleted_exercise_file_is_named_with_the_files_that_use_it(data_copy: Path) -> None:
    (data_copy / "exercises" / "knee-to-chest.yaml").unlink()

    with pytest.raises(CatalogError) as raised:
        load_catalog(data_copy)

    first = raised.value.user_message.splitlines()[0]
    assert first.startswith("catalog/data/exercises/knee-to-chest.yaml: missing;")
    assert "catalog/data/routines/all-six.yaml" in first
    assert "catalog/data/exercises/seated-knee-hug.yaml" in first
    assert "no exercise file has number 1" in raised.value.user_message
