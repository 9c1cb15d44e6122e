"""Turn one column's values into JSON and back, by the column's SQLAlchemy type, checking each."""

import math
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, DateTime, Float, Integer, String, Table
from sqlalchemy.types import TypeDecorator, TypeEngine

from spinecoach.errors import InvalidInputError
from spinecoach.records import JsonValue

# Types a backup knows how to write; a column of any other type stops the export with a message,
# so a table added later with a new kind of column cannot be silently dropped from backups.
SUPPORTED = (DateTime, JSON, Boolean, Integer, Float, String)


def _base_type(column: Column[object]) -> TypeEngine[object]:
    """Return the type that decides the JSON shape: a decorator's implementation type."""
    column_type: TypeEngine[object] = column.type
    if isinstance(column_type, TypeDecorator):
        impl: TypeEngine[object] = column_type.impl_instance
        return impl
    return column_type


def check_supported(column: Column[object]) -> None:
    """Raise TypeError if a backup cannot carry this column's values."""
    if not isinstance(_base_type(column), SUPPORTED):
        raise TypeError(f"{column.table.name}.{column.name}: no backup format for {column.type!r}")


def encode(column: Column[object], value: object) -> JsonValue:
    """Return a stored value as JSON: timestamps as ISO 8601 text with their UTC offset."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str | int | float | bool | list | dict):
        return value  # JSON columns hold plain JSON already
    raise TypeError(f"{column.table.name}.{column.name}: cannot write {type(value).__name__}")


def decode(column: Column[object], value: JsonValue) -> object:
    """Return a backup's JSON value as the column's Python value; raise ValueError saying why."""
    if value is None:
        if not column.nullable:
            raise ValueError("must not be empty (null)")
        return None
    base = _base_type(column)
    if isinstance(base, DateTime):
        return _timestamp(value)
    if isinstance(base, JSON):
        return value
    if isinstance(base, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value
    if isinstance(base, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {value!r}")
        return value
    if isinstance(base, Float):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValueError(f"expected a number, got {value!r}")
        return float(value)
    if isinstance(base, String):
        return _text(value, base.length)
    raise ValueError(f"no backup format for {column.type!r}")


def _timestamp(value: JsonValue) -> datetime:
    """Return an aware timestamp from ISO 8601 text; a missing offset would make it a guess."""
    if not isinstance(value, str):
        raise ValueError(f"expected a date and time as text, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return parsed


def _text(value: JsonValue, length: int | None) -> str:
    """Return text that fits its column; SQLite would not check the length itself."""
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    if length is not None and len(value) > length:
        raise ValueError(f"text of {len(value)} characters is longer than {length}")
    return value


def decode_tables(
    source: str, tables: Sequence[Table], data: JsonValue
) -> dict[str, list[dict[str, object]]]:
    """Return every table's rows as column->value dicts; refuse a missing or unknown table."""
    if not isinstance(data, dict):
        raise InvalidInputError(f"{source}: tables: expected an object of tables")
    unknown = sorted(set(data) - {table.name for table in tables})
    if unknown:
        raise InvalidInputError(f"{source}: tables: unknown table(s) {', '.join(unknown)}")
    decoded = {}
    for table in tables:
        if table.name not in data:
            raise InvalidInputError(f"{source}: tables: the table {table.name!r} is missing")
        decoded[table.name] = _decode_table(source, table, data[table.name])
    return decoded


def _decode_table(source: str, table: Table, data: JsonValue) -> list[dict[str, object]]:
    """Return one table's rows, naming the first bad value; columns may come in any order."""
    where = f"{source}: tables.{table.name}"
    if not isinstance(data, dict):
        raise InvalidInputError(f"{where}: expected an object with columns and rows")
    names = data.get("columns")
    expected = sorted(table.columns.keys())
    if (
        not isinstance(names, list)
        or sorted(map(str, names)) != expected
        or len(names) != len(set(names))
    ):
        raise InvalidInputError(f"{where}.columns: expected {expected}, got {names!r}")
    rows = data.get("rows")
    if not isinstance(rows, list):
        raise InvalidInputError(f"{where}.rows: expected a list of rows")
    columns = [table.columns[str(name)] for name in names]
    decoded: list[dict[str, object]] = []
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(columns):
            raise InvalidInputError(f"{where}.rows[{index}]: expected {len(columns)} values")
        values: dict[str, object] = {}
        for column, value in zip(columns, row, strict=True):
            try:
                values[column.name] = decode(column, value)
            except ValueError as error:
                raise InvalidInputError(f"{where}.rows[{index}].{column.name}: {error}") from None
        decoded.append(values)
    return decoded
