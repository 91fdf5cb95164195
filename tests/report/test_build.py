"""build_roundup on a small ledger built in the test: golden Markdown, aliases, no double counting, corrections."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.report.ledger_fixture import small_ledger
from zonewatch.ledger.query import Ledger
from zonewatch.report.build import build_roundup
from zonewatch.report.markdown import render_markdown
from zonewatch.report.roundup import Month

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ZONEWATCH_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    return small_ledger(f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'zw.db'}")


@pytest.mark.parametrize(("lang", "zone"), [("en", "CDHT"), ("zh", "成都高新区")])
def test_roundup_from_ledger_matches_golden(ledger: Ledger, lang: str, zone: str) -> None:
    text = render_markdown(build_roundup(ledger, zone, "2020-08", lang))
    path = GOLDEN / f"ledger_2020-08_{lang}.md"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("alias", ["CDHT", "成都高新区", "Chengdu High-tech Zone", "Chengdu Hi-Tech Zone"])
def test_any_alias_of_the_zone_gives_the_same_roundup(ledger: Ledger, alias: str) -> None:
    roundup = build_roundup(ledger, alias, Month(2020, 8), "en")
    assert roundup.zone == "Chengdu Hi-Tech Zone"
    assert [i.investors or (i.count,) for i in roundup.items] == [("Tencent",), (None,), (23,)]
    # The park's project is in the zone's roundup; the other zone's project is not.
    assert "Tianfu International Bio-Town" in {i.place for i in roundup.items}
    assert "Tianfu International Bio-Town" in roundup.parks


def test_other_zone_gets_only_its_own_projects(ledger: Ledger) -> None:
    roundup = build_roundup(ledger, "Shanghai Pudong New Area", "2020-08", "en")
    assert [i.investors for i in roundup.items] == [("CATL",)]
    assert roundup.corrections == ()


def test_headline_counts_top_level_projects_once_and_compares(ledger: Ledger) -> None:
    head = build_roundup(ledger, "CDHT", "2020-08", "en").headline
    # 5 + 25.4 + 16.8 billion: Eswin's 11 billion is part of the 25.4 billion aggregate, not added to it.
    assert head.totals.cny == Decimal("47200000000.00")
    assert (head.totals.records, head.totals.projects) == (3, 25)
    assert Decimal("6.8e9") < head.totals.usd < Decimal("6.9e9")
    assert head.previous is not None and head.previous.cny == Decimal("2000000000.00")
    assert head.year_before is not None and head.year_before.records == 1  # Siemens, EUR 100 million, 2019


def test_aggregate_lists_its_part_even_without_a_place(ledger: Ledger) -> None:
    chips = build_roundup(ledger, "CDHT", "2020-08", "en").items[1]
    assert chips.amount is not None and chips.amount.value == Decimal("25400000000")
    assert [c.investors for c in chips.children] == [("Eswin",)]


def test_corrections_name_the_conversion_and_date_errors(ledger: Ledger) -> None:
    text = render_markdown(build_roundup(ledger, "CDHT", "2020-08", "en"))
    corrections = text.split("## Corrections")[1].split("## Sources")[0]
    assert 'the source printed RMB 5 billion as "$7300 million" (US$7,300 million)' in corrections
    assert "at 6.92 CNY/USD on 2020-08-20 it is US$723 million — 10 times too high" in corrections
    assert "dated August 27 by its heading, but its text says August 31" in corrections


def test_every_citation_is_a_listed_source(ledger: Ledger) -> None:
    text = render_markdown(build_roundup(ledger, "CDHT", "2020-08", "en"))
    body, sources = text.split("## Sources")
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body)} == {int(n) for n in re.findall(r"^(\d+)\. ", sources, re.M)}
    assert "<https://example.org/zone/august-2020>" in sources


def test_chinese_roundup_uses_chinese_names_and_units(ledger: Ledger) -> None:
    text = render_markdown(build_roundup(ledger, "CDHT", "2020-07", "zh"))
    assert text.startswith("# 成都高新区投资项目月报（2020年7月）")
    assert "### 1. 7月10日 — 京东方 [1]" in text
    assert "20亿元（按2020年7月10日汇率7.00元/美元折合约2.86亿美元）" in text


def test_month_with_nothing_says_so(ledger: Ledger) -> None:
    roundup = build_roundup(ledger, "CDHT", "2021-03", "en")
    assert roundup.items == () and roundup.sources == ()
    assert "The ledger has no project in this zone for this month." in render_markdown(roundup)


def test_bad_month_and_language_are_refused(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        build_roundup(ledger, "CDHT", "August 2020", "en")
    with pytest.raises(ValueError, match="language"):
        build_roundup(ledger, "CDHT", "2020-08", "fr")


def test_same_roundup_on_sqlite_and_postgresql(ledger_url: str) -> None:
    """The roundup only reads through the query layer, so both backends give the same document."""
    ledger = small_ledger(ledger_url)
    try:
        text = render_markdown(build_roundup(ledger, "CDHT", "2020-08", "en"))
    finally:
        ledger.dispose()
    assert text == (GOLDEN / "ledger_2020-08_en.md").read_text(encoding="utf-8")
