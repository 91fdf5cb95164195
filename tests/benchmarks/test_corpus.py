"""The benchmark corpus generator: deterministic, realistic in size, and its gold agrees with its text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from benchmarks.corpus import article, articles, read_jsonl, write

SAMPLE = [article(7, i) for i in range(120)]


def test_same_seed_same_article_whatever_the_corpus_size() -> None:
    assert [a.text for a in articles(30, seed=7)] == [a.text for a in SAMPLE[:30]]
    assert article(7, 99) == SAMPLE[99]
    assert article(8, 99).text != SAMPLE[99].text


def test_both_languages_and_every_kind_appear() -> None:
    assert {a.language for a in SAMPLE} == {"en", "zh"}
    assert {a.gold["kind"] for a in SAMPLE} == {"single", "roundup", "aggregate", "ceremony", "economy"}
    assert {a.language for a in articles(10, seed=7, lang="zh")} == {"zh"}


def test_articles_are_one_to_five_kilobytes_three_on_average() -> None:
    sizes = [len(a.text.encode()) for a in SAMPLE]
    assert min(sizes) >= 1000 and max(sizes) <= 5200
    assert 2500 <= sum(sizes) / len(sizes) <= 3500


@pytest.mark.parametrize("a", SAMPLE[:60], ids=lambda a: a.stem)
def test_gold_is_consistent_with_the_text(a) -> None:
    published = dt.date.fromisoformat(a.published)
    amounts = []
    for p in a.gold["projects"]:
        assert p["amount"] > 0 and p["currency"] in {"CNY", "USD", "EUR"}
        assert p["qualifier"] in {"exact", "approx", "at_least", "at_most"}
        assert dt.date.fromisoformat(p["date"]) <= published
        assert p["place"] in a.text
        assert all(name in a.text for name in p["investors"])
        assert (p["count"] == 1) == bool(p["investors"])
        amounts.append((p["amount"], p["currency"]))
    # a planted non-investment figure is never within the scorer's 0.5% of an investment in the same currency
    for n in a.gold["not_investment"]:
        assert all(c != n["currency"] or abs(v - n["amount"]) > 0.005 * v for v, c in amounts)
    totals = [p for p in a.gold["projects"] if p["count"] > 1]
    if totals and all(p["currency"] == "CNY" for p in a.gold["projects"]):
        assert sum(p["amount"] for p in a.gold["projects"] if p["count"] == 1) < totals[0]["amount"]


def test_written_corpus_round_trips(tmp_path: Path) -> None:
    write(tmp_path / "c.jsonl", 5, seed=7)
    lines = list(read_jsonl(tmp_path / "c.jsonl"))
    assert [o["text"] for o in lines] == [a.text for a in SAMPLE[:5]]
    write(tmp_path / "folder", 5, seed=7)
    stem = SAMPLE[3].stem
    assert (tmp_path / "folder" / f"{stem}.txt").read_text(encoding="utf-8") == SAMPLE[3].text
    assert json.loads((tmp_path / "folder" / f"{stem}.json").read_text(encoding="utf-8")) == SAMPLE[3].gold
