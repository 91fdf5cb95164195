"""Dates: absolute forms, datelines, weekday-relative and vague dates, year resolution and roll-back."""

from __future__ import annotations

import datetime as dt

import pytest

from zonewatch.extract.en.dates import Anchor, find_dates, make_anchor
from zonewatch.model import DateValue, Precision

FRI_2022_02_18 = Anchor(dt.date(2022, 2, 18), Precision.DAY, 2022)
AUG_2020 = Anchor(dt.date(2020, 8, 1), Precision.MONTH, 2020)
NO_PUBLICATION = Anchor(None, None, 2020)


def _first(text: str, anchor: Anchor) -> str | None:
    found = [d for d in find_dates(text, anchor) if d.value is not None]
    return found[0].value.iso() if found and found[0].value else None


@pytest.mark.parametrize(
    ("text", "anchor", "iso"),
    [
        # forms seen in roundups and wire copy
        ("On August 20, Tencent signed", AUG_2020, "2020-08-20"),
        ("Aug 20 | Tencent to build", AUG_2020, "2020-08-20"),
        ("AUG 28 | 9 projects signed", AUG_2020, "2020-08-28"),
        ("On August 6, 2020, both parties signed", FRI_2022_02_18, "2020-08-06"),
        ("held on Sept 24.", NO_PUBLICATION, "2020-09-24"),
        ("Time:2022.07.07", NO_PUBLICATION, "2022-07-07"),
        ("Updated: 2022-02-18 09:02", NO_PUBLICATION, "2022-02-18"),
        ("(Pakistan Point News - 6th Apr, 2023 )", NO_PUBLICATION, "2023-04-06"),
        ("Belgrade, 10 May 2023 - ", NO_PUBLICATION, "2023-05-10"),
        ("announced in December 2019 that", NO_PUBLICATION, "2019-12"),
        # relative to the publication day
        ("kicked off construction Thursday", FRI_2022_02_18, "2022-02-17"),
        ("At a ceremony on Wednesday,", FRI_2022_02_18, "2022-02-16"),
        ("signed on Friday", FRI_2022_02_18, "2022-02-18"),
        ("signed last Friday", FRI_2022_02_18, "2022-02-11"),
        ("the deal signed yesterday", FRI_2022_02_18, "2022-02-17"),
        ("Recently, projects were signed", FRI_2022_02_18, "2022-02"),
        ("The deal was signed last month", FRI_2022_02_18, "2022-01"),
        ("Last month, the zone signed", AUG_2020, "2020-07"),
        # never after the publication: a December date in a February article is last year's
        ("On December 30, the zone signed", FRI_2022_02_18, "2021-12-30"),
        ("On September 2, the zone signed", AUG_2020, "2019-09-02"),
    ],
)
def test_dates_resolve_against_the_publication(text: str, anchor: Anchor, iso: str) -> None:
    assert _first(text, anchor) == iso


def test_weekdays_need_a_publication_day() -> None:
    assert _first("signed on Thursday", AUG_2020) is None
    assert _first("signed on Thursday", NO_PUBLICATION) is None
    assert _first("signed last month", NO_PUBLICATION) is None  # and "last month" a publication month


@pytest.mark.parametrize("text", ["She may sign it", "in May", "the 5G march", "version 2022.1"])
def test_words_that_only_look_like_dates(text: str) -> None:
    assert _first(text, FRI_2022_02_18) is None


def test_spans_slice_back_to_the_raw_text() -> None:
    text = "On August 20, Tencent signed; on Thursday NetEase did; Updated: 2022-02-18."
    for d in find_dates(text, FRI_2022_02_18):
        assert text[d.span.start : d.span.end] == d.raw


def test_page_dates_are_marked_as_the_page_s_own() -> None:
    kinds = [d.kind for d in find_dates("Updated: 2022-02-18 09:02\nOn Thursday, 245 projects", FRI_2022_02_18)]
    assert kinds == ["meta", "weekday"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Updated: 2022-02-18 09:02\nShenzhen kicked off", None, (dt.date(2022, 2, 18), Precision.DAY)),
        ("ISLAMABAD, Apr 6 (News - 6th Apr, 2023 ) : In the first", None, (dt.date(2023, 4, 6), Precision.DAY)),
        ("The 2020 Promotion Conference was held on Sept 24.", None, (None, None)),
        (
            "anything",
            DateValue(dt.date(2020, 8, 1), Precision.MONTH, "2020-08"),
            (dt.date(2020, 8, 1), Precision.MONTH),
        ),
    ],
)
def test_the_anchor_comes_from_the_flag_else_the_page(text: str, published: DateValue | None, expected: tuple) -> None:
    a = make_anchor(text, published)
    assert (a.published, a.precision) == expected


def test_without_publication_the_latest_year_in_the_text_is_assumed() -> None:
    assert make_anchor("The 2019 forum and the 2020 Promotion Conference", None).year == 2020


def test_a_target_year_is_not_the_year_of_the_text() -> None:
    text = "GDP grew in the first half of 2023 and is expected to double by 2025, or until 2030 at the latest."
    assert make_anchor(text, None).year == 2023


@pytest.mark.parametrize(
    ("text", "anchor", "iso"),
    [
        ("In the first quarter of this year, Chongqing inked 70 projects", FRI_2022_02_18, "2022-01"),
        ("the fourth quarter of last year", FRI_2022_02_18, "2021-10"),
        ("in the final quarter of 2021", FRI_2022_02_18, "2021-10"),
        ("orders in the 3rd quarter, 2019", NO_PUBLICATION, "2019-07"),
        ("In the second half of 2022, the zone signed", FRI_2022_02_18, "2022-07"),
        ("in the first half of the year", AUG_2020, "2020-01"),
        ("deals signed in Q1 2023", NO_PUBLICATION, "2023-01"),
        ("in Q3 of 2021", FRI_2022_02_18, "2021-07"),
        ("H2 2022 orders", FRI_2022_02_18, "2022-07"),
        # without a year: the quarter under way at the publication, never a later one (that is a plan)
        ("in the first quarter", FRI_2022_02_18, "2022-01"),
        ("to start in the third quarter", FRI_2022_02_18, None),
        ("in the first quarter", NO_PUBLICATION, None),
    ],
)
def test_quarters_and_halves_are_their_first_month(text: str, anchor: Anchor, iso: str | None) -> None:
    assert _first(text, anchor) == iso


@pytest.mark.parametrize(
    "text",
    [
        "the first half of March",  # a part of a month, not of a year
        "the second half of the match",
        "a quarter of the land",
        "the first quarterly report",
        "the first quarter-final",
        "the Audi Q3 plant",  # Q and H need a year
        "the q1 2023 figures",
        "on behalf of the firm",
        "the third half of 2020",
    ],
)
def test_words_that_only_look_like_quarters(text: str) -> None:
    assert _first(text, FRI_2022_02_18) is None


def test_quarters_on_long_runs_stay_linear() -> None:
    # every " quarter" is walked back to its ordinal once; a run of spaces or ordinals is read once
    text = "first" + " " * 50_000 + "quarter of 2022, " + "third quarter " * 5_000 + "Q " * 20_000 + "Q3 2021"
    found = [d.raw for d in find_dates(text, NO_PUBLICATION)]
    assert found[0].endswith("quarter of 2022") and found[-1] == "Q3 2021" and len(found) == 5_002
