"""Issue 7's bar, end to end through the commands: ingest the seed roundup, then write the zone's roundup.

Needs the extractors, normalize/verify and the ledger; reads ../shared through the ``shared`` fixture.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zonewatch.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_roundup(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('bar') / 'zw.db'}"
    seed = shared / "corpus" / "seed" / "cdht-august-roundup.txt"
    ingested = runner.invoke(app, ["ingest", str(seed), "--published", "2020-08", "--db", db])
    assert ingested.exit_code == 0, ingested.output
    result = runner.invoke(app, ["roundup", "--zone", "CDHT", "--month", "2020-08", "--format", "md", "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize(
    "name", ["ByteDance", "Tencent", "NetEase", "Eswin", "Huamei", "Tianfu International Bio-Town"]
)
def test_lists_the_months_projects(seed_roundup: str, name: str) -> None:
    assert name in _section(seed_roundup, "Projects")


def test_tencent_in_dollars_at_the_days_rate(seed_roundup: str) -> None:
    projects = _section(seed_roundup, "Projects")
    tencent = next(block for block in projects.split("### ") if block and "Tencent" in block.splitlines()[0])
    found = re.search(r"US\$(\d+(?:\.\d+)?) million at [\d.]+ CNY/USD on 2020-08-2\d", tencent)
    assert found, tencent
    assert 715 <= float(found.group(1)) <= 730  # about US$723 million, not the printed $7,300 million


def test_corrections_name_the_articles_errors(seed_roundup: str) -> None:
    corrections = _section(seed_roundup, "Corrections")
    assert "7,300 million" in corrections and "US$723 million" in corrections
    assert "August 27" in corrections and "August 31" in corrections


def test_every_item_cites_a_listed_source(seed_roundup: str) -> None:
    sources = _section(seed_roundup, "Sources")
    assert re.search(r"^1\. ", sources, re.M)
    for block in _section(seed_roundup, "Projects").split("### ")[1:]:
        assert re.search(r"\[\d+\]", block.splitlines()[0]), block
