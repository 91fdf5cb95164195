"""What the writer keeps in memory across transactions (``Ledger.cache``, ``Ledger.sources``) stays bounded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.ledger.factory import extraction, project
from zonewatch.ledger import store
from zonewatch.ledger.batch import store_in_batches


def test_a_batchs_document_hashes_and_keys_are_not_kept_after_it(ledger) -> None:  # type: ignore[no-untyped-def]
    """The "_hash" and "_key" kinds answer for one transaction only: kept, they grew by two entries a document."""
    items = [
        extraction(f"Tencent signed {n} in Chengdu.", project(f"Tencent signed {n}.", investors=("Tencent",)))
        for n in range(5)
    ]
    store_in_batches(ledger, items, None, 2, 1e9)
    assert "org" in ledger.cache
    assert not [kind for kind in ledger.cache if kind.startswith("_")]


class _Session:
    """What ``_seen_sources`` uses of a session: its info and one statement reading source rows."""

    def __init__(self, kept: dict[int, Any]) -> None:
        self.info = {"sources": kept}
        self.read: list[int] = []

    def execute(self, _statement: Any, params: dict[str, list[int]]) -> list[tuple[int, Any, dict[str, Any]]]:
        self.read += params["ids"]
        return [(i, STAMP, {"investors": [f"Investor {i}"], "place": "Chengdu"}) for i in params["ids"]]


STAMP = dt.datetime(2020, 8, 20)


def test_the_sources_read_most_recently_are_the_ones_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "SOURCES_KEPT", 4)
    kept: dict[int, Any] = {}
    session = _Session(kept)
    for i in (1, 2, 3, 4):
        store._seen_sources(session, [(i, STAMP)])  # type: ignore[arg-type]
    store._seen_sources(session, [(1, STAMP)])  # type: ignore[arg-type]  # 1 read again: kept, not re-read
    assert session.read == [1, 2, 3, 4]
    store._seen_sources(session, [(5, STAMP)])  # type: ignore[arg-type]  # over the bound: a quarter dropped
    assert list(kept) == [3, 4, 1, 5]
    found = store._seen_sources(session, [(1, STAMP), (2, STAMP)])  # type: ignore[arg-type]
    assert session.read == [1, 2, 3, 4, 5, 2]
    assert found[1].report.investors == ("Investor 1",) and found[2].report.place == "Chengdu"


def test_matching_decodes_only_the_sources_whose_investors_and_place_may_match(ledger) -> None:  # type: ignore[no-untyped-def]
    """The candidates' keys come with their rows: a source at another place is ruled out without being decoded or
    kept, so ``Ledger.sources`` holds what matching compared, not every source of a busy investor."""
    from sqlalchemy import select

    from zonewatch.ledger.models import ProjectSource
    from zonewatch.ledger.query import store_extraction

    def signing(n: int, place: str):  # type: ignore[no-untyped-def]
        text = f"Tencent signed project {n} in {place}."
        return extraction(text, project(text, investors=("Tencent",), place=place), url=f"u:{n}")

    for n in range(12):
        store_extraction(ledger, signing(n, f"Place{n}"))
    ledger.sources.clear()
    store_extraction(ledger, signing(99, "Place3"))
    with ledger.read() as session:
        at_place3 = set(
            session.scalars(select(ProjectSource.id).where(ProjectSource.data["place"].as_string() == "Place3"))
        )
    assert set(ledger.sources) <= at_place3 and len(at_place3) == 2
