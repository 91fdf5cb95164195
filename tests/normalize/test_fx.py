"""Exchange rates: the ECB rate of the day (or the last one published before it), pegs, and honest gaps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zonewatch.model import DateValue, Document, Extraction, Money, Precision, Project, Qualifier, Span
from zonewatch.normalize.fx import NoRate, Rate, convert, convert_amounts, rate, rate_day, rate_range

D = dt.date


def money(value: str, currency: str = "CNY", upper: str | None = None, q: Qualifier = Qualifier.EXACT) -> Money:
    return Money(Decimal(value), currency, q, "x", Span(0, 1), Decimal(upper) if upper else None)


# (source, target, day, expected target units for 1 source unit within 0.1%, rate date used)
RATES = [
    ("CNY", "USD", D(2020, 8, 20), Decimal("0.14454"), D(2020, 8, 20)),  # the seed's Tencent day
    ("CNY", "USD", D(2020, 8, 22), None, D(2020, 8, 21)),  # Saturday: Friday's published rate
    ("USD", "CNY", D(2020, 12, 25), None, D(2020, 12, 24)),  # Christmas: no ECB fixing
    ("EUR", "USD", D(2020, 8, 20), Decimal("1.1850"), D(2020, 8, 20)),
    ("SAR", "USD", D(2020, 8, 20), Decimal("0.266667"), D(2020, 8, 20)),  # official peg 3.75
    ("USD", "AED", D(2015, 1, 1), Decimal("3.6725"), D(2015, 1, 1)),  # official peg
]


@pytest.mark.parametrize(("source", "target", "day", "expected", "rate_date"), RATES)
def test_rates(source: str, target: str, day: dt.date, expected: Decimal | None, rate_date: dt.date) -> None:
    found = rate(source, target, day)
    assert isinstance(found, Rate)
    assert found.date == rate_date
    if expected is not None:
        assert abs(found.value - expected) / expected < Decimal("0.001")


@pytest.mark.parametrize(
    ("source", "target", "day", "says"),
    [
        ("CNY", "USD", D(2004, 6, 1), "no CNY rate before 2005-04-01"),
        ("RUB", "USD", D(2023, 1, 5), "RUB end on 2022-03-01"),  # the ECB stopped publishing the rouble
        ("CNY", "USD", D(2030, 1, 1), "end on"),  # after the bundled data: never the last rate silently
        ("VND", "USD", D(2020, 8, 20), "Vietnamese dong"),
        ("USD", "EGP", D(2020, 8, 20), "Egyptian pound"),
        ("SAR", "USD", D(1980, 1, 1), "peg"),  # before the peg began
    ],
)
def test_no_rate_is_said_out_loud(source: str, target: str, day: dt.date, says: str) -> None:
    found = rate(source, target, day)
    assert isinstance(found, NoRate)
    assert says in found.reason


def test_tencent_five_billion_is_about_723_million_dollars() -> None:
    conv = convert(money("5000000000"), "USD", D(2020, 8, 20))
    assert conv.value is not None and abs(conv.value - Decimal("722700000")) < Decimal("500000")
    assert conv.rate_date == D(2020, 8, 20) and "ECB" in conv.source


def test_ranges_carry_over_and_same_currency_is_identity() -> None:
    conv = convert(money("10000000000", upper="15000000000"), "USD", D(2020, 8, 20))
    assert conv.value is not None and conv.upper is not None
    assert abs(conv.upper / conv.value - Decimal("1.5")) < Decimal("1e-6")
    same = convert(money("5", "CNY"), "CNY", None)
    assert same.value == Decimal(5) and same.rate == 1


def test_no_date_no_conversion() -> None:
    conv = convert(money("5"), "USD", None, "no date")
    assert conv.value is None and conv.note == "no date"


@pytest.mark.parametrize(
    ("date", "published", "day", "noted"),
    [
        (DateValue(D(2020, 8, 20), Precision.DAY, "Aug 20"), None, D(2020, 8, 20), False),
        (DateValue(D(2020, 8, 1), Precision.MONTH, "August"), None, D(2020, 8, 15), True),
        (None, DateValue(D(2020, 8, 1), Precision.MONTH, "2020-08"), D(2020, 8, 15), True),
        # mid-month would be after the article itself: the publication day instead
        (
            DateValue(D(2020, 8, 1), Precision.MONTH, "August"),
            DateValue(D(2020, 8, 6), Precision.DAY, "x"),
            D(2020, 8, 6),
            True,
        ),
        (DateValue(D(2019, 1, 1), Precision.YEAR, "2019"), None, D(2019, 7, 1), True),
        (None, None, None, True),
    ],
)
def test_rate_day(date: DateValue | None, published: DateValue | None, day: dt.date | None, noted: bool) -> None:
    got, note = rate_day(date, published)
    assert got == day
    assert (note is not None) == noted


def test_component_fills_both_currencies() -> None:
    doc = Document(text="x", published=DateValue(D(2020, 8, 1), Precision.MONTH, "2020-08"))
    projects = (
        Project(id="p1", amount=money("5000000000"), date=DateValue(D(2020, 8, 20), Precision.DAY, "Aug 20")),
        Project(id="p2"),
        Project(id="p3", amount=money("150000000", "USD", q=Qualifier.APPROX)),
    )
    out = convert_amounts(Extraction(document=doc, projects=projects)).projects
    assert out[0].amount_cny is not None and out[0].amount_cny.value == Decimal(5000000000)
    assert out[0].amount_usd is not None and out[0].amount_usd.rate_date == D(2020, 8, 20)
    assert out[1].amount_usd is None
    assert out[2].amount_usd is not None and out[2].amount_usd.value == Decimal(150000000)
    assert out[2].amount_cny is not None and out[2].amount_cny.rate_date == D(2020, 8, 14)  # 15th is a Saturday
    assert out[2].amount_cny.note is not None and "15th" in out[2].amount_cny.note


def test_rate_range_spans_history() -> None:
    low_high = rate_range("CNY", "USD")
    assert low_high is not None
    low, high = low_high
    assert low < Decimal("0.13") < Decimal("0.16") < high
    assert rate_range("VND", "USD") is None
