"""A small ledger for the web tests, built through the ledger's own functions (``store_extraction``) from
extractions written here, so the tests do not depend on the extractors' current quality.

It holds: Tencent's RMB 5 billion signing in Chengdu (with the article's wrong "$7300 million" and a
conversion finding), NetEase a month earlier, a Chinese announcement, and an article full of XSS payloads
whose investor, place and title are payloads too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zonewatch.ledger import query
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
    Span,
    Stage,
    StageValue,
)

XSS_SCRIPT = "<script>window.__xss = 1; alert('xss')</script>"
XSS_IMG = '<img src=x onerror="window.__xss = 2; alert(2)">'
XSS_LINK = '<a href="javascript:window.__xss=3">click</a>'
XSS_INVESTOR = "<script>window.__xss=4</script>Evil Corp"
XSS_PLACE = '<img src=x onerror="window.__xss=5">Zone'
XSS_TITLE = "<script>window.__xss=6</script>Headline"


def _span(text: str, part: str, start: int = 0) -> Span:
    i = text.index(part, start)
    return Span(i, i + len(part))


def _mention(text: str, part: str, name: str | None = None) -> Mention:
    return Mention(name or part, part, _span(text, part))


def _conv(currency: str, value: str, rate: str, day: dt.date) -> Conversion:
    return Conversion(currency, Decimal(value), None, Decimal(rate), day, "ECB")


def _published(day: dt.date) -> DateValue:
    return DateValue(day, Precision.DAY, day.isoformat())


TENCENT_TEXT = (
    "Aug 20 | Tencent signs with Chengdu Hi-Tech Zone\n"
    "On August 20, Tencent signed an agreement with Chengdu Hi-Tech Zone to invest RMB 5 billion "
    "($7300 million) in a new cultural and creative headquarters in the zone."
)
NETEASE_TEXT = (
    "Jul 15 | NetEase starts building in Tianfu\n"
    "On July 15, NetEase started building its RMB 2 billion research centre in Chengdu Hi-Tech Zone."
)
ZH_TEXT = "2020年8月25日，比亚迪与成都高新区签约，拟投资43.2亿元建设新能源汽车零部件项目。"
XSS_TEXT = (
    f"Zone news {XSS_SCRIPT} and {XSS_IMG} and {XSS_LINK}.\n"
    f"On August 28, {XSS_INVESTOR} agreed to invest RMB 1 billion in {XSS_PLACE} for a factory."
)


def tencent() -> Extraction:
    t = TENCENT_TEXT
    day = dt.date(2020, 8, 20)
    amount = Money(Decimal("5000000000"), "CNY", Qualifier.EXACT, "RMB 5 billion", _span(t, "RMB 5 billion"))
    stated = Money(Decimal("7300000000"), "USD", Qualifier.EXACT, "$7300 million", _span(t, "$7300 million"))
    sentence = _span(t, "On August 20, Tencent signed")
    project = Project(
        id="p1",
        investors=(Mention("Tencent", "Tencent", _span(t, "Tencent", t.index("On August"))),),
        hosts=(Mention("Chengdu Hi-Tech Zone", "Chengdu Hi-Tech Zone", _span(t, "Chengdu Hi-Tech Zone", 60)),),
        amount=amount,
        stated_conversions=(stated,),
        date=DateValue(day, Precision.DAY, "August 20", _span(t, "August 20")),
        stage=StageValue(Stage.SIGNED, "signed", _span(t, "signed")),
        place=Mention("Chengdu Hi-Tech Zone", "Chengdu Hi-Tech Zone", _span(t, "Chengdu Hi-Tech Zone", 60)),
        project=_mention(t, "new cultural and creative headquarters"),
        evidence=(Span(sentence.start, len(t)),),
        amount_cny=_conv("CNY", "5000000000", "1", day),
        amount_usd=_conv("USD", "722700000", "0.14454", day),
        sectors=("digital economy & culture",),
        project_type="headquarters",
    )
    finding = Finding(
        "conversion_mismatch",
        "the article prints RMB 5 billion as $7300 million; at the ECB rate of 2020-08-20 it is about $722.7 million",
        _span(t, "$7300 million"),
        project="p1",
    )
    doc = Document(t, "en", "tencent.txt", None, "Tencent signs with Chengdu Hi-Tech Zone", _published(day))
    return Extraction(doc, (project,), (finding,))


def netease() -> Extraction:
    t = NETEASE_TEXT
    day = dt.date(2020, 7, 15)
    project = Project(
        id="p1",
        investors=(_mention(t, "NetEase", "NetEase"),),
        amount=Money(Decimal("2000000000"), "CNY", Qualifier.EXACT, "RMB 2 billion", _span(t, "RMB 2 billion")),
        date=DateValue(day, Precision.DAY, "July 15", _span(t, "July 15")),
        stage=StageValue(Stage.STARTED, "started building", _span(t, "started building")),
        place=Mention("Chengdu Hi-Tech Zone", "Chengdu Hi-Tech Zone", _span(t, "Chengdu Hi-Tech Zone")),
        project=_mention(t, "research centre"),
        evidence=(_span(t, "On July 15"),),
        amount_cny=_conv("CNY", "2000000000", "1", day),
        amount_usd=_conv("USD", "286000000", "0.143", day),
        sectors=("digital economy & culture",),
    )
    doc = Document(t, "en", "netease.txt", None, "NetEase starts building in Tianfu", _published(day))
    return Extraction(doc, (project,))


def byd_zh() -> Extraction:
    t = ZH_TEXT
    day = dt.date(2020, 8, 25)
    project = Project(
        id="p1",
        investors=(_mention(t, "比亚迪", "比亚迪"),),
        hosts=(_mention(t, "成都高新区", "成都高新区"),),
        amount=Money(Decimal("4320000000"), "CNY", Qualifier.EXACT, "43.2亿元", _span(t, "43.2亿元")),
        date=DateValue(day, Precision.DAY, "2020年8月25日", _span(t, "2020年8月25日")),
        stage=StageValue(Stage.SIGNED, "签约", _span(t, "签约")),
        place=_mention(t, "成都高新区", "成都高新区"),
        project=_mention(t, "新能源汽车零部件项目"),
        evidence=(Span(0, len(t)),),
        amount_cny=_conv("CNY", "4320000000", "1", day),
        amount_usd=_conv("USD", "624000000", "0.1444", day),
        sectors=("new energy & vehicles",),
    )
    doc = Document(t, "zh", "byd.txt", None, "比亚迪签约成都高新区", _published(day))
    return Extraction(doc, (project,))


def xss() -> Extraction:
    t = XSS_TEXT
    day = dt.date(2020, 8, 28)
    project = Project(
        id="p1",
        investors=(_mention(t, XSS_INVESTOR),),
        amount=Money(Decimal("1000000000"), "CNY", Qualifier.EXACT, "RMB 1 billion", _span(t, "RMB 1 billion")),
        date=DateValue(day, Precision.DAY, "August 28", _span(t, "August 28")),
        stage=StageValue(Stage.SIGNED, "agreed", _span(t, "agreed")),
        place=_mention(t, XSS_PLACE),
        project=_mention(t, "factory"),
        evidence=(_span(t, "On August 28"),),
        amount_cny=_conv("CNY", "1000000000", "1", day),
        amount_usd=_conv("USD", "144500000", "0.1445", day),
        sectors=("<b>bold sector</b>",),
    )
    finding = Finding("date_mismatch", f"finding message with {XSS_SCRIPT}", _span(t, XSS_SCRIPT), project="p1")
    doc = Document(t, "en", "xss.txt", "https://example.org/xss", XSS_TITLE, _published(day))
    return Extraction(doc, (project,), (finding,))


def build(url: str) -> query.Ledger:
    """A fresh ledger at ``url`` holding the four documents above."""
    ledger = query.open_ledger(url)
    for extraction in (netease(), tencent(), byd_zh(), xss()):
        result = query.store_extraction(ledger, extraction)
        assert result.status == "new", result
    return ledger
