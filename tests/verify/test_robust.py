"""Normalization and verification never raise on odd input: any text, any spans, zero or huge amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zonewatch.model import (
    DateValue,
    Document,
    Extraction,
    Mention,
    Money,
    Precision,
    Project,
    Qualifier,
    Quantity,
    Span,
)
from zonewatch.normalize.fx import convert_amounts
from zonewatch.normalize.names import canonicalize
from zonewatch.normalize.sectors import classify
from zonewatch.normalize.units import measure
from zonewatch.verify import verify

PIECES = st.sampled_from(
    [
        "Aug 27 | x\n",
        "On August 31, ",
        "RMB 5 billion",
        "($7300 million)",
        "亿元",
        "8月3日",
        "95 acres",
        "带动就业",
        "\n",
        "总投资",
        "0",
        "9",
        ".",
        " ",
        "腾讯",
        "CDHT",
        "|",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    text = draw(TEXTS)
    n = len(text)

    def span() -> Span:
        a = draw(st.integers(0, n))
        return Span(a, draw(st.integers(a, n)))

    def money() -> Money:
        s = span()
        value = draw(st.sampled_from([Decimal(0), Decimal(1), Decimal("5e9"), Decimal("1e15"), Decimal("0.01")]))
        return Money(
            value,
            draw(st.sampled_from(["CNY", "USD", "EUR", "VND", "AED", "XXX"])),
            draw(st.sampled_from(list(Qualifier))),
            s.slice(text),
            s,
        )

    def date() -> DateValue:
        d = draw(st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)))
        return DateValue(d, draw(st.sampled_from(list(Precision))), "x", span())

    projects = []
    for i in range(draw(st.integers(0, 4))):
        s = span()
        projects.append(
            Project(
                id=f"p{i + 1}",
                investors=(Mention(s.slice(text), s.slice(text), s),) if draw(st.booleans()) else (),
                amount=money() if draw(st.booleans()) else None,
                stated_conversions=(money(),) if draw(st.booleans()) else (),
                count=Quantity(Decimal(draw(st.integers(0, 500))), "x", span()) if draw(st.booleans()) else None,
                parent=draw(st.sampled_from([None, "p1", "p2", "p9"])),
                date=date() if draw(st.booleans()) else None,
                place=Mention("成都高新区", "x", span()) if draw(st.booleans()) else None,
                evidence=(span(),),
            )
        )
    published = date() if draw(st.booleans()) else None
    doc = Document(text=text, language=draw(st.sampled_from(["en", "zh"])), published=published)
    return Extraction(document=doc, projects=tuple(projects))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extractions())
def test_components_never_raise_and_spans_stay_in_the_text(ex: Extraction) -> None:
    for component in (canonicalize, convert_amounts, measure, classify, verify):
        ex = component(ex)
    n = len(ex.document.text)
    for f in ex.findings:
        assert 0 <= f.span.start <= f.span.end <= n and f.message
    for p in ex.projects:
        for q in (p.area, p.jobs):
            if q is not None:
                assert ex.document.text[q.span.start : q.span.end] == q.raw
