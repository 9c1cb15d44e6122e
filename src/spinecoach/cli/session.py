"""A guided session in the terminal: ask, play and print; the use cases live in coaching."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import typer

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import Routine
from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.cli.function import ask_ratings
from spinecoach.cli.nothing_fits import left_out_lines, nothing_fits_line
from spinecoach.cli.profile import ask_profile_once
from spinecoach.cli.prompts import Prompter
from spinecoach.cli.questions import ask_preferences
from spinecoach.cli.screen import run_screening
from spinecoach.cli.voice import Speaker
from spinecoach.clock import Clock
from spinecoach.coaching.cautions import session_cautions
from spinecoach.coaching.function_scale import psfs_offer, save_psfs
from spinecoach.coaching.preferences import SessionPreferences, remember, remembered
from spinecoach.coaching.safety_gate import refuse_unless_safe, safety_gate
from spinecoach.coaching.session_end import Ending, finish_session
from spinecoach.coaching.sessions import (
    PainDetails,
    Prepared,
    begin_prepared,
    interrupted_session,
    pain_before_of,
    prepare,
    record_exercise,
    record_session_pain,
)
from spinecoach.coaching.stopped_words import where_it_stopped
from spinecoach.coaching.summary import SessionSummary, exercise_name, summarise_session
from spinecoach.errors import NothingFitsError, ScreeningNeededError, SpinecoachError
from spinecoach.planning import Constraints, routine_from_dict
from spinecoach.playback import Event, ExerciseEnded, Finished, Playback, StopReason
from spinecoach.records import PainContext, PersonRecord, ResumableSession
from spinecoach.safety.pain import STOP_AND_REST_ADVICE
from spinecoach.store.repository import Repository
from spinecoach.timeline import compile_timeline, total_seconds
from spinecoach.words import plural

Player = Callable[[Routine, Playback, Speaker, Clock, Callable[[Event], None]], Finished]


@dataclass(frozen=True)
class SessionChoices:
    """Everything the person chose on the command line for this session."""

    constraints: Constraints
    details: PainDetails
    speed: float
    plain: bool
    resume: bool | None
    ask: bool = False

    def with_preferences(self, preferences: SessionPreferences) -> "SessionChoices":
        """Return these choices with the answers to the questions before a session."""
        constraints = replace(preferences.constraints(), experience=self.constraints.experience)
        region = next((r for r in SpineRegion if r in preferences.regions), None)
        details = PainDetails(
            region=region.value if region else None,
            kind=preferences.kind.value if preferences.kind else None,
        )
        return replace(self, constraints=constraints, details=details)


def ensure_screened(
    repository: Repository, person: PersonRecord, now: datetime, plain: bool
) -> None:
    """Run the red-flag screen when none is valid, then refuse unless stretching is safe."""
    outcome = safety_gate(repository, person, now).outcome
    if outcome is None:
        if plain:
            raise ScreeningNeededError(
                "no safety screen in the last 30 days; answer it first with "
                "`spinecoach screen` or `spinecoach screen --answers FILE.json`"
            )
        outcome = run_screening(repository, person, now)
    refuse_unless_safe(outcome)


def offer_function_scale(
    repository: Repository, person: PersonRecord, now: datetime, plain: bool, prompter: Prompter
) -> None:
    """Offer the activity scale (PSFS) when due; plain mode only says so, to keep its input."""
    offer = psfs_offer(repository, person, now)
    if offer is None:
        return
    if plain:
        typer.echo("The activity check (PSFS) is due: fill it in with `spinecoach function`.")
        return
    if prompter.confirm(
        "Time for the activity check: rate how well you can do what your back makes hard"
        " (about a minute). Do it now?"
    ):
        save_psfs(repository, person, ask_ratings(prompter, offer.activities), now)
        typer.echo("Saved. You will be asked again in two weeks.")


def choose_routine(
    repository: Repository,
    person: PersonRecord,
    choices: SessionChoices,
    catalog: Catalog,
    now: datetime,
) -> Prepared:
    """Resume or plan, as decided by the options or by offer_resume (plain: start afresh)."""
    resume = bool(choices.resume)
    try:
        prepared = prepare(
            repository, person, choices.constraints, catalog, now, resume, choices.speed
        )
    except SpinecoachError as error:
        raise worded_for_terminal(error, choices.constraints) from error
    if prepared.alongside:
        others = plural(prepared.alongside, "other session", "other sessions")
        typer.echo(
            f"{others} of yours {'is' if prepared.alongside == 1 else 'are'} playing right now;"
            " this one runs alongside and leaves them alone."
        )
    return prepared


def worded_for_terminal(error: SpinecoachError, constraints: Constraints) -> SpinecoachError:
    """Return a resume refusal worded with the options that change it; others as they are."""
    if error.field == "routine":
        advice = (
            f"resume it without naming a routine, or use --no-resume to start {constraints.routine}"
        )
    elif error.field == "minutes":
        advice = "Use --no-resume to plan a shorter session."
    elif error.field == "resume" and isinstance(error, NothingFitsError):
        advice = "Use --no-resume to plan a new session."
    elif error.field == "resume":
        advice = ""
    else:
        return error
    separator = "; " if error.field == "routine" else " "
    message = f"--resume: {error.user_message}{separator if advice else ''}{advice}"
    return type(error)(message, field=error.field)


def offer_resume(
    repository: Repository,
    person: PersonRecord,
    choices: SessionChoices,
    catalog: Catalog,
    now: datetime,
    prompter: Prompter,
) -> SessionChoices:
    """Offer to carry on an interrupted session first, before any other question."""
    if choices.resume is not None or choices.plain:
        return choices
    unfinished = interrupted_session(repository, person, now)
    if unfinished is None:
        return choices
    carry_on = prompter.confirm(resume_question(unfinished, catalog))
    return replace(choices, resume=carry_on, ask=choices.ask and not carry_on)


def resume_question(unfinished: ResumableSession, catalog: Catalog) -> str:
    """Ask about an interrupted session, saying where it stopped and what was done."""
    routine = routine_from_dict(unfinished.session.routine, catalog)
    stopped = f"Your session from {started_words(unfinished)} stopped"
    stopped += f" {where_it_stopped(unfinished, catalog)}."
    position = unfinished.next_position
    if position >= len(routine.items):
        return f"{stopped} Finish it now?"
    return f"{stopped} Carry on from the start of {routine.items[position].exercise.name}?"


def recorder(
    repository: Repository, session_id: int, clock: Clock, prepared: Prepared
) -> Callable[[Event], None]:
    """Return the event handler that writes each ended exercise the moment it ends."""

    def on_event(event: Event) -> None:
        if isinstance(event, ExerciseEnded):
            position = prepared.stored_position(event.position)
            record_exercise(repository, session_id, event, clock.now(), position)

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
) -> Finished | None:
    """Screen, ask, play and record one session; return how it ended, or None if not started."""
    ensure_screened(repository, person, clock.now(), choices.plain)
    if not choices.plain:  # plain mode reads a fixed list of answers; it is asked nothing new
        person = ask_profile_once(repository, person, clock.now(), prompter)
    choices = offer_resume(repository, person, choices, catalog, clock.now(), prompter)
    if not choices.resume:  # carrying on skips the questions a new session asks
        offer_function_scale(repository, person, clock.now(), choices.plain, prompter)
    prepared = None
    while prepared is None:
        if choices.ask:
            preferences = ask_preferences(remembered(repository, person))
            remember(repository, person, preferences, clock.now())
            choices = choices.with_preferences(preferences)
        try:
            prepared = choose_routine(repository, person, choices, catalog, clock.now())
        except NothingFitsError as error:
            if not choices.ask:
                raise
            typer.echo(f"\n{nothing_fits_line(error)}\nPlease choose again.", err=True)
    routine = prepared.routine
    if choices.ask and prepared.resumed is None and not confirm_plan(routine, prompter):
        typer.echo("Nothing was started. Run `spinecoach session` again to choose differently.")
        return None
    cues = compile_timeline(routine)
    session_id = prepared.session_id
    if prepared.resumed is not None:
        print_resuming(prepared.resumed, routine, prepared.first_exercise, catalog)
    # A resumed session keeps the pain score it started with: one pain-before per session.
    if session_id is None or pain_before_of(repository, person, session_id) is None:
        pain_before = prompter.pain("How much does your back hurt right now?")
        if session_id is None:
            begun = begin_prepared(
                repository,
                person,
                prepared,
                pain_before,
                choices.details,
                clock.now(),
                speed=choices.speed,
            )
            session_id = begun.session.id
            if begun.closed is not None:
                typer.echo(closed_sentence(begun.closed))
        else:
            record_session_pain(
                repository,
                person,
                session_id,
                pain_before,
                PainContext.BEFORE,
                choices.details,
                clock.now(),
            )
    if not choices.ask or prepared.resumed is not None:  # a shown plan already listed them
        for note in [*left_out_lines(routine, prepared.resumed is not None), *routine.notes]:
            typer.echo(f"Note: {note}")
    for caution in session_cautions(repository, person):
        typer.echo(f"Watch for: {caution}")
    playback = Playback(cues, speed=choices.speed, first_exercise=prepared.first_exercise)
    on_event = recorder(repository, session_id, clock, prepared)
    finished = player(routine, playback, speaker, clock, on_event)
    if finished.reason is StopReason.PAIN:
        typer.echo(f"\n{STOP_AND_REST_ADVICE}")
    try:
        pain_after = prompter.pain("How much does your back hurt now?")
        note = prompter.text("Anything to note about this session? (Enter to skip)")
    except KeyboardInterrupt:
        raise  # stays in progress: the next session offers to resume it
    except BaseException:
        ending = Ending(finished.reason, stretching=finished.stretching)
        finish_session(repository, person, session_id, ending, clock.now())
        raise
    ending = Ending(finished.reason, pain_after, note or None, choices.details, finished.stretching)
    finish_session(repository, person, session_id, ending, clock.now())
    print_summary(summarise_session(repository, person, session_id, catalog, clock.now()))
    return finished


def started_words(unfinished: ResumableSession) -> str:
    """Return when an unfinished session started, in local time: "05 Jan 18:05"."""
    return unfinished.session.started_at.astimezone().strftime("%d %b %H:%M")


def closed_sentence(closed: ResumableSession) -> str:
    """Say which unfinished session was closed to make way for today's, and how far it got."""
    done = sum(not result.skipped for result in closed.results)
    planned = closed.session.routine.get("exercises")
    total = len(planned) if isinstance(planned, list) else len(closed.results)
    return (
        f"Your unfinished session from {started_words(closed)} ({done} of "
        f"{plural(total, 'stretch', 'stretches')} done) was closed; today's session starts fresh."
    )


def print_resuming(
    resumed: ResumableSession, routine: Routine, first_exercise: int, catalog: Catalog
) -> None:
    """Say which session is resumed, what it already did and what is left to play."""
    started = started_words(resumed)
    # A result may name a stretch the catalogue no longer has: say its id rather than fail.
    done = [exercise_name(catalog, r.exercise_id) for r in resumed.results]
    left = [item.exercise.name for item in routine.items[first_exercise:]]
    typer.echo(
        f"Carrying on with your session from {started}. Done: {', '.join(done) or 'nothing yet'}."
        f" Now: {', '.join(left) or 'only the close'}."
    )


def confirm_plan(routine: Routine, prompter: Prompter) -> bool:
    """Show the planned routine with its length and ask whether to start it."""
    from spinecoach.cli.render import console, routine_table

    console().print()
    console().print(routine_table(routine, total_seconds(compile_timeline(routine))))
    return prompter.confirm("Start this routine now?")


def print_summary(summary: SessionSummary) -> None:
    """Print what was done, how long it took, pain before and after, and what happens next."""
    typer.echo("\nSession summary")
    typer.echo(f"  {summary.routine_name}: {summary.ending}")
    typer.echo(f"  done: {', '.join(summary.done) or 'no stretch finished'}")
    if summary.stopped_during:
        typer.echo(f"  stopped during: {summary.stopped_during}")
    if summary.skipped:
        typer.echo(f"  skipped: {', '.join(summary.skipped)}")
    if summary.not_reached:
        typer.echo(f"  not reached: {', '.join(summary.not_reached)}")
    typer.echo(f"  time: {summary.minutes:.1f} min")
    if summary.pain_before is not None and summary.pain_after is not None:
        typer.echo(f"  pain: {summary.pain_before}/10 before, {summary.pain_after}/10 after")
    for line in summary.advice:
        typer.echo(f"\n{line}")
