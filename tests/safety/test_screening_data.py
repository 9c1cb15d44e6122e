import re
from pathlib import Path

import pytest

from spinecoach.catalog.loader import default_catalog
from spinecoach.errors import CatalogError
from spinecoach.safety import covered_source_ids
from spinecoach.safety.loader import default_screening, load_screening
from spinecoach.safety.schema import ItemKind, RedFlagOutcome
from tests.safety.conftest import replace_in

# Each red flag of SAFETY.md (emergency and urgent lists) with the item(s) that ask it.
RED_FLAGS = [
    ("new difficulty passing urine", ["urine-difficulty"], RedFlagOutcome.EMERGENCY),
    ("loss of bladder or bowel control", ["bladder-bowel-control"], RedFlagOutcome.EMERGENCY),
    ("saddle numbness", ["saddle-numbness"], RedFlagOutcome.EMERGENCY),
    ("weakness or numbness in both legs", ["both-legs-weak-or-numb"], RedFlagOutcome.EMERGENCY),
    ("worsening weakness in a leg", ["leg-weakness-worsening"], RedFlagOutcome.EMERGENCY),
    ("difficulty walking", ["difficulty-walking"], RedFlagOutcome.EMERGENCY),
    ("new sexual dysfunction", ["sexual-problems"], RedFlagOutcome.EMERGENCY),
    ("major trauma", ["major-trauma"], RedFlagOutcome.EMERGENCY),
    ("chest pain", ["chest-pain"], RedFlagOutcome.EMERGENCY),
    (
        "sudden severe back or belly pain, faint or known aneurysm",
        ["sudden-severe-back-or-belly-pain"],
        RedFlagOutcome.EMERGENCY,
    ),
    ("fever, chills, unwell", ["fever-or-unwell"], RedFlagOutcome.SEE_DOCTOR),
    ("recent bacterial infection", ["recent-infection"], RedFlagOutcome.SEE_DOCTOR),
    ("weakened immune system", ["weak-immune-system"], RedFlagOutcome.SEE_DOCTOR),
    ("intravenous drug use", ["injected-drugs"], RedFlagOutcome.SEE_DOCTOR),
    ("history of cancer", ["cancer-history"], RedFlagOutcome.SEE_DOCTOR),
    ("unexplained weight loss", ["weight-loss"], RedFlagOutcome.SEE_DOCTOR),
    ("constant pain not eased by rest", ["pain-not-eased-by-rest"], RedFlagOutcome.SEE_DOCTOR),
    ("pain worse at night", ["pain-worse-at-night"], RedFlagOutcome.SEE_DOCTOR),
    ("lump, swelling or shape change", ["lump-or-shape-change"], RedFlagOutcome.SEE_DOCTOR),
    ("minor trauma with osteoporosis", ["minor-fall-fragile-bones"], RedFlagOutcome.SEE_DOCTOR),
    ("first onset under 20 or over 50", ["first-pain-young-or-older"], RedFlagOutcome.SEE_DOCTOR),
    ("no improvement after a month", ["no-improvement-month"], RedFlagOutcome.SEE_DOCTOR),
]


@pytest.mark.parametrize(("flag", "item_ids", "outcome"), RED_FLAGS)
def test_every_red_flag_is_asked_with_its_outcome(
    flag: str, item_ids: list[str], outcome: RedFlagOutcome
) -> None:
    questionnaire = default_screening()

    items = [questionnaire.item(item_id) for item_id in item_ids]

    for item in items:
        assert item is not None, flag
        assert (item.kind, item.outcome) == (ItemKind.RED_FLAG, outcome), flag


def test_questionnaire_has_only_the_listed_red_flags_the_leg_symptom_and_one_acknowledgement() -> (
    None
):
    listed = {item_id for _, item_ids, _ in RED_FLAGS for item_id in item_ids}

    ids = [item.id for item in default_screening().items]

    assert sorted(ids) == sorted([*listed, "pain-down-one-leg", "asked-doctor"])


def test_pain_down_one_leg_is_a_symptom_that_names_what_would_make_it_urgent() -> None:
    item = default_screening().item("pain-down-one-leg")

    assert item is not None
    assert (item.kind, item.outcome) == (ItemKind.SYMPTOM, None)
    for warning in ("weakness", "both legs", "walking", "peeing", "genitals", "doctor"):
        assert warning in item.reason, warning


def test_emergency_questions_come_before_all_others() -> None:
    kinds = [item.outcome for item in default_screening().items]

    first_other = kinds.index(RedFlagOutcome.SEE_DOCTOR)

    assert RedFlagOutcome.EMERGENCY not in kinds[first_other:]
    assert all(outcome is RedFlagOutcome.EMERGENCY for outcome in kinds[:first_other])


def test_doctor_acknowledgement_covers_the_articles_ask_your_doctor_passage() -> None:
    item = default_screening().item("asked-doctor")

    assert item is not None
    assert (item.kind, item.outcome, item.covers) == (ItemKind.ACKNOWLEDGEMENT, None, ["doctor/1"])


def test_every_item_cites_a_published_source() -> None:
    questionnaire = default_screening()
    citations = {reference.id: reference.citation for reference in questionnaire.references}

    cited = [[citations[source] for source in item.sources] for item in questionnaire.items]

    assert all(cited)
    assert any("NICE" in citation for citation in citations.values())
    assert any("Verhagen" in citation for citation in citations.values())


def test_version_is_a_dated_rules_version() -> None:
    assert re.fullmatch(r"\d{4}-\d{1,2}-\d+", default_screening().version)


def test_covered_ids_are_passages_of_the_source_article() -> None:
    passages = {passage.id for passage in default_catalog().source.passages}

    covered = covered_source_ids()

    assert covered == {"doctor/1", "doctor/2", "doctor/3", "intro/2"}
    assert covered <= passages


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '    outcome: see-doctor\n    reason: "Fever',
            '    outcome: urgent\n    reason: "Fever',
            "safety/data/screening.yaml: items[10].outcome: Input should be 'emergency' or",
        ),
        (
            '    outcome: emergency\n    reason: "New trouble',
            '    reason: "New trouble',
            "safety/data/screening.yaml: items[0].outcome: a red-flag item needs",
        ),
        (
            "  - id: asked-doctor\n    kind: acknowledgement\n",
            "  - id: asked-doctor\n    kind: acknowledgement\n    outcome: emergency\n",
            "safety/data/screening.yaml: items[23].outcome: only a red-flag item has",
        ),
        (
            "sources: [nhs-glos-lbp]",
            "sources: [nhs-glos-lbp, made-up]",
            "safety/data/screening.yaml: items[8].sources[1]: unknown reference 'made-up'",
        ),
        (
            "  - id: bladder-bowel-control",
            "  - id: urine-difficulty",
            "safety/data/screening.yaml: items[1].id: 'urine-difficulty' appears twice",
        ),
        (
            '    question: "Have you ever had cancer?"',
            '    question: "Have you ever had cancer?"\n    colour: red',
            "safety/data/screening.yaml: items[14].colour: Extra inputs are not permitted",
        ),
        (
            'version: "2026-12-1"',
            'version: "latest"',
            "safety/data/screening.yaml: version: String should match pattern",
        ),
        (
            "  - id: asked-doctor\n    kind: acknowledgement",
            "  - id: asked-doctor\n    kind: red-flag\n    outcome: see-doctor",
            "safety/data/screening.yaml: items: needs exactly one acknowledgement",
        ),
        (
            "  - id: pain-down-one-leg\n    kind: symptom\n",
            "  - id: pain-down-one-leg\n    kind: symptom\n    outcome: see-doctor\n",
            "safety/data/screening.yaml: items[22].outcome: only a red-flag item has",
        ),
        (
            "  - id: pain-down-one-leg\n",
            "  - id: pain-in-a-leg\n",
            "safety/data/screening.yaml: items: needs a symptom item 'pain-down-one-leg'",
        ),
        (
            "covers: [doctor/1]",
            "covers: [doctor]",
            "safety/data/screening.yaml: items[23].covers[0]: String should match pattern",
        ),
    ],
)
def test_broken_screening_file_names_file_and_field(
    screening_copy: Path, old: str, new: str, expected: str
) -> None:
    replace_in(screening_copy, old, new)

    with pytest.raises(CatalogError) as raised:
        load_screening(screening_copy)

    assert expected in raised.value.user_message


def test_invalid_yaml_is_reported_with_its_line(screening_copy: Path) -> None:
    replace_in(screening_copy, "items:\n", "items: [\n")

    with pytest.raises(CatalogError, match=r"safety/data/screening.yaml: not valid YAML at line"):
        load_screening(screening_copy)


def test_missing_file_is_reported_by_name(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"screening.yaml: cannot be read"):
        load_screening(tmp_path / "safety" / "data" / "screening.yaml")


def test_packaged_file_loads_unchanged_from_a_copy(screening_copy: Path) -> None:
    assert load_screening(screening_copy) == default_screening()


def test_the_month_question_asks_about_new_or_worse_pain_and_lets_known_stable_pain_answer_no() -> (
    None
):
    item = next(i for i in default_screening().items if i.id == "no-improvement-month")

    assert "new, or worse than your usual" in item.question
    assert "Long-standing pain your doctor knows about that is no worse than usual: answer no" in (
        item.question
    )
    assert item.sources  # the rule keeps its citation
