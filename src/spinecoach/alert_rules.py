"""The clinician alert rules: which records raise which alert, how urgent, and why.

The thresholds are the clinic-alert rules of the project's safety notes ("Clinician alerts",
modelled on the thresholds Medbridge Pathways publishes): critical for a red-flag answer on
the safety screen, a session stopped because pain got worse, or pain of 7 or more; high for
pain up 2 points or more from the programme's start (the NPRS minimal clinically important
difference, Childs et al. 2005; Ostelo et al. 2008) and for 14 days without a session; low for
3 days without a session and for pain of 5 or more that rose by a point.

Pure functions: the store applies them in the same transaction as the record that raises an
alert, so no alert depends on a page being open; the quiet-days rules depend on the clock and
are applied when the clinic's records are read.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from spinecoach.clinic_records import AlertKind, Severity
from spinecoach.records import ScreeningOutcome


@dataclass(frozen=True, slots=True)
class AlertRule:
    """One rule: its severity, a short title and, in a clinician's words, what it checks."""

    severity: Severity
    title: str
    rule: str


SEVERE_PAIN_SCORE = 7
RISE_FROM_START = 2  # the NPRS minimal clinically important difference, in points
RAISED_PAIN_SCORE = 5
RISE_SINCE_LAST = 1
LONG_QUIET = timedelta(days=14)
SHORT_QUIET = timedelta(days=3)

RULES = {
    AlertKind.RED_FLAG: AlertRule(
        Severity.CRITICAL,
        "Red flag",
        "a red-flag answer on the safety screen (emergency or see a doctor): call today",
    ),
    AlertKind.PAIN_STOP: AlertRule(
        Severity.CRITICAL,
        "Stopped for pain",
        "a session stopped because the pain got worse: call today",
    ),
    AlertKind.SEVERE_PAIN: AlertRule(
        Severity.CRITICAL,
        "Severe pain",
        f"pain of {SEVERE_PAIN_SCORE} or more out of 10: call today",
    ),
    AlertKind.PAIN_RISING: AlertRule(
        Severity.HIGH,
        "Pain up since the start",
        f"pain {RISE_FROM_START} points or more above its level when the programme started",
    ),
    AlertKind.NO_SESSION_14_DAYS: AlertRule(
        Severity.HIGH,
        "No session for 14 days",
        f"no session for {LONG_QUIET.days} days while a programme is in force",
    ),
    AlertKind.NO_SESSION_3_DAYS: AlertRule(
        Severity.LOW,
        "No session for 3 days",
        f"no session for {SHORT_QUIET.days} days while a programme is in force",
    ),
    AlertKind.PAIN_UP: AlertRule(
        Severity.LOW,
        "Pain rising",
        f"pain of {RAISED_PAIN_SCORE} or more, up {RISE_SINCE_LAST} point or more since the "
        "score before",
    ),
}


@dataclass(frozen=True, slots=True)
class RaisedAlert:
    """An alert a new record raises: its kind, and what to show beside the rule."""

    kind: AlertKind
    detail: str


def screening_alert(outcome: ScreeningOutcome) -> RaisedAlert | None:
    """Return the critical alert a screening raises, or None when it said it is safe to go."""
    if outcome is ScreeningOutcome.GO:
        return None
    detail = (
        "the screen said to get emergency care"
        if outcome is ScreeningOutcome.EMERGENCY
        else "the screen said to see a doctor before stretching"
    )
    return RaisedAlert(AlertKind.RED_FLAG, detail)


def pain_stop_alert(stretch_name: str | None) -> RaisedAlert:
    """Return the critical alert of a session stopped for pain, naming the stretch if known."""
    during = f" during {stretch_name}" if stretch_name else ""
    return RaisedAlert(AlertKind.PAIN_STOP, f"pain got worse{during}; the session stopped")


def pain_alert(score: int, previous: int | None, at_start: int | None) -> RaisedAlert | None:
    """Return the most urgent alert a new pain score raises, or None.

    previous is the score given just before this one; at_start the first score given once the
    programme started. One score raises one alert: a clinician calling about pain of 8 needs
    no second, lower alert telling them the same score also rose.
    """
    if score >= SEVERE_PAIN_SCORE:
        return RaisedAlert(AlertKind.SEVERE_PAIN, f"pain {score} out of 10")
    if at_start is not None and score - at_start >= RISE_FROM_START:
        return RaisedAlert(
            AlertKind.PAIN_RISING, f"pain {score} out of 10, {at_start} when the programme started"
        )
    if previous is not None and score >= RAISED_PAIN_SCORE and score - previous >= RISE_SINCE_LAST:
        return RaisedAlert(AlertKind.PAIN_UP, f"pain {score} out of 10, {previous} the time before")
    return None


@dataclass(frozen=True, slots=True)
class QuietSpell:
    """Days without a session: the alert kind it reaches and when it reached it."""

    kind: AlertKind
    raised_at: datetime
    detail: str


def quiet_spell(since: datetime, now: datetime) -> QuietSpell | None:
    """Return the quiet-days alert for no session since `since`, or None under 3 days.

    since is the last session's start or, before the first one, when the programme began.
    Only the longer spell is returned: 14 quiet days also passed 3, which adds nothing.
    """
    quiet = now - since
    for kind, length in (
        (AlertKind.NO_SESSION_14_DAYS, LONG_QUIET),
        (AlertKind.NO_SESSION_3_DAYS, SHORT_QUIET),
    ):
        if quiet >= length:
            return QuietSpell(kind, since + length, f"no session for {quiet.days} days")
    return None
