"""``date_mismatch`` (an item dated one day by its heading and another by its text) and ``future_date``.

A roundup puts each item under a dateline heading ("Aug 27 | China's first blockchain ..."). When the
item's text names the day the event happened ("On August 31, ...") and it is another day, one of the
two is wrong. The item's event date is the project's extracted date when it lies in the item's text,
else the date that opens the item's first sentence ("On August 31," / "8月31日,"); background dates
further down ("In June 2019, the two sides agreed ...") are not the event and are not compared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from zonewatch.extract.text import sentences
from zonewatch.model import Extraction, Finding, Precision, Project, Span

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_HEADING = re.compile(
    rf"(?im)^[ \t]*(?:{_MONTH}\.?[ \t]+(?P<day>\d{{1,2}})|(?P<zmon>\d{{1,2}})月(?P<zday>\d{{1,2}})日)[ \t]*[|｜丨].*$"
)
_OPENING = re.compile(
    rf"(?i)^(?:on[ \t]+)?{_MONTH}\.?[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?[ \t]*\d{{4}})?[ \t]*,"
    r"|^(?:\d{4}年)?(?P<zmon>\d{1,2})月(?P<zday>\d{1,2})日"
)


@dataclass(frozen=True, slots=True)
class Section:
    """An item of a roundup: its dateline heading (month, day) and the span of the text under it."""

    month: int
    day: int
    heading: Span
    body: Span


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    if m.group("zmon"):
        return int(m.group("zmon")), int(m.group("zday"))
    return _MONTHS[m.group("mon")[:3].lower()], int(m.group("day"))


def sections(text: str) -> list[Section]:
    """The dateline sections of a roundup, in order (none for an ordinary article)."""
    if "|" not in text and "｜" not in text and "丨" not in text:
        return []  # a dateline heading has its bar: most articles have none, and are not scanned line by line
    heads = [(m, _month_day(m)) for m in _HEADING.finditer(text)]
    out = []
    for i, (m, (month, day)) in enumerate(heads):
        end = heads[i + 1][0].start() if i + 1 < len(heads) else len(text)
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append(Section(month, day, Span(m.start(), m.end()), Span(m.end(), end)))
    return out


def _opening_date(text: str, body: Span) -> tuple[int, int, Span] | None:
    """The date that opens the section's first sentence, if it opens with one."""
    first = next(sentences(text, body), None) if body.end > body.start else None
    if first is None:
        return None
    m = _OPENING.match(first.slice(text))
    if not m:
        return None
    month, day = _month_day(m)
    return month, day, Span(first.start + m.start(), first.start + m.end())


def _project_in(p: Project, section: Section) -> bool:
    return any(section.body.contains(e) or section.body.overlaps(e) for e in p.evidence) or (
        p.amount is not None and section.body.contains(p.amount.span)
    )


def check_dates(extraction: Extraction) -> list[Finding]:
    """date_mismatch for roundup items whose text contradicts their heading; future_date for events after publication."""
    text = extraction.document.text
    findings: list[Finding] = []
    for sec in sections(text):
        owners = [p for p in extraction.projects if _project_in(p, sec)]
        candidate: tuple[int, int, Span] | None = None
        for p in owners:
            d = p.date
            in_body = d is not None and d.precision is Precision.DAY and d.span and sec.body.contains(d.span)
            if d is not None and d.span and in_body and (d.date.month, d.date.day) != (sec.month, sec.day):
                candidate = (d.date.month, d.date.day, d.span)
                break
        if candidate is None:
            opening = _opening_date(text, sec.body)
            if opening and opening[:2] != (sec.month, sec.day):
                candidate = opening
        if candidate is None:
            continue
        month, day, span = candidate
        heading = re.split(r"[|｜丨]", sec.heading.slice(text))[0].strip()
        findings.append(
            Finding(
                kind="date_mismatch",
                message=(
                    f"The item headed '{heading}' says the event happened on {span.slice(text).strip(' ,')} "
                    f"({month:02d}-{day:02d}), not on the heading's date ({sec.month:02d}-{sec.day:02d})."
                ),
                span=span,
                project=owners[0].id if owners else None,
                details={
                    "heading": heading,
                    "heading_date": f"{sec.month:02d}-{sec.day:02d}",
                    "text_date": f"{month:02d}-{day:02d}",
                },
            )
        )
    findings.extend(_future(extraction))
    return findings


# A future date in a sentence about plans is a plan ("construction will start in March 2025"), not an
# event misdated; only a sentence reporting something done can be after its own publication by mistake.
_PLANNED = re.compile(
    r"(?i)\b(?:will|shall|plans?|planned|planning|expected|expects?|scheduled|to be|aims?|target(?:s|ed)?|by the end of|due)\b"
    r"|将|计划|预计|拟|力争|预期|争取|年底前|以前"
)


def _planned(text: str, span: Span) -> bool:
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    for sentence in sentences(line):
        if line_start + sentence.start <= span.start < line_start + sentence.end:
            return bool(_PLANNED.search(sentence.slice(line)))
    return False


_AT_PRECISION: dict[Precision, Callable[[dt.date], tuple[int, int, int]]] = {
    Precision.DAY: lambda x: (x.year, x.month, x.day),
    Precision.MONTH: lambda x: (x.year, x.month, 0),
    Precision.YEAR: lambda x: (x.year, 0, 0),
}


def _future(extraction: Extraction) -> list[Finding]:
    published = extraction.document.published
    if published is None:
        return []
    out = []
    for p in extraction.projects:
        d = p.date
        if d is None or d.span is None:
            continue
        # compare at the coarser of the two precisions: "August" is not after "2020-08-06"
        coarse = (
            Precision.YEAR
            if Precision.YEAR in (d.precision, published.precision)
            else (Precision.MONTH if Precision.MONTH in (d.precision, published.precision) else Precision.DAY)
        )
        key = _AT_PRECISION[coarse]
        # the date test first: reading the sentence for plans is only needed for a date after publication
        if key(d.date) > key(published.date) and not _planned(extraction.document.text, d.span):
            out.append(
                Finding(
                    kind="future_date",
                    message=(
                        f"The event is dated {d.iso()} ('{d.raw}'), after the article's publication date {published.iso()}."
                    ),
                    span=d.span,
                    project=p.id,
                    details={"date": d.iso(), "published": published.iso()},
                )
            )
    return out
