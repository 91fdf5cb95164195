"""Ingest in batches: one bad document inside a batch, and extraction in worker processes (``--jobs``)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.hardening.ledger_dump import dump
from tests.ledger.stub import stub_extract
from zonewatch.errors import ZonewatchError
from zonewatch.ledger import batch, workers
from zonewatch.ledger.db import open_ledger
from zonewatch.ledger.models import DocumentRow, IngestError, ProjectSource
from zonewatch.ledger.query import list_errors
from zonewatch.ledger.store import ingest_documents
from zonewatch.model import Document, Extraction


def documents(n: int, bad: int | None = None) -> list[Document]:
    docs = [
        # Every 15th document reports an earlier one's project again (merged, not added).
        Document(
            f"Report {i}: Investor{i % 15} invests RMB {i % 15 + 1} billion in Park{i % 15 % 4} Zone on 2020-08-{i % 15 + 10}.",
            language="en",
            source=f"doc{i:03d}",
        )
        for i in range(n)
    ]
    if bad is not None:
        docs[bad] = Document(f"BROKEN Investor{bad} invests RMB 1 billion in Park1 Zone.", "en", source="bad-one")
    return docs


def breaks_on_broken(extraction: Extraction) -> Extraction:
    if extraction.document.text.startswith("BROKEN"):
        raise ZonewatchError("cannot extract this one")
    return stub_extract(extraction)


def stored(ledger: Any, model: Any) -> int:
    with ledger.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_document_failing_to_extract_is_an_error_and_its_batch_is_stored(ledger: Any) -> None:
    results: list[Any] = []
    summary = ingest_documents(
        ledger, documents(12, bad=5), components=[breaks_on_broken], jobs=1, on_result=results.append
    )
    assert [r.source for r in results] == [d.source for d in documents(12, bad=5)]  # every input, in order
    assert summary.errors == (("bad-one", "cannot extract this one"),)
    assert stored(ledger, DocumentRow) == 11
    assert [e.source for e in list_errors(ledger).rows] == ["bad-one"]


def test_a_document_failing_to_store_is_rolled_back_alone(ledger: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.store_in

    def fails_after_writing(session: Any, extraction: Extraction, digest: str) -> Any:
        result = real(session, extraction, digest)  # its rows are written, then the document fails
        if extraction.document.source == "doc004":
            raise ZonewatchError("the ledger cannot take doc004")
        return result

    monkeypatch.setattr(batch, "store_in", fails_after_writing)
    commits: list[int] = []
    real_write = type(ledger).write

    def counting_write(self: Any) -> Any:
        commits.append(1)
        return real_write(self)

    monkeypatch.setattr(type(ledger), "write", counting_write)
    summary = ingest_documents(ledger, documents(10), components=[stub_extract], jobs=1)
    monkeypatch.undo()
    assert len(commits) == 1  # the ten documents went in one transaction
    assert summary.errors == (("doc004", "the ledger cannot take doc004"),)
    assert summary.documents_new == 9
    with ledger.read() as s:
        sources = set(s.scalars(select(DocumentRow.source)))
        orphans = s.scalar(
            select(func.count())
            .select_from(ProjectSource)
            .where(ProjectSource.document_id.not_in(select(DocumentRow.id)))
        )
    assert sources == {f"doc{i:03d}" for i in range(10)} - {"doc004"}  # its savepoint was rolled back
    assert orphans == 0
    assert stored(ledger, IngestError) == 1
    # Re-running stores the one that failed and nothing else.
    again = ingest_documents(ledger, documents(10), components=[stub_extract], jobs=1)
    assert (again.documents_new, again.documents_unchanged) == (1, 9)


def test_two_jobs_write_the_same_ledger_as_one(
    ledger_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = documents(40, bad=17)
    reference = f"sqlite:///{tmp_path / 'one.db'}"
    one = open_ledger(reference)
    single = ingest_documents(one, docs, components=[breaks_on_broken], jobs=1)
    one.dispose()

    monkeypatch.setattr(workers, "POOL_MIN_INPUTS", 1)  # a pool even for this small input
    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(workers, "ProcessPoolExecutor", CountedPool)
    two = open_ledger(ledger_url)
    pooled = ingest_documents(two, docs, components=[breaks_on_broken], jobs=2, batch_documents=7)
    two.dispose()
    assert pools == [2]  # extracted by two worker processes
    assert pooled == single
    assert pooled.errors == (("bad-one", "cannot extract this one"),) and pooled.projects_merged > 0
    assert dump(ledger_url) == dump(reference)
    # A second run with workers finds every text stored: nothing extracted, nothing written.
    again = ingest_documents(open_ledger(ledger_url), docs, components=[breaks_on_broken], jobs=2)
    assert again.documents_unchanged == 39 and again.documents_new == 0


def test_a_small_input_is_extracted_in_this_process() -> None:
    few, items = workers.small(iter(range(3)))
    assert few and list(items) == [0, 1, 2]
    many, items = workers.small(iter(range(workers.POOL_MIN_INPUTS + 5)))
    assert not many and len(list(items)) == workers.POOL_MIN_INPUTS + 5
