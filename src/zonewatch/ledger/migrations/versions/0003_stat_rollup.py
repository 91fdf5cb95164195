"""the dashboard's rollup (kept by triggers) and indexes for filtered pages of projects

``stat_rollup`` holds the unfiltered ``stats`` figures per month, place, stage, sector and investor, plus the
total; triggers on ``projects``, ``project_sectors`` and ``project_organisations`` keep it in step inside the
writing transaction (SQL in ``migrations/rollup_0003.py``). The upgrade back-fills it from the rows already
there, so a ledger created at 0002 reads the same figures from the rollup as from the live query.

Indexes, from the plans of ``python -m benchmarks.run query`` at 100k projects (docs/benchmarks.md):

- a place sorted by amount: both engines found the place through ``lower(place)`` and then sorted every
  project of it (SQLite ``USE TEMP B-TREE FOR ORDER BY``, PostgreSQL a parallel seq scan + sort):
  ``(lower(place), amount_cny [DESC NULLS LAST, id DESC])`` reads the page in order and stops at 50; it
  replaces 0002's ``lower(place)`` index;
- PostgreSQL's capped counts (``LIMIT 10001``) read every matching heap row for ``status``: the place and the
  stage + date indexes carry ``status`` (INCLUDE), so the count is an index-only scan on a vacuumed table;
- SQLite: ``(date, status)`` replaces ``(date)``: pages by date filter on status without reading the row;
- a capped count of an investor's projects walks ``(organisation_id, role, project_id)`` in project order
  (SQLite read each link row for its project id; PostgreSQL had no index in that order), as a sector's walks
  0002's ``(lower(sector), project_id)``.

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
    op.execute("DROP INDEX IF EXISTS ix_projects_place_lower")
    op.create_index(
        "ix_project_organisations_org_project", "project_organisations", ["organisation_id", "role", "project_id"]
    )
    if dialect == "postgresql":
        op.create_index("ix_projects_place_lower_amount", "projects",
                        [sa.text("lower(place)"), sa.text("amount_cny DESC NULLS LAST"), sa.text("id DESC")],
                        postgresql_include=["status"])  # fmt: skip
        op.execute("DROP INDEX IF EXISTS ix_projects_stage_date")
        op.create_index("ix_projects_stage_date_status", "projects",
                        ["stage", sa.text("date DESC NULLS LAST"), sa.text("id DESC")], postgresql_include=["status"])  # fmt: skip
    else:
        op.create_index("ix_projects_place_lower_amount", "projects", [sa.text("lower(place)"), "amount_cny"])
        # Pages sorted by date test status on every row they pass (a sector page at offset 500 passes ~5,500):
        # with status in the date index those rows are never read from the (wide) table.
        op.execute("DROP INDEX IF EXISTS ix_projects_date")
        op.create_index("ix_projects_date_status", "projects", ["date", "status"])


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name in (
        "ix_projects_place_lower_amount",
        "ix_projects_stage_date_status",
        "ix_project_organisations_org_project",
        "ix_projects_date_status",
    ):
        op.execute(f"DROP INDEX IF EXISTS {name}")
    if dialect == "sqlite":
        op.create_index("ix_projects_date", "projects", ["date"])
    op.create_index("ix_projects_place_lower", "projects", [sa.text("lower(place)")])
    if dialect == "postgresql":
        op.create_index(
            "ix_projects_stage_date", "projects", ["stage", sa.text("date DESC NULLS LAST"), sa.text("id DESC")]
        )
    for statement in rollup.drop_statements(dialect):
        op.execute(statement)
    op.drop_table("stat_rollup")
