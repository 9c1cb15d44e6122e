"""Questions before a session: answers checked, wrong ones asked again, last ones offered."""

from collections.abc import Iterator

import pytest

from spinecoach.catalog.vocabulary import Movement, PainKind, Place, SpineRegion
from spinecoach.cli.questions import ask_preferences
from spinecoach.coaching.preferences import SessionPreferences


class Script:
    """Answers the questions in order and keeps the defaults each question offered."""

    def __init__(self, *answers: str) -> None:
        self._answers: Iterator[str] = iter(answers)
        self.offered: list[tuple[str, str]] = []

    def __call__(self, question: str, default: str) -> str:
        self.offered.append((question, default))
        answer = next(self._answers)
        return default if answer == "" else answer


def test_numbered_answers_become_the_session_choices() -> None:
    script = Script("2", "12", "1 3", "3", "4")

    chosen = ask_preferences(SessionPreferences(), script)

    assert chosen == SessionPreferences(
        place=Place.FLOOR,
        minutes=12.0,
        avoid=frozenset({Movement.KNEELING, Movement.TWISTING}),
        regions=frozenset({SpineRegion.LUMBAR}),
        kind=PainKind.RADIATING,
    )


@pytest.mark.parametrize(
    ("answers", "asked"),
    [
        (("0", "4", "one", "1", "10", "-", "-", "-"), 4),  # place out of range, then a word
        (("1", "nan", "0", "121", "5", "-", "-", "-"), 4),  # minutes NaN and out of range
        (("1", "5", "1 9", "2", "-", "-"), 3),  # a number past the list
        (("1", "5", "-", "-", "1 2", "2"), 3),  # two kinds where one is asked
    ],
)
def test_a_wrong_answer_is_asked_again_with_nothing_chosen_from_it(
    answers: tuple[str, ...], asked: int, capsys: pytest.CaptureFixture[str]
) -> None:
    script = Script(*answers)

    chosen = ask_preferences(SessionPreferences(), script)

    assert len(script.offered) == len(answers)
    assert "Please type" in capsys.readouterr().err
    assert chosen.place in set(Place)
    assert chosen.minutes is not None and 1 <= chosen.minutes <= 120


def test_last_answers_are_offered_and_enter_keeps_them() -> None:
    last = SessionPreferences(
        place=Place.BED,
        minutes=7.0,
        avoid=frozenset({Movement.LYING_ON_BACK}),
        regions=frozenset({SpineRegion.LUMBAR, SpineRegion.SACRUM}),
        kind=PainKind.DULL,
    )
    script = Script("", "", "", "", "")

    chosen = ask_preferences(last, script)

    assert chosen == last
    assert [default for _, default in script.offered] == ["3", "7", "2", "3 4", "1"]


def test_a_dash_clears_what_was_avoided_last_time() -> None:
    last = SessionPreferences(place=Place.CHAIR, avoid=frozenset({Movement.TWISTING}))

    chosen = ask_preferences(last, Script("", "", "-", "-", "-"))

    assert chosen.avoid == frozenset()
    assert chosen.kind is None
