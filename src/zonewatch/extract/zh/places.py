"""Places in Chinese text: zones (高新区, 经开区, 新区, 产业园...), provinces, cities and districts, with what
the words around them say: a destination ("选址X", "签约X", "在X建设"), the venue of a ceremony ("在X举行"),
or an existing site ("在现有的X...基础上").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from zonewatch.extract.zh import windows
from zonewatch.extract.zh.lexicon import alternation, lexicon, trie
from zonewatch.extract.zh.spans import Stops, leftmost_longest, longest_first, walk_left
from zonewatch.model import Mention, Span

MAX_ZONE = 16
# (a stem never starts with 在: "在新区建设" is "in the new district", not a district named 在新)
_UNKNOWN_ADMIN = re.compile(
    r"(?:^|(?<=[\s,，。;；、:：“”()])|(?<=落户|签约|位于|选址|落地|入驻)|(?<=[在与和于至]))(?!在)"
    r"(?P<stem>[\u4e00-\u9fff]{2})(?P<end>县|市|区)(?![\u4e00-\u9fff]?(?:场|民|区|委|政府|长|级|值|域|块|间))"
)
_ADMIN_ENDING = re.compile("[县市区]")
# a one-character county ("泸县", "沛县") after a boundary or a destination word; never "全县", "该县", "两县"
_SHORT_COUNTY = re.compile(
    r"(?:^|(?<=[\s,，。;；、:：“”()])|(?<=落户|签约|位于|选址|落地|入驻)|(?<=[在与于至]))"
    r"(?P<stem>[^\W\d_a-zA-Z全该本各我每此其一二两三四五六七八九十百千多数几诸邻郡州府市省区乡县])(?P<end>县)"
    r"(?!场|民|区|委|政府|长|级|值|域|块|间|城|里|内|外|乡|级|志)"
)
_COUNTY_ENDING = re.compile("县")
# a lower level named right after a place ("泸州市泸县", "四川省广安市岳池县", "阿坝藏族羌族自治州汶川县"):
# a city, district, county or autonomous prefecture or county, read even when the place list does not know it
_LOWER_LEVEL = re.compile(
    r"(?P<stem>[\u4e00-\u9fff]{2,8}?)(?P<end>自治州|自治县)|(?P<stem2>[\u4e00-\u9fff]{1,3}?|[\u4e00-\u9fff]{4}(?=市))(?P<end2>市|区|县|旗)"
    r"(?!场|民|委|政府|长(?![\u4e00-\u9fff]{1,2}(?:县|区|市))|级|值|域|块|间|区|内|外|里|城)"
)
_NOT_LOWER_FIRST = frozenset("全该本各我每此其这那一二两三四五六七八九十百千多数几诸邻城超上股门市区县省乡镇")
_NOT_LOWER_LAST = frozenset("强大名重城业开新")  # "制造业强市", "经济大县", "文化名城"; zones: "经开区", "高新区"
_BUILD_AFTER = re.compile(
    r"^(?:投资建设|投资兴建|建设|投资|打造|兴建|新建|投建|建|设立|成立|布局|落地|落户|开展|发展|打造)"
)


@dataclass(frozen=True, slots=True)
class Place:
    mention: Mention
    zone: bool  # a development zone or park (more specific than a city)
    venue: bool = False  # where a ceremony was held
    existing: bool = False  # an existing site, not a new project's destination
    marked: bool = False  # named as the destination ("选址X", "签约X", "在X建设")


@dataclass(frozen=True, slots=True)
class _Patterns:
    zone: re.Pattern[str]
    stops: Stops
    not_places: tuple[str, ...]
    generic: tuple[str, ...]
    demonstratives: tuple[str, ...]
    generic_districts: frozenset[str]
    build_before: tuple[str, ...]
    not_place_end: re.Pattern[str]
    admin: str
    destination: tuple[str, ...]
    venue: re.Pattern[str]
    existing: tuple[str, ...]
    own_ceremony: re.Pattern[str]
    foreign: re.Pattern[str]
    conjunctions: frozenset[str]
    conjunction_words: tuple[str, ...]
    conjunction_after: frozenset[str]


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    return _Patterns(
        zone=re.compile(alternation(lex.words("places", "zone_suffixes"))),
        stops=Stops(
            lex.words("names", "left_stops") + lex.words("places", "left_stops"),
            lex.words("names", "left_stops_inside"),
        ),
        not_places=lex.words("places", "not_places"),
        generic=lex.words("places", "generic_stems"),
        demonstratives=lex.words("places", "demonstratives"),
        generic_districts=frozenset(lex.words("places", "generic_district_stems")),
        build_before=lex.words("places", "build_before"),
        not_place_end=re.compile(f"(?:{alternation(lex.words('places', 'not_places'))})$"),
        admin=alternation(lex.words("places", "admin_suffixes")),
        destination=lex.words("places", "destination_before"),
        venue=re.compile(rf"^[^,，。;；!?！？]{{0,15}}?(?:{alternation(lex.words('places', 'venue_after'))})"),
        existing=lex.words("places", "existing_before"),
        own_ceremony=re.compile(  # used with .match(text, pos): no "^", which would pin it to the text start
            rf"[^,，。;；!?！？]{{0,15}}?(?:{alternation(lex.words('places', 'venue_after'))})"
            rf"[^,，。;；!?！？]{{0,12}}?(?:{alternation(lex.words('places', 'own_ceremony'))})"
            rf"(?:{alternation(lex.words('places', 'own_ceremony_after'))})"
        ),
        conjunctions=frozenset(lex.words("names", "name_conjunctions")),
        conjunction_words=lex.words("names", "conjunction_words"),
        conjunction_after=frozenset(lex.words("names", "conjunction_after")),
        foreign=re.compile(
            rf"(?<=在)(?:{alternation(lex.words('places', 'foreign_countries'))})[\u4e00-\u9fff]{{0,6}}?"
            rf"(?=(?:{alternation(lex.words('places', 'venue_after'))}))"
        ),
    )


@cache
def _known_re(known: frozenset[str]) -> re.Pattern[str]:
    return re.compile(f"(?:{trie(frozenset(k for k in known if len(k) >= 2))}){_after_stem()}")


@cache
def _after_stem() -> str:
    # "宜宾市叙州区": a district named after its city is one place
    return rf"(?:市[\u4e00-\u9fff]{{2,3}}?(?:区|县)(?![\u4e00-\u9fff]{{0,2}}(?:举行|召开))|{_patterns().admin})?"


@cache
def _after_stem_re() -> re.Pattern[str]:
    return re.compile(_after_stem())


def _lower_levels(shadow: str, end: int, generic_districts: frozenset[str]) -> int:
    """Where the chain of lower administrative levels right after a place ending at ``end`` ends: at most two
    more ("省" -> "市" -> "县"), each a plain name, never an area word ("园区", "全县", "核心区").

    >>> _lower_levels("落户泸州市泸县经开区", 5, frozenset())
    7
    """
    for _ in range(2):
        if not "\u4e00" <= shadow[end : end + 1] <= "\u9fff":  # (most places end before punctuation or a digit)
            break
        m = _LOWER_LEVEL.match(shadow, end)
        if m is None:
            break
        stem = m.group("stem") or m.group("stem2")
        if stem[0] in _NOT_LOWER_FIRST or stem[-1] in _NOT_LOWER_LAST or stem in generic_districts:
            break
        if (m.group("end2") in ("区", "市") and len(stem) < 2) or _ADMIN_ENDING.search(stem):
            break
        end = m.end()
    return end


def _learned(shadow: str, stems: set[str]) -> list[tuple[int, int]]:
    """What a pattern like :func:`_known_re`'s for ``stems`` finds: from left to right, the longest stem at the
    leftmost position and what follows it, then on after that. Found with str.find rather than by compiling
    the stems each document learns into a pattern of their own (3.6 ms to compile, for each new stem)."""
    after = _after_stem_re()

    def tail(end: int) -> int:
        m = after.match(shadow, end)
        return m.end() if m else end

    return leftmost_longest(shadow, stems, tail)


def zone_stem(name: str) -> str | None:
    """The place a zone is named after ("海门经济技术开发区" -> "海门"); None when it is not short and plain."""
    p = _patterns()
    m = p.zone.search(name)
    if m is None or m.end() != len(name):
        return None
    stem = name[: m.start()]
    return stem if 2 <= len(stem) <= 3 else None


def _unknown_admin(shadow: str) -> Iterator[re.Match[str]]:
    """What ``_UNKNOWN_ADMIN.finditer(shadow)`` finds, tried only two characters before each 县, 市 or 区 (its
    matches are three characters ending in one): the pattern opens with look-behinds, so a scan of the whole
    text tried it at every position."""
    return windows.finditer_from(_UNKNOWN_ADMIN, shadow, (e.start() - 2 for e in _ADMIN_ENDING.finditer(shadow)))


def _over_conjunction(shadow: str, start: int, suffix_at: int, p: _Patterns, known: frozenset[str]) -> int:
    """A zone's name starting with 和/同 ("落户和林格尔新区", "在泰和经济开发区"): the conjunction is the name's when
    nothing, or a single character, names anything left of it (else it joins two places: "成都和德阳高新区"), and it
    is no conjunction by the words around it ("同时", "将和": data shared with names.py)."""
    while start > 0 and shadow[start - 1] in p.conjunctions:
        at = start - 1
        # a known place holding it ("山西大同经济技术开发区"): the zone's name starts there
        held = [
            i for i in range(max(0, at - 3), at + 1) for n in (2, 3, 4) if i + n > at and shadow[i : i + n] in known
        ]
        if held:
            return min(held)
        if shadow.startswith(p.conjunction_words, at) or shadow[at - 1 : at] in p.conjunction_after:
            break
        left = walk_left(shadow, at, p.stops, MAX_ZONE)
        if at - left >= 2 or suffix_at - left > MAX_ZONE:
            break
        start = left
    return start


def find_places(text: str, shadow: str, masked: list[Span], known: frozenset[str]) -> list[Place]:
    """Places in ``text`` outside the ``masked`` spans (company names), in text order.

    >>> [(p.mention.name, p.venue, p.marked) for p in find_places(*2 * ("签约活动在成都高新区举行,57个项目签约德阳",), [], frozenset({"成都", "德阳"}))]
    [('成都高新区', True, False), ('德阳', False, True)]
    """
    p = _patterns()
    cands: list[tuple[int, int, bool]] = []
    for m in p.zone.finditer(shadow):
        start = walk_left(shadow, m.start(), p.stops, MAX_ZONE - len(m.group()))
        if start > 0 and shadow[start - 1] in p.conjunctions:
            start = _over_conjunction(shadow, start, m.start(), p, known)
        # a known place inside the run starts the name ("支持成都高新区" -> "成都高新区")
        run = shadow[start : m.start()]
        hit = _known_re(known).search(run)
        first = hit.start() if hit else -1
        if first > 0 and not p.zone.search(run[:first]):
            start += first
        name = shadow[start : m.end()]
        # "投资30亿元建设智慧家电产业园": a park right after a verb of building is the project itself
        # and so is one an amount is spent on ("投资1.9亿元的新材料产业园当天动工")
        if "园" in m.group() and shadow[max(0, start - 2) : start].endswith((*p.build_before, "元的")):
            continue
        if shadow.startswith("项目", m.end()) and (
            "园" in m.group() or m.group() in ("科学城", "新城")
        ):  # "中电科电子信息产业园项目" names a project, not a place
            continue
        if (
            m.start() - start < 2
            or shadow[start : m.start()] in p.generic
            or shadow.endswith(p.demonstratives, start, m.start())
            or name in p.not_places
            or ((n := p.not_place_end.search(name)) is not None and n.start() < 2)
        ):
            continue
        if (
            m.group() in ("自治区", "自治州")
            and (chain := _lower_levels(shadow, m.end(), p.generic_districts)) > m.end()
        ):
            cands.append((start, chain, False))  # "广西壮族自治区南宁市": a region and a city in it, no zone
            continue
        cands.append((start, m.end(), True))
    learned = {s for c in cands if (s := zone_stem(shadow[c[0] : c[1]]))} - known
    lower = p.generic_districts
    for m in _known_re(known).finditer(shadow):
        cands.append((m.start(), _lower_levels(shadow, m.end(), lower), False))
    cands.extend((start, _lower_levels(shadow, end, lower), False) for start, end in _learned(shadow, learned))
    # counties and county-level cities the list does not know: "安吉县", "海宁市", named right after a
    # boundary or a destination word ("落户安吉县"), never "全县", "该市", "城市"
    for m in _unknown_admin(shadow):
        stem = m.group("stem")
        if stem in p.generic or stem[-1] in "全该本各我城超上股门两三四五六七八九十几多数":
            continue
        if m.group("end") == "区" and stem in p.generic_districts:
            continue
        cands.append((m.start("stem"), m.end(), False))
    starts = (e.start() - 1 for e in _COUNTY_ENDING.finditer(shadow))
    cands.extend((m.start(), m.end(), False) for m in windows.finditer_from(_SHORT_COUNTY, shadow, starts))
    # "在匈牙利德布勒森举行电池工厂开工仪式": a town abroad, named as the site of the project's own ceremony
    for m in p.foreign.finditer(shadow):
        if p.own_ceremony.match(shadow, m.end()):
            cands.append((m.start(), m.end(), False))
    covered = bytearray(len(shadow) + 1)
    for span in masked:
        covered[span.start : span.end] = b"\x01" * len(span)
    cands = [c for c in cands if not any(covered[c[0] : c[1]])]
    kept = [
        (a, b, t == "zone")
        for a, b, t in longest_first([(a, b, "zone" if z else "") for a, b, z in cands], len(shadow))
    ]
    out = []
    for start, end, zone in kept:
        before = shadow[max(0, start - 6) : start]
        after = shadow[end : end + 20]
        venue = before.endswith("在") and bool(p.venue.match(after))
        # "内江经开区(深圳)招商推介会举行": a place in brackets in the name of an event held is where it was held
        venue = venue or (before.endswith("(") and after.startswith(")") and bool(p.venue.match(after[1:])))
        # a groundbreaking or commissioning of the project itself happens where it is built
        own = venue and bool(p.own_ceremony.match(after))
        venue = venue and not own
        existing = before.endswith(p.existing)
        marker = None
        if before.endswith(p.destination):  # (most places follow none: one test in C for all the words)
            marker = next(w for w in p.destination if before.endswith(w))
        marked = own or (
            marker is not None and not venue and (marker not in ("在", "于") or bool(_BUILD_AFTER.match(after)))
        )
        raw = text[start:end]
        out.append(Place(Mention(raw, raw, Span(start, end)), zone, venue, existing, marked))
    return out
