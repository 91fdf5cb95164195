"""Areas to m² and job counts, from a project's own sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zonewatch.model import Document, Extraction, Money, Project, Qualifier, Span
from zonewatch.normalize.units import find_areas, find_jobs, measure

AREAS = [
    ("on a 95-acre plot: covering 95 acres", Decimal("384451.36"), "95-acre"),
    ("a site of 12 hectares", Decimal(120000), "12 hectares"),
    ("about 110,000 square meters of floors", Decimal(110000), "110,000 square meters"),
    ("a 75,000 m2 factory", Decimal(75000), "75,000 m2"),
    ("10,000 m² of workshops", Decimal(10000), "10,000 m²"),
    ("one million square metres of space", Decimal(1000000), "one million square metres"),
    ("a 3.5 sq km zone", Decimal(3500000), "3.5 sq km"),
    ("50,000 sq ft of offices", Decimal("4645.15"), "50,000 sq ft"),
    ("项目占地200亩", Decimal("133333.33"), "200亩"),
    ("建筑面积12万平方米", Decimal(120000), "12万平方米"),
    ("规划面积3.5平方公里", Decimal(3500000), "3.5平方公里"),
    ("用地面积８０００平方米", Decimal(8000), "８０００平方米"),
]


@pytest.mark.parametrize(("text", "m2", "raw"), AREAS)
def test_areas(text: str, m2: Decimal, raw: str) -> None:
    found = find_areas(text)
    assert found, text
    assert found[0].value == m2 and found[0].raw == raw and found[0].unit == "m2"
    assert text[found[0].span.start : found[0].span.end] == raw


@pytest.mark.parametrize("text", ["RMB 5 billion", "5 projects in 2 cities", "Phase 2 of the mall", "总投资50亿元"])
def test_no_area(text: str) -> None:
    assert find_areas(text) == []


JOBS = [
    ("The plant will create 500 jobs.", 500, "500 jobs"),
    ("It will employ 1,020 new workers by 2024.", 1020, "1,020 new workers"),
    ("creating over 1,000 job opportunities", 1000, "over 1,000 job opportunities"),
    ("expected to hire 370 workers", 370, "370 workers"),
    ("2,500 new jobs will follow", 2500, "2,500 new jobs"),
    ("The expansion adds 120 full-time jobs.", 120, "120 full-time jobs"),
    ("bringing 300 new high-paying manufacturing positions", 300, "300 new high-paying manufacturing positions"),
    ("It will hire about 85 full time employees", 85, "about 85 full time employees"),
    ("项目建成后带动就业500人", 500, "500人"),
    ("新增就业岗位2000个", 2000, "2000个"),
    ("可提供3000余个就业岗位", 3000, "3000余个就业岗位"),
    ("预计可带动就业约1.2万人", 12000, "1.2万人"),
]


@pytest.mark.parametrize(("text", "n", "raw"), JOBS)
def test_jobs(text: str, n: int, raw: str) -> None:
    (found,) = find_jobs(text)
    assert found.value == n and found.raw == raw
    assert text[found.span.start : found.span.end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "The company has 370 workers in Serbia.",  # existing staff, no verb of creating
        "5 projects worth RMB 2 billion",
        "营业收入500亿元",
        "10万人次游客",
        "The county has 120 full-time firefighters.",  # no job noun, no verb of creating
    ],
)
def test_no_jobs(text: str) -> None:
    assert find_jobs(text) == []


def test_measure_prefers_land_area_and_stays_in_the_projects_paragraph() -> None:
    text = (
        "Firm A will invest RMB 2 billion in a plant. The site has a building area of 20,000 square meters, "
        "covering 30 acres, and will create 800 jobs.\n"
        "Firm B will invest RMB 1 billion on 10 hectares.\n"
    )
    a_amt, b_amt = text.index("RMB 2 billion"), text.index("RMB 1 billion")
    a = Project(
        id="p1",
        amount=Money(Decimal("2e9"), "CNY", Qualifier.EXACT, "RMB 2 billion", Span(a_amt, a_amt + 13)),
        evidence=(Span(0, text.index(" The site")),),
    )
    b = Project(
        id="p2",
        amount=Money(Decimal("1e9"), "CNY", Qualifier.EXACT, "RMB 1 billion", Span(b_amt, b_amt + 13)),
        evidence=(Span(text.index("Firm B"), len(text) - 1),),
    )
    out = measure(Extraction(document=Document(text=text), projects=(a, b))).projects
    assert out[0].area is not None and out[0].area.raw == "30 acres"
    assert out[0].jobs is not None and out[0].jobs.value == 800
    assert out[1].area is not None and out[1].area.value == 100000
    assert out[1].jobs is None


def test_two_projects_in_one_sentence_each_get_their_own_jobs() -> None:
    text = "Firm Z will create 589 new jobs in Town A and invest 238 million euros, while its plant in Town B will employ 370 workers and invest 6.7 million euros.\n"
    first, second = text.index("238 million euros"), text.index("6.7 million euros")
    whole = (Span(0, len(text) - 1),)
    a = Project(
        id="p1",
        amount=Money(Decimal("238e6"), "EUR", Qualifier.EXACT, "238 million euros", Span(first, first + 17)),
        evidence=whole,
    )
    b = Project(
        id="p2",
        amount=Money(Decimal("6.7e6"), "EUR", Qualifier.EXACT, "6.7 million euros", Span(second, second + 17)),
        evidence=whole,
    )
    out = measure(Extraction(document=Document(text=text), projects=(a, b))).projects
    assert [p.jobs.value if p.jobs else None for p in out] == [589, 370]


def test_job_words_are_found_as_case_insensitively_as_the_patterns_match() -> None:
    """The job patterns are skipped for a chunk whose folded text has none of their words: every character
    re.I lets a job word's character match must fold to that character, or a job would be missed."""
    import re
    import sys

    from zonewatch.normalize.units import _data, folded

    jobs = _data()["jobs"]
    cased = [chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).lower() != chr(cp) or chr(cp).upper() != chr(cp)]
    for ch in set("".join(jobs["nouns"] + jobs["verbs"] + jobs["people"])):
        pattern = re.compile(re.escape(ch), re.I)
        assert all(folded(c) == folded(ch) for c in [ch, *cased] if pattern.fullmatch(c)), ch
    assert all(folded(w) == w for w in jobs["zh_after"])
    # "İ" and "ſ" match "i" and "s" under re.I: the jobs are still found
    found = find_jobs("The plant will offer 300 POSİTİONS and employ 40 ſtaff.")
    assert [(int(j.value), j.raw) for j in found] == [(300, "300 POSİTİONS"), (40, "40 ſtaff")]


def _two_projects(text: str, first: str, second: str) -> tuple[Project, Project]:
    whole = (Span(0, len(text) - 1),)
    projects = []
    for pid, amount in (("p1", first), ("p2", second)):
        at = text.index(amount)
        money = Money(Decimal(1), "CNY", Qualifier.EXACT, amount, Span(at, at + len(amount)))
        projects.append(Project(id=pid, amount=money, evidence=whole))
    return projects[0], projects[1]


@pytest.mark.parametrize(
    ("text", "first", "second", "jobs"),
    [
        # the figure closes its own project's clause; the next project's amount is nearer but past a ；/;
        (
            "甲公司投资20亿元建设晶圆厂，可提供就业岗位1500个；乙公司投资8亿元建设研发中心，可提供就业岗位300个。\n",
            "20亿元",
            "8亿元",
            [1500, 300],
        ),
        (
            "Firm A will invest $20 million and hire 150 workers; Firm B will invest $8 million.\n",
            "$20 million",
            "$8 million",
            [150, None],
        ),
        # two amounts in the figure's clause: the nearer one takes it, as before
        (
            "Firm A will invest $20 million and Firm B $8 million, creating 90 jobs.\n",
            "$20 million",
            "$8 million",
            [None, 90],
        ),
    ],
)
def test_a_figure_belongs_to_the_project_whose_clause_it_is_in(
    text: str, first: str, second: str, jobs: list[int | None]
) -> None:
    out = measure(Extraction(document=Document(text=text), projects=_two_projects(text, first, second))).projects
    assert [p.jobs.value if p.jobs else None for p in out] == jobs


# ---------------------------------------------------------------- forms found by the extraction engineers

# hyphenated area adjectives, and a round 千亩/万亩 with no number (whole m²: the figure is approximate)
MORE_AREAS = [
    ("The plant, on a 25-hectare site, opens in 2028.", Decimal(250000), "25-hectare"),
    ("the 300-acre campus in Pike County", Decimal("1214056.93"), "300-acre"),
    ("a 1.5-million-square-foot plant", Decimal("139354.56"), "1.5-million-square-foot"),
    ("a 120,000-square-metre factory", Decimal(120000), "120,000-square-metre"),
    ("a 2-ha plot", Decimal(20000), "2-ha"),
    ("a warehouse of 1.5 lakh sq ft", Decimal("13935.46"), "1.5 lakh sq ft"),
    ("项目总投资8亿元,占地千亩。", Decimal(666667), "千亩"),
    ("项目占地近千亩", Decimal(666667), "千亩"),
    ("规划面积约万亩", Decimal(6666667), "万亩"),
    ("项目占地面积上千亩", Decimal(666667), "千亩"),
]


@pytest.mark.parametrize(("text", "m2", "raw"), MORE_AREAS)
def test_more_areas(text: str, m2: Decimal, raw: str) -> None:
    (found,) = find_areas(text)  # one area each: "25-hectare" is not also read as another figure
    assert found.value == m2 and found.raw == raw
    assert text[found.span.start : found.span.end] == raw


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("10-12 hectares", ["12 hectares"]),  # a range's low end is no area
        ("千亩良田", []),  # no land word before it
        ("项目占地数千亩", []),  # "several thousand": no figure
        ("带动周边万亩果园", []),
        ("占地约1.2千亩", ["1.2千亩"]),  # a number in front: read as before, once
        ("2 lakh tonnes of steel a year", []),
        ("COVID-19 halted the works", []),
    ],
)
def test_area_near_misses(text: str, raws: list[str]) -> None:
    assert [q.raw for q in find_areas(text)] == raws


MORE_JOBS = [
    ("The proposals will create 1.2 lakh jobs.", 120000, "1.2 lakh jobs"),
    ("The park will provide employment to over 2 lakh people.", 200000, "over 2 lakh people"),
    ("It will generate 1 lakh direct and indirect jobs.", 100000, "1 lakh direct and indirect jobs"),
    ("The scheme aims at 1.5 crore jobs.", 15000000, "1.5 crore jobs"),
    ("The campus will bring 900 high-value jobs.", 900, "900 high-value jobs"),
    ("The plant adds 1,200 new full-time jobs.", 1200, "1,200 new full-time jobs"),
    ("It will hire about 500 skilled jobs.", 500, "about 500 skilled jobs"),
    ("creating 250 new, high-wage jobs", 250, "250 new, high-wage jobs"),
]


@pytest.mark.parametrize(("text", "n", "raw"), MORE_JOBS)
def test_more_jobs(text: str, n: int, raw: str) -> None:
    (found,) = find_jobs(text)
    assert found.value == n and found.raw == raw
    assert text[found.span.start : found.span.end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "The mill makes 2 lakh tonnes of steel a year.",  # lakh, but no job noun
        "Rs 1.35 lakh crore of proposals were cleared.",
        "The 2024 jobs report showed slower hiring.",  # a noun's modifier, not a count
        "Economists read the 250,000 jobs figures for October.",
        "The district hosted 300 jobs fair visitors.",
        "The state has 2 lakh people in its capital.",  # people without a verb of creating
    ],
)
def test_no_more_jobs(text: str) -> None:
    assert find_jobs(text) == []


def test_a_hyphenated_site_is_the_land_area() -> None:
    text = "Firm A will invest RMB 2 billion in a 1.5-million-square-foot plant on a 95-acre site.\n"
    at = text.index("RMB 2 billion")
    p = Project(
        id="p1",
        amount=Money(Decimal("2e9"), "CNY", Qualifier.EXACT, "RMB 2 billion", Span(at, at + 13)),
        evidence=(Span(0, len(text) - 1),),
    )
    (out,) = measure(Extraction(document=Document(text=text), projects=(p,))).projects
    assert out.area is not None and out.area.raw == "95-acre"
