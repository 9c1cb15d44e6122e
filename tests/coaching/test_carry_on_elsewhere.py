"""A browser's session carries on in the next window; a terminal that plays one keeps it."""

import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta

import pytest

from spinecoach.catalog.loader import Catalog
from spinecoach.coaching.access import Records
from spinecoach.coaching.session_end import Ending, finish_session
from spinecoach.coaching.session_start import Started, start_session
from spinecoach.coaching.sessions import (
    PainDetails,
    begin_prepared,
    interrupted_session,
    prepare,
    result_to_write,
    resume,
)
from spinecoach.errors import ConflictError
from spinecoach.planning import Constraints
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.records import SessionStatus
from spinecoach.store.liveness import SessionOwner
from spinecoach.store.result_batches import Stored
from tests.coaching.conftest import NOW

ALL_SIX = Constraints(routine="all-six")
PHONE = SessionOwner.browser("maria-phone-browser-token")
LAPTOP = SessionOwner.browser("maria-laptop-browser-token")
LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def terminal() -> Iterator[SessionOwner]:
    """A terminal player running on this machine: a real process that is alive."""
    with subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE) as process:
        yield SessionOwner(socket.gethostname(), process.pid)
        process.kill()


def _play(
    maria: Records, started: Started, position: int, player: SessionOwner, key: str
) -> Stored:
    """Send one exercise of Maria's routine as a browser's player sends it."""
    exercise = started.routine.items[position].exercise.id
    ended = ExerciseEnded(exercise, position, 1, 0.0, False)
    item = result_to_write(
        started.session.id, ended, LATER, maria.person, idempotency_key=key, player=player
    )
    outcome = maria.repository.record_exercise_results([item])[0]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def test_maria_carries_on_in_a_new_window_what_her_closed_phone_tab_played(
    maria: Records, catalog: Catalog
) -> None:
    started = start_session(
        maria.repository, maria.person, ALL_SIX, 4, PainDetails(), catalog, NOW, player=PHONE
    )
    for position in range(3):
        _play(maria, started, position, PHONE, f"phone-{position}")

    offered = interrupted_session(maria.repository, maria.person, LATER)
    assert offered is not None and offered.session.id == started.session.id
    carried_on = resume(
        maria.repository, maria.person, offered, ALL_SIX, catalog, LATER, owner=LAPTOP
    )
    with pytest.raises(ConflictError) as refused:
        _play(maria, started, 3, PHONE, "phone-3")
    retried = _play(maria, started, 2, PHONE, "phone-2")
    _play(maria, started, 3, LAPTOP, "laptop-3")
    with pytest.raises(ConflictError):
        finish_session(
            maria.repository,
            maria.person,
            started.session.id,
            Ending(StopReason.QUIT),
            LATER,
            PHONE,
        )
    ended = finish_session(
        maria.repository,
        maria.person,
        started.session.id,
        Ending(StopReason.FINISHED),
        LATER,
        LAPTOP,
    )

    assert carried_on.positions == (3, 4, 5)
    assert "another window" in refused.value.user_message
    assert retried.created is False
    stored = maria.repository.exercise_results(started.session.id)
    assert [r.position for r in stored] == [0, 1, 2, 3]
    assert ended.status is SessionStatus.COMPLETED


def test_a_session_a_terminal_on_this_machine_plays_is_not_offered_to_a_browser(
    maria: Records, catalog: Catalog, terminal: SessionOwner
) -> None:
    prepared = prepare(maria.repository, maria.person, ALL_SIX, catalog, NOW, resume_choice=False)
    begin_prepared(maria.repository, maria.person, prepared, 4, PainDetails(), NOW, owner=terminal)

    offered = interrupted_session(maria.repository, maria.person, LATER)

    assert offered is None
