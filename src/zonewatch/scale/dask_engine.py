"""Extraction distributed over Dask workers; results stream back to the driver in input order.

The driver expands the inputs (paths, or Documents already in memory), cuts them into partitions and keeps
only a bounded window of partitions in flight, so memory stays flat however long the input. Each worker
(warmed once when the client connects: :mod:`zonewatch.scale.warmup`) reads its partition's files, runs
:func:`zonewatch.pipeline.run` and sends back what it found. Partitions come back as they finish, whichever
worker ran them, and the driver yields :class:`~zonewatch.pipeline.Outcome` objects in input order exactly as
``extract_sources`` does, so the ledger's writer (transactional, idempotent, one document a transaction) is the
same whichever engine ran the extraction: workers never touch the database.

>>> from zonewatch.model import Document
>>> with local_client(processes=False) as client:
...     outs = list(extract_distributed([Document("No money here.", source="a")], client, lang="en"))
>>> [(o.source, len(o.extraction.projects)) for o in outs]
[('a', 0)]
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice
from operator import attrgetter
from typing import Any

from zonewatch import model
from zonewatch.errors import ConfigError, InputError, ZonewatchError
from zonewatch.ingest.files import iter_paths, read_path
from zonewatch.model import DateValue, Document, Extraction, Finding, Project
from zonewatch.pipeline import Outcome, prepare, run

# Documents per task. A task costs the scheduler and the driver about a millisecond; 32 documents are ~0.25 s
# of extraction, so that is noise, and the last partition — the time one worker may sit idle at the end of a
# batch while the other finishes — stays short.
PARTITION_SIZE = 32
# Partitions running per worker thread: one executing and one queued behind it, so a worker never waits for
# the driver between tasks.
WINDOW_PER_THREAD = 2
# Partitions the driver may hold (running, or finished and waiting for an earlier one) per running slot: a slow
# partition at the head of the line lets the others run ahead this far, no further — memory stays bounded.
AHEAD = 4
# Dask settings for the clusters zonewatch starts (docs/scale.md gives the same ones for a real cluster).
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}

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


@dataclass(frozen=True, slots=True)
class _Found:
    """An Extraction without its Document's text, which the driver already holds: a third of the bytes back."""

    language: str
    published: DateValue | None
    projects: tuple[Project, ...]
    findings: tuple[Finding, ...]

    def extraction(self, doc: Document) -> Extraction:
        return Extraction(replace(doc, language=self.language, published=self.published), self.projects, self.findings)


_Item = str | Document | _Failed


def _failed(exc: ZonewatchError, source: str) -> _Failed:
    if isinstance(exc, InputError):
        return _Failed(exc.source, exc.reason, True)
    return _Failed(str(getattr(exc, "source", source)), str(exc), False)


def _extract_one(item: str | Document, lang: str, published: DateValue | None) -> Extraction | _Found:
    doc = read_path(item) if isinstance(item, str) else item
    ex = run(prepare(doc, lang, published))
    if isinstance(item, str):
        return ex  # read here: the driver has no text to put back
    found = _Found(ex.document.language, ex.document.published, ex.projects, ex.findings)
    # the light form only when it rebuilds exactly what was extracted (a component that rewrote the
    # document in another way would otherwise be lost on the way back)
    return found if found.extraction(item) == ex else ex


def _reducer(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    get = attrgetter(*(f.name for f in dataclasses.fields(cls)))
    if len(dataclasses.fields(cls)) == 1:
        return lambda obj: (cls, (get(obj),))
    return lambda obj: (cls, get(obj))


@cache
def _dispatch_table() -> dict[type, Callable[[Any], tuple[type, tuple[Any, ...]]]]:
    """The model's dataclasses pickled as ``cls(*fields)``.

    Frozen slotted dataclasses otherwise pickle through a Python-level ``__getstate__`` that looks up their
    fields on every object: a worker spent ~5% of its CPU pickling results, 3x more than this way.
    """
    classes = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    classes += [_Failed, _Found]
    # only where the generated __init__ takes every field: cls(*fields) then rebuilds the object exactly
    generated = [c for c in classes if c.__dataclass_params__.init and all(f.init for f in dataclasses.fields(c))]  # type: ignore[attr-defined]
    return {c: _reducer(c) for c in generated}


def _pack(results: list[tuple[str, Any]]) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()  # this pickler's alone: the process's pickling is untouched
    pickler.dump(results)
    return buffer.getvalue()


def _extract_partition(items: list[_Item], lang: str, published: DateValue | None) -> bytes:
    """Runs on a worker: read and extract each item; a bad one becomes a _Failed and the rest go on.

    Returns the pickled ``[(source, Extraction | _Found | _Failed), ...]`` (see :func:`_dispatch_table`).
    """
    results: list[tuple[str, Any]] = []
    for item in items:
        if isinstance(item, _Failed):
            results.append((item.source, item))
            continue
        source = item if isinstance(item, str) else item.source
        try:
            results.append((source, _extract_one(item, lang, published)))
        except ZonewatchError as exc:
            results.append((source, _failed(exc, source)))
        except Exception as exc:  # an extractor bug on one document must not fail the whole partition
            results.append(
                (source, _Failed(source, f"internal error while extracting: {type(exc).__name__}: {exc}", False))
            )
    return _pack(results)


def _expand(inputs: Iterable[Input]) -> Iterator[_Item]:
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


def _outcomes(items: list[_Item], results: list[tuple[str, Any]]) -> Iterator[Outcome]:
    for item, (source, value) in zip(items, results, strict=True):
        if isinstance(value, _Failed):
            yield Outcome(source, error=value.error())
        elif isinstance(value, _Found):
            assert isinstance(item, Document)
            yield Outcome(source, extraction=value.extraction(item))
        else:
            yield Outcome(source, extraction=value)


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
    """Extract ``inputs`` on ``client``'s workers; yield one Outcome per input, in input order.

    ``window`` partitions run at once (two per worker thread by default); a new one is submitted as soon as
    any finishes, and finished partitions wait on the driver only until the ones before them are done.
    """
    from distributed import as_completed

    if partition_size < 1:
        raise ConfigError("partition size must be at least 1")
    running_max = window or WINDOW_PER_THREAD * _threads(client)
    items = _expand(inputs)
    batches: dict[int, list[_Item]] = {}  # submitted and not yet yielded, by partition number
    finished: dict[int, list[tuple[str, Any]]] = {}
    number_of: dict[str, int] = {}  # future key -> partition number
    submitted = yielded = running = 0
    futures = as_completed()

    def fill() -> None:
        nonlocal submitted, running
        while running < running_max and submitted - yielded < AHEAD * running_max:
            batch = list(islice(items, partition_size))
            if not batch:
                return
            future = client.submit(_extract_partition, batch, lang, published, pure=False)
            batches[submitted] = batch
            number_of[future.key] = submitted
            futures.add(future)
            submitted += 1
            running += 1

    fill()
    for future in futures:
        number = number_of.pop(future.key)
        finished[number] = pickle.loads(future.result())  # our own workers' bytes, as Dask would unpickle them
        future.release()
        running -= 1
        while yielded in finished:
            yield from _outcomes(batches.pop(yielded), finished.pop(yielded))
            yielded += 1
        fill()


@contextlib.contextmanager
def local_client(workers: int = 1, processes: bool = True, threads_per_worker: int = 1) -> Iterator[Any]:
    """A LocalCluster of ``workers`` worker processes (threads when ``processes`` is False) and its client."""
    import dask
    from dask.distributed import Client, LocalCluster

    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    # Workers read their config when they start. Dask's statistical profiler samples every worker's stack 100
    # times a second: on the extractors' deep pure-Python stacks that cost ~25% of the worker's CPU. The event
    # loop's health ticks (every 20 ms), memory checks (100 ms) and system monitor (500 ms) kept an idle 2-worker
    # cluster at 9% of a core, and wake the loop thread to take the GIL from the extracting one; polled a few
    # times less often, they cost 2%, and the memory limit is still enforced within a second.
    with dask.config.set(QUIET):
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


def warm(client: Any) -> None:
    """Warm every worker of ``client`` now, and every worker that joins later (:mod:`zonewatch.scale.warmup`)."""
    from zonewatch.scale.warmup import WarmUp

    client.register_plugin(WarmUp())


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A warmed client for ``--scheduler tcp://HOST:8786`` (an existing cluster) or ``--workers N`` (a local one)."""
    if scheduler and workers:
        raise ConfigError("give --scheduler or --workers, not both")
    if scheduler:
        from dask.distributed import Client

        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            warm(client)
            yield client
    else:
        with local_client(2 if workers is None else workers) as client:
            warm(client)
            yield client
