"""A batch keeps its documents' link rows unsent until it commits (``store.Unsent``): nothing a document reads
may differ from storing every document in a transaction of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from tests.hardening.ledger_dump import dump
from tests.ledger.factory import extraction, find, project
from zonewatch.errors import ZonewatchError
from zonewatch.ledger import batch
from zonewatch.ledger.db import open_ledger
from zonewatch.ledger.models import (
    Base,
    DocumentRow,
    FindingRecord,
    Organisation,
    Place,
    ProjectRecord,
    ProjectSector,
    ProjectSource,
)
from zonewatch.model import Extraction, Finding, Stage


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
    _no_fallback(monkeypatch)
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
    _no_fallback(monkeypatch)
    results = batch.store_batch(ledger, _inputs()[:3])
    assert [r.status for r in results] == ["new", "error", "new"]
    assert results[2].projects_merged == results[0].projects_added
    with ledger.read() as s:
        assert set(s.scalars(select(DocumentRow.source))) == {"u:a", "u:c"}
        per_document = dict(s.execute(select(ProjectSource.document_id, ProjectSource.project_id)).all())
    assert per_document == {results[0].document_id: results[0].projects_added[0],
                            results[2].document_id: results[0].projects_added[0]}  # fmt: skip


def _store_counting_inserts(ledger: Any, items: list[Any]) -> tuple[list[Any], list[str]]:
    """``batch.store_batch``, and the table of each INSERT statement it sent, in order."""
    tables: list[str] = []

    def seen(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        if statement.startswith("INSERT"):
            tables.append(statement.replace('"', "").split()[2])

    event.listen(ledger.engine, "before_cursor_execute", seen)
    try:
        results = batch.store_batch(ledger, items)
    finally:
        event.remove(ledger.engine, "before_cursor_execute", seen)
    return results, tables


def test_link_rows_go_once_per_table_per_batch(ledger: Any) -> None:
    """Documents that cannot match each other: their sources, new organisations and places are sent in one
    statement each for the whole batch."""
    items = [_signing(f"Investor{i} signed 5000 in Place{i} on August 20.", f"Investor{i}", f"Place{i}", "5000")
             for i in range(6)]  # fmt: skip
    results, inserts = _store_counting_inserts(ledger, items)
    assert [r.status for r in results] == ["new"] * 6
    assert [inserts.count(t) for t in ("project_sources", "organisations", "places")] == [1, 1, 1]
    with ledger.read() as s:
        assert s.scalar(select(func.count()).select_from(ProjectSource)) == 6
        assert s.scalar(select(func.count()).select_from(Organisation)) == 6
        assert s.scalar(select(func.count()).select_from(Place)) == 6


def _aggregate_with_a_known_part() -> Extraction:
    """A new aggregate whose named part is a project the ledger already has: that ledger project must point at a
    project created (and not yet sent) by the same document."""
    text = "Chengdu signed 3 projects worth 20000 on August 20, among them Tencent's 5000."
    whole = project(text, pid="p1", amount=("20000", "20000", "CNY"), cny="20000", place="Chengdu",
                    count=(3, "3 projects"), date=("2020-08-20", "August 20"), stage=(Stage.SIGNED, "signed"))  # fmt: skip
    part = project(text, pid="p2", investors=("Tencent",), amount=("5000", "5000", "CNY"), cny="5000",
                   place="Chengdu", date=("2020-08-20", "August 20"), stage=(Stage.SIGNED, "signed"), parent="p1")  # fmt: skip
    return extraction(text, whole, part, url="u:agg", source="u:agg")


def _aggregate_with_a_new_part() -> Extraction:
    text = "Wuhan signed 4 projects worth 9000 on August 20, among them Huawei's 7000."
    whole = project(text, pid="p1", amount=("9000", "9000", "CNY"), cny="9000", place="Wuhan",
                    count=(4, "4 projects"), date=("2020-08-20", "August 20"), stage=(Stage.SIGNED, "signed"))  # fmt: skip
    part = project(text, pid="p2", investors=("Huawei",), amount=("7000", "7000", "CNY"), cny="7000",
                   place="Wuhan", date=("2020-08-20", "August 20"), stage=(Stage.SIGNED, "signed"), parent="p1")  # fmt: skip
    return extraction(text, whole, part, url="u:new-agg", source="u:new-agg")


def test_a_ledger_project_becomes_part_of_an_aggregate_created_in_the_batch(
    ledger_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [_inputs()[0], _aggregate_with_a_new_part(), _inputs()[1], _aggregate_with_a_known_part()]
    alone = _store(ledger_url, items, per_transaction=True)
    expected = dump(ledger_url)
    _wipe(ledger_url)
    _no_fallback(monkeypatch)
    assert _store(ledger_url, items, per_transaction=False) == alone == ["new", "new", "new", "new"]
    assert dump(ledger_url) == expected
    ledger = open_ledger(ledger_url)
    with ledger.read() as s:
        parts = s.execute(
            select(ProjectRecord.parent_id, ProjectRecord.in_totals).where(ProjectRecord.parent_id.is_not(None))
        ).all()
    ledger.dispose()
    assert [in_totals for _, in_totals in parts] == [False, False]  # Huawei's and Tencent's, inside an aggregate


def _no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*_: Any) -> Any:
        raise AssertionError("the batch's transaction failed and its documents were stored one by one")

    monkeypatch.setattr(batch, "_store_alone", fails)


def test_repeated_findings_of_a_document_are_stored_once(ledger: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_fallback(monkeypatch)
    item = _inputs()[0]
    finding = Finding("conversion_mismatch", "5000 is printed as 900.", find(item.document.text, "5000"), "p1")
    results = batch.store_batch(ledger, [replace(item, findings=(finding, finding))])
    assert results[0].findings == 1
    with ledger.read() as s:
        assert s.execute(select(FindingRecord.project_id, FindingRecord.document_id)).all() == [
            (results[0].projects_added[0], results[0].document_id)
        ]


def test_a_batch_sends_its_projects_in_one_statement(ledger: Any) -> None:
    """One multi-row INSERT on PostgreSQL (the rollup's statement triggers then run once), one executemany on SQLite."""
    items = [_signing(f"Investor{i} signed 5000 in Place{i} on August 20.", f"Investor{i}", f"Place{i}", "5000")
             for i in range(6)]  # fmt: skip
    _, inserts = _store_counting_inserts(ledger, items)
    assert inserts.count("projects") == 1
    with ledger.read() as s:
        assert s.scalar(select(func.count()).select_from(ProjectRecord)) == 6


def test_rows_sent_in_one_statement_keep_every_value_exactly(ledger: Any) -> None:
    """PostgreSQL gets a batch's rows as one JSON array: text with quotes, backslashes and Chinese, and decimals,
    come back as they were written."""
    text_ = (
        'He said "5000.1234" \\ 投资 \\u4e2d\n\ttabbed 蓝海星辰科技 signed 123456789.0123 in 星辰产业园 on August 20.'
    )
    p = project(text_, investors=("蓝海星辰科技",), amount=("123456789.0123", "123456789.0123", "CNY"),
                cny="123456789.0123", date=("2020-08-20", "August 20"), place="星辰产业园")  # fmt: skip
    results = batch.store_batch(ledger, [extraction(text_, p, title='A "quoted" \\ title')])
    with ledger.read() as s:
        doc = s.get(DocumentRow, results[0].document_id)
        stored = s.get(ProjectRecord, results[0].projects_added[0])
        assert doc is not None and stored is not None
        assert (doc.text, doc.title) == (text_, 'A "quoted" \\ title')
        assert stored.amount == Decimal("123456789.0123")
        assert (
            stored.investors == ["蓝海星辰科技"]
            and stored.place == "星辰产业园"
            and stored.date == dt.date(2020, 8, 20)
        )


def test_sectors_wait_for_the_end_of_the_batch_when_matching_needs_a_send(ledger: Any) -> None:
    """A document sharing an investor with an earlier one has the sources and links sent for its matching; the
    sectors (whose rollup trigger costs more as the ledger grows) stay for the batch's one last statement."""
    items = [
        extraction(
            text,
            project(
                text,
                investors=("Tencent",),
                amount=(value, value, "CNY"),
                cny=value,
                place=place,
                date=("2020-08-20", "August 20"),
                sectors=("finance",),
            ),
        )
        for text, value, place in (
            ("Tencent signed 5000 in Chengdu on August 20.", "5000", "Chengdu"),
            ("Tencent signed 900 in Wuhan on August 20.", "900", "Wuhan"),
            ("Tencent signed 7300 in Hefei on August 20.", "7300", "Hefei"),
        )
    ]
    results, inserts = _store_counting_inserts(ledger, items)
    assert [len(r.projects_added) for r in results] == [1, 1, 1]  # three places: three projects
    assert inserts.count("project_sources") == 3 and inserts.count("project_sectors") == 1
    with ledger.read() as s:
        assert s.scalar(select(func.count()).select_from(ProjectSector)) == 3
