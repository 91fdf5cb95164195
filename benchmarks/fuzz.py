"""Fuzz the extraction pipeline: generated and mutated announcements, in a few processes.

Every input goes through ``prepare`` + ``run`` (the default pipeline: extraction, normalization,
verification) exactly as ``zonewatch extract`` runs it. The script reports crashes (any exception), broken
grounding (a span outside the text or not slicing back to its raw text), the slowest input and its time,
and every input slower than ``--limit`` seconds. The limit is judged on the CPU time the worker process
spent on the one input (``time.process_time``): the machine is shared, so wall time says as much about the
neighbours as about the input. Wall time is measured and reported next to it (slowest, and how many inputs
went over the limit in wall time too). Inputs are deterministic: input ``i`` of seed ``s`` is
always the same text, so a crash can be replayed with ``--replay I``.

    python -m benchmarks.fuzz --docs 100000 --workers 2            # the hardening run (expected: 0 crashes)
    python -m benchmarks.fuzz --replay 4711 --show                 # print one input and run it alone

Inputs are built from the benchmark corpus generator's articles (``benchmarks.corpus``) and from
announcement fragments, then mutated: spliced with another article, a stretch duplicated, digits / units
/ currency symbols / CJK / control characters inserted, whole paragraphs joined into one very long line,
full-width forms, truncation at an arbitrary code point. Not part of the test suite (no timing there).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpus import article

INSERTS = (
    "0", "1", "9", "123456789", "1,000,000", "3.1415", ".", ",", "-", "–", "~", "%", " ", "\n", "\t",
    "RMB", "US$", "$", "€", "£", "¥", "₹", "Rs", "HK$", "yuan", "billion", "million", "bn", "mn", "crore", "lakh",
    "approx.", "more than", "up to", "to", "and", "(", ")", "[", "]", "|", "\"", "'s",
    "元", "万元", "亿元", "万亿元", "美元", "亿美元", "人民币", "约", "超过", "余", "以上", "不超过", "至", "左右",
    "年", "月", "日", "号", "一", "十", "百", "千", "万", "亿", "点", "两", "零", "〇", "壹", "拾",
    "有限公司", "集团", "管委会", "高新区", "经开区", "签约", "开工", "项目", "个", "其中", "共计",
    "，", "。", "、", "（", "）", "：", "；", "“", "”", "１２３", "．", "，０００",
    "\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u200b", "\u200d", "\u2028", "\u2029", "\ufeff",
    "\ufffd", "\U0001f4b0", "\U00020000", "\u0301", "\u202e", "İ", "ß", "ﬁ", "Ⅻ", "٣", "۴", "१",
)  # fmt: skip
FRAGMENTS = (
    "Tencent signs with Chengdu Hi-Tech Zone to invest RMB 5 billion in a headquarters. ",
    "Aug 20 | 23 projects totalling 16.8 billion yuan kick off in the zone. ",
    "On Thursday, Huamei (Chengdu) Digital Technology Co., Ltd. agreed to invest approx. 10-15 billion yuan. ",
    "The project, worth US$ 730 million (RMB 5 bn), will start in Sept 24, 2020. ",
    "Rs 47,000 crore and 460 100 million yuan and 4 billion 280 million yuan were announced yesterday. ",
    "Revenue reached RMB 3 billion; GDP grew 5%; 5 projects above 1 billion yuan were signed. ",
    "某公司拟投资43.2亿元建设新能源汽车零部件项目。",
    "8月20日，成都高新区集中签约23个项目，总投资168亿元，其中外资项目6个。",
    "腾讯科技(深圳)有限公司与成都高新区管委会签约，投资约5亿元至10亿元（约合1.5亿美元）。",
    "二十五点六亿元、三十亿元、1.2万亿元、4亿2800万元、１２３亿元、10余亿元、每亩不低于300万元。",
    "日前，比亚迪新能源汽车零部件项目在深圳举行开工仪式，今年计划投资5 亿元。",
)  # fmt: skip
FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789,.:()%"}


def _random_text(rng: random.Random) -> str:
    """A short document of fragments and inserts: the shapes the extractors key on, in odd company."""
    parts = [rng.choice(FRAGMENTS) if rng.random() < 0.5 else rng.choice(INSERTS) for _ in range(rng.randint(1, 40))]
    return "".join(parts)


def _insert(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 30)):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(INSERTS) * rng.choice((1, 1, 1, 2, 5, 40)) + text[at:]
    return text


def _splice(rng: random.Random, text: str, other: str) -> str:
    a, b = sorted(rng.randint(0, len(text)) for _ in range(2))
    c = rng.randint(0, len(other))
    return text[:a] + other[c : c + rng.randint(0, 2000)] + text[b:]


def _duplicate(rng: random.Random, text: str) -> str:
    a = rng.randint(0, len(text))
    b = min(len(text), a + rng.randint(1, 400))
    return text[:b] + text[a:b] * rng.randint(2, 20) + text[b:]


def _long_line(rng: random.Random, text: str) -> str:
    """Paragraphs joined into one line, sometimes a sentence repeated into a line of tens of KB."""
    line = text.replace("\n", " ")
    if rng.random() < 0.3:
        line += rng.choice(FRAGMENTS) * rng.randint(50, 400)
    return line


def _full_width(rng: random.Random, text: str) -> str:
    return "".join(FULL_WIDTH.get(c, c) if rng.random() < 0.7 else c for c in text)


def _truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randint(0, len(text))]


def _runs(rng: random.Random, text: str) -> str:
    """Pathological runs: long digit groups, capitalised words, CJK without punctuation, amounts on one line."""
    run = rng.choice(
        (
            lambda n: "1" + ",000" * n,
            lambda n: "1" + "，０００" * n,
            lambda n: "9" * (n * 4),
            lambda n: "Bank " * n,
            lambda n: "Bank of " * n,
            lambda n: "成都高新区" * n,
            lambda n: "一十百千万亿" * n,
            lambda n: "RMB 5 billion and " * n,
            lambda n: "约10亿元、" * n,
            lambda n: "August 20, " * n,
            lambda n: "(" * n + ")" * n,
        )
    )
    at = rng.randint(0, len(text))
    return text[:at] + run(rng.randint(10, 2000)) + text[at:]


MUTATIONS: tuple[Callable[..., str], ...] = (_insert, _duplicate, _long_line, _full_width, _truncate, _runs)


def make_input(seed: int, i: int) -> tuple[str, str]:
    """Input ``i``: (description, text). A third are fresh fragment soup, the rest mutated corpus articles."""
    rng = random.Random(f"zonewatch-fuzz:{seed}:{i}")
    if rng.random() < 0.33:
        text, how = _random_text(rng), ["fragments"]
    else:
        base = article(seed, rng.randrange(5000))
        text, how = base.text, [f"article:{base.stem}"]
        if rng.random() < 0.7:  # a window of it: most inputs short, so 100k of them run in minutes
            a = rng.randrange(len(text))
            text = text[a : a + rng.randint(100, 1500)]
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        if rng.random() < 0.2:
            other = article(seed, rng.randrange(5000)).text
            text, how = _splice(rng, text, other), [*how, "splice"]
        else:
            mutation = rng.choice(MUTATIONS)
            text, how = mutation(rng, text), [*how, mutation.__name__.lstrip("_")]
    return "+".join(how), text


def grounding_problems(extraction: Any) -> list[str]:
    """Spans outside the text, or not slicing back to their raw text (the same walk as tests/hardening)."""
    text = extraction.document.text
    bad: list[str] = []
    for p in extraction.projects:
        values = [p.amount, p.count, p.date, p.stage, p.place, p.project, p.area, p.jobs]
        values += [*p.investors, *p.hosts, *p.stated_conversions]
        for v in values:
            span = getattr(v, "span", None)
            if v is None or span is None:
                continue
            if not 0 <= span.start <= span.end <= len(text) or text[span.start : span.end] != v.raw:
                bad.append(f"{p.id}: {v.raw!r} at [{span.start}, {span.end})")
        bad += [f"{p.id}: evidence {s}" for s in p.evidence if not 0 <= s.start <= s.end <= len(text)]
    bad += [f"finding {f.kind} {f.span}" for f in extraction.findings if not f.span.end <= len(text)]
    return bad


@dataclass
class Tally:
    inputs: int = 0
    chars: int = 0
    projects: int = 0
    seconds: float = 0.0  # wall
    cpu_seconds: float = 0.0
    wall_over_limit: int = 0
    crashes: list[dict[str, Any]] = field(default_factory=list)
    ungrounded: list[dict[str, Any]] = field(default_factory=list)
    slow: list[dict[str, Any]] = field(default_factory=list)  # over the limit in CPU time
    slowest: dict[str, Any] = field(default_factory=lambda: {"cpu_seconds": 0.0})  # in CPU time
    slowest_wall: dict[str, Any] = field(default_factory=lambda: {"seconds": 0.0})

    def merge(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.chars += other.chars
        self.projects += other.projects
        self.seconds += other.seconds
        self.cpu_seconds += other.cpu_seconds
        self.wall_over_limit += other.wall_over_limit
        self.crashes += other.crashes
        self.ungrounded += other.ungrounded
        self.slow += other.slow
        if other.slowest["cpu_seconds"] > self.slowest["cpu_seconds"]:
            self.slowest = other.slowest
        if other.slowest_wall["seconds"] > self.slowest_wall["seconds"]:
            self.slowest_wall = other.slowest_wall


@dataclass
class Outcome:
    """One input's run: how it was made, its text, wall and CPU seconds, projects, the exception if any,
    and the grounding problems."""

    how: str
    text: str
    seconds: float
    cpu_seconds: float
    projects: int
    error: BaseException | None
    ungrounded: list[str]


def run_one(seed: int, i: int) -> Outcome:
    from zonewatch.model import Document
    from zonewatch.pipeline import prepare, run

    how, text = make_input(seed, i)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        extraction = run(prepare(Document(text=text, source=f"fuzz:{i}"), "auto"))
    except Exception as exc:  # the point: any exception at all is a crash
        return Outcome(how, text, time.perf_counter() - started, time.process_time() - cpu, 0, exc, [])
    took, took_cpu = time.perf_counter() - started, time.process_time() - cpu
    return Outcome(how, text, took, took_cpu, len(extraction.projects), None, grounding_problems(extraction))


def warm_up() -> None:
    """Load what the first document of a process pays for (imports, ECB rates, compiled patterns), untimed."""
    from zonewatch.model import Document
    from zonewatch.pipeline import prepare, run

    for text in (FRAGMENTS[0] + FRAGMENTS[2], FRAGMENTS[7] + FRAGMENTS[8]):
        run(prepare(Document(text=text, source="warm-up"), "auto"))


def run_range(args: tuple[int, int, int, float]) -> Tally:
    seed, start, stop, limit = args
    warm_up()
    tally = Tally()
    for i in range(start, stop):
        o = run_one(seed, i)
        tally.inputs += 1
        tally.chars += len(o.text)
        tally.projects += o.projects
        tally.seconds += o.seconds
        tally.cpu_seconds += o.cpu_seconds
        info = {"input": i, "how": o.how, "chars": len(o.text), "cpu_seconds": round(o.cpu_seconds, 4),
                "seconds": round(o.seconds, 4)}  # fmt: skip
        if o.error is not None:
            exc = o.error
            tb = traceback.format_exception(exc)
            tally.crashes.append({**info, "error": f"{type(exc).__name__}: {exc}"[:300], "where": tb[-2].strip()[:300]})
            print(f"CRASH {json.dumps(tally.crashes[-1], ensure_ascii=False)}", file=sys.stderr, flush=True)
        if o.ungrounded:
            tally.ungrounded.append({**info, "problems": o.ungrounded[:5]})
        if o.cpu_seconds > limit:
            tally.slow.append(info)
            print(f"SLOW {json.dumps(info, ensure_ascii=False)}", file=sys.stderr, flush=True)
        if o.seconds > limit:
            tally.wall_over_limit += 1
        if o.cpu_seconds > tally.slowest["cpu_seconds"]:
            tally.slowest = info
        if o.seconds > tally.slowest_wall["seconds"]:
            tally.slowest_wall = info
    return tally


def chunks(docs: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, docs, size):
        yield start, min(docs, start + size)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000, help="inputs to generate and run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="first input number (to continue a run)")
    parser.add_argument("--workers", type=int, default=2, help="processes")
    parser.add_argument("--limit", type=float, default=1.0, help="CPU seconds an input may take")
    parser.add_argument("--out", type=Path, help="write the summary as JSON here too")
    parser.add_argument("--replay", type=int, help="run only input I (with --show, print it first)")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)

    if args.replay is not None:
        how, text = make_input(args.seed, args.replay)
        warm_up()
        if args.show:
            print(f"--- input {args.replay} ({how}, {len(text)} chars)\n{text!r}\n---")
        o = run_one(args.seed, args.replay)
        if o.error is not None:
            traceback.print_exception(o.error)
        print(json.dumps({"cpu_seconds": round(o.cpu_seconds, 4), "seconds": round(o.seconds, 4),
                          "projects": o.projects, "ungrounded": o.ungrounded}))  # fmt: skip
        return 1 if o.error is not None or o.ungrounded else 0

    total = Tally()
    started = time.perf_counter()
    jobs = [(args.seed, a + args.start, b + args.start, args.limit) for a, b in chunks(args.docs, 100)]

    ctx = multiprocessing.get_context("fork")
    interrupted = False
    with ctx.Pool(args.workers) as pool:
        # A background job ignores SIGINT: SIGTERM stops the run too, with the report of what has been run
        # (set after the workers are forked, so pool.terminate() still ends them plainly).
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            for done, part in enumerate(pool.imap_unordered(run_range, jobs), 1):
                total.merge(part)
                if done % 10 == 0 or done == len(jobs):
                    print(
                        f"{total.inputs:>7} inputs  {len(total.crashes)} crashes  {len(total.ungrounded)} ungrounded  "
                        f"{len(total.slow)} over {args.limit:g} s CPU  slowest {total.slowest['cpu_seconds']:.3f} s CPU "
                        f"(input {total.slowest.get('input')}), {total.slowest_wall['seconds']:.3f} s wall "
                        f"(input {total.slowest_wall.get('input')})",
                        file=sys.stderr,
                        flush=True,
                    )
        except KeyboardInterrupt:
            interrupted = True  # Ctrl-C (or SIGINT): report what has been run so far
            pool.terminate()
    summary = {
        "inputs": total.inputs,
        "interrupted": interrupted,
        "seed": args.seed,
        "first_input": args.start,
        "workers": args.workers,
        "wall_seconds": round(time.perf_counter() - started, 1),
        "wall_seconds_in_pipeline": round(total.seconds, 1),
        "cpu_seconds_in_pipeline": round(total.cpu_seconds, 1),
        "inputs_per_cpu_second": round(total.inputs / total.cpu_seconds, 1) if total.cpu_seconds else None,
        "mean_chars": round(total.chars / max(1, total.inputs)),
        "projects": total.projects,
        "crashes": len(total.crashes),
        "ungrounded": len(total.ungrounded),
        "over_limit": len(total.slow),
        "limit_cpu_seconds": args.limit,
        "over_limit_wall": total.wall_over_limit,
        "slowest": total.slowest,
        "slowest_wall": total.slowest_wall,
        "crash_examples": total.crashes[:20],
        "ungrounded_examples": total.ungrounded[:20],
        "over_limit_examples": sorted(total.slow, key=lambda s: -s["cpu_seconds"])[:20],
    }
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if total.crashes or total.ungrounded or total.slow else 0


if __name__ == "__main__":
    sys.exit(main())
