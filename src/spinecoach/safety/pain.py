"""Pain rules: stop when pain worsens, step back after a rise, see a doctor if pain persists.

Pain is scored on the 0-10 Numeric Pain Rating Scale (NPRS). Every function takes the history
and `now` as arguments and never reads the clock.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from statistics import fmean

from spinecoach.errors import InvalidInputError

LOWEST_PAIN = 0
HIGHEST_PAIN = 10

# A change of about 2 points on the NPRS is the usual minimal clinically important difference
# for low back pain (Childs et al. 2005, Spine; Ostelo et al. 2008, Spine); a smaller rise after
# a session is within the noise of the scale and does not change the next plan.
MEANINGFUL_RISE = 2

# "Persistent" (article passage doctor/3) made precise: pain that has not eased over about two
# weeks of entries, judged by comparing the mean of the first and latest three scores.
PERSISTENCE_SPAN = timedelta(days=14)
PERSISTENCE_SAMPLE = 3
# Only the last four weeks count, so pain that was bad long ago does not keep raising alarms.
LOOKBACK = timedelta(days=28)
# Severe pain (7 or more out of 10) on three calendar days in a row also means "see a doctor":
# the article's own wording is that persisting pain may need medical attention soon.
SEVERE_PAIN = 7
SEVERE_DAYS_IN_A_ROW = 3

# Article passages these rules implement (see covered_source_ids in spinecoach.safety).
PAIN_RULES_COVER = frozenset(
    {
        "doctor/2",  # stop and rest when pain worsens: check_during_session
        "doctor/3",  # get medical help when pain persists: check_persistent_pain
        "intro/2",  # relief can take time: IMPROVEMENT_TAKES_TIME
    }
)

STOP_AND_REST_ADVICE = (
    "Stop the stretches now and rest in a comfortable position, sitting or lying, until the"
    " pain settles; do not push through it."
)
CARRY_ON_ADVICE = "Carry on gently; stop at once if the pain gets worse."
SEE_DOCTOR_ABOUT_PAIN = (
    "Your pain is not settling. Please see a doctor, who can look for the cause; keep the"
    " stretches gentle, or pause them, until then."
)
# Article passage intro/2: relief is often slow, so summaries point to the trend over weeks.
IMPROVEMENT_TAKES_TIME = "Relief often comes slowly: judge by the trend over weeks, not one day."


def pain_score(value: object, field: str = "pain score") -> int:
    """Return value if it is a whole number from 0 to 10, else raise InvalidInputError."""
    # bool is a subclass of int; True must not pass as a pain of 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{field}: must be a whole number from 0 to 10, got {value!r}")
    if not LOWEST_PAIN <= value <= HIGHEST_PAIN:
        raise InvalidInputError(f"{field}: must be between 0 and 10, got {value}")
    return value


@dataclass(frozen=True)
class PainEntry:
    """One recorded pain score; use local time so calendar days match the person's days."""

    at: datetime
    score: int

    def __post_init__(self) -> None:
        if not isinstance(self.at, datetime):
            raise InvalidInputError(f"pain entry time: must be a date and time, got {self.at!r}")
        pain_score(self.score)


@dataclass(frozen=True)
class SessionPainCheck:
    """Whether to stop the session now, and what to tell the person."""

    stop: bool
    advice: str


def check_during_session(pain_before: int, pain_now: int) -> SessionPainCheck:
    """Return "stop and rest" if pain is any higher than before the session."""
    before = pain_score(pain_before, "pain before")
    now = pain_score(pain_now, "pain now")
    # Article passage doctor/2: if pain or discomfort gets worse, stop and rest. Unlike the
    # next-plan rule there is no 2-point threshold: during a session any rise means stop.
    if now > before:
        return SessionPainCheck(stop=True, advice=STOP_AND_REST_ADVICE)
    return SessionPainCheck(stop=False, advice=CARRY_ON_ADVICE)


@dataclass(frozen=True)
class NextPlanAdjustment:
    """How the next plan must change after a session: shorten it, drop exercises, or both."""

    step_back: bool
    drop_exercises: frozenset[str]


def next_plan_adjustment(
    pain_before: int | None, pain_after: int | None, pain_worse_during: str | None = None
) -> NextPlanAdjustment:
    """Return how to adjust the next plan from the scores around a session.

    pain_worse_during names the exercise being done when the person reported pain getting
    worse (the stop rule), or None.
    """
    rose = False
    if pain_before is not None and pain_after is not None:
        before = pain_score(pain_before, "pain before")
        after = pain_score(pain_after, "pain after")
        # A rise of at least the MCID (Childs 2005; Ostelo 2008) is a real worsening.
        rose = after >= before + MEANINGFUL_RISE
    else:
        for name, value in (("pain before", pain_before), ("pain after", pain_after)):
            if value is not None:
                pain_score(value, name)
    if pain_worse_during is not None and not pain_worse_during.strip():
        raise InvalidInputError("pain worse during: must name an exercise id, got ''")
    # An exercise during which pain got worse (doctor/2) is dropped and the plan shortened even
    # if the score settled afterwards: being gentler next time is the cautious reading.
    drop = frozenset({pain_worse_during}) if pain_worse_during is not None else frozenset()
    return NextPlanAdjustment(step_back=rose or bool(drop), drop_exercises=drop)


class PersistentPainReason(StrEnum):
    """Why the pain counts as persistent."""

    NOT_IMPROVING = "not-improving"
    SEVERE_DAYS = "severe-days"


@dataclass(frozen=True)
class PersistentPainCheck:
    """Whether to advise seeing a doctor because the pain persists, and why."""

    reasons: tuple[PersistentPainReason, ...]

    @property
    def see_doctor(self) -> bool:
        """Say whether the person should see a doctor about their pain."""
        return bool(self.reasons)

    @property
    def advice(self) -> str | None:
        """Return the plain-words advice, or None when the pain is not persistent."""
        return SEE_DOCTOR_ABOUT_PAIN if self.reasons else None


def _recent(history: Iterable[PainEntry], now: datetime) -> list[PainEntry]:
    """Return the entries of the last LOOKBACK, oldest first; reject future or mixed times."""
    recent: list[PainEntry] = []
    for index, entry in enumerate(history):
        if (entry.at.tzinfo is None) != (now.tzinfo is None):
            raise InvalidInputError(
                f"pain history[{index}].at: mixes a time zone-aware and a naive time with now"
            )
        if entry.at > now:
            raise InvalidInputError(f"pain history[{index}].at: {entry.at} is after now ({now})")
        if entry.at >= now - LOOKBACK:
            recent.append(entry)
    return sorted(recent, key=lambda entry: entry.at)


def pain_not_improving(history: Sequence[PainEntry], now: datetime) -> bool:
    """Say whether pain has not eased over at least two weeks of recent entries.

    True when the recent entries span PERSISTENCE_SPAN or more, there are enough of them for
    two separate samples of three, the mean of the latest three is not lower than the mean of
    the first three, and the latest three are not all pain-free.
    """
    recent = _recent(history, now)
    if len(recent) < 2 * PERSISTENCE_SAMPLE:
        return False
    if recent[-1].at - recent[0].at < PERSISTENCE_SPAN:
        return False
    first = fmean(entry.score for entry in recent[:PERSISTENCE_SAMPLE])
    latest = fmean(entry.score for entry in recent[-PERSISTENCE_SAMPLE:])
    return latest > 0 and latest >= first


def severe_pain_days_in_a_row(history: Sequence[PainEntry], now: datetime) -> bool:
    """Say whether some score of 7+ fell on each of 3 consecutive calendar days recently."""
    severe_days = sorted({e.at.date() for e in _recent(history, now) if e.score >= SEVERE_PAIN})
    run = 0
    previous: date | None = None
    for day in severe_days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        if run >= SEVERE_DAYS_IN_A_ROW:
            return True
        previous = day
    return False


def check_persistent_pain(history: Sequence[PainEntry], now: datetime) -> PersistentPainCheck:
    """Return whether, and why, the pain history calls for seeing a doctor (doctor/3)."""
    reasons: list[PersistentPainReason] = []
    if pain_not_improving(history, now):
        reasons.append(PersistentPainReason.NOT_IMPROVING)
    if severe_pain_days_in_a_row(history, now):
        reasons.append(PersistentPainReason.SEVERE_DAYS)
    return PersistentPainCheck(reasons=tuple(reasons))
