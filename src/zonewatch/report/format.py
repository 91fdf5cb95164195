"""Figures for people: 'RMB 5 billion', 'US$723.4 million', '43.2亿元'."""

from __future__ import annotations

from decimal import Decimal

from zonewatch.model import Money, Qualifier

_SYMBOL = {"CNY": "RMB ", "USD": "US$", "EUR": "€", "GBP": "£", "INR": "Rs ", "MYR": "RM ", "JPY": "¥"}
_QUALIFIER_EN = {
    Qualifier.APPROX: "about ",
    Qualifier.AT_LEAST: "over ",
    Qualifier.AT_MOST: "up to ",
    Qualifier.EXACT: "",
}


def format_amount(value: Decimal, currency: str) -> str:
    """Short English form of an amount.

    >>> format_amount(Decimal("5000000000"), "CNY")
    'RMB 5 billion'
    >>> format_amount(Decimal("722700000"), "USD")
    'US$722.7 million'
    """
    prefix = _SYMBOL.get(currency, f"{currency} ")
    for size, word in ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(value) >= size:
            scaled = (value / size).quantize(Decimal("0.01")).normalize()
            return f"{prefix}{scaled:f} {word}"
    return f"{prefix}{value.quantize(Decimal(1)):,f}"


def format_money(m: Money) -> str:
    """An amount with its qualifier and range, as a reader would say it."""
    text = _QUALIFIER_EN[m.qualifier] + format_amount(m.value, m.currency)
    if m.upper is not None:
        text += " – " + format_amount(m.upper, m.currency)
    return text
