"""the dashboard's rollup (kept by triggers) and indexes for filtered pages of projects

``stat_rollup`` holds the unfiltered ``stats`` figures per month, place, stage, sector and investor, plus the
total; triggers on ``projects``, ``project_sectors`` and ``project_organisations`` keep it in step inside the
writing transaction (SQL in ``migrations/rollup_0003.py``). The upgrade back-fills it from the rows already
there, so a ledger created at 0002 reads the same figures from the rollup as from the live query.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zonewatch.ledger.migrations import rollup_0003 as rollup

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    money = sa.Numeric(38, 4)
    op.create_table(
        "stat_rollup",
        sa.Column("dim", sa.String(8), nullable=False),
        sa.Column("bucket", sa.String(600), nullable=False),
        sa.Column("records", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("projects", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("cny", money, nullable=False, server_default="0"),
        sa.Column("cny_frac", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("usd", money, nullable=False, server_default="0"),
        sa.Column("usd_frac", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("unconverted", sa.BigInteger(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("dim", "bucket"),
    )
    statements = rollup.sqlite_statements() if dialect == "sqlite" else rollup.postgresql_statements()
    for statement in statements + rollup.backfill_statements(dialect):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in rollup.drop_statements(dialect):
        op.execute(statement)
    op.drop_table("stat_rollup")
