"""Build the local certificate authority and the server certificates it signs (no I/O)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from spinecoach.errors import InvalidInputError
from spinecoach.tls.names import (
    HOME_DOMAINS,
    HOME_NETWORKS,
    as_address,
    check_host_name,
    on_home_network,
)

AUTHORITY_DAYS = 3650
# Apple refuses server certificates valid for more than 825 days and Chrome publicly trusted
# ones past 398; 397 keeps every phone browser content, and a restart re-issues it in time.
SERVER_DAYS = 397
RENEW_BEFORE = timedelta(days=30)
# A phone whose clock runs a little behind must not see a certificate from the future.
BACKDATE = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Issued:
    """A certificate and its private key."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey


def new_authority(now: datetime) -> Issued:
    """Create a certificate authority that may vouch only for home-network names."""
    # P-256: accepted by every phone browser and far quicker to make than an RSA key.
    key = ec.generate_private_key(ec.SECP256R1())
    serial = x509.random_serial_number()
    short_id = f"{serial:x}"[:8]
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "spinecoach"),
            # Unique per install, so the person can tell two computers' authorities apart.
            x509.NameAttribute(NameOID.COMMON_NAME, f"spinecoach on your computer ({short_id})"),
        ]
    )
    permitted: list[x509.GeneralName] = [x509.DNSName(domain) for domain in HOME_DOMAINS]
    permitted += [x509.IPAddress(network) for network in HOME_NETWORKS]
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + timedelta(days=AUTHORITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(certificates=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        # Not critical: a client that cannot read name constraints then still accepts the
        # authority (older Apple systems refused critical ones), and those that can enforce them.
        .add_extension(x509.NameConstraints(permitted, None), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(certificate, key)


def issue_server_certificate(authority: Issued, names: Sequence[str], now: datetime) -> Issued:
    """Sign a server certificate for the given host names and addresses."""
    if not names:
        raise InvalidInputError("a server certificate needs at least one name or address")
    outside = [name for name in names if not on_home_network(name)]
    if outside:
        raise InvalidInputError(
            f"{outside[0]} is not a home-network name or address, and this computer's own "
            "certificate authority only vouches for those (names ending in .local, .lan, .home, "
            ".internal or .home.arpa, and private addresses)"
        )
    key = ec.generate_private_key(ec.SECP256R1())
    authority_ends = authority.certificate.not_valid_after_utc
    authority_key_id = authority.certificate.extensions.get_extension_for_class(
        x509.SubjectKeyIdentifier
    ).value
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "spinecoach")]))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(min(now + timedelta(days=SERVER_DAYS), authority_ends))
        .add_extension(x509.SubjectAlternativeName(_general_names(names)), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(certificates=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(authority_key_id),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )
    return Issued(certificate, key)


def certificate_names(certificate: x509.Certificate) -> frozenset[str]:
    """Return the host names and addresses a certificate covers, normalised."""
    try:
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return frozenset()
    found = {str(name).lower() for name in names.get_values_for_type(x509.DNSName)}
    found |= {str(address) for address in names.get_values_for_type(x509.IPAddress)}
    return frozenset(found)


def server_certificate_is_current(
    authority: x509.Certificate, server: x509.Certificate, names: Sequence[str], now: datetime
) -> bool:
    """Say whether a server certificate still fits: same authority, same names, not near expiry."""
    try:
        server.verify_directly_issued_by(authority)
    except (ValueError, TypeError, InvalidSignature):
        return False
    wanted = frozenset(check_host_name(name) for name in names)
    fresh = server.not_valid_before_utc <= now < server.not_valid_after_utc - RENEW_BEFORE
    return fresh and certificate_names(server) == wanted


def authority_is_usable(authority: x509.Certificate, now: datetime) -> bool:
    """Say whether the authority is valid now and for a while yet."""
    return authority.not_valid_before_utc <= now < authority.not_valid_after_utc - RENEW_BEFORE


def _general_names(names: Sequence[str]) -> list[x509.GeneralName]:
    general: list[x509.GeneralName] = []
    for name in dict.fromkeys(check_host_name(name) for name in names):
        address = as_address(name)
        general.append(x509.IPAddress(address) if address else x509.DNSName(name))
    return general


def _key_usage(*, certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=certificates,
        crl_sign=certificates,
        encipher_only=False,
        decipher_only=False,
    )


def fingerprint(certificate: x509.Certificate) -> str:
    """Return the SHA-256 fingerprint as phones show it: hex pairs joined by colons."""
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()
