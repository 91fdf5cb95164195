"""Dates in Chinese text: 2020年8月20日, 8月20日, 20日, 2020-08-20, 2020年8月, 昨日, 今天, 日前, 上周五, 本月, 今年,
明年, 下半年, 二季度.

Dates without a year take the publication year (the year before when that would put them after the
publication); relative words count from the publication date; nothing is dated after the publication.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from zonewatch.extract.zh import windows
from zonewatch.extract.zh.lexicon import lexicon
from zonewatch.extract.zh.numerals import parse_count
from zonewatch.model import DateValue, Precision, Span

_N = r"(?:\d{1,4}|[〇零一二三四五六七八九十]{1,4})"
_YEAR = r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})"
_FULL = re.compile(rf"{_YEAR}\s?年\s?(?P<m>{_N})\s?月\s?(?P<d>{_N})\s?[日号]")
_ISO = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])")
_YEAR_MONTH = re.compile(rf"{_YEAR}\s?年\s?(?P<m>{_N})\s?月(?!\s?{_N}\s?[日号])(?:份)?")
_MONTH_DAY = re.compile(rf"(?<![\d年])(?P<m>{_N})\s?月\s?(?P<d>{_N})\s?[日号]")
_DAY = re.compile(
    r"(?<![\d月.\-/])(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号](?=[上下中晚早凌起,，、\s]|[前后]?[在于,，]|举行|召开|开幕|讯|电)"
)
# "今年8月", "去年12月", "5月份", "3月初": a month without a year, said so that it is a date
_MONTH_ONLY = re.compile(
    rf"(?<![\d年\-—~至到])(?P<rel>今年|去年|明年)?(?P<m>{_N})\s?月(?P<part>份|初|上旬|中旬|下旬|底|末)?(?![\d日号\-—~至到])"
)
# a bare month is a date when it opens a clause and a comma or an event follows it ("4月,园区新签约项目6个",
# "其中,4月新签约项目6个")
_CLAUSE_OPEN = frozenset("\n,，。;；:：")


@cache
def _month_events() -> tuple[str, ...]:
    return (",", "，", *lexicon().words("stage", "month_event_after"))


def _opens_clause(shadow: str, m: re.Match[str]) -> bool:
    start = m.start()
    while start > 0 and shadow[start - 1] == " ":
        start -= 1
    return (start == 0 or shadow[start - 1] in _CLAUSE_OPEN) and shadow.startswith(_month_events(), m.end())


# "下半年", "明年一季度", "2021年二季度", "第四季度": part of a year that starts after the publication, a plan,
# dated to its year (the output has no finer unit than a month). Not "前三季度" (a period total) nor "一至三季度" /
# "二、三季度" (spans of them).
_PERIOD = re.compile(
    rf"(?P<rel>今年|去年|明年|{_YEAR}\s?年)?(?<![前至到\-—~、和与])(?P<p>上半年|下半年|第?[一二三四1-4]季度)"
)
# a quarter's or half's first month
_PERIOD_START = {"上半年": 1, "下半年": 7, "一": 1, "1": 1, "二": 4, "2": 4, "三": 7, "3": 7, "四": 10, "4": 10}
_YEAR_STEP = {"今年": 0, "去年": -1, "明年": 1}
_YEAR_ONLY = re.compile(rf"{_YEAR}\s?年(?!\s?{_N}\s?月)(?!代)")
# Where each pattern can match (see :mod:`.windows`): an anchor, the most characters from a match's start to the
# anchor, the most read past the anchor's end. 月: "2020年 8 月" puts it 12 in (_FULL, _YEAR_MONTH), and the most
# read after it is _FULL's " 20 日" or _YEAR_MONTH's look-ahead (7) and 份 (8). 年 after a digit: 5 in, then the
# look-aheads of _YEAR_ONLY (7). 日/号: 3 in ("二十一日"), then 2 ("举行"). ISO's year and first
# separator: at the start, then "08-20" and its look-ahead (6); two of them never overlap (a separator is not a
# digit).
_IN_MONTH = windows.Anchor(re.compile("月"), 12, 8)
_IN_YEAR = windows.Anchor(
    re.compile(r"年(?:(?<=[\d〇零一二三四五六七八九]年)|(?<=[\d〇零一二三四五六七八九]\s年))"), 5, 7
)
_IN_DAY = windows.Anchor(re.compile("[日号]"), 3, 2)
_IN_ISO = windows.Anchor(re.compile(r"(?:19|20)\d{2}[-/.]"), 0, 6)
# 季度 / 半年: at most "2021 年第一" (8) before, nothing read after
_IN_PERIOD = windows.Anchor(re.compile("季度|半年"), 8, 0)
_WEEKDAYS = "一二三四五六日天"
# word -> (days back, precision); vague words get the publication month
_RELATIVE = {
    "今天": (0, Precision.DAY), "今日": (0, Precision.DAY), "当天": (0, Precision.DAY), "当日": (0, Precision.DAY),
    "昨天": (1, Precision.DAY), "昨日": (1, Precision.DAY), "前天": (2, Precision.DAY), "前日": (2, Precision.DAY),
    "日前": (0, Precision.MONTH), "近日": (0, Precision.MONTH), "近期": (0, Precision.MONTH),
    "前不久": (0, Precision.MONTH), "不久前": (0, Precision.MONTH),
    "本月": (0, Precision.MONTH), "这个月": (0, Precision.MONTH), "本周": (0, Precision.MONTH),
    "上周": (7, Precision.MONTH), "上个月": (-1, Precision.MONTH), "上月": (-1, Precision.MONTH),
    "今年": (0, Precision.YEAR), "去年": (-1, Precision.YEAR),
    # ahead of the publication: plans, marked future ("明年投产", "下月开工")
    "明年": (1, Precision.YEAR), "下个月": (1, Precision.MONTH), "下月": (1, Precision.MONTH),
    "下周": (-7, Precision.MONTH),
}  # fmt: skip
# month words: how many months from the publication's
_MONTH_STEP = {"上个月": -1, "上月": -1, "下个月": 1, "下月": 1}
_AHEAD = frozenset({"明年", "下个月", "下月", "下周"})
_SAME_DAY = ("当天", "当日", "同日", "同一天")
_SAME_DAY_RE = re.compile("|".join(_SAME_DAY))
_RELATIVE_RE = re.compile(r"上周[一二三四五六日天]|" + "|".join(sorted(_RELATIVE, key=len, reverse=True)))
VAGUE = frozenset(
    {"前不久", "不久前", "日前", "近日", "近期", "本月", "这个月", "本周", "上周", "今年", "去年", "上个月", "上月"}
)


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date found in the text; ``vague`` for 日前/近日/今年 (used only when nothing sharper is near)."""

    value: DateValue
    vague: bool = False
    future: bool = False  # after the publication date: a plan, never the date of the event reported


def _year(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = "".join(str(parse_count(c) or 0) if c not in "〇零" else "0" for c in text)
    return int(digits) if digits.isdigit() else None


def _make(y: int | None, m: int | None, d: int | None, raw: str, span: Span) -> DateValue | None:
    try:
        if y is None:
            return None
        if m is None:
            return DateValue(dt.date(y, 1, 1), Precision.YEAR, raw, span)
        if d is None:
            return DateValue(dt.date(y, m, 1), Precision.MONTH, raw, span)
        return DateValue(dt.date(y, m, d), Precision.DAY, raw, span)
    except ValueError:
        return None


def _count(s: str | None) -> int | None:
    return parse_count(s) if s else None


def _infer_year(m: int, d: int | None, published: DateValue | None, text_year: int | None) -> int | None:
    """The publication year, or the year before when the date would fall after the publication."""
    if published is not None:
        pub = published.date
        y = pub.year
        if (m, d or 1) > (pub.month, pub.day if published.precision is Precision.DAY else 31):
            y -= 1
        return y
    return text_year


def find_dates(text: str, shadow: str, published: DateValue | None) -> list[DateHit]:
    """Every date in ``text``, resolved against ``published``, in text order.

    >>> pub = DateValue(dt.date(2017, 9, 15), Precision.DAY, "2017-09-15")
    >>> [h.value.iso() for h in find_dates(*2 * ("昨日,大会在成都举行;8月20日签约;15日上午",), pub)]
    ['2017-09-14', '2017-08-20', '2017-09-15']
    """
    hits: list[DateHit] = []
    taken = bytearray(len(text) + 1)
    last_day = _last_day(published) if published is not None else None

    def free(m: re.Match[str]) -> bool:
        """Whether no date found before overlaps the match (else there is no date to make: ``add`` drops it)."""
        return taken.find(1, m.start(), m.end()) < 0

    def add(value: DateValue | None, vague: bool = False, ahead: bool = False) -> None:
        if value is None or value.span is None or taken.find(1, value.span.start, value.span.end) >= 0:
            return
        taken[value.span.start : value.span.end] = b"\x01" * len(value.span)
        future = ahead or (last_day is not None and value.date > last_day)
        hits.append(DateHit(value, vague, future))

    months = _IN_MONTH.around(shadow)
    years = _IN_YEAR.around(shadow)
    for rx, where in ((_FULL, months), (_ISO, _IN_ISO.around(shadow))):
        for m in windows.finditer(rx, shadow, where):
            add(
                _make(
                    _year(m["y"]), _count(m["m"]), _count(m["d"]), text[m.start() : m.end()], Span(m.start(), m.end())
                )
            )
    for m in windows.finditer(_YEAR_MONTH, shadow, months):
        add(_make(_year(m["y"]), _count(m["m"]), None, text[m.start() : m.end()], Span(m.start(), m.end())))
    text_year = _first_year(hits) or next((_year(m["y"]) for m in windows.finditer(_YEAR_ONLY, shadow, years)), None)
    for m in windows.finditer(_MONTH_DAY, shadow, months):
        if not free(m):
            continue
        month, day = _count(m["m"]), _count(m["d"])
        if month is None or day is None:
            continue
        add(_make(_infer_year(month, day, published, text_year), month, day, text[m.start() : m.end()],
                  Span(m.start(), m.end())))  # fmt: skip
    for m in windows.finditer(_MONTH_ONLY, shadow, months):
        month = _count(m["m"])
        if month is None or not (m["rel"] or m["part"] or _opens_clause(shadow, m)) or not 1 <= month <= 12:
            continue
        if m["rel"] and published is not None:
            year: int | None = published.date.year + _YEAR_STEP[m["rel"]]
        else:
            year = _infer_year(month, None, published, text_year)
        add(_make(year, month, None, text[m.start() : m.end()], Span(m.start(), m.end())), vague=False)
    if "季度" in shadow or "半年" in shadow:  # most articles name neither: skip the anchor scan
        for m in windows.finditer(_PERIOD, shadow, _IN_PERIOD.around(shadow)):
            add(*_period(m, published, text_year, text[m.start() : m.end()]))
    if published is not None:
        for m in windows.finditer(_DAY, shadow, _IN_DAY.around(shadow)):
            day = _count(m["d"])
            if day is None:
                continue
            pub = published.date
            month_start = pub.replace(day=1)
            if published.precision is Precision.DAY and day > pub.day:
                month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
            span = Span(m.start(), m.start("d") + len(m["d"]) + 1)
            add(_make(month_start.year, month_start.month, day, text[span.start : span.end], span))
    if published is not None:
        for m in _RELATIVE_RE.finditer(shadow):
            if free(m) and m.group() not in _SAME_DAY:
                value, vague = _relative(m.group(), published, text[m.start() : m.end()], Span(m.start(), m.end()))
                add(value, vague, m.group() in _AHEAD)
    # 当天/当日/同日 point back at the day the text last named ("6月9日...举行...,其中A项目当天开工", "昨日...,当天"),
    # which a report published days later is not; only with no day named before are they the publication day.
    for m in _SAME_DAY_RE.finditer(shadow):
        if not free(m):
            continue
        raw, span = text[m.start() : m.end()], Span(m.start(), m.end())
        if (before := _day_before(hits, m.start())) is not None:
            add(DateValue(before.value.date, Precision.DAY, raw, span))
        elif published is not None and m.group() in _RELATIVE:
            add(_relative(m.group(), published, raw, span)[0])
    for m in windows.finditer(_YEAR_ONLY, shadow, years):
        if free(m):
            add(_make(_year(m["y"]), None, None, text[m.start() : m.end()], Span(m.start(), m.end())))
    hits.sort(key=lambda h: h.value.span.start if h.value.span else 0)
    return hits


def _day_before(hits: list[DateHit], pos: int) -> DateHit | None:
    """The last date to the day named before ``pos`` (not a plan ahead of the publication)."""
    best: DateHit | None = None
    for h in hits:
        span = h.value.span
        if span is None or span.end > pos or h.future or h.value.precision is not Precision.DAY:
            continue
        if best is None or span.start > best.value.span.start:  # type: ignore[union-attr]
            best = h
    return best


def _first_year(hits: list[DateHit]) -> int | None:
    return hits[0].value.date.year if hits else None


def _last_day(published: DateValue) -> dt.date:
    """The last day the publication date allows (the month's end for a month-precision date)."""
    d = published.date
    if published.precision is Precision.DAY:
        return d
    if published.precision is Precision.MONTH:
        nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return nxt - dt.timedelta(days=1)
    return d.replace(month=12, day=31)


def _relative(word: str, published: DateValue, raw: str, span: Span) -> tuple[DateValue | None, bool]:
    pub = published.date
    if word.startswith("上周") and len(word) == 3:
        weekday = _WEEKDAYS.index(word[2])
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        return DateValue(monday + dt.timedelta(days=min(weekday, 6)), Precision.DAY, raw, span), False
    back, precision = _RELATIVE[word]
    if precision is Precision.DAY:
        if published.precision is not Precision.DAY:
            return None, False
        return DateValue(pub - dt.timedelta(days=back), Precision.DAY, raw, span), False
    if precision is Precision.MONTH:
        if word in _MONTH_STEP:
            months = pub.year * 12 + pub.month - 1 + _MONTH_STEP[word]
            first = dt.date(months // 12, months % 12 + 1, 1)
        else:
            first = (pub - dt.timedelta(days=back)).replace(day=1)
        return DateValue(first, Precision.MONTH, raw, span), True
    return DateValue(dt.date(pub.year + back, 1, 1), Precision.YEAR, raw, span), True


def _period(
    m: re.Match[str], published: DateValue | None, text_year: int | None, raw: str
) -> tuple[DateValue | None, bool, bool]:
    """A half or quarter of a year ("下半年", "2021年二季度") that starts after the publication: its year."""
    rel, y = m["rel"], m["y"]
    if y:
        year = _year(y)
    elif published is not None:
        year = published.date.year + _YEAR_STEP.get(rel or "今年", 0)
    else:
        year = text_year if not rel else None  # 今年 / 去年 need the publication date
    if year is None:
        return None, True, False
    part = m["p"]
    first_month = _PERIOD_START[part if "半" in part else part[-3]]
    try:
        value = DateValue(dt.date(year, 1, 1), Precision.YEAR, raw, Span(m.start(), m.end()))
        starts = dt.date(year, first_month, 1)
    except ValueError:
        return None, True, False
    if published is None or starts <= _last_day(published):
        # under way or past: the year is read as before ("今年", "2019年"); a period of the year dated to the year
        # must not outrank the day of an event named in the sentences before ("20日起,...一季度集中开工...")
        return None, True, False
    return value, True, True


def document_date(text: str, shadow: str) -> DateValue | None:
    """A publication date printed near the top of a page ("发布时间:2014-03-03", "2021-2-8 10:40:44讯", or a
    short dateline "2020年9月18日 来源:...")."""
    head = shadow[:600]
    m = re.search(
        r"(?:发布|发表|时间|日期|更新)[^\n\d]{0,6}(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})", head
    )
    m = m or _ISO.search(head)
    if m is None:
        for line in re.finditer(r"[^\n]+", shadow[:300]):
            if len(line.group().strip()) <= 40 and "。" not in line.group():
                m = _FULL.search(shadow, line.start(), line.end())
                if m:
                    break
    if m is None:
        return None
    start, end = m.start("y"), m.end("d")
    return _make(_year(m["y"]), _count(m["m"]), _count(m["d"]), text[start:end], Span(start, end))
