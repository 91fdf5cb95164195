"""Sums of money in Chinese text: 10亿元, 人民币约10亿元, 3亿美元, 16000万元, 5亿元至10亿元, 二十五点六亿元.

``find_money`` reads the shadow text (see :mod:`chars`) and returns every amount with its qualifier and a
``kind`` telling what the figure is locally: a sum (``amount``), a rate (``rate``: 万元/亩), a size bracket
(``threshold``: 10亿元以上项目), or a stated conversion of the amount before it (``conversion``). Whether a
sum is an investment is decided later, from the words around it (:mod:`figures`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from zonewatch.extract.zh.lexicon import alternation, lexicon
from zonewatch.extract.zh.numerals import DIGITS, NUMBER, SMALL_UNITS, parse_number, trailing_units
from zonewatch.model import Money, Qualifier, Span

# No stated investment reaches a quintillion in any currency; a longer figure is not money, and past 28
# digits Decimal arithmetic downstream (conversion, formatting, the ledger's columns) fails.
MAX_AMOUNT = Decimal(10) ** 18
BIG_UNIT_VALUE = Decimal(10) ** 8  # "超亿元": the 亿 a qualifier stands before
# two Chinese digits side by side before a unit ("三四亿", "一两千万"); 〇/零 are left to positional years
_PAIR = re.compile(r"([一二两三四五六七八])([二两三四五六七八九])(?=[十百千万亿])")


@dataclass(frozen=True, slots=True)
class MoneyHit:
    """An amount found in the text and what it is locally."""

    money: Money
    kind: str  # "amount" | "rate" | "threshold" | "conversion"
    phase: bool = False  # "一期投资约5亿元": a phase of a project stated in full elsewhere
    number_start: int = 0  # where the number itself starts (after a currency word or qualifier)


@dataclass(frozen=True, slots=True)
class _Patterns:
    single: re.Pattern[str]
    range: re.Pattern[str]
    before_q: re.Pattern[str]
    unit: re.Pattern[str]
    bare: re.Pattern[str]
    bare_not_before: str
    before_verb: re.Pattern[str]
    threshold: re.Pattern[str]
    conversion_gap: re.Pattern[str]
    units: dict[str, str]
    prefixes: dict[str, str]
    qualifiers_before: dict[str, Qualifier]
    qualifiers_after: dict[str, Qualifier]
    joiner: re.Pattern[str]  # a range needs one: a window without is not searched for ranges
    per_before: re.Pattern[str]
    phase: re.Pattern[str]
    rounds: str  # at-least words only before a round number ("上百亿元"), and the characters they never follow
    round_not_after: str
    one: re.Pattern[str]  # a qualifier standing for one 亿 ("超亿元")
    one_last: frozenset[str]  # the characters such a qualifier ends with
    one_unit: str


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    units = lex.table("currency", "units")
    prefixes = lex.table("currency", "prefixes")
    qb: dict[str, Qualifier] = {}
    for key, q in (("before_approx", Qualifier.APPROX), ("before_at_least", Qualifier.AT_LEAST),
                   ("before_at_most", Qualifier.AT_MOST)):  # fmt: skip
        qb.update(dict.fromkeys(lex.words("qualifier", key), q))
    qa: dict[str, Qualifier] = {}
    for key, q in (("after_approx", Qualifier.APPROX), ("after_at_least", Qualifier.AT_LEAST),
                   ("after_at_most", Qualifier.AT_MOST)):  # fmt: skip
        qa.update(dict.fromkeys(lex.words("qualifier", key), q))
    cur = alternation(list(units))
    pre = alternation(list(prefixes))
    q_before = alternation(list(qb))
    rounds = lex.words("qualifier", "before_round_at_least")
    not_after = lex.text("qualifier", "round_not_after")
    qb.update(dict.fromkeys(rounds, Qualifier.AT_LEAST))
    q_before_num = rf"{q_before}|(?<![{not_after}])(?:{alternation(rounds)})(?=[百千万亿])"
    q_after = alternation([w for w in qa if w not in ("多", "余")])  # 多/余 after 元 is not a qualifier
    guard = r"(?<![0-9.数几])"
    # a qualifier that is the end of another word is not one: 签约 / 节约 / 预约, 附近 / 最近, 高超
    word = r"(?<![签节制契预合特邀条履守附最临邻将高])"  # 数十亿元 / 几亿元 are vague, not amounts
    single = re.compile(
        rf"(?:(?P<prefix>{pre})\s?)?(?:{word}(?P<qb>{q_before})\s?)?{guard}(?P<num>{NUMBER})\s?(?P<cur>{cur})(?P<qa>{q_after})?"
    )
    joiners = alternation(lex.words("money", "range_joiners"))
    rng = re.compile(
        rf"(?:(?P<prefix>{pre})\s?)?(?:{word}(?P<qb>{q_before})\s?)?{guard}(?P<lo>{NUMBER})\s?(?P<locur>{cur})?\s?(?:{joiners})\s?"
        rf"(?P<hi>{NUMBER})\s?(?P<cur>{cur})"
    )
    threshold = re.compile(
        rf"^(?:{alternation(lex.words('figures', 'threshold_after'))})?{lex.text('figures', 'threshold_noun')}"
    )
    conv = alternation(lex.words("money", "conversion_before"))
    conversion_gap = re.compile(rf"^\s?[(（]\s?(?:{conv}|约)?\s?$|^\s?[,，]?\s?(?:{conv})\s?$")
    before_verb = re.compile(rf"{word}(?P<q>{q_before})(?:计划)?(?:总投资|投资|投入)(?:总额|额)?(?:为|达)?\s?$")
    unit = re.compile(rf"(?:{cur})")
    one = re.compile(
        rf"{word}(?P<qb>{q_before}|(?<![{not_after}])(?:{alternation(rounds)}))\s?(?P<one>{lex.text('qualifier', 'implied_one')})"
        rf"\s?(?P<cur>{cur})(?P<qa>{q_after})?"
    )
    # a bare amount stops where the number does: "投资三万五千元" is not "投资三万" and "五千元"; "投资5个亿" and
    # "1个多亿" are how people say 5亿 and 1亿多 (with or without 元: no other pattern reads them)
    more = "0-9." + "".join(DIGITS) + "".join(SMALL_UNITS) + "点余多"
    bare = re.compile(
        rf"(?:{alternation(lex.words('money', 'bare_after'))})(?:(?P<qb>{q_before_num})|达到|达|为|共计|合计)?\s?"
        rf"{guard}(?:(?P<num>{NUMBER}[万亿])(?![{more}])|(?P<spoken>{NUMBER})个(?P<plus>[多余])?亿元?)"
    )
    return _Patterns(single, rng, re.compile(rf"(?:{q_before})\s?$"), unit, bare,
                     lex.text("money", "bare_not_before"), before_verb, threshold, conversion_gap,
                     units, prefixes, qb, qa, re.compile(joiners),
                     re.compile(alternation(lex.words("money", "per_unit_before"))),
                     re.compile(alternation(lex.words("money", "phase_before"))), "".join(rounds), not_after, one,
                     frozenset(w[-1] for w in [*qb, *rounds]), lex.text("qualifier", "implied_one"))  # fmt: skip


def _currency(p: _Patterns, unit: str, prefix: str | None) -> str:
    if prefix and unit == "元":
        return p.prefixes[prefix]
    return p.units[unit]


def find_money(text: str, shadow: str) -> list[MoneyHit]:
    """Every amount of money in ``text`` (matched on its same-length ``shadow``), in text order.

    >>> [(h.money.value, h.money.currency, h.money.qualifier.value, h.money.raw) for h in find_money(*2 * ("投资超过10亿元",))]
    [(Decimal('1000000000'), 'CNY', 'at_least', '超过10亿元')]
    """
    p = _patterns()
    lex = lexicon()
    found: list[tuple[int, int, Money, int]] = []
    # what ranges and bare amounts cover, so a match inside one is skipped: a mask, not a list of spans each
    # later match is tested against (a line of thousands of amounts made that quadratic: 1 s CPU, fuzz 62954)
    taken = bytearray(len(shadow) + 1)
    windows = _windows(p, shadow)
    ranged = [(lo, hi) for lo, hi in windows if p.joiner.search(shadow, lo, hi)]
    for m in (m for lo, hi in ranged for m in p.range.finditer(shadow, lo, hi)):
        lo_text, hi_text = m.group("lo"), m.group("hi")
        if m.group("locur") is None and not re.search(r"[万亿]$", lo_text):
            lo_text += trailing_units(hi_text)
        lo, hi = parse_number(lo_text), parse_number(hi_text)
        if lo is None or hi is None or hi <= lo or hi >= MAX_AMOUNT:
            continue
        start, end = _extend_before(p, shadow, m.start(), m.group("prefix"), m.group("qb")), m.end()
        cur = _currency(p, m.group("cur"), m.group("prefix"))
        money = Money(lo, cur, Qualifier.AT_LEAST, text[start:end], Span(start, end), upper=hi)
        found.append((start, end, money, m.start("lo")))
        taken[start:end] = b"\x01" * (end - start)
    for m in p.bare.finditer(shadow):
        spoken = m.group("spoken")
        if spoken is None and m.end() < len(shadow) and shadow[m.end()] in p.bare_not_before:
            continue
        num_group = "spoken" if spoken is not None else "num"
        num = m.group(num_group) + ("亿" if spoken is not None else "")
        if taken.find(1, m.start(num_group), m.end()) >= 0:
            continue
        value, upper = _read(num)
        if value is None:
            continue
        q = p.qualifiers_before.get(m.group("qb") or "", Qualifier.EXACT)
        if "余" in num or "多" in num or m.group("plus") or upper is not None:
            q = Qualifier.AT_LEAST
        start, end = m.start(num_group), m.end()
        found.append((start, end, Money(value, "CNY", q, text[start:end], Span(start, end), upper=upper), start))
        taken[start:end] = b"\x01" * (end - start)
    for m in (m for lo, hi in windows for m in p.single.finditer(shadow, lo, hi)):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        num = m.group("num")
        num_start = m.start("num")
        # "一10亿元": a stray Chinese digit glued before an Arabic number is not part of it
        lead = re.match(r"^[^0-9]+(?=[0-9])", num)
        if lead and not re.search(r"[万亿十百千]", lead.group()):
            num_start += lead.end()
            num = num[lead.end() :]
        value, upper = _read(num)
        if value is None or value >= MAX_AMOUNT:
            continue
        end = m.end()
        q = Qualifier.EXACT
        if num_start != m.start("num"):
            start = num_start
        else:
            start = _extend_before(p, shadow, m.start(), m.group("prefix"), m.group("qb"))
            qword = m.group("qb") or shadow[start : m.start()].strip()
            q = p.qualifiers_before.get(qword, q)
            if not qword and _round_qualifier(p, shadow, start):
                start -= 1
                q = Qualifier.AT_LEAST
            elif qword not in p.qualifiers_before:
                # "大约投资8亿元", "超过总投资": the qualifier before the word for investing
                far = p.before_verb.search(shadow, max(0, start - 10), start)
                if far:
                    q = p.qualifiers_before[far.group("q")]
        if "余" in num or "多" in num:
            q = Qualifier.AT_LEAST
        if m.group("qa"):
            q = p.qualifiers_after[m.group("qa")]
        if upper is not None:
            q = Qualifier.AT_LEAST  # as every range
        cur = _currency(p, m.group("cur"), m.group("prefix"))
        money = Money(value, cur, q, text[start:end], Span(start, end), upper=upper)
        found.append((start, end, money, num_start))
    found.extend(_implied_one(p, text, shadow, windows))
    found.sort(key=lambda f: f[0])

    hits: list[MoneyHit] = []
    per_after = lex.words("money", "per_unit_after")
    for start, end, money, num_start in found:
        after = shadow[end : end + 12]
        before = shadow[max(0, start - 8) : start]
        kind = "amount"
        if after.startswith(per_after) or p.per_before.search(before):
            kind = "rate"
        elif p.threshold.match(after):
            kind = "threshold"
        elif hits and p.conversion_gap.match(shadow[hits[-1].money.span.end : start]):
            kind = "conversion"
        phase = p.phase.search(before, len(before) - 5) is not None
        hits.append(MoneyHit(money, kind, phase, num_start))
    return hits


def _round_qualifier(p: _Patterns, shadow: str, start: int) -> bool:
    """Whether 上/过 right before ``start`` means "at least" ("上百亿元", "过千万元"): before a round number only."""
    return (
        start > 0
        and shadow[start - 1] in p.rounds
        and shadow[start] in "百千万亿"
        and (start < 2 or shadow[start - 2] not in p.round_not_after)
    )


def _implied_one(
    p: _Patterns, text: str, shadow: str, windows: list[tuple[int, int]]
) -> list[tuple[int, int, Money, int]]:
    """Amounts whose qualifier stands for one 亿 ("超亿元", "近亿元", "上亿元"); "亿元" alone is no figure.
    Looked for from each 亿 after a qualifier's last character: the single pattern, tried at every position
    of the windows, would pay for the rare form everywhere."""
    found: list[tuple[int, int, Money, int]] = []
    for lo, hi in windows:
        i = shadow.find(p.one_unit, lo, hi)
        while i >= 0:
            before = shadow[i - 1 : i] if shadow[i - 1 : i] != " " else shadow[i - 2 : i - 1]
            if before in p.one_last and (m := p.one.search(shadow, max(0, i - 5), hi)) and m.start("one") == i:
                q = p.qualifiers_before[m["qb"]]
                if m["qa"]:
                    q = p.qualifiers_after[m["qa"]]
                start, end = m.start("qb"), m.end()
                money = Money(BIG_UNIT_VALUE, p.units[m["cur"]], q, text[start:end], Span(start, end))
                found.append((start, end, money, i))
            i = shadow.find(p.one_unit, i + 1, hi)
    return found


def _read(num: str) -> tuple[Decimal | None, Decimal | None]:
    """The value of an amount's number, and the upper end when it is a rough range ("三四亿": 3亿 to 4亿).

    >>> _read("二三十亿"), _read("35亿")
    ((Decimal('2000000000'), Decimal('3000000000')), (Decimal('3500000000'), None))
    """
    pair = None if num[0] <= "9" else _PAIR.search(num)  # most amounts start with an Arabic digit: no pair
    if pair is None:
        return parse_number(num), None
    # two digits side by side are a rough range, not the number 34 ("三四亿元", "一两千万元"); the second one
    # larger, or it is no number at all
    a, b = pair.group(1), pair.group(2)
    lo = parse_number(num[: pair.start()] + a + num[pair.end() :])
    hi = parse_number(num[: pair.start()] + b + num[pair.end() :])
    if DIGITS[a] >= DIGITS[b] or lo is None or hi is None or hi >= MAX_AMOUNT:
        return None, None
    return lo, hi


def _windows(p: _Patterns, shadow: str) -> list[tuple[int, int]]:
    """Stretches of text around currency words: the only places an amount can be (matching the full
    pattern at every position of a long article is what made extraction slow). Lookbehinds still see
    the text before a window, so a number is never cut at a window's start."""
    spans: list[tuple[int, int]] = []
    for m in p.unit.finditer(shadow):
        lo, hi = max(0, m.start() - 40), m.end() + 4
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _extend_before(p: _Patterns, shadow: str, start: int, prefix: str | None, qb: str | None) -> int:
    """Take a qualifier written before the currency word ("约人民币10亿元") into the amount's text."""
    if prefix and not qb:
        m = p.before_q.search(shadow, max(0, start - 4), start)
        if m and m.end() == start:
            return m.start()
    return start
