"""A real terminal for CLI tests: tmux runs the command, and the test reads the rendered screen."""

import shlex
import subprocess
import time
import uuid


class Terminal:
    """A tmux pane running one command; read it as rendered text, type into it."""

    def __init__(
        self, command: str, env: dict[str, str], columns: int = 100, lines: int = 30
    ) -> None:
        self.name = f"spinecoach-{uuid.uuid4().hex[:8]}"
        exports = " ".join(
            f"{k}={shlex.quote(v)}" for k, v in env.items() if k.startswith("SPINECOACH")
        )
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(columns),
                "-y",
                str(lines),
                # No COLUMNS or LINES from the server's environment: the pane's own size counts.
                f"env -u COLUMNS -u LINES {exports} {command}; echo EXIT=$?; sleep 60",
            ],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def history(self) -> list[str]:
        """Return every row the pane has shown, scrolled-off ones too, trailing blanks cut."""
        shown = subprocess.run(
            ["tmux", "capture-pane", "-p", "-S", "-", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [row.rstrip() for row in shown.splitlines()]

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)
