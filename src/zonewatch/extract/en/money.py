"""Money mentions in English text: "RMB 5 billion", "approx. 10 billion RMB", "Rs 47,000 crore", "10 to 15 billion yuan".

``find_money(text)`` returns every amount with its value (Decimal), ISO currency, qualifier, raw text and
span; ``parse_money(s)`` parses a single phrase. Numbers without a currency ("2,500 jobs") are not money.
Each pattern is anchored at a number found by one linear scan, so no pattern can backtrack over unbounded
text (hostile input stays linear).

>>> m = parse_money("approx. 10 billion RMB")
>>> (m.value, m.currency, m.qualifier.value, m.raw)
(Decimal('10000000000'), 'CNY', 'approx', '10 billion RMB')
>>> parse_money("460 100 million yuan").value
Decimal('46000000000')
>>> m = parse_money("10 to 15 billion yuan"); (m.value, m.upper, m.qualifier.value)
(Decimal('10000000000'), Decimal('15000000000'), 'at_least')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from zonewatch.extract.en.lexicon import CUES, CURRENCIES, NUMBER_WORDS, SCALES, alternation
from zonewatch.extract.en.scan import finditer_at, opener_positions, openers
from zonewatch.model import Money, Qualifier, Span

_WORD_NUMS = alternation([w for w in NUMBER_WORDS if w not in ("a", "an", "zero", "dozen")])
# Indian grouping first: "1,35,371 crore" (lakh and crore grouped by two above the thousands)
_DIGITS = r"(?:\d{1,2}(?:,\d\d)+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A number: digits ("47,000", "5.4") or words ("one", "thirty-six"); never starts inside another number.
# Digits and number words are found by two scans that start with a character class or a literal
# alternation (fast to skip through); the boundary before a number is checked in find_money.
# (The digit scan opens with "\d" outside any group, the same match as _DIGITS: a pattern that opens with a
# group or an alternation does not get the regex engine's skip to the next digit, and is four times slower.)
_NUMBER_DIGITS = re.compile(r"(?P<d>\d(?:\d?(?:,\d\d)+,\d{3}|\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?)(?![\d])")
_SMALL = rf"(?:{_WORD_NUMS})(?:[- ](?:{_WORD_NUMS}))?"  # "nine", "thirty-six", "ninety nine"
# Spelled-out amounts: "two hundred", "one hundred and fifty", "a hundred", "half a", "a" before a scale
# ("a billion dollars"), "two and a half". Every part is a bounded literal, so a match stays short.
# (One alternation of openers, then the optional tails: each opener is tried once per position.)
_A_SCALES = ("hundred", "million", "billion", "trillion", "crore", "lakh")
_NUMBER_WORDS = re.compile(  # on lower-cased text
    rf"(?P<w>(?:{_SMALL}|half a|a(?= (?:{'|'.join(_A_SCALES)})\b))"
    rf"(?: hundred(?:(?: and)? {_SMALL})?)?(?: and a half)?)\b"
)
# every number word match opens with one of these (the pattern is tried only there)
_NUMBER_WORD_OPENERS = openers(
    [w for w in NUMBER_WORDS if w not in ("a", "an", "zero", "dozen")] + ["half a"] + [f"a {s}" for s in _A_SCALES]
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(text: str) -> str:
    """Lower case with the same offsets: str.lower (fast) unless it changes the length ("İ"), then ASCII only."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_NUM_GLUE = frozenset("0123456789.,")
_SCALE = alternation(SCALES)
_HAS_SCALE_WORD = re.compile(r"(?:illion|crore|lakh|thousand)", re.I)
# Where scale words are, on lower-cased text; and how far before one a spelled-out number can begin (the
# longest, "seventy-seven hundred and seventy-seven and a half billion", is 50 characters to its scale word).
_SCALE_AT = re.compile(r"illion|crore|lakh|thousand|10,000")
_WORDS_REACH = 64
# What may follow the number: a range, a scale (possibly two: "4 billion 280 million"), a currency word.
_RIGHT = re.compile(
    rf"(?P<range>\s*(?:-|–|—|to|and)\s*(?P<num2>{_DIGITS}))?"
    rf"(?:(?P<short>[bBmMkK])(?![A-Za-z])|(?:\s*|-)(?P<scale>(?:{_SCALE}))\b)?"
    rf"(?:\s+(?P<more>{_DIGITS})\s*(?P<scale2>million|thousand|10,000)\b)?"
    rf"(?:(?:\s*|-)(?P<suffix>{alternation(CURRENCIES['after'])})(?![A-Za-z]))?",
    re.I,
)
_PREFIXES = CURRENCIES["before"]
_DOTTED_PREFIXES = tuple(p for p in _PREFIXES if p.endswith("."))  # "Rs.", "Rp.": the stop is no decimal point
_LEFT = re.compile(rf"(?<![A-Za-z$])(?P<prefix>{alternation(_PREFIXES)})\s?$")
_SUFFIX_ISO = {k.lower(): v for k, v in CURRENCIES["after"].items()}
_QUALS = {q: tuple(words) for q, words in CUES["qualifiers"].items()}
_QUAL_RE = re.compile(
    r"(?:^|\W)(?P<q>"
    + alternation([w for ws in _QUALS.values() for w in ws])
    + r")\s*(?:of\s+)?(?:a\s+total\s+of\s+)?(?:the\s+)?$",
    re.I,
)
_QUAL_OF = {w.lower(): Qualifier(q) for q, ws in _QUALS.items() for w in ws}
# "totaled up to 16.8 billion" is a total, not a ceiling.
_RANGE_GAP = re.compile(r"\s*(?:to|-|–|—)\s*")
_AND_GAP = re.compile(r"\s*and\s*")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|to\s+|-|–)\s*")
_INVEST_BEFORE = re.compile(
    r"\b(?:investments?|invest(?:s|ed|ing)?|worth|valued\s+at|total(?:l?ing|s|l?ed)?|total\s+of|cost(?:s|ing)?)\s+"
    r"(?:of\s+)?(?:(?:about|approximately|approx\.|around|nearly|over|more\s+than|some|up\s+to)\s+)?$",
    re.I,
)
# No stated investment reaches a quintillion in any currency (VND 10^15 is about USD 40 billion); a longer run
# of digits is not money, and past 28 digits Decimal arithmetic downstream (conversion, formatting) fails.
MAX_AMOUNT = Decimal(10) ** 18
_TOTALLED_UP_TO = re.compile(r"total(?:l?ed|s|ling|ing)\s+up\s+to\s*$", re.I)


_WORD_PARTS = re.compile(r"[- ]")


@dataclass(frozen=True, slots=True)
class _Number:
    value: Decimal
    start: int
    end: int


@lru_cache(maxsize=4096)  # asked for every capitalised name too ("is it a number word?")
def word_number(word: str) -> int | None:
    """The value of an English number word or hyphenated pair ("thirty-six" -> 36), else None.

    >>> word_number("Thirty-six"), word_number("nine"), word_number("many")
    (36, 9, None)
    """
    total = 0
    for part in _WORD_PARTS.split(word.lower()):
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total


_SPELLED_PARTS = re.compile(r"[- ]+")


def spelled_number(phrase: str) -> Decimal | None:
    """The value of a spelled-out number as amounts write it, else None.

    >>> [spelled_number(p) for p in ("two hundred", "one hundred and fifty", "a", "half a", "two and a half")]
    [Decimal('200'), Decimal('150'), Decimal('1'), Decimal('0.5'), Decimal('2.5')]
    >>> spelled_number("many") is None
    True
    """
    parts = _SPELLED_PARTS.split(phrase.lower())
    if parts[:2] == ["half", "a"]:
        return Decimal("0.5") if len(parts) == 2 else None
    fraction = Decimal(0)
    if parts[-3:] == ["and", "a", "half"]:
        fraction, parts = Decimal("0.5"), parts[:-3]
    total = 0
    for k, part in enumerate(parts):
        if part == "hundred" and k > 0:
            total = (total or 1) * 100
        elif part == "and" and 0 < k < len(parts) - 1:
            continue
        elif part == "a" and k == 0:
            total = 1
        elif part in NUMBER_WORDS and part not in ("a", "an"):
            total += NUMBER_WORDS[part]
        else:
            return None
    return Decimal(total) + fraction


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def qualifier_before(text: str, start: int) -> Qualifier:
    """The qualifier the words just before ``start`` give an amount ("more than" -> at_least), else exact."""
    before = text[max(0, start - 40) : start]
    if _TOTALLED_UP_TO.search(before):
        return Qualifier.EXACT
    m = _QUAL_RE.search(before)
    return _QUAL_OF[m.group("q").lower()] if m else Qualifier.EXACT


def find_money(text: str) -> list[Money]:
    """Every amount of money in ``text``, in order, with raw text and span.

    An amount written without its currency takes it from its list ("2 billion, 1.5 billion and 800 million
    yuan respectively") or, after an investment word ("a total investment of 5 billion"), from the
    currency the text uses most; one that gets no currency is dropped.
    """
    found: list[Money] = []
    taken = 0
    numbers = [
        m
        for m in _NUMBER_DIGITS.finditer(text)
        if m.start() == 0
        or text[m.start() - 1] not in _NUM_GLUE
        or text.endswith(_DOTTED_PREFIXES, max(0, m.start() - 4), m.start())  # "Rs.500 cr"
    ]
    if _HAS_SCALE_WORD.search(text):  # "one billion RMB": a number word needs a scale word
        low = _lower(text)  # same length and offsets as text
        words = finditer_at(_NUMBER_WORDS, _word_positions(low), low, len(low))
        numbers += [m for m in words if m.start() == 0 or not text[m.start() - 1].isalnum()]
        numbers.sort(key=lambda m: m.start())
    for num in numbers:
        if num.start() < taken:
            continue
        money = _money_at(text, num)
        if money is not None:
            found.append(money)
            taken = money.span.end
    found = _join_ranges(text, found)
    if any(not m.currency for m in found):
        found = _give_currencies(text, found)
    return found


def _word_positions(low: str) -> list[int]:
    """Where a spelled-out amount may begin: number-word openers up to ``_WORDS_REACH`` before a scale word.

    A number word is money only when a scale word follows it, so the openers are looked for only there,
    not in the whole text (where "one" and "ten" open "money" and "often").
    """
    found: list[int] = []
    lo = hi = -1
    for m in _SCALE_AT.finditer(low):
        start = max(0, m.start() - _WORDS_REACH)
        if start > hi:  # a new window: look through the one before
            if hi > lo:
                found += opener_positions(low, _NUMBER_WORD_OPENERS, lo, hi)
            lo = start
        hi = m.end()  # (the scale word itself too: "a billion" is one opener)
    if hi > lo:
        found += opener_positions(low, _NUMBER_WORD_OPENERS, lo, hi)
    return found


def _join_ranges(text: str, found: list[Money]) -> list[Money]:
    """ "5 billion to 6 billion yuan", "between RMB 2 billion and RMB 3 billion": one amount with an upper bound."""
    out: list[Money] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and prev.upper is None and (not prev.currency or prev.currency == m.currency):
            gap = text[prev.span.end : m.span.start]
            between = _BETWEEN.search(text, max(0, prev.span.start - 12), prev.span.start)
            if (_RANGE_GAP.fullmatch(gap) or (between and _AND_GAP.fullmatch(gap))) and m.value > prev.value:
                out[-1] = Money(
                    prev.value,
                    m.currency,
                    Qualifier.AT_LEAST,
                    text[prev.span.start : m.span.end],
                    Span(prev.span.start, m.span.end),
                    upper=m.value,
                )
                continue
        out.append(m)
    return out


def _give_currencies(text: str, found: list[Money]) -> list[Money]:
    # lists: a run of amounts joined by commas / "and" / "to" shares the currency one of them states
    runs: list[list[int]] = [[0]] if found else []
    for i in range(1, len(found)):
        gap = text[found[i - 1].span.end : found[i].span.start]
        if _LIST_GAP.fullmatch(gap):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = list(found)
    for run in runs:
        stated = [out[i].currency for i in run if out[i].currency]
        if stated:
            for i in run:
                if not out[i].currency:
                    out[i] = replace(out[i], currency=stated[0])
    common = Counter(m.currency for m in out if m.currency).most_common(1)
    for i, m in enumerate(out):
        if not m.currency and common and _INVEST_BEFORE.search(text, max(0, m.span.start - 45), m.span.start):
            out[i] = replace(m, currency=common[0][0])
    return [m for m in out if m.currency]


def parse_money(phrase: str) -> Money | None:
    """The first amount in ``phrase`` (spans relative to it), or None when it names no money."""
    found = find_money(phrase)
    return found[0] if found else None


def _money_at(text: str, num: re.Match[str]) -> Money | None:
    # Most numbers are no money (years, days, counts): the checks that reject them come first, and the
    # number's value is read only for the few that pass.
    words = num.re is _NUMBER_WORDS  # (the match is on the lower-cased copy; the span is the same)
    right = _RIGHT.match(text, num.end())
    assert right is not None  # every part is optional
    scale_word, short, suffix = right.group("scale", "short", "suffix")
    left = _LEFT.search(text, max(0, num.start() - 8), num.start())
    prefix = left.group("prefix") if left else None
    if suffix and not scale_word and suffix.lower() in ("won", "dong"):
        suffix = None  # "won" and "dong" are ordinary words unless an amount is clearly meant
    bare = prefix is None and suffix is None
    if bare and not scale_word:
        return None  # a plain number is no money; "5 billion" may be, if its list or context says which currency
    if words and not (scale_word or short):
        return None  # "one RMB" is no investment; "one billion RMB" is
    if words and suffix and num.group("w")[0] in "ah" and text[right.start("suffix") - 1] == "-":
        return None  # "a billion-dollar company", "a million-euro home": a size, not an amount
    if short and prefix is None:
        return None  # "5m yuan" is rare; "5m" alone is a length
    currency = _PREFIXES[prefix] if prefix else _SUFFIX_ISO.get((suffix or "").lower(), "" if bare else None)
    if currency is None:
        return None  # a case-folding oddity ("İDR"): no currency we know
    value = spelled_number(num.group("w")) if words else _decimal(num.group("d"))
    if value is None:
        return None
    scale = Decimal(1)
    if scale_word:
        scale = SCALES[re.sub(r"\s+", " ", scale_word.lower())]
    elif short:
        scale = {"b": Decimal(10**9), "m": Decimal(10**6), "k": Decimal(1000)}[short.lower()]
    amount = value * scale
    if right.group("more") and scale > 10**6:
        more = _decimal(right.group("more")) or Decimal(0)
        amount += more * SCALES[right.group("scale2").lower()]
    if amount >= MAX_AMOUNT:
        return None
    upper = None
    qualifier = qualifier_before(text, left.start() if left else num.start())
    end = right.end() if suffix else _end_without_suffix(right, num.end())
    if text.startswith("-plus", end) and qualifier is Qualifier.EXACT:
        qualifier = Qualifier.AT_LEAST  # "a $2.5 billion-plus plant"
    if right.group("num2"):
        hi = _decimal(right.group("num2"))
        if hi is not None and hi > value and hi * scale < MAX_AMOUNT:
            upper = hi * scale
            qualifier = Qualifier.AT_LEAST
    start = left.start() if left else num.start()
    raw = text[start:end]
    return Money(
        value=_clean(amount),
        currency=currency,
        qualifier=qualifier,
        raw=raw,
        span=Span(start, end),
        upper=_clean(upper) if upper is not None else None,
    )


def _clean(d: Decimal) -> Decimal:
    """5E+9 -> 5000000000: whole amounts print as integers."""
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


def _end_without_suffix(right: re.Match[str], fallback: int) -> int:
    ends = [right.end(g) for g in ("scale2", "scale", "short", "num2") if right.group(g)]
    return max(ends) if ends else fallback
