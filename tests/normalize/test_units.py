"""Areas to m² and job counts, from a project's own sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zonewatch.model import Document, Extraction, Money, Project, Qualifier, Span
from zonewatch.normalize.units import find_areas, find_jobs, measure

AREAS = [
    ("on a 95-acre plot: covering 95 acres", Decimal("384451.36"), "95 acres"),
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
