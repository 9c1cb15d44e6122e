import pytest

from spinecoach.catalog.vocabulary import PainKind
from spinecoach.safety.leg_pain import leg_pain_advice, pain_spreads_down_leg
from spinecoach.safety.loader import default_screening


@pytest.mark.parametrize(
    ("answers", "kinds", "spreads"),
    [
        (None, [], False),
        ({"pain-down-one-leg": True}, [], True),
        ({"pain-down-one-leg": False}, [], False),
        (None, [PainKind.RADIATING], True),
        ({"pain-down-one-leg": False}, [PainKind.RADIATING, None], True),
        (None, [PainKind.RADIATING, PainKind.DULL], False),
        (None, [PainKind.DULL, PainKind.RADIATING], True),
        # The screen's "yes" stands even when today's pain is described another way.
        ({"pain-down-one-leg": True}, [PainKind.DULL], True),
    ],
)
def test_pain_spreads_down_a_leg_from_the_screen_or_the_latest_described_pain(
    answers: dict[str, object] | None, kinds: list[PainKind | None], spreads: bool
) -> None:
    assert pain_spreads_down_leg(answers, kinds) is spreads


def test_leg_advice_is_the_screen_items_words() -> None:
    item = default_screening().item("pain-down-one-leg")

    assert item is not None
    assert leg_pain_advice() == item.reason
