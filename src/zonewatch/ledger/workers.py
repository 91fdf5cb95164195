"""Extraction for ``ingest``: in this process, or in worker processes while this one writes the ledger.

Extraction is CPU-bound and independent per document; writing is one process's job (it holds the write
lock). With ``jobs`` > 1 the inputs go to a pool of worker processes in chunks, with a bounded number of
chunks in flight, and come back in input order: memory stays flat however long the input, and the
ledger is written in the same order as with one job, so it ends the same. A small input (fewer than
``POOL_MIN_INPUTS`` documents) is extracted here: starting processes would cost more than it saves.

Workers are forked where the platform allows (they inherit the loaded word lists and the pipeline as
configured), never touch the database, and exit on their own if this process dies (``kill -9``).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from zonewatch.errors import ZonewatchError
from zonewatch.ledger.batch import Failed
from zonewatch.model import DateValue, Document, Extraction

Component = Callable[[Extraction], Extraction]
# Below this many inputs, extraction runs in this process (no pool to start).
POOL_MIN_INPUTS = 50
# Documents per task: ~50 ms of extraction, against well under 1 ms of pickling and scheduling.
CHUNK = 16
# Chunks in flight per worker: keeps workers busy while this process writes a batch; bounds memory.
WINDOW_PER_JOB = 4

_worker: dict[str, Any] = {}


def default_jobs() -> int:
    """Worker processes by default: one per CPU."""
    return os.cpu_count() or 1


def extract_one(
    doc: Document, lang: str, published: DateValue | None, components: list[Component] | None
) -> Extraction | Failed:
    """Extract one document; a failure becomes a ``Failed`` naming the input, never an exception."""
    from zonewatch.pipeline import prepare, run

    try:
        return run(prepare(doc, lang, published), components)
    except ZonewatchError as exc:
        return Failed(doc.source, str(exc))
    except Exception as exc:  # an extractor bug on one document must not stop the batch
        return Failed(doc.source, f"internal error while extracting: {type(exc).__name__}: {exc}")


def _start_worker(lang: str, published: DateValue | None, components: list[Component] | None, parent: int) -> None:
    _worker.update(lang=lang, published=published, components=components)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """An orphaned worker (its ingest was killed) stops instead of waiting for work forever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _extract_chunk(docs: list[Document]) -> list[Extraction | Failed]:
    return [extract_one(doc, _worker["lang"], _worker["published"], _worker["components"]) for doc in docs]


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def extract_in_order(
    chunks: Iterable[list[Any]],
    jobs: int,
    lang: str,
    published: DateValue | None = None,
    components: list[Component] | None = None,
) -> Iterator[Any]:
    """Each chunk's items in order, every ``Document`` among them replaced by its extraction (or ``Failed``).

    Other items pass through untouched. ``jobs`` > 1 extracts in that many worker processes.
    """
    if jobs <= 1:
        for chunk in chunks:
            for item in chunk:
                yield extract_one(item, lang, published, components) if isinstance(item, Document) else item
        return
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(lang, published, components, os.getpid()),
    )
    pending: deque[tuple[list[Any], Future[list[Extraction | Failed]] | None]] = deque()
    chunks = iter(chunks)
    broken = False

    def submit() -> bool:
        nonlocal broken
        chunk = next(chunks, None)
        if chunk is None:
            return False
        docs = [item for item in chunk if isinstance(item, Document)]
        future = None
        if docs and not broken:
            try:
                future = pool.submit(_extract_chunk, docs)
            except BrokenProcessPool:
                broken = True
        pending.append((chunk, future))
        return True

    try:
        while len(pending) < jobs * WINDOW_PER_JOB and submit():
            pass
        while pending:
            chunk, future = pending.popleft()
            submit()
            extracted: Iterator[Extraction | Failed] | None = None
            if future is not None:
                try:
                    extracted = iter(future.result())
                except BrokenProcessPool:  # a worker died (killed, out of memory): extract here from now on
                    broken = True
            for item in chunk:
                if not isinstance(item, Document):
                    yield item
                elif extracted is not None:
                    yield next(extracted)
                else:
                    yield extract_one(item, lang, published, components)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def small(items: Iterable[Any], limit: int | None = None) -> tuple[bool, Iterator[Any]]:
    """Whether ``items`` holds fewer than ``limit`` (``POOL_MIN_INPUTS``) items, and the items (read ahead)."""
    limit = POOL_MIN_INPUTS if limit is None else limit
    stream = iter(items)
    head = list(itertools.islice(stream, limit))
    return len(head) < limit, itertools.chain(head, stream)
