"""Migration 0005 (covering date and place indexes): the pages list the same projects, read from the indexes."""

from __future__ import annotations

from functools import partial
from typing import Any

from benchmarks.ledger_bench import PLACES, SECTORS, _organisation_name, bulk_load
from sqlalchemy import event, text

from tests.ledger.test_migrations_rollup import bare_url, downgrade
from zonewatch.ledger.db import current_revision, open_ledger, upgrade
from zonewatch.ledger.names import canonical
from zonewatch.ledger.query import ProjectFilter, iter_projects, list_projects

__all__ = ["bare_url"]  # the fixture, imported to be used here

ALIAS = "Chengdu Comprehensive Bonded Zone"  # a place whose canonical name is another one
NEW = {"ix_projects_place_lower_amount_cover"}
OLD = {"ix_projects_place_lower_amount"}
PG_NEW, PG_OLD = {"ix_projects_date_desc_status"}, {"ix_projects_date_desc"}


def _indexes(ledger: Any) -> set[str]:
    """The names of the indexes on ``projects``, from the catalog (reflection skips SQLite's expression indexes)."""
    sql = ("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'projects'" if ledger.dialect == "sqlite"
           else "SELECT indexname FROM pg_indexes WHERE tablename = 'projects'")  # fmt: skip
    with ledger.engine.connect() as conn:
        return set(conn.execute(text(sql)).scalars())


def _pages(ledger: Any) -> list[tuple[int, bool, list[int]]]:
    """Totals and ids of pages over the filters the indexes serve, in three orders, away from the first row."""
    out = []
    for f in (ProjectFilter(place=ALIAS), ProjectFilter(place=PLACES[1]), ProjectFilter(place=PLACES[2].upper()),
              ProjectFilter(sector=SECTORS[2]), ProjectFilter(investor=_organisation_name(1)), None):  # fmt: skip
        for sort in ("-amount_cny", "-date", "amount_cny"):
            page = list_projects(ledger, f, sort=sort, limit=7, offset=3, count_cap=20)
            out.append((page.total, page.total_capped, [r.id for r in page.rows]))
    return out


def _count_plan(ledger: Any, place: str) -> str:
    """The plan of a place's capped count, with the index forced where it can serve (PostgreSQL)."""
    sql = f"SELECT count(*) FROM (SELECT id FROM projects WHERE status <> 'rejected' AND lower(place) = '{place}' LIMIT 1001) a"  # fmt: skip
    with ledger.engine.connect() as conn:
        if ledger.dialect == "sqlite":
            return " / ".join(row[3] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
        conn.execute(text("SET enable_seqscan = off"))
        conn.execute(text("SET enable_bitmapscan = off"))
        return " / ".join(row[0] for row in conn.execute(text("EXPLAIN " + sql)))


def test_0005_lists_the_same_pages_from_covering_indexes_and_downgrades(bare_url: str) -> None:
    ledger = open_ledger(bare_url, migrate=False)
    try:
        upgrade(ledger, "0004")
        bulk_load(ledger, 0, 500)
        name = canonical(ALIAS)
        assert name.lower() != ALIAS.lower()
        with ledger.engine.begin() as conn:
            # The canonical name exactly, in capitals, and the alias in lower case: a place filter matches the
            # canonical name as written or the name typed in any case, so the capitals are not listed.
            conn.execute(text("UPDATE projects SET place = CASE id % 3 WHEN 0 THEN :name WHEN 1 THEN :upper "
                              "ELSE :alias END WHERE id % 7 = 0"),
                         {"name": name, "upper": name.upper(), "alias": ALIAS.lower()})  # fmt: skip
            rows = conn.execute(text("SELECT id, place, status FROM projects ORDER BY id")).all()
        expected = [i for i, place, status in rows
                    if status != "rejected" and (place == name or (place or "").lower() == ALIAS.lower())]  # fmt: skip
        assert len(expected) > 40 and any(p == name.upper() for _, p, _ in rows)
        listed = [r.id for r in iter_projects(ledger, ProjectFilter(place=ALIAS), sort="id")]
        assert listed == expected
        before = _pages(ledger)
        assert _indexes(ledger) >= OLD and not _indexes(ledger) & NEW
        covered = ("Index Only Scan", "COVERING INDEX")  # each engine's words for "read from the index alone"
        assert not any(word in _count_plan(ledger, PLACES[1].lower()) for word in covered)

        upgrade(ledger)
        assert current_revision(ledger) == "0005"
        pg = ledger.dialect == "postgresql"
        assert _indexes(ledger) >= NEW | (PG_NEW if pg else set()) and not _indexes(ledger) & (OLD | PG_OLD)
        plan = _count_plan(ledger, PLACES[1].lower())
        if pg:
            assert "Index Only Scan using ix_projects_place_lower_amount_cover" in plan, plan
        else:
            assert "COVERING INDEX ix_projects_place_lower_amount_cover" in plan, plan
        assert [r.id for r in iter_projects(ledger, ProjectFilter(place=ALIAS), sort="id")] == expected
        assert _pages(ledger) == before

        downgrade(ledger, "0004")
        assert current_revision(ledger) == "0004"
        assert _indexes(ledger) >= OLD | (PG_OLD if pg else set()) and not _indexes(ledger) & (NEW | PG_NEW)
        assert _pages(ledger) == before
    finally:
        ledger.dispose()


def _statements(ledger: Any, call: Any) -> list[tuple[str, Any]]:
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    event.listen(ledger.engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(ledger.engine, "before_cursor_execute", capture)
    return captured


def test_a_place_by_amount_is_read_in_index_order_whatever_its_script(bare_url: str) -> None:
    ledger = open_ledger(bare_url)
    try:
        bulk_load(ledger, 0, 300)
        places = {"西岭雪山旅游区": "西岭雪山旅游区", "成都高新区": canonical("成都高新区"), PLACES[3]: PLACES[3]}
        with ledger.engine.begin() as conn:
            for i, place in enumerate(places):
                conn.execute(text("UPDATE projects SET place = :p WHERE id % 4 = :i"), {"p": place, "i": i})
            rows = conn.execute(text("SELECT id, place, status, amount_cny FROM projects")).all()
        for typed, name in places.items():
            matching = [(i, cny) for i, place, status, cny in rows
                        if status != "rejected" and (place == name or (place or "").lower() == typed.lower())]  # fmt: skip
            # -amount_cny: largest first, no amount last, ties by id descending
            expected = [i for i, _ in sorted(matching, key=lambda r: (r[1] is None, -(r[1] or 0), -r[0]))]
            assert len(expected) > 20
            page = list_projects(ledger, ProjectFilter(place=typed), sort="-amount_cny", limit=10, offset=5)
            assert [r.id for r in page.rows] == expected[5:15] and page.total == len(expected), typed
            if ledger.dialect != "sqlite" or name != typed:
                # PostgreSQL's plans follow statistics; a canonical name other than the typed one is two keys of
                # lower(place), whose rows are merged and sorted
                continue
            call = partial(list_projects, ledger, ProjectFilter(place=typed), sort="-amount_cny", limit=10)
            ids_and_rows = _statements(ledger, call)[1]  # after the count: the page's rows by the ids of its subquery
            with ledger.engine.connect() as conn:
                plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + ids_and_rows[0], ids_and_rows[1]).all()
            sorts = [row[3] for row in plan if "TEMP B-TREE FOR ORDER BY" in row[3]]
            assert "ix_projects_place_lower_amount_cover" in str(plan) and len(sorts) == 1, (typed, plan)
    finally:
        ledger.dispose()
