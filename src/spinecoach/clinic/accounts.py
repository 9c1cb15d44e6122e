"""Create a clinic with its administrator, and add staff: the CLI and the admin pages call these."""

from datetime import datetime

from spinecoach.clinic.passwords import checked_password, hash_password
from spinecoach.clinic_records import ClinicRecord, StaffRecord, StaffRole
from spinecoach.errors import NotAllowedError
from spinecoach.store import validation as check
from spinecoach.store.clinics import ClinicDirectory, NewStaff, email_address


def create_clinic(
    directory: ClinicDirectory,
    name: str,
    admin_email: str,
    admin_name: str | None,
    password: str,
    now: datetime,
) -> tuple[ClinicRecord, StaffRecord]:
    """Make a clinic and its first administrator (named after their address if no name)."""
    email = email_address("admin_email", admin_email)
    shown = (
        email.partition("@")[0]
        if admin_name is None
        else check.person_name("admin_name", admin_name)
    )
    admin = NewStaff(email, shown, _hashed(password, email))
    return directory.add_clinic(name, admin, now)


def add_staff(
    directory: ClinicDirectory,
    clinic_id: int,
    email: str,
    name: str,
    password: str,
    role: StaffRole,
    now: datetime,
) -> StaffRecord:
    """Add a clinician (or another administrator) to a clinic."""
    address = email_address("email", email)
    return directory.add_staff(
        clinic_id, NewStaff(address, name, _hashed(password, address)), role, now
    )


def add_staff_as(
    directory: ClinicDirectory,
    admin: StaffRecord,
    email: str,
    name: str,
    password: str,
    role: StaffRole,
    now: datetime,
) -> StaffRecord:
    """Add staff to the administrator's own clinic; NotAllowedError for a clinician."""
    if admin.role is not StaffRole.ADMIN:
        raise NotAllowedError("only the clinic's administrator adds staff")
    return add_staff(directory, admin.clinic_id, email, name, password, role, now)


def remove_staff_as(
    directory: ClinicDirectory, admin: StaffRecord, staff_id: int, now: datetime
) -> StaffRecord:
    """Remove a colleague from the administrator's clinic, never oneself; clinicians may not."""
    if admin.role is not StaffRole.ADMIN:
        raise NotAllowedError("only the clinic's administrator removes staff")
    if staff_id == admin.id:
        raise NotAllowedError("you cannot remove yourself: the clinic needs its administrator")
    return directory.remove_staff(admin.clinic_id, staff_id, now)


def _hashed(password: str, email: str) -> str:
    return hash_password(checked_password(password, email))


def staff_json(staff: StaffRecord) -> dict[str, object]:
    """Return a staff member as `clinic ... --json` and the API show them (never the hash)."""
    return {
        "id": staff.id,
        "clinic": staff.clinic_id,
        "email": staff.email,
        "name": staff.name,
        "role": staff.role.value,
    }
