"""The local authority and its server certificates, built without touching a file."""

import ipaddress
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from spinecoach.errors import InvalidInputError
from spinecoach.tls.authority import (
    Issued,
    authority_is_usable,
    certificate_names,
    issue_server_certificate,
    new_authority,
    server_certificate_is_current,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ExtensionT = TypeVar("ExtensionT", bound=x509.ExtensionType)
NAMES = ["phone-test.home", "192.168.1.20", "mycomputer.local"]


@pytest.fixture(scope="module")
def authority() -> Issued:
    return new_authority(NOW)


@pytest.fixture(scope="module")
def server(authority: Issued) -> Issued:
    return issue_server_certificate(authority, NAMES, NOW)


def extension(certificate: x509.Certificate, kind: type[ExtensionT]) -> x509.Extension[ExtensionT]:
    return certificate.extensions.get_extension_for_class(kind)


def verify(authority: Issued, server: x509.Certificate, name: x509.GeneralName) -> None:
    """Check the chain as a TLS client would (cryptography's own path validator)."""
    verifier = (
        PolicyBuilder().store(Store([authority.certificate])).time(NOW).build_server_verifier(name)  # type: ignore[arg-type]
    )
    verifier.verify(server, [])


def test_authority_may_sign_certificates_and_nothing_below_it_may(authority: Issued) -> None:
    constraints = extension(authority.certificate, x509.BasicConstraints)
    usage = extension(authority.certificate, x509.KeyUsage)

    assert constraints.critical and constraints.value.ca
    assert constraints.value.path_length == 0
    assert usage.critical and usage.value.key_cert_sign and usage.value.crl_sign
    assert authority.certificate.issuer == authority.certificate.subject
    authority.certificate.verify_directly_issued_by(authority.certificate)


def test_authority_lasts_ten_years_from_an_hour_ago(authority: Issued) -> None:
    assert authority.certificate.not_valid_before_utc == NOW - timedelta(hours=1)
    assert authority.certificate.not_valid_after_utc == NOW + timedelta(days=3650)
    assert authority_is_usable(authority.certificate, NOW)
    assert not authority_is_usable(authority.certificate, NOW + timedelta(days=3640))


def test_authority_vouches_only_for_home_network_names(authority: Issued) -> None:
    permitted = extension(authority.certificate, x509.NameConstraints).value.permitted_subtrees

    assert permitted is not None
    assert x509.DNSName("local") in permitted and x509.DNSName("home.arpa") in permitted
    assert x509.IPAddress(ipaddress.ip_network("192.168.0.0/16")) in permitted
    assert not any(isinstance(name, x509.DNSName) and name.value == "com" for name in permitted)


def test_each_install_names_its_authority_differently() -> None:
    def common_name(issued: Issued) -> str:
        return str(issued.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)

    assert common_name(new_authority(NOW)) != common_name(new_authority(NOW))


def test_server_certificate_covers_exactly_the_names_in_use(server: Issued) -> None:
    names = extension(server.certificate, x509.SubjectAlternativeName).value

    assert names.get_values_for_type(x509.DNSName) == ["phone-test.home", "mycomputer.local"]
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("192.168.1.20")]
    assert certificate_names(server.certificate) == frozenset(NAMES)


def test_server_certificate_is_for_a_web_server_and_signs_nothing(
    authority: Issued, server: Issued
) -> None:
    constraints = extension(server.certificate, x509.BasicConstraints)
    usage = extension(server.certificate, x509.KeyUsage).value
    purposes = extension(server.certificate, x509.ExtendedKeyUsage).value
    key_id = extension(server.certificate, x509.AuthorityKeyIdentifier).value

    assert constraints.critical and not constraints.value.ca
    assert usage.digital_signature and not usage.key_cert_sign and not usage.crl_sign
    assert list(purposes) == [ExtendedKeyUsageOID.SERVER_AUTH]
    assert (
        key_id.key_identifier
        == extension(authority.certificate, x509.SubjectKeyIdentifier).value.digest
    )
    server.certificate.verify_directly_issued_by(authority.certificate)


def test_server_certificate_stays_within_what_phones_accept(server: Issued) -> None:
    lifetime = server.certificate.not_valid_after_utc - server.certificate.not_valid_before_utc

    assert server.certificate.not_valid_before_utc < NOW
    assert lifetime <= timedelta(days=398)  # Apple and Chrome's ceilings


def test_a_tls_client_accepts_the_chain_for_every_name(authority: Issued, server: Issued) -> None:
    verify(authority, server.certificate, x509.DNSName("phone-test.home"))
    verify(authority, server.certificate, x509.DNSName("mycomputer.local"))
    verify(authority, server.certificate, x509.IPAddress(ipaddress.ip_address("192.168.1.20")))
    with pytest.raises(VerificationError):
        verify(authority, server.certificate, x509.DNSName("other.home"))


def test_a_tls_client_refuses_a_public_name_even_if_the_authority_key_signed_it(
    authority: Issued,
) -> None:
    # What a thief of the authority's key could make; the builder itself refuses to.
    forged = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "thief")]))
        .issuer_name(authority.certificate.subject)
        .public_key(authority.key.public_key())
        .serial_number(1)
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("bank.example")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )

    with pytest.raises(VerificationError, match=r"(?i)constraint"):
        verify(authority, forged, x509.DNSName("bank.example"))


@pytest.mark.parametrize("name", ["bank.example", "8.8.8.8", "mycomputer.example.com"])
def test_builder_refuses_names_off_the_home_network(authority: Issued, name: str) -> None:
    with pytest.raises(InvalidInputError, match="not a home-network name"):
        issue_server_certificate(authority, ["phone-test.home", name], NOW)


def test_builder_refuses_a_name_that_is_no_host_name(authority: Issued) -> None:
    with pytest.raises(InvalidInputError, match="is not a host name"):
        issue_server_certificate(authority, ["my computer.local"], NOW)


def test_certificate_is_current_for_the_same_names_in_any_order_or_case(
    authority: Issued, server: Issued
) -> None:
    shuffled = ["MyComputer.local", "192.168.1.20", "phone-test.home."]

    assert server_certificate_is_current(authority.certificate, server.certificate, shuffled, NOW)


def test_certificate_is_reissued_when_an_address_changes(authority: Issued, server: Issued) -> None:
    moved = ["phone-test.home", "192.168.1.31", "mycomputer.local"]

    assert not server_certificate_is_current(authority.certificate, server.certificate, moved, NOW)


def test_certificate_is_reissued_a_month_before_it_ends(authority: Issued, server: Issued) -> None:
    late = server.certificate.not_valid_after_utc - timedelta(days=29)

    assert server_certificate_is_current(authority.certificate, server.certificate, NAMES, NOW)
    assert not server_certificate_is_current(authority.certificate, server.certificate, NAMES, late)


def test_certificate_from_another_authority_is_reissued(server: Issued) -> None:
    other = new_authority(NOW)

    assert not server_certificate_is_current(other.certificate, server.certificate, NAMES, NOW)
