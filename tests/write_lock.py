"""Another process holding a SQLite file's write lock until the test lets go of it."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# What a terminal session or a restore does to the file: BEGIN IMMEDIATE, then a long pause.
HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


class WriteLock:
    """A process that holds the write lock of a SQLite file until released."""

    def __init__(self, db: Path) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        said = self._process.stdout.readline().strip()
        assert said == "locked", f"the lock holder said {said!r}"

    def release(self) -> None:
        """Let go of the lock and wait for the process to end."""
        if self._process.poll() is None:
            assert self._process.stdin is not None
            self._process.stdin.write("\n")
            self._process.stdin.close()
            self._process.wait(timeout=30)
        if self._process.stdout is not None:
            self._process.stdout.close()


@contextmanager
def write_lock(db: Path) -> Iterator[WriteLock]:
    """Hold the file's write lock in another process; released at the latest on leaving."""
    lock = WriteLock(db)
    try:
        yield lock
    finally:
        lock.release()
