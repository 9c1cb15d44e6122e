"""The web pages' words when nothing fits: the shared sentence and a link to each way out."""

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from spinecoach.catalog.labels import AT_PLACE
from spinecoach.catalog.routine import Routine
from spinecoach.coaching.fit_words import left_out_note, nothing_fits_sentence
from spinecoach.errors import NothingFitsError
from spinecoach.fitting import NoExerciseFitsError
from spinecoach.planning import Constraints
from spinecoach.web import forms


def nothing_fits_detail(error: NothingFitsError) -> str:
    """Return the one sentence an API answer or error page gives when nothing fits."""
    if isinstance(error, NoExerciseFitsError):
        return nothing_fits_sentence(error)
    return error.user_message


def nothing_fits_context(error: NothingFitsError, constraints: Constraints) -> dict[str, Any]:
    """Return what the _nothing_fits partial shows: one calm sentence and links to what fits."""
    if not isinstance(error, NoExerciseFitsError):
        return {"nothing_fits": error.user_message, "fits_elsewhere": []}
    links = []
    for place in error.elsewhere:
        # The same choices elsewhere, planned freely: a built-in routine keeps its own place.
        elsewhere = replace(constraints, place=place, routine=None)
        links.append((f"Plan {AT_PLACE[place]}", f"/plan?{urlencode(forms.plan_query(elsewhere))}"))
    return {"nothing_fits": nothing_fits_detail(error), "fits_elsewhere": links}


def plan_notes(routine: Routine, resumed: bool = False) -> list[str]:
    """Return the plan's notes: what was left out and why, then how doses moved."""
    return [*(left_out_note(item, resumed) for item in routine.left_out), *routine.notes]
