"""parts_exceed_total, subtotals_mismatch and headline_mismatch: each fires on a bad sum, silent within rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zonewatch.model import Project, Qualifier, Quantity
from zonewatch.verify.sums import check_headline, check_parts, check_subtotals

from .helpers import Builder

Q = Qualifier

PARTS = (
    "Park signs projects\n"
    "On May 6 the park signed projects worth 30亿元 in total, among them Alder 12亿元, Birch 10亿元 and Cedar 11亿元.\n"
)


def _parts(
    b: Builder, values: list[tuple[str, str, Qualifier]], total: str = "30亿元", tq: Qualifier = Q.EXACT
) -> tuple[Project, ...]:
    agg = Project(id="p1", amount=b.money(total, str(int(float(total[:-2]) * 10**8)), q=tq))
    kids = tuple(
        Project(
            id=f"p{i + 2}",
            investors=(b.mention(name),),
            amount=b.money(raw, str(int(float(raw[:-2]) * 10**8)), q=q),
            parent="p1",
        )
        for i, (name, raw, q) in enumerate(values)
    )
    return (agg, *kids)


def test_parts_exceed_total_fires() -> None:
    b = Builder(PARTS, published="2021-05-07", language="zh")
    ex = b.extraction(
        *_parts(b, [("Alder", "12亿元", Q.EXACT), ("Birch", "10亿元", Q.EXACT), ("Cedar", "11亿元", Q.EXACT)])
    )
    (finding,) = check_parts(ex)
    assert finding.kind == "parts_exceed_total" and finding.project == "p1"
    assert finding.details["parts_sum"] == 33e8


def test_parts_within_total_pass() -> None:
    text = PARTS.replace("30亿元", "35亿元")
    b = Builder(text, published="2021-05-07", language="zh")
    ex = b.extraction(
        *_parts(
            b,
            [("Alder", "12亿元", Q.EXACT), ("Birch", "10亿元", Q.EXACT), ("Cedar", "11亿元", Q.EXACT)],
            total="35亿元",
        )
    )
    assert check_parts(ex) == []


def test_open_ended_total_never_exceeded() -> None:
    b = Builder(PARTS, published="2021-05-07", language="zh")
    ex = b.extraction(
        *_parts(
            b, [("Alder", "12亿元", Q.EXACT), ("Birch", "10亿元", Q.EXACT), ("Cedar", "11亿元", Q.EXACT)], tq=Q.AT_LEAST
        )
    )
    assert check_parts(ex) == []


def test_at_least_parts_that_exactly_reach_an_exact_total() -> None:
    text = "Total 33亿元: Alder over 12亿元, Birch 10亿元, Cedar 11亿元.\n"
    b = Builder(text, published="2021-05-07", language="zh")
    ex = b.extraction(
        *_parts(
            b,
            [("Alder", "12亿元", Q.AT_LEAST), ("Birch", "10亿元", Q.EXACT), ("Cedar", "11亿元", Q.EXACT)],
            total="33亿元",
        )
    )
    (finding,) = check_parts(ex)
    assert "at least" in finding.message


def test_parts_in_another_currency_are_converted() -> None:
    text = "A fund of $1 billion, of which Alder RMB 5 billion and Birch RMB 1 billion; Cedar RMB 9 billion.\n"
    b = Builder(text, published="2020-08-20")
    agg = Project(id="p1", amount=b.money("$1 billion", "1000000000", "USD"))
    kids = (
        Project(id="p2", investors=(b.mention("Alder"),), amount=b.money("RMB 5 billion", "5000000000"), parent="p1"),
        Project(id="p3", investors=(b.mention("Birch"),), amount=b.money("RMB 1 billion", "1000000000"), parent="p1"),
    )
    assert check_parts(b.extraction(agg, *kids)) == []  # RMB 6 billion is about $0.87 billion
    bigger = Project(
        id="p4", investors=(b.mention("Cedar"),), amount=b.money("RMB 9 billion", "9000000000"), parent="p1"
    )
    # RMB 15 billion is about $2.17 billion: beyond even "$1 billion" rounded down from $1.5 billion
    assert [f.kind for f in check_parts(b.extraction(agg, *kids, bigger))] == ["parts_exceed_total"]


SUBTOTALS = "全省集中开工项目30个,总投资100亿元。其中甲市12个、41亿元,乙市10个、30亿元,丙市8个、30亿元;另有18个项目投资超5亿元。\n"


def _subtotals(b: Builder, total: str, parts: list[tuple[str, str, int]]) -> tuple[Project, ...]:
    agg = Project(id="p1", amount=b.money(total, str(int(total[:-2]) * 10**8)), count=b.count("30个", 30))
    kids = tuple(
        Project(id=f"p{i + 2}", amount=b.money(raw, str(int(raw[:-2]) * 10**8)), count=b.count(c, n), parent="p1")
        for i, (raw, c, n) in enumerate(parts)
    )
    return (agg, *kids)


def test_subtotals_mismatch_fires_beyond_rounding() -> None:
    b = Builder(SUBTOTALS, published="2017-03-21", language="zh")
    ex = b.extraction(*_subtotals(b, "100亿元", [("41亿元", "12个", 12), ("30亿元", "10个", 10), ("30亿元", "8个", 8)]))
    # 41 + 30 + 30 = 101 against 100: 1亿 is within the rounding of four figures stated in whole 亿
    assert check_subtotals(ex) == []
    text = SUBTOTALS.replace("41亿元", "46亿元")
    b = Builder(text, published="2017-03-21", language="zh")
    ex = b.extraction(*_subtotals(b, "100亿元", [("46亿元", "12个", 12), ("30亿元", "10个", 10), ("30亿元", "8个", 8)]))
    (finding,) = check_subtotals(ex)
    assert finding.kind == "subtotals_mismatch" and finding.details["subtotals_sum"] == 106e8


def test_subtotals_of_another_dimension_are_not_summed() -> None:
    # "18 projects over 5亿" is a size class, not part of the split by city: the counts tell them apart
    text = SUBTOTALS.replace("另有18个项目投资超5亿元", "另有18个项目投资70亿元")
    b = Builder(text, published="2017-03-21", language="zh")
    projects = _subtotals(b, "100亿元", [("41亿元", "12个", 12), ("30亿元", "10个", 10), ("30亿元", "8个", 8)])
    size = Project(id="p9", amount=b.money("70亿元", "7000000000"), count=b.count("18个", 18), parent="p1")
    assert check_subtotals(b.extraction(*projects, size)) == []


def test_subtotals_with_counts_that_do_not_split_are_not_judged() -> None:
    b = Builder(SUBTOTALS.replace("41亿元", "46亿元"), published="2017-03-21", language="zh")
    ex = b.extraction(*_subtotals(b, "100亿元", [("46亿元", "12个", 12), ("30亿元", "10个", 10)]))
    assert check_subtotals(ex) == []


@pytest.mark.parametrize(
    ("headline", "fires"),
    [
        ("12 projects worth 5.2 billion yuan signed", True),
        ("12 projects worth 4.8 billion yuan signed", False),
        ("Projects worth billions signed", False),
        ("Zone signs 4.8 billion yuan of projects", False),
    ],
)
def test_headline_mismatch(headline: str, fires: bool) -> None:
    text = f"{headline}\nOn June 2 the zone signed 12 projects with a total investment of 4.8 billion yuan.\n"
    b = Builder(text, published="2021-06-03")
    after = text.index("\n")
    agg = Project(
        id="p1",
        amount=b.money("4.8 billion yuan", "4800000000", after=after),
        count=b.count("12 projects", 12, after=after),
    )
    findings = check_headline(b.extraction(agg))
    assert [f.kind for f in findings] == (["headline_mismatch"] if fires else [])
    if fires:
        assert findings[0].span.slice(text) == "5.2 billion yuan"


def test_headline_equal_to_the_sum_of_the_body_passes() -> None:
    text = "Two deals worth 9 billion yuan\nFirm A will invest 5 billion yuan and Firm B 4 billion yuan.\n"
    b = Builder(text, published="2021-06-03")
    ex = b.extraction(
        Project(id="p1", amount=b.money("5 billion yuan", "5000000000")),
        Project(id="p2", amount=b.money("4 billion yuan", "4000000000")),
    )
    assert check_headline(ex) == []


def test_headline_after_page_furniture() -> None:
    text = "Home > News\nZone signs 12 projects worth 5.2 billion yuan\nOn June 2 the zone signed 12 projects with a total investment of 4.8 billion yuan.\n"
    b = Builder(text, published="2021-06-03")
    after = text.index("On June")
    agg = Project(
        id="p1",
        amount=b.money("4.8 billion yuan", "4800000000", after=after),
        count=b.count("12 projects", 12, after=after),
    )
    (finding,) = check_headline(b.extraction(agg))
    assert finding.span.slice(text) == "5.2 billion yuan" and finding.project == "p1"


@pytest.mark.parametrize(("part_jobs", "fires"), [("900 jobs", False), ("1,200 jobs", True), ("1,500 jobs", True)])
def test_one_part_credited_with_all_the_jobs(part_jobs: str, fires: bool) -> None:
    text = (
        "Four plants worth $800 million were approved, creating 1,200 jobs.\n"
        f"One of them, a $300 million glass plant, accounts for {part_jobs} by itself.\n"
    )
    b = Builder(text, published="2021-06-03")
    n = int(part_jobs.split()[0].replace(",", ""))
    agg = Project(
        id="p1",
        amount=b.money("$800 million", "800000000", "USD"),
        count=b.count("Four plants", 4),
        jobs=Quantity(Decimal(1200), "1,200 jobs", b.span("1,200 jobs")),
    )
    part = Project(
        id="p2",
        amount=b.money("$300 million", "300000000", "USD"),
        parent="p1",
        jobs=Quantity(Decimal(n), part_jobs, b.span(part_jobs, after=text.index("\n"))),
    )
    findings = [f for f in check_parts(b.extraction(agg, part)) if f.details.get("measure") == "jobs"]
    assert bool(findings) is fires
    if fires:
        assert findings[0].project == "p2" and "other 3" in findings[0].message


def test_parts_named_only_by_their_zone_are_not_parts() -> None:
    # an extractor that takes the zone's annual target for a part must not make the total look exceeded
    text = "南宁经开区19个项目开工,总投资52.6亿元。园区提出全年引进项目投资38.6亿元的目标。某集团工厂总投资14.4亿元。\n"
    b = Builder(text, published="2024-09-02", language="zh")
    agg = Project(id="p1", amount=b.money("52.6亿元", "5260000000"), count=b.count("19个项目", 19))
    target = Project(
        id="p2", investors=(b.mention("南宁经开区"),), amount=b.money("38.6亿元", "3860000000"), parent="p1"
    )
    plant = Project(id="p3", investors=(b.mention("某集团"),), amount=b.money("14.4亿元", "1440000000"), parent="p1")
    assert check_parts(b.extraction(agg, target, plant)) == []
