"""A clinician's programme: which stretches, how many repetitions and how long each hold.

Pure: a programme is checked against the catalogue's safe ranges before anything stores it,
and every refusal names the field (`exercises[1].hold_seconds`) so each front end can point
at it. The planner later fits a programme to the patient's place and minutes, never above it.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.schema import RoutineEntry, RoutineTemplate
from spinecoach.clinic_records import PrescribedExercise, Programme, ProgrammeRecord
from spinecoach.errors import InvalidInputError, NotFoundError

# Twice a day, every day: more than home programmes for low back pain ask (most say daily or
# a few times a week); anything above is a typo.
MAX_SESSIONS_PER_WEEK = 14
MAX_PROGRAMME_EXERCISES = 12
MAX_PROGRAMME_NOTE = 2000
# The routine id of a session planned from a clinic's programme (not a catalogue routine).
PROGRAMME_ROUTINE_ID = "programme"
# Rest between stretches, as the built-in routines have.
PROGRAMME_REST_SECONDS = 10


def checked_programme(
    catalog: Catalog,
    exercises: Sequence[Mapping[str, object]],
    sessions_per_week: object,
    starts: date,
    ends: date | None,
    note: object,
) -> Programme:
    """Return the programme if every dose lies in its exercise's safe range; else name the field."""
    if not exercises:
        raise InvalidInputError("exercises: prescribe at least one stretch", "exercises")
    if len(exercises) > MAX_PROGRAMME_EXERCISES:
        raise InvalidInputError(
            f"exercises: {len(exercises)} stretches is more than {MAX_PROGRAMME_EXERCISES}",
            "exercises",
        )
    checked = tuple(_exercise(catalog, entry, index) for index, entry in enumerate(exercises))
    seen: set[str] = set()
    for index, item in enumerate(checked):
        if item.exercise in seen:
            field = f"exercises[{index}].exercise"
            raise InvalidInputError(f"{field}: {item.exercise} is prescribed twice", field)
        seen.add(item.exercise)
    per_week = _whole("sessions_per_week", sessions_per_week, 1, MAX_SESSIONS_PER_WEEK)
    if ends is not None and ends < starts:
        raise InvalidInputError(f"ends: {ends} is before the start, {starts}", "ends")
    if not isinstance(note, str):
        raise InvalidInputError(f"note: expected text, got {note!r}", "note")
    if len(note) > MAX_PROGRAMME_NOTE:
        raise InvalidInputError(
            f"note: {len(note)} characters is longer than {MAX_PROGRAMME_NOTE}; shorten it", "note"
        )
    return Programme(checked, per_week, starts, ends, note.strip())


def _exercise(catalog: Catalog, entry: Mapping[str, object], index: int) -> PrescribedExercise:
    where = f"exercises[{index}]"
    exercise_id = entry.get("exercise")
    if not isinstance(exercise_id, str) or exercise_id not in catalog.exercises:
        field = f"{where}.exercise"
        try:  # a name or alias is a typo for the id: say which id was meant
            meant = catalog.exercise(exercise_id).id if isinstance(exercise_id, str) else None
        except NotFoundError:
            meant = None
        hint = f"; did you mean {meant}?" if meant else ""
        raise InvalidInputError(f"{field}: {exercise_id!r} is not in the catalogue{hint}", field)
    dose = catalog.exercises[exercise_id].dose
    repetitions = _whole(
        f"{where}.repetitions",
        entry.get("repetitions"),
        dose.repetitions.minimum,
        dose.repetitions.maximum,
    )
    hold = dose.hold_seconds
    hold_seconds = (
        _whole(f"{where}.hold_seconds", entry.get("hold_seconds", 0), 0, 0)
        if hold is None
        else _whole(f"{where}.hold_seconds", entry.get("hold_seconds"), hold.minimum, hold.maximum)
    )
    return PrescribedExercise(exercise_id, repetitions, hold_seconds)


def _whole(field: str, value: object, minimum: int, maximum: int) -> int:
    """Return a whole number within the range, or refuse it naming the field and the range."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{field}: expected a whole number, got {value!r}", field)
    if not minimum <= value <= maximum:
        what = (
            "must be 0: this stretch has no hold"
            if maximum == 0
            else (f"is outside the safe range, {minimum} to {maximum}")
        )
        raise InvalidInputError(f"{field}: {value} {what}", field)
    return value


def programme_template(exercises: Sequence[PrescribedExercise]) -> RoutineTemplate:
    """Return a programme's stretches as a routine for the planner: their order and doses."""
    return RoutineTemplate(
        id=PROGRAMME_ROUTINE_ID,
        name="Your programme from your clinic",
        description="The stretches your clinician chose for you, at the doses they set.",
        exercises=[
            RoutineEntry(
                exercise=item.exercise,
                repetitions=item.repetitions,
                hold_seconds=item.hold_seconds,
            )
            for item in exercises
        ],
        rest_seconds=PROGRAMME_REST_SECONDS,
    )


def programme_in_force(versions: Sequence[ProgrammeRecord], today: date) -> ProgrammeRecord | None:
    """Return the newest version begun by today unless it has ended, as the patient's plan does."""
    begun = [version for version in versions if version.starts <= today]
    if not begun:
        return None
    newest = max(begun, key=lambda version: version.version)
    return None if newest.ends is not None and newest.ends < today else newest
