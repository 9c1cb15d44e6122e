"""The player's pop-up screens: confirm quitting, and rest advice after pain got worse."""

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from spinecoach.safety.pain import STOP_AND_REST_ADVICE

# Article passage doctor/3 (pain that persists needs medical attention), in our own words.
IF_PAIN_STAYS = (
    "If the pain does not settle with rest, or it keeps coming back, get medical advice "
    "from your doctor, a nurse or a physiotherapist."
)
# The cauda equina warning signs from the safety screen (NHS pathways, see SAFETY.md): worth
# repeating here because a flare-up is exactly when someone might notice them.
URGENT_SIGNS = (
    "Get urgent help at once if you notice numbness around your bottom or genitals, "
    "new weakness in your legs, or trouble passing urine."
)
PAIN_SPOKEN = "Stop now, and rest in a comfortable position."

MODAL_CSS = """
{name} {{
    align: center middle;
}}
{name} > Vertical {{
    width: 72;
    max-width: 100%;
    height: auto;
    border: thick $warning;
    background: $surface;
    padding: 1 2;
}}
{name} Static {{
    margin-bottom: 1;
}}
{name} .title {{
    text-style: bold;
    color: $warning;
    margin-bottom: 1;
}}
{name} .hint {{
    color: $text-muted;
    margin-bottom: 0;
}}
"""


class ConfirmQuitScreen(ModalScreen[bool]):
    """Ask whether to end the session; y ends it, n or Escape carries on."""

    DEFAULT_CSS = MODAL_CSS.format(name="ConfirmQuitScreen")
    BINDINGS = [  # noqa: RUF012 (Textual declares BINDINGS as a plain class attribute)
        Binding("y", "answer(True)", "Yes, end it"),
        Binding("n", "answer(False)", "No, carry on"),
        Binding("escape", "answer(False)", "Carry on", show=False),
    ]

    def __init__(self, *, by_interrupt: bool = False) -> None:
        super().__init__()
        # "Ctrl+C again" is only true when Ctrl+C opened the question, not q.
        self._by_interrupt = by_interrupt

    def compose(self) -> ComposeResult:
        """Show the question."""
        again = " (Ctrl+C again also ends it)" if self._by_interrupt else ""
        with Vertical():
            yield Static("End the session now?", classes="title")
            yield Static("The session is paused while you decide.")
            yield Static(f"Press y to end it{again}, or n to carry on.", classes="hint")
        yield Footer()

    def action_answer(self, end: bool) -> None:
        """Close the question with the answer."""
        self.dismiss(end)


class PainAdviceScreen(ModalScreen[None]):
    """Tell the person to stop and rest; any key closes it."""

    DEFAULT_CSS = MODAL_CSS.format(name="PainAdviceScreen")

    def compose(self) -> ComposeResult:
        """Show the advice in plain words."""
        with Vertical():
            yield Static("Session stopped: your pain got worse", classes="title")
            yield Static(STOP_AND_REST_ADVICE)
            yield Static(IF_PAIN_STAYS)
            yield Static(URGENT_SIGNS)
            yield Static("Press any key when you have read this.", classes="hint")

    def on_key(self, event: events.Key) -> None:
        """Close on any key once the advice has been read."""
        event.stop()
        self.dismiss(None)
