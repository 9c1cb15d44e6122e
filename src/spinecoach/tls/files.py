"""Keep the local authority and the server certificate in the user data directory."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from spinecoach.errors import InvalidInputError
from spinecoach.private_files import ANYONE_MAY_READ, OWNER_ONLY, OWNER_ONLY_FOLDER, write_whole
from spinecoach.tls.authority import (
    Issued,
    authority_is_usable,
    issue_server_certificate,
    new_authority,
    server_certificate_is_current,
)
from spinecoach.tls.pem import (
    certificate_pem,
    key_fits,
    private_key_pem,
    read_authority_key,
    read_certificate,
    read_private_key,
)

AUTHORITY_CERTIFICATE = "authority.pem"
AUTHORITY_KEY = "authority-key.pem"
SERVER_CERTIFICATE = "server.pem"
SERVER_KEY = "server-key.pem"


@dataclass(frozen=True, slots=True)
class ServerFiles:
    """Where uvicorn finds its certificate and key, and what changed to get them."""

    certificate: Path
    key: Path
    authority: Path
    new_authority: bool
    reissued: bool


def certificates_directory() -> Path:
    """Return the folder of this install's certificates (platformdirs, so XDG_DATA_HOME too)."""
    return Path(user_data_dir("spinecoach")) / "certificates"


def server_files(names: Sequence[str], now: datetime, directory: Path | None = None) -> ServerFiles:
    """Return a server certificate for the names, making the authority or a new one as needed."""
    folder = directory or certificates_directory()
    _make_private_directory(folder)
    authority = _stored_authority(folder, now)
    created = authority is None
    if authority is None:
        authority = new_authority(now)
        # Key first: a certificate on disk always has its key beside it.
        write_private(folder / AUTHORITY_KEY, private_key_pem(authority.key))
        write_public(folder / AUTHORITY_CERTIFICATE, certificate_pem(authority.certificate))
    reissued = created or not _server_is_current(folder, authority, names, now)
    if reissued:
        server = issue_server_certificate(authority, names, now)
        write_private(folder / SERVER_KEY, private_key_pem(server.key))
        write_public(folder / SERVER_CERTIFICATE, certificate_pem(server.certificate))
    return ServerFiles(
        certificate=folder / SERVER_CERTIFICATE,
        key=folder / SERVER_KEY,
        authority=folder / AUTHORITY_CERTIFICATE,
        new_authority=created,
        reissued=reissued,
    )


def check_certificate_files(certificate: Path, key: Path) -> None:
    """Make sure a person's own certificate and key can be read and belong together."""
    loaded = read_certificate(_read(certificate), str(certificate))
    if not key_fits(loaded, read_private_key(_read(key), str(key))):
        raise InvalidInputError(f"the key {key} does not belong to the certificate {certificate}")


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, whatever the umask, replacing it in one step."""
    write_whole(path, data, OWNER_ONLY)


def write_public(path: Path, data: bytes) -> None:
    """Write a file anyone may read (a certificate), replacing it in one step."""
    write_whole(path, data, ANYONE_MAY_READ)


def _make_private_directory(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(OWNER_ONLY_FOLDER)
    except OSError as error:
        raise InvalidInputError(
            f"cannot create the certificates folder {folder}: {error.strerror}"
        ) from None


def _stored_authority(folder: Path, now: datetime) -> Issued | None:
    """Return the authority on disk, None when there is none yet (or it ran out)."""
    certificate_path, key_path = folder / AUTHORITY_CERTIFICATE, folder / AUTHORITY_KEY
    if not certificate_path.exists() and not key_path.exists():
        return None
    try:
        certificate = read_certificate(_read(certificate_path), str(certificate_path))
        key = read_authority_key(_read(key_path), str(key_path))
    except InvalidInputError as error:
        # Never replace it silently: every phone that trusts it would stop connecting.
        raise InvalidInputError(
            f"this computer's certificate authority is damaged ({error.user_message}); "
            f"delete the folder {folder} to make a new one, then set up each phone again"
        ) from None
    if not key_fits(certificate, key):
        raise InvalidInputError(
            f"this computer's certificate authority is damaged (its key does not fit); "
            f"delete the folder {folder} to make a new one, then set up each phone again"
        )
    return Issued(certificate, key) if authority_is_usable(certificate, now) else None


def _server_is_current(
    folder: Path, authority: Issued, names: Sequence[str], now: datetime
) -> bool:
    try:
        server = read_certificate(_read(folder / SERVER_CERTIFICATE), SERVER_CERTIFICATE)
        key = read_private_key(_read(folder / SERVER_KEY), SERVER_KEY)
    except InvalidInputError:
        return False
    fits = key_fits(server, key)
    return fits and server_certificate_is_current(authority.certificate, server, names, now)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInputError(f"cannot read {path}: {error.strerror}") from None
