"""A roundup built by hand (facts of a month at Chengdu Hi-Tech Zone), for the renderers' golden tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zonewatch.model import Conversion, Precision, Qualifier, Stage
from zonewatch.report.roundup import (
    Amount,
    Bar,
    Correction,
    Headline,
    Month,
    Roundup,
    RoundupItem,
    SourceRef,
    Totals,
    totals_of,
)

D = Decimal
ECB = "ECB reference rate (currencyconverter)"


def usd(value: str, rate: str, day: dt.date) -> Conversion:
    return Conversion("USD", D(value), None, D(rate), day, ECB)


def cny(value: str, day: dt.date) -> Conversion:
    return Conversion("CNY", D(value), None, D(1), day, "same currency")


AUG20 = dt.date(2020, 8, 20)
AUG27 = dt.date(2020, 8, 27)
AUG29 = dt.date(2020, 8, 29)

TENCENT = RoundupItem(
    date=AUG20,
    precision=Precision.DAY,
    investors=("Tencent",),
    project="new cultural and creative headquarters",
    place="Chengdu Hi-Tech Zone",
    amount=Amount(D("5000000000"), "CNY"),
    usd=usd("722716000", "0.1445432", AUG20),
    cny=cny("5000000000", AUG20),
    stage=Stage.SIGNED,
    sectors=("digital economy & culture",),
    sources=(1,),
    ref="7",
)
NETEASE = RoundupItem(
    date=AUG20,
    precision=Precision.DAY,
    investors=("NetEase",),
    project="digital industry base",
    place="Singapore-Sichuan Hi-tech Innovation Park",
    amount=Amount(D("13000000000"), "CNY", Qualifier.APPROX),
    usd=usd("1879061600", "0.1445432", AUG20),
    cny=cny("13000000000", AUG20),
    stage=Stage.SIGNED,
    sectors=("digital economy & culture",),
    sources=(1,),
)
ESWIN = RoundupItem(
    date=AUG27,
    precision=Precision.DAY,
    investors=("Eswin",),
    project="integrated circuit packaging and testing",
    place=None,
    amount=Amount(D("11000000000"), "CNY"),
    usd=usd("1600720000", "0.14552", AUG27),
    cny=cny("11000000000", AUG27),
    stage=Stage.SIGNED,
    sources=(1,),
)
CHIPS = RoundupItem(
    date=AUG27,
    precision=Precision.DAY,
    investors=(),
    project="electronic information industry projects",
    place="Chengdu Hi-Tech Zone",
    amount=Amount(D("25400000000"), "CNY"),
    usd=usd("3696208000", "0.14552", AUG27),
    cny=cny("25400000000", AUG27),
    stage=Stage.SIGNED,
    count=None,
    sectors=("electronic information & semiconductors",),
    sources=(1,),
    children=(ESWIN,),
)
BIOTOWN = RoundupItem(
    date=AUG29,
    precision=Precision.DAY,
    investors=(),
    project=None,
    place="Tianfu International Bio-Town",
    amount=Amount(D("16800000000"), "CNY"),
    usd=usd("2437584000", "0.145094", AUG29),
    cny=cny("16800000000", AUG29),
    stage=Stage.STARTED,
    count=23,
    sectors=("biomedicine & health",),
    sources=(1, 2),
)
EURO = RoundupItem(
    date=dt.date(2020, 8, 1),
    precision=Precision.MONTH,
    investors=("Siemens", "Chengdu Gaotou"),
    project="motion-control factory",
    place="Chengdu Hi-Tech Zone",
    amount=Amount(D("120000000"), "EUR", Qualifier.AT_LEAST),
    usd=Conversion("USD", D("141600000"), None, D("1.18"), dt.date(2020, 8, 3), ECB),
    cny=Conversion("CNY", D("979000000"), None, D("8.1583"), dt.date(2020, 8, 3), ECB),
    stage=Stage.ANNOUNCED,
    sources=(2,),
)

ITEMS = (EURO, TENCENT, NETEASE, CHIPS, BIOTOWN)

CORRECTIONS = (
    Correction(
        kind="conversion_mismatch",
        message="stated USD 7,300,000,000 for CNY 5,000,000,000; expected about 722,716,000",
        sources=(1,),
        amount=Amount(D("5000000000"), "CNY"),
        stated=Amount(D("7300000000"), "USD"),
        stated_text="$7300 million",
        expected=Amount(D("722716000"), "USD"),
        rate=D("0.1445432"),
        rate_date=AUG20,
        subject="Tencent",
    ),
    Correction(
        kind="date_mismatch",
        message="heading says Aug 27, text says August 31",
        sources=(1,),
        heading_date=AUG27,
        text_date=dt.date(2020, 8, 31),
        subject="blockchain intellectual property base",
    ),
    Correction(kind="parts_exceed_total", message="named parts add up to more than the stated total", sources=(2,)),
)

SOURCES = (
    SourceRef(1, "August roundup at the hi-tech zone", "https://example.org/cdht/august", "2020-08"),
    SourceRef(2, None, None, "2020-08-30", source="examples/biotown.txt"),
)


def roundup(lang: str = "en") -> Roundup:
    """The hand-built roundup: August 2020, one month before with data, none a year before."""
    month = Month(2020, 8)
    return Roundup(
        zone="Chengdu Hi-Tech Zone" if lang == "en" else "成都高新区",
        month=month,
        lang=lang,
        headline=Headline(
            month=month,
            totals=totals_of(ITEMS),
            previous=Totals(records=2, projects=2, cny=D("3000000000"), usd=D("430000000")),
            year_before=None,
        ),
        items=ITEMS,
        corrections=CORRECTIONS,
        sources=SOURCES,
        parks=("Tianfu International Bio-Town", "Singapore-Sichuan Hi-tech Innovation Park"),
        by_sector=(
            Bar("biomedicine & health", D("16800000000"), 1),
            Bar("digital economy & culture", D("18000000000"), 2),
        ),
        by_week=(Bar("Aug 17–23", D("18000000000"), 2), Bar("Aug 24–30", D("42200000000"), 2)),
    )
