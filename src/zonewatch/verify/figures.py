"""Helpers the checks share: how precisely a figure is stated, and a small reader of figures in a headline.

A figure written "RMB 25.4 billion" is precise to 0.1 billion: anything from 25.35 to 25.45 billion
would be written that way, so comparisons allow half a unit in the last stated digit ("rounding").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from zonewatch.model import Money, Span

_NUMBER = re.compile(r"\d[\d,，]*(?:[.．]\d+)?")


def rounding_unit(value: Decimal, raw: str = "") -> Decimal:
    """The unit of the last digit a figure was stated to (its value of 1 in that digit).

    Read from the raw text when it holds the number in digits ("25.4 billion" -> 0.1 billion), else
    from the value's last non-zero digit.

    >>> rounding_unit(Decimal("25400000000"), "RMB 25.4 billion")
    Decimal('100000000')
    >>> rounding_unit(Decimal("7300000000"), "$7300 million")
    Decimal('1000000')
    >>> rounding_unit(Decimal("238800000000"), "2388亿元")
    Decimal('100000000')
    >>> int(rounding_unit(Decimal("5000000000")))
    1000000000
    """
    value = abs(value)
    for m in _NUMBER.finditer(raw):
        text = m.group().replace(",", "").replace("，", "").replace("．", ".")
        try:
            stated = Decimal(text)
        except InvalidOperation:
            continue
        if stated == 0:
            continue
        scale = value / stated
        # the scale is a power of ten (or 1) when this number is the figure: billion, 亿, crore...
        if scale >= 1 and scale == scale.to_integral_value():
            decimals = len(text.split(".")[1]) if "." in text else 0
            return scale * Decimal(1).scaleb(-decimals)
    if value == 0:
        return Decimal(1)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent)


def half_unit(m: Money) -> Decimal:
    """Half a unit in the last stated digit of an amount: what honest rounding can hide."""
    return rounding_unit(m.value, m.raw) / 2


def significant_digits(value: Decimal, raw: str = "") -> int:
    """How many significant digits a figure was stated with ("$2 billion" has 1, "$1.88 billion" 3)."""
    unit = rounding_unit(value, raw)
    return max(1, len(str(int((abs(value) / unit).to_integral_value()))))


@dataclass(frozen=True, slots=True)
class Figure:
    """A money figure read from a headline: value, currency (None when the text does not say), raw, span."""

    value: Decimal
    currency: str | None
    raw: str
    span: Span


_MULTIPLIERS = {
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "crore": Decimal(10) ** 7,
    "lakh": Decimal(10) ** 5,
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
}
_CURRENCY_HINTS = (
    (re.compile(r"(?i)RMB|CNY|yuan|元|¥|￥"), "CNY"),
    (re.compile(r"(?i)US\$|USD|dollars?|美元|\$"), "USD"),
    (re.compile(r"(?i)EUR|euros?|€|欧元"), "EUR"),
    (re.compile(r"(?i)\bRs\.?|INR|₹|crore|rupees?"), "INR"),
    (re.compile(r"(?i)\bRM|MYR|ringgit"), "MYR"),
    (re.compile(r"£|GBP|pounds? sterling"), "GBP"),
)
_HEADLINE_FIGURE = re.compile(
    # the look-ahead names every character a figure can start with: the engine rejects the other positions at
    # once instead of trying each prefix there (3x faster on whole articles; the same matches)
    r"(?=[RCUEI$€£¥￥₹\d])"
    r"(?P<pre>(?:RMB|CNY|US\$|USD|EUR|Rs\.?|INR|RM|[$€£¥￥₹])\s?)?"
    # never start inside a digit run: without this guard a long run of digits is rescanned from each of its
    # positions (quadratic; a 10k-digit line took seconds)
    r"(?<![\d,])(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<unit>万亿|亿|万|(?i:trillion|billion|million|crore|lakh|tn|bn|mn|b|m)\b(?![²³]))"
    r"(?P<post>\s?(?:元|美元|欧元|(?i:yuan|rmb|dollars?|euros?|rupees?|ringgit)\b))?"
)


def headline_figures(text: str, span: Span) -> list[Figure]:
    """Money figures (number with a size word: billion, 亿, crore ...) in ``text[span]``."""
    line = span.slice(text)
    found: list[Figure] = []
    for m in _HEADLINE_FIGURE.finditer(line):
        mult = _MULTIPLIERS[m.group("unit").lower()]
        value = Decimal(m.group("num").replace(",", "")) * mult
        context = (m.group("pre") or "") + m.group(0) + (m.group("post") or "")
        currency = next((code for pattern, code in _CURRENCY_HINTS if pattern.search(context)), None)
        if currency is None and m.group("unit") in ("亿", "万", "万亿"):
            currency = None  # 亿 alone can count people or square metres: not a money figure
            continue
        start, end = span.start + m.start(), span.start + m.end()
        found.append(Figure(value, currency, text[start:end], Span(start, end)))
    return found
