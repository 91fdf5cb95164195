"""When and where: a project's date and destination, from its sentence, paragraph, section heading or lead.

Dates never come from deadlines ("by the end of 2024") or background ("In June 2019" in a 2020 roundup);
places prefer the destination to the venue of a ceremony and to where partners come from.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import replace

from zonewatch.extract.en.context import Context
from zonewatch.extract.en.dates import DateMention
from zonewatch.extract.en.draft import Draft
from zonewatch.extract.en.layout import Sentence
from zonewatch.extract.en.names import Kind, Name, place_level
from zonewatch.extract.text import trim
from zonewatch.model import DateValue, Precision, Span

_LOCATED = re.compile(r"\b(?:located|settled?|based|landed|land|sited|set\s+up|built)\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_VAGUE_KINDS = ("vague",)
_EXACT_KINDS = ("date", "month", "weekday", "relday")


def _usable(m: DateMention) -> bool:
    return m.value is not None and m.kind in _EXACT_KINDS


def fill_date(ctx: Context, d: Draft) -> None:
    sent = d.sentence
    pos = d.amount.money.span.start if d.amount else sent.span.start
    own = [m for m in ctx.dates_in(sent.span.start, sent.span.end) if _usable(m) and not _is_deadline(ctx, m)]
    # an explicit date beats the dateline's; a weekday ("on Sunday") is read from the dateline, so it does not
    told = [m for m in own if m.kind == "date" and not _in_dateline(ctx, sent, m)]
    own = told or own  # "ABU DHABI, Feb 12 (WAM) - ... signed ... on February 10": the event's own date
    # "CHENNAI, Nov 14 - ... signed MoUs worth Rs 7,375 crore ... on Thursday": a weekday after the amount is
    # still the event's, not the dateline before it
    own = [m for m in own if not (m.kind == "date" and _in_dateline(ctx, sent, m))] or own
    if own:
        before = [m for m in own if m.span.start <= pos]
        chosen = before[-1] if before else own[0]
        d.date = _from_dateline(ctx, chosen) or chosen.value
        d.date_told = True
        return
    # "In the first quarter of this year, X inked 70 projects": the quarter, when nothing more precise is told
    period = [m for m in ctx.dates_in(sent.span.start, sent.span.end) if _period_usable(ctx, m)]
    if period:
        d.date = period[0].value
        d.date_told = True
        return
    vague = [m for m in ctx.dates_in(sent.span.start, sent.span.end) if m.kind in _VAGUE_KINDS]
    heading_date = _heading_date(ctx, sent)
    if vague:
        d.date = heading_date or vague[0].value
        if d.date is not None:
            return
    para = _para_date(ctx, sent)
    if para is not None:
        d.date = para
        return
    if heading_date is not None:
        d.date = heading_date
        return
    d.date = _lead_date(ctx, sent.section) or _lead_date(ctx, 0) or _published(ctx)


def _period_usable(ctx: Context, m: DateMention) -> bool:
    """A quarter or half-year that has begun by the publication (a later one is a plan) and is no deadline."""
    if m.kind != "period" or m.value is None or _is_deadline(ctx, m):
        return False
    pub = ctx.anchor.published
    return pub is None or (m.value.date.year, m.value.date.month) <= (pub.year, pub.month)


_DATELINE_HEAD = re.compile(r"^\s*[A-Z][A-Za-z .'-]{1,40},\s*(?:[A-Z][A-Za-z .'-]{1,30},\s*)?$")


def _in_dateline(ctx: Context, sent: Sentence, m: DateMention) -> bool:
    """The date of a wire dateline ("CHENNAI, March 14 (Reuters) -") is when it was filed, not the event's."""
    head = ctx.text[sent.span.start : m.span.start]
    after = ctx.text[m.span.end : m.span.end + 30]
    return bool(_DATELINE_HEAD.match(head)) and bool(re.match(r"\s*(?:\([^)]{1,30}\))?\s*(?:[-–—]|:\s)", after))


_WEEKDAY_NUMBERS = {w: i for i, w in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday"))}
_WEEKDAY_NUMBERS["sunday"] = 6


def _from_dateline(ctx: Context, m: DateMention) -> DateValue | None:
    """A weekday or "yesterday" read from the wire dateline when the page was published later: "DUBAI, Nov 3 -
    ... signed on Monday" is Monday Nov 3, not the Monday before the page's date."""
    if m.kind not in ("weekday", "relday") or m.value is None:
        return None
    filed = _dateline_date(ctx)
    if filed is None or filed.precision is not Precision.DAY or filed.date >= m.value.date:
        return None
    word = m.raw.split()[-1].lower()
    if m.kind == "weekday":
        back = (filed.date.weekday() - _WEEKDAY_NUMBERS.get(word, filed.date.weekday())) % 7
    else:
        back = {"today": 0, "yesterday": 1}.get(word, 2)
    return DateValue(filed.date - dt.timedelta(days=back), Precision.DAY, m.raw, m.span)


def _dateline_date(ctx: Context) -> DateValue | None:
    """The date of the document's wire dateline, if its first sentences have one (once per document)."""
    if "dateline_date" not in ctx.cache:
        found = None
        for s in ctx.layout.sentences[:4]:
            found = next(
                (
                    m.value
                    for m in ctx.dates_in(s.span.start, s.span.end)
                    if m.kind == "date" and _in_dateline(ctx, s, m)
                ),
                None,
            )
            if found is not None:
                break
        ctx.cache["dateline_date"] = found
    value: DateValue | None = ctx.cache["dateline_date"]
    return value


def _is_deadline(ctx: Context, m: DateMention) -> bool:
    """ "by the end of 2024", "by mid-August", "since May 2019": not when the commitment was made."""
    before = ctx.text[max(0, m.span.start - 20) : m.span.start]
    return bool(
        re.search(
            r"\b(?:by|until|till|since|before|from|through)\s+(?:the\s+end\s+of\s+|mid-|early\s+|late\s+)?(?:the\s+)?$",
            before,
            re.I,
        )
    )


def _heading_date(ctx: Context, sent: Sentence) -> DateValue | None:
    hi = ctx.layout.section_headings[sent.section] if sent.section < len(ctx.layout.section_headings) else None
    if hi is None:
        return None
    h = ctx.layout.sentences[hi]
    found = [m for m in ctx.dates_in(h.span.start, h.span.end) if _usable(m)]
    return found[0].value if found else None


def _para_date(ctx: Context, sent: Sentence) -> DateValue | None:
    """The last usable date told in the sentences of the paragraph before ``sent``.

    The paragraph's dated sentences are indexed once per document and looked up by position: every
    draft of a long paragraph asks, and re-reading the paragraph each time is quadratic.
    """
    key = ("para_dates", sent.paragraph)
    index = ctx.cache.get(key)
    if index is None:
        at: list[int] = []
        last: list[DateValue | None] = []
        for s in ctx.layout.of_paragraph(sent.paragraph):
            found = [m for m in ctx.dates_in(s.span.start, s.span.end) if _usable(m) and not _is_deadline(ctx, m)]
            if found:
                at.append(s.index)
                last.append(found[-1].value)
        index = ctx.cache[key] = (at, last)
    at, last = index
    i = bisect_left(at, sent.index)
    return last[i - 1] if i else None


def _lead_date(ctx: Context, section: int) -> DateValue | None:
    """The first recent usable date of a section's body (once per document and section)."""
    key = ("lead_date", section)
    if key not in ctx.cache:
        ctx.cache[key] = _find_lead_date(ctx, section)
    found: DateValue | None = ctx.cache[key]
    return found


def _find_lead_date(ctx: Context, section: int) -> DateValue | None:
    for s in ctx.layout.of_section(section):
        if s.heading:
            continue
        for m in ctx.dates_in(s.span.start, s.span.end):
            if _usable(m) and not _is_deadline(ctx, m) and m.value is not None and _recent(ctx, m.value):
                return m.value
    return None


def _recent(ctx: Context, v: DateValue) -> bool:
    """A lead date must be near the publication ("In June 2019 ..." in a 2020 roundup is background)."""
    pub = ctx.anchor.published
    if pub is None:
        return True
    if ctx.anchor.precision is not Precision.DAY:  # published "2020-08": anything up to the end of August
        pub = (pub.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return 0 <= (pub - v.date).days <= 200


def _published(ctx: Context) -> DateValue | None:
    a = ctx.anchor
    if a.published is None:
        return None
    return ctx.doc.published or DateValue(a.published, a.precision or Precision.DAY, a.published.isoformat())


def _place_candidates(text: str, names: list[Name]) -> list[Name]:
    places = [n for n in names if n.kind is Kind.PLACE and n.role not in ("origin", "dateline") and not n.possessive]
    if not places:  # "with the Rajasthan government": the government's place
        places = [
            replace(n, kind=Kind.PLACE, level=lvl)
            for n in names
            if n.kind is Kind.GOV and (lvl := place_level(n.name)) is not None
        ]
    if not places:  # "Hamriyah Free Zone Authority has signed a lease with X": the zone the authority runs
        places = [z for n in names if n.kind is Kind.GOV and (z := _zone_of_authority(text, n)) is not None]
    return places


def _zone_of_authority(text: str, n: Name) -> Name | None:
    """The zone in a zone authority's name: "Hamriyah Free Zone Authority" -> "Hamriyah Free Zone"."""
    head, _, last = n.name.rpartition(" ")
    if last != "Authority" or place_level(head) != 4:
        return None
    end = text.rfind("Authority", n.span.start, n.span.end)
    _, end = trim(text, n.span.start, end)
    return replace(n, name=head, span=Span(n.span.start, end), kind=Kind.PLACE, level=4)


def _best_place(ctx: Context, names: list[Name], pos: int | None = None) -> Name | None:
    cands = _place_candidates(ctx.text, names)
    if not cands:
        return None
    non_venue = [n for n in cands if n.role != "venue"] or cands
    located = [n for n in non_venue if _LOCATED.search(ctx.text[max(0, n.span.start - 40) : n.span.start])]
    pool = located or non_venue
    top = max(n.level for n in pool)
    best = [n for n in pool if n.level == top]
    if pos is not None:
        before = [n for n in best if n.span.start <= pos]
        if before:
            return before[-1]
    return best[0]


def fill_place(ctx: Context, d: Draft) -> None:
    sent = d.sentence
    pos = d.amount.money.span.start if d.amount else None
    place = _best_place(ctx, ctx.names_in(sent, d.seg_start, d.seg_end), pos)
    if place is None and len(ctx.amounts_of(sent.index)) <= 1:
        place = _best_place(ctx, ctx.names_in(sent), pos)
    if place is not None and place.level <= 1 and not d.aggregate:
        place = _site_nearby(ctx, sent) or place  # "invest ... in Tamil Nadu. The plant will come up at X park"
    if place is None:
        place = _para_place(ctx, sent)
    if place is None:
        place = _lead_place(ctx, sent.section, sent.index if d.aggregate else None)
    if place is None and sent.section != 0:
        place = _lead_place(ctx, 0)
    d.place = place


_SITE_WORDS = re.compile(
    r"\b(?:plant|factory|facility|unit|site|campus|fab|come\s+up|be\s+(?:built|located|set\s+up)|located)\b", re.I
)


def _site_nearby(ctx: Context, sent: Sentence) -> Name | None:
    """A zone, park, district or town named for the facility in the next sentences of the paragraph
    (without money of their own): more specific than the state named with the amount."""
    for s in ctx.layout.sentences[sent.index + 1 : sent.index + 3]:
        if s.paragraph != sent.paragraph and s.section != sent.section:
            break
        if ctx.amounts_of(s.index) or not _SITE_WORDS.search(ctx.text, s.span.start, s.span.end):
            continue
        found = [n for n in ctx.names[s.index] if n.kind is Kind.PLACE and n.level >= 2 and n.role == ""]
        if found:
            return _best_place(ctx, found)
    return None


def _para_place(ctx: Context, sent: Sentence) -> Name | None:
    """The best specific place named in the other sentences of the paragraph that have no money of their own."""

    def best(skip: int | None) -> Name | None:
        para = [
            n
            for s in ctx.layout.of_paragraph(sent.paragraph)
            if s.index != skip and not ctx.amounts_of(s.index)
            for n in ctx.names[s.index]
            if n.kind is Kind.PLACE and n.level >= 3
        ]
        return _best_place(ctx, para)

    if not ctx.amounts_of(sent.index):  # the sentence itself would count: leave it out
        return best(sent.index)
    # a sentence with money is left out anyway: one answer per paragraph, read once per document
    key = ("para_place", sent.paragraph)
    if key not in ctx.cache:
        ctx.cache[key] = best(None)
    found: Name | None = ctx.cache[key]
    return found


def _lead_place(ctx: Context, section: int, upto: int | None = None) -> Name | None:
    """The place a section (or the article) is about: its heading's, else its first sentence that names one.

    With ``upto`` (an aggregate's sentence), sentences after it come last, behind the titles: the place of a
    sub-project described later is not the place of the whole.
    """
    sents = ctx.layout.of_section(section)
    hi = ctx.layout.section_headings[section] if section < len(ctx.layout.section_headings) else None
    if hi is not None:
        p = _best_place(ctx, [n for n in ctx.names[hi] if n.role != "venue"])
        if p is not None and p.level >= 3:
            return p
    first = _first_body_place(ctx, section)
    if first is not None and (upto is None or first[0] <= upto):
        return first[1]
    key = ("title_place", section)  # once per document and section: every draft asks
    if key not in ctx.cache:
        ctx.cache[key] = _best_place(ctx, [n for s in sents if s.heading for n in ctx.names[s.index]])
    p = ctx.cache[key]
    if p is not None or upto is None:
        return p
    # the first body sentence naming a place comes after ``upto`` (or there is none): a sentence with money of its
    # own tells a part's site ("The largest is a Rs 7,200 crore park ... at Jharsuguda"), not the whole's
    if first is None or not ctx.amounts_of(first[0]):
        return first[1] if first is not None else None
    for s in sents:
        if s.index > first[0] and not s.heading and not ctx.amounts_of(s.index):
            p = _best_place(ctx, [n for n in ctx.names[s.index] if n.role != "venue"])
            if p is not None:
                return p
    return None


def _first_body_place(ctx: Context, section: int) -> tuple[int, Name] | None:
    """(sentence index, place) of the first body sentence of a section that names a place, once per document:
    every draft asks, and reading the section again each time is quadratic."""
    key = ("first_body_place", section)
    if key not in ctx.cache:
        found = None
        for s in ctx.layout.of_section(section):
            if s.heading:
                continue
            p = _best_place(ctx, [n for n in ctx.names[s.index] if n.role != "venue"])
            if p is not None:
                found = (s.index, p)
                break
        ctx.cache[key] = found
    result: tuple[int, Name] | None = ctx.cache[key]
    return result
