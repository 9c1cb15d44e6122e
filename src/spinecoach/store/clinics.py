"""Clinics, their staff, and staff sign-ins: what sign-in and the administrator's pages need.

The only reads not scoped to one clinic are those that find who is asking (an address typed
at sign-in, a sign-in cookie's digest); everything a staff member then does goes through a
ClinicScope (store/clinic_scope.py) bound to their own clinic.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from spinecoach.clinic_records import ClinicRecord, StaffRecord, StaffRole
from spinecoach.errors import ConflictError, InvalidInputError, NotFoundError
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.clinic_rows import (
    EMAIL_LENGTH,
    ClinicRow,
    SignInFailureRow,
    StaffRow,
    StaffSignInRow,
)

# Enough to catch a typo (no @, a space, no dot in the domain); whether the address receives
# mail is the clinic's business.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_CLIENT_ADDRESS = 100
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class NewStaff:
    """A staff member to add: their address, name, and the hash of their password."""

    email: str
    name: str
    password_hash: str


def email_address(field: str, value: object) -> str:
    """Return an e-mail address in lower case, or refuse it naming the field."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{field}: expected an e-mail address, got {value!r}", field)
    address = value.strip().lower()
    if len(address) > EMAIL_LENGTH or not _EMAIL.fullmatch(address):
        raise InvalidInputError(f"{field}: {value[:60]!r} is not an e-mail address", field)
    return address


class ClinicDirectory(StoreBase):
    """Create clinics and staff; find who signs in; keep and end staff sign-ins."""

    def add_clinic(
        self, name: str, admin: NewStaff, now: datetime
    ) -> tuple[ClinicRecord, StaffRecord]:
        """Create a clinic with its first administrator; ConflictError if the address is taken."""
        clinic_name = check.person_name("name", name)
        created_at = check.utc_timestamp("now", now)

        def create(orm: OrmSession) -> tuple[ClinicRecord, StaffRecord]:
            clinic = ClinicRow(name=clinic_name, created_at=created_at)
            orm.add(clinic)
            orm.flush()
            return _clinic_record(clinic), _add_staff(orm, clinic.id, admin, StaffRole.ADMIN, now)

        return self._write_staff(create, admin.email)

    def add_staff(
        self, clinic_id: int, staff: NewStaff, role: StaffRole, now: datetime
    ) -> StaffRecord:
        """Add a clinician or administrator to a clinic; ConflictError if the address is taken."""

        def create(orm: OrmSession) -> StaffRecord:
            if orm.get(ClinicRow, clinic_id) is None:
                raise NotFoundError(f"clinic {clinic_id} does not exist", "clinic")
            return _add_staff(orm, clinic_id, staff, role, now)

        return self._write_staff(create, staff.email)

    def clinic(self, clinic_id: int) -> ClinicRecord:
        """Return a clinic, or NotFoundError."""
        with self._transaction() as orm:
            row = orm.get(ClinicRow, clinic_id)
            if row is None:
                raise NotFoundError(f"clinic {clinic_id} does not exist", "clinic")
            return _clinic_record(row)

    def staff_of(self, clinic_id: int, *, removed: bool = False) -> list[StaffRecord]:
        """Return a clinic's staff in the order they were added (with those removed if asked)."""
        query = select(StaffRow).where(StaffRow.clinic_id == clinic_id)
        if not removed:
            query = query.where(StaffRow.removed_at.is_(None))
        with self._transaction() as orm:
            return [_staff_record(row) for row in orm.scalars(query.order_by(StaffRow.id))]

    def remove_staff(self, clinic_id: int, staff_id: int, now: datetime) -> StaffRecord:
        """Remove a staff member of the clinic: their sign-ins end and they sign in no more."""
        at = check.utc_timestamp("now", now)

        def remove(orm: OrmSession) -> StaffRecord:
            row = orm.scalars(
                select(StaffRow).where(
                    StaffRow.id == staff_id,
                    StaffRow.clinic_id == clinic_id,
                    StaffRow.removed_at.is_(None),
                )
            ).first()
            if row is None:
                raise NotFoundError(f"staff member {staff_id} does not exist", "staff")
            row.removed_at = at
            orm.execute(
                update(StaffSignInRow)
                .where(StaffSignInRow.staff_id == staff_id, StaffSignInRow.ended_at.is_(None))
                .values(ended_at=at)
            )
            return _staff_record(row)

        return self._write(remove)

    def password_hash_of(self, email: str) -> tuple[StaffRecord, str] | None:
        """Return the staff member with this address and their password hash, or None."""
        with self._transaction() as orm:
            row = orm.scalars(
                select(StaffRow).where(StaffRow.email == email, StaffRow.removed_at.is_(None))
            ).first()
            return None if row is None else (_staff_record(row), row.password_hash)

    def replace_password_hash(self, staff_id: int, password_hash: str) -> None:
        """Store a fresh hash of the same password (argon2's parameters were raised)."""

        def replace(orm: OrmSession) -> None:
            orm.execute(
                update(StaffRow).where(StaffRow.id == staff_id).values(password_hash=password_hash)
            )

        self._write(replace)

    def record_failure(self, email: str, client_address: str, now: datetime) -> None:
        """Remember a failed sign-in, for the address typed and the network address."""
        row = SignInFailureRow(
            email=email[:EMAIL_LENGTH],
            client_address=client_address[:MAX_CLIENT_ADDRESS],
            failed_at=check.utc_timestamp("now", now),
        )

        def append(orm: OrmSession) -> None:
            orm.add(row)

        self._write(append)

    def failures_since(
        self, email: str, client_address: str, since: datetime
    ) -> tuple[list[datetime], list[datetime]]:
        """Return when sign-in failed since `since`, by this address and from this client."""
        with self._transaction() as orm:
            by_email = orm.scalars(
                select(SignInFailureRow.failed_at)
                .where(SignInFailureRow.email == email, SignInFailureRow.failed_at >= since)
                .order_by(SignInFailureRow.failed_at)
            ).all()
            by_address = orm.scalars(
                select(SignInFailureRow.failed_at)
                .where(
                    SignInFailureRow.client_address == client_address[:MAX_CLIENT_ADDRESS],
                    SignInFailureRow.failed_at >= since,
                )
                .order_by(SignInFailureRow.failed_at)
            ).all()
            return list(by_email), list(by_address)

    def open_sign_in(self, staff_id: int, token_digest: str, now: datetime) -> None:
        """Keep a new sign-in of a staff member under its token's digest."""
        at = check.utc_timestamp("now", now)

        def append(orm: OrmSession) -> None:
            orm.add(
                StaffSignInRow(
                    staff_id=staff_id, token_digest=token_digest, signed_in_at=at, last_seen_at=at
                )
            )

        self._write(append)

    def signed_in(
        self, token_digest: str, idle_since: datetime
    ) -> tuple[StaffRecord, datetime] | None:
        """Return the staff member of an open sign-in last seen after idle_since, and when."""
        with self._transaction() as orm:
            found = orm.execute(
                select(StaffRow, StaffSignInRow.last_seen_at)
                .join(StaffSignInRow, StaffSignInRow.staff_id == StaffRow.id)
                .where(
                    StaffSignInRow.token_digest == token_digest,
                    StaffSignInRow.ended_at.is_(None),
                    StaffRow.removed_at.is_(None),
                    StaffSignInRow.last_seen_at > idle_since,
                )
            ).first()
            return None if found is None else (_staff_record(found[0]), found[1])

    def seen(self, token_digest: str, now: datetime) -> None:
        """Move a sign-in's last use on, which keeps it from timing out."""
        at = check.utc_timestamp("now", now)

        def touch(orm: OrmSession) -> None:
            orm.execute(
                update(StaffSignInRow)
                .where(StaffSignInRow.token_digest == token_digest)
                .values(last_seen_at=at)
            )

        self._write(touch)

    def end_sign_in(self, token_digest: str, now: datetime) -> None:
        """End a sign-in (signing out); its cookie opens nothing afterwards."""
        at = check.utc_timestamp("now", now)

        def end(orm: OrmSession) -> None:
            orm.execute(
                update(StaffSignInRow)
                .where(
                    StaffSignInRow.token_digest == token_digest, StaffSignInRow.ended_at.is_(None)
                )
                .values(ended_at=at)
            )

        self._write(end)

    def _write_staff(self, work: Callable[[OrmSession], T], email: str) -> T:
        """Write, answering an address already in use with a conflict that names it."""
        try:
            return self._write(work)
        except IntegrityError:  # another request took the address between our read and write
            raise _address_taken(email) from None


def _address_taken(email: str) -> ConflictError:
    return ConflictError(f"email: {email} already belongs to a staff member", "email")


def _add_staff(
    orm: OrmSession, clinic_id: int, staff: NewStaff, role: StaffRole, now: datetime
) -> StaffRecord:
    email = email_address("email", staff.email)
    if orm.scalars(select(StaffRow.id).where(StaffRow.email == email)).first() is not None:
        raise _address_taken(email)
    row = StaffRow(
        clinic_id=clinic_id,
        email=email,
        name=check.person_name("name", staff.name),
        role=role.value,
        password_hash=staff.password_hash,
        created_at=check.utc_timestamp("now", now),
    )
    orm.add(row)
    orm.flush()
    return _staff_record(row)


def _clinic_record(row: ClinicRow) -> ClinicRecord:
    return ClinicRecord(id=row.id, uuid=row.uuid, name=row.name, created_at=row.created_at)


def _staff_record(row: StaffRow) -> StaffRecord:
    return StaffRecord(
        id=row.id,
        clinic_id=row.clinic_id,
        email=row.email,
        name=row.name,
        role=StaffRole(row.role),
        created_at=row.created_at,
    )
