"""The query layer the CLI, the web and the roundup share: documents, findings, organisations, search, review."""

from __future__ import annotations

import inspect
from decimal import Decimal

import pytest

from tests.ledger.factory import TENCENT_ZH, extraction, project, tencent_en, tencent_zh
from tests.ledger.stub import STUB
from zonewatch.ledger.query import (
    COUNT_CAP,
    ProjectFilter,
    add_alias,
    confirm,
    edit,
    get_document,
    get_project,
    ingest_documents,
    iter_projects,
    list_documents,
    list_findings,
    list_organisations,
    list_projects,
    list_reviews,
    reextract,
    reject,
    stats,
    store_extraction,
    totals,
)
from zonewatch.ledger.review import ReviewError
from zonewatch.model import Document, Finding, Span


def test_documents_and_their_versions(ledger) -> None:  # type: ignore[no-untyped-def]
    store_extraction(ledger, tencent_en())
    changed = tencent_en()
    changed = extraction(
        changed.document.text + " More later.",
        *changed.projects,
        source="tencent-en.txt",
        url="https://example.org/en/tencent",
    )
    assert store_extraction(ledger, changed).status == "updated"
    page = list_documents(ledger)
    assert page.total == 1 and page.rows[0].version == 2 and page.rows[0].project_count == 1
    detail = get_document(ledger, page.rows[0].id)
    assert detail is not None and [v.version for v in detail.versions] == [1, 2]
    assert detail.text.endswith("More later.") and len(detail.project_ids) == 1
    assert list_documents(ledger, current_only=False).total == 2
    assert get_document(ledger, 999) is None and get_project(ledger, 999) is None
    # The project survived the new version with the same id, fed by the current version only.
    assert list_projects(ledger).rows[0].source_count == 1


def test_a_version_that_drops_a_project_removes_it(ledger) -> None:  # type: ignore[no-untyped-def]
    store_extraction(ledger, tencent_en())
    gone = extraction("Tencent denied the report.", source="tencent-en.txt", url="https://example.org/en/tencent")
    result = store_extraction(ledger, gone)
    assert result.status == "updated" and list_projects(ledger).total == 0


@pytest.mark.parametrize(
    ("query", "hits"),
    [
        ("腾讯", 1),
        ("高新区", 1),
        ("文化创意", 1),
        ("headquarters", 1),
        ("成都 Tencent", 1),
        ("腾", 1),  # one character: a prefix of the indexed bigrams
        ("上海", 0),
        ("co-operation", 0),
        ('"unbalanced', 0),
        ("", 1),
    ],
)
def test_full_text_search_chinese_included(ledger, query: str, hits: int) -> None:  # type: ignore[no-untyped-def]
    store_extraction(ledger, tencent_zh())
    store_extraction(ledger, tencent_en())
    assert list_projects(ledger, ProjectFilter(search=query)).total == hits
    if query.strip():
        assert list_documents(ledger, search="腾讯").total == 1


def test_findings_keep_their_span_and_quote(ledger) -> None:  # type: ignore[no-untyped-def]
    ex = tencent_zh()
    start = TENCENT_ZH.index("50亿元")
    finding = Finding(
        "conversion_mismatch",
        "50亿元 is not $7300 million",
        Span(start, start + len("50亿元")),
        "p1",
        {"expected": 722.7},
    )
    pid = store_extraction(
        ledger, extraction(TENCENT_ZH, *ex.projects, findings=(finding,), lang="zh", source="f.txt")
    ).projects_added[0]
    rows = list_findings(ledger, kind="conversion_mismatch").rows
    assert len(rows) == 1 and rows[0].quote == "50亿元" and rows[0].project_id == pid
    assert rows[0].details == {"expected": 722.7}
    detail = get_project(ledger, pid)
    assert detail is not None and [f.kind for f in detail.findings] == ["conversion_mismatch"]


def test_organisations_and_analyst_aliases(ledger) -> None:  # type: ignore[no-untyped-def]
    store_extraction(ledger, tencent_en())
    store_extraction(ledger, tencent_zh())
    orgs = {o.name: o for o in list_organisations(ledger).rows}
    assert orgs["Tencent"].projects == 1 and orgs["Tencent"].total_cny == Decimal("5000000000.00")
    assert "腾讯" in orgs["Tencent"].aliases
    add_alias(ledger, "Tencent", "Tencent Holdings", who="ana")
    t = "Tencent Holdings invests RMB 1 billion in Tianfu Software Park on 2021-03-01."
    store_extraction(
        ledger,
        extraction(
            t,
            project(
                t,
                investors=("Tencent Holdings",),
                amount=("RMB 1 billion", "1000000000", "CNY"),
                place="Tianfu Software Park",
            ),
            source="h.txt",
        ),
    )
    assert list_projects(ledger, ProjectFilter(investor="Tencent")).total == 2
    assert list_projects(ledger, ProjectFilter(investor="Tencent Holdings")).total == 2
    with pytest.raises(ReviewError):
        add_alias(ledger, "NetEase", "Tencent Holdings", who="ana")


def test_review_actions_and_status_filters(ledger) -> None:  # type: ignore[no-untyped-def]
    pid = store_extraction(ledger, tencent_en()).projects_added[0]
    assert confirm(ledger, 12345, who="ana") is None
    row = edit(ledger, pid, "investors", "Tencent, 腾讯音乐", who="ana")
    assert row is not None and row.investors == ("Tencent", "腾讯音乐") and "investors" in row.edited_fields
    with pytest.raises(ReviewError):
        edit(ledger, pid, "date", "last week", who="ana")
    rejected = reject(ledger, pid, who="bo")
    assert rejected is not None and rejected.status == "rejected"
    assert list_projects(ledger).total == 0 and totals(ledger).total_cny == 0
    assert list_projects(ledger, ProjectFilter(status="rejected")).total == 1
    log = list_reviews(ledger, pid).rows
    assert [(r.action, r.who, r.field) for r in log] == [("reject", "bo", "status"), ("edit", "ana", "investors")]
    assert log[1].old == '["Tencent"]'


def test_edited_date_reconverts_and_moves_month(ledger) -> None:  # type: ignore[no-untyped-def]
    pid = store_extraction(ledger, tencent_en()).projects_added[0]
    edit(ledger, pid, "date", "2021-01", who="ana")
    assert [r.key for r in stats(ledger, "month")] == ["2021-01"]
    row = edit(ledger, pid, "amount", "1 billion USD", who="ana")
    assert row is not None and row.amount_usd == Decimal("1000000000.00")
    assert row.amount_cny is not None and Decimal("6e9") < row.amount_cny < Decimal("7e9")


def test_paging_sorting_and_streaming(ledger) -> None:  # type: ignore[no-untyped-def]
    docs = [
        Document(f"Investor{i} invests RMB {i + 1} billion in Park{i} on 2020-08-{i + 1:02d}.", source=f"{i}")
        for i in range(7)
    ]
    summary = ingest_documents(ledger, iter(docs), lang="en", components=STUB)
    assert summary.documents_new == 7 and summary.projects_added == 7
    page = list_projects(ledger, sort="-amount_cny", limit=3, offset=3)
    assert page.total == 7 and [r.investors[0] for r in page.rows] == ["Investor3", "Investor2", "Investor1"]
    assert [r.date_text for r in list_projects(ledger, sort="date", limit=2).rows] == ["2020-08-01", "2020-08-02"]
    assert len(list(iter_projects(ledger, batch=2))) == 7
    capped = list_projects(ledger, sort="-amount_cny", limit=2, count_cap=3)
    assert (capped.total, capped.total_capped) == (4, True)
    assert [r.id for r in capped.rows] == [r.id for r in list_projects(ledger, sort="-amount_cny", limit=2).rows]
    exact = list_projects(ledger, limit=2, count_cap=7)
    assert (exact.total, exact.total_capped) == (7, False)
    assert list_projects(ledger, limit=2, offset=4, count_cap=3).total_capped is True  # counts to 7: 4 + 2 + 1
    # the documented contract (docs/web.md, the API's "total_capped"): pages count up to 1,000 ("1,000+")
    assert inspect.signature(list_projects).parameters["count_cap"].default == COUNT_CAP == 1_000
    with pytest.raises(Exception, match="cannot sort"):
        list_projects(ledger, sort="colour")
    by_place = stats(ledger, "place")
    assert by_place[0].key == "Park6" and by_place[0].total_cny == Decimal("7000000000.00")


def test_reextract_keeps_ids_and_reports_changes(ledger) -> None:  # type: ignore[no-untyped-def]
    doc = Document("Kelun invests RMB 3 billion in Tianfu Bio-Town on 2020-08-06.", source="k.txt")
    ingest_documents(ledger, [doc], lang="en", components=STUB)
    before = list_projects(ledger).rows[0].id
    same = reextract(ledger, components=STUB)
    assert same.documents_unchanged == 1 and same.projects_added == 0
    assert list_projects(ledger).rows[0].id == before
    # A "better" extractor now also finds the place differently: the project is updated, not replaced.
    from dataclasses import replace

    def renamed(ex):  # type: ignore[no-untyped-def]
        out = STUB[0](ex)
        return replace(out, projects=tuple(replace(p, date=None) for p in out.projects))

    changed = reextract(ledger, components=[renamed])
    assert changed.documents_updated == 1 and changed.projects_updated == 1 and changed.projects_added == 0
    assert list_projects(ledger).rows[0].id == before and list_projects(ledger).rows[0].date is None


def test_ingest_records_unreadable_inputs(ledger) -> None:  # type: ignore[no-untyped-def]
    from zonewatch.errors import InputError
    from zonewatch.ledger.query import list_errors

    summary = ingest_documents(ledger, [InputError("x.png", "is a PNG image, not text")], components=STUB)
    assert summary.failed and summary.errors == (("x.png", "x.png: is a PNG image, not text"),)
    assert list_errors(ledger).rows[0].source == "x.png"


@pytest.mark.parametrize("name", ["5Ù", "ÉCOLE Holdings", "测试企业甲"])
def test_alias_for_any_script(ledger, name: str) -> None:  # type: ignore[no-untyped-def]
    row = add_alias(ledger, name, f"{name} alias", who="ana")
    assert row.name == name and row.aliases == (f"{name} alias",)
