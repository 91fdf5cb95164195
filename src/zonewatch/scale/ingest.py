"""``zonewatch ingest --engine dask``: workers extract, the driver writes each document in its own transaction.

Writes go through the ledger's own ``store_extraction`` / ``record_error``, one document per transaction in
input order, so the ledger is exactly what the default engine would have written: idempotent by content
hash, a bad document recorded and skipped, and a killed run resumable (documents already stored come back
"unchanged"). Only extraction, the CPU-heavy part, leaves the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from zonewatch.errors import ConfigError, ZonewatchError
from zonewatch.ledger.db import Ledger
from zonewatch.ledger.rows import DocumentResult, IngestSummary
from zonewatch.ledger.store import record_error, store_extraction
from zonewatch.model import DateValue
from zonewatch.pipeline import Outcome
from zonewatch.scale.dask_engine import PARTITION_SIZE, Input, connect, extract_distributed


def _store(ledger: Ledger, outcome: Outcome) -> DocumentResult:
    """One outcome into the ledger; a failure becomes an error row, never an exception (as ``ingest_document``)."""
    if outcome.error is not None or outcome.extraction is None:
        return record_error(ledger, outcome.source, str(outcome.error))
    try:
        return store_extraction(ledger, outcome.extraction)
    except ZonewatchError as exc:
        return record_error(ledger, outcome.source, str(exc))
    except (OperationalError, IntegrityError) as exc:
        return record_error(ledger, outcome.source, f"the ledger refused it: {exc.orig}")


def ingest_distributed(
    ledger: Ledger,
    inputs: Iterable[Input],
    client: Any,
    lang: str = "auto",
    published: DateValue | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
    partition_size: int = PARTITION_SIZE,
) -> IngestSummary:
    """Ingest ``inputs`` (paths, Documents, or read errors) with extraction on ``client``'s Dask workers."""
    summary = IngestSummary()
    for outcome in extract_distributed(inputs, client, lang, published, partition_size):
        result = _store(ledger, outcome)
        summary = summary.add(result)
        if on_result is not None:
            on_result(result)
    return summary


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
