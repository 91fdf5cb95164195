"""the rollup follows projects per statement on PostgreSQL

0003's per-row triggers on ``projects`` ran a PL/pgSQL upsert of seven rollup groups for every project
written; these statement-level triggers read the statement's rows from transition tables and upsert each
group once per statement (SQL and reasons in ``migrations/rollup_0004.py``). Deletes keep 0003's row
trigger. SQLite has no statement-level triggers: nothing changes there. The rollup's rows are not touched:
both revisions keep the same figures, so upgrading and downgrading need no back-fill.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

from zonewatch.ledger.migrations import rollup_0004 as rollup

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in rollup.postgresql_statements():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in rollup.postgresql_downgrade():
            op.execute(statement)
