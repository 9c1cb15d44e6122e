"""Readable terminal output for exercises, routines and timelines (Rich)."""

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import Routine
from spinecoach.catalog.schema import Exercise
from spinecoach.catalog.vocabulary import region_word
from spinecoach.cli.nothing_fits import left_out_lines
from spinecoach.coaching.fit_words import adapted_from_words
from spinecoach.timeline import Cue, total_seconds
from spinecoach.words import plural


def clock_time(seconds: float) -> str:
    """Format seconds as m:ss."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def exercise_table(catalog: Catalog) -> Table:
    """Return a table of all exercises with position, places and regions."""
    table = Table(title="The stretches", title_justify="left")
    table.add_column("id", no_wrap=True)  # people type these; never truncate them
    for column in ("name", "position", "places", "where it helps"):
        table.add_column(column)
    for exercise in catalog.exercises.values():
        table.add_row(
            exercise.id,
            exercise.name,
            catalog.position(exercise.position).name,
            ", ".join(exercise.places),
            ", ".join(region_word(region) for region in exercise.spine_regions),
        )
    return table


def exercise_detail(exercise: Exercise, catalog: Catalog) -> Group:
    """Return one exercise's steps, dose, cautions and deviations for reading."""
    dose = exercise.dose
    hold = f", hold {dose.hold_seconds.default} s" if dose.hold_seconds else ""
    sides = " on each side" if dose.sides == "each" else ""
    parts: list[Text | Panel] = [
        Text(exercise.name, style="bold"),
        Text(exercise.summary),
        Text(f"Start: {catalog.position(exercise.position).get_into}", style="dim"),
        Text(""),
    ]
    steps = "\n".join(f"{number}. {step}" for number, step in enumerate(exercise.listed_steps, 1))
    first_side = exercise.sides_in_order[0]
    title = f"How to do it, {first_side.value} side first" if first_side else "How to do it"
    parts.append(Panel(steps, title=title, title_align="left"))
    parts.append(Text(f"Dose: {plural(dose.repetitions.default, 'repetition')}{hold}{sides}."))
    parts.append(Text(f"Why these numbers: {dose.basis}", style="dim"))
    for caution in exercise.cautions:
        parts.append(Text(f"Caution, {caution.who.lower()}: {caution.advice}", style="yellow"))
    for deviation in exercise.deviations:
        parts.append(Text(f"Differs from the article: {deviation.we_say} ({deviation.reason})"))
    adapted = adapted_from_words(exercise, catalog)
    if adapted and exercise.adapted_from:
        parts.append(Text(f"{adapted} {exercise.adapted_from.changes}"))
        parts += [
            Text(f"Source: {reference}", style="dim")
            for reference in exercise.adapted_from.references
        ]
    return Group(*parts)


def routine_table(routine: Routine, seconds: float) -> Group:
    """Return a routine's exercises with doses, its length and the planner's notes."""
    table = Table(title=f"{routine.name} ({clock_time(seconds)})", title_justify="left")
    for column in ("#", "exercise", "repetitions", "hold", "sides"):
        table.add_column(column)
    for number, item in enumerate(routine.items, 1):
        hold = f"{item.hold_seconds} s" if item.hold_seconds else "-"
        sides = "each side" if item.exercise.dose.sides == "each" else "-"
        table.add_row(str(number), item.exercise.name, str(item.repetitions), hold, sides)
    lines = [*left_out_lines(routine), *routine.notes]
    notes = [Text(f"• {note}", style="dim") for note in lines]
    return Group(table, *notes)


def timeline_table(cues: Sequence[Cue]) -> Table:
    """Return every cue with its start time, length and text."""
    table = Table(title=f"Timeline ({clock_time(total_seconds(cues))})", title_justify="left")
    for column in ("at", "for", "cue", "text"):
        table.add_column(column)
    for cue in cues:
        side = f" ({cue.side.value})" if cue.side else ""
        table.add_row(clock_time(cue.at), f"{cue.duration:g} s", cue.kind.value + side, cue.text)
    return table


def console() -> Console:
    """Return the console all commands print through."""
    return Console(highlight=False)
