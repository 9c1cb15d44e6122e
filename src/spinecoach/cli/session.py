"""A guided session: check safety, ask pain, play the routine, record each step as it happens."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import typer

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import Routine
from spinecoach.cli.prompts import Prompter
from spinecoach.cli.screen import run_screening
from spinecoach.cli.voice import Speaker
from spinecoach.clock import Clock
from spinecoach.errors import InvalidInputError, UnsafeRoutineError
from spinecoach.planning import Constraints, PastSession, plan, routine_from_dict
from spinecoach.playback import Event, ExerciseEnded, Finished, Playback, StopReason
from spinecoach.records import PainContext, PersonRecord, SessionStatus
from spinecoach.reports.history import past_sessions, summarise
from spinecoach.safety.pain import (
    IMPROVEMENT_TAKES_TIME,
    STOP_AND_REST_ADVICE,
    PainEntry,
    check_persistent_pain,
)
from spinecoach.safety.screening import Outcome, screening_due
from spinecoach.store.repository import Repository
from spinecoach.timeline import compile_timeline, total_seconds
from spinecoach.words import plural

STATUS_FOR = {
    StopReason.FINISHED: SessionStatus.COMPLETED,
    StopReason.PAIN: SessionStatus.STOPPED_PAIN,
    StopReason.QUIT: SessionStatus.QUIT,
}
ENDINGS = {
    SessionStatus.COMPLETED: "completed",
    SessionStatus.STOPPED_PAIN: "stopped because your pain got worse",
    SessionStatus.QUIT: "stopped early",
    SessionStatus.IN_PROGRESS: "still in progress",
}
Player = Callable[[Routine, Playback, Speaker, Clock, Callable[[Event], None]], Finished]


@dataclass(frozen=True)
class SessionChoices:
    """Everything the person chose on the command line for this session."""

    constraints: Constraints
    region: str | None
    kind: str | None
    speed: float
    plain: bool
    resume: bool | None


def ensure_screened(
    repository: Repository, person: PersonRecord, now: datetime, plain: bool
) -> None:
    """Run the red-flag screen when none is on record or the last is over 30 days old."""
    latest = repository.latest_screening(person.id)
    if latest is None or screening_due(latest.taken_at, now):
        if plain:
            raise UnsafeRoutineError(
                "no safety screen in the last 30 days; answer it first with "
                "`spinecoach screen` or `spinecoach screen --answers FILE.json`"
            )
        outcome = run_screening(repository, person, now)
    else:
        outcome = Outcome(latest.outcome.value)
    if outcome is Outcome.EMERGENCY:
        raise UnsafeRoutineError(
            "your safety screen found a reason to get urgent help: do not stretch. "
            "Call your emergency number or go to the emergency department now."
        )
    if outcome is Outcome.SEE_DOCTOR:
        raise UnsafeRoutineError(
            "your safety screen says to see a doctor before stretching. Once a doctor "
            "has checked you, answer the screen again with `spinecoach screen`."
        )


def history_for_planning(repository: Repository, person: PersonRecord) -> list[PastSession]:
    """Return the person's ended sessions as the planner sees them."""
    sessions = repository.sessions(person.id)
    results = {session.id: repository.exercise_results(session.id) for session in sessions}
    return past_sessions(summarise(sessions, results, repository.pain_entries(person.id)))


def choose_routine(
    repository: Repository,
    person: PersonRecord,
    choices: SessionChoices,
    catalog: Catalog,
    now: datetime,
    prompter: Prompter,
) -> tuple[Routine, int, int | None]:
    """Return the routine, the exercise to start from, and the session id when resuming."""
    unfinished = repository.unfinished_session(person.id)
    resume = choices.resume
    if unfinished is not None:
        if resume is None and choices.plain:
            resume = False
        if resume is None:
            started = unfinished.session.started_at.strftime("%d %b %H:%M")
            resume = prompter.confirm(
                f"Your session from {started} stopped after "
                f"{plural(len(unfinished.results), 'exercise')}. Resume it?"
            )
        if resume:
            routine = routine_from_dict(unfinished.session.routine, catalog)
            return routine, unfinished.next_position, unfinished.session.id
        repository.finish_session(unfinished.session.id, status=SessionStatus.QUIT, ended_at=now)
        typer.echo("The interrupted session was closed; --resume continues one next time.")
    elif resume:
        raise InvalidInputError("--resume: there is no interrupted session to resume")
    routine = plan(
        choices.constraints, history_for_planning(repository, person), now.date(), catalog
    )
    return routine, 0, None


def recorder(repository: Repository, session_id: int, clock: Clock) -> Callable[[Event], None]:
    """Return the event handler that writes each ended exercise the moment it ends."""

    def on_event(event: Event) -> None:
        if isinstance(event, ExerciseEnded):
            repository.record_exercise_result(
                session_id,
                exercise_id=event.exercise,
                position=event.position,
                completed_at=clock.now(),
                repetitions_done=event.repetitions_done,
                hold_seconds_actual=event.hold_seconds,
                skipped=event.skipped,
            )

    return on_event


def run_session(
    repository: Repository,
    person: PersonRecord,
    choices: SessionChoices,
    catalog: Catalog,
    clock: Clock,
    prompter: Prompter,
    player: Player,
    speaker: Speaker,
) -> Finished:
    """Screen, ask pain, play and record one session; return how it ended."""
    ensure_screened(repository, person, clock.now(), choices.plain)
    routine, first, session_id = choose_routine(
        repository, person, choices, catalog, clock.now(), prompter
    )
    cues = compile_timeline(routine)
    pain_before = prompter.pain("How much does your back hurt right now?")
    if session_id is None:
        session_id = repository.start_session(
            person.id,
            started_at=clock.now(),
            routine_id=routine.id,
            routine=routine.to_dict(),
            planned_seconds=round(total_seconds(cues)),
        ).id

    def record_pain(score: int, context: PainContext, note: str | None = None) -> None:
        repository.record_pain(
            person.id,
            recorded_at=clock.now(),
            score=score,
            context=context,
            region=choices.region,
            kind=choices.kind,
            note=note,
            session_id=session_id,
        )

    record_pain(pain_before, PainContext.BEFORE)
    for note in routine.notes:
        typer.echo(f"Note: {note}")
    playback = Playback(cues, speed=choices.speed, first_exercise=first)
    finished = player(routine, playback, speaker, clock, recorder(repository, session_id, clock))
    if finished.reason is StopReason.PAIN:
        typer.echo(f"\n{STOP_AND_REST_ADVICE}")
    try:
        pain_after = prompter.pain("How much does your back hurt now?")
        note = prompter.text("Anything to note about this session? (Enter to skip)")
    except KeyboardInterrupt:
        raise  # stays in progress: the next session offers to resume it
    except BaseException:
        repository.finish_session(
            session_id, status=STATUS_FOR[finished.reason], ended_at=clock.now()
        )
        raise
    repository.finish_session(session_id, status=STATUS_FOR[finished.reason], ended_at=clock.now())
    record_pain(pain_after, PainContext.AFTER, note or None)
    print_summary(repository, person, session_id, pain_before, pain_after, clock.now())
    return finished


def print_summary(
    repository: Repository,
    person: PersonRecord,
    session_id: int,
    pain_before: int,
    pain_after: int,
    now: datetime,
) -> None:
    """Print what was done, how long it took, pain before and after, and any advice."""
    session = next(s for s in repository.sessions(person.id) if s.id == session_id)
    results = repository.exercise_results(session_id)
    done = [r.exercise_id for r in results if not r.skipped]
    skipped = [r.exercise_id for r in results if r.skipped]
    minutes = ((session.ended_at or now) - session.started_at).total_seconds() / 60
    typer.echo("\nSession summary")
    typer.echo(f"  ended: {ENDINGS[session.status]}")
    typer.echo(f"  done: {', '.join(done) or 'nothing'}")
    if skipped:
        typer.echo(f"  skipped: {', '.join(skipped)}")
    typer.echo(f"  time: {minutes:.1f} min")
    typer.echo(f"  pain: {pain_before}/10 before, {pain_after}/10 after")
    entries = [PainEntry(e.recorded_at, e.score) for e in repository.pain_entries(person.id)]
    persistent = check_persistent_pain(entries, now)
    if persistent.advice:
        typer.echo(f"\n{persistent.advice}")
    typer.echo(f"\n{IMPROVEMENT_TAKES_TIME}")
