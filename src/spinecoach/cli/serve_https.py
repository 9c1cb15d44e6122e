"""How `serve` gets HTTPS: this computer's own authority with --lan, or the person's own files."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from spinecoach.errors import InvalidInputError
from spinecoach.tls.authority import certificate_names, fingerprint
from spinecoach.tls.files import check_certificate_files, server_files
from spinecoach.tls.names import as_address, on_home_network
from spinecoach.tls.pem import read_certificate


@dataclass(frozen=True, slots=True)
class Https:
    """The certificate and key uvicorn serves with; the authority when it is this computer's."""

    certificate: Path
    key: Path
    authority: Path | None = None
    authority_fingerprint: str = ""
    new_authority: bool = False


def own_certificate(certificate: Path, key: Path) -> tuple[Https, list[str]]:
    """Check the person's --cert and --key; return them and the names the certificate covers."""
    try:
        check_certificate_files(certificate, key)
    except InvalidInputError as error:
        raise InvalidInputError(f"--cert/--key: {error.user_message}") from None
    names = certificate_names(read_certificate(certificate.read_bytes(), str(certificate)))
    # Host names first: a certificate bought for a name is meant to be opened by that name.
    ordered = sorted(names, key=lambda name: (as_address(name) is not None, name))
    return Https(certificate.resolve(), key.resolve()), ordered


def local_authority_certificate(names: list[str], chosen: list[str]) -> Https:
    """Return a certificate from this computer's own authority for the names in use."""
    outside = [name for name in names if not on_home_network(name)]
    if outside:
        flag = "--lan-name" if outside[0] in chosen else "--host"
        raise InvalidInputError(
            f"{flag} {outside[0]}: this computer's own certificate covers only home-network "
            "names (ending in .local, .lan, .home, .internal or .home.arpa) and private "
            "addresses; for another name give your own certificate with --cert and --key"
        )
    files = server_files(names, datetime.now(UTC))
    authority = read_certificate(files.authority.read_bytes(), str(files.authority))
    return Https(
        certificate=files.certificate,
        key=files.key,
        authority=files.authority,
        authority_fingerprint=fingerprint(authority),
        new_authority=files.new_authority,
    )
