"""Dates in English announcements: "On August 20", "Aug 6, 2020", "2022.07.07", "Sept 24", "on Thursday", "yesterday".

``find_dates(text, anchor)`` returns every date mention with its resolved value (or None when it cannot be
resolved, e.g. a weekday without a publication day). The :class:`Anchor` is what the text is read against:
the publication date and the year to assume. An event is never dated after its publication: a month-day
that would fall after it is read as last year's.

>>> a = Anchor(dt.date(2022, 2, 18), Precision.DAY)
>>> [(d.kind, d.value.iso()) for d in find_dates("kicked off on Thursday; signed Sept 24, 2021", a)]
[('weekday', '2022-02-17'), ('date', '2021-09-24')]
>>> [d.value.iso() for d in find_dates("On December 30", a)]
['2021-12-30']
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from zonewatch.extract.en.scan import finditer_at, opener_positions
from zonewatch.model import DateValue, Precision, Span

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
# The patterns run on an ASCII-lower-cased copy of the text (same length, same offsets) and start with a
# literal alternation or a digit, never with \b or a look-behind: the regex engine can then skip straight
# to candidate characters. Word boundaries before a match are checked in find_dates.
_M = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_YEAR = r"(?:19|20)\d\d"
_PERIOD_YEAR = rf"(?:(?P<rel>(?:the\s+)?(?:current|previous)|this|last|next|the)\s+year\b|(?P<py>{_YEAR})\b)"
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_REL_YEAR = {"this": 0, "current": 0, "the": 0, "last": -1, "previous": -1, "next": 1}
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(rf"(?P<y>{_YEAR})(?P<sep>[-./])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?![\d])")),
    ("mdy", re.compile(rf"(?P<mon>{_M})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("dmy", re.compile(rf"(?P<d>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M})\b\.?(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("my", re.compile(rf"(?P<mon>{_M})\.?,?\s+(?:of\s+)?(?P<y>{_YEAR})\b")),
    # "the first quarter of this year", "second half of 2022", "Q1 2023", "H2, 2022": a quarter or half-year,
    # read as its first month. "Q3" and "H1" alone are no dates (an Audi Q3, a visa): they need a year.
    # A quarter followed by "of" and no year ("the first half of March", "of fiscal 2023") is not one.
    (
        "period",
        re.compile(
            rf"(?:(?P<nth>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+(?P<part>quarter|half)\b(?!-)"
            rf"|(?P<qh>[qh])(?P<n>[1-4])\b)(?:,?\s+(?:of\s+)?{_PERIOD_YEAR}|(?!\s+of\b))"
        ),
    ),
    ("weekday", re.compile(r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")),
    ("relday", re.compile(r"(?P<rel>yesterday|today|the day before yesterday)\b")),
    ("relmonth", re.compile(r"last month\b")),  # "signed last month": the month before the publication's
    (
        "vague",
        re.compile(
            r"(?P<vague>recently|earlier this month|this month|earlier this week|this week|the other day|lately)\b"
        ),
    ),
)
# Literal words that every match of a pattern contains (checked with `in`, far cheaper than a scan).
_NEEDS = {
    "weekday": ("day",),
    "relday": ("day",),
    "relmonth": ("last month",),
    "vague": ("recently", "this month", "this week", "other day", "lately"),
}
# Literal strings one of which every match of a pattern begins with: the pattern is tried only where they are
# (scan.finditer_from), not at every letter that could open a month or weekday. "dmy" and "ymd" begin with a
# digit, which the regex engine skips to by itself. ("\d\d?" and not "\d{1,2}": the same match, but a
# pattern that opens with a repeat does not get the engine's skip.)
_MONTH_OPENERS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_OPENERS: dict[str, tuple[str, ...]] = {
    "mdy": _MONTH_OPENERS,
    "my": _MONTH_OPENERS,
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "relday": ("yesterday", "today", "the day before yesterday"),
    "relmonth": ("last month",),
    "vague": ("recently", "earlier this", "this month", "this week", "the other day", "lately"),
}
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(text: str) -> str:
    """Lower case with the same offsets: str.lower (fast) unless it changes the length ("İ"), then ASCII only."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_LAST = re.compile(r"\blast\s+$", re.I)
_KIND = {"ymd": "date", "mdy": "date", "dmy": "date", "my": "month", "period": "period", "relmonth": "month"}
# A date on a line like "Updated: 2022-02-18 09:02" or "Time:2022.07.07" is the page's, not an event's.
_META = re.compile(r"(?:updated|published|posted|time|date|release[sd]?|source)\s*[:：]?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Anchor:
    """What dates are read against: the publication date (at its precision) and a year for month-days."""

    published: dt.date | None = None
    precision: Precision | None = None
    year: int | None = None

    @property
    def default_year(self) -> int | None:
        return self.published.year if self.published else self.year


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase: ``kind`` is date/month/weekday/relday/vague/meta; ``value`` None when unresolvable."""

    kind: str
    value: DateValue | None
    raw: str
    span: Span


def _not_after(anchor: Anchor, date: dt.date, precision: Precision, year_given: bool) -> dt.date:
    """Roll a year back when a month-day without a year would fall after the publication."""
    if year_given or anchor.published is None:
        return date
    pub = anchor.published
    later = (date > pub) if anchor.precision is Precision.DAY else ((date.year, date.month) > (pub.year, pub.month))
    if later:
        try:
            return date.replace(year=date.year - 1)
        except ValueError:  # 29 February
            return date.replace(year=date.year - 1, day=28)
    return date


def _make(anchor: Anchor, y: int | None, m: int, d: int | None, span: Span, raw: str) -> DateValue | None:
    year = y if y is not None else anchor.default_year
    if year is None or not 1 <= m <= 12:
        return None
    try:
        date = dt.date(year, m, d or 1)
    except ValueError:
        return None
    precision = Precision.DAY if d else Precision.MONTH
    date = _not_after(anchor, date, precision, y is not None)
    return DateValue(date, precision, raw, span)


def _resolve(kind: str, m: re.Match[str], text: str, anchor: Anchor, span: Span) -> DateValue | None:
    raw = text[m.start() : m.end()]
    if kind == "ymd":
        return _make(anchor, int(m.group("y")), int(m.group("m")), int(m.group("d")), span, raw)
    if kind in ("mdy", "dmy", "my"):
        mon = text[m.start("mon") : m.end("mon")]
        if not mon[0].isupper():
            return None  # months are capitalised ("She may sign" is no date)
        if mon.lower() == "may" and not mon[0].isupper():
            return None
        y = int(m.group("y")) if m.group("y") else None
        d = int(m.group("d")) if kind != "my" else None
        if d is not None and not 1 <= d <= 31:
            return None
        return _make(anchor, y, _MONTHS[mon.lower()], d, span, raw)
    if kind == "period":
        return _period(m, anchor, span, raw)
    pub = anchor.published
    if kind in ("weekday", "relday"):
        if pub is None or anchor.precision is not Precision.DAY:
            return None
        if kind == "weekday":
            back = (pub.weekday() - _WEEKDAYS[m.group("wd").lower()]) % 7
            if back == 0 and _LAST.search(text, max(0, m.start() - 6), m.start()):
                back = 7
        else:
            back = {"today": 0, "yesterday": 1}.get(m.group("rel").lower(), 2)
        return DateValue(pub - dt.timedelta(days=back), Precision.DAY, raw, span)
    if kind == "relmonth" and pub is not None:
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return DateValue(first.replace(day=1), Precision.MONTH, raw, span)
    if kind == "vague" and pub is not None:
        return DateValue(pub.replace(day=1), Precision.MONTH, raw, span)
    return None


def _period(m: re.Match[str], anchor: Anchor, span: Span, raw: str) -> DateValue | None:
    """A quarter or half-year as its first month; without a year, only one under way at the publication."""
    if m.group("qh"):
        if not raw[0].isupper() or not (m.group("py") or m.group("rel")):
            return None  # "Q1 2023" and "H2 of last year", not "q1 2023" or a bare "Q3"
        half, n = m.group("qh") == "h", int(m.group("n"))
    else:
        half, n = m.group("part") == "half", _NTH.get(m.group("nth"), 2 if m.group("part") == "half" else 4)
    if half and n > 2:
        return None  # "third half"
    month = 6 * n - 5 if half else 3 * n - 2
    if m.group("py"):
        year = int(m.group("py"))
    elif m.group("rel"):
        if anchor.default_year is None:
            return None
        year = anchor.default_year + _REL_YEAR[m.group("rel").split()[-1]]
    else:
        pub = anchor.published  # "in the third quarter" in a February article: last year's, or a plan
        if pub is None or month > pub.month:
            return None
        year = pub.year
    return DateValue(dt.date(year, month, 1), Precision.MONTH, raw, span)


_ORDINALS = ("first", "second", "third", "fourth", "final", "1st", "2nd", "3rd", "4th")


def _period_positions(text: str, low: str, start: int, end: int) -> list[int]:
    """Where a quarter or half-year may begin: the ordinal before each " quarter" and " half", and "Q1".."H2".

    Found from the rare head words back to the ordinal, not from every "first" and "second" of the text.
    """
    found: list[int] = []
    for head in (" quarter", " half"):
        at = low.find(head, start, end)
        while at >= 0:
            k = at
            while k > start and low[k - 1] == " ":
                k -= 1
            for word in _ORDINALS:
                if low.endswith(word, start, k):
                    found.append(k - len(word))
                    break
            at = low.find(head, at + 1, end)
    for head, digits in (("Q", "1234"), ("H1", "1"), ("H2", "2")):  # finds, which are cheaper than a regex scan
        at = text.find(head, start, end)
        while at >= 0:
            if at + 1 < end and text[at + 1] in digits:
                found.append(at)
            at = text.find(head, at + 1, end)
    return sorted(found)


def find_dates(text: str, anchor: Anchor, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date mentions in ``text[start:end]`` in order; overlapping patterns keep the first (most specific)."""
    end = len(text) if end is None else end
    low = _lower(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []  # sorted spans already claimed
    positions: dict[tuple[str, ...], list[int]] = {}
    for kind, pattern in _PATTERNS:
        gate = _NEEDS.get(kind)
        if gate is not None and not any(word in low for word in gate):
            continue  # a word every match contains is not in the text: no need to scan it
        openers = _OPENERS.get(kind)
        if kind == "period":
            matches = finditer_at(pattern, _period_positions(text, low, start, end), low, end)
        elif openers is None:
            matches = pattern.finditer(low, start, end)
        else:
            if openers not in positions:  # "mdy" and "my" open with the same month words
                positions[openers] = opener_positions(low, openers, start, end)
            matches = finditer_at(pattern, positions[openers], low, end)
        for m in matches:
            before = text[m.start() - 1] if m.start() > 0 else " "
            if before.isalnum() or (kind in ("ymd", "dmy") and before in ".,"):
                continue
            if kind == "weekday" and not text[m.start()].isupper():
                continue  # weekdays are capitalised in English
            span = Span(m.start(), m.end())
            k = bisect_left(taken, (span.start, span.end))
            if (k > 0 and taken[k - 1][1] > span.start) or (k < len(taken) and taken[k][0] < span.end):
                continue  # overlaps a date found by an earlier (more specific) pattern
            taken.insert(k, (span.start, span.end))
            line_start = text.rfind("\n", 0, m.start()) + 1
            meta = kind in ("ymd", "mdy", "dmy", "my") and _META.search(
                text, max(line_start, m.start() - 24), m.start()
            )
            label = "meta" if meta else _KIND.get(kind, kind)
            found.append(DateMention(label, _resolve(kind, m, text, anchor, span), text[m.start() : m.end()], span))
    return sorted(found, key=lambda f: f.span.start)


# A year not inside a longer number: "(?<![\d.,])(?:19|20)\d\d(?!\d)", written to open with a character class
# (the look-behinds follow the first two digits) so the regex engine skips from one "1" or "2" to the next.
_TARGET_BEFORE = re.compile(r"\b(?:[Bb]y|until|till|before)\s+(?:the\s+end\s+of\s+)?$")
_ANY_YEAR = re.compile(r"[12][09](?<=19|20)(?<![\d.,]..)\d\d(?![\d])")


def make_anchor(text: str, published: DateValue | None) -> Anchor:
    """The anchor for ``text``: the publication date when known, else a dated line or dateline, else a year seen.

    >>> make_anchor("Updated: 2022-02-18 09:02", None).published
    datetime.date(2022, 2, 18)
    """
    if published is not None:
        return Anchor(published.date, published.precision, published.date.year)
    head = text[:600]
    # A page's own date ("Updated: ...", "Time:2022.07.07") or a dateline year ("6th Apr, 2023").
    for mention in find_dates(head, Anchor()):
        if mention.value is not None and mention.kind in ("meta", "date") and mention.value.precision is Precision.DAY:
            return Anchor(mention.value.date, Precision.DAY, mention.value.date.year)
    # the latest year the text names, unless it only names it as a target ("by 2026", "until 2030"); the
    # years are tried from the latest down, so most texts check one or two mentions
    at: dict[int, list[int]] = {}
    for m in _ANY_YEAR.finditer(text):
        at.setdefault(int(m.group()), []).append(m.start())
    for year in sorted(at, reverse=True):
        if any(_TARGET_BEFORE.search(text, max(0, s - 20), s) is None for s in at[year]):
            return Anchor(None, None, year)
    return Anchor(None, None, None)
