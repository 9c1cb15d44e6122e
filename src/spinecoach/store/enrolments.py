"""A patient's device enrols with a link and is then known by its cookie's digest.

Found by the digest of the secret the device presents, not by an id in an address: a link is
used once and only before it expires or is revoked; a revoked device is a stranger.
"""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session as OrmSession

from spinecoach.clinic_records import DeviceRecord
from spinecoach.errors import NotFoundError
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.clinic_rows import DeviceRow, EnrolmentLinkRow
from spinecoach.store.clinic_scope import device_record

MAX_LABEL = 200
# The same answer for a link that never existed, was used, expired or was revoked: the patient
# can do one thing about any of them, and a guesser learns nothing.
LINK_UNUSABLE = (
    "this link cannot be used: it was already opened, has expired or was withdrawn. Ask your "
    "clinic for a new one"
)


class Enrolments(StoreBase):
    """Bind devices to patients through enrolment links; find a device by its secret."""

    def enrol(
        self, link_digest: str, device_digest: str, label: str, now: datetime
    ) -> DeviceRecord:
        """Use a link once: bind a new device to its patient; NotFoundError if it cannot be used."""
        at = check.utc_timestamp("now", now)

        def bind(orm: OrmSession) -> DeviceRecord:
            # Marked used in the same statement that checks it, so two phones opening the same
            # link at once cannot both enrol: only one update finds it unused.
            used = orm.execute(
                update(EnrolmentLinkRow)
                .where(
                    EnrolmentLinkRow.token_digest == link_digest,
                    EnrolmentLinkRow.used_at.is_(None),
                    EnrolmentLinkRow.revoked_at.is_(None),
                    EnrolmentLinkRow.expires_at > at,
                )
                .values(used_at=at)
                .returning(EnrolmentLinkRow.clinic_id, EnrolmentLinkRow.person_id)
            ).first()
            if used is None:
                raise NotFoundError(LINK_UNUSABLE, "link")
            row = DeviceRow(
                clinic_id=used.clinic_id,
                person_id=used.person_id,
                token_digest=device_digest,
                label=label.strip()[:MAX_LABEL] or "a browser",
                enrolled_at=at,
                last_seen_at=at,
            )
            orm.add(row)
            orm.flush()
            return device_record(row)

        return self._write(bind)

    def device(self, device_digest: str) -> DeviceRecord | None:
        """Return the enrolled, unrevoked device with this secret, or None."""
        with self._transaction() as orm:
            row = orm.scalars(
                select(DeviceRow).where(
                    DeviceRow.token_digest == device_digest, DeviceRow.revoked_at.is_(None)
                )
            ).first()
            return None if row is None else device_record(row)

    def device_seen(self, device_id: int, now: datetime) -> None:
        """Move a device's last use on, for the clinician's list of devices."""
        at = check.utc_timestamp("now", now)

        def touch(orm: OrmSession) -> None:
            orm.execute(update(DeviceRow).where(DeviceRow.id == device_id).values(last_seen_at=at))

        self._write(touch)
