"""Dates in Chinese text, absolute and relative to the publication date; never after publication."""

from __future__ import annotations

import datetime as dt

import pytest

from zonewatch.extract.zh.chars import shadow
from zonewatch.extract.zh.dates import document_date, find_dates
from zonewatch.model import DateValue, Precision

PUB = DateValue(dt.date(2020, 8, 21), Precision.DAY, "2020-08-21")  # a Friday


def dates(text: str, published: DateValue | None = PUB) -> list[str]:
    hits = find_dates(text, shadow(text), published)
    for h in hits:
        assert h.value.span is not None and text[h.value.span.start : h.value.span.end] == h.value.raw
    return [h.value.iso() for h in hits if not h.future]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020年8月20日,项目签约", "2020-08-20"),
        ("8月20日,项目签约", "2020-08-20"),
        ("八月二十日,项目签约", "2020-08-20"),
        ("2020年8月,项目签约", "2020-08"),
        ("2019-12-30 发布", "2019-12-30"),
        ("20日上午,项目集中开工", "2020-08-20"),
        ("25日上午,项目集中开工", "2020-07-25"),  # later than the 21st: last month
        ("12月30日签约", "2019-12-30"),  # would be after publication this year
        ("昨日,签约仪式举行", "2020-08-20"),
        ("昨天,签约仪式举行", "2020-08-20"),
        ("今天,签约仪式举行", "2020-08-21"),
        ("今日,签约仪式举行", "2020-08-21"),
        ("日前,双方签约", "2020-08"),
        ("近日,双方签约", "2020-08"),
        ("上周,双方签约", "2020-08"),
        ("上周三,双方签约", "2020-08-12"),
        ("本月,双方签约", "2020-08"),
        ("今年,新区将开工", "2020"),
        ("２０２０年８月２０日签约", "2020-08-20"),
        ("2020年8月20日簽約", "2020-08-20"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert dates(text)[0] == iso


def test_a_quarter_does_not_outrank_the_day_before_it() -> None:
    text = "20日起,全省集中开工一批项目。一季度集中开工项目中,福州115个"
    assert dates(text) == ["2020-08-20"]


def test_a_plan_after_publication_is_marked_future() -> None:
    text = "项目将于2021年4月30日前开工"
    hits = find_dates(text, shadow(text), PUB)
    assert [h.future for h in hits] == [True]


def test_year_from_the_text_when_there_is_no_publication_date() -> None:
    assert dates("2021年二季度开工仪式于4月26日举行", None) == ["2021", "2021-04-26"]


def test_relative_dates_need_a_publication_date() -> None:
    assert dates("昨日,签约仪式举行", None) == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("首页\n发布时间:2014-03-03 人气:2021次\n正文", "2014-03-03"),
        ("顶尖财经网 2021-2-8 10:40:44讯:", "2021-02-08"),
        ("标题\n2020年9月18日 来源:南昌经开区\n昨天上午", "2020-09-18"),
        ("没有日期的一段话。", None),
    ],
)
def test_document_date(text: str, iso: str | None) -> None:
    got = document_date(text, shadow(text))
    assert (got.iso() if got else None) == iso


def found(text: str, published: DateValue | None = PUB) -> list[tuple[str, str, bool]]:
    """(iso, raw, future) of every date: plans after the publication included."""
    return [(h.value.iso(), h.value.raw, h.future) for h in find_dates(text, shadow(text), published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ahead of the publication: read, and marked as plans (never a project's date)
        ("明年6月投产", [("2021-06", "明年6月", True)]),
        ("项目明年投产", [("2021", "明年", True)]),
        ("下月开工", [("2020-09", "下月", True)]),
        ("下个月开工", [("2020-09", "下个月", True)]),
        ("下周开工", [("2020-08", "下周", True)]),
        ("四季度投产", [("2020", "四季度", True)]),
        ("明年一季度投产", [("2021", "明年一季度", True)]),
        ("2021年二季度开工", [("2021", "2021年二季度", True)]),
        # behind it or under way: the year as said, if said; a half or quarter is not a date of its own (it
        # would outrank the day of an event told before it)
        ("上月签约", [("2020-07", "上月", False)]),
        ("上个月签约", [("2020-07", "上个月", False)]),
        ("上半年签约", []),
        ("今年下半年开工", [("2020", "今年", False)]),
        ("第一季度签约", []),
        ("去年四季度签约", [("2019", "去年", False)]),
        ("2019年下半年签约", [("2019", "2019年", False)]),
        # spans of quarters and period totals are not a date
        ("前三季度,全区签约", []),
        ("一至三季度签约", []),
        ("二、三季度签约", []),
    ],
)
def test_future_and_partial_dates(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert found(text) == expected


def test_a_quarter_in_the_first_half_is_ahead_of_an_article_from_may() -> None:
    may = DateValue(dt.date(2020, 5, 10), Precision.DAY, "2020-05-10")
    assert found("下半年投产", may) == [("2020", "下半年", True)]
    assert found("二季度开工", may) == []


def test_next_month_in_december_is_january() -> None:
    dec = DateValue(dt.date(2020, 12, 5), Precision.DAY, "2020-12-05")
    assert found("下月开工", dec) == [("2021-01", "下月", True)]
    assert found("上月签约", DateValue(dt.date(2021, 1, 5), Precision.DAY, "2021-01-05")) == [
        ("2020-12", "上月", False)
    ]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("今年8月,双方签约", "2020-08"),
        ("去年12月,双方签约", "2019-12"),
        ("5月份,双方签约", "2020-05"),
        ("3月初,双方签约", "2020-03"),
        ("前不久,双方签约", "2020-08"),
    ],
)
def test_months_without_a_year(text: str, iso: str) -> None:
    assert dates(text)[0] == iso


@pytest.mark.parametrize("text", ["1-4月,全市签约", "3月起实施", "从8月到10月"])
def test_bare_months_in_periods_are_not_dates(text: str) -> None:
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a bare month opening a clause, a comma after it: a date (the year inferred: never after publication)
        ("7月,园区新签约项目6个", ["2020-07"]),
        ("园区招商取得进展。9月,新签约项目6个", ["2019-09"]),
        # ...or an event after it
        ("其中,7月新签约项目6个", ["2020-07"]),
        ("其中,7月集中开工项目3个", ["2020-07"]),
        ("项目预计7月开工", []),
        # ...not inside a clause, nor before another word, nor in a range
        ("园区7月新签约项目6个", []),
        ("项目建设周期7月,总投资5亿元", []),
        ("1-7月,园区新签约项目38个", []),
    ],
)
def test_a_bare_month_is_a_date_only_opening_a_clause(text: str, found: list[str]) -> None:
    assert dates(text) == found
