"""Clocks: the core takes one as an argument; only adapters build the system clock."""

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Monotonic seconds for scheduling and wall time for records."""

    def monotonic(self) -> float:
        """Return seconds from an arbitrary start that never go backwards."""
        ...

    def now(self) -> datetime:
        """Return the current wall-clock time, timezone-aware (UTC)."""
        ...

    def sleep_until(self, deadline: float) -> None:
        """Block until monotonic() >= deadline."""
        ...


class SystemClock:
    """The real clock; sleeps until an absolute deadline so waits never accumulate drift."""

    def monotonic(self) -> float:
        """Return time.monotonic()."""
        return time.monotonic()

    def now(self) -> datetime:
        """Return the current UTC time."""
        return datetime.now(UTC)

    def sleep_until(self, deadline: float) -> None:
        """Sleep in one call, then spin for the last millisecond to start cues on time."""
        remaining = deadline - time.monotonic()
        if remaining > 0.002:
            time.sleep(remaining - 0.0015)
        while time.monotonic() < deadline:
            pass


class FakeClock:
    """A clock that moves only when told; sleeping jumps straight to the deadline."""

    def __init__(self, start: datetime | None = None) -> None:
        self._monotonic = 0.0
        self._start = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        """Return the fake monotonic time."""
        return self._monotonic

    def now(self) -> datetime:
        """Return the start time plus the fake seconds elapsed."""
        from datetime import timedelta

        return self._start + timedelta(seconds=self._monotonic)

    def sleep_until(self, deadline: float) -> None:
        """Jump to the deadline at once."""
        self._monotonic = max(self._monotonic, deadline)

    def advance(self, seconds: float) -> None:
        """Move time forward by the given seconds."""
        self._monotonic += seconds
