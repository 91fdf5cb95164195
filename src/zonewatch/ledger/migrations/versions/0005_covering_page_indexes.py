"""the date and place indexes cover what a page passes over

From ``EXPLAIN (ANALYZE, BUFFERS)`` on the benchmark's ledger of 1M projects:

- a place's capped count (``status <> 'rejected' AND lower(place) = ? LIMIT 1001``) read one heap row per
  match, or seq-scanned: PostgreSQL plans an expression index as index-only only when the columns inside
  the expression are in the index too, so 0003's ``(lower(place), ...) INCLUDE (status)`` never was
  (``Seq Scan on projects``, 13 ms and 1,157 buffers for "Chengdu Industrial Park"; a rarer place, a
  ``Bitmap Heap Scan`` of ~900 heap blocks). With ``place`` carried as well, the count and a page's ids read
  the index alone (0.25 ms, 16 buffers). SQLite likewise reads ``(lower(place), amount_cny)`` as a
  covering index only with ``status`` and ``place`` in it;
- a place sorted by date (the pages' default order): SQLite, without statistics of how common each place is,
  took the place index and sorted every project of the place (1.7 s for the place of 520,000 projects);
  PostgreSQL walked its date index testing each row's place, fast for a common place but not for a rarer one
  further in ("Chongqing Hi-Tech Zone", 0.6% of projects, at offset 200: 240-290 ms). ``(lower(place),
  date, id)`` carrying ``status`` and ``place`` reads any place's page in order;
- PostgreSQL pages by date (a sector at offset 500 passes ~6,600 projects to find 550) read each passed
  project's heap row for ``status``: ``(date DESC NULLS LAST, id DESC) INCLUDE (status)`` lets the page's
  ids come from an index-only scan (``list_projects`` reads the ids first): that scan's buffers 6,915 -> 98.

The place index and PostgreSQL's date index replace the ones they extend; the downgrade restores 0003's.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_PLACE_PG = [sa.text("lower(place)"), sa.text("amount_cny DESC NULLS LAST"), sa.text("id DESC")]
_DATE_PG = [sa.text("date DESC NULLS LAST"), sa.text("id DESC")]


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_projects_place_lower_amount")
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_projects_place_lower_amount_cover", "projects", _PLACE_PG,
                        postgresql_include=["status", "place"])  # fmt: skip
        op.execute("DROP INDEX IF EXISTS ix_projects_date_desc")
        op.create_index("ix_projects_date_desc_status", "projects", _DATE_PG, postgresql_include=["status"])
        op.create_index("ix_projects_place_lower_date", "projects", [sa.text("lower(place)"), *_DATE_PG],
                        postgresql_include=["status", "place"])  # fmt: skip
    else:
        # id before the carried columns: ties on amount stay in id order, so a page needs no sort.
        op.create_index("ix_projects_place_lower_amount_cover", "projects",
                        [sa.text("lower(place)"), "amount_cny", "id", "status", "place"])  # fmt: skip
        op.create_index("ix_projects_place_lower_date", "projects",
                        [sa.text("lower(place)"), "date", "id", "status", "place"])  # fmt: skip


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_projects_place_lower_amount_cover")
    op.execute("DROP INDEX IF EXISTS ix_projects_place_lower_date")
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_projects_place_lower_amount", "projects", _PLACE_PG, postgresql_include=["status"])
        op.execute("DROP INDEX IF EXISTS ix_projects_date_desc_status")
        op.create_index("ix_projects_date_desc", "projects", _DATE_PG)
    else:
        op.create_index("ix_projects_place_lower_amount", "projects", [sa.text("lower(place)"), "amount_cny"])
