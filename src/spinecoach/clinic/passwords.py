"""Staff passwords: hashed with argon2id by argon2-cffi, never stored or logged as typed."""

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from spinecoach.errors import InvalidInputError

# NIST SP 800-63B asks for at least 8 characters; staff accounts open many people's health
# records, so 12. The upper bound keeps one hash's work bounded.
MIN_PASSWORD = 12
MAX_PASSWORD = 256
_HASHER = PasswordHasher()  # argon2id, RFC 9106's second recommended parameters (64 MiB, t=3)
# Each hash takes 64 MiB for a moment: at most two at once (one per core here), so a burst of
# sign-ins waits its turn instead of taking the server's memory.
_AT_ONCE = threading.BoundedSemaphore(2)
# Verified against when the address is unknown, so an unknown address takes as long to refuse
# as a wrong password, and timing tells no one which addresses have accounts.
_NOBODY = _HASHER.hash("no account has this password")


def checked_password(password: object, email: str) -> str:
    """Return the password if it is long enough and not the e-mail address; else name the fault."""
    if not isinstance(password, str):
        raise InvalidInputError("password: expected text", "password")
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(
            f"password: use at least {MIN_PASSWORD} characters (a few words together are easy "
            "to remember)",
            "password",
        )
    if len(password) > MAX_PASSWORD:
        raise InvalidInputError(f"password: use at most {MAX_PASSWORD} characters", "password")
    if password.strip().lower() == email.strip().lower():
        raise InvalidInputError("password: must not be the e-mail address", "password")
    return password


def hash_password(password: str) -> str:
    """Return the argon2id hash to store for a password."""
    with _AT_ONCE:
        return _HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Say whether the password is the one hashed; None (no such account) never matches."""
    with _AT_ONCE:
        try:
            return _HASHER.verify(stored_hash or _NOBODY, password[:MAX_PASSWORD]) and (
                stored_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False


def needs_new_hash(stored_hash: str) -> bool:
    """Say whether a hash was made with weaker parameters than today's and should be redone."""
    return _HASHER.check_needs_rehash(stored_hash)
