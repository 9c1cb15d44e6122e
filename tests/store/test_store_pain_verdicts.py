"""A page of patients' verdicts, read together, is each one's own history verdict."""

from datetime import UTC, datetime, timedelta

from spinecoach.coaching.progress import load_progress, pain_verdicts
from spinecoach.records import PainContext, PainKind, SessionStatus
from spinecoach.store.repository import Repository

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _person(repository: Repository, scores: list[tuple[int, str]], demo_scores: int = 0) -> int:
    """Add a person with scores a day apart (context per score) and, if asked, a demo's score."""
    person = repository.add_person(name="P", created_at=NOW - timedelta(days=90)).id
    start = NOW - timedelta(days=len(scores) + 1)
    for day, (score, context) in enumerate(scores):
        repository.record_pain(
            person, recorded_at=start + timedelta(days=day), score=score, context=context
        )
    if demo_scores:
        session = repository.start_session(
            person, started_at=NOW - timedelta(hours=2), routine_id="all-six",
            routine={"id": "all-six", "exercises": []}, planned_seconds=60, speed=20.0,
        )  # fmt: skip
        repository.record_pain(
            person, recorded_at=NOW - timedelta(hours=2), score=demo_scores,
            context=PainContext.BEFORE, session_id=session.id,
        )  # fmt: skip
        repository.finish_session(
            session.id, status=SessionStatus.COMPLETED, ended_at=NOW - timedelta(hours=1)
        )
    return person


def test_verdicts_read_together_match_each_persons_history(repository: Repository) -> None:
    people = [
        _person(repository, [(6, "before")] * 3 + [(2, "before")] * 12),  # improving
        _person(repository, [(2, "diary")] * 3 + [(5, "diary")] * 12),  # rising: see a doctor
        _person(repository, [(4, "before")] * 2),  # too early
        _person(repository, [(8, "diary")] * 20),  # the pain rule: see a doctor
        _person(repository, [(3, "before")] * 10, demo_scores=10),  # a demo's score left out
        _person(repository, []),
    ]
    psfs = {person: repository.psfs_entries(person) for person in people}

    together = pain_verdicts(repository, psfs, NOW)

    alone = {
        person: load_progress(repository, repository.person(person), NOW).trends.verdict.kind
        for person in people
    }
    assert together == alone
    assert len(set(alone.values())) >= 3  # the cases differ, so the comparison means something


def test_the_latest_named_kind_and_one_sessions_scores_are_read_alone(
    repository: Repository,
) -> None:
    person = repository.add_person(name="P", created_at=NOW - timedelta(days=9)).id
    other = repository.add_person(name="Q", created_at=NOW - timedelta(days=9)).id
    session = repository.start_session(
        person, started_at=NOW - timedelta(days=1), routine_id="all-six",
        routine={"id": "all-six", "exercises": []}, planned_seconds=60,
    ).id  # fmt: skip
    for day, kind, session_id in ((8, "radiating", None), (7, "dull", session), (6, None, None)):
        repository.record_pain(
            person, recorded_at=NOW - timedelta(days=day), score=3, context="diary",
            kind=kind, session_id=session_id,
        )  # fmt: skip
    repository.record_pain(other, recorded_at=NOW, score=2, context="diary", kind="radiating")

    assert repository.latest_pain_kind(person) is PainKind.DULL
    assert [entry.kind for entry in repository.pain_of_session(person, session)] == [PainKind.DULL]
    assert repository.pain_of_session(other, session) == []
