"""The real app served by uvicorn on a thread of the test process, for tests that only need a URL.

The same app, settings, HTTP server and SQLite file as `spinecoach serve`, without starting a
new Python and importing everything again for each test (about two seconds of CPU each on a
two-core machine). Tests about the command itself, its output, its processes or a server that
is killed keep using `start_server`, which runs `spinecoach serve`.
"""

import socket
import threading
from pathlib import Path

import uvicorn

from spinecoach.serving import WebSettings
from spinecoach.store.database import upgrade_to_head
from spinecoach.store.settings import resolve_settings
from spinecoach.web.app import create_app

STARTUP_SECONDS = 30


class _SignallingServer(uvicorn.Server):
    """A uvicorn server that says when it listens, or has given up, so nobody polls for it."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    def run(self, sockets: list[socket.socket] | None = None) -> None:
        """Serve until told to stop; set ready even when start-up fails, so waiting ends."""
        try:
            super().run(sockets)
        finally:
            self.ready.set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """Start listening, then say so."""
        await super().startup(sockets)
        self.ready.set()


class ThreadedServer:
    """A running app on 127.0.0.1 and the address it answers on; stop() ends it."""

    def __init__(self, db: Path | str, port: int, *, clinic: bool = False) -> None:
        """Serve the database (a SQLite file or a URL), in clinic mode if asked."""
        database_url = resolve_settings(str(db)).database_url
        upgrade_to_head(database_url)  # as `spinecoach serve` does before its workers start
        app = create_app(WebSettings(database_url=database_url, port=port, clinic=clinic))
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", server_header=False
        )
        self._server = _SignallingServer(config)
        # Not the main thread, so uvicorn leaves the test process's signal handlers alone.
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._thread.start()
        self._server.ready.wait(STARTUP_SECONDS)
        if not self._server.started:
            raise AssertionError(f"the app did not start on port {port}")

    def stop(self) -> str:
        """Stop serving (open requests finish first); return the output, which is none here."""
        self._server.should_exit = True
        self._thread.join(timeout=30)
        return ""

    def output(self) -> str:
        """Return what the server printed: nothing, it logs only warnings to the test's stderr."""
        return ""
