"""Migration 0004 (PostgreSQL: the rollup follows ``projects`` per statement): right, upgradable, reversible."""

from __future__ import annotations

from sqlalchemy import inspect, text

from tests.ledger.factory import tencent_en, tencent_zh
from tests.ledger.test_migrations_rollup import bare_url, downgrade
from tests.ledger.test_rollup import check
from tests.ledger.test_store import aggregate
from zonewatch.ledger.db import current_revision, open_ledger, upgrade
from zonewatch.ledger.query import edit, list_projects, reject, store_extraction, totals

__all__ = ["bare_url"]  # the fixture, imported to be used here


def _project_triggers(ledger) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """PostgreSQL: the rollup triggers on ``projects`` and whether each fires per ROW or per STATEMENT."""
    with ledger.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT tgname, CASE WHEN tgtype & 1 = 1 THEN 'row' ELSE 'statement' END FROM pg_trigger "
            "WHERE tgrelid = 'projects'::regclass AND tgname LIKE 'zw_rollup_%'"
        )).all()  # fmt: skip
    return dict(rows)


def _functions(ledger) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """PostgreSQL: the source of every rollup trigger function."""
    with ledger.engine.connect() as conn:
        return dict(conn.execute(text("SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'zw_rollup_%'")).all())


def _copy_projects(ledger, shift: int) -> None:  # type: ignore[no-untyped-def]
    """Every project again under id + ``shift``, in ONE multi-row INSERT, then their links in one INSERT each."""
    columns = [c["name"] for c in inspect(ledger.engine).get_columns("projects")]
    values = ", ".join(f"{c} + {shift}" if c in ("id", "parent_id") else c for c in columns)
    with ledger.engine.begin() as conn:
        conn.execute(text(f"INSERT INTO projects ({', '.join(columns)}) SELECT {values} FROM projects"))
        conn.execute(text(f"INSERT INTO project_sectors (project_id, sector) "
                          f"SELECT project_id + {shift}, sector FROM project_sectors WHERE project_id < {shift}"))  # fmt: skip
        conn.execute(text(f"INSERT INTO project_organisations (project_id, organisation_id, role) SELECT "
                          f"project_id + {shift}, organisation_id, role FROM project_organisations WHERE project_id < {shift}"))  # fmt: skip


def test_0004_keeps_the_rollup_through_multi_row_writes_upgrade_and_downgrade(bare_url: str) -> None:
    ledger = open_ledger(bare_url, migrate=False)
    try:
        upgrade(ledger, "0003")
        store_extraction(ledger, aggregate())
        store_extraction(ledger, tencent_en())
        check(ledger)
        functions_0003 = _functions(ledger) if ledger.dialect == "postgresql" else {}
        upgrade(ledger, "0004")
        assert current_revision(ledger) == "0004"
        if ledger.dialect == "postgresql":
            assert _project_triggers(ledger) == {"zw_rollup_projects_insert": "statement",
                                                 "zw_rollup_projects_update": "statement",
                                                 "zw_rollup_project_delete": "row"}  # fmt: skip
            assert _functions(ledger) != functions_0003
        check(ledger)  # the upgrade leaves the figures as they were

        store_extraction(ledger, tencent_zh())  # a merge: UPDATEs of an existing project
        check(ledger)
        before = totals(ledger)
        _copy_projects(ledger, 1000)  # one statement inserting an aggregate, its parts and the rest
        check(ledger)
        after = totals(ledger)
        assert (after.records, after.total_cny) == (2 * before.records, 2 * before.total_cny)
        with ledger.engine.begin() as conn:
            # one UPDATE moving some rows between groups, rejecting others, and leaving watched columns of the rest
            conn.execute(text("UPDATE projects SET updated_at = updated_at, "
                              "place = CASE WHEN id % 2 = 0 THEN 'Wuhan' ELSE place END, "
                              "status = CASE WHEN id % 3 = 0 THEN 'rejected' ELSE status END, "
                              "amount_cny = CASE WHEN id > 1000 THEN amount_cny * 2 ELSE amount_cny END"))  # fmt: skip
            conn.execute(text("UPDATE projects SET description = 'untouched figures'"))
        check(ledger)
        ids = [r.id for r in list_projects(ledger, limit=1000).rows]
        edit(ledger, ids[0], "stage", "started", who="ana")
        reject(ledger, ids[1], who="ana")
        with ledger.engine.begin() as conn:
            conn.execute(text("DELETE FROM projects WHERE id > 1000 AND parent_id IS NULL"))
        check(ledger)

        downgrade(ledger, "0003")  # 0003's per-row triggers again, the rollup's figures unchanged
        assert current_revision(ledger) == "0003"
        if ledger.dialect == "postgresql":
            assert _project_triggers(ledger) == {"zw_rollup_project_insert": "row",
                                                 "zw_rollup_project_update": "row",
                                                 "zw_rollup_project_delete": "row"}  # fmt: skip
            assert _functions(ledger) == functions_0003  # 0003's link functions are back, word for word
        check(ledger)
        _copy_projects(ledger, 5000)
        edit(ledger, ids[0], "place", "Hefei", who="ana")
        check(ledger)
        upgrade(ledger)
        _copy_projects(ledger, 20000)
        check(ledger)
        assert totals(ledger).records > after.records
    finally:
        ledger.dispose()
