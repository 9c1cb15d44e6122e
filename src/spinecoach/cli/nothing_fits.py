"""The terminal's words when nothing fits: the shared sentence with the option to try."""

from spinecoach.catalog.routine import Routine
from spinecoach.coaching.fit_words import left_out_note, nothing_fits_sentence
from spinecoach.errors import NothingFitsError
from spinecoach.fitting import NoExerciseFitsError


def nothing_fits_line(error: NothingFitsError) -> str:
    """Return the error as one calm line; where another place fits, name the option for it."""
    if not isinstance(error, NoExerciseFitsError):
        return error.user_message
    # A built-in routine keeps its own stretches whatever the place: no option would help.
    if error.routine_name is not None:
        return nothing_fits_sentence(error)
    return nothing_fits_sentence(error, lambda place: f"--place {place.value}")


def left_out_lines(routine: Routine, resumed: bool = False) -> list[str]:
    """Return one line per exercise the planner left out, saying why in plain words."""
    return [left_out_note(item, resumed) for item in routine.left_out]
