"""Migration 0011: red flags a clinic's patients answered before it become open alerts."""

from pathlib import Path

from alembic import command

from spinecoach.clinic_records import AlertKind
from spinecoach.store.clinic_alerts import ClinicAlerts
from spinecoach.store.database import alembic_config, create_database_engine, open_database


def test_red_flag_screenings_stored_before_0011_become_open_alerts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_database_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0010")
        connection.exec_driver_sql(
            "INSERT INTO clinics (id, uuid, name, created_at) "
            "VALUES (1, 'c1', 'Back Care', '2026-12-01 08:00:00')"
        )
        # 1: a clinic's patient; 2: the one person of a laptop install (no clinic).
        for person_id, clinic in ((1, 1), (2, None)):
            connection.exec_driver_sql(
                "INSERT INTO people (id, name, created_at, uuid, clinic_id) "
                "VALUES (?, 'P', '2026-12-01 08:00:00', ?, ?)",
                (person_id, f"p{person_id}", clinic),
            )
        screenings = ((1, 1, "emergency"), (2, 1, "go"), (3, 1, "see-doctor"), (4, 2, "emergency"))
        for screening_id, person_id, outcome in screenings:
            connection.exec_driver_sql(
                "INSERT INTO screenings (id, person_id, taken_at, answers, outcome, "
                "rules_version, doctor_acknowledged, uuid) "
                "VALUES (?, ?, ?, '{}', ?, 'v1', 1, ?)",
                (screening_id, person_id, f"2026-12-0{screening_id} 08:00:00", outcome,
                 f"s{screening_id}"),
            )  # fmt: skip
    engine.dispose()

    upgraded = open_database(url)  # upgrades to the newest revision
    alerts = ClinicAlerts(upgraded, 1).open_alerts()
    upgraded.dispose()

    assert list(alerts) == [1]
    assert [(a.kind, a.detail) for a in alerts[1]] == [
        (AlertKind.RED_FLAG, "the screen said to see a doctor before stretching"),
        (AlertKind.RED_FLAG, "the screen said to get emergency care"),
    ]
