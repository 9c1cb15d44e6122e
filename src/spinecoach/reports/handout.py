"""A printable handout of one routine: each exercise's figure, steps, breathing and dose.

Pure: a planned routine in, PDF bytes out. Figures come from the figures package's public
drawing function, so the sheet shows the same body as the gallery and the player. The breathing
line is read from the compiled timeline, so it says what the voice says, side and step included.
"""

from collections.abc import Sequence
from datetime import datetime

from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.catalog.vocabulary import Sides
from spinecoach.figures.drawings import figure_svg
from spinecoach.reports.pdf_layout import ACCENT, MUTED, Document
from spinecoach.safety.pain import STOP_AND_REST_ADVICE
from spinecoach.timeline import Cue, CueKind, compile_timeline
from spinecoach.words import plural

FIGURE_WIDTH = 52.0  # mm; the text column takes the rest of the line
FIGURE_HEIGHT = 48.0  # mm at most, so a tall chair figure does not take half a page
GUTTER = 5.0
BREATH_WORDS = {
    CueKind.INHALE: "in",
    CueKind.EXHALE: "out",
    CueKind.HOLD: "hold",
    CueKind.RELEASE: "release",
}
SAFETY_POINTS = (
    "Stretch only to a gentle pull, never into pain, and keep breathing slowly throughout.",
    f"If the pain gets worse: {STOP_AND_REST_ADVICE[0].lower()}{STOP_AND_REST_ADVICE[1:]}",
    "If the pain does not ease over a few weeks, or keeps coming back, see a doctor, who can"
    " look for the cause.",
    "Call your emergency number at once for new trouble passing urine or controlling your"
    " bladder or bowels, numbness around the genitals or buttocks, or new weakness in the legs.",
)


def dose_words(item: PlannedExercise) -> str:
    """Describe today's dose, e.g. '3 repetitions, hold 20 s, each side'."""
    hold = f", hold {item.hold_seconds} s" if item.hold_seconds else ""
    sides = ", each side" if item.exercise.dose.sides is Sides.EACH else ""
    return f"{plural(item.repetitions, 'repetition')}{hold}{sides}"


def dose_label(item: PlannedExercise, routine: Routine) -> str:
    """Say whose dose this is: moved by the person's own sessions, or still the starting one."""
    moved = {progress.exercise for progress in routine.progress}
    return "Your dose now" if item.exercise.id in moved else "Starting dose"


def doses_sentence(routine: Routine) -> str:
    """Say where the sheet's doses come from, so a printed sheet is not mistaken for the plan."""
    if routine.progress:
        return (
            "The doses are the ones your next session plans, grown from your sessions so far; "
            "print a new sheet as they change."
        )
    return "These are starting doses: the app raises them as you do good sessions."


def breathing_words(item: PlannedExercise, cues: Sequence[Cue]) -> str:
    """Describe the first repetition as the timeline plays it: words, breath, time and step."""
    first_side = item.sides[0]
    parts = []
    for cue in cues:
        if cue.exercise == item.exercise.id and cue.side == first_side and cue.repetition == 1:
            step = f", step {cue.step.number}" if cue.step else ""
            words = cue.text.removesuffix(".")
            parts.append(f"{words} ({BREATH_WORDS[cue.kind]}, {cue.duration:g} s{step}).")
    if len(item.sides) > 1 and item.sides[1] is not None:
        parts.append(f"Then the same on the {item.sides[1].value} side.")
    return " ".join(parts)


def _exercise(
    pdf: Document, number: int, item: PlannedExercise, cues: Sequence[Cue], label: str
) -> None:
    exercise = item.exercise
    svg = figure_svg(exercise.id)
    if pdf.get_y() > pdf.h - 75:
        pdf.add_page()
    top = pdf.get_y() + 1
    pdf.use(12.5, bold=True, colour=ACCENT)
    pdf.cell(0, 6, pdf.safe(f"{number}. {exercise.name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.use(9.5, bold=True)
    pdf.cell(0, 5, pdf.safe(f"{label}: {dose_words(item)}"), new_x="LMARGIN", new_y="NEXT")
    figure_top = pdf.get_y() + 1
    figure_height = pdf.picture(svg, pdf.l_margin, figure_top, FIGURE_WIDTH, FIGURE_HEIGHT)
    text_left = pdf.l_margin + FIGURE_WIDTH + GUTTER
    pdf.set_left_margin(text_left)
    pdf.set_xy(text_left, figure_top)
    pdf.para(f"Start: {item.position.get_into}", 8.5)
    for index, step in enumerate(exercise.listed_steps, start=1):
        pdf.para(f"{index}. {step}", 8.5)
    pdf.para(f"Breathing: {breathing_words(item, cues)}", 8, colour=MUTED)
    for caution in exercise.cautions:
        who = caution.who[0].lower() + caution.who[1:]
        pdf.para(f"Caution for {who}: {caution.advice}", 8, colour=MUTED)
    pdf.set_left_margin(pdf.r_margin)
    pdf.set_y(max(pdf.get_y(), figure_top + figure_height) + 3)
    if pdf.get_y() < top:  # the text ran onto a new page; start the next exercise below it
        pdf.set_y(pdf.t_margin)
    pdf.line(pdf.l_margin, pdf.get_y() - 1.5, pdf.w - pdf.r_margin, pdf.get_y() - 1.5)


def handout_pdf(
    routine: Routine, now: datetime, name: str | None = None, left_out: Sequence[str] = ()
) -> bytes:
    """Return a printable sheet of the routine: safety first, then each exercise in order.

    Pass the routine the planner gives the person today (with their history), so the sheet's
    doses are the ones their sessions will play; its progress tells which doses have moved.
    With a name, the sheet says whose it is at the top and at the foot of every page.
    left_out holds one sentence per stretch of the routine the planner left out, and why, so
    a sheet with five stretches does not leave the person wondering where the sixth went.
    """
    footer = f"spinecoach · {routine.name}" + (f" · for {name}" if name else "")
    pdf = Document(f"{routine.name}: stretching handout", footer, now)
    pdf.use(17, bold=True)
    pdf.cell(0, 8, pdf.safe(routine.name), new_x="LMARGIN", new_y="NEXT")
    if name:
        pdf.para(f"For {name}", 11, bold=True)
    count = len(routine.items)
    pdf.para(
        f"{plural(count, 'stretch', 'stretches')} for the lower back, in this order, resting "
        f"{routine.rest_seconds} s between them. {doses_sentence(routine)} "
        f"Printed {now:%d %b %Y}.",
        9.5,
        colour=MUTED,
    )
    if left_out:
        pdf.heading("Left out for now", 11)
        for sentence in left_out:
            pdf.para(f"•  {sentence}", 9)
        pdf.ln(2)
    pdf.heading("Safety first", 11)
    for point in SAFETY_POINTS:
        pdf.para(f"•  {point}", 9)
    pdf.ln(2)
    cues = compile_timeline(routine)
    for number, item in enumerate(routine.items, start=1):
        _exercise(pdf, number, item, cues, dose_label(item, routine))
    return bytes(pdf.output())
