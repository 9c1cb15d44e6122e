"""The clinic's records as its JSON API shows them (the pages render the records themselves)."""

from datetime import datetime
from typing import Any

from spinecoach.alert_rules import RULES
from spinecoach.clinic.dashboard import PatientLine
from spinecoach.clinic_records import AlertRecord, AuditEventRecord, PatientRecord


def when(moment: datetime | None) -> str | None:
    """Return a timestamp as ISO 8601 text, or None."""
    return None if moment is None else moment.isoformat()


def patient_json(patient: PatientRecord) -> dict[str, Any]:
    """Return a patient as the API shows them."""
    return {
        "id": patient.id,
        "name": patient.name,
        "year_of_birth": patient.birth_year,
        "added_at": patient.created_at.isoformat(),
    }


def alert_json(alert: AlertRecord) -> dict[str, Any]:
    """Return an alert with its severity and rule."""
    rule = RULES[alert.kind]
    return {
        "id": alert.id,
        "kind": alert.kind.value,
        "severity": rule.severity.value,
        "title": rule.title,
        "rule": rule.rule,
        "raised_at": alert.raised_at.isoformat(),
        "detail": alert.detail,
        "acknowledged_at": when(alert.acknowledged_at),
        "acknowledged_by": alert.acknowledged_by,
        "acknowledgement_note": alert.acknowledgement_note,
    }


def line_json(line: PatientLine) -> dict[str, Any]:
    """Return a dashboard line: the patient, their figures and their open alerts."""
    programme = line.programme
    first, latest = line.function_first, line.function_latest
    return {
        **patient_json(line.patient),
        "programme": None
        if programme is None
        else {
            "version": programme.version,
            "stretches": len(programme.exercises),
            "sessions_per_week": programme.sessions_per_week,
            "prescribed_by": programme.prescribed_by,
        },
        "sessions_this_week": line.sessions_this_week,
        "sessions_prescribed_per_week": programme.sessions_per_week if programme else None,
        "active_days_30": line.active_days_30,
        "latest_pain": None
        if line.latest_pain is None
        else {"score": line.latest_pain[0], "recorded_at": line.latest_pain[1].isoformat()},
        "pain_verdict": {"kind": line.verdict.value, "label": line.verdict_label},
        "function_change": None
        if first is None or latest is None
        else {
            "first": round(first.mean, 1),
            "latest": round(latest.mean, 1),
            "change": round(latest.mean - first.mean, 1),
        },
        "last_session_at": when(line.last_session_at),
        "alerts": [alert_json(alert) for alert in line.alerts],
    }


def audit_json(event: AuditEventRecord) -> dict[str, Any]:
    """Return an audit event as the API shows it."""
    return {
        "id": event.id,
        "at": event.at.isoformat(),
        "staff_id": event.staff_id,
        "staff_name": event.staff_name,
        "action": event.action,
        "request": event.subject,
        "patient_id": event.person_id,
        "patient_name": event.patient_name,
        "client_address": event.client_address,
    }
