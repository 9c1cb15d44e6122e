"""Domain errors: each carries a message a person can act on; adapters map them once."""


class SpinecoachError(Exception):
    """Base of every error the user should see as a message rather than a traceback."""

    def __init__(self, user_message: str, field: str | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        # The input the message is about ("position", "minutes"), so each front end can name
        # it its own way: a --flag in the terminal, a form field on a page.
        self.field = field


class CatalogError(SpinecoachError):
    """Content files are missing or invalid; names the file and the field."""


class UnsafeRoutineError(SpinecoachError):
    """A routine was asked for that the safety rules do not allow."""


class EmergencyError(UnsafeRoutineError):
    """The safety screen found a reason to get urgent help: no stretching at all."""


class SeeDoctorError(UnsafeRoutineError):
    """The safety screen says to see a doctor before stretching."""


class ScreeningNeededError(UnsafeRoutineError):
    """No recent safety screen is on record and none can be asked here."""


class NothingFitsError(SpinecoachError):
    """No routine satisfies the constraints; the message says what excluded what."""


class NotFoundError(SpinecoachError):
    """An exercise, routine or record with the given id does not exist."""


class ConflictError(SpinecoachError):
    """The request contradicts what is already recorded."""


class InvalidInputError(SpinecoachError):
    """A value given by the user is out of range or malformed."""


class OutsidePlanError(InvalidInputError):
    """An exercise result that the session's planned routine could not have produced."""


class BusyError(SpinecoachError):
    """The database is held by another writer for too long: nothing was written; try again."""


class NotSignedInError(SpinecoachError):
    """Sign-in failed, ended or is needed; the same message whatever the reason."""


class NotAllowedError(SpinecoachError):
    """Signed in, but this is not theirs to do (a clinician on the administrator's pages)."""


class TooManyAttemptsError(SpinecoachError):
    """Sign-in failed too often just now: wait retry_after seconds before trying again."""

    def __init__(self, user_message: str, retry_after: int) -> None:
        super().__init__(user_message)
        self.retry_after = retry_after
