"""date_mismatch under dateline headings, and future_date."""

from __future__ import annotations

import pytest

from zonewatch.model import Project
from zonewatch.verify.dates import check_dates, sections

from .helpers import Builder

ROUNDUP = (
    "Monthly digest of the zone\n"
    "\n"
    "Sep 3 | A library opens\n"
    "On September 3, the district library opened its doors.\n"
    "\n"
    "Sep 9 | Cloud lab signed\n"
    "Back in May 2019, the two sides first met. On September 9, 2021, they signed the lab agreement.\n"
    "\n"
    "Sep 12 | A ledger base for creative works\n"
    "On September 15, a publisher and a bureau agreed to build a ledger base for creative works.\n"
    "\n"
    "SEP 20 | Nine projects\n"
    "Recently, nine projects were signed in the park.\n"
)


@pytest.fixture
def b() -> Builder:
    return Builder(ROUNDUP, published="2021-09")


def test_sections_are_found() -> None:
    assert [(s.month, s.day) for s in sections(ROUNDUP)] == [(9, 3), (9, 9), (9, 12), (9, 20)]


def test_heading_contradicted_by_the_opening_date(b: Builder) -> None:
    ledger = Project(id="p3", evidence=(b.sentence("ledger base for creative works."),))
    findings = check_dates(b.extraction(ledger))
    assert [f.kind for f in findings] == ["date_mismatch"]
    assert findings[0].project == "p3"
    assert findings[0].span.slice(ROUNDUP).startswith("On September 15")
    assert "Sep 12" in findings[0].message


def test_heading_contradicted_by_the_project_date(b: Builder) -> None:
    text_start = ROUNDUP.index("On September 15")
    p = Project(
        id="p3",
        date=b.date("September 15", "2021-09-15", after=text_start),
        evidence=(b.sentence("ledger base for creative works."),),
    )
    (finding,) = check_dates(b.extraction(p))
    assert finding.span.slice(ROUNDUP) == "September 15"


def test_consistent_items_and_background_dates_pass(b: Builder) -> None:
    lab = Project(id="p2", date=b.date("September 9, 2021", "2021-09-09"), evidence=(b.sentence("Back in May 2019"),))
    nine = Project(id="p4", evidence=(b.sentence("Recently, nine projects"),))
    findings = [f for f in check_dates(b.extraction(lab, nine)) if f.project in {"p2", "p4"}]
    assert findings == []


def test_no_headings_no_date_mismatch() -> None:
    b = Builder("On March 3, Firm A signed a deal.\nOn March 5, Firm B signed another.\n", published="2021-03-10")
    assert check_dates(b.extraction(Project(id="p1", date=b.date("March 3", "2021-03-03")))) == []


@pytest.mark.parametrize(
    ("published", "raw", "iso", "fires"),
    [
        ("2021-03-10", "March 12", "2021-03-12", True),
        ("2021-03-10", "March 3", "2021-03-03", False),
        ("2021-03", "March 12", "2021-03-12", False),  # a month-precision publication: same month is not after
        ("2021-02", "March 12", "2021-03-12", True),
    ],
)
def test_future_date(published: str, raw: str, iso: str, fires: bool) -> None:
    b = Builder("On March 3 and March 12, firms signed.\n", published=published)
    findings = check_dates(b.extraction(Project(id="p1", date=b.date(raw, iso))))
    assert [f.kind for f in findings] == (["future_date"] if fires else [])


def test_a_planned_date_is_not_a_future_date() -> None:
    b = Builder("Construction will start on March 12.\nOn March 12 the firms signed.\n", published="2021-03-10")
    planned = Project(id="p1", date=b.date("March 12", "2021-03-12"))
    reported = Project(id="p2", date=b.date("March 12", "2021-03-12", after=b.doc.text.index("\n")))
    assert [f.project for f in check_dates(b.extraction(planned, reported))] == ["p2"]


def test_chinese_dateline_headings() -> None:
    text = "八月回顾\n8月27日丨共建知识产权基地\n8月31日，两家单位签署合作协议，共建基地。\n"
    b = Builder(text, published="2020-08", language="zh")
    (finding,) = check_dates(b.extraction())
    assert finding.span.slice(text) == "8月31日" and "'8月27日'" in finding.message
