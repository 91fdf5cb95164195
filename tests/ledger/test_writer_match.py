"""The writer's matching shortcuts (``merge.may_be_same``, ``Ledger.sources``) never change which project matches."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.ledger.factory import extraction, project
from zonewatch.ledger.merge import Keys, Report, is_same, may_be_same
from zonewatch.ledger.models import ProjectSource
from zonewatch.ledger.query import store_extraction
from zonewatch.model import Stage

# Names that differ only in case (match_key folds them) and names that differ: the pre-filter must agree with
# is_same on both.
NAMES = st.sampled_from(["Tencent", "tencent", "TENCENT", "Alibaba", "Huawei"])
PLACES = st.sampled_from([None, "Chengdu Hi-Tech Zone", "chengdu hi-tech zone", "Tianfu New Area", ""])


@st.composite
def reports(draw: st.DrawFn) -> Report:
    amount = draw(st.sampled_from([None, Decimal("5000000000"), Decimal("5050000000"), Decimal("900000000")]))
    return Report(
        investors=tuple(draw(st.lists(NAMES, max_size=2))),
        place=draw(PLACES),
        amount=amount,
        currency=None if amount is None else draw(st.sampled_from(["CNY", "USD"])),
        amount_cny=amount,
        count=draw(st.sampled_from([None, 1, 3])),
        date=draw(st.sampled_from([None, dt.date(2020, 8, 20), dt.date(2020, 9, 1), dt.date(2023, 1, 1)])),
        stage=draw(st.sampled_from([None, "signed", "started"])),
        description=draw(st.sampled_from([None, "new headquarters", "New Headquarters", "a battery plant"])),
    )


@settings(max_examples=1500, deadline=None)
@given(reports(), reports())
def test_the_pre_filter_only_rules_out_what_is_same_rejects(a: Report, b: Report) -> None:
    if not may_be_same(Keys.of(a), Keys.of(b)):
        assert not is_same(a, b)


def test_the_pre_filter_lets_through_case_variants_of_names_and_places() -> None:
    a = Report(("Tencent",), "Chengdu Hi-Tech Zone", Decimal(5), "CNY", Decimal(5), None, None, None, None)
    b = Report(("TENCENT",), "chengdu hi-tech zone", Decimal(5), "CNY", Decimal(5), None, None, None, None)
    assert is_same(a, b) and may_be_same(Keys.of(a), Keys.of(b))


def _signing(text: str, place: str, value: str, published: str, url: str):  # type: ignore[no-untyped-def]
    p = project(
        text,
        investors=("Tencent",),
        amount=(value, value, "CNY"),
        cny=value,
        date=("2020-08-20", "August 20"),
        stage=(Stage.SIGNED, "signed"),
        place=place,
    )
    return extraction(text, p, url=url, published=published)


def test_an_older_candidate_still_matches_behind_newer_ones_the_filter_skips(ledger) -> None:  # type: ignore[no-untyped-def]
    """The matching project is the oldest of the investor's projects: every newer one is skipped (other place)."""
    target = store_extraction(
        ledger, _signing("Tencent signed 5000 in Chengdu on August 20.", "Chengdu", "5000", "2020-08-21", "u:0")
    ).projects_added[0]
    for i in range(1, 25):  # more than one group of 20 candidates
        text = f"Tencent signed 5000 in Place{i} on August 20 (report {i})."
        store_extraction(ledger, _signing(text, f"Place{i}", "5000", "2020-08-21", f"u:{i}"))
    again = store_extraction(
        ledger, _signing("Tencent signed 5000 in CHENGDU on August 20, again.", "CHENGDU", "5000", "2020-08-22", "u:x")
    )
    assert again.projects_merged == (target,) and not again.projects_added


def test_a_source_kept_in_memory_is_not_used_once_its_row_is_replaced(ledger) -> None:  # type: ignore[no-untyped-def]
    """On SQLite a deleted row's id is given again to the next row when it was the largest: the writer's memory of
    the old row (Chengdu) must not answer for the new one (Mianyang)."""
    a = store_extraction(
        ledger, _signing("Tencent signed 5000 in Chengdu on August 20.", "Chengdu", "5000", "2020-08-21", "u:a")
    )
    # B matches A's project, so the writer reads (and keeps) A's source.
    b = store_extraction(
        ledger, _signing("Tencent signed 5000 in Chengdu, August 20.", "Chengdu", "5000", "2020-08-22", "u:b")
    )
    assert b.projects_merged == a.projects_added
    with ledger.read() as s:
        (a_source,) = s.scalars(select(ProjectSource.id).where(ProjectSource.document_id == a.document_id))
    assert a_source in ledger.sources
    # B's new version reports nothing; A's new version moves the project to Mianyang: its new source row is
    # written once A's old one is gone, and on SQLite takes the same id.
    store_extraction(ledger, extraction("Nothing to report today.", url="u:b"))
    store_extraction(
        ledger, _signing("Tencent signed 5000 in Mianyang on August 20.", "Mianyang", "5000", "2020-08-21", "u:a")
    )
    chengdu = store_extraction(
        ledger, _signing("Tencent signed 5000 in Chengdu on August 20 too.", "Chengdu", "5000", "2020-08-23", "u:c")
    )
    assert chengdu.projects_added and not chengdu.projects_merged
    mianyang = store_extraction(
        ledger, _signing("Tencent signed 5000 in Mianyang, August 20.", "Mianyang", "5000", "2020-08-23", "u:d")
    )
    assert mianyang.projects_merged and not mianyang.projects_added
