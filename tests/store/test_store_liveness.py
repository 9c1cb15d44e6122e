"""A session in progress knows whether its process is alive; only abandoned ones are taken over."""

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

import pytest

from spinecoach.errors import ConflictError
from spinecoach.records import PersonRecord, SessionRecord, SessionStatus
from spinecoach.store.liveness import (
    LOCAL_SILENCE_LIMIT,
    REMOTE_SILENCE_LIMIT,
    SessionOwner,
    is_live,
)
from spinecoach.store.repository import Repository
from tests.store.conftest import T0

HERE = SessionOwner.this_process()


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    return int(child.stdout)


def _start(repository: Repository, person: PersonRecord, owner: SessionOwner) -> SessionRecord:
    return repository.start_session(
        person.id,
        started_at=T0,
        routine_id="desk-break",
        routine={"exercises": []},
        planned_seconds=300,
        owner=owner,
    )


def test_a_session_of_another_running_process_on_this_host_is_live_after_a_long_pause(
    repository: Repository, me: PersonRecord
) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        session = _start(repository, me, SessionOwner(HERE.host, other.pid))

        assert is_live(session, T0 + timedelta(hours=1), HERE)
        assert not is_live(session, T0 + LOCAL_SILENCE_LIMIT, HERE)
    finally:
        other.kill()
        other.wait()


def test_a_session_of_a_dead_process_on_this_host_is_not_live(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me, SessionOwner(HERE.host, _dead_pid()))

    assert not is_live(session, T0 + timedelta(seconds=1), HERE)


def test_another_hosts_session_is_live_until_its_heartbeat_is_old(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me, SessionOwner("clinic-web-2", 4242))

    assert is_live(session, T0 + REMOTE_SILENCE_LIMIT - timedelta(seconds=1), HERE)
    assert not is_live(session, T0 + REMOTE_SILENCE_LIMIT, HERE)


def test_each_recorded_exercise_is_a_heartbeat(repository: Repository, me: PersonRecord) -> None:
    session = _start(repository, me, SessionOwner("clinic-web-2", 4242))

    repository.record_exercise_result(
        session.id,
        exercise_id="cat-cow",
        position=0,
        completed_at=T0 + timedelta(minutes=14),
        repetitions_done=8,
        hold_seconds_actual=0.0,
        skipped=False,
    )
    stored = repository.sessions(me.id)[0]

    assert stored.heartbeat_at == T0 + timedelta(minutes=14)
    assert is_live(stored, T0 + timedelta(minutes=20), HERE)


def test_sessions_without_an_owner_and_ended_sessions_are_never_live(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me, HERE)
    ended = replace(session, status=SessionStatus.QUIT)
    legacy = replace(session, heartbeat_at=None, owner_host=None, owner_pid=None)

    assert not is_live(ended, T0, HERE)
    assert not is_live(legacy, T0, HERE)


def test_only_one_of_two_claims_on_the_same_session_wins(
    repository: Repository, me: PersonRecord
) -> None:
    seen = _start(repository, me, SessionOwner(HERE.host, _dead_pid()))

    claimed = repository.claim_session(seen, owner=HERE, now=T0 + timedelta(minutes=5))
    with pytest.raises(ConflictError, match="just resumed or ended by another process"):
        repository.claim_session(
            seen, owner=SessionOwner("other", 1), now=T0 + timedelta(minutes=5)
        )

    assert (claimed.owner_host, claimed.owner_pid) == (HERE.host, HERE.pid)
    assert claimed.heartbeat_at == T0 + timedelta(minutes=5)


def test_an_abandoned_session_is_not_closed_once_someone_resumed_it(
    repository: Repository, me: PersonRecord
) -> None:
    seen = _start(repository, me, SessionOwner(HERE.host, _dead_pid()))
    repository.claim_session(seen, owner=HERE, now=T0 + timedelta(minutes=5))

    closed = repository.close_abandoned_session(seen, ended_at=T0 + timedelta(minutes=6))

    assert closed is False
    assert repository.sessions(me.id)[0].status is SessionStatus.IN_PROGRESS


def test_an_abandoned_session_nobody_touched_is_closed_as_quit(
    repository: Repository, me: PersonRecord
) -> None:
    seen = _start(repository, me, SessionOwner(HERE.host, _dead_pid()))

    closed = repository.close_abandoned_session(seen, ended_at=T0 + timedelta(minutes=6))

    assert closed is True
    assert repository.sessions(me.id)[0].status is SessionStatus.QUIT


def test_a_demo_session_keeps_its_speed(repository: Repository, me: PersonRecord) -> None:
    session = repository.start_session(
        me.id,
        started_at=T0,
        routine_id="desk-break",
        routine={"exercises": []},
        planned_seconds=300,
        speed=20.0,
    )

    stored = repository.sessions(me.id)[0]

    assert (session.speed, stored.speed, stored.demo) == (20.0, 20.0, True)


def test_a_session_owned_by_the_asking_process_is_not_live_elsewhere(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me, HERE)

    assert not is_live(session, T0, HERE)


def test_a_session_resumed_faster_than_normal_becomes_a_demo(
    repository: Repository, me: PersonRecord
) -> None:
    seen = _start(repository, me, SessionOwner(HERE.host, _dead_pid()))

    claimed = repository.claim_session(seen, owner=HERE, now=T0 + timedelta(minutes=5), speed=20.0)

    assert (claimed.speed, claimed.demo) == (20.0, True)
