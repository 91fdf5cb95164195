"""Rows the writer inserts without the ORM's unit of work (``store._insert_loaded``) still behave as loaded rows."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from tests.ledger.factory import extraction, project
from zonewatch.ledger.batch import store_batch
from zonewatch.ledger.models import DocumentRow, ProjectRecord
from zonewatch.model import Stage


def _version(text: str, value: str):  # type: ignore[no-untyped-def]
    p = project(
        text,
        investors=("Tencent",),
        amount=(value, value, "CNY"),
        cny=value,
        date=("2020-08-20", "August 20"),
        stage=(Stage.SIGNED, "signed"),
        place="Chengdu",
    )
    return extraction(text, p, url="https://example.org/page")


def test_two_versions_of_a_page_in_one_batch(ledger) -> None:  # type: ignore[no-untyped-def]
    """The first version's row and project are written in the batch; the second version must still mark that row
    not current and re-derive that project (changes to rows the writer inserted reach the database)."""
    first = _version("On August 20 Tencent signed 5000 in Chengdu.", "5000")
    second = _version("On August 20 Tencent signed 7300 in Chengdu.", "7300")
    results = store_batch(ledger, [first, second])
    assert [r.status for r in results] == ["new", "updated"]
    with ledger.read() as s:
        rows = s.execute(select(DocumentRow.version, DocumentRow.is_current).order_by(DocumentRow.version)).all()
        projects = list(s.scalars(select(ProjectRecord)))
    assert [tuple(r) for r in rows] == [(1, False), (2, True)]
    assert len(projects) == 1 and projects[0].amount == Decimal("7300") and projects[0].source_count == 1
    assert projects[0].created_at is not None and projects[0].status == "pending" and projects[0].in_totals
