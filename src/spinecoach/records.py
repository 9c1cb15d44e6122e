"""Plain, frozen records the store hands out, so reports and adapters never touch the ORM."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Generic, NamedTuple, TypeAlias, TypeVar
from uuid import uuid4

# PainKind is vocabulary (the CLI needs it cheaply); re-exported so records stay one import.
from spinecoach.catalog.vocabulary import PainKind as PainKind
from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.errors import InvalidInputError

# Plain JSON, spelled out here rather than taken from Pydantic so importing records stays cheap.
JsonValue: TypeAlias = "str | int | float | bool | list[JsonValue] | dict[str, JsonValue] | None"
# A JSON object as stored: screening answers, a planned routine snapshot.
JsonObject: TypeAlias = Mapping[str, JsonValue]


def new_uuid() -> str:
    """Return a fresh random UUID (version 4) as text, the identity a new record keeps for good."""
    return str(uuid4())


class ScreeningOutcome(StrEnum):
    """What a red-flag screening decided."""

    EMERGENCY = "emergency"
    SEE_DOCTOR = "see-doctor"
    GO = "go"


class SessionStatus(StrEnum):
    """Where a stretching session stands; only in-progress can change, and only once."""

    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    STOPPED_PAIN = "stopped-pain"
    QUIT = "quit"


class PainContext(StrEnum):
    """When a pain score was given, so trends compare like with like."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    DIARY = "diary"


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonRecord:
    """Someone whose records these are; a laptop install has exactly one."""

    # Records carry a random UUID besides their id: an id is unique in one database, the UUID
    # everywhere, so FHIR and calendar files name records by it. The store always fills it in; a
    # record made anywhere else (a test, a preview) gets a fresh one, never a shared one.

    id: int
    uuid: str = field(default_factory=new_uuid)
    # None until the person gives a name; nothing stands in for it.
    name: str | None
    created_at: datetime
    birth_year: int | None = None
    # Whether the person was offered the name question yet (answered or skipped).
    profile_asked: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ScreeningRecord:
    """One red-flag screening, with the answers exactly as given."""

    id: int
    uuid: str = field(default_factory=new_uuid)
    person_id: int
    taken_at: datetime
    answers: JsonObject
    outcome: ScreeningOutcome
    rules_version: str
    doctor_acknowledged: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionRecord:
    """One stretching session and the routine that was planned for it."""

    id: int
    uuid: str = field(default_factory=new_uuid)
    person_id: int
    started_at: datetime
    routine_id: str
    routine: JsonObject
    planned_seconds: int
    status: SessionStatus
    ended_at: datetime | None
    # 1.0 is normal speed; anything else is a demonstration, never counted for progression.
    speed: float = 1.0
    # Liveness: when the session last wrote (start, each exercise) and which process owns it.
    heartbeat_at: datetime | None = None
    owner_host: str | None = None
    owner_pid: int | None = None
    # Stopped for pain: the stretch the person was moving in; None if none had been started.
    pain_worse_during: str | None = None

    @property
    def demo(self) -> bool:
        """Return whether it was played faster than normal, as a demonstration."""
        return self.speed != 1.0


# A person may be told many things in a long hold; more than this is a faulty sender.
MAX_CORRECTIONS = 200
MAX_CORRECTION_LENGTH = 300


@dataclass(frozen=True, slots=True)
class CameraCounts:
    """What the camera coach counted in one exercise, on the person's own device."""

    reps_seen: int
    good_form_seconds: float
    corrections: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExerciseResult:
    """One exercise of a session, done or skipped: what every front end sends and reads back."""

    session_id: int
    exercise_id: str
    position: int
    completed_at: datetime
    repetitions_done: int
    hold_seconds_actual: float
    skipped: bool
    # What the camera coach counted on the person's device; None when the camera was off.
    camera: CameraCounts | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExerciseResultRecord(ExerciseResult):
    """An exercise result as stored, the moment it was completed or skipped."""

    id: int
    uuid: str = field(default_factory=new_uuid)


class ExerciseOutcome(NamedTuple):
    """What a history needs of an exercise result: which exercise, where, done or skipped."""

    # A named tuple rather than a frozen dataclass: a history builds tens of thousands, and
    # a tuple is several times cheaper to make (bench/history.py).

    exercise_id: str
    position: int
    skipped: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class PainEntryRecord:
    """One pain score on the 0-10 numeric rating scale."""

    id: int
    uuid: str = field(default_factory=new_uuid)
    person_id: int
    recorded_at: datetime
    score: int
    region: SpineRegion | None
    kind: PainKind | None
    context: PainContext
    note: str | None
    session_id: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PreferencesRecord:
    """The session choices a person made last, remembered as the defaults for next time."""

    id: int
    person_id: int
    recorded_at: datetime
    choices: JsonObject


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumableSession:
    """A session that never ended, with the exercises already done, in routine order."""

    session: SessionRecord
    results: tuple[ExerciseResultRecord, ...]

    @property
    def next_position(self) -> int:
        """Return the routine position to resume from: one past the last exercise recorded."""
        return max((result.position for result in self.results), default=-1) + 1


# The Patient-Specific Functional Scale asks for up to five activities (Stratford et al. 1995).
PSFS_MAX_ACTIVITIES = 5
PSFS_MAX_ACTIVITY_LENGTH = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class PsfsRating:
    """One activity the person named and how well they can do it: 0 unable, 10 as before."""

    activity: str
    score: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PsfsRecord:
    """One filled-in Patient-Specific Functional Scale, ratings in the order given."""

    id: int
    uuid: str = field(default_factory=new_uuid)
    person_id: int
    taken_at: datetime
    ratings: tuple[PsfsRating, ...]

    @property
    def mean(self) -> float:
        """Return the average rating, the scale's summary score."""
        return sum(rating.score for rating in self.ratings) / len(self.ratings)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
# A cursor as text: microseconds since 1970 (UTC), a dot, the record's id. Safe in a URL as is.
CURSOR_PATTERN = r"^-?\d{1,18}\.\d{1,18}$"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PageCursor:
    """Where a page ends: a record's time and id, the key the pages of a list are read by.

    Keyset, not a page number: a score added while someone reads older pages moves nothing,
    so no entry is shown twice or skipped.
    """

    at: datetime
    id: int

    def text(self) -> str:
        """Return the cursor as it goes in a URL, e.g. '1767225600000000.42'."""
        return f"{(self.at - EPOCH) // MICROSECOND}.{self.id}"

    @classmethod
    def from_text(cls, text: str, field_name: str) -> "PageCursor":
        """Return the cursor a URL gave, or raise InvalidInputError naming the field."""
        if not re.fullmatch(CURSOR_PATTERN, text):
            raise InvalidInputError(f"{field_name}: not a place in the list, got {text[:40]!r}")
        micros, _, record = text.partition(".")
        try:
            at = EPOCH + int(micros) * MICROSECOND
        except OverflowError:
            raise InvalidInputError(f"{field_name}: not a place in the list") from None
        return cls(at, int(record))


@dataclass(frozen=True)
class Page(Generic[T]):
    """Some of a list, oldest first, with where the older and the newer records begin."""

    items: tuple[T, ...]
    older: PageCursor | None  # read on with before=older; None when nothing is older
    newer: PageCursor | None  # read back with after=newer; None when this is the newest
