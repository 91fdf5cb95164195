"""The benchmark harness (``make bench``): throughput, memory and latency, written to ``benchmarks/results``.

Each section runs in its own process when called from ``all`` so that every peak RSS is that section's own:

    python -m benchmarks.run extract --lang en --docs 2000        # in-process pipeline, accuracy vs planted gold
    python -m benchmarks.run dask --docs 4000 --workers 1 2         # speed-up of extraction over Dask workers
    python -m benchmarks.run ingest --db sqlite --docs 10000        # streaming ingest into a fresh ledger
    python -m benchmarks.run query --db postgresql --projects 10000 100000 1000000
    python -m benchmarks.run all [--quick]                          # everything above, then docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

from benchmarks.accuracy import Tally
from benchmarks.corpus import Article, articles
from benchmarks.machine import peak_rss_mb, save
from zonewatch.model import DateValue, Document, Precision

WARMUP = 20  # documents run before timing: the first loads the word lists, alias tables, rates, regexes


def document(a: Article) -> Document:
    """The Document the ledger would read for an article (publication date known, as a feed would give it)."""
    published = DateValue(dt.date.fromisoformat(a.published), Precision.DAY, a.published)
    return Document(text=a.text, language=a.language, source=a.stem, published=published)


def bench_extract(lang: str, docs: int, seed: int) -> dict[str, Any]:
    """Documents per second through prepare + run + serialisation, in one process, over pre-generated articles."""
    from zonewatch.pipeline import prepare, run
    from zonewatch.serialize import extraction_dict

    t0 = time.perf_counter()
    for a in articles(WARMUP, seed=seed + 1000, lang=lang):
        run(prepare(document(a), "auto"))
    warmup_s = time.perf_counter() - t0
    corpus = list(articles(docs, seed=seed, lang=lang))  # generated before the clock starts
    size = sum(len(a.text.encode()) for a in corpus)
    tally = Tally()
    projects = 0
    cpu = 0.0
    t0 = time.perf_counter()
    for a in corpus:
        c0 = time.process_time()
        result = extraction_dict(run(prepare(document(a), "auto")))
        cpu += time.process_time() - c0  # the machine is shared: CPU time says what wall time hides
        projects += len(result["projects"])
        tally.add(a.gold, result)
    elapsed = time.perf_counter() - t0
    return {
        "section": "extract",
        "lang": lang,
        "docs": docs,
        "mb": round(size / 1e6, 2),
        "seconds": round(elapsed, 2),
        "docs_per_s": round(docs / elapsed, 1),
        "mb_per_s": round(size / 1e6 / elapsed, 3),
        "ms_per_doc": round(1000 * elapsed / docs, 2),
        "cpu_ms_per_doc": round(1000 * cpu / docs, 2),
        "docs_per_cpu_s": round(docs / cpu, 1),
        "warmup_s": round(warmup_s, 2),
        "projects": projects,
        "peak_rss_mb": peak_rss_mb(),
        "accuracy": tally.summary(),
    }


def _inprocess_cpu_per_doc(corpus: list[Document]) -> float:
    """CPU seconds per document of the same corpus extracted in this process: the workers' yardstick."""
    from zonewatch.pipeline import prepare, run
    from zonewatch.scale.warmup import warm_up

    warm_up()
    c0 = time.process_time()
    for doc in corpus:
        run(prepare(doc, "auto"))
    return (time.process_time() - c0) / len(corpus)


def _warm_up_cpu(dask_worker: Any) -> float:
    return float(getattr(dask_worker, "zonewatch_warm_up_cpu_s", -1.0))


def bench_dask(docs: int, seed: int, workers: list[int], partition: int | None) -> dict[str, Any]:
    """Extraction throughput at steady state through the Dask engine with 1, 2, ... worker processes (one thread
    each): the cluster is started and every worker warmed before the clock starts; both are reported apart."""
    from zonewatch.scale.dask_engine import PARTITION_SIZE, extract_distributed, local_client, warm

    partition = partition or PARTITION_SIZE
    corpus = [document(a) for a in articles(docs, seed=seed)]
    size = sum(len(d.text.encode()) for d in corpus)
    runs = []
    for n in workers:
        t0 = time.perf_counter()
        with local_client(workers=n) as client:
            started = time.perf_counter() - t0
            t0 = time.perf_counter()
            warm(client)  # what connect() does: imports and first-use caches, once per worker, off the clock
            warmed = time.perf_counter() - t0
            warm_cpu = client.run(_warm_up_cpu)
            before = client.run(time.process_time)
            d0 = time.process_time()
            t0 = time.perf_counter()
            done = sum(1 for o in extract_distributed(corpus, client, partition_size=partition) if o.extraction)
            elapsed = time.perf_counter() - t0
            driver = time.process_time() - d0
            after = client.run(time.process_time)
        # CPU the workers got per second of wall time: ~1.0 each on free cores, far less on a crowded machine
        worker_cpu = sum(after[w] - before[w] for w in after)
        runs.append({"workers": n, "docs": done, "seconds": round(elapsed, 2), "docs_per_s": round(done / elapsed, 1),
                     "worker_cpu_s": round(worker_cpu, 2), "worker_cpu_per_wall_s": round(worker_cpu / elapsed, 2),
                     "docs_per_worker_cpu_s": round(done / worker_cpu, 1), "driver_cpu_s": round(driver, 2),
                     "cluster_start_s": round(started, 2), "warm_up_s": round(warmed, 2),
                     "warm_up_cpu_s_per_worker": round(max(warm_cpu.values()), 2)})  # fmt: skip
    base = runs[0]["docs_per_s"]
    base_cpu = runs[0]["docs_per_worker_cpu_s"]
    for r in runs:
        r["speedup"] = round(r["docs_per_s"] / base, 2)
        # the speed-up the workers' CPU would give if each had a free core: shows what scales, whatever the load
        r["cpu_efficiency"] = round(r["docs_per_worker_cpu_s"] / base_cpu, 2)
    sample = corpus[: min(docs, 500)]
    inproc = _inprocess_cpu_per_doc(sample)
    return {"section": "dask", "docs": docs, "mb": round(size / 1e6, 2), "partition": partition, "runs": runs,
            "inprocess_docs_per_cpu_s": round(1 / inproc, 1), "inprocess_sample_docs": len(sample),
            "driver_peak_rss_mb": peak_rss_mb()}  # fmt: skip


def _sub(args: list[str]) -> None:
    cmd = [sys.executable, "-m", "benchmarks.run", *args]
    print("$", " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, check=True)


def run_all(quick: bool) -> None:
    """Every section, each in a fresh process; then the Markdown table."""
    n_extract = 500 if quick else 2000
    for lang in ("en", "zh"):
        _sub(["extract", "--lang", lang, "--docs", str(n_extract)])
    _sub(["dask", "--docs", "1000" if quick else "4000", "--workers", "1", "2"])  # long enough for steady state
    from benchmarks import ledger_bench

    ledger_bench.run_all_ledger(quick, _sub)
    from benchmarks.report import write_markdown

    print(write_markdown())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="section", required=True)
    e = sub.add_parser("extract")
    e.add_argument("--lang", choices=("en", "zh"), required=True)
    e.add_argument("--docs", type=int, default=2000)
    e.add_argument("--seed", type=int, default=1)
    d = sub.add_parser("dask")
    d.add_argument("--docs", type=int, default=4000)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    d.add_argument("--partition", type=int, default=None, help="documents per task (default: the engine's)")
    a = sub.add_parser("all")
    a.add_argument("--quick", action="store_true", help="smaller sizes (minutes, not an hour)")
    from benchmarks import ledger_bench

    ledger_bench.add_parsers(sub)
    args = ap.parse_args(argv)
    if args.section == "extract":
        result = bench_extract(args.lang, args.docs, args.seed)
        path = save(f"extract-{args.lang}", result)
    elif args.section == "dask":
        result = bench_dask(args.docs, args.seed, args.workers, args.partition)
        path = save("dask", result)
    elif args.section == "all":
        run_all(args.quick)
        return 0
    else:
        name, result = ledger_bench.dispatch(args)
        path = save(name, result)
    print(_brief(result), f"-> {path}")
    return 0


def _brief(result: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in result.items() if not isinstance(v, dict | list))


def stream_documents(docs: int, seed: int) -> Iterator[Document]:
    """Documents generated one at a time: the ingest benchmark never holds the corpus in memory."""
    for a in articles(docs, seed=seed):
        yield document(a)


if __name__ == "__main__":
    sys.exit(main())
