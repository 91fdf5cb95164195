"""Organisations in Chinese text: companies (有限公司, 集团, 研究院, 大学...), stock-code names (铂科新材(300811)),
well-known short names (腾讯, 比亚迪), short forms of a company named in full earlier (京信通信 for
京信通信系统控股有限公司), and hosts (管委会, 人民政府). Found on the shadow text; spans index the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from zonewatch.extract.zh import windows
from zonewatch.extract.zh.lexicon import alternation, lexicon, trie
from zonewatch.extract.zh.spans import Stops, leftmost_longest, longest_first, walk_left
from zonewatch.model import Mention, Span

MAX_NAME = 24
# a head naming a whole area or sector, not a company ("全市新能源汽车将投资")
_COLLECTIVE = re.compile(r"全市|全省|全区|全县|全国|我市|我省|我区|本市|该市|各地|各区|市|省|县|区|行业|产业|领域")


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation mention; ``role`` is "company", "host" or "anaphor" (a bare 公司 meaning the one named)."""

    mention: Mention
    role: str
    full: str  # the full name this mention stands for (itself, or the long name a short form abbreviates)


# a stock code closing a company's name ("铂科新材(300811)"), and anything in brackets
_STOCK_CODE_END = re.compile(r"\((?:[A-Z]{0,2}\d{4,6}(?:\.[A-Z]{2})?|[A-Z]{2}\d{4,6})\)$")
_BRACKETED = re.compile(r"\(.*?\)")
# the verbs a trade name opens a clause with ("星河科技将投资")
_TRADE_VERBS = ("将", "拟", "计划", "决定", "宣布", "追加", "增资", "出资", "投资", "总投资", "再投资", "斥资", "投入")


@dataclass(frozen=True, slots=True)
class _Patterns:
    suffix: re.Pattern[str]
    stock: re.Pattern[str]
    known: re.Pattern[str]
    org_suffixes: tuple[str, ...]
    host_suffixes: tuple[str, ...]
    stops: Stops
    descriptors: tuple[str, ...]
    descriptor: re.Pattern[str]
    not_name: re.Pattern[str]
    trade_name: re.Pattern[str]
    trade_at: windows.Anchor  # where a trade name can be: before the first character of one of its verbs
    trade_endings: frozenset[str]
    generic_heads: frozenset[str]  # a company is not named by an industry word alone: "科技有限公司", "数据有限公司"
    industry: re.Pattern[str]  # a head made of industry words only ("新材料科技"): no brand in it
    conjunctions: frozenset[str]  # "和", "同": a stop, or the first character of a name
    conjunction_words: tuple[str, ...]  # "同时", "和其他": words starting with one, never a name's start
    conjunction_after: frozenset[str]  # "并", "还", "将": after these it is a conjunction
    whole_ends: re.Pattern[str]  # the endings of a complete name (legal, host and trade endings)


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    orgs = lex.words("names", "org_suffixes")
    hosts = lex.words("names", "host_suffixes")
    return _Patterns(
        suffix=re.compile(alternation(orgs + hosts)),
        stock=re.compile(r"\((?:[A-Z]{0,2}\d{4,6}(?:\.(?:SH|SZ|HK|BJ))?|(?:SH|SZ|HK)\d{4,6})\)"),
        known=re.compile(trie(lex.companies)),
        org_suffixes=orgs,
        host_suffixes=hosts,
        stops=Stops(lex.words("names", "left_stops"), lex.words("names", "left_stops_inside")),
        descriptors=lex.words("names", "descriptor_prefixes"),
        descriptor=re.compile(alternation(lex.words("names", "descriptor_prefixes"))),
        not_name=re.compile(alternation(lex.words("names", "not_names"))),
        trade_name=re.compile(
            r"(?:^|(?<=[\s,，。;；:：、“”()]))(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?(?P<ending>"
            + alternation(lex.words("names", "trade_endings"))
            + rf"))(?={'|'.join(_TRADE_VERBS)})"
        ),
        trade_endings=frozenset(lex.words("names", "trade_endings")),
        generic_heads=frozenset(lex.words("names", "trade_endings") + lex.words("names", "generic_heads")),
        industry=re.compile(
            "(?:"
            + alternation(
                lex.words("names", "trade_endings")
                + lex.words("names", "generic_heads")
                + lex.words("names", "sector_words")
            )
            + ")+"
        ),
        conjunctions=frozenset(lex.words("names", "name_conjunctions")),
        conjunction_words=lex.words("names", "conjunction_words"),
        conjunction_after=frozenset(lex.words("names", "conjunction_after")),
        whole_ends=re.compile("(?:" + alternation(orgs + hosts + lex.words("names", "trade_endings")) + ")$"),
        # the verb's first character: at most 8 + the longest ending in, then at most 2 more read ("总投资")
        trade_at=_first_characters(_TRADE_VERBS, 8 + max(map(len, lex.words("names", "trade_endings"))), 2),
    )


def _first_characters(words: Iterable[str], before: int, after: int) -> windows.Anchor:
    """An anchor on every occurrence of the words' first characters (single characters never overlap, so none
    is skipped the way a pattern's overlapping matches are)."""
    return windows.Anchor(re.compile("[" + "".join(sorted({re.escape(w[0]) for w in words})) + "]"), before, after)


def _strip_descriptors(shadow: str, start: int, end: int, descriptor: re.Pattern[str]) -> int:
    """Past the descriptors opening a name ("知名厂商"), longest first, each leaving at least a character before
    ``end`` (hence a match ending by ``end - 1``)."""
    while m := descriptor.match(shadow, start, end - 1):
        start = m.end()
    return start


def over_conjunction(shadow: str, start: int, head_end: int, places: frozenset[str] = frozenset()) -> int:
    """Where a name whose walk left stopped at ``start`` begins, when a 和 / 同 before it may be its first
    character (a project's name: "和泰医疗器械产业园项目"); ``head_end`` ends the part it names by.

    >>> over_conjunction("签约项目包括:和泰医疗器械产业园项目", 8, 18)
    7
    """
    p = _patterns()
    if start > 0 and shadow[start - 1] in p.conjunctions:
        return _through_conjunction(shadow, start, head_end, p, places)
    return start


def _through_conjunction(shadow: str, start: int, head_end: int, p: _Patterns, places: frozenset[str]) -> int:
    """The start of a name whose walk stopped after a conjunction ("和", "同"): the conjunction joins two names
    when a name of two characters or more, not a place, stands left of it and either that left part is complete
    (a known company, a legal, host or trade ending) or the right part has a brand of its own; else it is the
    name's own character ("与泰和新材料科技有限公司", "同创新能源有限公司拟投资", "北京同仁堂科技发展股份有限公司").

    >>> [o.mention.name for o in find_orgs(*2 * ("华为和同创新能源有限公司、与泰和新材料科技有限公司签约",))]
    ['华为', '同创新能源有限公司', '泰和新材料科技有限公司']
    """
    while start > 0 and shadow[start - 1] in p.conjunctions:
        at = start - 1
        word = next((w for w in p.conjunction_words if shadow.startswith(w, at)), None)
        if word is not None:  # "同时星河科技...": the name starts after the word, if before the ending
            return at + len(word) if at + len(word) < head_end else start
        known = lexicon().companies
        if any(shadow[at - n : at] in known for n in range(2, min(at, 8) + 1)):
            return start  # a known company left of it ("华为和同创...": 为 is a stop, 华为 a name)
        left = walk_left(shadow, at, p.stops, MAX_NAME, latin=True)
        part = shadow[left:at]
        if shadow[at - 1 : at] in p.conjunction_after and len(part) <= 1:
            return start  # "并和...", "会同...", "将和..." (a stop ending there): a conjunction or a preposition
        # a place alone left of it starts the name, as places start so many ("北京同仁堂科技发展股份有限公司")
        if (
            len(part) >= 2
            and part not in places
            and (p.whole_ends.search(part) or not p.industry.fullmatch(shadow, start, head_end))
        ):
            return start  # "星河科技有限公司和泰和...", "瑞思达和同创新能源...": two names
        start = left  # (nothing, one character or a place left of it: the conjunction opens the name or is in it)
    return start


def find_orgs(text: str, shadow: str, places: frozenset[str] = frozenset()) -> list[Org]:
    """Organisations named in ``text``, in text order, overlaps resolved to the longest name.

    >>> [(o.mention.name, o.role) for o in find_orgs(*2 * ("知名厂商广东欧珀(OPPO)公司与河源江东新区管委会签约",))]
    [('广东欧珀(OPPO)公司', 'company'), ('河源江东新区管委会', 'host')]
    """
    p = _patterns()
    cands: list[tuple[int, int, str]] = []
    for m in p.suffix.finditer(shadow):
        suffix = m.group()
        start = walk_left(shadow, m.start(), p.stops, MAX_NAME - len(suffix), latin=True)
        if start > 0 and shadow[start - 1] in p.conjunctions:
            start = _through_conjunction(shadow, start, m.start(), p, places)
        start = _strip_descriptors(shadow, start, m.start(), p.descriptor)
        role = "host" if suffix in p.host_suffixes else "company"
        name = shadow[start : m.end()]
        head = shadow[start : m.start()]
        if p.not_name.search(name) or (role == "company" and (len(head) < 2 or head in p.generic_heads)):
            start = m.start()
        if start == m.start():
            if suffix in ("公司", "集团"):
                lead = re.search(r"(?:该|本|这家|此|上述|这个)$", shadow[max(0, m.start() - 2) : m.start()])
                if lead:  # "该公司", "本集团"
                    cands.append((m.start() - len(lead.group()), m.end(), "anaphor"))
                elif not shadow[max(0, m.start() - 1) : m.start()].isalnum():
                    cands.append((m.start(), m.end(), "anaphor"))
            continue
        cands.append((start, m.end(), role))
    for m in p.stock.finditer(shadow):
        start = walk_left(shadow, m.start(), p.stops, 10, latin=True)
        if start < m.start():
            cands.append((start, m.end(), "company"))
    for m in p.known.finditer(shadow):
        cands.append((m.start(), m.end(), "company"))
    orgs = _resolve(text, shadow, cands)
    orgs = _add_short_forms(text, shadow, orgs, places)
    orgs = _add_trade_names(text, shadow, orgs, places)
    return _add_clause_investors(text, shadow, orgs, places)


@dataclass(frozen=True, slots=True)
class _ClauseInvestor:
    pattern: re.Pattern[str]
    at: windows.Anchor  # where a clause investor can be: before the first character of what follows it
    words: frozenset[str]
    parts: tuple[str, ...]
    endings: tuple[str, ...]
    starts: tuple[str, ...]
    sector: re.Pattern[str]


@cache
def _clause_investor() -> _ClauseInvestor:
    lex = lexicon()
    leads = alternation(lex.words("names", "clause_leads"))
    before = alternation(lex.words("names", "clause_invest_before"))
    verbs = alternation(lex.words("names", "clause_invest_verbs"))
    return _ClauseInvestor(
        pattern=re.compile(
            r"(?:^|(?<=[\n,，;；。]))\s?(?:" + leads + r")?[,，]?\s?"
            r"(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)"
            r"(?=(?:"
            + before
            + r")(?:再)?(?:"
            + verbs
            + r")|投资\s?(?:约|近|超过|超|达)?[\d零一二两三四五六七八九十百千])"
        ),
        # the first character of "将投资"/"投资9亿元": at most 1 + 2 (a lead) + 2 + 8 in, then at most 6 more read
        at=_first_characters((*lex.words("names", "clause_invest_before"), "投资"), 13, 6),
        words=frozenset(lex.words("names", "not_investors")),
        parts=lex.words("names", "not_investor_parts"),
        endings=lex.words("names", "not_investor_endings"),
        starts=lex.words("names", "not_investor_starts"),
        sector=re.compile(
            "(?:" + alternation(lex.words("names", "sector_words") + lex.words("names", "trade_endings")) + ")+"
        ),
    )


def _add_clause_investors(text: str, shadow: str, orgs: list[Org], places: frozenset[str]) -> list[Org]:
    """ "...;药明康德将投资30亿元": a short name opening a clause that invests, though it has no legal
    ending and is not a known company; places, bodies, pronouns and time words are excluded (data).

    >>> [o.mention.name for o in find_orgs(*2 * ("园区签约;此外,瑞思达计划投资9亿元。",))]
    ['瑞思达']
    >>> [o.mention.name for o in find_orgs(*2 * ("会上,该区将投资9亿元;今年,园区拟投入5亿元。",))]
    []
    """
    c = _clause_investor()
    taken = bytearray(len(shadow) + 1)
    for o in orgs:
        taken[o.mention.span.start : o.mention.span.end] = b"\x01" * len(o.mention.span)
    extra = []
    for m in windows.finditer(c.pattern, shadow, c.at.around(shadow)):
        s, e = m.span("name")
        name = m.group("name")
        if any(taken[s:e]) or name in c.words or name in places or name.endswith(c.endings):
            continue
        if name.startswith(c.starts) or any(w in name for w in c.parts) or _COLLECTIVE.search(name):
            continue
        # a place then a sector ("成都电子信息将投资") or a sector alone is an industry, not a company
        lead = _leading_place(places).match(name) if places else None
        if lead is not None or c.sector.fullmatch(name):
            continue
        extra.append(Org(Mention(text[s:e], text[s:e], Span(s, e)), "company", text[s:e]))
    return sorted(orgs + extra, key=lambda o: o.mention.span.start) if extra else orgs


def _add_trade_names(text: str, shadow: str, orgs: list[Org], places: frozenset[str]) -> list[Org]:
    """ "星河科技将投资...": a name ending in an industry word, opening a clause that invests."""
    p = _patterns()
    taken = bytearray(len(shadow) + 1)
    for o in orgs:
        taken[o.mention.span.start : o.mention.span.end] = b"\x01" * len(o.mention.span)
    extra = []
    for m in windows.finditer(p.trade_name, shadow, p.trade_at.around(shadow)):
        s, e = m.span("name")
        name, ending = m.group("name"), m.group("ending")
        head = name[: -len(ending)]
        if any(taken[s:e]) or len(head) < 2 or head in places or head in p.trade_endings:
            continue
        if _COLLECTIVE.search(head) or p.not_name.search(name) or name.startswith(p.descriptors):
            continue
        extra.append(Org(Mention(text[s:e], text[s:e], Span(s, e)), "company", text[s:e]))
    return sorted(orgs + extra, key=lambda o: o.mention.span.start) if extra else orgs


def _resolve(text: str, shadow: str, cands: list[tuple[int, int, str]]) -> list[Org]:
    # longest first; a shorter candidate inside a longer one is dropped ("中铁二十局集团" in the 有限公司 name)
    kept = longest_first(cands, len(shadow))
    out = []
    for start, end, role in kept:
        raw = text[start:end]
        name = _STOCK_CODE_END.sub("", shadow[start:end]) if role == "company" else shadow[start:end]
        name = text[start : start + len(name)]
        out.append(Org(Mention(name, raw, Span(start, end)), role, name))
    return out


def core_name(name: str) -> str:
    """The name without its legal ending ("京信通信系统控股有限公司" -> "京信通信系统控股")."""
    p = _patterns()
    for s in p.org_suffixes:
        if name.endswith(s) and len(name) > len(s):
            return name[: -len(s)]
    return name


@cache
def _leading_place(places: frozenset[str]) -> re.Pattern[str]:
    return re.compile(alternation(places))


def _short_forms(full: str, places: frozenset[str]) -> set[str]:
    core = _BRACKETED.sub("", core_name(full))
    forms = set()
    m = _leading_place(places).match(core)
    if m and len(core) - m.end() >= 2:
        rest = core[m.end() :]
        rest = rest[1:] if rest[:1] in "省市" and len(rest) > 3 else rest
        forms.add(rest)
        forms.add(rest[:4])
    if len(core) >= 4:
        forms.add(core[:4])
    forms.add(core)
    return {f for f in forms if len(f) >= 2 and f != full}


# a short form followed by one of these is the start of a place's name, not the company ("乐山高新区")
_PLACE_ENDS = frozenset("区市县省州镇")
_NOT_PLACE_ENDS = frozenset({"区域", "市场", "市值", "州际"})


def _add_short_forms(text: str, shadow: str, orgs: list[Org], places: frozenset[str]) -> list[Org]:
    """Short forms of companies named in full ("京信通信" after "京信通信系统控股有限公司")."""
    fulls = [o for o in orgs if o.role == "company" and core_name(o.full) != o.full]
    if not fulls:
        return orgs
    forms: dict[str, str] = {}
    for o in fulls:
        for f in _short_forms(shadow[o.mention.span.start : o.mention.span.end], places):
            forms.setdefault(f, o.full)
    if not forms:
        return orgs
    taken = bytearray(len(shadow) + 1)
    for o in orgs:
        taken[o.mention.span.start : o.mention.span.end] = b"\x01" * len(o.mention.span)
    # a well-known short name at the start of a longer short form is part of it ("晶科" of "晶科硅业", the short
    # form of 晶科硅业有限公司 named before)
    bare = {o.mention.span.start: o for o in orgs if o.role == "company" and core_name(o.full) == o.full}
    dropped: set[int] = set()
    extra = []
    for start, end in leftmost_longest(shadow, forms):
        if shadow[end : end + 1] in _PLACE_ENDS and shadow[end : end + 2] not in _NOT_PLACE_ENDS:
            continue  # "乐山高新" of "乐山高新区": the start of a place's name
        if any(taken[start:end]):
            inner = bare.get(start)
            if inner is None or inner.mention.span.end >= end or any(taken[inner.mention.span.end : end]):
                continue
            dropped.add(start)
        span = Span(start, end)
        extra.append(Org(Mention(text[start:end], text[start:end], span), "company", forms[shadow[start:end]]))
        taken[start:end] = b"\x01" * len(span)
    kept = [o for o in orgs if o.mention.span.start not in dropped] if dropped else orgs
    return sorted(kept + extra, key=lambda o: o.mention.span.start)
