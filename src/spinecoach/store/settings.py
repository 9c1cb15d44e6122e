"""Where the database lives: an explicit --db value, else SPINECOACH_DB, else the user data dir."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from spinecoach.errors import InvalidInputError
from spinecoach.private_files import create_private_folder

ENV_VAR = "SPINECOACH_DB"
DEFAULT_FILE_NAME = "spinecoach.db"

# psycopg (version 3) is the PostgreSQL driver we ship; SQLAlchemy's bare "postgresql://" means
# psycopg2, which is not installed, so plain PostgreSQL URLs are pointed at psycopg.
_POSTGRES_ALIASES = ("postgresql://", "postgres://")
_POSTGRES_SCHEME = "postgresql+psycopg://"
_SQLITE_SCHEMES = ("sqlite", "sqlite+pysqlite")
_KNOWN_SCHEMES = (*_SQLITE_SCHEMES, "postgresql+psycopg")


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """Resolved storage settings; built once at the edge and passed down."""

    database_url: str
    source: str  # "--db", ENV_VAR or "default": where the URL came from, for messages


def resolve_settings(
    db: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    data_dir: Path | None = None,
) -> StoreSettings:
    """Resolve the database URL from --db, then SPINECOACH_DB, then the default SQLite file."""
    env = os.environ if environ is None else environ
    if db is not None and db.strip():
        return StoreSettings(database_url=database_url_from(db, "--db"), source="--db")
    from_env = env.get(ENV_VAR, "")
    if from_env.strip():
        return StoreSettings(database_url=database_url_from(from_env, ENV_VAR), source=ENV_VAR)
    directory = Path(user_data_dir("spinecoach")) if data_dir is None else data_dir
    _create_directory(directory)
    url = _sqlite_url(directory / DEFAULT_FILE_NAME, "default data directory")
    return StoreSettings(database_url=url, source="default")


def database_url_from(value: str, field: str) -> str:
    """Turn a URL or a plain file path into a database URL the store can open."""
    text = value.strip()
    if "://" not in text:
        return _sqlite_url(Path(text).expanduser(), field)
    scheme = text.split("://", 1)[0].lower()
    if text.lower().startswith(_POSTGRES_ALIASES):
        return _POSTGRES_SCHEME + text.split("://", 1)[1]
    if scheme not in _KNOWN_SCHEMES:
        raise InvalidInputError(
            f"{field}: {value!r} is not a database this app can use; give a file path, "
            "a sqlite:///path URL or a postgresql://user@host/dbname URL"
        )
    if scheme in _SQLITE_SCHEMES:
        path_part = text.split("://", 1)[1].split("?", 1)[0]
        # "sqlite://" and "sqlite:///:memory:" are in-memory databases with no directory to check.
        if path_part not in ("", "/", "/:memory:"):
            _check_directory(Path(path_part[1:] if path_part.startswith("/") else path_part), field)
    return text


def _sqlite_url(path: Path, field: str) -> str:
    """Return the sqlite URL of a file path after checking its directory can be written."""
    absolute = path.resolve()
    _check_directory(absolute, field)
    return f"sqlite:///{absolute.as_posix()}"


def _check_directory(path: Path, field: str) -> None:
    """Raise InvalidInputError unless the file's directory exists and is writable."""
    if path.is_dir():
        raise InvalidInputError(f"{field}: {str(path)!r} is a directory, not a database file")
    directory = path.parent
    if directory.exists() and not directory.is_dir():
        raise InvalidInputError(
            f"{field}: {str(directory)!r} in the database path {str(path)!r} is not a directory"
        )
    if not directory.is_dir():
        raise InvalidInputError(
            f"{field}: the directory {str(directory)!r} for the database {str(path)!r} "
            "does not exist"
        )
    if not os.access(directory, os.W_OK | os.X_OK):
        raise InvalidInputError(
            f"{field}: the directory {str(directory)!r} for the database {str(path)!r} "
            "cannot be written"
        )


def _create_directory(directory: Path) -> None:
    """Create the data directory, turning an OS refusal into a message naming it."""
    try:
        create_private_folder(directory)
    except OSError as error:
        raise InvalidInputError(
            f"cannot create the data directory {str(directory)!r}: {error.strerror}"
        ) from error
