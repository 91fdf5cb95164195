"""The whole pipeline on ../shared: the seed's own errors are found, consistent dev articles raise nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zonewatch.ingest.files import read_path
from zonewatch.ingest.text import parse_published
from zonewatch.model import Extraction
from zonewatch.pipeline import prepare, run


def _run(path: Path) -> Extraction:
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    published = parse_published(gold["published"]) if gold.get("published") else None
    return run(prepare(read_path(str(path)), "auto", published))


def test_seed_findings(shared: Path) -> None:
    ex = _run(shared / "corpus" / "seed" / "cdht-august-roundup.txt")
    text = ex.document.text
    by_investor = {p.investors[0].display: p for p in ex.projects if p.investors}
    tencent = by_investor["Tencent"]
    conversions = [f for f in ex.findings if f.kind == "conversion_mismatch"]
    (tencent_finding,) = [f for f in conversions if f.project == tencent.id]
    expected = tencent_finding.details["expected"]
    assert isinstance(expected, float) and abs(expected - 722.7e6) / 722.7e6 < 0.02
    # NetEase, Eswin, the 25.4 billion aggregate and the 23 Tianfu projects print consistent conversions
    assert [f.project for f in conversions] == [tencent.id]
    dates = [f for f in ex.findings if f.kind == "date_mismatch"]
    assert len(dates) == 1 and "August 31" in text[dates[0].span.start : dates[0].span.end + 5]
    assert tencent.amount_usd is not None and tencent.amount_usd.value is not None
    assert abs(tencent.amount_usd.value - 722_700_000) < 1_000_000


def _consistent_dev_articles() -> list[str]:
    """Dev articles whose gold labels list no error of their own (collected without the fixture)."""
    from tests.conftest import SHARED

    folder = SHARED / "corpus" / "dev"
    return sorted(
        p.name
        for p in folder.glob("*.txt")
        if not json.loads(p.with_suffix(".json").read_text(encoding="utf-8")).get("findings")
    )


@pytest.mark.parametrize("name", _consistent_dev_articles() or ["(no ../shared)"])
def test_no_false_alarm_on_dev(shared: Path, name: str) -> None:
    """An article whose gold labels list no error of its own gets no finding."""
    findings = _run(shared / "corpus" / "dev" / name).findings
    assert findings == (), [f.message for f in findings]
