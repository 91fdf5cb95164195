"""Warm each Dask worker once, when it joins, so no document pays for imports and first-use caches.

The first document a fresh process extracts costs ~1 s of CPU (importing the extractors, loading the word lists,
alias and sector tables and the exchange-rate converter's data, compiling the patterns); the next ones ~8 ms.
Registered as a worker plugin, the warm-up runs on every worker already connected and on every worker that
joins later, before it is given a task — so it is paid once per worker, outside the extraction.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

# Our own sentences (not corpus text), one per language, touching money with a conversion, a count, a date and a
# place so that every extractor and normalizer builds its tables.
SAMPLES = (
    "Northwind Holdings will invest $120 million (EUR 110 million) to build a battery plant in Ohio, "
    "creating 300 jobs by 2027.",
    "北风集团计划投资50亿元人民币，在江苏省建设新能源汽车零部件生产基地，预计2026年投产。",
)


def warm_up() -> float:
    """Import the pipeline and run the samples through it; return the CPU seconds it took."""
    c0 = time.process_time()
    from zonewatch.model import Document
    from zonewatch.pipeline import prepare, run

    for text in SAMPLES:
        # a warm-up must never stop a worker: an extractor bug shows on the real document, as an error row
        with contextlib.suppress(Exception):
            run(prepare(Document(text, source="warm-up"), "auto"))
    return time.process_time() - c0


class WarmUp(WorkerPlugin):
    """``client.register_plugin(WarmUp())``: :func:`warm_up` on each worker, now and whenever one joins."""

    name = "zonewatch-warm-up"

    def setup(self, worker: Any) -> None:
        worker.zonewatch_warm_up_cpu_s = warm_up()
