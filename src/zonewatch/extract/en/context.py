"""Everything found in one English document before projects are assembled: layout, names, dates, money."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from zonewatch.extract.en.dates import Anchor, DateMention, find_dates, make_anchor
from zonewatch.extract.en.layout import Layout, Sentence, layout
from zonewatch.extract.en.lexicon import alternation, toml
from zonewatch.extract.en.money import find_money
from zonewatch.extract.en.names import (
    DIRECTIONS,
    Kind,
    Name,
    acronym_matches,
    find_names,
    personal_words,
    place_level,
)
from zonewatch.extract.en.tokens import LowerWords, Tokens
from zonewatch.model import Document, Money

_CONVERSION_GAP = re.compile(
    r"\s*(?:[(（]|,?\s*or\b|,?\s*i\.e\.)\s*(?:(?:about|approx\.?|approximately|around|roughly|some|nearly|almost|over|"
    r"more\s+than|equivalent\s+to|equal\s+to)\s*)?"
)


@dataclass(frozen=True, slots=True)
class Amount:
    """A money mention that may be a project's amount, with the conversions printed right after it."""

    money: Money
    conversions: tuple[Money, ...]
    sentence: Sentence
    seg_start: int  # the stretch of the sentence that belongs to this amount (up to the next amount)
    seg_end: int


@dataclass(frozen=True, slots=True)
class Context:
    doc: Document
    text: str
    layout: Layout
    anchor: Anchor
    names: tuple[tuple[Name, ...], ...]  # per sentence index
    dates: tuple[DateMention, ...]
    amounts: tuple[Amount, ...]
    cache: dict[object, Any] = field(default_factory=dict)  # per-document memo of repeated look-ups

    def names_in(self, sentence: Sentence, start: int | None = None, end: int | None = None) -> list[Name]:
        lo = sentence.span.start if start is None else start
        hi = sentence.span.end if end is None else end
        return [n for n in self.names[sentence.index] if lo <= n.span.start and n.span.end <= hi]

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        starts = self.cache.get("date_starts")
        if starts is None:
            starts = self.cache["date_starts"] = [d.span.start for d in self.dates]
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        return [d for d in self.dates[lo:hi] if d.span.end <= end]

    def amounts_of(self, sentence_index: int) -> list[Amount]:
        """The amounts of one sentence (indexed once per document)."""
        index = self.cache.get("amounts_by_sentence")
        if index is None:
            index = self.cache["amounts_by_sentence"] = {}
            for a in self.amounts:
                index.setdefault(a.sentence.index, []).append(a)
        return index.get(sentence_index, [])

    def money_paragraphs(self) -> set[int]:
        found = self.cache.get("money_paragraphs")
        if found is None:
            found = self.cache["money_paragraphs"] = {a.sentence.paragraph for a in self.amounts}
        return found


def build(doc: Document, money: list[Money] | None = None) -> Context:
    """Read ``doc`` once: its layout, the names of each sentence, every date and amount (``money`` when found already)."""
    text = doc.text
    lay = layout(text)
    anchor = make_anchor(text, doc.published)
    lower_words = LowerWords(text)
    tokens = Tokens.of(text)
    raw_names = [find_names(text, s.span, lower_words, tokens) for s in lay.sentences]
    names = _resolve_names(raw_names, text, lower_words)
    dates = tuple(find_dates(text, anchor))
    amounts = tuple(_amounts(text, lay, find_money(text) if money is None else money))
    return Context(doc, text, lay, anchor, tuple(tuple(n) for n in names), dates, amounts)


def _amounts(text: str, lay: Layout, money: list[Money]) -> list[Amount]:
    out: list[Amount] = []
    by_sentence: dict[int, list[tuple[Money, list[Money]]]] = {}
    sents = list(lay.sentences)
    si = 0
    for m in money:
        while si < len(sents) and sents[si].span.end <= m.span.start:
            si += 1
        if si >= len(sents) or not sents[si].span.contains(m.span):
            continue
        group = by_sentence.setdefault(si, [])
        if group:
            prev, convs = group[-1]
            last = convs[-1] if convs else prev
            gap = text[last.span.end : m.span.start]
            m_gap = _CONVERSION_GAP.fullmatch(gap)
            if m_gap and m.currency != prev.currency:
                convs.append(m)
                continue
        group.append((m, []))
    for si, group in by_sentence.items():
        sent = sents[si]
        for k, (m, convs) in enumerate(group):
            seg_start = (
                sent.span.start if k == 0 else (group[k - 1][1][-1] if group[k - 1][1] else group[k - 1][0]).span.end
            )
            seg_end = group[k + 1][0].span.start if k + 1 < len(group) else sent.span.end
            # "; " and ", and" / ", while" close an amount's clause: "X invests 1.5 billion yuan ...; Y's project ..."
            tail = convs[-1].span.end if convs else m.span.end
            cut = _last_boundary(text, seg_start, m.span.start)
            seg_start = cut if cut is not None else seg_start
            if k > 0 and (listed := _AND_A_BEFORE.search(text, seg_start, m.span.start)) is not None:
                seg_start = listed.start() + 1
            if k + 1 < len(group):
                nxt = _last_boundary(text, tail, seg_end)
                seg_end = nxt if nxt is not None else seg_end
                listed = _AND_A_BEFORE.search(text, tail, seg_end)
                seg_end = listed.start() + 1 if listed is not None else seg_end
                # "a parts base by Gotion High-tech (6 billion yuan), an optical chip plant by iFlytek (...)": an
                # amount in brackets after what it prices ends its clause at the bracket
                closed = _CLOSING_BRACKET.match(text, tail, seg_end)
                if closed is not None and _OPEN_BRACKET_BEFORE.search(
                    text, max(seg_start, m.span.start - 30), m.span.start
                ):
                    seg_end = closed.end()
            else:
                semi = text.find(";", tail, seg_end)
                seg_end = semi if semi >= 0 else seg_end
            out.append(Amount(m, tuple(convs), sent, seg_start, seg_end))
    out.sort(key=lambda a: a.money.span.start)
    return out


# "a Rs 40,000 crore fab by X in Navi Mumbai and a Rs 20,000 crore plant by Y at Z": "and a" before the next
# amount starts its own noun phrase
_CLOSING_BRACKET = re.compile(r"\s*[)）]")
_OPEN_BRACKET_BEFORE = re.compile(r"[(（][^()（）]*$")
_AND_A_BEFORE = re.compile(r"\s+and\s+(?:a|an|another)\s+$")
_CLAUSE_BOUNDARY = re.compile(r";|:\s+(?=[A-Z][a-z]+ [A-Z])|,\s+(?:and|while|whereas|but|as\s+well\s+as)\b")


def _last_boundary(text: str, start: int, end: int) -> int | None:
    """The end of the last clause boundary in ``text[start:end]``, if any."""
    last = None
    for m in _CLAUSE_BOUNDARY.finditer(text, start, end):
        last = m.start() + 1
    return last


def _resolve_names(per_sentence: list[list[Name]], text: str, lower_words: Container[str]) -> list[list[Name]]:
    """Give each acronym the kind and full name it stands for: "(GAIL)" defined in the text, else a
    full name of the document whose letters it abbreviates ("CDHT" -> "Chengdu Hi-Tech Zone").

    And a person named again by a part of their name ("Trade Minister Darell Leiking ... Darell stated") is
    that person, not an organisation: a later lone name made only of a person's own words is a person.
    (One pass over the names for both: every document's names go through here.)
    """
    defined: dict[str, Name] = {}
    fulls: Counter[str] = Counter()
    kinds: dict[str, Name] = {}
    bracketed: dict[str, Name] = {}  # "Jebel Ali Free Zone (Jafza)": the short name in brackets after a full one
    places: dict[str, Name] = {}  # "PHOENIX, Ariz. - ... in north Phoenix": a place wherever it is named
    for names in per_sentence:
        for prev, n in pairwise(names):
            if (
                _BRACKET_OPEN.fullmatch(text, prev.span.end, n.span.start)
                and _BRACKET_CLOSE.match(text, n.span.end)
                and n.name[0].lower() == prev.name[0].lower()
                and " " in prev.name
                and prev.kind is not Kind.PERSON
            ):
                bracketed.setdefault(n.name, prev)
        for n in names:
            if n.kind is Kind.PLACE and n.level >= 0:
                places.setdefault(n.name.lower(), n)
            if n.acronym:
                defined.setdefault(n.acronym, n)
            if " " in n.name and n.kind in (Kind.PLACE, Kind.ORG, Kind.GOV, Kind.ACADEMIC):
                fulls[n.name] += 1
                kinds.setdefault(n.name, n)
    out: list[list[Name]] = []
    ranked = [f for f, _ in fulls.most_common()]
    guessed: dict[str, Name | None] = {}  # an acronym used again is matched against the full names once
    own: set[str] = set()  # the words of the people named so far
    seen_fulls: dict[str, Name] = {}  # the companies named in full so far, in order
    for names in per_sentence:
        row: list[Name] = []
        before: Name | None = None
        for n in names:
            if before is not None and before.kind is Kind.PLACE and _region_after_place(n, before, text):
                n = replace(n, kind=Kind.PLACE, level=max(1, min(before.level, 3) - 1))
            before = n
            if n.name in bracketed:
                alias = bracketed[n.name]
                n = replace(n, name=alias.name, kind=alias.kind, level=alias.level)
            elif " " not in n.name and n.name != n.name.lower() and sum(c.isupper() for c in n.name) >= 2:
                full = defined.get(n.name)
                if full is None:
                    if n.name not in guessed:
                        match = next((f for f in ranked if acronym_matches(n.name, f)), None)
                        guessed[n.name] = kinds[match] if match is not None else None
                    full = guessed[n.name]
                if full is not None:
                    n = replace(n, name=full.name, kind=full.kind, level=full.level)
            elif n.kind is Kind.ORG and " " not in n.name and (same := places.get(n.name.lower())) is not None:
                n = replace(n, kind=Kind.PLACE, level=same.level)
            elif " " not in n.name and n.kind is Kind.ORG and n.acronym is None and n.name not in fulls:
                n = _short_name(n, seen_fulls, text, lower_words)
            elif n.kind is Kind.ORG and (zone := _zone_operator(n.name)) is not None:
                n = replace(n, kind=Kind.PLACE, level=zone)

            if " " in n.name and n.kind is Kind.ORG and n.name in fulls:
                seen_fulls.setdefault(n.name, n)
            if n.kind is Kind.PERSON:
                own.update(personal_words(n))
            elif own and n.kind is Kind.ORG and n.acronym is None and own.issuperset(n.name.split()):
                n = replace(n, kind=Kind.PERSON)
            row.append(n)
        out.append(row)
    return out


_BRACKET_OPEN = re.compile(r"\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_SHORT = toml("names.toml")["short_names"]
_ORDINARY = frozenset(_SHORT["ordinary"])
_COMPANY_VERB_AFTER = re.compile(rf"\s+(?:{alternation(_SHORT['verbs'])})\b")
_LEGAL_WORDS = frozenset("co ltd inc corp corporation company limited llc plc gmbh pvt bhd sdn group".split())


_DEFINED = re.compile(r"\s*\(\s*(?:the\s+|hereafter\s+)?[“\"']?(?P<s>[A-Z][\w&-]*)[”\"']?\s*\)")


_COMMA_BETWEEN = re.compile(r",\s*")
_REGION_END = re.compile(r"\s*(?:[,.;]|$)")


def _region_after_place(n: Name, place: Name, text: str) -> bool:
    """ "in Cilegon, Banten, the ministry said": one unknown word ("North Maluku": or a direction and one)
    between commas right after a place is the region the place is in, not a company."""
    words = n.name.split()
    return (
        n.kind is Kind.ORG
        # "in Weda Bay Industrial Park, North Maluku,": a region may be a direction and a name
        and (len(words) == 1 or (len(words) == 2 and words[0] in DIRECTIONS))
        and n.acronym is None
        and not n.possessive
        and _COMMA_BETWEEN.fullmatch(text, place.span.end, n.span.start) is not None
        and _REGION_END.match(text, n.span.end) is not None
    )


def _zone_operator(name: str) -> int | None:
    """The level of the zone a company is named after with only a legal word added ("KEZAD Group", "JAFZA
    Authority"): it signs for its zone, a host and no investor. None for any other name."""
    words = name.split()
    core = [w for w in words if w.strip(".,").lower() not in _LEGAL_WORDS and w != "Authority"]
    if not core or len(core) == len(words):
        return None
    level = place_level(" ".join(core))
    return level if level is not None and level >= 4 else None


def _own_words(full: str) -> set[str]:
    """The words of a company's name less its legal form: "Acme Sales Corp." -> {"acme", "sales"}."""
    words = {w.strip(".,()").lower() for w in full.split()}
    return words - _LEGAL_WORDS


def _short_name(n: Name, fulls: dict[str, Name], text: str, lower_words: Container[str]) -> Name:
    """A lone company word that is a word of exactly one company named in full before it is that company
    ("Acme Sales Corp ... Sales will hire 120"). An ordinary word ("Sales", or one the text writes in lower case)
    needs more: the text defines it in brackets after the full name, or a company's verb follows it; at the start
    of a sentence without that, it is no company at all ("Sales rose to $40 million")."""
    word = n.name.strip(".,").lower()
    owners = [f for f in fulls.values() if word in _own_words(f.name)]
    if not owners and word in _ORDINARY and n.sentence_start and _COMPANY_VERB_AFTER.match(text, n.span.end) is None:
        return replace(n, kind=Kind.OTHER)  # "Power for the plant will come from ...": no company named so
    if len(owners) != 1:
        return n
    full = owners[0]
    if word in _ORDINARY or word in lower_words:
        defined = _DEFINED.match(text, full.span.end, full.span.end + 40)
        if defined is not None and defined.group("s") != n.name:
            defined = None
        if defined is None and _COMPANY_VERB_AFTER.match(text, n.span.end) is None:
            return replace(n, kind=Kind.OTHER) if n.sentence_start else n
    return replace(n, name=full.name, kind=full.kind, level=full.level)


def masked(ctx: Context, start: int, end: int) -> str:
    """``text[start:end]`` with amounts blanked out, so "EGP 129 million wood project" holds no count."""
    spans = ctx.cache.get("money_spans")
    if spans is None:
        spans = ctx.cache["money_spans"] = sorted(
            (m.span.start, m.span.end) for a in ctx.amounts for m in (a.money, *a.conversions)
        )
    chunk = list(ctx.text[start:end])
    for s, e in spans[max(0, bisect_left(spans, (start, -1)) - 1) :]:
        if s >= end:
            break
        for k in range(max(s, start), min(e, end)):
            chunk[k - start] = " "
    return "".join(chunk)
