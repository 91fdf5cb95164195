"""What the words around an amount say: an investment or another figure (GDP, 产值, 累计...), how many
projects it covers ("15个重大项目", "项目9个"), and the stage reached (签约, 开工, 投产, 拟投资)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from zonewatch.extract.zh.lexicon import alternation, lexicon
from zonewatch.extract.zh.numerals import parse_count
from zonewatch.model import Quantity, Span, Stage, StageValue

_CN = "一二两三四五六七八九十百千"
# A count never starts inside a run of digits or numerals: without the look-behinds every position of a long
# run would be rescanned to its end (quadratic; a 4k-digit line took seconds).
_NUM = rf"(?:(?<!\d)\d+|(?<![{_CN}])[{_CN}]+)"


@dataclass(frozen=True, slots=True)
class _Patterns:
    neg: re.Pattern[str]
    pos: re.Pattern[str]
    sentence_neg: re.Pattern[str]
    clause_neg: re.Pattern[str]
    neg_after: re.Pattern[str]
    count_before: re.Pattern[str]
    count_after: re.Pattern[str]
    stage: re.Pattern[str]
    stage_of: dict[str, Stage]
    future: re.Pattern[str]  # words making a stage cue after them a plan ("将于"), searched in 18 characters
    aggregate: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    cls = alternation(lex.words("count", "classifiers"))
    nouns = alternation(lex.words("count", "nouns"))
    stage_of: dict[str, Stage] = {}
    for key, stage in (("announced", Stage.ANNOUNCED), ("signed", Stage.SIGNED), ("started", Stage.STARTED),
                       ("operating", Stage.OPERATING)):  # fmt: skip
        stage_of.update(dict.fromkeys(lex.words("stage", key), stage))
    return _Patterns(
        neg=re.compile(alternation(lex.words("figures", "not_investment"))),
        pos=re.compile(alternation(lex.words("figures", "investment"))),
        sentence_neg=re.compile(
            alternation(lex.words("figures", "sentence_not_investment"))
            + "|"
            + lex.text("figures", "period_total")
            + "|"
            + lex.text("figures", "period_whole_area")
        ),
        clause_neg=re.compile(r"平均|人均|户均|亩均|每个项目"),
        # "实现15亿元年产值": the kind of figure named right after it
        neg_after=re.compile(r"的?(?:年)?(?:" + alternation(lex.words("figures", "not_investment_after")) + ")"),
        count_before=re.compile(
            # "15个重大项目" | "项目9个" / "产业项目有77项" | "福州115个、总投资..."
            rf"(?P<a>{_NUM})(?:余|多)?\s?(?:{cls})[^\d,，。;；、:：]{{0,8}}?(?:{nouns})(?!中)"
            rf"|(?:{nouns})(?:有|共|共有|达|计|共计|合计|总数)?\s?(?P<b>{_NUM})(?:余|多)?\s?(?:{cls})(?!中)"
            rf"|(?P<c>{_NUM})\s?(?:{cls})(?=[、,，]\s?(?:总投资|投资|协议|计划投资|总额|合同))"
        ),
        count_after=re.compile(rf"的?(?P<a>{_NUM})\s?(?:{cls})[^\d,，。;；]{{0,8}}?(?:{nouns})"),
        stage=re.compile(alternation(list(stage_of))),
        stage_of=stage_of,
        future=re.compile(alternation(lex.words("stage", "future"))),
        aggregate=re.compile(
            r"一批|这批|首批|该批|本批|第[一二三四五六七八九十0-9]+批|批次|集中签约|集中开工|集中竣工|共计|合计|总计|共有|共签约|一揽子"
        ),
    )


def sentence_cue_at(shadow: str, start: int, end: int) -> int | None:
    """Where the first cue making the rest of a sentence a non-commitment (累计, 铺排, 1-4月...) starts."""
    m = _patterns().sentence_neg.search(shadow, start, end)
    return m.start() if m else None


def is_investment(
    shadow: str,
    sentence_start: int,
    window_start: int,
    money_start: int,
    money_end: int | None = None,
    sentence_cue: int | None = -1,
) -> bool:
    """Whether the amount at ``money_start`` is a commitment, judged from the words before it.

    >>> s = "2015年,新区完成地区生产总值1540亿元,完成财政总收入219亿元"
    >>> is_investment(s, 0, 0, s.index("1540")), is_investment(s, 0, s.index("亿元") + 2, s.index("219"))
    (False, False)
    >>> s = "预计实现15亿元年产值"
    >>> is_investment(s, 0, 0, s.index("15"), s.index("元") + 1)
    False
    >>> s = "公司营收增长30%,此次拟投资10亿元"
    >>> is_investment(s, 0, 0, s.index("10亿"))
    True
    """
    p = _patterns()
    if sentence_cue == -1:  # not given (a caller judging many amounts of one sentence computes it once)
        sentence_cue = sentence_cue_at(shadow, sentence_start, money_start)
    if sentence_cue is not None and sentence_cue < money_start:
        return False
    if money_end is not None and p.neg_after.match(shadow, money_end):
        return False
    clause_start = max(
        window_start,
        shadow.rfind(",", window_start, money_start) + 1,
        shadow.rfind("，", window_start, money_start) + 1,
    )
    if p.clause_neg.search(shadow, clause_start, money_start):
        return False
    best: tuple[int, int, bool] | None = None
    for rx, polarity in ((p.neg, False), (p.pos, True)):
        for m in rx.finditer(shadow, window_start, money_start):
            key = (m.end(), m.end() - m.start(), polarity)
            if best is None or key[:2] > best[:2]:
                best = key
    return True if best is None else best[2]


def find_count(text: str, shadow: str, start: int, money_start: int, money_end: int) -> Quantity | None:
    """The number of projects an amount covers: the last count in ``[start, money_start)``, or one right after
    the amount ("总投资300亿元的30个项目")."""
    p = _patterns()
    m = p.count_after.match(shadow, money_end)
    if m:
        return _quantity(text, m, "a")
    last = None
    for m in p.count_before.finditer(shadow, start, money_start):
        # "共签约项目25个(其中外资项目3个),总投资320亿元": a count in brackets is a part, not the whole
        opened = shadow.rfind("(", start, m.start())
        if opened >= 0 and shadow.find(")", m.end(), money_start) >= 0 and shadow.find(")", opened, m.start()) < 0:
            continue
        last = m
    if last is None:
        return None
    group = next(g for g in ("a", "b", "c") if last.group(g))
    return _quantity(text, last, group)


def _quantity(text: str, m: re.Match[str], group: str) -> Quantity | None:
    n = parse_count(m.group(group))
    if n is None or n < 1:
        return None
    # the quantity's text is the whole count phrase ("15个重大项目"), its value the number
    return Quantity(Decimal(n), text[m.start() : m.end()], Span(m.start(), m.end()), unit="projects")


def looks_aggregate(shadow: str, start: int, end: int) -> bool:
    """Words saying a figure covers several projects without counting them ("一批", "集中", "共计")."""
    return bool(_patterns().aggregate.search(shadow, start, end))


def stage_cues(text: str, shadow: str, start: int, end: int) -> list[StageValue]:
    """Every stage cue in ``[start, end)`` that reports what happened, not a plan for later ("将于2018年开工")."""
    p = _patterns()
    out = []
    for m in p.stage.finditer(shadow, start, end):
        # "将于2018年开工" is a plan; "投产后年产值..." a condition
        if shadow.startswith("后", m.end()):
            continue
        if not p.future.search(shadow, max(0, m.start() - 18), m.start()):
            out.append(StageValue(p.stage_of[m.group()], text[m.start() : m.end()], Span(m.start(), m.end())))
    return out


def nearest_stage(cues: list[StageValue], pos: int) -> StageValue | None:
    """The cue nearest before ``pos`` (else the first after it); a firmer cue before it wins over a plan
    ("签署协议...计划投资": the signing is what happened, the plan what it commits to)."""
    return StageCues(cues).nearest(pos)


class StageCues:
    """A sentence's stage cues (in text order, not overlapping) indexed for :func:`nearest_stage` by bisecting:
    a sentence with thousands of amounts asks for thousands of positions."""

    __slots__ = ("cues", "ends", "firm", "starts")

    def __init__(self, cues: list[StageValue]) -> None:
        self.cues = cues
        self.starts = [c.span.start for c in cues]
        self.ends = [c.span.end for c in cues]
        self.firm: list[int | None] = []  # the last cue up to each one that is firmer than a plan
        last = None
        for i, c in enumerate(cues):
            if c.stage is not Stage.ANNOUNCED:
                last = i
            self.firm.append(last)

    def within(self, start: int, end: int) -> tuple[int, int]:
        """The indexes ``[lo, hi)`` of the cues starting in ``[start, end)``."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def nearest(self, pos: int, lo: int = 0, hi: int | None = None) -> StageValue | None:
        """:func:`nearest_stage` over the cues ``[lo, hi)`` (a sentence's, from :meth:`within`)."""
        hi = len(self.cues) if hi is None else hi
        before = bisect.bisect_right(self.ends, pos, lo, hi)  # the cues ending by ``pos``
        if before > lo:
            last, firm = self.cues[before - 1], self.firm[before - 1]
            return self.cues[firm] if last.stage is Stage.ANNOUNCED and firm is not None and firm >= lo else last
        after = bisect.bisect_left(self.starts, pos, lo, hi)
        return self.cues[after] if after < hi else None


def find_stage(text: str, shadow: str, start: int, end: int, after_end: int | None = None) -> StageValue | None:
    """The stage cue nearest before ``end`` in ``[start, end)`` (then the first in ``[end, after_end)``)."""
    return nearest_stage(stage_cues(text, shadow, start, after_end if after_end is not None else end), end)
