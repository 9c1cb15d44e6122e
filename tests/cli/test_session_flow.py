import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spinecoach.catalog.loader import Catalog, load_catalog
from spinecoach.catalog.routine import Routine
from spinecoach.cli.plain_player import run_plain
from spinecoach.cli.prompts import PlainPrompter
from spinecoach.cli.session import SessionChoices, run_session
from spinecoach.cli.voice import FakeSpeaker
from spinecoach.clock import FakeClock
from spinecoach.coaching.safety_gate import record_screening
from spinecoach.coaching.sessions import PainDetails
from spinecoach.planning import Constraints, routine_from_dict
from spinecoach.playback import StopReason
from spinecoach.records import PersonRecord, SessionStatus
from spinecoach.safety.screening import evaluate
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from spinecoach.timeline import CueKind, compile_timeline
from tests.cli.conftest import answers

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
def alice(tmp_path: Path) -> tuple[Repository, PersonRecord]:
    """Alice has a SQLite file, passed today's screen and wants the full routine."""
    repository = Repository(open_database(f"sqlite:///{tmp_path / 'alice.db'}"))
    person = repository.ensure_default_person(NOW)
    given = answers()
    record_screening(repository, person, given, evaluate(given), NOW)
    return repository, person


def choices(routine: str = "all-six") -> SessionChoices:
    return SessionChoices(Constraints(routine=routine), PainDetails("lumbar"), 1.0, True, None)


def test_a_whole_routine_plays_in_fake_time_and_speaks_every_cue_in_order(
    alice: tuple[Repository, PersonRecord],
) -> None:
    repository, person = alice
    clock = FakeClock(NOW)
    speaker = FakeSpeaker()
    catalog = load_catalog()

    finished = run_session(
        repository,
        person,
        choices(),
        catalog,
        clock,
        PlainPrompter(io.StringIO("4\n3\nfine\n")),
        run_plain,
        speaker,
    )

    cues = compile_timeline(repository_routine(repository, person, catalog))
    expected: list[str] = []
    for previous, cue in zip([None, *cues], cues, strict=False):
        if previous is not None and previous.kind is CueKind.HOLD:
            expected.append("<beep x3>")
        expected.append(cue.text)
    assert finished.reason is StopReason.FINISHED
    assert speaker.spoken == expected
    assert clock.monotonic() == pytest.approx(cues[-1].end)


def repository_routine(repository: Repository, person: PersonRecord, catalog: Catalog) -> Routine:
    (session,) = repository.sessions(person.id)
    return routine_from_dict(session.routine, catalog)


def test_each_exercise_result_is_written_with_the_time_it_ended(
    alice: tuple[Repository, PersonRecord],
) -> None:
    repository, person = alice
    clock = FakeClock(NOW)

    run_session(
        repository,
        person,
        choices(),
        load_catalog(),
        clock,
        PlainPrompter(io.StringIO("4\n3\n\n")),
        run_plain,
        FakeSpeaker(),
    )

    (session,) = repository.sessions(person.id)
    results = repository.exercise_results(session.id)
    assert session.status is SessionStatus.COMPLETED
    assert [r.exercise_id for r in results] == [
        e.id for e in load_catalog().exercises.values() if e.article_number
    ]
    times = [r.completed_at for r in results]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert session.ended_at is not None
    assert all(NOW < t <= session.ended_at for t in times)


def test_a_pain_increase_shortens_the_next_holds(alice: tuple[Repository, PersonRecord]) -> None:
    repository, person = alice
    catalog = load_catalog()
    clock = FakeClock(NOW)
    for pains in ("2\n2\n\n", "2\n2\n\n"):
        run_session(
            repository,
            person,
            choices("morning-floor"),
            catalog,
            clock,
            PlainPrompter(io.StringIO(pains)),
            run_plain,
            FakeSpeaker(),
        )
    grown = repository.sessions(person.id)

    run_session(
        repository,
        person,
        choices("morning-floor"),
        catalog,
        clock,
        PlainPrompter(io.StringIO("2\n5\n\n")),
        run_plain,
        FakeSpeaker(),
    )
    run_session(
        repository,
        person,
        choices("morning-floor"),
        catalog,
        clock,
        PlainPrompter(io.StringIO("2\n2\n\n")),
        run_plain,
        FakeSpeaker(),
    )

    holds = [
        {entry["exercise"]: entry["hold_seconds"] for entry in s.routine["exercises"]}
        for s in repository.sessions(person.id)
    ]
    assert len(grown) == 2
    assert holds[2]["knee-to-chest"] > holds[0]["knee-to-chest"]  # two good sessions raised it
    assert holds[3]["knee-to-chest"] < holds[2]["knee-to-chest"]  # the pain rise stepped it back
