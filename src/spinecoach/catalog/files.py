"""Read one YAML content file into a Pydantic model; every problem names the file and field."""

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from spinecoach.errors import CatalogError

ModelT = TypeVar("ModelT", bound=BaseModel)
# The C loader is several times faster; startup time matters for every CLI call.
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def field_path(location: Iterable[int | str]) -> str:
    """Turn a pydantic error location such as ('steps', 2, 'text') into 'steps[2].text'."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def describe(display: str, error: ValidationError) -> str:
    """Return one line per problem: 'file: field.path: message'."""
    lines = []
    for problem in error.errors():
        message = problem["msg"].removeprefix("Value error, ")
        # Whole-file checks name their own field path at the start of the message.
        where = f"{field_path(problem['loc'])}: " if problem["loc"] else ""
        lines.append(f"{display}: {where}{message}")
    return "\n".join(lines)


def read_model(path: Path, display: str, model: type[ModelT]) -> ModelT:
    """Parse and validate the file; raise CatalogError naming `display` and the field."""
    try:
        raw: object = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise CatalogError(f"{display}: cannot be read ({error.strerror})") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise CatalogError(f"{display}: not valid YAML{where}: {problem}") from error
    if not isinstance(raw, dict):
        raise CatalogError(f"{display}: (top level): expected a mapping of fields")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise CatalogError(describe(display, error)) from error


def display_name(path: Path, data_root: Path) -> str:
    """Name a file relative to the package folder above its data root: catalog/data/x.yaml."""
    return path.relative_to(data_root.parent.parent).as_posix()
