"""``zonewatch ingest --engine dask``: workers extract, the driver writes the results in batches.

Writes go through the ledger's own batch writer (``ledger.batch.store_batch``: one transaction per batch of
documents, a SAVEPOINT per document), in input order, so the ledger is exactly what the default engine
would have written: idempotent by content hash, a bad document recorded and skipped while its neighbours are
stored, and a killed run resumable (batches already committed come back "unchanged"). Only extraction, the
CPU-heavy part, leaves the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from zonewatch.errors import ConfigError
from zonewatch.ledger.batch import Failed, Item, store_in_batches
from zonewatch.ledger.db import Ledger
from zonewatch.ledger.rows import DocumentResult, IngestSummary
from zonewatch.ledger.store import BATCH_DOCUMENTS, BATCH_SECONDS
from zonewatch.model import DateValue
from zonewatch.pipeline import Outcome
from zonewatch.scale.dask_engine import PARTITION_SIZE, Input, connect, extract_distributed


def _item(outcome: Outcome) -> Item:
    """What the batch writer stores for one outcome: its extraction, or the failure to record as an error row."""
    if outcome.error is not None or outcome.extraction is None:
        return Failed(outcome.source, str(outcome.error))
    return outcome.extraction


def ingest_distributed(
    ledger: Ledger,
    inputs: Iterable[Input],
    client: Any,
    lang: str = "auto",
    published: DateValue | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
    partition_size: int = PARTITION_SIZE,
    batch_documents: int = BATCH_DOCUMENTS,
    batch_seconds: float = BATCH_SECONDS,
) -> IngestSummary:
    """Ingest ``inputs`` (paths, Documents, or read errors) with extraction on ``client``'s Dask workers.

    Results are written as they arrive, up to ``batch_documents`` documents or ``batch_seconds`` per
    transaction, as the default engine does; ``on_result`` is called per document once its batch commits.
    """
    outcomes = extract_distributed(inputs, client, lang, published, partition_size)
    return store_in_batches(ledger, map(_item, outcomes), on_result, batch_documents, batch_seconds)


ENGINES = ("default", "dask")


def ingest_with_engine(
    engine: str,
    ledger: Ledger,
    inputs: Iterable[Input],
    scheduler: str | None = None,
    workers: int | None = None,
    lang: str = "auto",
    published: DateValue | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> IngestSummary:
    """``zonewatch ingest --engine ENGINE [--scheduler URL | --workers N]``: the CLI's one call.

    ``default`` is the ledger's own in-process ``ingest_documents``; ``dask`` connects to ``scheduler`` or
    starts ``workers`` local worker processes (2 when neither is given) for the duration of the batch.
    """
    if engine not in ENGINES:
        raise ConfigError(f"--engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "default":
        if scheduler or workers is not None:
            raise ConfigError("--scheduler and --workers need --engine dask")
        from zonewatch.ledger.store import ingest_documents

        return ingest_documents(ledger, inputs, lang, published, on_result)  # type: ignore[arg-type]
    with connect(scheduler, workers) as client:
        return ingest_distributed(ledger, inputs, client, lang, published, on_result)
