from datetime import timedelta

import pytest

from spinecoach.coaching.access import Records
from spinecoach.coaching.safety_gate import refuse_unless_safe, safety_gate, submit_screening
from spinecoach.errors import UnsafeRoutineError
from spinecoach.safety.loader import default_screening
from spinecoach.safety.schema import ItemKind
from spinecoach.safety.screening import Outcome
from tests.coaching.conftest import NOW


def all_clear(**yes: bool) -> dict[str, bool]:
    """Every red flag answered no and the doctor acknowledgement yes, overrides by id."""
    given = {item.id: item.kind is ItemKind.ACKNOWLEDGEMENT for item in default_screening().items}
    given.update({key.replace("_", "-"): value for key, value in yes.items()})
    return given


def test_a_person_never_screened_must_answer_before_stretching(alice: Records) -> None:
    gate = safety_gate(alice.repository, alice.person, NOW)

    assert gate.screen_due
    with pytest.raises(UnsafeRoutineError, match="answer the safety questions"):
        refuse_unless_safe(gate.outcome)


def test_a_clear_screen_lets_the_person_stretch_for_thirty_days(alice: Records) -> None:
    submit_screening(alice.repository, alice.person, all_clear(), NOW)

    within = safety_gate(alice.repository, alice.person, NOW + timedelta(days=29))
    after = safety_gate(alice.repository, alice.person, NOW + timedelta(days=31))

    assert within.outcome is Outcome.GO
    refuse_unless_safe(within.outcome)
    assert after.screen_due


@pytest.mark.parametrize(
    ("flag", "outcome", "refusal"),
    [
        ("chest_pain", Outcome.EMERGENCY, "emergency"),
        ("fever_or_unwell", Outcome.SEE_DOCTOR, "doctor"),
    ],
)
def test_a_red_flag_is_recorded_and_refuses_every_session(
    alice: Records, flag: str, outcome: Outcome, refusal: str
) -> None:
    result = submit_screening(alice.repository, alice.person, all_clear(**{flag: True}), NOW)

    gate = safety_gate(alice.repository, alice.person, NOW)

    assert result.outcome is outcome
    assert gate.outcome is outcome
    with pytest.raises(UnsafeRoutineError, match=refusal):
        refuse_unless_safe(gate.outcome)
