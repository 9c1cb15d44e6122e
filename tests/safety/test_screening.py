from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.safety import OUTCOME_MESSAGES, Outcome, emergency_so_far, evaluate
from spinecoach.safety.loader import default_screening
from spinecoach.safety.schema import ItemKind, ScreeningItem
from spinecoach.safety.screening import screening_due


def all_no(**overrides: bool) -> dict[str, bool]:
    """Answer every item "no" except the given ones (ids with '_' for '-'); doctor asked."""
    answers = {item.id: False for item in default_screening().items}
    answers["asked-doctor"] = True
    for key, value in overrides.items():
        item_id = key.replace("_", "-")
        assert item_id in answers, item_id
        answers[item_id] = value
    return answers


def triggered_ids(answers: Mapping[str, bool]) -> list[str]:
    return [item.id for item in evaluate(answers).triggered]


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        (all_no(), Outcome.GO),
        (all_no(saddle_numbness=True), Outcome.EMERGENCY),
        (all_no(chest_pain=True), Outcome.EMERGENCY),
        (all_no(cancer_history=True), Outcome.SEE_DOCTOR),
        (all_no(no_improvement_month=True), Outcome.SEE_DOCTOR),
        (all_no(cancer_history=True, urine_difficulty=True), Outcome.EMERGENCY),
        (all_no(weight_loss=True, major_trauma=True, fever_or_unwell=True), Outcome.EMERGENCY),
        (all_no(weight_loss=True, fever_or_unwell=True), Outcome.SEE_DOCTOR),
    ],
)
def test_most_urgent_triggered_item_decides_the_outcome(
    answers: dict[str, bool], outcome: Outcome
) -> None:
    result = evaluate(answers)

    assert result.outcome is outcome


@pytest.mark.parametrize("item", default_screening().items, ids=lambda item: item.id)
def test_a_single_yes_gives_that_items_outcome(item: ScreeningItem) -> None:
    answers = all_no()
    # The acknowledgement is the one item whose "no" is the notable answer.
    answers[item.id] = item.kind is ItemKind.RED_FLAG

    result = evaluate(answers)

    expected = Outcome(item.outcome.value) if item.outcome is not None else Outcome.GO
    assert result.outcome is expected


def test_every_yes_is_listed_in_questionnaire_order() -> None:
    answers = all_no(fever_or_unwell=True, chest_pain=True, weight_loss=True)

    assert triggered_ids(answers) == ["chest-pain", "fever-or-unwell", "weight-loss"]


def test_not_having_asked_a_doctor_still_goes_with_a_reminder() -> None:
    result = evaluate(all_no(asked_doctor=False))

    assert result.outcome is Outcome.GO
    assert result.doctor_acknowledged is False
    assert result.needs_doctor_reminder is True
    assert [item.id for item in result.reminders] == ["asked-doctor"]
    assert result.triggered == ()


def test_having_asked_a_doctor_is_recorded_without_reminder() -> None:
    result = evaluate(all_no())

    assert (result.doctor_acknowledged, result.reminders) == (True, ())


def test_result_carries_the_rules_version() -> None:
    assert evaluate(all_no()).rules_version == default_screening().version


@pytest.mark.parametrize("outcome", list(Outcome))
def test_result_message_is_the_outcomes_message(outcome: Outcome) -> None:
    answers = {
        Outcome.GO: all_no(),
        Outcome.SEE_DOCTOR: all_no(cancer_history=True),
        Outcome.EMERGENCY: all_no(chest_pain=True),
    }[outcome]

    assert evaluate(answers).message == OUTCOME_MESSAGES[outcome]


def test_emergency_message_says_call_for_help_and_do_not_exercise() -> None:
    message = OUTCOME_MESSAGES[Outcome.EMERGENCY].lower()

    assert "emergency number" in message
    assert "emergency department" in message
    assert "do not do any stretches" in message


def test_see_doctor_message_says_within_a_day_or_two_before_stretching() -> None:
    message = OUTCOME_MESSAGES[Outcome.SEE_DOCTOR].lower()

    assert "day or two" in message
    assert "before" in message


@pytest.mark.parametrize("missing", ["saddle-numbness", "no-improvement-month", "asked-doctor"])
def test_a_missing_answer_is_refused_naming_the_item(missing: str) -> None:
    answers = all_no()
    del answers[missing]

    with pytest.raises(InvalidInputError, match=f"unanswered screening item: {missing};"):
        evaluate(answers)


def test_an_empty_answer_set_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="every question must be answered"):
        evaluate({})


def test_an_unknown_item_is_refused_naming_it() -> None:
    answers = all_no()
    answers["back-ache"] = True

    with pytest.raises(InvalidInputError, match="unknown screening item 'back-ache'"):
        evaluate(answers)


@pytest.mark.parametrize("value", ["yes", 1, 0, None])
def test_an_answer_that_is_not_true_or_false_is_refused(value: object) -> None:
    answers: dict[str, object] = dict(all_no())
    answers["chest-pain"] = value

    with pytest.raises(InvalidInputError, match="'chest-pain': answer must be true or false"):
        evaluate(answers)  # type: ignore[arg-type]  # bad input on purpose


def test_emergency_so_far_stops_at_the_first_emergency_yes() -> None:
    result = emergency_so_far({"urine-difficulty": False, "bladder-bowel-control": True})

    assert result is not None
    assert result.outcome is Outcome.EMERGENCY
    assert [item.id for item in result.triggered] == ["bladder-bowel-control"]


@pytest.mark.parametrize(
    "answers",
    [{}, {"urine-difficulty": False}, {"cancer-history": True}, {"asked-doctor": False}],
)
def test_emergency_so_far_waits_without_an_emergency_yes(answers: dict[str, bool]) -> None:
    assert emergency_so_far(answers) is None


def test_emergency_so_far_refuses_unknown_items() -> None:
    with pytest.raises(InvalidInputError, match="unknown screening item 'nope'"):
        emergency_so_far({"nope": True})


@pytest.mark.parametrize(
    ("days_ago", "due"),
    [(None, True), (0, False), (29, False), (30, False), (30.01, True), (90, True)],
)
def test_screening_is_due_when_missing_or_older_than_30_days(
    days_ago: float | None, due: bool
) -> None:
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    last = None if days_ago is None else now - timedelta(days=days_ago)

    assert screening_due(last, now) is due


def test_sudden_severe_back_or_belly_pain_with_feeling_faint_is_an_emergency_at_once() -> None:
    # The picture of a leaking aortic aneurysm, answered truthfully: only this item is "yes".
    answers = {"sudden-severe-back-or-belly-pain": True}

    result = emergency_so_far(answers)

    assert result is not None
    assert result.outcome is Outcome.EMERGENCY
    assert [item.id for item in result.triggered] == ["sudden-severe-back-or-belly-pain"]


def test_pain_down_one_leg_keeps_go_and_says_what_to_watch_for() -> None:
    result = evaluate(all_no(pain_down_one_leg=True))

    assert result.outcome is Outcome.GO
    assert result.triggered == ()
    assert [item.id for item in result.watch_for] == ["pain-down-one-leg"]


def test_no_leg_pain_has_nothing_to_watch_for() -> None:
    assert evaluate(all_no()).watch_for == ()
