"""Load and validate content files; every problem becomes a CatalogError naming file and field."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from spinecoach.catalog.files import ModelT, display_name, read_model
from spinecoach.catalog.schema import (
    Body,
    Exercise,
    PositionInfo,
    RoutineTemplate,
    SourceArticle,
)
from spinecoach.errors import CatalogError, NotFoundError
from spinecoach.words import name_key

DATA_DIR = Path(__file__).parent / "data"
NamedT = TypeVar("NamedT")


def _by_name(
    wanted: str, candidates: Iterable[NamedT], names: Callable[[NamedT], Iterable[str]]
) -> NamedT | None:
    """Return the candidate one of whose names matches, ignoring case, spaces and dashes."""
    key = name_key(wanted)
    return next((c for c in candidates if key in {name_key(n) for n in names(c)}), None)


@dataclass(frozen=True)
class Catalog:
    """All validated content; exercises are kept in the article's order.

    A version adapted from one of the article's stretches (for a chair) comes right after it.
    """

    source: SourceArticle
    body: Body
    exercises: dict[str, Exercise]
    routines: dict[str, RoutineTemplate]

    def exercise(self, exercise_id: str) -> Exercise:
        """Return one exercise by id, name or alias in any case, or raise NotFoundError."""
        found = self.exercises.get(exercise_id) or _by_name(
            exercise_id, self.exercises.values(), lambda e: (e.id, e.name, *e.aliases)
        )
        if found is None:
            known = ", ".join(self.exercises)
            raise NotFoundError(f"unknown exercise {exercise_id!r}; known: {known}")
        return found

    def routine(self, routine_id: str) -> RoutineTemplate:
        """Return one routine template by id or name in any case, or raise NotFoundError."""
        found = self.routines.get(routine_id) or _by_name(
            routine_id, self.routines.values(), lambda r: (r.id, r.name)
        )
        if found is None:
            known = ", ".join(self.routines)
            raise NotFoundError(f"unknown routine {routine_id!r}; known: {known}")
        return found

    def position(self, position_id: str) -> PositionInfo:
        """Return how to get into a starting position."""
        return next(p for p in self.body.positions if p.id == position_id)


def _read(path: Path, root: Path, model: type[ModelT]) -> ModelT:
    return read_model(path, display_name(path, root), model)


def _check(condition: bool, message: str, problems: list[str]) -> None:
    if not condition:
        problems.append(message)


def _cross_check(
    root: Path,
    source: SourceArticle,
    exercises: dict[Path, Exercise],
    routines: dict[Path, RoutineTemplate],
    body: Body,
) -> None:
    """Check the references between files: ids match names, covers and exercises exist."""
    problems: list[str] = []
    known_passages = {passage.id for passage in source.passages}
    by_id = {exercise.id: exercise for exercise in exercises.values()}

    def display(path: Path) -> str:
        return display_name(path, root)

    def check_covers(where: str, covers: Iterable[str]) -> None:
        for passage in covers:
            _check(
                passage in known_passages, f"{where}: unknown source passage {passage!r}", problems
            )

    for path, exercise in exercises.items():
        _check(
            exercise.id == path.stem.replace("_", "-"),
            f"{display(path)}: id: {exercise.id!r} does not match the file name {path.name!r}",
            problems,
        )
        for index, step in enumerate(exercise.steps):
            check_covers(f"{display(path)}: steps[{index}].covers", step.covers)
        for index, deviation in enumerate(exercise.deviations):
            check_covers(f"{display(path)}: deviations[{index}].covers", deviation.covers)
    # A deleted exercise file shows up as a name other files still use: say which file it is.
    for exercise_id, users in sorted(_exercise_references(root, routines, exercises).items()):
        _check(
            exercise_id in by_id,
            f"{display(root / 'exercises' / f'{exercise_id}.yaml')}: missing; "
            f"the exercise {exercise_id!r} is used by {', '.join(sorted(users))}",
            problems,
        )
    for path, exercise in exercises.items():
        if exercise.adapted_from is None:
            continue
        original = by_id.get(exercise.adapted_from.exercise)
        _check(
            original is None or original.adapted_from is None,
            f"{display(path)}: adapted_from.exercise: {exercise.adapted_from.exercise!r} "
            "is a version itself, not one of the article's stretches",
            problems,
        )
    numbers = sorted(
        exercise.article_number
        for exercise in exercises.values()
        if exercise.article_number is not None
    )
    gaps = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
    _check(
        not gaps and len(set(numbers)) == len(numbers),
        f"exercises: article_number values must be 1..{len(numbers)} once each, got {numbers}"
        + (f" (no exercise file has number {', '.join(map(str, gaps))})" if gaps else ""),
        problems,
    )
    for path, routine in routines.items():
        _check(
            routine.id == path.stem.replace("_", "-"),
            f"{display(path)}: id: {routine.id!r} does not match the file name {path.name!r}",
            problems,
        )
        for index, entry in enumerate(routine.exercises):
            where = f"{display(path)}: exercises[{index}]"
            target = by_id.get(entry.exercise)
            if target is None:
                problems.append(f"{where}.exercise: unknown exercise {entry.exercise!r}")
                continue
            reps, hold = target.dose.repetitions, target.dose.hold_seconds
            if entry.repetitions is not None:
                _check(
                    reps.minimum <= entry.repetitions <= reps.maximum,
                    f"{where}.repetitions: must be between {reps.minimum} and {reps.maximum}",
                    problems,
                )
            if entry.hold_seconds is not None:
                low, high = (hold.minimum, hold.maximum) if hold else (0, 0)
                _check(
                    low <= entry.hold_seconds <= high,
                    f"{where}.hold_seconds: must be between {low} and {high}",
                    problems,
                )
    for index, region in enumerate(body.regions):
        check_covers(
            f"{display_name(root / 'body.yaml', root)}: regions[{index}].covers", region.covers
        )
    for index, guidance in enumerate(body.guidance):
        check_covers(
            f"{display_name(root / 'body.yaml', root)}: guidance[{index}].covers", guidance.covers
        )
    if problems:
        raise CatalogError("\n".join(problems))


def _exercise_references(
    root: Path, routines: dict[Path, RoutineTemplate], exercises: dict[Path, Exercise]
) -> dict[str, set[str]]:
    """Return each exercise id that routines or adapted versions name, with the files naming it.

    Pose files are left out: their own loader reports one whose exercise is missing, and a
    renamed pose file must be reported as misnamed, not as a missing exercise.
    """
    users: dict[str, set[str]] = {}
    for path, routine in routines.items():
        for entry in routine.exercises:
            users.setdefault(entry.exercise, set()).add(display_name(path, root))
    for path, exercise in exercises.items():
        if exercise.adapted_from is not None:
            users.setdefault(exercise.adapted_from.exercise, set()).add(display_name(path, root))
    return users


def _article_order(exercise: Exercise, exercises: dict[Path, Exercise]) -> tuple[int, int, str]:
    """Sort key: the article's order, each adapted version right after its article stretch."""
    if exercise.article_number is not None:
        return exercise.article_number, 0, exercise.id
    family = exercise.family
    number = next(e.article_number or 0 for e in exercises.values() if e.id == family)
    return number, 1, exercise.id


def _read_all(
    directory: Path, root: Path, model: type[ModelT], problems: list[str]
) -> dict[Path, ModelT]:
    loaded: dict[Path, ModelT] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            loaded[path] = _read(path, root, model)
        except CatalogError as error:
            problems.append(error.user_message)
    return loaded


def load_catalog(root: Path = DATA_DIR) -> Catalog:
    """Read and validate every content file under root; raise CatalogError listing all problems."""
    problems: list[str] = []

    def attempt(path: Path, model: type[ModelT]) -> ModelT | None:
        try:
            return _read(path, root, model)
        except CatalogError as error:
            problems.append(error.user_message)
            return None

    source = attempt(root / "source.yaml", SourceArticle)
    body = attempt(root / "body.yaml", Body)
    exercises = _read_all(root / "exercises", root, Exercise, problems)
    routines = _read_all(root / "routines", root, RoutineTemplate, problems)
    if not exercises and not problems:
        problems.append(f"{root.name}/exercises: no exercise files found")
    if problems or source is None or body is None:
        raise CatalogError("\n".join(problems))
    _cross_check(root, source, exercises, routines, body)
    ordered = sorted(exercises.values(), key=lambda exercise: _article_order(exercise, exercises))
    return Catalog(
        source=source,
        body=body,
        exercises={exercise.id: exercise for exercise in ordered},
        routines={routine.id: routine for routine in routines.values()},
    )


@cache
def default_catalog() -> Catalog:
    """Return the packaged catalogue, loaded and validated once per process."""
    return load_catalog()
