"""Staff sign-in: one answer for a wrong password and an unknown address, guessing slowed.

Failures are kept in the database, not in a process's memory, so several workers (or a
restart) slow a guesser alike. Per address typed: five failures in fifteen minutes are free
(people mistype), then each further try waits twice as long as the one before, from 1 s up to
fifteen minutes. Per client: the same from twenty failures, since a clinic's staff may share
one network address.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from spinecoach.clinic.passwords import hash_password, needs_new_hash, password_matches
from spinecoach.clinic.tokens import new_token, token_digest
from spinecoach.clinic_records import StaffRecord
from spinecoach.errors import NotSignedInError, TooManyAttemptsError
from spinecoach.store.clinics import ClinicDirectory

WINDOW = timedelta(minutes=15)
FREE_PER_ACCOUNT = 5
FREE_PER_CLIENT = 20
LONGEST_WAIT_SECONDS = 15 * 60
# A sign-in unused this long ends: a shared computer in a treatment room is left signed in.
IDLE_TIMEOUT = timedelta(minutes=30)
# A sign-in's last use is written at most this often, not on every request.
SEEN_EVERY = timedelta(minutes=1)

WRONG = "the e-mail address or the password is wrong"
SIGN_IN_AGAIN = "sign in to continue (a sign-in ends after 30 minutes without use)"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A staff member just signed in, with the token for their browser's cookie."""

    staff: StaffRecord
    token: str


def wait_seconds(failures: Sequence[datetime], free: int, now: datetime) -> int:
    """Return how long to wait before the next try after these recent failures (0: try now)."""
    extra = len(failures) - free
    if extra < 0:
        return 0
    wait = min(2**extra, LONGEST_WAIT_SECONDS)
    since_last = (now - failures[-1]).total_seconds()
    return max(0, int(wait - since_last + 0.999))


def sign_in(
    directory: ClinicDirectory, email: str, password: str, client: str, now: datetime
) -> SignedIn:
    """Check the password and open a sign-in; NotSignedInError or TooManyAttemptsError if not."""
    address = email.strip().lower()
    by_account, by_client = directory.failures_since(address, client, now - WINDOW)
    wait = max(
        wait_seconds(by_account, FREE_PER_ACCOUNT, now),
        wait_seconds(by_client, FREE_PER_CLIENT, now),
    )
    if wait > 0:
        raise TooManyAttemptsError(
            f"too many failed sign-ins just now; try again in {_duration(wait)}", wait
        )
    found = directory.password_hash_of(address)
    stored_hash = None if found is None else found[1]
    if found is None or not password_matches(stored_hash, password):
        directory.record_failure(address, client, now)
        raise NotSignedInError(WRONG)
    staff, stored = found
    if needs_new_hash(stored):
        directory.replace_password_hash(staff.id, hash_password(password))
    token, digest = new_token()  # a new token at every sign-in: an old cookie never carries on
    directory.open_sign_in(staff.id, digest, now)
    return SignedIn(staff, token)


def signed_in_staff(directory: ClinicDirectory, token: str | None, now: datetime) -> StaffRecord:
    """Return the staff member whose sign-in this token is; NotSignedInError if none is open."""
    if not token:
        raise NotSignedInError(SIGN_IN_AGAIN)
    digest = token_digest(token)
    found = directory.signed_in(digest, now - IDLE_TIMEOUT)
    if found is None:
        raise NotSignedInError(SIGN_IN_AGAIN)
    staff, last_seen = found
    if now - last_seen >= SEEN_EVERY:
        directory.seen(digest, now)
    return staff


def sign_out(directory: ClinicDirectory, token: str | None, now: datetime) -> None:
    """End the sign-in this token opened, if any; signing out twice is no error."""
    if token:
        directory.end_sign_in(token_digest(token), now)


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = (seconds + 59) // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
