"""What fits: why an exercise is left out, and where something would fit when nothing does."""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import LeftOut, LeftOutReason
from spinecoach.catalog.schema import Exercise
from spinecoach.catalog.vocabulary import Movement, Place
from spinecoach.errors import NothingFitsError
from spinecoach.progression import PastSession

# An exercise during which pain got worse stays out of plans for a week, then is offered again.
DROP_DAYS = 7


class NoExerciseFitsError(NothingFitsError):
    """Every exercise was left out: which and why, and the places where some would fit.

    The message is a plain fallback; front ends word the reasons and the way out themselves.
    """

    def __init__(
        self,
        place: Place | None,
        routine_name: str | None,
        left_out: Sequence[LeftOut],
        elsewhere: Sequence[Place],
    ) -> None:
        super().__init__("No stretch fits what you chose today.")
        self.place = place
        self.routine_name = routine_name  # None for a routine planned freely
        self.left_out = tuple(left_out)
        self.elsewhere = tuple(elsewhere)  # where a freely planned routine would fit


def recently_dropped(history: Sequence[PastSession], today: date) -> dict[str, date]:
    """Return each exercise pain got worse during in the last week, with the latest day."""
    dropped: dict[str, date] = {}
    for session in history:
        if today - session.day < timedelta(days=DROP_DAYS):
            for exercise_id in session.adjustment.drop_exercises:
                dropped[exercise_id] = max(session.day, dropped.get(exercise_id, session.day))
    return dropped


def why_left_out(
    exercise: Exercise,
    place: Place | None,
    avoid: frozenset[Movement],
    dropped: dict[str, date],
    catalog: Catalog,
) -> LeftOut | None:
    """Return why the exercise cannot be planned here and now, or None when it can."""
    if place is not None and place not in exercise.places:
        return LeftOut(exercise, LeftOutReason.PLACE)
    clash = tuple(sorted(set(exercise.movements) & avoid))
    if clash:
        return LeftOut(exercise, LeftOutReason.AVOID, movements=clash)
    # A chair version is the same movement as the stretch it adapts: pain in one rests both.
    during = [
        (day, catalog.exercises[exercise_id])
        for exercise_id, day in sorted(dropped.items())
        if exercise_id in catalog.exercises
        and catalog.exercises[exercise_id].family == exercise.family
    ]
    if during:
        day, culprit = max(during, key=lambda pair: pair[0])
        return LeftOut(exercise, LeftOutReason.PAIN, pain_day=day, pain_during=culprit)
    return None


def places_that_fit(
    avoid: frozenset[Movement],
    dropped: dict[str, date],
    catalog: Catalog,
    leaving_out: Iterable[Place] = (),
) -> tuple[Place, ...]:
    """Return the places, but those left out, where an exercise passes the avoid and pain rules."""
    skip = set(leaving_out)
    return tuple(
        place
        for place in Place
        if place not in skip
        and any(
            why_left_out(exercise, place, avoid, dropped, catalog) is None
            for exercise in catalog.exercises.values()
        )
    )
