"""Turn answers to the red-flag questions into one outcome: emergency, see a doctor, or go."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from spinecoach.errors import InvalidInputError
from spinecoach.safety.loader import DOCTOR_ACKNOWLEDGEMENT_ID, default_screening
from spinecoach.safety.schema import ItemKind, Questionnaire, RedFlagOutcome, ScreeningItem
from spinecoach.words import word_for


class Outcome(StrEnum):
    """What the person should do next; members are listed from most to least urgent."""

    EMERGENCY = "emergency"
    SEE_DOCTOR = "see-doctor"
    GO = "go"


# Emergency beats see-doctor beats go: the most urgent triggered item decides.
_URGENCY = {Outcome.EMERGENCY: 2, Outcome.SEE_DOCTOR: 1, Outcome.GO: 0}

OUTCOME_MESSAGES: Mapping[Outcome, str] = {
    Outcome.EMERGENCY: (
        "Get help now: call your emergency number (for example 999, 112 or 911) or go to the"
        " nearest emergency department. Do not do any stretches."
    ),
    Outcome.SEE_DOCTOR: (
        "Please see a doctor in the next day or two, before doing these stretches. Show them"
        " the answers that raised a concern."
    ),
    Outcome.GO: (
        "No warning signs came up, so you can start. Move gently, keep breathing, and stop"
        " if your pain gets worse."
    ),
}


@dataclass(frozen=True)
class ScreeningResult:
    """The outcome of one screening, with what triggered it and the rules version used."""

    outcome: Outcome
    triggered: tuple[ScreeningItem, ...]
    rules_version: str
    doctor_acknowledged: bool
    # Acknowledgements answered "no": recorded and shown as reminders, never blocking.
    reminders: tuple[ScreeningItem, ...] = ()
    # Symptoms answered "yes" (pain down one leg): the outcome stands, their advice is shown.
    watch_for: tuple[ScreeningItem, ...] = ()

    @property
    def message(self) -> str:
        """Return the plain-words advice for the outcome."""
        return OUTCOME_MESSAGES[self.outcome]

    @property
    def needs_doctor_reminder(self) -> bool:
        """Say whether to remind the person to ask a health professional about the stretches."""
        return bool(self.reminders)


def _item_outcome(item: ScreeningItem) -> Outcome:
    if item.outcome is RedFlagOutcome.EMERGENCY:
        return Outcome.EMERGENCY
    if item.outcome is RedFlagOutcome.SEE_DOCTOR:
        return Outcome.SEE_DOCTOR
    return Outcome.GO


def _check_answers(answers: Mapping[str, bool], questionnaire: Questionnaire) -> None:
    """Raise InvalidInputError for an unknown id or an answer that is not true/false."""
    known = [item.id for item in questionnaire.items]
    for item_id, answer in answers.items():
        if item_id not in known:
            raise InvalidInputError(
                f"unknown screening item {item_id!r}; known: {', '.join(known)}"
            )
        if not isinstance(answer, bool):
            raise InvalidInputError(
                f"screening item {item_id!r}: answer must be true or false, got {answer!r}"
            )


def _result(
    answers: Mapping[str, bool], questionnaire: Questionnaire, triggered: list[ScreeningItem]
) -> ScreeningResult:
    outcome = max(map(_item_outcome, triggered), key=_URGENCY.__getitem__, default=Outcome.GO)
    return ScreeningResult(
        outcome=outcome,
        triggered=tuple(triggered),
        rules_version=questionnaire.version,
        doctor_acknowledged=answers.get(DOCTOR_ACKNOWLEDGEMENT_ID) is True,
        reminders=tuple(
            item
            for item in questionnaire.items
            if item.kind is ItemKind.ACKNOWLEDGEMENT and answers.get(item.id) is False
        ),
        watch_for=tuple(
            item
            for item in questionnaire.items
            if item.kind is ItemKind.SYMPTOM and answers.get(item.id) is True
        ),
    )


def _triggered(answers: Mapping[str, bool], questionnaire: Questionnaire) -> list[ScreeningItem]:
    # Only red flags decide the outcome. The "asked-doctor" acknowledgement (article passage
    # doctor/1) is recorded and reminded but never blocks: refusing everyone without a doctor's
    # visit would shut out people with ordinary back pain, whom NICE CKS encourages to keep active.
    return [
        item
        for item in questionnaire.items
        if item.kind is ItemKind.RED_FLAG and answers.get(item.id) is True
    ]


def evaluate(
    answers: Mapping[str, bool], *, questionnaire: Questionnaire | None = None
) -> ScreeningResult:
    """Return the screening outcome; every item must be answered, none may be unknown."""
    questionnaire = questionnaire or default_screening()
    _check_answers(answers, questionnaire)
    # The screen is never skippable: a missing answer is an error, not a silent "no".
    missing = [item.id for item in questionnaire.items if item.id not in answers]
    if missing:
        raise InvalidInputError(
            f"unanswered screening {word_for(len(missing), 'item')}: "
            f"{', '.join(missing)}; every question must be answered"
        )
    return _result(answers, questionnaire, _triggered(answers, questionnaire))


def emergency_so_far(
    answers: Mapping[str, bool], *, questionnaire: Questionnaire | None = None
) -> ScreeningResult | None:
    """Return an EMERGENCY result as soon as any answer so far calls for one, else None.

    Lets an interactive screen stop at the first emergency "yes" instead of asking the rest,
    since delay matters for cauda equina syndrome (NHS patient pathways).
    """
    questionnaire = questionnaire or default_screening()
    _check_answers(answers, questionnaire)
    triggered = _triggered(answers, questionnaire)
    if not any(_item_outcome(item) is Outcome.EMERGENCY for item in triggered):
        return None
    return _result(answers, questionnaire, triggered)


def evaluate_recorded(
    answers: Mapping[str, bool], *, questionnaire: Questionnaire | None = None
) -> ScreeningResult:
    """Return the result recorded answers give: an emergency "yes" needs none of the rest."""
    return emergency_so_far(answers, questionnaire=questionnaire) or evaluate(
        answers, questionnaire=questionnaire
    )


# Red flags can appear at any time (NICE CKS asks again whenever symptoms change); a monthly
# re-screen is our product choice so nobody stretches on an answer that is weeks out of date.
SCREENING_VALID_FOR = timedelta(days=30)


def screening_due(last_taken_at: datetime | None, now: datetime) -> bool:
    """Return True when there is no screening yet or the last one is more than 30 days old."""
    return last_taken_at is None or now - last_taken_at > SCREENING_VALID_FOR
