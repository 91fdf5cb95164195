"""A small ledger built in the test through the ledger's own write function (``store_extraction``).

The articles are our own short texts; their extractions are written by hand (so these tests do not
depend on the extractors' quality), normalized with the real ECB rates of ``zonewatch.normalize.fx``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from zonewatch.ledger.query import Ledger, open_ledger, store_extraction
from zonewatch.model import (
    DateValue,
    Document,
    Extraction,
    Finding,
    Mention,
    Money,
    Precision,
    Project,
    Qualifier,
    Quantity,
    Span,
    Stage,
    StageValue,
)
from zonewatch.normalize.fx import convert

AUGUST = """What the hi-tech zone signed in August

Aug 20 | A headquarters for Tencent
Tencent agreed with Chengdu Hi-Tech Zone on August 20 to put RMB 5 billion ($7300 million) into a new cultural and creative headquarters.

Aug 27 | Chip projects
Electronic information projects worth RMB 25.4 billion were signed for Chengdu Hi-Tech Zone. Eswin takes RMB 11 billion of it for an integrated circuit packaging plant.

Aug 27 | A copyright base
The partners signed on August 31 to build a blockchain copyright base.

Aug 29 | Bio-Town breaks ground
Tianfu International Bio-Town started construction of 23 projects totalling RMB 16.8 billion.
"""

JULY_ZH = """高新区七月签约一览
7月10日，京东方与成都高新区签约，拟投资20亿元建设研发中心。
"""

ELSEWHERE = """Pudong signs a battery plant
On August 12, 2020, CATL agreed to invest RMB 3 billion in a battery plant in Shanghai Pudong New Area.
"""

YEAR_BEFORE = """A factory for the zone
On August 5, 2019, Siemens agreed to invest EUR 100 million in a motion-control factory at Chengdu Hi-Tech Zone.
"""


def _span(text: str, raw: str, after: str = "") -> Span:
    start = text.index(raw, text.index(after) if after else 0)
    return Span(start, start + len(raw))


def _mention(text: str, raw: str, after: str = "", canonical: str | None = None) -> Mention:
    return Mention(raw, raw, _span(text, raw, after), canonical)


def _project(text: str, pid: str, published: DateValue, **kw: Any) -> Project:
    """A normalized project: ``amount=(raw, value, currency[, qualifier])``, ``date=(raw, iso)``, names as raw text."""
    after = kw.get("after", "")
    amount = None
    if "amount" in kw:
        raw, value, currency, *rest = kw["amount"]
        amount = Money(Decimal(value), currency, rest[0] if rest else Qualifier.EXACT, raw, _span(text, raw, after))
    date = None
    if "date" in kw:
        raw, iso = kw["date"]
        day = dt.date.fromisoformat(iso)
        date = DateValue(day, Precision.DAY, raw, _span(text, raw, after))
    on = date.date if date else published.date
    stated = tuple(Money(Decimal(v), c, Qualifier.EXACT, r, _span(text, r, after)) for r, v, c in kw.get("stated", ()))
    return Project(
        id=pid,
        investors=tuple(_mention(text, n, after) for n in kw.get("investors", ())),
        hosts=tuple(_mention(text, n, after) for n in kw.get("hosts", ())),
        amount=amount,
        stated_conversions=stated,
        count=Quantity(Decimal(kw["count"][1]), kw["count"][0], _span(text, kw["count"][0], after))
        if "count" in kw
        else None,
        parent=kw.get("parent"),
        date=date,
        stage=StageValue(kw["stage"][1], kw["stage"][0], _span(text, kw["stage"][0], after)) if "stage" in kw else None,
        place=_mention(text, kw["place"], after) if "place" in kw else None,
        project=_mention(text, kw["project"], after) if "project" in kw else None,
        evidence=(_span(text, kw.get("evidence", text.strip().splitlines()[-1]), after),),
        amount_cny=convert(amount, "CNY", on) if amount else None,
        amount_usd=convert(amount, "USD", on) if amount else None,
        sectors=tuple(kw.get("sectors", ())),
    )


def _published(iso: str) -> DateValue:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 2:
        return DateValue(dt.date(parts[0], parts[1], 1), Precision.MONTH, iso)
    return DateValue(dt.date(*parts), Precision.DAY, iso)


def august() -> Extraction:
    t, pub = AUGUST, _published("2020-08")
    doc = Document(
        t, "en", "august.txt", "https://example.org/zone/august-2020", "What the hi-tech zone signed in August", pub
    )
    tencent = _project(
        t,
        "p1",
        pub,
        investors=["Tencent"],
        hosts=["Chengdu Hi-Tech Zone"],
        amount=("RMB 5 billion", "5000000000", "CNY"),
        stated=[("$7300 million", "7300000000", "USD")],
        date=("August 20", "2020-08-20"),
        stage=("agreed", Stage.SIGNED),
        place="Chengdu Hi-Tech Zone",
        project="new cultural and creative headquarters",
        after="Tencent agreed",
        evidence="Tencent agreed with Chengdu Hi-Tech Zone on August 20",
        sectors=["digital_culture"],
    )
    chips = _project(
        t,
        "p2",
        pub,
        amount=("RMB 25.4 billion", "25400000000", "CNY"),
        date=("Aug 27", "2020-08-27"),
        stage=("signed", Stage.SIGNED),
        place="Chengdu Hi-Tech Zone",
        project="Electronic information projects",
        after="Aug 27 | Chip",
        evidence="Electronic information projects",
        sectors=["electronics_semiconductors"],
    )
    eswin = _project(
        t,
        "p3",
        pub,
        investors=["Eswin"],
        amount=("RMB 11 billion", "11000000000", "CNY"),
        parent="p2",
        date=("Aug 27", "2020-08-27"),
        project="integrated circuit packaging plant",
        after="Aug 27 | Chip",
        evidence="Eswin takes",
        sectors=["electronics_semiconductors"],
    )
    biotown = _project(
        t,
        "p4",
        pub,
        amount=("RMB 16.8 billion", "16800000000", "CNY"),
        count=("23 projects", "23"),
        date=("Aug 29", "2020-08-29"),
        stage=("started construction", Stage.STARTED),
        place="Tianfu International Bio-Town",
        after="Aug 29",
        evidence="Tianfu International Bio-Town started",
        sectors=["biomedicine_health"],
    )
    usd = tencent.amount_usd
    assert usd is not None and usd.value is not None and usd.rate is not None and usd.rate_date is not None
    findings = (
        Finding(
            "conversion_mismatch",
            f"stated $7300 million for RMB 5 billion; at the ECB rate it is about ${usd.value / 1_000_000:.1f} million",
            _span(t, "$7300 million"),
            "p1",
            {
                "stated": 7300000000.0,
                "expected": float(usd.value),
                "currency": "USD",
                "rate": float(usd.rate),
                "rate_date": usd.rate_date.isoformat(),
                "factor": round(7300000000 / float(usd.value), 2),
            },
        ),
        Finding(
            "date_mismatch",
            "the item under the heading 'Aug 27' says August 31",
            _span(t, "August 31"),
            None,
            {"heading": "Aug 27", "heading_date": "08-27", "text_date": "08-31"},
        ),
    )
    return Extraction(doc, (tencent, chips, eswin, biotown), findings)


def july_zh() -> Extraction:
    t, pub = JULY_ZH, _published("2020-07-15")
    doc = Document(t, "zh", "july.txt", None, "高新区七月签约一览", pub)
    boe = _project(
        t,
        "p1",
        pub,
        investors=["京东方"],
        hosts=["成都高新区"],
        amount=("20亿元", "2000000000", "CNY"),
        date=("7月10日", "2020-07-10"),
        stage=("签约", Stage.SIGNED),
        place="成都高新区",
        project="研发中心",
        evidence="7月10日，京东方与成都高新区签约",
        sectors=["electronics_semiconductors"],
    )
    return Extraction(doc, (boe,), ())


def elsewhere() -> Extraction:
    t, pub = ELSEWHERE, _published("2020-08-13")
    doc = Document(t, "en", "pudong.txt", "https://example.org/pudong", "Pudong signs a battery plant", pub)
    catl = _project(
        t,
        "p1",
        pub,
        investors=["CATL"],
        amount=("RMB 3 billion", "3000000000", "CNY"),
        date=("August 12, 2020", "2020-08-12"),
        stage=("agreed", Stage.SIGNED),
        place="Shanghai Pudong New Area",
        project="battery plant",
    )
    return Extraction(doc, (catl,), ())


def year_before() -> Extraction:
    t, pub = YEAR_BEFORE, _published("2019-08-06")
    doc = Document(t, "en", "siemens.txt", "https://example.org/siemens", "A factory for the zone", pub)
    siemens = _project(
        t,
        "p1",
        pub,
        investors=["Siemens"],
        amount=("EUR 100 million", "100000000", "EUR"),
        date=("August 5, 2019", "2019-08-05"),
        stage=("agreed", Stage.SIGNED),
        place="Chengdu Hi-Tech Zone",
        project="motion-control factory",
        sectors=["advanced_manufacturing"],
    )
    return Extraction(doc, (siemens,), ())


def small_ledger(url: str) -> Ledger:
    """Four documents: August 2020 at the zone (with errors), July 2020 in Chinese, August 2019, and another zone."""
    ledger = open_ledger(url)
    for extraction in (august(), july_zh(), elsewhere(), year_before()):
        result = store_extraction(ledger, extraction)
        assert result.status == "new", result
    return ledger
