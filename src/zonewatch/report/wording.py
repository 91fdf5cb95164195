"""How a roundup says things, in English or Chinese: amounts, dates, rates, stages, corrections.

The words are data (``zonewatch/data/roundup_labels.toml``); this module holds the number rules
(billions in English, 亿元 in Chinese) and fills the templates.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from typing import Any

from zonewatch.model import Conversion, Precision, Qualifier, Stage
from zonewatch.report.format import format_amount
from zonewatch.report.roundup import Amount, Correction, Month, RoundupItem, Totals

LANGS = ("en", "zh")
_MONTHS_EN = "January February March April May June July August September October November December".split()
_QUALIFIER = {
    "en": {Qualifier.APPROX: "about ", Qualifier.AT_LEAST: "over ", Qualifier.AT_MOST: "up to ", Qualifier.EXACT: ""},
    "zh": {Qualifier.APPROX: "约", Qualifier.AT_LEAST: "超过", Qualifier.AT_MOST: "不超过", Qualifier.EXACT: ""},
}
_ZH_UNITS = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
_EN_UNITS = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


@cache
def _labels() -> dict[str, Any]:
    text = resources.files("zonewatch.data").joinpath("roundup_labels.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _plain(value: Decimal, places: int, grouping: bool = False) -> str:
    """``722.7``, ``5``, ``7,300``: rounded to ``places`` decimals, trailing zeros dropped."""
    rounded = _round(value, places)
    rounded = rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()
    return f"{rounded:,f}" if grouping else f"{rounded:f}"


def _rate_text(rate: Decimal) -> str:
    """A rate as banks quote it: four significant figures, zeros kept (``7.00``, ``6.92``, ``155.3``).

    >>> _rate_text(Decimal("7.0004")), _rate_text(Decimal("155.27"))
    ('7.00', '155.3')
    """
    places = 2 if rate < 100 else 1
    return f"{_round(rate, places):f}"


def zh_amount(value: Decimal, currency: str, places: int = 2) -> str:
    """Chinese form of an amount: 亿 and 万 units.

    >>> zh_amount(Decimal("5000000000"), "CNY"), zh_amount(Decimal("722700000"), "USD")
    ('50亿元', '7.23亿美元')
    >>> zh_amount(Decimal("3500000"), "EUR"), zh_amount(Decimal("1680000000000"), "CNY")
    ('350万欧元', '1.68万亿元')
    """
    unit = _labels()["zh"]["currency"].get(currency, currency)
    for size, word in _ZH_UNITS:
        if abs(value) >= size:
            return f"{_plain(value / size, places)}{word}{unit}"
    return f"{_plain(value, 0, grouping=True)}{unit}"


def en_amount(value: Decimal, currency: str, places: int | None = None) -> str:
    """English form of a figure zonewatch computed: 4 significant digits unless ``places`` is given.

    >>> en_amount(Decimal("722716000"), "USD"), en_amount(Decimal("1879000000"), "USD")
    ('US$722.7 million', 'US$1.88 billion')
    >>> en_amount(Decimal("722716000"), "USD", places=0)
    'US$723 million'
    """
    prefix = format_amount(Decimal(0), currency).removesuffix("0")
    for size, word in _EN_UNITS:
        if abs(value) >= size:
            scaled = value / size
            digits = places if places is not None else (1 if abs(scaled) >= 100 else 2)
            return f"{prefix}{_plain(scaled, digits, grouping=True)} {word}"
    return f"{prefix}{_plain(value, 0, grouping=True)}"


def _same_unit(value: Decimal, like: Decimal, currency: str) -> str:
    """``value`` written in the unit ``like`` would use, so two figures compare at a glance ("7,300 million")."""
    prefix = format_amount(Decimal(0), currency).removesuffix("0")
    for size, word in _EN_UNITS:
        if abs(like) >= size:
            return f"{prefix}{_plain(value / size, 1, grouping=True)} {word}"
    return f"{prefix}{_plain(value, 0, grouping=True)}"


@dataclass(frozen=True, slots=True)
class Wording:
    """The roundup's words in one language (``en`` or ``zh``)."""

    lang: str

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"roundup language {self.lang!r} is not one of {', '.join(LANGS)}")

    def __call__(self, key: str, **values: object) -> str:
        """The label ``key`` with its placeholders filled."""
        return str(_labels()[self.lang][key]).format(**values)

    # -- dates ---------------------------------------------------------------------------------
    def month(self, month: Month) -> str:
        """``August 2020`` / ``2020年8月``."""
        if self.lang == "zh":
            return f"{month.year}年{month.month}月"
        return f"{_MONTHS_EN[month.month - 1]} {month.year}"

    def day(self, date: dt.date | None, precision: Precision | None = Precision.DAY) -> str:
        """A date within the roundup's month: ``August 20`` / ``8月20日``; month precision says so."""
        if date is None:
            return self("undated")
        if self.lang == "zh":
            return (
                f"{date.month}月{date.day}日" if precision is Precision.DAY else f"{date.month}月（{self('undated')}）"
            )
        name = _MONTHS_EN[date.month - 1]
        return f"{name} {date.day}" if precision is Precision.DAY else f"{name} ({self('undated')})"

    def week(self, start: dt.date, end: dt.date) -> str:
        """``Aug 17–23`` / ``8月17日–23日``; a one-day week is just the day."""
        if start == end:
            return self.short_day(start)
        return self("week", start=self.short_day(start), end=self.short_day(end, same_month=True))

    def short_day(self, date: dt.date, same_month: bool = False) -> str:
        """Compact day for chart labels: ``Aug 17`` / ``8月17日``; ``same_month`` drops the month (``23``)."""
        if self.lang == "zh":
            return f"{date.day}日" if same_month else f"{date.month}月{date.day}日"
        return str(date.day) if same_month else f"{_MONTHS_EN[date.month - 1][:3]} {date.day}"

    def full_date(self, date: dt.date) -> str:
        """``2020-08-20`` / ``2020年8月20日`` (rate dates: a reader may look the rate up)."""
        return f"{date.year}年{date.month}月{date.day}日" if self.lang == "zh" else date.isoformat()

    def published(self, iso: str | None) -> str:
        """A publication date as the ledger stores it (``2020-08-20`` or ``2020-08``)."""
        if not iso:
            return ""
        parts = [int(p) for p in iso.split("-")]
        if self.lang == "zh":
            return "".join(f"{n}{u}" for n, u in zip(parts, ("年", "月", "日"), strict=False))
        if len(parts) == 3:
            return dt.date(*parts).isoformat()
        return self.month(Month(parts[0], parts[1])) if len(parts) == 2 else str(parts[0])

    # -- money ---------------------------------------------------------------------------------
    def figure(self, value: Decimal, currency: str, places: int | None = None) -> str:
        """A figure zonewatch computed (a conversion, a total)."""
        if self.lang == "zh":
            return zh_amount(value, currency, 2 if places is None else places)
        return en_amount(value, currency, places)

    def amount(self, amount: Amount) -> str:
        """An amount as stated, with its qualifier and range: ``about RMB 13 billion`` / ``约130亿元``."""
        if self.lang == "zh":
            text = zh_amount(amount.value, amount.currency)
            if amount.upper is not None:
                text += "至" + zh_amount(amount.upper, amount.currency)
        else:
            text = format_amount(amount.value, amount.currency)
            if amount.upper is not None:
                text += "–" + format_amount(amount.upper, amount.currency)
        return _QUALIFIER[self.lang][amount.qualifier] + text

    def rate(self, conversion: Conversion, source_currency: str) -> tuple[str, str]:
        """The rate as a reader quotes it, and its pair: ``("6.92", "CNY/USD")`` rather than 0.1445 USD per CNY."""
        assert conversion.rate is not None
        target = conversion.currency
        inverted = conversion.rate < 1
        shown = (Decimal(1) / conversion.rate) if inverted else conversion.rate
        base, quote = (source_currency, target) if inverted else (target, source_currency)
        if self.lang == "zh":
            units = _labels()["zh"]["currency"]
            return _rate_text(shown), f"{units.get(base, base)}/{units.get(quote, quote)}"
        return _rate_text(shown), f"{base}/{quote}"

    def amount_with_conversion(self, item: RoundupItem) -> str:
        """``RMB 5 billion (US$722.7 million at 6.92 CNY/USD on 2020-08-20)``; USD amounts get the CNY figure."""
        if item.amount is None:
            return self("no_amount")
        stated = self.amount(item.amount)
        conversion = item.cny if item.amount.currency == "USD" else item.usd
        if conversion is None:
            return stated
        if conversion.value is None or conversion.rate is None or conversion.rate_date is None:
            return self("no_rate", amount=stated, note=conversion.note or "-") if conversion.note else stated
        converted = self.figure(conversion.value, conversion.currency)
        if conversion.upper is not None:
            sep = "至" if self.lang == "zh" else "–"
            converted += sep + self.figure(conversion.upper, conversion.currency)
        rate, pair = self.rate(conversion, item.amount.currency)
        return self(
            "conversion",
            amount=stated,
            converted=converted,
            rate=rate,
            pair=pair,
            date=self.full_date(conversion.rate_date),
        )

    def totals(self, totals: Totals, short: bool = False) -> str:
        """``12 projects, RMB 60.5 billion (US$8.74 billion) in total ...``; ``short`` drops the explanation."""
        if totals.records == 0:
            return self("no_data")
        if totals.projects != totals.records:
            projects = self("records_cover", records=totals.records, projects=totals.projects)
        else:
            projects = self("projects_one" if totals.projects == 1 else "projects_many", n=totals.projects)
        cny = self.figure(totals.cny, "CNY")
        if short:
            return self("totals_short", projects=projects, cny=cny, usd=self.figure(totals.usd, "USD"))
        if totals.usd:
            return self("totals", projects=projects, cny=cny, usd=self.figure(totals.usd, "USD"))
        return self("totals_cny_only", projects=projects, cny=cny)

    def change(self, now: Totals, before: Totals) -> str:
        """``+25% in value`` / ``金额+25%``; empty when the earlier total is zero."""
        if not before.cny:
            return ""
        pct = (now.cny - before.cny) / before.cny * 100
        return self("change", sign="+" if pct >= 0 else "−", pct=_plain(abs(pct), 0))

    def stage(self, stage: Stage | None) -> str:
        return "" if stage is None else str(_labels()[self.lang]["stages"][stage.value])

    def investors(self, names: tuple[str, ...]) -> str:
        if not names:
            return self("unnamed_investors")
        return self("list_sep").join(names)

    def cite(self, numbers: tuple[int, ...]) -> str:
        """``[1][3]``: the numbered sources an item rests on."""
        return "".join(f"[{n}]" for n in numbers)

    # -- corrections ---------------------------------------------------------------------------
    def correction(self, c: Correction) -> str:
        """One sentence about one error in a source, from the structured finding when it is complete."""
        subject = f"{c.subject}{self('colon')}" if c.subject else ""
        if (
            c.kind == "conversion_mismatch"
            and c.amount
            and c.stated
            and c.expected
            and c.rate is not None
            and c.rate_date is not None
        ):
            return self._conversion_correction(c, subject)
        if c.kind == "date_mismatch" and c.heading_date and c.text_date:
            return self(
                "correction_date",
                subject=subject,
                heading=self.day(c.heading_date),
                text=self.day(c.text_date),
            )
        return subject + c.message

    def _conversion_correction(self, c: Correction, subject: str) -> str:
        assert c.amount and c.stated and c.expected and c.rate is not None and c.rate_date is not None
        rate, pair = self.rate(
            Conversion(c.expected.currency, c.expected.value, None, c.rate, c.rate_date, ""), c.amount.currency
        )
        if self.lang == "zh":
            stated = zh_amount(c.stated.value, c.stated.currency)
            if c.stated_text:
                stated = f"“{c.stated_text}”（即{stated}）"
            expected = zh_amount(c.expected.value, c.expected.currency)
        else:
            stated = _same_unit(c.stated.value, c.expected.value, c.stated.currency)
            if c.stated_text and c.stated_text.strip("() ") != stated:
                stated = f'"{c.stated_text.strip("() ")}" ({stated})'
            expected = en_amount(c.expected.value, c.expected.currency, places=0)
        text = self(
            "correction_conversion",
            subject=subject,
            amount=self.amount(c.amount),
            stated=stated,
            rate=rate,
            pair=pair,
            date=self.full_date(c.rate_date),
            expected=expected,
        )
        if c.expected.value:
            factor = c.stated.value / c.expected.value
            big = factor if factor >= 1 else 1 / factor
            near = min((10, 100, 1000), key=lambda n: abs(big - n) / n)
            if abs(big - near) / near < Decimal("0.15"):
                text += self("correction_factor", factor=near, direction=self("high" if factor > 1 else "low"))
            else:
                text += self("correction_factor_plain", factor=_plain(factor, 2))
        return text
