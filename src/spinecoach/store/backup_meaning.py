"""Check what a backup's rows mean before a restore writes them: known ids, outcomes that follow.

backup_values checks each value's type and the database checks its own constraints; neither can
know that an exercise id names a stretch this spinecoach has, or that a screening's outcome is
the one its answers give. A restored "go" that the answers contradict would let someone stretch
who should get help, and an unknown exercise would show up in the history as if it were done.
"""

import re
from collections.abc import Mapping, Sequence

from spinecoach.catalog.loader import Catalog
from spinecoach.errors import CatalogError, InvalidInputError
from spinecoach.planning import CUSTOM_ROUTINE_ID, routine_from_dict
from spinecoach.safety.recorded import recorded_screening_problem
from spinecoach.safety.schema import Questionnaire
from spinecoach.store.record_words import record_named

Rows = Mapping[str, Sequence[Mapping[str, object]]]


def check_meaning(source: str, rows: Rows, catalog: Catalog, questionnaire: Questionnaire) -> None:
    """Raise InvalidInputError naming the first row whose ids or outcome make no sense."""
    for table, table_rows in rows.items():
        for row in table_rows:
            if "uuid" in row:
                _refuse_if(_uuid_problem(row["uuid"]), source, table, row)
    for row in rows["screenings"]:
        problem = recorded_screening_problem(
            row["answers"],
            str(row["outcome"]),
            str(row["rules_version"]),
            row["doctor_acknowledged"] is True,
            questionnaire,
        )
        _refuse_if(problem, source, "screenings", row)
    for row in rows["sessions"]:
        _refuse_if(_session_problem(row, catalog), source, "sessions", row)
    for row in rows["exercise_results"]:
        exercise_id = row["exercise_id"]
        if exercise_id not in catalog.exercises:
            _refuse_if(f"unknown exercise {exercise_id!r}", source, "exercise_results", row)


# A UUID as the store writes it (str(uuid4())); a pattern, as parsing each cost a tenth of a
# repeated restore's time (bench/exchange.py).
_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid_problem(value: object) -> str | None:
    """Return why a record's UUID is not one, or None; FHIR files are named by it."""
    if isinstance(value, str) and _UUID_TEXT.fullmatch(value):
        return None
    return f"uuid: {value!r} is not a UUID"


def _session_problem(row: Mapping[str, object], catalog: Catalog) -> str | None:
    """Return why a session's routine is not one this spinecoach can show or resume, or None."""
    routine_id = row["routine_id"]
    # A session plays a catalogue routine or a plan made from the whole catalogue; the stored
    # snapshot's own id is not compared, since the snapshot is what resume and history read.
    if routine_id != CUSTOM_ROUTINE_ID and routine_id not in catalog.routines:
        return f"unknown routine {routine_id!r}"
    snapshot = row["routine"]
    if not isinstance(snapshot, dict):
        return "routine: expected an object with the routine's exercises"
    entries = snapshot.get("exercises")
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        exercise_id = entry.get("exercise") if isinstance(entry, dict) else None
        if exercise_id not in catalog.exercises:
            return f"routine.exercises[{index}].exercise: unknown exercise {exercise_id!r}"
    try:
        routine_from_dict(snapshot, catalog)
    except CatalogError as error:
        return f"routine: {error.user_message}"
    return None


def _refuse_if(problem: str | None, source: str, table: str, row: Mapping[str, object]) -> None:
    """Raise InvalidInputError naming the table and row id when there is a problem."""
    if problem is not None:
        raise InvalidInputError(
            f"{source}: {record_named(table, row['id'])}: {problem}; nothing was restored"
        )
