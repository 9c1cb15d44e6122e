"""Shapes of the JSON files the API hands out: the backup and the FHIR Bundle."""

from typing import Any, Literal

from pydantic import Field

from spinecoach.web.answers_catalog import Answer


class BackupTable(Answer):
    """One table: its column names and every row's values in that order."""

    columns: list[str]
    rows: list[list[Any]]


class Backup(Answer):
    """Every table of the database at one moment, which POST /api/import restores."""

    format: Literal["spinecoach-backup"]
    format_version: int
    schema_revision: str | None = Field(description="The database migration it was taken at.")
    exported_at: str
    tables: dict[str, BackupTable]


class FhirEntry(Answer):
    """One FHIR resource in the Bundle, named by a URN."""

    fullUrl: str  # FHIR's own field name
    resource: dict[str, Any] = Field(description="Patient, CarePlan, Observation, ...")


class FhirBundle(Answer):
    """A FHIR R4 collection Bundle of the person's records."""

    resourceType: Literal["Bundle"]  # FHIR's own field name
    type: Literal["collection"]
    timestamp: str
    entry: list[FhirEntry]
