"""Labels in English and Chinese, and figures formatted for the reader's language (亿元 in Chinese, billion in English).

The labels live in ``templates/labels.toml``; a missing label shows its key, never an error.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from zonewatch.report.format import format_amount

LANGS = ("en", "zh")
_LABELS = Path(__file__).parent / "templates" / "labels.toml"


@cache
def _table() -> dict[str, Any]:
    return tomllib.loads(_LABELS.read_text(encoding="utf-8"))


def labels(lang: str) -> dict[str, str]:
    """Every label for ``lang`` (English when the language is unknown)."""
    table = _table()
    return {k: v for k, v in table.get(lang if lang in LANGS else "en", {}).items() if isinstance(v, str)}


def pick_lang(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The page language: ``?lang=`` first, then the saved cookie, then the browser's preference.

    >>> pick_lang(None, None, "zh-CN,zh;q=0.9"), pick_lang("en", "zh", None), pick_lang("xx", None, None)
    ('zh', 'en', 'en')
    """
    for choice in (query, cookie):
        if choice in LANGS:
            return choice
    if accept and accept.lower().lstrip().startswith("zh"):
        return "zh"
    return "en"


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _trim(d: Decimal, places: str = "0.01") -> str:
    text = f"{d.quantize(Decimal(places)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: object, currency: str | None, lang: str = "en") -> str:
    """An amount for people: 'RMB 5 billion' / '50亿元', 'US$722.7 million' / '7.23亿美元'; '–' when unknown.

    >>> money(5_000_000_000, "CNY"), money(5_000_000_000, "CNY", "zh")
    ('RMB 5 billion', '50亿元')
    >>> money(722_700_000, "USD", "zh"), money(4_320_000, "CNY", "zh"), money(None, "USD")
    ('7.23亿美元', '432万元', '–')
    """
    d = _decimal(value)
    if d is None or not currency:
        return "–"
    if lang != "zh":
        return format_amount(d, currency)
    unit = _table().get("zh", {}).get("currency", {}).get(currency, currency)
    for size, word in ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(d) >= size:
            return f"{_trim(d / size)}{word}{unit}"
    return f"{_trim(d)}{unit}"


def short(value: object, lang: str = "en") -> str:
    """A bare figure for chart labels: '5.2B' / '52亿'.

    >>> short(5_200_000_000), short(5_200_000_000, "zh"), short(950)
    ('5.2B', '52亿', '950')
    """
    d = _decimal(value) or Decimal(0)
    steps = (
        ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
        if lang == "zh"
        else ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k"))
    )
    for size, word in steps:
        if abs(d) >= size:
            return f"{_trim(d / size, '0.1')}{word}"
    return _trim(d, "0.1")


def integer(value: object, lang: str = "en") -> str:
    """A count with thousands separators.

    >>> integer(12345)
    '12,345'
    """
    d = _decimal(value)
    return "–" if d is None else f"{int(d):,}"


def change(now: object, before: object) -> str | None:
    """Percentage change, signed ('+12%'), or None when there is nothing to compare with.

    >>> change(112, 100), change(5, 0), change(80, 100)
    ('+12%', None, '-20%')
    """
    a, b = _decimal(now), _decimal(before)
    if a is None or b is None or b == 0:
        return None
    pct = (a - b) / b * 100
    return f"{pct:+.0f}%"


def rate(value: object) -> str:
    """An exchange rate with its significant digits only: '0.14454', '1', '7.0123'; '–' when unknown.

    >>> rate(Decimal("0.1445400000")), rate(Decimal("1.0000000000")), rate(None)
    ('0.14454', '1', '–')
    """
    d = _decimal(value)
    if d is None:
        return "–"
    text = f"{d.quantize(Decimal('0.000001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def category(category_id: str | None, lang: str = "en") -> str:
    """A sector or project type id as its label ('digital_culture' -> 'Digital economy & culture'); unknown ids as given.

    >>> category("digital_culture"), category("digital_culture", "zh"), category("mine")
    ('Digital economy & culture', '数字经济与文创', 'mine')
    """
    if not category_id:
        return "–"
    from zonewatch.normalize.sectors import label

    return label(category_id, lang) or category_id


def sectors(lang: str = "en") -> list[tuple[str, str]]:
    """Every sector of the taxonomy as (id, label), for the filter's choices."""
    from zonewatch.normalize.sectors import taxonomy

    return [(c.id, c.zh if lang == "zh" else c.en) for c in taxonomy()[0]]


_QUALIFIERS = {
    "en": {"approx": "about ", "at_least": "over ", "at_most": "up to "},
    "zh": {"approx": "约", "at_least": "超过", "at_most": "不超过"},
}


def amount(value: object, upper: object, currency: str | None, qualifier: str | None, lang: str = "en") -> str:
    """A stated amount with its qualifier and range, as a reader would say it.

    >>> amount(1_000_000_000, None, "CNY", "at_least", "zh"), amount(10e9, 15e9, "CNY", "at_least")
    ('超过10亿元', 'over RMB 10 billion – RMB 15 billion')
    >>> amount(None, None, None, None)
    '–'
    """
    if value is None or not currency:
        return "–"
    text = _QUALIFIERS.get(lang, _QUALIFIERS["en"]).get(qualifier or "", "") + money(value, currency, lang)
    if upper is not None:
        text += " – " + money(upper, currency, lang)
    return text
