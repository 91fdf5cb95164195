"""The dashboard's rollup (``stat_rollup``, kept by triggers) always equals the live query, on both databases."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from tests.ledger.factory import extraction, project, tencent_en, tencent_zh
from tests.ledger.stub import STUB
from tests.ledger.test_store import aggregate
from zonewatch.ledger.migrations import rollup_0003
from zonewatch.ledger.query import (
    STAT_KEYS,
    ProjectFilter,
    confirm,
    edit,
    ingest_documents,
    iter_projects,
    list_projects,
    live_stats,
    reextract,
    reject,
    stats,
    store_extraction,
    totals,
)
from zonewatch.model import Document

ROLLUP = "SELECT dim, bucket, " + ", ".join(rollup_0003.FIGURES) + " FROM stat_rollup"


def rollup_table(ledger) -> set[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """The rollup's rows that hold anything (a group emptied by deletes stays as a row of zeros)."""
    with ledger.engine.connect() as conn:
        rows = conn.execute(text(ROLLUP)).all()
    return {(r[0], r[1], *(Decimal(str(v)) for v in r[2:])) for r in rows if any(r[2:])}


def rebuilt_table(ledger) -> set[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """The rollup recomputed from scratch by the migration's back-fill, in a transaction rolled back after."""
    with ledger.engine.connect() as conn:
        trans = conn.begin()
        rollup_0003.rebuild(conn)
        rows = conn.execute(text(ROLLUP)).all()
        trans.rollback()
    return {(r[0], r[1], *(Decimal(str(v)) for v in r[2:])) for r in rows if any(r[2:])}


def check(ledger) -> None:  # type: ignore[no-untyped-def]
    """Every grouping read from the rollup equals the live query; the table equals a fresh back-fill."""
    for by in STAT_KEYS:
        assert stats(ledger, by) == live_stats(ledger, by), by
    live_total = live_stats(ledger, "total")
    assert [totals(ledger)] == (live_total if live_total else [totals(ledger)])
    assert rollup_table(ledger) == rebuilt_table(ledger)


def test_rollup_follows_every_kind_of_write(ledger) -> None:  # type: ignore[no-untyped-def]
    check(ledger)
    assert totals(ledger).records == 0 and stats(ledger, "month") == []

    # ingest: an aggregate and its two parts (out of totals), then the same project in two languages (a merge)
    store_extraction(ledger, aggregate())
    check(ledger)
    store_extraction(ledger, tencent_en())
    store_extraction(ledger, tencent_zh())
    check(ledger)
    assert totals(ledger).total_cny == Decimal("15000000000.00") and totals(ledger).projects == 10
    # the parts (Kelun, WuXi) are inside their aggregate: no record and no amount of their own in any group
    assert {r.key for r in stats(ledger, "investor")} == {"Tencent", "(unnamed)"}
    assert {r.key for r in stats(ledger, "sector")} == {"digital economy & culture", "(none)"}

    # the aggregate reported again in Chinese merges into the same record
    t = "九个项目在天府生物城签约，总投资100亿元。" + "x" * 3
    zh = project(t, amount=("100亿元", "10000000000", "CNY"), cny="10000000000", count=(9, "九个项目"),
                 place="天府生物城", date=("2020-08-06", "签约"), canonical={"天府生物城": "Tianfu Bio-Town"})  # fmt: skip
    assert store_extraction(ledger, extraction(t, zh, source="agg-zh.txt", lang="zh")).projects_merged
    check(ledger)

    # re-ingest of a changed document (a new version of the same source)
    changed = tencent_en()
    changed = extraction(changed.document.text + " More later.", *changed.projects, source="tencent-en.txt",
                         url="https://example.org/en/tencent")  # fmt: skip
    assert store_extraction(ledger, changed).status == "updated"
    check(ledger)

    # review: confirm, edits that move a project between groups or change what counts, reject
    rows = {(r.investors[0] if r.investors else "agg"): r for r in list_projects(ledger).rows}
    parent, kelun, tencent = rows["agg"].id, rows["Kelun"].id, rows["Tencent"].id
    confirm(ledger, kelun, who="ana")
    check(ledger)
    for field, value in (("date", "2021-01"), ("place", "Wuhan Optics Valley"), ("sectors", "finance, logistics"),
                         ("investors", "Tencent, NetEase"), ("amount", "1 billion USD"), ("stage", "started"),
                         ("count", "4")):  # fmt: skip
        edit(ledger, tencent, field, value, who="ana")
        check(ledger)
    edit(ledger, kelun, "parent", "", who="ana")  # detached: its amount now counts on its own
    check(ledger)
    reject(ledger, parent, who="bo")  # the remaining part's amount counts again
    check(ledger)
    reject(ledger, tencent, who="bo")
    check(ledger)
    confirm(ledger, parent, who="bo")  # un-rejecting puts it back
    check(ledger)
    assert totals(ledger).records >= 2

    # deletions: new versions of a source drop its aggregate (the part stays, now counted), then everything
    t = "Two projects worth RMB 4 billion were signed in Xi'an, including a RMB 1 billion plant by BYD."
    agg = project(t, "p1", amount=("RMB 4 billion", "4000000000", "CNY"), cny="4000000000", count=(2, "Two projects"),
                  place="Xi'an")  # fmt: skip
    part = project(t, "p2", investors=("BYD",), amount=("RMB 1 billion", "1000000000", "CNY"), cny="1000000000",
                   place="Xi'an", parent="p1", sectors=("new energy & vehicles",))  # fmt: skip
    url = "https://example.org/xian"
    store_extraction(ledger, extraction(t, agg, part, source="xian.txt", url=url))
    check(ledger)
    before = list_projects(ledger).total
    store_extraction(ledger, extraction(t + " Updated.", part, source="xian.txt", url=url))
    assert list_projects(ledger).total == before - 1
    check(ledger)
    store_extraction(ledger, extraction("The signing was postponed.", source="xian.txt", url=url))
    assert list_projects(ledger).total == before - 2
    check(ledger)


def test_rollup_follows_ingest_and_reextract(ledger) -> None:  # type: ignore[no-untyped-def]
    docs = [
        Document(
            f"Investor{i % 3} invests RMB {i + 1} billion in Park{i % 2} on 2020-0{i % 3 + 1}-1{i}.", source=f"{i}"
        )
        for i in range(6)
    ]
    ingest_documents(ledger, iter(docs), lang="en", components=STUB)
    check(ledger)
    assert len(stats(ledger, "month")) == 3 and {r.key for r in stats(ledger, "place")} == {"Park0", "Park1"}
    from dataclasses import replace

    def undated(ex):  # type: ignore[no-untyped-def]
        out = STUB[0](ex)
        return replace(out, projects=tuple(replace(p, date=None, place=None) for p in out.projects))

    changed = reextract(ledger, components=[undated])
    assert changed.projects_updated == 6
    check(ledger)
    assert [r.key for r in stats(ledger, "month")] == ["unknown"]


def test_rollup_survives_direct_sql(ledger) -> None:  # type: ignore[no-untyped-def]
    """Triggers, not the Python writers, keep the rollup: plain SQL updates and deletes keep it right too."""
    store_extraction(ledger, aggregate())
    store_extraction(ledger, tencent_en())
    with ledger.engine.begin() as conn:
        conn.execute(text("UPDATE project_organisations SET role = 'host' WHERE role = 'investor'"))
        conn.execute(text("UPDATE project_sectors SET sector = 'finance'"))
    check(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(text("UPDATE projects SET amount_cny = amount_cny + 0.1234, month = NULL"))
    check(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM projects WHERE parent_id IS NULL"))
    check(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM projects"))
    check(ledger)
    assert rollup_table(ledger) == set()


def test_bulk_loaded_benchmark_ledger_has_a_correct_rollup(ledger) -> None:  # type: ignore[no-untyped-def]
    """The query benchmark's loader: through the triggers on SQLite, triggers off + back-fill on PostgreSQL."""
    from benchmarks.ledger_bench import bulk_load

    bulk_load(ledger, 0, 400)
    check(ledger)
    assert totals(ledger).records > 300 and len(stats(ledger, "investor")) > 5
    bulk_load(ledger, 400, 600)  # a second load on top: the rollup adds up, it is not rebuilt from a stale base
    check(ledger)
    assert totals(ledger).records > 450

    # the pages' counts (driven from the link tables when filtering by investor or sector) count what they list
    from benchmarks.ledger_bench import PLACES, SECTORS, _organisation_name

    for f in (ProjectFilter(investor=_organisation_name(1)), ProjectFilter(sector=SECTORS[3].upper()),
              ProjectFilter(investor=_organisation_name(1), sector=SECTORS[0], stage="signed"),
              ProjectFilter(place=PLACES[1].upper(), status="all")):  # fmt: skip
        listed = len(list(iter_projects(ledger, f)))
        assert listed > 0 and list_projects(ledger, f, count_cap=None).total == listed, f
        capped = list_projects(ledger, f, limit=2, count_cap=listed - 1)
        assert (capped.total, capped.total_capped) == (listed, True)
        assert (list_projects(ledger, f, count_cap=listed).total_capped, len(capped.rows)) == (False, 2)
