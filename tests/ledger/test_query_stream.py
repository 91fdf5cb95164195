"""iter_projects streams what list_projects pages through, in the same order, reading each row once."""

from __future__ import annotations

from itertools import product
from typing import Any

from benchmarks.ledger_bench import PLACES, SECTORS, bulk_load
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
    # each batch reads its own rows by id: none skips over the rows before it again (OFFSET)
    reads = [" ".join(s.split()) for s in statements if "FROM projects" in s]
    assert reads and not [s for s in reads if "OFFSET" in s]


def test_a_stream_leaves_out_a_project_deleted_while_it_runs(ledger: Any) -> None:
    bulk_load(ledger, 0, 30)
    listed = [r.id for r in list_projects(ledger, sort="id", limit=100).rows]
    stream = iter_projects(ledger, sort="id", batch=5)
    assert next(stream).id == listed[0]
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM projects WHERE id = :id"), {"id": listed[7]})
    assert [r.id for r in stream] == listed[1:7] + listed[8:]
