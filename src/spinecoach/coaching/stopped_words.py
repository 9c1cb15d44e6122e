"""Where an interrupted session stopped, said the same way in the terminal and on the home page."""

from spinecoach.catalog.loader import Catalog
from spinecoach.errors import SpinecoachError
from spinecoach.planning import routine_from_dict
from spinecoach.records import ResumableSession
from spinecoach.words import plural


def where_it_stopped(unfinished: ResumableSession, catalog: Catalog) -> str:
    """Return "during Cat and cow (1 of 3 stretches done)" or "after its last stretch"."""
    try:
        routine = routine_from_dict(unfinished.session.routine, catalog)
    except SpinecoachError:  # a routine this version no longer knows: say no more than is sure
        return "before it ended"
    position = unfinished.next_position
    if position >= len(routine.items):
        return "after its last stretch"
    done = sum(not result.skipped for result in unfinished.results)
    so_far = f"{done} of {plural(len(routine.items), 'stretch', 'stretches')} done"
    return f"during {routine.items[position].exercise.name} ({so_far})"
