"""A deterministic generator of synthetic investment announcements, with the gold records it planted.

Every article is built from our own templates and word lists (``benchmarks/data/``): single-company
signings, monthly roundups under dateline headings, aggregates with named sub-projects (and 其中
sub-totals in Chinese), groundbreaking ceremonies, and economy reports whose money is never an
investment. Article ``i`` of seed ``s`` is always the same text, whatever ``--docs`` is, so a 1k corpus
is the prefix of a 100k one and benchmarks can be re-run and compared.

    python -m benchmarks.corpus --docs 100000 --out /tmp/corpus.jsonl         # one JSON object a line
    python -m benchmarks.corpus --docs 200 --lang en --out /tmp/corpus_en     # STEM.txt + STEM.json (score.py)

The gold has the shape of ``../shared/corpus/LABELS.md`` (plus ``stage``), so
``score.py /tmp/corpus_en --cmd ".venv/bin/zonewatch extract --format jsonl"`` scores a small corpus too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
# Above this many articles a folder corpus is sharded into subfolders of SHARD files and gets no .json labels
# (a flat folder of 100k files is slow to list; labels for that size belong in the JSONL form).
LABELS_UP_TO = 2000
SHARD = 1000
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]  # fmt: skip
YI = Decimal(100_000_000)
WAN = Decimal(10_000)
BILLION = Decimal(1_000_000_000)
MILLION = Decimal(1_000_000)
KINDS = (("single", 35), ("roundup", 20), ("aggregate", 25), ("ceremony", 10), ("economy", 10))


@dataclass(frozen=True, slots=True)
class Article:
    """One generated announcement and the gold records planted in it."""

    stem: str
    language: str
    published: str
    text: str
    gold: dict[str, Any]

    def line(self) -> dict[str, Any]:
        return {"id": self.stem, "language": self.language, "published": self.published, "text": self.text,
                "gold": self.gold}  # fmt: skip


@cache
def _sections(name: str) -> dict[str, list[str]]:
    """A word-list file: ``[section]`` headers, one entry a line, ``#`` comments."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return sections


@cache
def _lines(name: str) -> list[str]:
    return [s for s in (DATA / name).read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]


@cache
def _templates(lang: str) -> dict[str, Any]:
    with open(DATA / f"{lang}_templates.toml", "rb") as fh:
        return tomllib.load(fh)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _round_to(value: Decimal, step: Decimal) -> Decimal:
    """``value`` rounded to a multiple of ``step`` (at least one step: an amount is never zero)."""
    return max((value / step).quantize(Decimal(1)), Decimal(1)) * step


def _fmt(x: Decimal) -> str:
    """``5`` for 5.0, ``43.2`` for 43.2: how announcements write figures."""
    return format(x.normalize(), "f")


class _Writer:
    """Builds one article: picks names, formats money and dates, and records the gold as it goes."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang, self.t = rng, lang, _templates(lang)
        self.used: set[Decimal] = set()  # every planted value, so no negative can be confused with a project
        self.projects: list[dict[str, Any]] = []
        self.negatives: list[dict[str, Any]] = []

    # ---- names
    def company(self) -> str:
        parts = _sections(f"{self.lang}_company_parts.txt")
        pick = self.rng.choice
        sep = " " if self.lang == "en" else ""
        return sep.join((pick(parts["prefix"]), pick(parts["industry"]), pick(parts["suffix"])))

    def zone(self) -> tuple[str, str]:
        places = _sections(f"{self.lang}_places.txt")
        city = self.rng.choice(places["city"])
        sep = " " if self.lang == "en" else ""
        return city, f"{city}{sep}{self.rng.choice(places['zone_type'])}"

    def host(self, city: str, zone: str) -> str:
        if self.lang == "en":
            return self.rng.choice([f"the {zone} administrative committee", f"the {city} municipal government"])
        return self.rng.choice([f"{zone}管委会", f"{city}市人民政府"])

    def project(self) -> str:
        return self.rng.choice(_lines(f"{self.lang}_projects.txt"))

    # ---- dates
    def day(self, d: dt.date, with_year: bool = False) -> str:
        if self.lang == "zh":
            return f"{d.year}年{d.month}月{d.day}日" if with_year else f"{d.month}月{d.day}日"
        month = EN_MONTHS[d.month - 1]
        if self.rng.random() < 0.25:
            month = month[:3] if len(month) > 4 else month
        return f"{month} {d.day}, {d.year}" if with_year else f"{month} {d.day}"

    def dateline(self, d: dt.date) -> str:
        if self.lang == "zh":
            return f"【{d.month}月{d.day}日】"
        return f"{EN_MONTHS[d.month - 1][:3].upper()} {d.day} |"

    # ---- money
    def value(self, low: float, high: float, unit: Decimal) -> Decimal:
        """A fresh round value in ``unit`` (one decimal), never one already planted in this article."""
        for _ in range(50):
            v = Decimal(str(round(self.rng.uniform(low, high), 1))) * unit
            if all(abs(v - u) > u * Decimal("0.01") for u in self.used):
                self.used.add(v)
                return v
        raise RuntimeError("could not find a distinct amount")  # practically unreachable: 50 draws

    def money(self, value: Decimal, currency: str = "CNY") -> str:
        """The text of an amount as an announcement writes it, e.g. ``RMB 5.2 billion`` or ``43.2亿元``."""
        rng = self.rng
        if self.lang == "zh":
            unit_word = {"CNY": "元", "USD": "美元", "EUR": "欧元"}[currency]
            prefix = "人民币" if currency == "CNY" and rng.random() < 0.1 else ""
            if value >= YI:
                return f"{prefix}{_fmt(value / YI)}亿{unit_word}"
            return f"{prefix}{_fmt(value / WAN)}万{unit_word}"
        big = value >= BILLION
        figure = _fmt(value / BILLION) if big else _fmt(value / MILLION)
        scale = "billion" if big else "million"
        if currency == "USD":
            return rng.choice([f"${figure} {scale}", f"US${figure} {scale}", f"USD {figure} {scale}"])
        if currency == "EUR":
            return rng.choice([f"€{figure} {scale}", f"EUR {figure} {scale}"])
        return rng.choice([f"RMB {figure} {scale}", f"{figure} {scale} yuan", f"CNY {figure} {scale}"])

    def qualified(self, text: str) -> tuple[str, str]:
        """Put a qualifier around an amount's text; returns (text, qualifier)."""
        r = self.rng.random()
        zh = self.lang == "zh"
        if r < 0.6:
            return text, "exact"
        if r < 0.75:
            if zh:
                return (f"约{text}", "approx") if self.rng.random() < 0.7 else (f"{text}左右", "approx")
            return f"{self.rng.choice(['about', 'around', 'approximately', 'nearly'])} {text}", "approx"
        if r < 0.95:
            words = ["超过", "逾", "不低于", "超"] if zh else ["more than", "over", "at least"]
            return f"{self.rng.choice(words)}{'' if zh else ' '}{text}", "at_least"
        return (f"不超过{text}", "at_most") if zh else (f"up to {text}", "at_most")

    def investment(self, low: float, high: float, *, qualify: bool = True, convert: bool = False) -> tuple[str, dict]:
        """An investment amount: its text and the gold fields it plants (amount, currency, qualifier, stated_usd)."""
        r = self.rng.random()
        currency = "CNY" if r < 0.82 else ("USD" if r < 0.95 else "EUR")
        unit = YI if currency == "CNY" else YI / 7  # foreign amounts a few times smaller than yuan ones
        value = _round_to(self.value(low, high, unit), MILLION * 10)
        text = self.money(value, currency)
        text, qualifier = self.qualified(text) if qualify else (text, "exact")
        stated_usd = None
        if convert and currency == "CNY" and self.lang == "en" and self.rng.random() < 0.3:
            stated_usd = _round_to(value * Decimal("0.14"), MILLION)
            text += f" ({self.money(stated_usd, 'USD')})"
        gold = {"amount": _number(value), "currency": currency, "qualifier": qualifier,
                "stated_usd": _number(stated_usd) if stated_usd is not None else None}  # fmt: skip
        return text, gold

    def negative(self, slots: dict[str, str]) -> str:
        neg = self.rng.choice(self.t["negative"])
        value = self.value(1, 900, YI) if self.rng.random() < 0.8 else self.value(1, 90, WAN * 100)
        self.negatives.append({"amount": _number(value), "currency": "CNY", "why": neg["why"]})
        return neg["text"].format_map({**slots, "neg": self.money(value), "company": self.company()})

    def plant(self, gold: dict, *, investors: list[str], count: int, date: dt.date, place: str, stage: str,
              note: str) -> None:  # fmt: skip
        self.projects.append({"investors": investors, **gold, "count": count, "date": date.isoformat(),
                              "place": place, "stage": stage, "note": note})  # fmt: skip


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _slots(w: _Writer, city: str, zone: str) -> dict[str, str]:
    rng = w.rng
    sector = rng.choice(_lines(f"{w.lang}_sectors.txt"))
    return {"city": city, "place": zone, "host": w.host(city, zone), "year": str(rng.randint(2012, 2019)),
            "n": str(rng.randint(2, 9) * 100), "n2": str(rng.randint(2, 60) * 1000), "n3": str(rng.randint(2, 9)),
            "pct": str(rng.randint(3, 25)), "sector": sector}  # fmt: skip


def _sentence(w: _Writer, key: str, slots: dict[str, str]) -> str:
    return w.rng.choice(w.t[key]).format_map(slots)


def _body(w: _Writer, kind: str, city: str, zone: str, published: dt.date) -> tuple[str, list[str]]:
    """The title and the paragraphs that carry the article's projects."""
    rng, zh = w.rng, w.lang == "zh"
    slots = _slots(w, city, zone)
    event = published - dt.timedelta(days=rng.randint(0, 12))
    paras: list[str] = []
    if kind == "single":
        investor, project = w.company(), w.project()
        text, gold = w.investment(0.5, 80, convert=True)
        s = {**slots, "investor": investor, "amount": text, "date": w.day(event, rng.random() < 0.2),
             "project": project}  # fmt: skip
        w.plant(gold, investors=[investor], count=1, date=event, place=zone, stage="signed", note="single signing")
        title = _sentence(w, "single_title", {**s, "amount": w.money(Decimal(gold["amount"]), gold["currency"])})
        paras.append(_sentence(w, "single_lead", s))
        paras.append(_sentence(w, "single_detail", s))
    elif kind == "roundup":
        month = (published.replace(day=1) - dt.timedelta(days=1)) if published.day < 6 else published
        title = _sentence(
            w, "roundup_title", {**slots, "month": f"{month.month}月" if zh else EN_MONTHS[month.month - 1]}
        )
        days = sorted(rng.sample(range(1, min(28, (published - month.replace(day=1)).days + 1) + 1), rng.randint(3, 6)))
        for d in days:
            day = month.replace(day=d)
            investor = w.company()
            text, gold = w.investment(0.3, 60)
            s = {**slots, "investor": investor, "amount": text, "project": w.project()}
            w.plant(gold, investors=[investor], count=1, date=day, place=zone, stage="signed", note="roundup item")
            paras.append(f"{w.dateline(day)}{'' if zh else ' '}{_sentence(w, 'roundup_item', s)}")
    elif kind in ("aggregate", "ceremony"):
        parts = rng.randint(1, 4) if kind == "aggregate" else rng.randint(0, 2)
        count = parts + rng.randint(2, 20)
        texts_golds = [w.investment(0.5, 30, qualify=False) for _ in range(parts)]
        cny = sum((Decimal(g["amount"]) for _, g in texts_golds if g["currency"] == "CNY"), Decimal(0))
        total = w.value(float(cny / YI) + 5, float(cny / YI) + 300, YI)
        total_text, total_gold = w.money(total), {"amount": _number(total), "currency": "CNY", "qualifier": "exact",
                                                  "stated_usd": None}  # fmt: skip
        if rng.random() < 0.4:
            total_text, total_gold["qualifier"] = w.qualified(total_text)
        stage = "signed" if kind == "aggregate" else "started"
        s = {**slots, "count": str(count), "total": total_text, "date": w.day(event), "venue": rng.choice(
            _sections(f"{w.lang}_places.txt")["venue"])}  # fmt: skip
        title = _sentence(w, f"{kind}_title", {**s, "total": w.money(total)})
        w.plant(total_gold, investors=[], count=count, date=event, place=zone, stage=stage, note=f"{kind} total")
        paras.append(_sentence(w, f"{kind}_lead", s))
        if zh and rng.random() < 0.5:
            n_a = rng.randint(1, count - 1)
            sub_a = _round_to(total * Decimal(str(round(rng.uniform(0.3, 0.7), 2))), YI / 10)
            sub_b = total - sub_a
            w.negatives += [
                {"amount": _number(v), "currency": "CNY", "why": "subtotal by type"} for v in (sub_a, sub_b)
            ]
            paras.append(_sentence(w, "subtotals", {"n_a": str(n_a), "sub_a": w.money(sub_a), "n_b": str(count - n_a),
                                                    "sub_b": w.money(sub_b)}))  # fmt: skip
        if rng.random() < 0.3:
            threshold = rng.choice([YI, 5 * YI, 10 * YI, 50 * YI])
            if all(abs(threshold - u) > u * Decimal("0.01") for u in w.used):
                w.negatives.append({"amount": _number(threshold), "currency": "CNY", "why": "size threshold"})
                paras.append(
                    _sentence(w, "threshold", {"threshold": w.money(threshold), "n_t": str(rng.randint(1, 5))})
                )
        for text, gold in texts_golds:
            investor = w.company()
            sp = {**s, "investor": investor, "amount": text, "project": w.project()}
            w.plant(gold, investors=[investor], count=1, date=event, place=zone, stage=stage, note=f"{kind} part")
            w.projects[-1]["parent"] = "total"
            paras.append(_sentence(w, f"{kind}_part", sp))
    else:
        title = _sentence(w, "economy_title", slots)
        paras.append(w.negative(slots))
    return title, paras


def article(seed: int, i: int, lang: str = "both") -> Article:
    """Article ``i`` of the corpus with ``seed``: the same text and gold on every machine and run."""
    rng = random.Random(f"zonewatch-bench:{seed}:{i}")  # str seeds hash with SHA-512: stable across runs
    language = lang if lang in ("en", "zh") else rng.choice(("en", "zh"))
    w = _Writer(rng, language)
    published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 7 * 365))
    city, zone = w.zone()
    kind = _pick(rng, KINDS)
    title, paras = _body(w, kind, city, zone, published)
    target = int(rng.triangular(1100, 5000, 2900))  # bytes of UTF-8; mean ~3 KB, like real announcements
    negatives = rng.choice((0, 0, 1, 1, 2, 3))
    fillers: list[str] = []
    size = len(title.encode()) + sum(len(p.encode()) + 2 for p in paras)
    while size < target:
        slots = _slots(w, city, zone)
        sentences = []
        for _ in range(rng.randint(2, 5)):
            if not fillers:  # every background sentence once before any repeats, like a real article
                fillers = list(w.t["filler"])
                rng.shuffle(fillers)
            sentences.append(fillers.pop().format_map(slots))
        if negatives:
            negatives -= 1
            sentences.insert(rng.randrange(len(sentences) + 1), w.negative(slots))
        para = ("" if language == "zh" else " ").join(sentences)
        if size + len(para.encode()) > 5000 and size > 1000:
            break
        paras.insert(rng.randint(1, len(paras)) if kind not in ("roundup",) else len(paras), para)
        size += len(para.encode()) + 2
    text = title + "\n\n" + "\n\n".join(paras) + "\n"
    stem = f"{language}{i:07d}"
    gold = {"url": f"synthetic://zonewatch-bench/{seed}/{stem}", "language": language, "published": published.isoformat(),
            "kind": kind, "projects": [{k: v for k, v in p.items() if k != "parent"} for p in w.projects],
            "not_investment": w.negatives, "findings": []}  # fmt: skip
    return Article(stem, language, published.isoformat(), text, gold)


def articles(docs: int, seed: int = 1, lang: str = "both", start: int = 0) -> Iterator[Article]:
    """Stream ``docs`` articles (never held in memory together)."""
    for i in range(start, start + docs):
        yield article(seed, i, lang)


def write(out: Path, docs: int, seed: int = 1, lang: str = "both", labels: bool | None = None) -> int:
    """Write a corpus to ``out``: a ``.jsonl`` file, or a folder of STEM.txt (+ STEM.json); returns bytes of text."""
    total = 0
    if out.suffix == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for a in articles(docs, seed, lang):
                fh.write(json.dumps(a.line(), ensure_ascii=False) + "\n")
                total += len(a.text.encode())
        return total
    labels = docs <= LABELS_UP_TO if labels is None else labels
    flat = docs <= LABELS_UP_TO
    for n, a in enumerate(articles(docs, seed, lang)):
        folder = out if flat else out / f"{n // SHARD:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{a.stem}.txt").write_text(a.text, encoding="utf-8")
        if labels:
            (folder / f"{a.stem}.json").write_text(json.dumps(a.gold, ensure_ascii=False, indent=1), encoding="utf-8")
        total += len(a.text.encode())
    return total


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Stream the objects of a JSONL corpus one at a time."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="number of articles")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lang", choices=("en", "zh", "both"), default="both")
    ap.add_argument("--out", type=Path, required=True, help="a .jsonl file or a folder")
    ap.add_argument(
        "--labels",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"write STEM.json gold next to each STEM.txt (default: when --docs <= {LABELS_UP_TO})",
    )
    args = ap.parse_args(argv)
    size = write(args.out, args.docs, args.seed, args.lang, args.labels)
    sys.stderr.write(
        f"{args.docs} articles, {size / 1e6:.1f} MB of text, mean {size / max(args.docs, 1):.0f} bytes -> {args.out}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
