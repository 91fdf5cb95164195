"""Extractions built by hand: the smallest inputs that exercise the ledger, independent of the extractors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zonewatch.model import (
    Conversion,
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


def find(text: str, raw: str) -> Span:
    start = text.index(raw)
    return Span(start, start + len(raw))


def mention(text: str, raw: str, canonical: str | None = None) -> Mention:
    return Mention(raw, raw, find(text, raw), canonical)


def day(value: str, text: str = "", raw: str | None = None) -> DateValue:
    parts = [int(x) for x in value.split("-")]
    precision = {3: Precision.DAY, 2: Precision.MONTH, 1: Precision.YEAR}[len(parts)]
    date = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    span = find(text, raw) if raw else None
    return DateValue(date, precision, raw or value, span)


def conv(currency: str, value: str, rate: str, on: str) -> Conversion:
    return Conversion(currency, Decimal(value), None, Decimal(rate), dt.date.fromisoformat(on), "ECB")


def project(
    text: str,
    pid: str = "p1",
    investors: tuple[str, ...] = (),
    amount: tuple[str, str, str] | None = None,  # (raw, value, currency)
    cny: str | None = None,
    usd: str | None = None,
    date: tuple[str, str] | None = None,  # (iso, raw)
    stage: tuple[Stage, str] | None = None,
    place: str | None = None,
    desc: str | None = None,
    count: tuple[int, str] | None = None,
    parent: str | None = None,
    sectors: tuple[str, ...] = (),
    canonical: dict[str, str] | None = None,
    qualifier: Qualifier = Qualifier.EXACT,
) -> Project:
    canonical = canonical or {}
    on = date[0] if date else "2020-08-20"
    on = on if len(on) == 10 else f"{on[:7]}-01"
    return Project(
        id=pid,
        investors=tuple(mention(text, n, canonical.get(n)) for n in investors),
        amount=Money(Decimal(amount[1]), amount[2], qualifier, amount[0], find(text, amount[0])) if amount else None,
        amount_cny=conv("CNY", cny, "1", on) if cny else None,
        amount_usd=conv("USD", usd, "0.1445", on) if usd else None,
        date=day(date[0], text, date[1]) if date else None,
        stage=StageValue(stage[0], stage[1], find(text, stage[1])) if stage else None,
        place=mention(text, place, canonical.get(place)) if place else None,
        project=mention(text, desc) if desc else None,
        count=Quantity(Decimal(count[0]), count[1], find(text, count[1])) if count else None,
        parent=parent,
        sectors=sectors,
        evidence=(Span(0, len(text)),),
    )


def extraction(
    text: str,
    *projects: Project,
    source: str = "-",
    url: str | None = None,
    published: str | None = "2020-08-31",
    lang: str = "en",
    title: str | None = None,
    findings: tuple[Finding, ...] = (),
) -> Extraction:
    doc = Document(
        text=text, language=lang, source=source, url=url, title=title, published=day(published) if published else None
    )
    return Extraction(doc, tuple(projects), findings)


TENCENT_EN = (
    "On August 20, Tencent signed with Chengdu Hi-Tech Zone to invest RMB 5 billion in a new cultural "
    "and creative headquarters."
)
TENCENT_ZH = "8月20日，腾讯与成都高新区签约，投资50亿元建设文化创意总部。"


def tencent_en(**kw: object) -> Extraction:
    t = TENCENT_EN
    p = project(
        t,
        investors=("Tencent",),
        amount=("RMB 5 billion", "5000000000", "CNY"),
        cny="5000000000",
        usd="722700000",
        date=("2020-08-20", "August 20"),
        stage=(Stage.SIGNED, "signed"),
        place="Chengdu Hi-Tech Zone",
        desc="new cultural and creative headquarters",
        sectors=("digital economy & culture",),
    )
    return extraction(t, p, source="tencent-en.txt", url="https://example.org/en/tencent", **kw)  # type: ignore[arg-type]


def tencent_zh(**kw: object) -> Extraction:
    t = TENCENT_ZH
    p = project(
        t,
        investors=("腾讯",),
        amount=("50亿元", "5000000000", "CNY"),
        cny="5000000000",
        usd="722700000",
        date=("2020-08-20", "8月20日"),
        stage=(Stage.SIGNED, "签约"),
        place="成都高新区",
        desc="文化创意总部",
        canonical={"腾讯": "Tencent", "成都高新区": "Chengdu Hi-Tech Zone"},
    )
    return extraction(t, p, source="tencent-zh.txt", url="https://example.org/zh/tencent", lang="zh", **kw)  # type: ignore[arg-type]
