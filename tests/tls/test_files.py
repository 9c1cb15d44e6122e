"""The authority and server certificate on disk: made once, private keys readable by the owner."""

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.tls.authority import certificate_names
from spinecoach.tls.files import (
    AUTHORITY_CERTIFICATE,
    AUTHORITY_KEY,
    SERVER_CERTIFICATE,
    SERVER_KEY,
    certificates_directory,
    server_files,
    write_private,
)
from spinecoach.tls.pem import read_certificate

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
NAMES = ["phone-test.home", "192.168.1.20"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o077, 0o777], ids=lambda mask: f"umask {mask:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under a given umask, and put the process's own back afterwards."""
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def test_keys_are_readable_by_the_owner_only_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "certificates"

    files = server_files(NAMES, NOW, folder)

    assert mode(folder / AUTHORITY_KEY) == 0o600
    assert mode(files.key) == 0o600
    assert mode(folder) == 0o700
    assert mode(files.authority) == 0o644  # a certificate is public: phones download it
    assert mode(files.certificate) == 0o644


def test_an_existing_key_file_loses_what_others_could_read(tmp_path: Path) -> None:
    path = tmp_path / "key.pem"
    path.write_text("old")
    path.chmod(0o666)

    write_private(path, b"new")

    assert mode(path) == 0o600
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["key.pem"]  # no temporary file left behind


def test_authority_is_made_once_and_kept(tmp_path: Path) -> None:
    first = server_files(NAMES, NOW, tmp_path)
    made = (tmp_path / AUTHORITY_CERTIFICATE).read_bytes()

    again = server_files(NAMES, NOW + timedelta(days=3), tmp_path)

    assert first.new_authority and first.reissued
    assert not again.new_authority and not again.reissued
    assert (tmp_path / AUTHORITY_CERTIFICATE).read_bytes() == made


def test_new_address_gets_a_new_server_certificate_from_the_same_authority(
    tmp_path: Path,
) -> None:
    server_files(NAMES, NOW, tmp_path)
    authority = (tmp_path / AUTHORITY_CERTIFICATE).read_bytes()
    old_key = (tmp_path / SERVER_KEY).read_bytes()

    moved = server_files(["phone-test.home", "192.168.1.31"], NOW, tmp_path)

    server = read_certificate((tmp_path / SERVER_CERTIFICATE).read_bytes(), "server")
    assert moved.reissued and not moved.new_authority
    assert certificate_names(server) == {"phone-test.home", "192.168.1.31"}
    assert (tmp_path / AUTHORITY_CERTIFICATE).read_bytes() == authority
    assert (tmp_path / SERVER_KEY).read_bytes() != old_key


def test_server_certificate_near_its_end_is_renewed(tmp_path: Path) -> None:
    server_files(NAMES, NOW, tmp_path)

    renewed = server_files(NAMES, NOW + timedelta(days=380), tmp_path)

    assert renewed.reissued and not renewed.new_authority


def test_damaged_authority_is_reported_not_replaced(tmp_path: Path) -> None:
    server_files(NAMES, NOW, tmp_path)
    (tmp_path / AUTHORITY_KEY).write_text("not a key")

    with pytest.raises(InvalidInputError, match=r"damaged.*delete the folder"):
        server_files(NAMES, NOW, tmp_path)

    assert (tmp_path / AUTHORITY_KEY).read_text() == "not a key"


def test_certificates_live_in_the_user_data_directory(private_data_dir: Path) -> None:
    assert certificates_directory() == private_data_dir / "spinecoach" / "certificates"
