"""Append records and read them back as plain records; every write is committed on return.

Each noun's methods live in its own module (people, screenings, sessions, claims,
exercise_results, pain, psfs, preferences, reminders, restores, programmes), all built on
base.StoreBase; Repository joins them into the one class every caller uses.
"""

from spinecoach.store.claims import SessionClaims
from spinecoach.store.exercise_results import ExerciseResultStore
from spinecoach.store.pain import PainStore
from spinecoach.store.pain_reads import PainReads
from spinecoach.store.people import PeopleStore
from spinecoach.store.preferences import PreferencesStore
from spinecoach.store.programmes import ProgrammeStore
from spinecoach.store.psfs import PsfsStore
from spinecoach.store.reminders import ReminderStore
from spinecoach.store.restores import RestoreStore
from spinecoach.store.screenings import ScreeningStore
from spinecoach.store.sessions import SessionStore

__all__ = ["Repository"]


class Repository(
    PeopleStore,
    ScreeningStore,
    SessionStore,
    ExerciseResultStore,
    SessionClaims,
    PainStore,
    PainReads,
    PsfsStore,
    PreferencesStore,
    ReminderStore,
    RestoreStore,
    ProgrammeStore,
):
    """Read and append one database's records; methods return records, never ORM rows.

    Append-only by construction: there is no method that updates or deletes what a person
    entered. The updates are finish_session, which fills in how a session ended, once, and
    set_profile, which changes the name and year of birth the person gives.
    """
