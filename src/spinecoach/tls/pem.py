"""Certificates and keys to and from PEM text, and the check that a key fits its certificate."""

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from spinecoach.errors import InvalidInputError

_PUBLIC = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def certificate_pem(certificate: x509.Certificate) -> bytes:
    """Return a certificate as PEM text."""
    return certificate.public_bytes(serialization.Encoding.PEM)


def certificate_der(certificate: x509.Certificate) -> bytes:
    """Return a certificate as DER bytes, the form phones install most readily."""
    return certificate.public_bytes(serialization.Encoding.DER)


def private_key_pem(key: PrivateKeyTypes) -> bytes:
    """Return a private key as unencrypted PKCS #8 PEM text (the file's mode protects it)."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def read_certificate(data: bytes, source: str) -> x509.Certificate:
    """Parse the first certificate of PEM text, or say which file holds none."""
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError:
        raise InvalidInputError(f"{source} holds no PEM certificate") from None


def read_private_key(data: bytes, source: str) -> PrivateKeyTypes:
    """Parse an unencrypted PEM private key, or say what is wrong with the file."""
    try:
        return serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise InvalidInputError(
            f"{source} is protected by a password; give the key without one"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise InvalidInputError(f"{source} holds no PEM private key") from None


def read_authority_key(data: bytes, source: str) -> ec.EllipticCurvePrivateKey:
    """Parse the local authority's own key, which spinecoach always makes as P-256."""
    key = read_private_key(data, source)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise InvalidInputError(f"{source} is not the key spinecoach made")
    return key


def key_fits(certificate: x509.Certificate, key: PrivateKeyTypes) -> bool:
    """Say whether the private key is the one the certificate's public key belongs to."""
    return certificate.public_key().public_bytes(*_PUBLIC) == key.public_key().public_bytes(
        *_PUBLIC
    )
