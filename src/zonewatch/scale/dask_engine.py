"""Extraction distributed over Dask workers; results stream back to the driver in input order.

The driver expands the inputs (paths, or Documents already in memory), cuts them into partitions and keeps
only a bounded window of partitions in flight, so memory stays flat however long the input. Each worker
reads its partition's files, runs :func:`zonewatch.pipeline.run` and sends the frozen Extractions back.
The driver yields :class:`~zonewatch.pipeline.Outcome` objects exactly as ``extract_sources`` does, so the
ledger's writer (transactional, idempotent, one document a transaction) is the same whichever engine ran
the extraction: workers never touch the database.

>>> from zonewatch.model import Document
>>> with local_client(processes=False) as client:
...     outs = list(extract_distributed([Document("No money here.", source="a")], client, lang="en"))
>>> [(o.source, len(o.extraction.projects)) for o in outs]
[('a', 0)]
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from zonewatch.errors import ConfigError, InputError, ZonewatchError
from zonewatch.ingest.files import iter_paths, read_path
from zonewatch.model import DateValue, Document
from zonewatch.pipeline import Outcome, prepare, run

# Documents per task: big enough that scheduling (~1 ms a task) is noise against ~3 ms of extraction per
# document, small enough that a worker's partition of ~3 KB articles is a few hundred KB in flight.
PARTITION_SIZE = 64
# Partitions in flight per worker thread: keeps every worker busy while the driver writes, and bounds memory.
WINDOW_PER_THREAD = 3

# A path (read on the worker), a Document already read by the driver, or an input that failed to read
# (passed through in its place, as ``ingest_documents`` accepts it).
Input = str | Document | ZonewatchError


@dataclass(frozen=True, slots=True)
class _Failed:
    """An error crossing the process boundary (InputError does not pickle: its __init__ takes two arguments)."""

    source: str
    reason: str
    input_error: bool

    def error(self) -> ZonewatchError:
        return InputError(self.source, self.reason) if self.input_error else ZonewatchError(self.reason)


def _failed(exc: ZonewatchError, source: str) -> _Failed:
    if isinstance(exc, InputError):
        return _Failed(exc.source, exc.reason, True)
    return _Failed(str(getattr(exc, "source", source)), str(exc), False)


def _extract_partition(
    items: list[str | Document | _Failed], lang: str, published: DateValue | None
) -> list[tuple[str, Any]]:
    """Runs on a worker: read and extract each item; a bad one becomes a _Failed and the rest go on."""
    results: list[tuple[str, Any]] = []
    for item in items:
        if isinstance(item, _Failed):
            results.append((item.source, item))
            continue
        source = item if isinstance(item, str) else item.source
        try:
            doc = read_path(item) if isinstance(item, str) else item
            results.append((source, run(prepare(doc, lang, published))))
        except ZonewatchError as exc:
            results.append((source, _failed(exc, source)))
        except Exception as exc:  # an extractor bug on one document must not fail the whole partition
            results.append(
                (source, _Failed(source, f"internal error while extracting: {type(exc).__name__}: {exc}", False))
            )
    return results


def _expand(inputs: Iterable[Input]) -> Iterator[str | Document | _Failed]:
    """Folders become their files (as ``extract_sources`` does); ``-`` is read here, on the driver, since workers
    cannot see its standard input; Documents pass through and errors become picklable _Failed records."""
    for item in inputs:
        if isinstance(item, ZonewatchError):
            yield _failed(item, "?")
        elif isinstance(item, Document):
            yield item
        else:
            for path in iter_paths([item]):
                if path != "-":
                    yield path
                    continue
                try:
                    yield read_path("-")
                except ZonewatchError as exc:
                    yield _failed(exc, "-")


def _threads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # a client that cannot report its workers yet still gets a window of one
        return 1


def extract_distributed(
    inputs: Iterable[Input],
    client: Any,
    lang: str = "auto",
    published: DateValue | None = None,
    partition_size: int = PARTITION_SIZE,
    window: int | None = None,
) -> Iterator[Outcome]:
    """Extract ``inputs`` on ``client``'s workers; yield one Outcome per input, in input order."""
    if partition_size < 1:
        raise ConfigError("partition size must be at least 1")
    in_flight = window or WINDOW_PER_THREAD * _threads(client)
    items = _expand(inputs)
    pending: deque[Any] = deque()

    def submit_next() -> bool:
        batch = list(islice(items, partition_size))
        if batch:
            pending.append(client.submit(_extract_partition, batch, lang, published, pure=False))
        return bool(batch)

    while len(pending) < in_flight and submit_next():
        pass
    while pending:
        results = pending.popleft().result()
        submit_next()
        for source, value in results:
            if isinstance(value, _Failed):
                yield Outcome(source, error=value.error())
            else:
                yield Outcome(source, extraction=value)


@contextlib.contextmanager
def local_client(workers: int = 1, processes: bool = True, threads_per_worker: int = 1) -> Iterator[Any]:
    """A LocalCluster of ``workers`` worker processes (threads when ``processes`` is False) and its client."""
    from dask.distributed import Client, LocalCluster

    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=threads_per_worker,
        processes=processes,
        dashboard_address=":0",  # a free port: several clusters (tests, users) may run at once
        silence_logs=40,  # logging.ERROR: worker chatter would drown the progress bar
    )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client for ``--scheduler tcp://HOST:8786`` (an existing cluster) or ``--workers N`` (a local one)."""
    if scheduler and workers:
        raise ConfigError("give --scheduler or --workers, not both")
    if scheduler:
        from dask.distributed import Client

        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
    else:
        with local_client(2 if workers is None else workers) as client:
            yield client
