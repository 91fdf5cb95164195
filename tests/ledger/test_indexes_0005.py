"""Migration 0005 (covering date and place indexes): the pages list the same projects, read from the indexes."""

from __future__ import annotations

from functools import partial
from itertools import product
from typing import Any

from benchmarks.ledger_bench import PLACES, SECTORS, _organisation_name, bulk_load
from sqlalchemy import event, text

from tests.ledger.test_migrations_rollup import bare_url, downgrade
from zonewatch.ledger.db import current_revision, open_ledger, upgrade
from zonewatch.ledger.names import canonical
from zonewatch.ledger.query import ProjectFilter, iter_projects, list_projects

__all__ = ["bare_url"]  # the fixture, imported to be used here

ALIAS = "Chengdu Comprehensive Bonded Zone"  # a place whose canonical name is another one
NEW = {"ix_projects_place_lower_amount_cover", "ix_projects_place_lower_date"}
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
            assert "Index Only Scan using ix_projects_place_lower_" in plan, plan  # either 0005 place index
        else:
            assert "COVERING INDEX ix_projects_place_lower_" in plan, plan
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


def _expected(rows: list[Any], typed: str, name: str, sort: str) -> list[int]:
    """The ids a place filter lists, in ``sort`` order (NULLs last, ties by id in the same direction), from rows."""
    column = {"-amount_cny": 3, "date": 4, "-date": 4}[sort]
    sign = -1 if sort.startswith("-") else 1
    matching = [r for r in rows if r[2] != "rejected" and (r[1] == name or (r[1] or "").lower() == typed.lower())]
    present = sorted((r for r in matching if r[column] is not None), key=lambda r: (r[column], r[0]), reverse=sign < 0)
    absent = sorted((r for r in matching if r[column] is None), key=lambda r: sign * r[0])
    return [r[0] for r in present + absent]


# the index each order of a place's page is read from on SQLite (PostgreSQL walks its date index for common places)
SQLITE_READS = {"-amount_cny": "ix_projects_place_lower_amount_cover", "-date": "ix_projects_place_lower_date"}


def test_a_place_page_is_read_in_index_order_whatever_its_script(bare_url: str) -> None:
    ledger = open_ledger(bare_url)
    try:
        bulk_load(ledger, 0, 300)
        aliased = "成都经开区"  # canonical: the English name, stored below on most of its projects
        places = {"西岭雪山旅游区": "西岭雪山旅游区", aliased: canonical(aliased), PLACES[3]: PLACES[3]}
        assert places[aliased] != aliased
        with ledger.engine.begin() as conn:
            for i, name in enumerate(places.values()):
                conn.execute(text("UPDATE projects SET place = :p WHERE id % 5 = :i"), {"p": name, "i": i})
            conn.execute(text("UPDATE projects SET place = :p WHERE id % 10 = 3"), {"p": aliased})
            conn.execute(text("UPDATE projects SET amount_cny = NULL, date = NULL WHERE id % 7 = 0"))
            rows = conn.execute(text("SELECT id, place, status, amount_cny, date FROM projects")).all()
        for (typed, name), sort, offset in product(places.items(), ("-amount_cny", "date", "-date"), (0, 5, 40)):
            expected = _expected(rows, typed, name, sort)
            assert len(expected) > 40
            page = list_projects(ledger, ProjectFilter(place=typed), sort=sort, limit=10, offset=offset)
            assert [r.id for r in page.rows] == expected[offset : offset + 10], (typed, sort, offset)
            assert page.total == len(expected)
        for (typed, name), (sort, index) in product(places.items(), SQLITE_READS.items()):
            call = partial(list_projects, ledger, ProjectFilter(place=typed), sort=sort, limit=10)
            statement, parameters = _statements(ledger, call)[1]  # after the count: the page's rows by its ids
            # two keys of lower(place) (a name typed other than its canonical one): one ordered read of each, merged
            assert ("UNION ALL" in statement) == (name != typed), typed
            if ledger.dialect != "sqlite":
                continue  # PostgreSQL's plans follow statistics, which 300 projects do not make
            with ledger.engine.connect() as conn:
                plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            reads = [row[3] for row in plan if row[3].startswith("SEARCH projects USING")]
            sorts = [row[3] for row in plan if "TEMP B-TREE FOR ORDER BY" in row[3]]
            # each key's projects come from the place index in the page's order: a sort only where reads merge
            assert all(index in r for r in reads if "PRIMARY KEY" not in r), plan
            assert len(sorts) == (2 if name != typed else 1), (typed, plan)
    finally:
        ledger.dispose()
