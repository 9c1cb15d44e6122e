"""FHIR Questionnaire and QuestionnaireResponse resources: the red-flag screen and the PSFS."""

from spinecoach.records import JsonValue, PsfsRecord, ScreeningOutcome, ScreeningRecord
from spinecoach.safety.schema import Questionnaire

JsonDict = dict[str, JsonValue]

SCREEN_URL = "urn:spinecoach:questionnaire:red-flag-screen"
OUTCOME_SYSTEM = "urn:spinecoach:screening-outcome"
# The outcome is not a question: it is what the app decided from the answers, so it is a
# read-only item of the form, which keeps the decision next to the answers it came from.
OUTCOME_LINK_ID = "outcome"
OUTCOME_TEXT = {
    ScreeningOutcome.EMERGENCY: "get urgent help now",
    ScreeningOutcome.SEE_DOCTOR: "see a doctor before stretching",
    ScreeningOutcome.GO: "no warning signs: may start",
}


def _outcome_coding(outcome: ScreeningOutcome) -> JsonDict:
    return {"system": OUTCOME_SYSTEM, "code": outcome.value, "display": OUTCOME_TEXT[outcome]}


def screening_questionnaire(questionnaire: Questionnaire) -> JsonDict:
    """Return the red-flag screen as a Questionnaire: one yes/no item per question."""
    items: list[JsonValue] = [
        {"linkId": item.id, "text": item.question, "type": "boolean", "required": True}
        for item in questionnaire.items
    ]
    items.append(
        {
            "linkId": OUTCOME_LINK_ID,
            "text": "Outcome decided by spinecoach from the answers",
            "type": "choice",
            "readOnly": True,
            "answerOption": [{"valueCoding": _outcome_coding(o)} for o in ScreeningOutcome],
        }
    )
    return {
        "resourceType": "Questionnaire",
        "id": "red-flag-screen",
        "url": SCREEN_URL,
        "version": questionnaire.version,
        "name": "RedFlagScreen",
        "title": "Warning signs to rule out before stretching for low back pain",
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def _answer(value: JsonValue) -> JsonDict:
    """Return an answer as given: a boolean, or text for anything older data may hold."""
    if isinstance(value, bool):
        return {"valueBoolean": value}
    return {"valueString": str(value)}


def screening_response(screening: ScreeningRecord, subject: JsonDict) -> JsonDict:
    """Return one screening as a completed QuestionnaireResponse to the version it used."""
    items: list[JsonValue] = [
        {"linkId": item_id, "answer": [_answer(value)]}
        for item_id, value in screening.answers.items()
    ]
    items.append(
        {"linkId": OUTCOME_LINK_ID, "answer": [{"valueCoding": _outcome_coding(screening.outcome)}]}
    )
    return {
        "resourceType": "QuestionnaireResponse",
        "id": f"screening-{screening.id}",
        "questionnaire": f"{SCREEN_URL}|{screening.rules_version}",
        "status": "completed",
        "subject": subject,
        "authored": screening.taken_at.isoformat(),
        "item": items,
    }


PSFS_URL = "urn:spinecoach:questionnaire:psfs"


def psfs_questionnaire() -> JsonDict:
    """Return the Patient-Specific Functional Scale as a Questionnaire.

    The person names their own activities, so each is a repeating group of the activity's name
    and its 0-10 rating; the mean of the ratings is the scale's score (Stratford et al. 1995).
    """
    return {
        "resourceType": "Questionnaire",
        "id": "psfs",
        "url": PSFS_URL,
        "name": "PatientSpecificFunctionalScale",
        "title": "Patient-Specific Functional Scale",
        "status": "active",
        "subjectType": ["Patient"],
        "item": [
            {
                "linkId": "activity",
                "text": "An activity your back pain makes hard to do",
                "type": "group",
                "repeats": True,
                "item": [
                    {"linkId": "activity-name", "text": "The activity", "type": "string"},
                    {
                        "linkId": "activity-score",
                        "text": "How well you can do it: 0 not at all, 10 as before the pain",
                        "type": "integer",
                    },
                ],
            },
            {
                "linkId": "mean",
                "text": "Mean of the ratings (the scale's score)",
                "type": "decimal",
                "readOnly": True,
            },
        ],
    }


def psfs_response(entry: PsfsRecord, subject: JsonDict) -> JsonDict:
    """Return one filled-in PSFS as a completed QuestionnaireResponse."""
    items: list[JsonValue] = [
        {
            "linkId": "activity",
            "item": [
                {"linkId": "activity-name", "answer": [{"valueString": rating.activity}]},
                {"linkId": "activity-score", "answer": [{"valueInteger": rating.score}]},
            ],
        }
        for rating in entry.ratings
    ]
    items.append({"linkId": "mean", "answer": [{"valueDecimal": round(entry.mean, 2)}]})
    return {
        "resourceType": "QuestionnaireResponse",
        "id": f"psfs-{entry.id}",
        "questionnaire": PSFS_URL,
        "status": "completed",
        "subject": subject,
        "authored": entry.taken_at.isoformat(),
        "item": items,
    }
