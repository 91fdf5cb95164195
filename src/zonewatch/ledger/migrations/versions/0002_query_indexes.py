"""indexes for the dashboard and the projects page at a million projects

Chosen from the plans ``python -m benchmarks.run query`` records (docs/benchmarks.md):

- filters that compare ``lower(column)`` (place, organisation name, sector) scanned the whole table on both
  databases: expression indexes on ``lower(...)`` turn them into index lookups;
- PostgreSQL sorted every matching row for ``ORDER BY date DESC NULLS LAST, id DESC LIMIT 50`` because a
  plain ``date`` index read backwards yields NULLS FIRST: an index in exactly that order lets the page stop
  after 50 rows (SQLite already puts NULLs last when descending, so its ``date`` index serves);
- stage + date pages on both; on SQLite the index also carries ``status`` so the page's count is answered
  from the index alone;
- SQLite read every (wide, JSON-carrying) project row to group by month: a covering index holds every
  column the totals read, so the grouping scans a narrow index instead.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Columns stats() reads for every project; the covering index must hold all of them.
_TOTALS = ["status", "parent_id", "in_totals", "count", "amount_cny", "amount_usd", "amount"]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_index("ix_projects_place_lower", "projects", [sa.text("lower(place)")])
    op.create_index("ix_organisations_name_lower", "organisations", [sa.text("lower(name)")])
    op.create_index("ix_project_sectors_sector_lower", "project_sectors", [sa.text("lower(sector)"), "project_id"])
    if dialect == "postgresql":
        op.create_index("ix_projects_date_desc", "projects", [sa.text("date DESC NULLS LAST"), sa.text("id DESC")])
        op.create_index(
            "ix_projects_stage_date", "projects", ["stage", sa.text("date DESC NULLS LAST"), sa.text("id DESC")]
        )
    else:
        op.create_index("ix_projects_stage_date", "projects", ["stage", "date", "status"])
        op.create_index("ix_projects_month_totals", "projects", ["month", *_TOTALS])


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    names = ["ix_projects_place_lower", "ix_organisations_name_lower", "ix_project_sectors_sector_lower"]
    names += ["ix_projects_date_desc", "ix_projects_stage_date"] if dialect == "postgresql" else [
        "ix_projects_stage_date", "ix_projects_month_totals"]  # fmt: skip
    for name in names:
        op.execute(f"DROP INDEX IF EXISTS {name}")
