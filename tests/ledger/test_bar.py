"""Issue 5's bar on the gold corpus, with the real extractors, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zonewatch.ingest.sources import iter_documents
from zonewatch.ingest.text import parse_published
from zonewatch.ledger.query import ProjectFilter, iter_projects, list_projects, stats, totals
from zonewatch.ledger.store import ingest_documents

pytestmark = pytest.mark.slow


def ingest_corpus(ledger, shared: Path):  # type: ignore[no-untyped-def]
    dev = ingest_documents(ledger, iter_documents([str(shared / "corpus" / "dev")]))
    seed = ingest_documents(
        ledger, iter_documents([str(shared / "corpus" / "seed")]), published=parse_published("2020-08")
    )
    return dev, seed


def test_issue5_bar(ledger, shared: Path) -> None:  # type: ignore[no-untyped-def]
    dev, seed = ingest_corpus(ledger, shared)
    assert not dev.failed and not seed.failed
    once = list_projects(ledger, ProjectFilter(status="all")).total
    assert once > 20

    again_dev, again_seed = ingest_corpus(ledger, shared)
    assert again_dev.documents_new == again_seed.documents_new == 0
    assert list_projects(ledger, ProjectFilter(status="all")).total == once

    tencent = [
        r
        for r in iter_projects(ledger, ProjectFilter(investor="Tencent"))
        if r.place == "Chengdu Hi-Tech Zone" and r.amount == Decimal("5000000000")
    ]
    assert len(tencent) == 1
    assert tencent[0].amount_usd is not None and abs(tencent[0].amount_usd - Decimal("722.7e6")) < Decimal("15e6")
    assert any("cdht-august-roundup" in s.source for s in tencent[0].sources)

    rows = list(iter_projects(ledger))
    amounts = {r.id: r.amount for r in rows}
    # Independent of the ledger's own flag: a project counts when it has no parent or its parent has no amount.
    counted = sum(
        (r.amount_cny or 0 for r in rows if r.parent_id is None or amounts.get(r.parent_id) is None), Decimal(0)
    )
    by_month = stats(ledger, "month")
    assert sum((m.total_cny for m in by_month), Decimal(0)) == totals(ledger).total_cny
    assert abs(totals(ledger).total_cny - counted) < Decimal("1")
