"""A batch keeps its documents' link rows unsent until it commits (``store.Unsent``): nothing a document reads
may differ from storing every document in a transaction of its own."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from tests.hardening.ledger_dump import dump
from tests.ledger.factory import extraction, project
from zonewatch.errors import ZonewatchError
from zonewatch.ledger import batch
from zonewatch.ledger.db import open_ledger
from zonewatch.ledger.models import Base, DocumentRow, ProjectSource
from zonewatch.model import Extraction, Stage


def _signing(text: str, investor: str | None, place: str, value: str, url: str | None = None, count: int = 0) -> Any:
    p = project(
        text,
        investors=(investor,) if investor else (),
        amount=(value, value, "CNY"),
        cny=value,
        date=("2020-08-20", "August 20"),
        stage=(Stage.SIGNED, "signed"),
        place=place,
        count=(count, f"{count} projects") if count else None,
    )
    return extraction(text, p, url=url, source=url or "-")


def _inputs() -> list[Extraction]:
    """Later documents merge into projects earlier ones of the same batch created, one page comes twice."""
    return [
        _signing("Tencent signed 5000 in Chengdu on August 20.", "Tencent", "Chengdu", "5000", "u:a"),
        _signing("Alibaba signed 900 in Wuhan on August 20.", "Alibaba", "Wuhan", "900", "u:b"),
        _signing("Tencent signed 5000 in Chengdu on August 20, reports say.", "Tencent", "Chengdu", "5000", "u:c"),
        _signing("Hefei signed 12 projects worth 3000 on August 20 (3 projects).", None, "Hefei", "3000", "u:d", 3),
        _signing("Hefei: 3 projects worth 3000 signed on August 20.", None, "Hefei", "3000", "u:e", 3),
        _signing("Alibaba signed 7300 in Wuhan on August 20.", "Alibaba", "Wuhan", "7300", "u:b"),
        _signing("Tencent also signed 5000 in Chengdu on August 20.", "Tencent", "Chengdu", "5000", "u:f"),
    ]


def _wipe(url: str) -> None:
    ledger = open_ledger(url)
    with ledger.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(text(f'DELETE FROM "{table.name}"'))
    ledger.dispose()


def _store(url: str, items: list[Any], per_transaction: bool) -> list[str]:
    ledger = open_ledger(url)
    try:
        if per_transaction:
            results = [r for item in items for r in batch.store_batch(ledger, [item])]
        else:
            results = batch.store_batch(ledger, items)
    finally:
        ledger.dispose()
    return [r.status for r in results]


@pytest.mark.parametrize("forecast", [True, False], ids=["forecast", "found-while-matching"])
def test_a_batch_stores_what_one_transaction_per_document_stores(
    ledger_url: str, forecast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merges into projects of the same batch are found whether the batch sends its unsent rows before the
    document (its forecast) or only when matching asks for them (the document is then stored again)."""
    alone = _store(ledger_url, _inputs(), per_transaction=True)
    expected = dump(ledger_url)
    _wipe(ledger_url)
    if not forecast:
        monkeypatch.setattr(batch, "_may_match_unsent", lambda *_: False)
    together = _store(ledger_url, _inputs(), per_transaction=False)
    assert together == alone == ["new", "new", "new", "new", "new", "updated", "new"]
    assert dump(ledger_url) == expected
    ledger = open_ledger(ledger_url)
    with ledger.read() as s:
        sources = s.execute(select(ProjectSource.project_id, func.count()).group_by(ProjectSource.project_id)).all()
    ledger.dispose()
    assert sorted(n for _, n in sources) == [1, 2, 3]  # Alibaba's new version, Hefei twice, Tencent three times


def test_a_refused_document_leaves_its_neighbours_rows_in_the_batch(
    ledger: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second document is refused after writing; the first one's unsent rows survive its rollback, and the
    third still merges into the first one's project."""
    real = batch.store_in

    def refuses_b(session: Any, item: Extraction, digest: str) -> Any:
        result = real(session, item, digest)
        if item.document.source == "u:b":
            raise ZonewatchError("the ledger cannot take u:b")
        return result

    monkeypatch.setattr(batch, "store_in", refuses_b)
    results = batch.store_batch(ledger, _inputs()[:3])
    assert [r.status for r in results] == ["new", "error", "new"]
    assert results[2].projects_merged == results[0].projects_added
    with ledger.read() as s:
        assert set(s.scalars(select(DocumentRow.source))) == {"u:a", "u:c"}
        per_document = dict(s.execute(select(ProjectSource.document_id, ProjectSource.project_id)).all())
    assert per_document == {results[0].document_id: results[0].projects_added[0],
                            results[2].document_id: results[0].projects_added[0]}  # fmt: skip


def test_link_rows_go_once_per_table_per_batch(ledger: Any) -> None:
    """Documents that cannot match each other: their sources are sent in one statement for the whole batch."""
    items = [_signing(f"Investor{i} signed 5000 in Place{i} on August 20.", f"Investor{i}", f"Place{i}", "5000")
             for i in range(6)]  # fmt: skip
    inserts: list[str] = []

    def seen(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        if statement.startswith("INSERT INTO project_sources"):
            inserts.append(statement)

    event.listen(ledger.engine, "before_cursor_execute", seen)
    results = batch.store_batch(ledger, items)
    event.remove(ledger.engine, "before_cursor_execute", seen)
    assert [r.status for r in results] == ["new"] * 6
    assert len(inserts) == 1
    with ledger.read() as s:
        assert s.scalar(select(func.count()).select_from(ProjectSource)) == 6
