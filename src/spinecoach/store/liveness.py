"""Whether a session in progress is still being played by some process, so nobody else ends it.

Why a heartbeat with the owner's host and pid, not a lock: a lock (a file lock on SQLite, an
advisory lock on PostgreSQL) lives as long as one process and one connection, but a web session
is a series of requests that any worker may serve, from a tab that may sleep. What every front
end can do is write: the session row records who plays it (host and pid) and when it last
wrote (at start and with each exercise). On the same host the owner's pid answers "alive?"
exactly, even during a long pause; from another host only the heartbeat's age can.

A browser's session is owned by the browser (host "browser:<its token>"), not by a process: any web
worker serves its requests. It never counts as live: a tab goes away without a word (closed, a
phone asleep), and the person who opens the app again, in this browser or another, expects to
carry on where they stopped. Whoever carries on claims it; the browser that played it before
is then refused (store/result_batches.py: a ConflictError) rather than writing beside it.
"""

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from spinecoach.records import SessionRecord, SessionStatus

# Another host's session counts as alive this long after its last write: longer than any
# exercise takes at normal speed, plus a pause to answer the door.
REMOTE_SILENCE_LIMIT = timedelta(minutes=15)
# A same-host pid older than this is assumed to be a new process that reused a dead one's pid.
LOCAL_SILENCE_LIMIT = timedelta(hours=12)
# A session's owner host when a browser plays it; a host name never holds a colon.
BROWSER_HOST_PREFIX = "browser:"
TAKEN_OVER = (
    "this session was carried on in another window or on another device, so it goes on there"
)


@dataclass(frozen=True, slots=True)
class SessionOwner:
    """The process playing a session: host name and process id."""

    host: str
    pid: int

    @classmethod
    def this_process(cls) -> "SessionOwner":
        """Return the owner that stands for the calling process."""
        return cls(socket.gethostname(), os.getpid())

    @classmethod
    def browser(cls, token: str) -> "SessionOwner":
        """Return the owner that stands for one browser, known by its token."""
        return cls(f"{BROWSER_HOST_PREFIX}{token}", 0)


def played_by_browser(session: SessionRecord) -> bool:
    """Return whether a browser, rather than a process, plays (or last played) the session."""
    return session.owner_host is not None and session.owner_host.startswith(BROWSER_HOST_PREFIX)


def taken_over(owner_host: str | None, owner_pid: int | None, sender: SessionOwner | None) -> bool:
    """Return whether a session played by this owner refuses the sender's writes.

    A sender is a browser; None (the terminal's own process, a client keeping no cookie) is
    never refused, nor is anyone on a session nobody owns (started before owners were kept).
    """
    if sender is None or owner_host is None:
        return False
    return (owner_host, owner_pid) != (sender.host, sender.pid)


def owned_by(session: SessionRecord, owner: SessionOwner) -> bool:
    """Return whether the owner is the one recorded as playing the session."""
    return (session.owner_host, session.owner_pid) == (owner.host, owner.pid)


def is_live(session: SessionRecord, now: datetime, here: SessionOwner | None = None) -> bool:
    """Return whether another writer may still be playing the session at `now`."""
    if session.status is not SessionStatus.IN_PROGRESS or session.heartbeat_at is None:
        return False
    if played_by_browser(session):
        return False  # a tab may be gone for good: the next window carries on (see above)
    silence = now - session.heartbeat_at
    local = here or SessionOwner.this_process()
    if owned_by(session, local):
        return False  # the asker itself: no other writer
    if session.owner_host == local.host and session.owner_pid is not None:
        return silence < LOCAL_SILENCE_LIMIT and _process_exists(session.owner_pid)
    return silence < REMOTE_SILENCE_LIMIT


def _process_exists(pid: int) -> bool:
    """Return whether a process with this id runs on this host (signal 0 only checks)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, it just belongs to someone else
        return True
    return True
