"""Turn ``benchmarks/results/*.json`` into the tables of ``docs/benchmarks.md`` (between its result markers).

python -m benchmarks.report
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.machine import RESULTS

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
QUERIES = ("stats_month", "dashboard", "totals", "page_stage_since", "page_stage_since_capped_count",
           "page_place_by_amount", "page_investor", "page_sector_offset", "page_unfiltered")  # fmt: skip


def _load() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(RESULTS.glob("*.json"))}


def _machine(r: dict[str, Any]) -> str:
    m = r["machine"]
    return f"{m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, load average {m['loadavg_1m']}"


def _extract(results: dict[str, dict[str, Any]]) -> list[str]:
    rows = ["| language | docs | MB | docs/s (wall) | docs per CPU-second | MB/s (wall) | CPU ms/doc | peak RSS MB "
            "| amount F1 | investor | date | place | count | negatives taken |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for lang in ("en", "zh"):
        r = results.get(f"extract-{lang}")
        if not r:
            continue
        a = r["accuracy"]
        rows.append(
            f"| {lang} | {r['docs']} | {r['mb']} | {r['docs_per_s']} | {r.get('docs_per_cpu_s', '-')} | {r['mb_per_s']} "
            f"| {r.get('cpu_ms_per_doc', '-')} | {r['peak_rss_mb']} | {a['amount_f1']} | {a['investor_acc']} "
            f"| {a['date_acc']} | {a['place_acc']} | {a['count_acc']} | {a['negatives_taken']}/{a['negatives']} |"
        )
    return rows


def _dask(results: dict[str, dict[str, Any]]) -> list[str]:
    r = results.get("dask")
    if not r:
        return []
    rows = ["| workers | docs | seconds | docs/s | speed-up | worker CPU-s | worker CPU-s per wall-s "
            "| docs per worker CPU-s | driver CPU-s | warm-up s (CPU-s per worker) |",
            "|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for x in r["runs"]:
        rows.append(f"| {x['workers']} | {x['docs']} | {x['seconds']} | {x['docs_per_s']} | {x['speedup']}x "
                    f"| {x.get('worker_cpu_s', '-')} | {x.get('worker_cpu_per_wall_s', '-')} "
                    f"| {x.get('docs_per_worker_cpu_s', '-')} | {x.get('driver_cpu_s', '-')} "
                    f"| {x.get('warm_up_s', '-')} ({x.get('warm_up_cpu_s_per_worker', '-')}) |")  # fmt: skip
    if "inprocess_docs_per_cpu_s" in r:
        rows += ["", f"The same corpus in one process: {r['inprocess_docs_per_cpu_s']} docs per CPU-second "
                     f"(first {r['inprocess_sample_docs']} documents)."]  # fmt: skip
    return rows


def _ingest(results: dict[str, dict[str, Any]]) -> list[str]:
    rows = ["| database | engine | docs | projects | seconds | docs/s (wall) | docs per CPU-second (client) "
            "| 100k extrapolated (min, wall) | peak RSS MB | RSS at 10% -> 100% | workers' RSS | all, PSS | DB MB |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for name, r in results.items():
        if not name.startswith("ingest-"):
            continue
        marks = r.get("rss_marks") or []
        trend, workers, tree = (
            (f"{marks[0][k]} -> {marks[-1][k]}" if marks and k in marks[0] else "-")
            for k in ("rss_mb", "workers_rss_mb", "total_pss_mb")
        )
        rows.append(
            f"| {r['db']} | {r['engine']} | {r['docs']} | {r['projects_stored']} | {r['seconds']} | {r['docs_per_s']} "
            f"| {r.get('docs_per_cpu_s', '-')} | {r['extrapolated_100k_min']} | {r['peak_rss_mb']} | {trend} | {workers} | {tree} "
            f"| {r['db_mb']} |"
        )
    return rows


def _query(results: dict[str, dict[str, Any]]) -> list[str]:
    rows: list[str] = []
    for name in ("query-sqlite", "query-sqlite-kept", "query-postgresql", "query-postgresql-kept"):
        r = results.get(name)
        if not r:
            continue
        sizes = [lv["projects"] for lv in r["levels"]]
        kept = " on a ledger built by an earlier `--keep` run" if r.get("kept") else ""
        rows += [f"**{r['db']}**{kept} (median / p95 ms; {_machine(r)})", "",
                 "| query | " + " | ".join(f"{n:,} projects" for n in sizes) + " |",
                 "|---|" + "---|" * len(sizes)]  # fmt: skip
        for q in QUERIES:
            cells = [f"{lv[q]['median_ms']} / {lv[q]['p95_ms']}" if q in lv else "-" for lv in r["levels"]]
            rows.append(f"| {q} | " + " | ".join(cells) + " |")
        rows.append(
            "| bulk load (s) / DB size (MB) | "
            + " | ".join(
                f"{lv['load_s'] if lv['load_s'] is not None else 'kept'} / {lv['db_mb']}" for lv in r["levels"]
            )
            + " |"
        )
        rows.append("")
    return rows


def render() -> str:
    results = _load()
    out = ["_Generated by `python -m benchmarks.report` from `benchmarks/results/*.json`._", ""]
    for title, part in (("Extraction, one process", _extract), ("Extraction on Dask workers", _dask),
                        ("Ingest (default engine unless noted)", _ingest), ("Query latency", _query)):  # fmt: skip
        rows = part(results)
        if rows:
            out += [f"### {title}", "", *rows, ""]
    out += ["### Commands and machines", ""]
    out += [f"- `{r['command']}` — {r['when']}; {_machine(r)}" for r in results.values()]
    return "\n".join(out)


def write_markdown(path: Path = DOC) -> str:
    """Replace the block between the result markers of ``docs/benchmarks.md`` with fresh tables."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{head}{START}\n{render()}\n{END}{tail}", encoding="utf-8")
    return str(path)


if __name__ == "__main__":
    print(write_markdown())
    sys.exit(0)
