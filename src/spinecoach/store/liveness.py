"""Whether a session in progress is still being played by some process, so nobody else ends it.

Why a heartbeat with the owner's host and pid, not a lock: a lock (a file lock on SQLite, an
advisory lock on PostgreSQL) lives as long as one process and one connection, but a web session
is a series of requests that any worker may serve, from a tab that may sleep. What every front
end can do is write: the session row records who plays it (host and pid) and when it last
wrote (at start and with each exercise). On the same host the owner's pid answers "alive?"
exactly, even during a long pause; from another host only the heartbeat's age can. A server
that plays many sessions in one process should give each its own owner (host "web-<token>"),
so the heartbeat rule applies to them.
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


@dataclass(frozen=True, slots=True)
class SessionOwner:
    """The process playing a session: host name and process id."""

    host: str
    pid: int

    @classmethod
    def this_process(cls) -> "SessionOwner":
        """Return the owner that stands for the calling process."""
        return cls(socket.gethostname(), os.getpid())


def is_live(session: SessionRecord, now: datetime, here: SessionOwner | None = None) -> bool:
    """Return whether another writer may still be playing the session at `now`."""
    if session.status is not SessionStatus.IN_PROGRESS or session.heartbeat_at is None:
        return False
    silence = now - session.heartbeat_at
    local = here or SessionOwner.this_process()
    if (session.owner_host, session.owner_pid) == (local.host, local.pid):
        return False  # the asker itself: no other writer (a server gives each tab its own owner)
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
