"""The database URL comes from --db, then SPINECOACH_DB, then a file in the user data dir."""

from pathlib import Path

import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.store.settings import ENV_VAR, resolve_settings


def test_db_option_wins_over_the_environment(tmp_path: Path) -> None:
    settings = resolve_settings(
        "postgresql+psycopg://clinic@db.example/spine",
        environ={ENV_VAR: f"{tmp_path}/env.db"},
        data_dir=tmp_path,
    )

    assert settings.database_url == "postgresql+psycopg://clinic@db.example/spine"
    assert settings.source == "--db"


def test_environment_wins_over_the_default(tmp_path: Path) -> None:
    settings = resolve_settings(None, environ={ENV_VAR: f"sqlite:///{tmp_path}/env.db"})

    assert settings.database_url == f"sqlite:///{tmp_path}/env.db"
    assert settings.source == ENV_VAR


def test_empty_values_fall_through_to_the_default(tmp_path: Path) -> None:
    settings = resolve_settings("  ", environ={ENV_VAR: ""}, data_dir=tmp_path / "data")

    assert settings.database_url == f"sqlite:///{tmp_path}/data/spinecoach.db"
    assert settings.source == "default"


def test_default_file_is_in_a_created_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # platformdirs follows the XDG base directory variables on Linux.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

    settings = resolve_settings(None, environ={})

    assert settings.database_url == f"sqlite:///{tmp_path}/xdg/spinecoach/spinecoach.db"
    assert (tmp_path / "xdg" / "spinecoach").is_dir()


def test_plain_file_path_becomes_an_absolute_sqlite_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    (tmp_path / "backups").mkdir()

    settings = resolve_settings("backups/mine.db", environ={})

    assert settings.database_url == f"sqlite:///{tmp_path}/backups/mine.db"


def test_plain_postgresql_urls_use_the_installed_driver() -> None:
    settings = resolve_settings("postgresql://clinic:pw@db.example:5433/spine", environ={})

    assert settings.database_url == "postgresql+psycopg://clinic:pw@db.example:5433/spine"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("mysql://root@localhost/spine", "is not a database this app can use"),
        ("http://example.org/spine.db", "is not a database this app can use"),
        ("{tmp}/missing/spine.db", "does not exist"),
        ("sqlite:///{tmp}/missing/spine.db", "does not exist"),
        ("{tmp}/a-file/spine.db", "is not a directory"),
        ("{tmp}", "is a directory"),
    ],
)
def test_bad_values_are_refused_naming_the_value(tmp_path: Path, value: str, problem: str) -> None:
    (tmp_path / "a-file").write_text("")
    given = value.format(tmp=tmp_path)

    with pytest.raises(InvalidInputError, match=problem) as raised:
        resolve_settings(given, environ={})

    assert raised.value.user_message.startswith("--db: ")
    assert given.removeprefix("sqlite:///") in raised.value.user_message


def test_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=f"^{ENV_VAR}: 'ftp://x'"):
        resolve_settings(None, environ={ENV_VAR: "ftp://x"})


def test_unwritable_data_directory_is_explained(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the directory should go")

    with pytest.raises(InvalidInputError, match="cannot create the data directory"):
        resolve_settings(None, environ={}, data_dir=tmp_path / "taken" / "spinecoach")
