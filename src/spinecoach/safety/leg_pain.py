"""Pain down a leg: not a red flag in itself, so the person is told what would make it one.

NICE NG59 covers low back pain with sciatica and advises staying active, so pain or tingling
down one leg keeps the screen's outcome. What changes that (numbness or weakness that grows,
both legs, trouble walking, bladder, bowel or saddle symptoms) is the screening item's advice,
kept beside its sources in safety/data/screening.yaml.
"""

from collections.abc import Mapping, Sequence

from spinecoach.catalog.vocabulary import PainKind
from spinecoach.safety.loader import LEG_SYMPTOM_ID, default_screening
from spinecoach.safety.schema import Questionnaire


def pain_spreads_down_leg(
    screening_answers: Mapping[str, object] | None, pain_kinds: Sequence[PainKind | None]
) -> bool:
    """Say whether the person said their pain spreads down a leg.

    pain_kinds are the kinds of their pain entries, oldest first: the latest one that names a
    kind counts, so choosing "radiating" today, or "yes" on the screen, is enough.
    """
    if screening_answers is not None and screening_answers.get(LEG_SYMPTOM_ID) is True:
        return True
    latest_kind = next((kind for kind in reversed(pain_kinds) if kind is not None), None)
    return latest_kind is PainKind.RADIATING


def leg_pain_advice(questionnaire: Questionnaire | None = None) -> str:
    """Return what to watch for when pain spreads down a leg, in plain words."""
    item = (questionnaire or default_screening()).item(LEG_SYMPTOM_ID)
    if item is None:  # the loader refuses such a file; this keeps mypy and a caller honest
        raise LookupError(f"the screening has no {LEG_SYMPTOM_ID!r} item")
    return item.reason
