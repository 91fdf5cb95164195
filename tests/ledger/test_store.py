"""Storing extractions: idempotency, versions, merging across languages, stage history, totals."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from tests.ledger.factory import TENCENT_EN, extraction, project, tencent_en, tencent_zh
from zonewatch.ledger.models import DocumentRow, ProjectRecord
from zonewatch.ledger.query import (
    ProjectFilter,
    get_project,
    list_findings,
    list_projects,
    stats,
    store_extraction,
    totals,
)
from zonewatch.model import Stage


def count(ledger, model) -> int:  # type: ignore[no-untyped-def]
    with ledger.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_same_text_twice_is_unchanged(ledger) -> None:  # type: ignore[no-untyped-def]
    first = store_extraction(ledger, tencent_en())
    second = store_extraction(ledger, tencent_en())
    assert (first.status, second.status) == ("new", "unchanged")
    assert second.document_id == first.document_id
    assert count(ledger, DocumentRow) == 1 and count(ledger, ProjectRecord) == 1


def test_english_and_chinese_reports_merge_into_one_project(ledger) -> None:  # type: ignore[no-untyped-def]
    a = store_extraction(ledger, tencent_en())
    b = store_extraction(ledger, tencent_zh())
    assert b.projects_merged == a.projects_added and not b.projects_added
    page = list_projects(ledger)
    assert page.total == 1
    row = page.rows[0]
    assert row.investors == ("Tencent",) and row.place == "Chengdu Hi-Tech Zone"
    assert row.amount_usd == Decimal("722700000") and row.source_count == 2
    assert {s.url for s in row.sources} == {"https://example.org/en/tencent", "https://example.org/zh/tencent"}


def test_project_detail_has_spans_into_each_source(ledger) -> None:  # type: ignore[no-untyped-def]
    pid = store_extraction(ledger, tencent_en()).projects_added[0]
    store_extraction(ledger, tencent_zh())
    detail = get_project(ledger, pid)
    assert detail is not None and len(detail.sources) == 2
    for src in detail.sources:
        for spans in src.spans.values():
            for span in spans:
                if span.text:
                    assert src.text[span.start : span.end] == span.text
    quoted = {src.spans["amount"][0].text for src in detail.sources}
    assert quoted == {"RMB 5 billion", "50亿元"}


def test_conflicting_amounts_raise_sources_disagree(ledger) -> None:  # type: ignore[no-untyped-def]
    store_extraction(ledger, tencent_en())
    t = "Tencent will put RMB 6 billion into its cultural and creative headquarters in Chengdu Hi-Tech Zone."
    other = extraction(
        t,
        project(
            t,
            investors=("Tencent",),
            amount=("RMB 6 billion", "6000000000", "CNY"),
            cny="6000000000",
            place="Chengdu Hi-Tech Zone",
            desc="cultural and creative headquarters",
        ),
        source="x.txt",
        published="2020-09-02",
    )
    result = store_extraction(ledger, other)
    assert result.projects_merged and not result.projects_added
    findings = list_findings(ledger, kind="sources_disagree").rows
    assert len(findings) == 1 and "RMB 5 billion" in findings[0].message and "RMB 6 billion" in findings[0].message
    # The rule: equally specific amounts -> the most recent source wins.
    assert list_projects(ledger).rows[0].amount == Decimal("6000000000")


def test_different_investor_is_a_different_project(ledger) -> None:  # type: ignore[no-untyped-def]
    store_extraction(ledger, tencent_en())
    t = TENCENT_EN.replace("Tencent", "NetEase")
    p = project(
        t,
        investors=("NetEase",),
        amount=("RMB 5 billion", "5000000000", "CNY"),
        cny="5000000000",
        place="Chengdu Hi-Tech Zone",
        date=("2020-08-20", "August 20"),
    )
    assert store_extraction(ledger, extraction(t, p, source="n.txt")).projects_added
    assert list_projects(ledger).total == 2


def test_later_start_adds_to_stage_history(ledger) -> None:  # type: ignore[no-untyped-def]
    pid = store_extraction(ledger, tencent_en()).projects_added[0]
    t = "Construction of Tencent's new cultural and creative headquarters started on December 1 in Chengdu Hi-Tech Zone."
    later = extraction(
        t,
        project(
            t,
            investors=("Tencent",),
            date=("2020-12-01", "December 1"),
            stage=(Stage.STARTED, "started"),
            place="Chengdu Hi-Tech Zone",
            desc="new cultural and creative headquarters",
        ),
        source="s.txt",
        published="2020-12-02",
    )
    result = store_extraction(ledger, later)
    assert result.projects_merged == (pid,)
    detail = get_project(ledger, pid)
    assert detail is not None
    assert [(h.stage, h.date.isoformat() if h.date else None) for h in detail.stage_history] == [
        ("signed", "2020-08-20"),
        ("started", "2020-12-01"),
    ]
    assert detail.project.stage == "started" and detail.project.date_text == "2020-08-20"


def aggregate_text() -> str:
    return (
        "Nine projects worth RMB 10 billion were signed at Tianfu Bio-Town on August 6, including "
        "a RMB 3 billion drug plant by Kelun and a RMB 2 billion lab by WuXi."
    )


def aggregate(published: str = "2020-08-31"):  # type: ignore[no-untyped-def]
    t = aggregate_text()
    parent = project(
        t,
        "p1",
        amount=("RMB 10 billion", "10000000000", "CNY"),
        cny="10000000000",
        usd="1445000000",
        count=(9, "Nine projects"),
        place="Tianfu Bio-Town",
        date=("2020-08-06", "August 6"),
    )
    a = project(
        t,
        "p2",
        investors=("Kelun",),
        amount=("RMB 3 billion", "3000000000", "CNY"),
        cny="3000000000",
        usd="433500000",
        place="Tianfu Bio-Town",
        parent="p1",
        date=("2020-08-06", "August 6"),
        sectors=("biomedicine & health",),
    )
    b = project(
        t,
        "p3",
        investors=("WuXi",),
        amount=("RMB 2 billion", "2000000000", "CNY"),
        cny="2000000000",
        usd="289000000",
        place="Tianfu Bio-Town",
        parent="p1",
        date=("2020-08-06", "August 6"),
        sectors=("biomedicine & health",),
    )
    return extraction(t, parent, a, b, source="agg.txt", published=published)


def test_totals_do_not_double_count_sub_projects(ledger) -> None:  # type: ignore[no-untyped-def]
    store_extraction(ledger, aggregate())
    store_extraction(ledger, tencent_en())
    rows = list_projects(ledger).rows
    assert len(rows) == 4
    children = [r for r in rows if r.parent_id is not None]
    assert len(children) == 2 and not any(r.in_totals for r in children)
    total = totals(ledger)
    assert total.total_cny == Decimal("15000000000.00")
    assert total.projects == 10  # the aggregate counts as its 9, plus Tencent
    by_month = stats(ledger, "month")
    assert [r.key for r in by_month] == ["2020-08"]
    assert sum(r.total_cny for r in by_month) == total.total_cny
    top = list_projects(ledger, ProjectFilter(top_level_only=True)).rows
    assert sum(r.amount_cny or 0 for r in top) == total.total_cny


def test_aggregate_reported_twice_merges(ledger) -> None:  # type: ignore[no-untyped-def]
    store_extraction(ledger, aggregate())
    t = "九个项目在天府生物城签约，总投资100亿元。" + "x" * 3
    p = project(
        t,
        amount=("100亿元", "10000000000", "CNY"),
        cny="10000000000",
        count=(9, "九个项目"),
        place="天府生物城",
        date=("2020-08-06", "签约"),
        canonical={"天府生物城": "Tianfu Bio-Town"},
    )
    result = store_extraction(ledger, extraction(t, p, source="agg-zh.txt", lang="zh"))
    assert result.projects_merged and not result.projects_added
    assert totals(ledger).total_cny == Decimal("10000000000.00")
