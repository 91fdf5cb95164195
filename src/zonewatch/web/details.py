"""What the project and findings pages show, built from the ledger's rows: every field with the text it came
from, each source's text with the extracted spans highlighted, and findings with their sentence highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from zonewatch.ledger.query import FindingRow, ProjectDetail
from zonewatch.web import i18n
from zonewatch.web.highlight import Mark, excerpt, highlight

# Span field of SourceDetail.spans -> highlight kind (its colour).
SPAN_KINDS = {
    "amount": "amount",
    "stated_conversions": "amount",
    "count": "amount",
    "investors": "investor",
    "hosts": "host",
    "date": "date",
    "place": "place",
    "stage": "stage",
    "project": "project",
    "area": "project",
    "jobs": "project",
    "evidence": "evidence",
}
SOURCE_CONTEXT = 400  # characters shown around the highlighted part of a long source


@dataclass(frozen=True, slots=True)
class Origin:
    index: int  # the source's number on the page, [1], [2], ...
    text: str


@dataclass(frozen=True, slots=True)
class FieldRow:
    label: str
    value: str
    kind: str
    origins: tuple[Origin, ...]
    edited: bool


def _origins(detail: ProjectDetail, span_field: str) -> tuple[Origin, ...]:
    out = []
    for i, source in enumerate(detail.sources, start=1):
        for span in source.spans.get(span_field, ()):
            quoted = span.text or source.text[span.start : span.end]
            if quoted:
                out.append(Origin(i, quoted))
    return tuple(out)


def field_rows(detail: ProjectDetail, t: dict[str, str], lang: str) -> list[FieldRow]:
    """Every field of the project: its ledger value and, per source, the text it was read from."""
    p = detail.project
    amount = i18n.amount(p.amount, p.amount_upper, p.currency, p.qualifier, lang)
    stage = t.get(f"stage_{p.stage}", p.stage) if p.stage else "–"
    rows = [
        ("investors", t["investors"], ", ".join(p.investors) or "–", "investors", "investor"),
        ("hosts", t["hosts"], ", ".join(p.hosts) or "–", "hosts", "host"),
        ("amount", t["amount"], amount, "amount", "amount"),
        ("count", t["count"], str(p.count) if p.count is not None else "–", "count", "amount"),
        ("date", t["date"], p.date_text or "–", "date", "date"),
        ("stage", t["stage"], stage, "stage", "stage"),
        ("place", t["place"], p.place or "–", "place", "place"),
        ("description", t["project_name"], p.description or "–", "project", "project"),
        ("sectors", t["sectors"], ", ".join(i18n.category(s, lang) for s in p.sectors) or "–", "", "project"),
        ("project_type", t["project_type"], i18n.category(p.project_type, lang), "", "project"),
    ]
    edited = set(p.edited_fields)
    return [
        FieldRow(label, value, kind, _origins(detail, span_field) if span_field else (), name in edited)
        for name, label, value, span_field, kind in rows
    ]


@dataclass(frozen=True, slots=True)
class SourceView:
    index: int
    detail: Any  # SourceDetail
    html: Markup
    offset: int  # > 0: the view starts inside the text
    clipped: bool  # True: the view ends before the text does


def source_views(detail: ProjectDetail) -> list[SourceView]:
    """Each source's text around the project's spans, highlighted (long articles are cut to the relevant part)."""
    views = []
    for i, source in enumerate(detail.sources, start=1):
        marks = [
            Mark(span.start, span.end, SPAN_KINDS.get(name, "evidence"), name)
            for name, spans in source.spans.items()
            for span in spans
        ]
        if len(source.text) <= 3 * SOURCE_CONTEXT:
            part, shifted, offset = source.text, marks, 0
        else:
            part, shifted, offset = excerpt(source.text, marks, SOURCE_CONTEXT)
        views.append(SourceView(i, source, highlight(part, shifted), offset, offset + len(part) < len(source.text)))
    return views


@dataclass(frozen=True, slots=True)
class Stated:
    index: int
    value: Any
    currency: str
    text: str


def stated_conversions(detail: ProjectDetail) -> list[Stated]:
    """Conversions the articles printed themselves ("($7300 million)"), per source."""
    out = []
    for i, source in enumerate(detail.sources, start=1):
        for conv in source.values.get("stated_conversions") or ():
            out.append(Stated(i, conv.get("value"), str(conv.get("currency") or ""), str(conv.get("text") or "")))
    return out


@dataclass(frozen=True, slots=True)
class FindingView:
    row: FindingRow
    html: Markup  # the sentence around the finding, the finding's own span highlighted


_SENTENCE_END = re.compile(r"[.!?。！？；\n]")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` holding ``[start, end)``: from after the previous sentence end to the next one.

    >>> t = "First one. Tencent pays RMB 5 billion ($7300 million) now. Last."
    >>> a, b = sentence_around(t, t.index("$7300"), t.index("$7300") + 13)
    >>> t[a:b]
    'Tencent pays RMB 5 billion ($7300 million) now.'
    """
    before = [
        m.end()
        for m in _SENTENCE_END.finditer(text, 0, start)
        if text[m.start()] != "." or _ends_sentence(text, m.start())
    ]
    lo = before[-1] if before else 0
    hi = len(text)
    for m in _SENTENCE_END.finditer(text, end):
        if text[m.start()] != "." or _ends_sentence(text, m.start()):
            hi = m.end()
            break
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, max(hi, end)


def _ends_sentence(text: str, i: int) -> bool:
    """A full stop ends a sentence when followed by a space or the end (not '5.2 billion', not 'Co.,')."""
    return i + 1 >= len(text) or (text[i + 1].isspace() and not text[max(0, i - 3) : i].endswith(("Co", "Ltd", "No")))


def finding_views(rows: Iterable[FindingRow]) -> list[FindingView]:
    """Findings with their sentence: the sentence highlighted, the quoted figure or date within it more strongly."""
    views = []
    for f in rows:
        if f.context and f.quote and f.quote in f.context:
            start = f.context.index(f.quote)
            end = start + len(f.quote)
            lo, hi = sentence_around(f.context, start, end)
            part = f.context[lo:hi]
            html = highlight(part, [Mark(0, len(part), "evidence", ""), Mark(start - lo, end - lo, "finding", f.kind)])
        elif f.quote:
            html = highlight(f.quote, [Mark(0, len(f.quote), "finding", f.kind)])
        else:
            html = Markup("")
        views.append(FindingView(f, html))
    return views
