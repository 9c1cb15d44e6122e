"""Pain over weeks, compared like with like, and a plain-words verdict grounded in the numbers.

Before-session scores are one series and diary entries another: a score given just before
stretching is not compared with one given after a day's work. The verdict measures change
against the minimal clinically important difference on the 0-10 NPRS, about 2 points or 30 %
(Childs et al. 2005, Spine; Ostelo et al. 2008, Spine), and takes "see a doctor" only from the
existing pain rule (spinecoach.safety.pain.check_persistent_pain), so the app has one such rule.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction

from spinecoach.records import PainContext, PainEntryRecord, PsfsRecord, SessionStatus
from spinecoach.reports.adherence import (
    PLANNED_SESSIONS_PER_WEEK,
    Adherence,
    adherence,
    monday_of,
)
from spinecoach.reports.function import FunctionChange, function_change
from spinecoach.reports.history import SessionSummary, scores_outside_demos
from spinecoach.reports.pain_scores import (
    SAMPLE,
    SERIES_ORDER,
    PainScores,
    pain_scores_of,
)
from spinecoach.safety.pain import (
    IMPROVEMENT_TAKES_TIME,
    MEANINGFUL_RISE,
    PERSISTENCE_SPAN,
    PersistentPainReason,
    check_persistent_pain,
)
from spinecoach.words import plural

MCID_POINTS = MEANINGFUL_RISE  # 2 points on the NPRS, the same figure the plan rules use
MCID_SHARE = Fraction(3, 10)  # or 30 % of the starting level (Ostelo 2008)
# A 30 % drop from a low start can be a fraction of a point, less than one step of a scale
# answered in whole numbers; at least one whole point must go as well.
MIN_POINTS_FOR_SHARE = 1
# Like the pain rule: the mean of the first three (SAMPLE) and of the latest three scores, at
# least two weeks apart, so one bad or good day does not decide the verdict.
MIN_SPAN = PERSISTENCE_SPAN
SERIES_WORDS = {PainContext.BEFORE: "before-session pain", PainContext.DIARY: "diary pain"}


class VerdictKind(StrEnum):
    """What the numbers say, from the most to the least urgent."""

    SEE_DOCTOR = "see-doctor"
    TOO_EARLY = "too-early"
    IMPROVING = "improving"
    WORSE = "worse"
    NO_CLEAR_CHANGE = "no-clear-change"


LABELS = {
    VerdictKind.SEE_DOCTOR: "not improving: see a doctor",
    VerdictKind.TOO_EARLY: "too early to say",
    VerdictKind.IMPROVING: "meaningful improvement",
    VerdictKind.WORSE: "worse than at the start",
    VerdictKind.NO_CLEAR_CHANGE: "no clear change yet (common in the first weeks)",
}
RULE_REASONS = {
    PersistentPainReason.NOT_IMPROVING: "pain has not eased over the last two weeks or more",
    PersistentPainReason.SEVERE_DAYS: "pain of 7 or more out of 10 on three days in a row",
}
WORSE_ADVICE = (
    "Keep the stretches gentle and stop any that makes the pain worse; if the pain stays"
    " high, see a doctor."
)


@dataclass(frozen=True)
class PainChange:
    """One series' start and latest level: the mean of its first and latest three scores."""

    context: PainContext
    start: Fraction
    latest: Fraction
    first_at: datetime
    last_at: datetime
    scores: int
    sessions: int

    @property
    def drop(self) -> Fraction:
        """Return how many points the pain fell (negative when it rose)."""
        return self.start - self.latest

    @property
    def improved(self) -> bool:
        """Say whether the fall reaches the MCID: 2 points, or 30 % and at least 1 point."""
        by_share = self.drop >= MCID_SHARE * self.start and self.drop >= MIN_POINTS_FOR_SHARE
        return self.drop >= MCID_POINTS or by_share

    @property
    def worsened(self) -> bool:
        """Say whether the pain rose by at least the MCID."""
        return -self.drop >= MCID_POINTS

    def basis(self) -> str:
        """Say what the comparison rests on, e.g. 'from 3.8 to 1.9 over 4 weeks, 14 sessions'."""
        weeks = round((self.last_at - self.first_at).days / 7)
        return (
            f"{SERIES_WORDS[self.context]} from {float(self.start):.1f} to "
            f"{float(self.latest):.1f} over {plural(weeks, 'week')}, "
            f"{plural(self.sessions, 'session')} "
            f"(mean of the first and latest {SAMPLE} of {self.scores} scores)"
        )


@dataclass(frozen=True)
class Verdict:
    """The plain-words reading of the trend, what it rests on and what to do."""

    kind: VerdictKind
    basis: str
    advice: str
    function: str | None

    @property
    def label(self) -> str:
        """Return the verdict in words, e.g. 'meaningful improvement'."""
        return LABELS[self.kind]

    def sentence(self) -> str:
        """Return the verdict with its basis as one sentence."""
        return f"{self.label[0].upper()}{self.label[1:]}: {self.basis}."


@dataclass(frozen=True)
class WeekPain:
    """One calendar week's mean pain per series (None without scores) and its sessions."""

    monday: date
    before: float | None
    diary: float | None
    sessions: int


@dataclass(frozen=True)
class Trends:
    """Everything the trend views, charts and report show, computed once."""

    now: datetime
    since: datetime | None
    scores: PainScores  # the before-session and diary scores in the window, summed up
    weeks: tuple[WeekPain, ...]
    change: PainChange | None
    per_session: float | None  # mean of pain after minus pain before, per session
    sessions_with_both: int
    adherence: Adherence
    function: FunctionChange | None
    verdict: Verdict


def _mean(values: Sequence[int]) -> Fraction:
    return Fraction(sum(values), len(values))


def pain_change(scores: PainScores, summaries: Sequence[SessionSummary]) -> PainChange | None:
    """Return the first series with enough scores (before-session, then diary), or None."""
    for context in SERIES_ORDER:
        series = scores.series.get(context)
        if series is None or series.count < 2 * SAMPLE:
            continue
        first_at, last_at = series.first[0].recorded_at, series.latest[-1].recorded_at
        if last_at - first_at < MIN_SPAN:
            continue
        sessions = sum(
            1
            for s in summaries
            if s.session.status is not SessionStatus.IN_PROGRESS
            and first_at <= s.session.started_at <= last_at
        )
        return PainChange(
            context=context,
            start=_mean([p.score for p in series.first]),
            latest=_mean([p.score for p in series.latest]),
            first_at=first_at,
            last_at=last_at,
            scores=series.count,
            sessions=sessions,
        )
    return None


def weekly_pain(
    scores: PainScores, summaries: Sequence[SessionSummary], now: datetime
) -> tuple[WeekPain, ...]:
    """Return each calendar week's mean before-session and diary pain, oldest first."""
    sums: dict[date, dict[PainContext, float]] = {}
    sessions: dict[date, int] = {}
    for week_sums in scores.weeks:
        if week_sums.count:
            mean = week_sums.total / week_sums.count
            sums.setdefault(week_sums.monday, {})[week_sums.context] = mean
    for summary in summaries:
        week = monday_of(summary.session.started_at.astimezone(now.tzinfo).date())
        sessions[week] = sessions.get(week, 0) + 1
        sums.setdefault(week, {})
    return tuple(
        WeekPain(
            week,
            by.get(PainContext.BEFORE),
            by.get(PainContext.DIARY),
            sessions.get(week, 0),
        )
        for week, by in sorted(sums.items())
    )


def _verdict(
    change: PainChange | None,
    scores: PainScores,
    function: FunctionChange | None,
    now: datetime,
) -> Verdict:
    """Decide the verdict: the pain rule first, then enough data, then the MCID."""
    function_words = function.sentence() if function else None
    rule = check_persistent_pain(scores.recent, now)
    if rule.see_doctor and rule.advice:
        reasons = " and ".join(RULE_REASONS[reason] for reason in rule.reasons)
        basis = f"{reasons}; {change.basis()}" if change else reasons
        return Verdict(VerdictKind.SEE_DOCTOR, basis, rule.advice, function_words)
    if change is None:
        basis = (
            f"fewer than {2 * SAMPLE} before-session or diary scores spread over at least "
            f"{MIN_SPAN.days} days"
        )
        return Verdict(VerdictKind.TOO_EARLY, basis, IMPROVEMENT_TAKES_TIME, function_words)
    if change.improved:
        kind = VerdictKind.IMPROVING
    elif change.worsened:
        kind = VerdictKind.WORSE
    else:
        kind = VerdictKind.NO_CLEAR_CHANGE
    advice = WORSE_ADVICE if kind is VerdictKind.WORSE else IMPROVEMENT_TAKES_TIME
    return Verdict(kind, change.basis(), advice, function_words)


def verdict_kind(scores: PainScores, psfs: Sequence[PsfsRecord], now: datetime) -> VerdictKind:
    """Return the verdict's kind as trends_of decides it over the whole history.

    The sessions a pain change spans only change its wording, so none are needed here.
    """
    return _verdict(pain_change(scores, ()), scores, function_change(psfs), now).kind


def compute_trends(
    summaries: Sequence[SessionSummary],
    pains: Sequence[PainEntryRecord],
    psfs: Sequence[PsfsRecord],
    now: datetime,
    *,
    since: datetime | None = None,
    planned_per_week: int = PLANNED_SESSIONS_PER_WEEK,
) -> Trends:
    """Compute weekly pain, change, adherence, function and the verdict from `since` to now.

    now's time zone decides calendar days and weeks; pass the person's local time. The pain
    rule always sees the whole history, as it does after every session.
    """
    # Scores given around a demonstration are left out with it: someone trying the player at
    # 50 times speed rarely answers the pain question with care.
    kept = scores_outside_demos(pains, summaries)
    scores = pain_scores_of(kept, now, since)
    return trends_of(summaries, scores, psfs, now, since=since, planned_per_week=planned_per_week)


def trends_of(
    summaries: Sequence[SessionSummary],
    scores: PainScores,
    psfs: Sequence[PsfsRecord],
    now: datetime,
    *,
    since: datetime | None = None,
    planned_per_week: int = PLANNED_SESSIONS_PER_WEEK,
) -> Trends:
    """Compute the trends from pain already summed up (outside demos), as compute_trends does."""
    real = [s for s in summaries if not s.session.demo]
    shown = [s for s in real if s.counts and (since is None or s.session.started_at >= since)]
    deltas = [
        s.pain_after - s.pain_before
        for s in shown
        if s.pain_after is not None and s.pain_before is not None
    ]
    function = function_change([e for e in psfs if since is None or e.taken_at >= since])
    change = pain_change(scores, shown)
    return Trends(
        now=now,
        since=since,
        scores=scores,
        weeks=weekly_pain(scores, shown, now),
        change=change,
        per_session=sum(deltas) / len(deltas) if deltas else None,
        sessions_with_both=len(deltas),
        adherence=adherence(
            [s for s in real if since is None or s.session.started_at >= since],
            now,
            planned_per_week,
        ),
        function=function,
        verdict=_verdict(change, scores, function, now),
    )
