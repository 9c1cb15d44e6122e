"""Plain words for what the planner left out and for a plan where nothing fits.

Shared by the terminal and the web pages; each adds its own way to act on the alternative
(an option to type, a link to follow) through `try_place`.
"""

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from spinecoach.catalog.labels import AT_PLACE, FOR_PLACE, MOVEMENT_PHRASES
from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import LeftOut, LeftOutReason
from spinecoach.catalog.schema import Exercise
from spinecoach.catalog.vocabulary import Movement, Place
from spinecoach.fitting import DROP_DAYS, NoExerciseFitsError
from spinecoach.words import plural


def either(words: Iterable[str], joint: str = "or") -> str:
    """Return "a", "a or b", "a, b or c"."""
    listed = list(words)
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} {joint} {listed[-1]}"


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _movements(movements: Iterable[Movement]) -> str:
    return either(MOVEMENT_PHRASES[movement] for movement in movements)


def adapted_from_words(exercise: Exercise, catalog: Catalog) -> str | None:
    """Return "Adapted from Knee to chest for a chair." for a version, None for the article's."""
    if exercise.adapted_from is None:
        return None
    original = catalog.exercise(exercise.adapted_from.exercise).name
    return f"Adapted from {original} {FOR_PLACE[exercise.adapted_from.place]}."


def left_out_note(item: LeftOut, resumed: bool = False) -> str:
    """Return one sentence saying that an exercise is left out and why, without jargon."""
    name = item.exercise.name
    out = "is left out of the resumed session" if resumed else "is left out"
    if item.reason is LeftOutReason.PLACE:
        places = either(AT_PLACE[place] for place in item.exercise.places)
        if item.stand_in is not None:
            return f"{item.stand_in.name} stands in for {name}, which is done {places}."
        return f"{name} {out}: it is done {places}."
    if item.reason is LeftOutReason.AVOID:
        return f"{name} {out}: it involves {_movements(item.movements)}, which you avoid."
    if item.reason is LeftOutReason.PAIN and item.pain_day is not None:
        until = _day(item.pain_day + timedelta(days=DROP_DAYS))
        during = item.pain_during
        if during is None or during.id == item.exercise.id:
            why = f"your pain got worse during it on {_day(item.pain_day)}"
        else:
            why = f"your pain got worse during {during.name}, the same movement, on "
            why += _day(item.pain_day)
        return f"{name} {out} until {until}: {why}."
    return f"{name} {out}: it does not fit in {plural(item.minutes or 0, 'minute')}."


def _why_nothing(error: NoExerciseFitsError) -> str:
    """Return why every exercise that could be done here is out, as one clause."""
    here = [item for item in error.left_out if item.reason is not LeftOutReason.PLACE]
    avoided = sorted({movement for item in here for movement in item.movements})
    resting = any(item.reason is LeftOutReason.PAIN for item in here)
    one = len(error.left_out) == 1
    if error.routine_name is not None:
        subject = "its stretch" if one else "its stretches"
    else:
        subject = "those stretches" if error.place is not None else "the stretches"
    involve, are = ("involves", "is") if one else ("involve", "are")
    if avoided and resting:
        return (
            f"{subject} {involve} {_movements(avoided)}, which you avoid, or {are} having a "
            "week off after your pain got worse"
        )
    if avoided:
        return f"{subject} {involve} {_movements(avoided)}, which you avoid"
    if resting:
        return f"{subject} {are} having a week off after your pain got worse"
    return f"{subject} {are} done somewhere else"


def nothing_fits_sentence(
    error: NoExerciseFitsError, try_place: Callable[[Place], str] | None = None
) -> str:
    """Return one calm sentence: nothing fits, why, and what does (another place or a rest)."""
    at_place = f" {AT_PLACE[error.place]}" if error.place else ""
    if error.routine_name is not None:
        opening = f"Nothing in {error.routine_name} fits{at_place} today"
    else:
        opening = f"Nothing fits{at_place} today"
    if error.elsewhere:
        where = either(AT_PLACE[place] for place in error.elsewhere)
        how = f" ({try_place(error.elsewhere[0])})" if try_place else ""
        way_out = f"{where} other stretches fit{how}, or you can take a rest day"
    else:
        way_out = "a rest day is fine, and a short, gentle walk may help"
    return f"{opening}: {_why_nothing(error)}; {way_out}."
