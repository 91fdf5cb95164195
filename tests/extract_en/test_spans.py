"""Grounding: every span of every output field slices back to its quoted text, on our examples and on ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from zonewatch.extract.en import extract_projects
from zonewatch.model import Document, Project
from zonewatch.serialize import project_dict


def _grounded_values(p: Project) -> list[tuple[str, int, int]]:
    """(raw, start, end) of every grounded field of a project, as the model and the jsonl contract give them."""
    out: list[tuple[str, int, int]] = []
    if p.amount:
        out.append((p.amount.raw, p.amount.span.start, p.amount.span.end))
    out += [(c.raw, c.span.start, c.span.end) for c in p.stated_conversions]
    for m in (*p.investors, *p.hosts, *([p.place] if p.place else []), *([p.project] if p.project else [])):
        out.append((m.raw, m.span.start, m.span.end))
    for v in (p.count, p.date, p.stage):
        if v is not None and v.span is not None:
            out.append((v.raw, v.span.start, v.span.end))
    d = project_dict(p)
    if d["amount"]:
        out.append((d["amount"]["text"], d["amount"]["start"], d["amount"]["end"]))
    for g in d["grounding"].values():
        for item in g if isinstance(g, list) else [g] if g else []:
            if "start" in item:
                out.append((item["text"], item["start"], item["end"]))
    return out


def _check(text: str, source: str) -> int:
    checked = 0
    for p in extract_projects(Document(text, "en", source)):
        for raw, start, end in _grounded_values(p):
            assert 0 <= start <= end <= len(text), f"{source} {p.id}: span [{start}, {end}) outside the text"
            assert text[start:end] == raw, f"{source} {p.id}: {text[start:end]!r} != {raw!r}"
            checked += 1
        for ev in p.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
            if p.amount:
                assert ev.contains(p.amount.span), f"{source} {p.id}: evidence does not hold the amount"
    return checked


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "en").glob("*.txt")), ids=lambda p: p.name)
def test_example_spans_slice_back(path: Path) -> None:
    assert _check(path.read_text(encoding="utf-8"), path.name) > 0


def test_shared_article_spans_slice_back(shared: Path) -> None:
    paths = sorted((shared / "corpus" / "dev").glob("en*.txt")) + sorted((shared / "corpus" / "seed").glob("*.txt"))
    assert paths
    assert sum(_check(p.read_text(encoding="utf-8"), p.name) for p in paths) > 100


def test_spans_survive_unusual_text() -> None:
    text = "Ｔｅｎｃｅｎｔ 🚀 signed — RMB 5 billion (\u00a0$7300 million) at CDHT\u2028on Aug 20 | x\r\nEswin invests 11 billion RMB."
    assert _check(text, "unusual") >= 2


@pytest.mark.parametrize(
    "text",
    [
        "Aug 20 | " * 3000,
        "RMB 5 billion, " * 3000,
        "Co., Ltd.Zone £5" * 2000,
        "İDR 5 billion and İdr 3 million",
        "\x00\u2028\ufeff RMB\u00a05\u00a0billion ($7300 million)",
        "1," * 5000 + " RMB",
        "A" * 50000,
    ],
    ids=["headings", "amounts", "suffixes", "dotted-I", "controls", "digits", "one-word"],
)
def test_hostile_text_extracts_without_error_and_spans_hold(text: str) -> None:
    _check(text, "hostile")
