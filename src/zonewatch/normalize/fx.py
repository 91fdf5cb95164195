"""Exchange rates: every amount also in CNY and USD, at a dated, named rate — or a note saying why not.

Rates are the ECB euro reference rates shipped with the ``currencyconverter`` package (offline, pinned),
crossed through the euro; currencies the ECB does not publish use the official USD pegs in
``data/currencies.toml`` (AED 3.6725, SAR 3.75, ...). Rules (docs/normalize.md explains why):

- the rate of the project's date, else of the publication date; a month-precision date uses the 15th
  (a year-precision one 1 July), never later than the publication date;
- on a weekend or holiday the last rate the ECB published before it ("last known", never an
  interpolation no bank published); ``Conversion.rate_date`` is the day that rate was published;
- before a currency's first ECB date or after the bundled data's last date there is no rate, and the
  Conversion says so in its note (the package would otherwise fall back to the nearest date silently
  when asked to; we never ask it to).

Public API: ``rate(source, target, on) -> Rate | NoRate``, ``convert(money, target, on, ...) -> Conversion``,
``rate_range(source, target) -> (low, high) | None`` (all ECB rates ever, for dateless checks), and the
pipeline component ``convert_amounts``.

>>> import datetime as dt
>>> r = rate("CNY", "USD", dt.date(2020, 8, 20))
>>> round(r.value * 5_000_000_000 / 1_000_000, 1), r.date.isoformat()
(Decimal('722.7'), '2020-08-20')
>>> rate("CNY", "USD", dt.date(2020, 8, 22)).date.isoformat()  # a Saturday: Friday's rate
'2020-08-21'
>>> rate("VND", "USD", dt.date(2020, 8, 20)).reason
'the ECB publishes no Vietnamese dong (VND) rate and it has no official peg: not converted'
"""

from __future__ import annotations

import datetime as dt
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from currency_converter import CurrencyConverter

from zonewatch.model import Conversion, DateValue, Extraction, Money, Precision, Project

ECB_SOURCE = "ECB euro reference rates (currencyconverter package data)"
# A rate published more than this many days before the asked date is a gap in the data, not a weekend.
MAX_STALE_DAYS = 7
_PLACES = Decimal("1e-10")


@dataclass(frozen=True, slots=True)
class Rate:
    """``value`` units of the target per unit of the source, published on ``date`` by ``source``."""

    value: Decimal
    date: dt.date
    source: str


@dataclass(frozen=True, slots=True)
class NoRate:
    """Why no rate can be given: a sentence for the Conversion's note."""

    reason: str


class _ECB(CurrencyConverter):
    """The package's converter, remembering which days the ECB really published a rate per currency.

    ``fallback_on_missing_rate`` fills weekends and holidays before we can see them; this hook (pinned
    package version, tested) keeps the published days so the rate's date is the day it was published.
    """

    def __init__(self) -> None:
        self.published: dict[str, list[dt.date]] = {}
        super().__init__(fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known")

    def _set_missing_to_none(self, currency: str) -> None:
        self.published[currency] = sorted(self._rates[currency])
        super()._set_missing_to_none(currency)


@cache
def converter() -> _ECB:
    """The ECB converter, built once per process (loading the rates takes a noticeable fraction of a second)."""
    return _ECB()


@cache
def currency_facts() -> dict[str, Any]:
    text = resources.files("zonewatch.data").joinpath("currencies.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _ecb_rate_to_eur(currency: str, on: dt.date) -> Rate | NoRate:
    """Units of ``currency`` per euro on the last ECB publication day at or before ``on``."""
    conv = converter()
    if currency == "EUR":
        return Rate(Decimal(1), on, ECB_SOURCE)
    first, last = conv.bounds[currency]
    if on < first:
        return NoRate(f"the ECB publishes no {currency} rate before {first.isoformat()}: not converted")
    if on > last:
        return NoRate(
            f"the bundled ECB rates for {currency} end on {last.isoformat()}, before {on.isoformat()}: not converted"
        )
    days = conv.published[currency]
    i = bisect_right(days, on) - 1
    day = days[i]
    if (on - day).days > MAX_STALE_DAYS:
        return NoRate(f"the ECB published no {currency} rate between {day.isoformat()} and {on.isoformat()}")
    # On a publication day convert() returns the published rate itself: no fallback is involved.
    per_eur = Decimal(repr(conv.convert(1, "EUR", currency, date=day)))
    return Rate(per_eur, day, ECB_SOURCE)


def _name(currency: str) -> str:
    facts = currency_facts()
    name = facts.get("unpublished", {}).get(currency) or facts.get("pegs", {}).get(currency, {}).get("name")
    return f"{name} ({currency})" if name else currency


def _per_usd(currency: str, on: dt.date) -> Rate | NoRate:
    """Units of ``currency`` per US dollar: through the euro for ECB currencies, else an official peg."""
    if currency == "USD":
        return Rate(Decimal(1), on, "")
    peg = currency_facts().get("pegs", {}).get(currency)
    if peg is not None:
        since = dt.date.fromisoformat(peg["since"])
        if on < since:
            return NoRate(f"the {_name(currency)} peg of {peg['per_usd']}/USD dates from {since.isoformat()}")
        return Rate(Decimal(peg["per_usd"]), on, f"official peg {currency} {peg['per_usd']}/USD ({peg['authority']})")
    if currency not in converter().currencies:
        return NoRate(f"the ECB publishes no {_name(currency)} rate and it has no official peg: not converted")
    cur, usd = _ecb_rate_to_eur(currency, on), _ecb_rate_to_eur("USD", on)
    if isinstance(cur, NoRate):
        return cur
    if isinstance(usd, NoRate):
        return usd
    return Rate(cur.value / usd.value, min(cur.date, usd.date), ECB_SOURCE)


# A pure function of the loaded tables: articles of one period ask for the same pairs and days again and again.
@lru_cache(maxsize=8192)
def rate(source: str, target: str, on: dt.date) -> Rate | NoRate:
    """Units of ``target`` per unit of ``source`` on ``on`` (the last published rate at or before it)."""
    if source == target:
        return Rate(Decimal(1), on, "same currency")
    ecb = converter().currencies - _pegged()
    if source in ecb and target in ecb:
        # Both ECB currencies: cross through the euro directly (one publication day).
        a, b = _ecb_rate_to_eur(source, on), _ecb_rate_to_eur(target, on)
        if isinstance(a, NoRate):
            return a
        if isinstance(b, NoRate):
            return b
        return Rate((b.value / a.value).quantize(_PLACES), max(a.date, b.date), ECB_SOURCE)
    a, b = _per_usd(source, on), _per_usd(target, on)
    if isinstance(a, NoRate):
        return a
    if isinstance(b, NoRate):
        return b
    sources = " × ".join(dict.fromkeys(s for s in (a.source, b.source) if s))
    dates = [r.date for r, c in ((a, source), (b, target)) if c not in _pegged()]
    return Rate((b.value / a.value).quantize(_PLACES), min(dates) if dates else on, sources)


@cache
def _pegged() -> frozenset[str]:
    return frozenset(currency_facts().get("pegs", {}))


@cache
def rate_range(source: str, target: str) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest ECB cross rate ever published (for checks on articles with no date)."""
    conv = converter()
    if source == target:
        return Decimal(1), Decimal(1)
    if not {source, target} <= conv.currencies:
        return None
    days = set(conv.published.get(source, ())) if source != "EUR" else None
    other = set(conv.published.get(target, ())) if target != "EUR" else None
    common = sorted((days or other or set()) & (other or days or set()))
    values = [
        Decimal(repr(conv.convert(1, source, target, date=d)))
        for d in common[:: max(1, len(common) // 2000)] + common[-1:]
    ]
    return (min(values), max(values)) if values else None


def rate_day(date: DateValue | None, published: DateValue | None) -> tuple[dt.date | None, str | None]:
    """The day whose rate applies to an event, and a note when the day was chosen rather than stated."""
    chosen = date or published
    if chosen is None:
        return None, "no date: the article gives none and no publication date is known"
    day, note = chosen.date, None
    if chosen.precision is Precision.MONTH:
        day, note = chosen.date.replace(day=15), f"month-precision date {chosen.iso()}: rate of the 15th"
    elif chosen.precision is Precision.YEAR:
        day, note = chosen.date.replace(month=7, day=1), f"year-precision date {chosen.iso()}: rate of 1 July"
    if published is not None and published.precision is Precision.DAY and day > published.date:
        day = published.date  # never a rate from after the article was written
    return day, note


def convert(money: Money, target: str, on: dt.date | None, note: str | None = None) -> Conversion:
    """``money`` (and its range's upper bound) in ``target`` at the rate of ``on``; qualifier carries over."""
    if money.currency == target:
        return Conversion(target, money.value, money.upper, Decimal(1), None, "stated", None)
    if on is None:
        return Conversion(target, None, None, None, None, ECB_SOURCE, note)
    found = rate(money.currency, target, on)
    if isinstance(found, NoRate):
        return Conversion(target, None, None, None, None, ECB_SOURCE, "; ".join(n for n in (note, found.reason) if n))
    try:
        value = (money.value * found.value).quantize(Decimal(1))
        upper = (money.upper * found.value).quantize(Decimal(1)) if money.upper is not None else None
    except InvalidOperation:  # beyond Decimal's 28 digits ("RMB 1,000,000,...,000" run on): no money, no crash
        reason = "amount too large to convert"
        return Conversion(
            target, None, None, found.value, found.date, found.source, f"{note}; {reason}" if note else reason
        )
    return Conversion(target, value, upper, found.value, found.date, found.source, note)


def _normalize(project: Project, published: DateValue | None) -> Project:
    if project.amount is None:
        return project
    day, note = rate_day(project.date, published)
    return replace(
        project,
        amount_cny=convert(project.amount, "CNY", day, note),
        amount_usd=convert(project.amount, "USD", day, note),
    )


def convert_amounts(extraction: Extraction) -> Extraction:
    """Pipeline component: fill ``amount_cny`` and ``amount_usd`` of every project with an amount."""
    published = extraction.document.published
    return replace(extraction, projects=tuple(_normalize(p, published) for p in extraction.projects))
