"""iter_projects streams what list_projects pages through, in the same order, reading each row once."""

from __future__ import annotations

from itertools import product
from typing import Any

from benchmarks.ledger_bench import PLACES, SECTORS, _organisation_name, bulk_load
from sqlalchemy import event, text

from zonewatch.ledger.query import ProjectFilter, iter_projects, list_projects


def test_a_stream_is_every_page_in_order(ledger: Any) -> None:
    bulk_load(ledger, 0, 240)
    with ledger.engine.begin() as conn:
        # ties and NULLs in every sort key, so the order within them (by id) shows
        conn.execute(text("UPDATE projects SET date = NULL, amount_cny = NULL, amount_usd = NULL, place = NULL "
                          "WHERE id % 9 = 0"))  # fmt: skip
        conn.execute(text("UPDATE projects SET date = '2020-01-01', amount_usd = 5 WHERE id % 9 = 1"))
        conn.execute(text("DELETE FROM projects WHERE id % 50 = 7"))
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    filters = (None, ProjectFilter(sector=SECTORS[1]), ProjectFilter(place=PLACES[1], status="all"))
    for sort, f in product(
        ("-date", "date", "-amount_cny", "amount_usd", "place", "-stage", "id", "-updated"), filters
    ):
        paged = [r.id for r in list_projects(ledger, f, sort=sort, limit=1000, count_cap=None).rows]
        assert len(paged) > 12
        event.listen(ledger.engine, "before_cursor_execute", record)
        try:
            streamed = [r.id for r in iter_projects(ledger, f, sort=sort, batch=7)]
        finally:
            event.remove(ledger.engine, "before_cursor_execute", record)
        assert streamed == paged, (sort, f)
    # one ordered read of the ids per stream, then each batch's rows by id: none skips over rows again (OFFSET)
    statements = [" ".join(s.split()) for s in statements]
    assert len([s for s in statements if s.startswith("SELECT projects.id FROM projects")]) == 8 * len(filters)
    rows = [s for s in statements if s.startswith("SELECT projects.id, projects.parent_id")]
    assert rows and not [s for s in rows if "OFFSET" in s]


def test_a_stream_leaves_out_a_project_deleted_while_it_runs(ledger: Any) -> None:
    bulk_load(ledger, 0, 30)
    listed = [r.id for r in list_projects(ledger, sort="id", limit=100).rows]
    stream = iter_projects(ledger, sort="id", batch=5)
    assert next(stream).id == listed[0]
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM projects WHERE id = :id"), {"id": listed[7]})
    assert [r.id for r in stream] == listed[1:7] + listed[8:]


def test_a_link_filter_is_driven_from_its_links_when_few_for_the_page(ledger: Any, monkeypatch: Any) -> None:
    from zonewatch.ledger import query

    bulk_load(ledger, 0, 400)
    f = ProjectFilter(investor=_organisation_name(3))
    with ledger.engine.connect() as conn:
        links = conn.execute(text("SELECT count(*) FROM project_organisations WHERE organisation_id = 4")).scalar()
    # Below 5 links everything is driven from them; above, a stream walks the projects in order (EXISTS) and a
    # page is driven while its links are fewer than sqrt(page end x projects / c): 13-15 for a page ending at 10.
    monkeypatch.setattr(query, "DRIVE_FROM_LINKS", 5)
    assert 15 < links < 40
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(ledger.engine, "before_cursor_execute", record)
    try:
        walked = [r.id for r in iter_projects(ledger, f, sort="-date")]
        assert any("EXISTS" in s for s in statements if s.startswith("SELECT projects.id FROM projects"))
        for offset in (0, 3, 10):
            statements.clear()
            page = list_projects(ledger, f, sort="-date", limit=10, offset=offset)
            assert [r.id for r in page.rows] == walked[offset : offset + 10] and page.total == len(walked)
            pages = [s for s in statements if s.startswith("SELECT projects.id, projects.parent_id")]
            assert pages and "EXISTS" not in pages[0], pages  # driven: a page ending at 10 or later
    finally:
        event.remove(ledger.engine, "before_cursor_execute", record)
    assert len(walked) > 15
