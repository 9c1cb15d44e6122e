"""Checks every FHIR bundle test makes: it and each resource validate, references resolve."""

import json
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle


def validated(bundle: dict[str, Any]) -> Bundle:
    """Return the bundle parsed by fhir.resources, each resource checked by its own model too."""
    parsed = Bundle.model_validate_json(json.dumps(bundle))
    for entry in bundle["entry"]:
        resource = entry["resource"]
        model = get_fhir_model_class(resource["resourceType"])
        assert model.model_validate(resource).id == resource["id"]
    return parsed


def references(bundle: dict[str, Any]) -> list[str]:
    """Return every reference the bundle makes, wherever it stands."""
    text = json.dumps(bundle)
    return [part.split('"')[0] for part in text.split('"reference": "')[1:]]


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """Return the bundle's resources of one type, in order."""
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]
