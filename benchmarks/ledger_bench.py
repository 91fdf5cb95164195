"""Ledger benchmarks: streaming ingest into SQLite / PostgreSQL, and query latency at 10k-1M projects.

Ingest goes through the ledger's own ``ingest_documents`` (batched transactions, extraction workers), fed by the corpus
generator one document at a time. The query benchmark bulk-loads synthetic rows straight into the ledger's
tables (a million projects through the extractor would take hours), then times the functions the dashboard
and the projects page call, and keeps each statement's EXPLAIN so the indexes are chosen from plans.

PostgreSQL runs in a database of its own (``zonewatch_bench``), created fresh and dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import event, insert, text

from benchmarks.machine import peak_rss_mb

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
BENCH_DB = "zonewatch_bench"
WORK = Path("/tmp/zonewatch-bench")
SIZES = (10_000, 100_000, 1_000_000)


# ---------------------------------------------------------------------------------------------- databases


def fresh_url(db: str, name: str) -> str:
    """An empty database for one run: a new SQLite file, or the bench database on the PostgreSQL server."""
    if db == "sqlite":
        WORK.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{WORK / name}.db{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{WORK / name}.db"
    database = _database(name)
    _admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    _admin(f"CREATE DATABASE {database}")
    return f"{SERVER}/{database}"


def _database(name: str) -> str:
    """One PostgreSQL database per section, so an ingest run and a query run can never drop each other's."""
    return BENCH_DB if name == "query" else f"{BENCH_DB}_{name.split('-')[0]}"


def drop(db: str, url: str) -> None:
    if db == "sqlite":
        path = url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    else:
        _admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]  (fixed SQL, no user input)


def _db_size_mb(ledger: Any) -> float:
    if ledger.dialect == "sqlite":
        path = Path(ledger.url.removeprefix("sqlite:///"))
        return round(sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6, 1)
    with ledger.engine.connect() as conn:
        return round(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one() / 1e6, 1)


# ---------------------------------------------------------------------------------------------- ingest


def bench_ingest(
    db: str, docs: int, seed: int, engine: str = "default", workers: int = 2, jobs: int | None = None
) -> dict[str, Any]:
    """Ingest ``docs`` generated documents into a fresh ledger; time, CPU (this process and its extraction
    workers), SQL statements per document, RSS of this process and of the workers along the way."""
    import resource

    from benchmarks.run import stream_documents
    from zonewatch.ledger.db import open_ledger
    from zonewatch.ledger.store import ingest_documents

    url = fresh_url(db, f"ingest-{docs}")
    ledger = open_ledger(url)
    process = psutil.Process()
    marks: list[dict[str, Any]] = []
    step = max(1, docs // 10)
    seen = 0
    statements = 0

    @event.listens_for(ledger.engine, "before_cursor_execute")
    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers that have exited (joined)
        return usage.ru_utime + usage.ru_stime

    k0 = children_cpu()
    c0 = time.process_time()
    t0 = time.perf_counter()

    def on_result(_: Any) -> None:
        nonlocal seen
        seen += 1
        if seen % step == 0:
            children = process.children(recursive=True)
            workers_mb = sum(c.memory_info().rss for c in children) / 2**20
            marks.append({"docs": seen, "seconds": round(time.perf_counter() - t0, 1),
                          "rss_mb": round(process.memory_info().rss / 2**20, 1),
                          "workers_rss_mb": round(workers_mb, 1),
                          "total_pss_mb": round(_pss([process, *children]) / 2**20, 1)})  # fmt: skip

    if engine == "dask":
        from zonewatch.scale.dask_engine import local_client
        from zonewatch.scale.ingest import ingest_distributed

        with local_client(workers) as client:
            summary = ingest_distributed(ledger, stream_documents(docs, seed), client, on_result=on_result)
    else:
        summary = ingest_documents(ledger, stream_documents(docs, seed), on_result=on_result, jobs=jobs)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0  # this process only: PostgreSQL's own work runs in the server's processes
    # Extraction workers (--jobs) are joined when the ingest returns, so their CPU is in RUSAGE_CHILDREN.
    worker_cpu = children_cpu() - k0
    with ledger.engine.connect() as conn:
        projects = conn.execute(text("SELECT count(*) FROM projects")).scalar_one()
        stored = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
    size = _db_size_mb(ledger)
    ledger.dispose()
    drop(db, url)
    return {
        "section": "ingest",
        "db": db,
        "engine": engine,
        "docs": docs,
        "documents_stored": stored,
        "projects_stored": projects,
        "errors": len(summary.errors),
        "seconds": round(elapsed, 1),
        "docs_per_s": round(docs / elapsed, 1),
        "jobs": jobs,
        "cpu_ms_per_doc": round(1000 * cpu / docs, 1),
        "worker_cpu_ms_per_doc": round(1000 * worker_cpu / docs, 1),
        "total_cpu_ms_per_doc": round(1000 * (cpu + worker_cpu) / docs, 1),
        "docs_per_cpu_s": round(docs / cpu, 1),
        "sql_statements_per_doc": round(statements / docs, 1),
        "extrapolated_100k_min": round(elapsed * 100_000 / docs / 60, 1),
        "db_mb": size,
        "peak_rss_mb": peak_rss_mb(),
        "rss_marks": marks,
    }


def _pss(processes: list[psutil.Process]) -> int:
    """The memory a process tree really holds: RSS counts a page every forked worker shares with the writer once
    per process, the proportional set size (PSS, /proc/PID/smaps) shares it out, so the sum counts it once."""
    total = 0
    for p in processes:
        try:
            total += p.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


# ---------------------------------------------------------------------------------------------- bulk load

STAGES = ("signed",) * 10 + ("started",) * 5 + ("announced",) * 3 + ("operating",) * 2
STATUSES = ("pending",) * 16 + ("confirmed",) * 3 + ("rejected",)
SECTORS = ("electronic information & semiconductors", "digital economy & culture", "biomedicine & health",
           "new energy & vehicles", "advanced manufacturing", "finance", "logistics & trade", "tourism & services",
           "education & research", "infrastructure & real estate", "agriculture & food", "energy & materials")  # fmt: skip
CITIES = ("Chengdu", "Chongqing", "Wuhan", "Hefei", "Xi'an", "Changsha", "Nanning", "Kunming", "Guiyang", "Zhengzhou",
          "Jinan", "Suzhou", "Wuxi", "Nantong", "Xiamen", "Fuzhou", "Tianjin", "Qingdao", "Dalian", "Harbin", "Lanzhou",
          "Taiyuan", "Nanchang", "Shijiazhuang", "Hangzhou", "Ningbo", "Shenyang", "Changchun", "Urumqi", "Hohhot")  # fmt: skip
ZONES = ("Hi-Tech Zone", "Economic and Technological Development Zone", "New Area", "Free Trade Zone",
         "Industrial Park", "Comprehensive Bonded Zone", "Airport Economic Zone", "Science City")  # fmt: skip
PLACES = [f"{c} {z}" for c in CITIES for z in ZONES]
ORGANISATIONS = 50_000
CHUNK = 5_000
DAY0 = dt.date(2015, 1, 1)
DAYS = (dt.date(2026, 10, 31) - DAY0).days


def _tables() -> dict[str, Any]:
    from zonewatch.ledger import models as m

    return {t: m.Base.metadata.tables[t] for t in ("documents", "projects", "project_sources", "organisations",
                                                   "project_organisations", "project_sectors", "places", "findings")}  # fmt: skip


def _organisation_name(i: int) -> str:
    return f"Synthetic Investor {i:05d} Co., Ltd."


def bulk_load(ledger: Any, start: int, end: int, seed: int = 1) -> float:
    """Append projects ``start+1 .. end`` (with documents, sources, investors, sectors, findings); seconds taken.

    Every tenth project is an aggregate whose next two projects are its named parts (out of totals), as the
    extractor produces; one project in four shares its document with its neighbours.
    """
    t = _tables()
    now = dt.datetime(2026, 11, 1)
    t0 = time.perf_counter()
    with ledger.engine.begin() as conn:
        if start == 0:
            conn.execute(insert(t["organisations"]), [{"id": i + 1, "name": _organisation_name(i), "kind": "company"}
                                                      for i in range(ORGANISATIONS)])  # fmt: skip
            conn.execute(insert(t["places"]), [{"id": i + 1, "name": p} for i, p in enumerate(PLACES)])
    for lo in range(start, end, CHUNK):
        hi = min(lo + CHUNK, end)
        rng = random.Random(f"{seed}:{lo}")
        docs, projects, sources, orgs, sectors, findings = [], [], [], [], [], []
        for i in range(lo, hi):
            pid = i + 1
            doc_id = i // 4 + 1
            day = DAY0 + dt.timedelta(days=rng.randrange(DAYS))
            if i % 4 == 0:
                digest = hashlib.sha256(f"{seed}:{doc_id}".encode()).hexdigest()
                docs.append({"id": doc_id, "key": f"synthetic:{doc_id}", "version": 1, "is_current": True,
                             "content_hash": digest, "source": f"synthetic/{doc_id}.txt", "url": None,
                             "title": f"Announcement {doc_id}", "published": day, "published_precision": "day",
                             "language": "en" if doc_id % 2 else "zh", "text": f"Synthetic announcement {doc_id}.",
                             "ingested_at": now})  # fmt: skip
            aggregate = i % 10 == 0
            part = i % 10 in (1, 2)
            cny = Decimal(int(rng.lognormvariate(20.5, 1.3))).quantize(Decimal(1)) if rng.random() < 0.92 else None
            investors = [] if aggregate or rng.random() < 0.15 else [int(rng.paretovariate(1.2)) % ORGANISATIONS]
            place = PLACES[int(rng.paretovariate(1.5)) % len(PLACES)] if rng.random() < 0.9 else None
            projects.append({
                "id": pid, "parent_id": (pid - (i % 10)) if part else None,
                "status": rng.choice(STATUSES), "investors": [_organisation_name(o) for o in investors], "hosts": [],
                "amount": cny, "amount_upper": None, "currency": "CNY" if cny is not None else None,
                "qualifier": "exact" if cny is not None else None,
                "amount_text": f"RMB {cny}" if cny is not None else None, "amount_cny": cny,
                "amount_usd": (cny * Decimal("0.14")).quantize(Decimal(1)) if cny is not None else None,
                "cny_rate": Decimal(1) if cny is not None else None,
                "usd_rate": Decimal("0.14") if cny is not None else None, "rate_date": day if cny else None,
                "rate_source": "ECB" if cny is not None else None, "rate_note": None,
                "count": rng.randint(3, 40) if aggregate else 1, "date": day, "date_precision": "day",
                "month": day.strftime("%Y-%m"), "stage": rng.choice(STAGES), "place": place,
                "description": "synthetic project", "sectors": [], "project_type": None, "area_m2": None,
                "jobs": None, "in_totals": not part, "source_count": 1, "edited_fields": [], "created_at": now,
                "updated_at": now,
            })  # fmt: skip
            sources.append({"id": pid, "project_id": pid, "document_id": doc_id, "local_id": f"p{i % 4 + 1}",
                            "data": {"id": f"p{i % 4 + 1}"}, "published": day, "created_at": now})  # fmt: skip
            orgs += [{"project_id": pid, "organisation_id": o + 1, "role": "investor"} for o in investors]
            picked = rng.sample(SECTORS, rng.choice((0, 1, 1, 1, 2)))
            sectors += [{"project_id": pid, "sector": s} for s in picked]
            projects[-1]["sectors"] = picked
            if i % 50 == 0:
                findings.append({"id": i // 50 + 1, "fingerprint": hashlib.sha256(f"f{seed}:{i}".encode()).hexdigest(),
                                 "kind": "conversion_mismatch", "message": "synthetic finding", "document_id": doc_id,
                                 "project_id": pid, "start": 0, "end": 10, "details": {}, "created_at": now})  # fmt: skip
        with ledger.engine.begin() as conn:
            if ledger.dialect == "postgresql":
                # Row by row, the rollup's triggers would take most of the load time (executemany sends one
                # statement per row, and the link tables' triggers are per statement): skip them for this
                # transaction and back-fill the rollup once at the end. SQLite's load goes through its triggers.
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            for name, rows in (("documents", docs), ("projects", projects), ("project_sources", sources),
                               ("project_organisations", orgs), ("project_sectors", sectors), ("findings", findings)):  # fmt: skip
                if rows:
                    conn.execute(insert(t[name]), rows)
    with ledger.engine.begin() as conn:
        if ledger.dialect == "postgresql":
            from zonewatch.ledger.migrations import rollup_0003

            rollup_0003.rebuild(conn)  # the same back-fill migration 0003 runs
        else:
            conn.execute(text("ANALYZE"))
    if ledger.dialect == "postgresql":
        # What autovacuum does to a table that stopped changing: statistics, and the visibility map that lets
        # the capped counts be index-only scans.
        with ledger.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - t0


# ---------------------------------------------------------------------------------------------- queries


def _queries(ledger: Any) -> dict[str, Callable[[int], Any]]:
    """The reads the dashboard and the projects page make; each takes a repeat number to vary its filter."""
    from zonewatch.ledger import query as q

    def dashboard(_: int) -> Any:
        # what GET / computes: stats by month, sector, place, investor, and the latest findings
        return [q.stats(ledger, by) for by in ("month", "sector", "place", "investor")] + [
            q.list_findings(ledger, limit=8)
        ]

    def page(r: int) -> Any:
        stage = ("signed", "started", "announced")[r % 3]
        since = dt.date(2018 + r % 6, 1 + r % 12, 1)
        return q.list_projects(ledger, q.ProjectFilter(stage=stage, since=since), sort="-date", limit=50)

    def page_capped(r: int) -> Any:
        # Kept under its old name so results compare across runs: list_projects itself caps the count (10,000
        # from migration 0003, 1,000 since), so this is now the same call as page_stage_since.
        f = q.ProjectFilter(stage=("signed", "started", "announced")[r % 3], since=dt.date(2018 + r % 6, 1 + r % 12, 1))
        return q.list_projects(ledger, f, sort="-date", limit=50, count_cap=q.COUNT_CAP)

    return {
        "stats_month": lambda _: q.stats(ledger, "month"),
        "dashboard": dashboard,
        "totals": lambda _: q.totals(ledger),
        "page_stage_since": page,
        "page_place_by_amount": lambda r: q.list_projects(
            ledger, q.ProjectFilter(place=PLACES[r % 7]), sort="-amount_cny", limit=50
        ),
        "page_investor": lambda r: q.list_projects(
            ledger, q.ProjectFilter(investor=_organisation_name(r % 5)), sort="-date", limit=50
        ),
        "page_sector_offset": lambda r: q.list_projects(
            ledger, q.ProjectFilter(sector=SECTORS[r % 12]), sort="-date", limit=50, offset=500
        ),
        "page_unfiltered": lambda _: q.list_projects(ledger, None, sort="-date", limit=50),
        "page_stage_since_capped_count": page_capped,
    }


def _time(
    fn: Callable[[int], Any], budget_s: float, min_n: int = 5, max_n: int = 40
) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each repeat (CPU: this process only; PostgreSQL's server work is not in it)."""
    fn(0)  # warm the caches once: the dashboard is read repeatedly, not cold
    times: list[float] = []
    cpu: list[float] = []
    start = time.perf_counter()
    while len(times) < max_n and (len(times) < min_n or time.perf_counter() - start < budget_s):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(len(times) + 1)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return times, cpu


def _summary(timed: tuple[list[float], list[float]]) -> dict[str, float | int]:
    times, cpu = timed
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    cpu_sorted = sorted(cpu)
    return {"n": len(times), "median_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2),
            "min_ms": round(ordered[0], 2), "cpu_median_ms": round(statistics.median(cpu), 2),
            "cpu_p95_ms": round(cpu_sorted[min(len(cpu) - 1, round(0.95 * (len(cpu) - 1)))], 2)}  # fmt: skip


def _explain(ledger: Any, fn: Callable[[int], Any]) -> list[str]:
    """The plan of every statement ``fn`` runs (EXPLAIN QUERY PLAN / EXPLAIN (ANALYZE, BUFFERS))."""
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    event.listen(ledger.engine, "before_cursor_execute", capture)
    try:
        fn(1)
    finally:
        event.remove(ledger.engine, "before_cursor_execute", capture)
    plans = []
    with ledger.engine.connect() as conn:
        if ledger.dialect == "postgresql":
            # As list_projects runs its statements (SET LOCAL there): plans without parallel workers.
            conn.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))  # this transaction only
        for statement, parameters in captured:
            # BUFFERS: pages read from shared buffers (hit) or from the OS (read), which is what an index saves.
            prefix = "EXPLAIN QUERY PLAN " if ledger.dialect == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
            rows = conn.exec_driver_sql(prefix + statement, parameters).fetchall()
            plan = "\n".join(" | ".join(str(c) for c in row) for row in rows)
            plans.append(" ".join(statement.split())[:300] + "\n" + plan)
    return plans


def kept_url(db: str) -> str:
    """The ledger ``query --keep`` builds once and reuses: loading 1M projects takes far longer than timing them."""
    if db == "sqlite":
        WORK.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{WORK / 'query-kept'}.db"
    import psycopg

    database = f"{BENCH_DB}_kept"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
    if not exists:
        _admin(f"CREATE DATABASE {database}")
    return f"{SERVER}/{database}"


def _project_count(ledger: Any) -> int:
    with ledger.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM projects")).scalar_one())


def bench_query(db: str, sizes: list[int], budget_s: float, seed: int = 1, keep: bool = False) -> dict[str, Any]:
    """Time the dashboard and page queries at each size; with ``keep``, on a ledger kept between runs.

    Without ``keep`` the ledger is built from nothing and dropped at the end. With it, the ledger is loaded only
    up to each size it does not hold yet (a size below what it already holds is skipped), and kept: build it
    once on a busy machine, time it again when the machine is idle.
    """
    from zonewatch.ledger.db import open_ledger

    url = kept_url(db) if keep else fresh_url(db, "query")
    ledger = open_ledger(url)
    loaded = _project_count(ledger) if keep else 0
    levels = []
    for size in sizes:
        if size < loaded:
            print(f"{size}: skipped, the kept ledger already holds {loaded} projects", flush=True)
            continue
        load_s = bulk_load(ledger, loaded, size, seed) if size > loaded else None
        loaded = size
        level: dict[str, Any] = {
            "projects": size,
            "load_s": None if load_s is None else round(load_s, 1),
            "db_mb": _db_size_mb(ledger),
        }
        for name, fn in _queries(ledger).items():
            level[name] = _summary(_time(fn, budget_s))
            level[name]["plan"] = _explain(ledger, fn)
        levels.append(level)
        print(size, {k: (v["median_ms"], v["p95_ms"]) for k, v in level.items() if isinstance(v, dict)}, flush=True)
    ledger.dispose()
    if not keep:
        drop(db, url)
    return {"section": "query", "db": db, "kept": keep, "levels": levels, "peak_rss_mb": peak_rss_mb()}


# ---------------------------------------------------------------------------------------------- CLI


def add_parsers(sub: Any) -> None:
    i = sub.add_parser("ingest")
    i.add_argument("--db", choices=("sqlite", "postgresql"), required=True)
    i.add_argument("--docs", type=int, default=10_000)
    i.add_argument("--seed", type=int, default=1)
    i.add_argument("--engine", choices=("default", "dask"), default="default")
    i.add_argument("--workers", type=int, default=2)
    i.add_argument("--jobs", type=int, default=None, help="extraction processes (default: one per CPU)")
    q = sub.add_parser("query")
    q.add_argument("--db", choices=("sqlite", "postgresql"), required=True)
    q.add_argument("--projects", type=int, nargs="+", default=list(SIZES))
    q.add_argument("--budget", type=float, default=3.0, help="seconds of repeats per query and size")
    q.add_argument("--keep", action="store_true", help="reuse (and keep) a ledger built by an earlier --keep run")


def dispatch(args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    if args.section == "ingest":
        result = bench_ingest(args.db, args.docs, args.seed, args.engine, args.workers, args.jobs)
        suffix = "-dask" if args.engine == "dask" else ("" if args.jobs is None else f"-jobs{args.jobs}")
        return f"ingest-{args.db}-{args.docs}{suffix}", result
    if args.section == "query":
        name = f"query-{args.db}-kept" if args.keep else f"query-{args.db}"
        return name, bench_query(args.db, args.projects, args.budget, keep=args.keep)
    raise SystemExit(f"unknown section {args.section}")


def run_all_ledger(quick: bool, sub: Callable[[list[str]], None]) -> None:
    sizes = (500, 1_000) if quick else (10_000, 20_000)
    for db in ("sqlite", "postgresql"):
        for n in sizes:
            sub(["ingest", "--db", db, "--docs", str(n)])
        projects = ["10000", "100000"] if quick else [str(s) for s in SIZES]
        sub(["query", "--db", db, "--projects", *projects])
