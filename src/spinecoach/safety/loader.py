"""Read and validate the packaged screening questionnaire; problems become a CatalogError."""

from functools import cache
from pathlib import Path

from spinecoach.catalog.files import read_model
from spinecoach.errors import CatalogError
from spinecoach.safety.schema import ItemKind, Questionnaire

SCREENING_FILE = Path(__file__).parent / "data" / "screening.yaml"
# The one acknowledgement the rest of the app relies on (the article's "ask your doctor").
DOCTOR_ACKNOWLEDGEMENT_ID = "asked-doctor"
# The symptom whose advice sessions repeat when pain is said to spread down a leg.
LEG_SYMPTOM_ID = "pain-down-one-leg"

# The C loader is several times faster; startup time matters for every CLI call.


def _display(path: Path) -> str:
    """Name the file from its package folder, e.g. safety/data/screening.yaml."""
    return "/".join(path.parts[-3:])


def _cross_check(questionnaire: Questionnaire) -> list[str]:
    """Return problems that span fields: duplicate ids, unknown sources, outcome vs kind."""
    problems: list[str] = []
    references = [reference.id for reference in questionnaire.references]
    for index, reference_id in enumerate(references):
        if reference_id in references[:index]:
            problems.append(f"references[{index}].id: {reference_id!r} appears twice")
    seen: set[str] = set()
    for index, item in enumerate(questionnaire.items):
        where = f"items[{index}]"
        if item.id in seen:
            problems.append(f"{where}.id: {item.id!r} appears twice")
        seen.add(item.id)
        if item.kind is ItemKind.RED_FLAG and item.outcome is None:
            problems.append(f"{where}.outcome: a red-flag item needs emergency or see-doctor")
        if item.kind is not ItemKind.RED_FLAG and item.outcome is not None:
            problems.append(f"{where}.outcome: only a red-flag item has an outcome")
        for source_index, source in enumerate(item.sources):
            if source not in references:
                known = ", ".join(references)
                problems.append(
                    f"{where}.sources[{source_index}]: unknown reference {source!r}; known: {known}"
                )
    acknowledgements = [i.id for i in questionnaire.items if i.kind is ItemKind.ACKNOWLEDGEMENT]
    if acknowledgements != [DOCTOR_ACKNOWLEDGEMENT_ID]:
        problems.append(
            f"items: needs exactly one acknowledgement, {DOCTOR_ACKNOWLEDGEMENT_ID!r};"
            f" found {acknowledgements}"
        )
    leg = questionnaire.item(LEG_SYMPTOM_ID)
    if leg is None or leg.kind is not ItemKind.SYMPTOM:
        problems.append(f"items: needs a symptom item {LEG_SYMPTOM_ID!r}; sessions quote it")
    return problems


def load_screening(path: Path = SCREENING_FILE) -> Questionnaire:
    """Read and validate a screening file; raise CatalogError naming the file and field."""
    display = _display(path)
    questionnaire = read_model(path, display, Questionnaire)
    problems = _cross_check(questionnaire)
    if problems:
        raise CatalogError("\n".join(f"{display}: {problem}" for problem in problems))
    return questionnaire


@cache
def default_screening() -> Questionnaire:
    """Return the packaged questionnaire, loaded and validated once per process."""
    return load_screening()
