"""Write every table as one CSV file, for reading in a spreadsheet (not for restoring)."""

import csv
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from spinecoach.private_files import create_private_folder
from spinecoach.store.backup import dump_tables

# Excel reads UTF-8 CSV as a legacy code page unless the file starts with a byte-order mark;
# LibreOffice and Python read it either way.
CSV_ENCODING = "utf-8-sig"


# A cell starting with one of these is a formula to a spreadsheet: "=HYPERLINK(...)" in a pain
# note would run when the file is opened (OWASP, "CSV injection"). A leading apostrophe makes
# Excel and LibreOffice show the text as typed instead.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel and LibreOffice read this as a date and time; ISO 8601 with "T" and an offset they
# leave as text. Every time is in UTC, as stored.
_SPREADSHEET_TIME = "%Y-%m-%d %H:%M:%S"


def _cell(value: object) -> str:
    """Return a value as spreadsheet text: UTC times, JSON for nested data, empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).strftime(_SPREADSHEET_TIME)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return str(value)


def write_csv_tables(engine: Engine, directory: Path) -> list[Path]:
    """Write <table>.csv for every table into the directory (created if needed); return paths."""
    _, dumps = dump_tables(engine)
    create_private_folder(directory)
    written: list[Path] = []
    for dump in dumps:
        path = directory / f"{dump.name}.csv"
        # Readable by the owner only, like the JSON backup: these are health records.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding=CSV_ENCODING, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(dump.columns)
            writer.writerows([_cell(value) for value in row] for row in dump.rows)
        written.append(path)
    return written
