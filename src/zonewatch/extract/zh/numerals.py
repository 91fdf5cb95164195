"""Numbers as Chinese articles write them: 三十亿, 二十五点六亿, 1.2万亿, 4亿2800万, 1,200万, 百亿, 10余亿.

Parsed to an exact :class:`~decimal.Decimal` (cn2an refuses qualifiers such as 余 and forms such as 万亿).
The parser reads the shadow text (half-width digits), so "１２３" arrives as "123".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
# 兆 is 10^12 where it counts money (Taiwan and Hong Kong: "新台幣1.3兆元")
TRILLION = "兆"
# Characters that may appear inside a number. 余/多 ("10余亿") mark a lower bound and are skipped.
NUMBER_CHARS = "0123456789.,，" + "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + TRILLION + "点余多"
_FIRST = "0-9" + "".join(DIGITS) + "".join(SMALL_UNITS)
# A number: starts with a digit or 十/百/千, may carry thousands separators, decimals, Chinese units,
# and a single space before 万/亿 ("5 亿元"). Digit groups need three digits after a comma ("1,200").
NUMBER = (
    # Every character is read by one alternative only, so a failed match backtracks in linear time: the thousands
    # groups are atomic (",000" groups split in 2^n ways took 10 s for 24 of them) and start at their comma (the
    # digits before it are single digits: a "\d{0,2}" there gave each "000000,000" three ways in, 3^n in all,
    # and a run of 14 such joins took 100 s).
    rf"(?:[{_FIRST}](?:(?>(?:[,，]\d{{3}})+)|[0-9{''.join(DIGITS)}{''.join(SMALL_UNITS)}点.余多]|"
    rf"\s?[万亿兆](?!\s))*)"
)
MAX_LENGTH = 24
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_NOT_READ = re.compile(r"[\s,，余多]")
# how most amounts are written ("10亿", "3.5亿", "16000万", "1.2万亿"): read without the loop below
_PLAIN = re.compile(r"(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<wan>万?)(?P<yi>亿?)")
# the unit a lone digit after 百/千/万/亿 counts in ("三千五" = 三千五百)
_SHORTHAND = {"百": 10, "佰": 10, "千": 100, "仟": 100, "万": 1000, "亿": 10**7}
_WAN = Decimal(10**4)
_YI = Decimal(10**8)


def parse_number(text: str) -> Decimal | None:
    """The value of a number written with Arabic digits, Chinese numerals or both; None when it is not one.

    >>> parse_number("三十亿")
    Decimal('3000000000')
    >>> parse_number("二十五点六亿")
    Decimal('2560000000')
    >>> parse_number("1.2万亿")
    Decimal('1200000000000')
    >>> parse_number("2.31亿")
    Decimal('231000000')
    >>> parse_number("4亿2800万")
    Decimal('428000000')
    >>> parse_number("1,200万")
    Decimal('12000000')
    >>> parse_number("百亿")
    Decimal('10000000000')
    >>> parse_number("1.3兆")
    Decimal('1300000000000')
    >>> parse_number("亿") is None
    True
    """
    s = _NOT_READ.sub("", text)
    if len(s) > MAX_LENGTH:  # no amount is written this long; it is a run of digits, not a number
        return None
    plain = _PLAIN.fullmatch(s)
    if plain:
        # the loop's own arithmetic, in its order: the number, times 万, times 亿
        value = Decimal(plain["n"])
        if plain["wan"]:
            value *= _WAN
        if plain["yi"]:
            value *= _YI
        if value == value.to_integral_value():
            value = value.to_integral_value()
        return value if value > 0 else None
    return read_number(s)


def read_number(s: str) -> Decimal | None:
    """:func:`parse_number` of a text without spaces, separators, 余 or 多, one character at a time."""
    if not s or s[0] in BIG_UNITS or s[0] in "点.兆":
        return None
    trillions = Decimal(0)  # everything above the current 兆 section
    total = Decimal(0)  # everything above the current 亿 section
    section = Decimal(0)  # the part below 亿 already closed by 十/百/千/万
    num: Decimal | None = None  # the digit(s) read and not yet multiplied
    # "三千五" is 3500 and "三万五" 35000: one Chinese digit right after 百/千/万/亿 counts in the next unit down.
    # ``short`` is that unit for the digit just read (1 when there is none), ``short_big`` whether it came after
    # 万/亿, whose shorthand holds only at the end ("三亿五万" is 300050000, not 3.5亿 then 万)
    short = 1
    short_big = False
    i = 0
    try:
        while i < len(s):
            ch = s[i]
            m = _ARABIC.match(s, i)
            if m:
                num = Decimal(m.group())
                short = 1
                i = m.end()
                continue
            if ch in DIGITS:
                # consecutive Chinese digits without units ("二〇二〇") read positionally
                after_unit = i > 0 and s[i - 1] in _SHORTHAND and DIGITS[ch] != 0
                short = _SHORTHAND[s[i - 1]] if after_unit and num is None else 1
                short_big = s[i - 1] in BIG_UNITS if after_unit else False
                num = Decimal(DIGITS[ch]) if num is None or s[i - 1] not in DIGITS else num * 10 + DIGITS[ch]
            elif ch == "点":
                j = i + 1
                frac = ""
                while j < len(s) and s[j] in DIGITS:
                    frac += str(DIGITS[s[j]])
                    j += 1
                if not frac:
                    return None
                num = (num or Decimal(0)) + Decimal("0." + frac)
                i = j
                continue
            elif ch in SMALL_UNITS:
                section += (num if num is not None else Decimal(1)) * SMALL_UNITS[ch]
                num = None
                short = 1
            elif ch == "万":
                if num is not None and short > 1 and not short_big and s[i - 2] in SMALL_UNITS:
                    num *= short
                short = 1
                section = (section + (num or Decimal(0))) * BIG_UNITS[ch]
                if section == 0:
                    return None
                num = None
            elif ch == TRILLION:
                short = 1
                trillions = (trillions + total + section + (num or Decimal(0))) * 10**12
                if trillions == 0:
                    return None
                total = section = Decimal(0)
                num = None
            elif ch == "亿":
                if num is not None and short > 1 and not short_big and s[i - 2] in SMALL_UNITS:
                    num *= short
                short = 1
                total = (total + section + (num or Decimal(0))) * BIG_UNITS[ch]
                if total == 0:
                    return None
                section = Decimal(0)
                num = None
            else:
                return None
            i += 1
    except InvalidOperation:
        return None
    if num is not None and short > 1 and s[-2] in _SHORTHAND:
        num *= short
    value = trillions + total + section + (num or Decimal(0))
    if value == value.to_integral_value():
        value = value.to_integral_value()
    return value if value > 0 else None


def trailing_units(text: str) -> str:
    """The 万/亿 units a number ends with ("10亿" -> "亿"), used to complete the lower end of "5至10亿".

    >>> trailing_units("10万亿")
    '万亿'
    >>> trailing_units("5")
    ''
    """
    m = re.search(r"[万亿]+$", text)
    return m.group() if m else ""


def parse_count(text: str) -> int | None:
    """A whole count such as 15, 六, 十二, 一百二十; None for anything else.

    >>> parse_count("十二"), parse_count("488"), parse_count("两")
    (12, 488, 2)
    """
    if text.isascii() and text.isdigit() and len(text) <= MAX_LENGTH:  # "15", the common case, without Decimal
        return int(text) or None
    value = parse_number(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)
