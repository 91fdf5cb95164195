"""A stand-in extractor for ledger tests: one project per sentence "X invests RMB N billion in PLACE on DATE".

The ledger's behaviour (merge, versions, watch) must not depend on how good the real extractors are today.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from tests.ledger.factory import conv, day
from zonewatch.model import Extraction, Mention, Money, Project, Qualifier, Span

_SENTENCE = re.compile(
    r"(?P<inv>[A-Z][\w]+) invests (?P<amt>RMB (?P<n>\d+(?:\.\d+)?) billion) in (?P<place>[A-Z][\w\- ]+?)"
    r"(?: on (?P<date>\d{4}-\d{2}-\d{2}))?\."
)


def _mention(m: re.Match[str], group: str) -> Mention:
    return Mention(m[group], m[group], Span(m.start(group), m.end(group)))


def stub_extract(extraction: Extraction) -> Extraction:
    text = extraction.document.text
    projects = []
    for i, m in enumerate(_SENTENCE.finditer(text), 1):
        value = Decimal(m["n"]) * 10**9
        date = day(m["date"], text, m["date"]) if m["date"] else None
        on = m["date"] or "2020-08-20"
        projects.append(
            Project(
                id=f"p{i}",
                investors=(_mention(m, "inv"),),
                amount=Money(value, "CNY", Qualifier.EXACT, m["amt"], Span(m.start("amt"), m.end("amt"))),
                amount_cny=conv("CNY", str(value), "1", on),
                amount_usd=conv("USD", str(value * Decimal("0.1445")), "0.1445", on),
                date=date,
                place=_mention(m, "place"),
                evidence=(Span(m.start(), m.end()),),
            )
        )
    return replace(extraction, projects=tuple(projects))


STUB = [stub_extract]
