"""The monthly roundup as data: what the renderers (Markdown, HTML, PDF) turn into words.

A :class:`Roundup` holds facts only — amounts as Decimals, dates as dates, findings as structured
values — and the language it is to be written in. The wording lives in :mod:`zonewatch.report.wording`,
so the same roundup can be rendered in English or Chinese and the tests can build one by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from zonewatch.model import Conversion, Precision, Qualifier, Stage


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month, ``Month(2020, 8)``; parsed from ``2020-08``.

    >>> Month.parse("2020-08").previous(), Month(2020, 1).previous(), Month(2020, 8).year_before()
    (Month(year=2020, month=7), Month(year=2019, month=12), Month(year=2019, month=8))
    """

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        try:
            year, month = (int(part) for part in text.strip().split("-"))
            dt.date(year, month, 1)
        except ValueError:
            raise ValueError(f"month {text!r} is not YYYY-MM") from None
        return cls(year, month)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        nxt = Month(self.year + self.month // 12, self.month % 12 + 1)
        return nxt.first_day() - dt.timedelta(days=1)

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def year_before(self) -> Month:
        return Month(self.year - 1, self.month)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount as the source stated it (no span: a roundup item may merge several sources)."""

    value: Decimal
    currency: str
    qualifier: Qualifier = Qualifier.EXACT
    upper: Decimal | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One numbered source document of the roundup."""

    number: int
    title: str | None
    url: str | None
    published: str | None  # ISO date or month, as the ledger knows it
    source: str | None = None  # path or other locator when there is no URL


@dataclass(frozen=True, slots=True)
class RoundupItem:
    """One project (or an aggregate, with its named sub-projects in ``children``)."""

    date: dt.date | None
    precision: Precision | None
    investors: tuple[str, ...]
    project: str | None
    place: str | None
    amount: Amount | None
    usd: Conversion | None = None
    cny: Conversion | None = None
    stage: Stage | None = None
    count: int | None = None  # projects this record covers, for an aggregate
    sectors: tuple[str, ...] = ()
    sources: tuple[int, ...] = ()  # SourceRef numbers
    children: tuple[RoundupItem, ...] = ()
    ref: str | None = None  # the ledger's project id


@dataclass(frozen=True, slots=True)
class Correction:
    """An error in a source article that verification found, as data the wording turns into a sentence.

    ``kind`` is the verifier's finding kind. For ``conversion_mismatch``: ``amount`` is the stated
    amount, ``stated`` the conversion the source printed (``stated_text`` as printed), ``expected``
    our conversion at ``rate`` (target units per source unit) on ``rate_date``. For ``date_mismatch``:
    ``heading_date`` and ``text_date``. ``message`` is the verifier's own sentence, used for kinds
    the wording has no template for.
    """

    kind: str
    message: str
    sources: tuple[int, ...] = ()
    amount: Amount | None = None
    stated: Amount | None = None
    stated_text: str | None = None
    expected: Amount | None = None
    rate: Decimal | None = None
    rate_date: dt.date | None = None
    heading_date: dt.date | None = None
    text_date: dt.date | None = None
    subject: str | None = None  # the item the error concerns ("Tencent")


@dataclass(frozen=True, slots=True)
class Totals:
    """Top-level projects of a period: records, the projects they cover, totals in CNY and USD."""

    records: int
    projects: int
    cny: Decimal
    usd: Decimal


@dataclass(frozen=True, slots=True)
class Headline:
    month: Month
    totals: Totals
    previous: Totals | None = None  # the month before, when the ledger has any project in it
    year_before: Totals | None = None  # the same month a year before


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: a label, a value (CNY), and the number of records behind it."""

    label: str
    value: Decimal
    records: int = 0


@dataclass(frozen=True, slots=True)
class Roundup:
    """Everything a monthly roundup of one zone says, ready to be rendered."""

    zone: str  # the zone's name in the roundup's language
    month: Month
    lang: str  # "en" | "zh"
    headline: Headline
    items: tuple[RoundupItem, ...] = ()
    corrections: tuple[Correction, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    parks: tuple[str, ...] = ()  # parks within the zone that the roundup covers
    by_sector: tuple[Bar, ...] = ()
    by_week: tuple[Bar, ...] = ()
    notes: tuple[str, ...] = field(default=())  # caveats for the reader (e.g. amounts without a rate)


def value_in(item: RoundupItem, currency: str) -> Decimal | None:
    """The item's amount in ``currency``: the stated value when it is in that currency, else the conversion."""
    if item.amount is None:
        return None
    if item.amount.currency == currency:
        return item.amount.value
    conversion = {"USD": item.usd, "CNY": item.cny}.get(currency)
    return conversion.value if conversion is not None else None


def totals_of(items: tuple[RoundupItem, ...] | list[RoundupItem]) -> Totals:
    """Totals over top-level items only: an aggregate's sub-projects are inside its amount already."""
    cny = sum((v for i in items if (v := value_in(i, "CNY")) is not None), Decimal(0))
    usd = sum((v for i in items if (v := value_in(i, "USD")) is not None), Decimal(0))
    return Totals(records=len(items), projects=sum(i.count or 1 for i in items), cny=cny, usd=usd)
