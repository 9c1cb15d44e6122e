"""Give a person a name they chose, an optional year of birth, and whether they were asked.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Until now every local person was stored as "me", a placeholder the app used to find them. The
local person is now the oldest row, so the placeholder becomes "no name given" (NULL) and is
never shown as if it were a name. profile_asked_at records when the person was first offered
the name question (answered or skipped), so it is asked once, in the web app or the terminal.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLACEHOLDER_NAME = "me"


def upgrade() -> None:
    """Make name optional, forget the placeholder, add birth_year and profile_asked_at."""
    with op.batch_alter_table("people") as batch:
        batch.alter_column("name", existing_type=sa.String(length=200), nullable=True)
        batch.add_column(sa.Column("birth_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("profile_asked_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint(
            op.f("ck_people_birth_year_four_digits"), "birth_year BETWEEN 1000 AND 9999"
        )
    people = sa.table("people", sa.column("name", sa.String(200)))
    op.execute(people.update().where(people.c.name == PLACEHOLDER_NAME).values(name=None))


def downgrade() -> None:
    """Put the placeholder back where no name was given and drop the new columns."""
    people = sa.table("people", sa.column("name", sa.String(200)))
    op.execute(people.update().where(people.c.name.is_(None)).values(name=PLACEHOLDER_NAME))
    with op.batch_alter_table("people") as batch:
        batch.drop_constraint(op.f("ck_people_birth_year_four_digits"), type_="check")
        batch.drop_column("profile_asked_at")
        batch.drop_column("birth_year")
        batch.alter_column("name", existing_type=sa.String(length=200), nullable=False)
