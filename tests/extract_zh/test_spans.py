"""Every span zonewatch prints for a Chinese document slices the document's text back to the quoted text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from zonewatch.ingest.files import read_path
from zonewatch.ingest.text import parse_published
from zonewatch.pipeline import prepare, run
from zonewatch.serialize import extraction_dict


def grounded(obj: Any) -> Iterator[dict[str, Any]]:
    """Every object in the output that quotes text with a start and an end."""
    if isinstance(obj, dict):
        if isinstance(obj.get("text"), str) and isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            yield obj
        for v in obj.values():
            yield from grounded(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from grounded(v)


def check(path: Path, published: str | None = None) -> int:
    doc = prepare(read_path(str(path)), "auto", parse_published(published) if published else None)
    out = extraction_dict(run(doc))
    json.dumps(out, ensure_ascii=False)
    n = 0
    for g in grounded(out):
        assert doc.text[g["start"] : g["end"]] == g["text"], (path.name, g)
        n += 1
    for p in out["projects"]:
        for e in p["evidence"]:
            assert 0 <= e["start"] < e["end"] <= len(doc.text)
            if p["amount"]:
                assert e["start"] <= p["amount"]["start"] < e["end"]
    for f in out["findings"]:
        assert 0 <= f["start"] <= f["end"] <= len(doc.text)
    return n


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "zh").glob("*.txt")), ids=lambda p: p.name)
def test_example_spans_slice_back(path: Path) -> None:
    assert check(path) > 0


def test_shared_zh_article_spans_slice_back(shared: Path) -> None:
    articles = sorted((shared / "corpus" / "dev").glob("zh*.txt"))
    assert articles
    for path in articles:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert check(path, gold.get("published")) > 0, path.name
