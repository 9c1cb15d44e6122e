"""Read a FHIR CarePlan (alone or in a Bundle) back as a routine, checking every dose is safe."""

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.catalog.schema import DoseRange
from spinecoach.errors import InvalidInputError, NotFoundError
from spinecoach.records import JsonValue
from spinecoach.reports.fhir import EXERCISE_SYSTEM, REST_SECONDS_EXTENSION, ROUTINE_SYSTEM

SECONDS_PER_UNIT = {"s": 1, "min": 60}
DEFAULT_REST_SECONDS = 10


class _Reader:
    """Walk a JSON document, naming the field path in every error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> InvalidInputError:
        return InvalidInputError(f"{self.source}: {path}: {message}")

    def object(self, value: JsonValue, path: str) -> dict[str, JsonValue]:
        if not isinstance(value, dict):
            raise self.fail(path, "expected a JSON object")
        return value

    def list(self, value: JsonValue, path: str) -> list[JsonValue]:
        if not isinstance(value, list) or not value:
            raise self.fail(path, "expected a non-empty list")
        return value

    def whole(self, value: JsonValue, path: str) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f"expected a whole number, got {value!r}")
        return value


def _care_plan(reader: _Reader, document: JsonValue) -> tuple[dict[str, JsonValue], str]:
    """Return the one CarePlan of a Bundle (or the document itself) and its path."""
    root = reader.object(document, "resourceType")
    kind = root.get("resourceType")
    if kind == "CarePlan":
        return root, ""
    if kind != "Bundle":
        raise reader.fail("resourceType", f"expected a Bundle or a CarePlan, got {kind!r}")
    found: list[tuple[dict[str, JsonValue], str]] = []
    for index, entry in enumerate(reader.list(root.get("entry"), "entry")):
        path = f"entry[{index}].resource"
        resource = reader.object(reader.object(entry, f"entry[{index}]").get("resource"), path)
        if resource.get("resourceType") == "CarePlan":
            found.append((resource, f"{path}."))
    if len(found) != 1:
        raise reader.fail("entry", f"expected exactly one CarePlan, found {len(found)}")
    return found[0]


def _exercise_code(reader: _Reader, detail: dict[str, JsonValue], path: str) -> str:
    code = reader.object(detail.get("code"), f"{path}.code")
    for coding in reader.list(code.get("coding"), f"{path}.code.coding"):
        if isinstance(coding, dict) and coding.get("system") == EXERCISE_SYSTEM:
            value = coding.get("code")
            if isinstance(value, str):
                return value
    raise reader.fail(f"{path}.code.coding", f"no coding from {EXERCISE_SYSTEM}")


def _in_range(reader: _Reader, value: int, dose: DoseRange, path: str, name: str) -> int:
    if not dose.minimum <= value <= dose.maximum:
        raise reader.fail(
            path, f"{value} is outside the safe range {dose.minimum}-{dose.maximum} for {name}"
        )
    return value


def _activity(reader: _Reader, activity: JsonValue, path: str, catalog: Catalog) -> PlannedExercise:
    """Return one activity as a planned exercise with its dose checked against the catalogue."""
    detail = reader.object(reader.object(activity, path).get("detail"), f"{path}.detail")
    path = f"{path}.detail"
    exercise_id = _exercise_code(reader, detail, path)
    try:
        exercise = catalog.exercise(exercise_id)
    except NotFoundError as error:
        raise reader.fail(f"{path}.code", error.user_message) from None
    timing_path = f"{path}.scheduledTiming.repeat"
    timing = reader.object(detail.get("scheduledTiming"), f"{path}.scheduledTiming")
    repeat = reader.object(timing.get("repeat"), timing_path)
    count = reader.whole(repeat.get("count"), f"{timing_path}.count")
    repetitions = _in_range(
        reader, count, exercise.dose.repetitions, f"{timing_path}.count", exercise.name
    )
    hold_seconds = 0
    hold = exercise.dose.hold_seconds
    if hold is not None:
        unit = repeat.get("durationUnit")
        if unit not in SECONDS_PER_UNIT:
            raise reader.fail(f"{timing_path}.durationUnit", f"expected s or min, got {unit!r}")
        seconds = reader.whole(repeat.get("duration"), f"{timing_path}.duration")
        hold_seconds = _in_range(
            reader,
            seconds * SECONDS_PER_UNIT[str(unit)],
            hold,
            f"{timing_path}.duration",
            exercise.name,
        )
    elif repeat.get("duration") not in (None, 0):
        raise reader.fail(f"{timing_path}.duration", f"{exercise.name} has no hold")
    return PlannedExercise(exercise, catalog.position(exercise.position), repetitions, hold_seconds)


def _routine_id(plan: dict[str, JsonValue]) -> str:
    identifiers = plan.get("identifier")
    for identifier in identifiers if isinstance(identifiers, list) else []:
        if isinstance(identifier, dict) and identifier.get("system") == ROUTINE_SYSTEM:
            value = identifier.get("value")
            if isinstance(value, str) and value:
                return value
    return "imported"


def _rest_seconds(reader: _Reader, plan: dict[str, JsonValue], path: str) -> int:
    extensions = plan.get("extension")
    for index, extension in enumerate(extensions if isinstance(extensions, list) else []):
        if isinstance(extension, dict) and extension.get("url") == REST_SECONDS_EXTENSION:
            where = f"{path}extension[{index}].valueInteger"
            rest = reader.whole(extension.get("valueInteger"), where)
            if not 0 <= rest <= 120:
                raise reader.fail(where, f"{rest} must be between 0 and 120 seconds")
            return rest
    return DEFAULT_REST_SECONDS


def routine_from_fhir(document: JsonValue, catalog: Catalog, source: str) -> Routine:
    """Return the routine a FHIR CarePlan describes; raise InvalidInputError naming the field."""
    reader = _Reader(source)
    plan, path = _care_plan(reader, document)
    activities = reader.list(plan.get("activity"), f"{path}activity")
    items = tuple(
        _activity(reader, activity, f"{path}activity[{index}]", catalog)
        for index, activity in enumerate(activities)
    )
    title = plan.get("title")
    name = title if isinstance(title, str) and title.strip() else "Imported routine"
    return Routine(_routine_id(plan), name, items, _rest_seconds(reader, plan, path))
