"""Names in English sentences: organisations, places, government bodies, people, things being built.

``find_names(text, span)`` walks the words of one sentence and groups capitalised runs ("Huamei (Chengdu)
Digital Technology Co., Ltd.", "University of Electronic Science and Technology", "Du'an Yao autonomous
county"), then says what each run is from how it ends and what surrounds it (``Kind``). It works on
tokens in one pass: no pattern runs over unbounded text.

>>> t = "On August 20, Tencent and Chengdu High-tech Zone signed an agreement."
>>> [(n.name, n.kind.value) for n in find_names(t, Span(0, len(t)))]
[('Tencent', 'org'), ('Chengdu High-tech Zone', 'place')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from zonewatch.extract.en.lexicon import lines, toml
from zonewatch.extract.en.money import word_number
from zonewatch.extract.en.tokens import Tokens
from zonewatch.extract.text import STATE_ABBREVIATIONS as _STATES
from zonewatch.extract.text import STATE_WORDS
from zonewatch.model import Span


class Kind(StrEnum):
    ORG = "org"
    PLACE = "place"
    GOV = "gov"
    ACADEMIC = "academic"
    THING = "thing"
    PERSON = "person"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Name:
    """A capitalised run: ``name`` is the cleaned surface (``text[span]`` is the raw), ``kind`` what it is.

    ``level`` ranks places (4 zone/park ... 0 country); ``role`` is "venue", "origin", "dateline" or "".
    ``possessive`` marks "GMR's"; ``acronym`` is the bracketed short form defined right after it.
    """

    name: str
    span: Span
    kind: Kind
    level: int = -1
    role: str = ""
    possessive: bool = False
    acronym: str | None = None
    sentence_start: bool = False


_NAMES = toml("names.toml")
_COMMON = frozenset(w for line in lines("common_words.txt") for w in line.split())
_GAZETTEER: dict[str, int] = {}
for _line in lines("places.txt"):
    _n, _, _lvl = _line.partition("|")
    _GAZETTEER[_n.strip().lower()] = int(_lvl or 2)
_PLACE_HEADS: dict[str, int] = _NAMES["place_heads"]
_PLACE_LOWER: dict[str, int] = _NAMES["place_heads_lower"]
_GOV = frozenset(_NAMES["government"]["words"])
_GOV_LOWER = frozenset(_NAMES["government"]["lower"])
_GOV_PHRASE_HEADS = frozenset(_NAMES["government"]["phrase_heads"])
_GOV_PHRASE = re.compile(r"\b(?:" + "|".join(_NAMES["government"]["phrases"]) + r")\s+\S+$")
_ACADEMIC = frozenset(_NAMES["academic"]["words"])
_THINGS = frozenset(_NAMES["thing_heads"]["words"])
_THING_AFTER = re.compile(r"\s+(?:" + "|".join(_NAMES["thing_heads"]["lower"]) + r")\b")
_TITLES = frozenset(_NAMES["people"]["titles"])
_ROLES = tuple(sorted(_NAMES["people"]["roles"], key=len, reverse=True))
_JOINABLE = frozenset(_NAMES["joinable"]["words"])
_SUBJECT_VERBS = frozenset(_NAMES["subject_verbs"]["words"])
_ADVERBS = frozenset(_NAMES["sentence_adverbs"]["words"])
_ZONE_WORDS = "|".join(re.escape(w) for w in sorted(_NAMES["zone_descriptions"]["words"], key=len, reverse=True))
# "at Dubai South, the free zone authority said", "at Masdar City, a free zone in Abu Dhabi": described as a zone
_ZONE_DESCRIBED_AFTER = re.compile(
    rf"\s*,\s*(?:the|a|an|which\s+is\s+(?:a|an|the))\s+(?:[\w-]+\s+){{0,2}}?(?:{_ZONE_WORDS})\b", re.I
)
_AT_OR_IN_BEFORE = re.compile(r"\b(?:in|at|near|inside)\s+(?:the\s+)?$")
_FACILITY_BEFORE = re.compile(
    r"\b(?:" + "|".join(map(re.escape, _NAMES["facility_nouns"]["words"])) + r")\s+(?:in|at|near)\s+(?:the\s+)?$"
)
_AT_BEFORE = re.compile(r"\b(?:at|inside|within)\s+(?:the\s+)?$")
# a currency written before an amount is no name either ("a SR 500 million factory", "Dhs 40 million")
_NOT_NAMES = frozenset(_NAMES["not_names"]["words"]) | {
    c for c in toml("currencies.toml")["before"] if c.isalpha() and c[0].isupper()
}
_LEGAL = frozenset(
    "Co Ltd Inc Corp Corporation Company Limited LLC PLC Plc GmbH Pvt Bhd Sdn Group Holdings Holding".split()
)
_ABBREV_LEGAL = frozenset(["Co", "Ltd", "Inc", "Corp", "Pvt", "Bhd", "Sdn"])
_EVENTS = frozenset(["Forum", "Conference", "Expo", "Exposition", "Summit", "Ceremony", "Festival", "Fair"])
_DIRECTIONS = frozenset(
    "East West North South Northwest Northeast Southwest Southeast Central Eastern Western Northern Southern".split()
)
DIRECTIONS = _DIRECTIONS  # read by context: "North Maluku" after a place is a region
_ROLE_AFTER = re.compile(r"\s*,\s*(?:" + "|".join(map(re.escape, _ROLES)) + r")\b", re.I)
_CONNECT = frozenset(["of", "for", "de", "du", "la", "von", "van", "&", "and"])

_MONTHISH = re.compile(
    r"(?:mid-|early-|late-)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$", re.I
)
# a word glued to an amount ("RM5.4billion", "QR500", "NT$5"): the letters of a currency written before amounts
_MONEYISH = re.compile(
    r"(?:"
    + "|".join(sorted({re.escape(c.strip("$.")) for c in toml("currencies.toml")["before"] if c.strip("$.").isalpha()}))
    + r")\$?\.?\d",
    re.I,
)
# the letters of a dollar-like sign ("R$ 1.2 billion", "A$600 million", "NZ$"): the currency, no name
_DOLLAR_PREFIXES = frozenset(c[:-1] for c in toml("currencies.toml")["before"] if c.endswith("$") and c[:-1].isalpha())
_CAPS_DATELINE_AFTER = re.compile(r"\s*(?::|[-–—]|\()")
_CREDIT_BEFORE = re.compile(r"\d\s*\(\s*$")
_MEDIA = frozenset(_NAMES["media"]["words"])
_ADJECTIVAL = re.compile(r"-(?:based|funded|owned|listed|headquartered|registered|invested|backed|made)$")
_ACRONYM_AFTER = re.compile(r"\s*\((?P<a>[A-Z][A-Za-z&]{1,9})\)")
_LOWER_HEAD = re.compile(
    r"\s+((?:autonomous\s+)?(?:county|district|township|city|prefecture|province|state)|"
    r"(?:special\s+economic|economic|free\s+trade|development|industrial|hi-tech|high-tech)\s+(?:zone|park|area)|"
    r"industrial\s+estate|new\s+area|business\s+park|science\s+park|tech\s+park|free\s+zone|logistics\s+park|"
    r"industrial\s+city|economic\s+city|zone)\b"
)
_STATE_OWNED = re.compile(r"\s+state[- ]owned")
_NOT_A_TOWN_AFTER = re.compile(r"\s*(?:\(|'s|’s|is|has|will|plans|and\s+[A-Z])")
_TITLE_INSIDE = re.compile(
    rf"\b(?:{'|'.join(_NAMES['people']['titles_inside'])})\b"
    rf"|\b(?:{'|'.join(_NAMES['people']['titles_before_name'])})\b\.?\s+[A-Z]"
)
_GOV_AFTER = re.compile(
    r"\s+(?:" + "|".join(map(re.escape, sorted(_NAMES["government"]["lower"], key=len, reverse=True))) + r")\b"
)
_PREP_END = re.compile(r"\b(?:in|at|of)\s+(?:the\s+)?(?:city'?s?\s+|city’s\s+)?$")
_VENUE_WORD = re.compile(
    r"\b(?:held|hosted|took\s+place|convened|staged|ceremony|conference|event|forum|expo|summit|meeting|venue)\b[^.;:]*$",
    re.I,
)
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?$")
_IN_PLACE_OF = re.compile(r"\b(?:in|at|near)\s+(?P<p>[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2})(?:'s|’s)\s$")
# "HANOI, Oct 3", "HAIPHONG, Vietnam, Oct 3", "CHENNAI, 14 March"
_DATELINE_AFTER = re.compile(
    r"\s*,\s*(?:[A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+)?,\s*)?"
    r"(?:(?:[A-Z][a-z]{2,8}\.?|[A-Z]{3,9})\s+\d{1,2}\b|\d{1,2}\s+[A-Z][a-z]{2,8}\b)"
)

# A wire or press-release dateline opening a sentence: "FRANKFORT, Ky. -", "ATLANTA, Ga. (AP) —",
# "Dalton, Ga. (Reuters) -", "DUBAI, UAE:". The city and region are where the story was filed, not names of
# parties (and not the project's place): find_names gives them the "dateline" role and reads on after it.
_STATE_AFTER = re.compile(r",\s([A-Z][A-Za-z.]*[a-zA-Z])\.")
_LEAD_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Za-z'.-]*(?:\s[A-Z][A-Za-z'.-]*){0,3}),\s*"
    r"(?P<region>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)\s*"
    r"(?P<credit>\([A-Za-z .]{1,25}\)\s*)?(?:[-–—:]+)\s"
)


def is_capitalised(tok: str) -> bool:
    """A word that can be part of a name: "Tencent", "CDHT", "iQiyi", "Hi-Tech"."""
    first = tok[0]
    if first.isupper():
        return True
    return first.islower() and not tok.islower()


@lru_cache(maxsize=16384)
def _common(tok: str) -> bool:
    return tok.lower() in _COMMON or tok.lower().rstrip(".") in _COMMON


@lru_cache(maxsize=16384)  # asked again for the same names across documents
def place_level(name: str) -> int | None:
    """The level of a place name, or None when the name is not a place.

    >>> place_level("Chengdu Hi-Tech Zone"), place_level("Chengdu"), place_level("Tencent")
    (4, 2, None)
    """
    words = name.split()
    if not words:
        return None
    if name.lower() in _GAZETTEER:
        return _GAZETTEER[name.lower()]
    if len(words) > 1 and words[-1] == "City" and " ".join(words[:-1]).lower() in _GAZETTEER:
        return 2  # "Xiangyang City"; a bare "X City" may be a company ("Joy City")
    for i, w in enumerate(words[1:-1], 1):
        # "Khalifa Economic Zones Abu Dhabi": a zone named with its city after the head word
        if _PLACE_HEADS.get(w) == 4 and " ".join(words[i + 1 :]).lower() in _GAZETTEER:
            return 4
    for n in (3, 2):
        if len(words) > n and " ".join(words[-n:]) in _PLACE_HEADS:
            return _PLACE_HEADS[" ".join(words[-n:])]
    if len(words) > 1 and words[-1] in _PLACE_HEADS:
        return _PLACE_HEADS[words[-1]]
    return None


def _strip_possessive(tok: str) -> tuple[str, bool]:
    if tok[-1] not in _POSSESSIVE_LAST:  # most words: no need to try the four endings
        return tok, False
    for end in ("'s", "’s", "s'", "s’"):
        if tok.endswith(end) and len(tok) > len(end):
            return (tok[: -len(end)] if end[0] != "s" else tok[:-1]), True
    return tok, False


def find_names(
    text: str, span: Span, lower_words: Container[str] = frozenset(), tokens: Tokens | None = None
) -> list[Name]:
    """The names in the sentence ``text[span]``, in order.

    ``lower_words`` are the words the document also writes in lower case: a lone capitalised one of them at
    the start of a sentence ("Development", "Approved") is an ordinary word, not a name. ``tokens`` are the
    document's tokens when found already (:class:`Tokens`); the sentence's own are the same words.
    """
    bounds = tokens.within(span.start, span.end) if tokens is not None else None
    if tokens is None or bounds is None:
        tokens = Tokens.of(text, span.start, span.end)
        bounds = 0, len(tokens.words)
    lo, hi = bounds
    words = tokens.words
    heads = tokens.heads
    out: list[Name] = []
    first_word = next((k for k in range(lo, hi) if words[k][0].isalpha()), lo)
    si = bisect_left(heads, lo)
    last = bisect_left(heads, hi, si)
    i = lo
    if hi > lo and text.find(",", span.start, span.start + 40) > 0:
        dateline = _lead_dateline(text, span)
        if dateline:
            out.extend(dateline)
            i = bisect_left(tokens.starts, dateline[-1].span.end + 1, lo, hi)
    while si < last:
        if heads[si] < i:
            si += 1
            continue
        i = heads[si]
        si += 1
        tok = words[i]
        # isalpha() first: a word of letters has no digit (the two Unicode classes are disjoint)
        if not tok.isalpha() and any(map(str.isdigit, tok)) and (not tok.isupper() or _MONEYISH.match(tok)):
            continue
        at_start = i == first_word or (i > lo and words[i - 1] in ("–", "—", "-", "•", "·", "*", "“", '"', ":"))
        j, possessive = _extend(tokens, i, hi)
        # Drop leading words that are common at the start of a sentence ("Retail chain giant ...", "The ...").
        k = i
        titled = False
        while k < j and (
            words[k].lower() in _FUNCTION
            or (at_start and words[k] in _ADVERBS)
            or words[k] in _CONNECT
            or (words[k] == "." and k > i and words[k - 1] in _TITLES)
            or (at_start and _common(words[k]) and (j - k == 1 or words[k] in _TITLES))
            or (at_start and words[k] in _ABBREVIATED_TITLES)  # "Gov. Ellen Park said", as "Mr. John Lake"
            or (
                at_start
                and j - k == 1
                and _looks_common(words[k], lower_words)
                and not (j < hi and words[j] in _SUBJECT_VERBS and words[k].lower() not in lower_words)
            )
        ):
            titled = titled or words[k] in _TITLES
            k += 1
            at_start = at_start and k < j
        if k >= j:
            i = j
            continue
        name = _make(text, tokens, k, j, possessive, at_start or k == first_word)
        if titled and words[k - 1] in _CONNECT:
            titled = False  # "The CEO of Foxconn": the name is what the title is of, not the person
        if name is not None and titled:
            name = Name(name.name, name.span, Kind.PERSON)
        if name is not None:
            out.append(name)
            inner = _place_of(name)
            if inner is not None:
                out.append(inner)
        i = j
    return out


_ABBREVIATED_TITLES = frozenset(_NAMES["people"]["abbreviated_titles"])
_FUNCTION = frozenset("the a an this that these those its their our in on at of for by with from".split())
_POSSESSIVE_LAST = frozenset("s'’")


def _place_of(name: Name) -> Name | None:
    """ "State Investment Promotion Board of Andhra Pradesh": the body names a place too."""
    if name.kind is not Kind.GOV or " of " not in name.name:
        return None
    tail = name.name.rsplit(" of ", 1)[1]
    level = place_level(tail)
    if level is None or not name.name.endswith(tail):
        return None
    return Name(tail, Span(name.span.end - len(tail), name.span.end), Kind.PLACE, level)


def _looks_common(tok: str, lower_words: Container[str]) -> bool:
    """A lone sentence-initial word that is ordinary English: "Initiated", "Using", "Lastly", "Property"."""
    low = tok.lower()
    return low in lower_words or (tok[1:].islower() and low.endswith(("ed", "ing", "ly")))


def _extend(tokens: Tokens, i: int, hi: int) -> tuple[int, bool]:
    """The end (exclusive token index, at most ``hi``) of the capitalised run starting at ``i``; possessive when
    it ends in 's."""
    words = tokens.words
    caps = tokens.capitalised  # is_capitalised(words[k]) is k in caps
    j = i
    while j < hi:
        tok = words[j]
        if j > i and j not in caps:
            nxt = words[j + 1] if j + 1 < hi else ""
            prev = words[j - 1]
            # ("Xinwu Industrial Park of Wuxi National Hi-tech Zone" is a park and its zone: a name of two words or
            # more ending in a zone's head word ends there; "Port of Antwerp" goes on)
            if (
                tok in ("of", "for", "de", "du", "la", "von", "van", "&")
                and nxt
                and j + 1 in caps
                and not (tok == "of" and j - i >= 2 and _PLACE_HEADS.get(prev) == 4)
            ):
                j += 1
                continue
            if tok == "of" and nxt == "the" and j + 2 < hi and j + 2 in caps:
                j += 2
                continue
            # (but "Tata Steel and Tata Motors" are two: the run's first word starts another name)
            if tok == "and" and prev in _JOINABLE and nxt and j + 1 in caps and not nxt.isupper() and nxt != words[i]:
                j += 1
                continue
            if tok == "(" and j + 2 < hi and words[j + 2] == ")" and j + 3 < hi and j + 3 in caps:
                j += 3  # "Huamei (Chengdu) Digital": a bracketed place inside the name
                continue
            if tok == "." and prev in _ABBREV_LEGAL:
                j += 1
                continue
            if tok == "." and prev in _TITLES and nxt and j + 1 in caps:
                j += 1  # "Gov. Ellen Park": a title's full stop does not end the name after it
                continue
            if (
                tok == ","
                and nxt
                and _strip_possessive(nxt)[0] in ("Ltd", "Inc", "Ltd.", "Inc.", "LLC", "Limited", "Co")
            ):
                # "Robotics Co., Ltd." and "Robotics Co., Ltd.'s research centre"
                j += 1
                continue
            break
        if j > i and tok in _CONNECT:
            break
        j += 1
        if "-" in tok and _ADJECTIVAL.search(tok):
            return j, False  # "Hong Kong-based | Swire Properties": the description ends its own run
        if tok[-1] in _POSSESSIVE_LAST and _strip_possessive(tok)[1]:
            return j, True
    return j, False


def _lead_dateline(text: str, span: Span) -> list[Name]:
    """The city and region of a dateline opening the sentence ``text[span]`` (none when there is none).

    >>> t = "ATLANTA, Ga. (AP) — Gov. Ann Lee said."
    >>> [(n.name, n.kind.value, n.role) for n in _lead_dateline(t, Span(0, len(t)))]
    [('ATLANTA', 'place', 'dateline'), ('Ga', 'place', 'dateline')]
    """
    m = _LEAD_DATELINE.match(text, span.start, span.end)
    if m is None:
        return []
    city, region = m.group("city"), m.group("region").rstrip(".")
    state = region in _STATES or (region in STATE_WORDS and city.isupper())  # "JACKSON, Miss. —"
    region_level = 1 if state else place_level(region)
    if region_level is None and not (m.group("credit") and city.isupper()):
        return []  # "IBM, Intel — ...": two names, not a city and its region
    if not city.isupper() and not state:
        return []
    cs, rs = m.start("city"), m.start("region")
    return [
        Name(city, Span(cs, cs + len(city)), Kind.PLACE, 2, "dateline", sentence_start=True),
        Name(region, Span(rs, rs + len(region)), Kind.PLACE, 1 if region_level is None else region_level, "dateline"),
    ]


def _make(text: str, tokens: Tokens, k: int, j: int, possessive: bool, at_start: bool) -> Name | None:
    start, end = tokens.starts[k], tokens.ends[j - 1]
    raw = text[start:end]
    if possessive:
        base, _ = _strip_possessive(tokens.words[j - 1])
        end = tokens.starts[j - 1] + len(base)
        raw = text[start:end]
    while raw and raw[-1] in ",":
        raw = raw[:-1]
        end -= 1
    if raw.endswith(".") and raw.split()[-1].rstrip(".") not in _ABBREV_LEGAL:
        raw, end = raw[:-1], end - 1
    name = " ".join(raw.split())
    words = name.split()
    credit = text.find("(", max(0, start - 12), start) >= 0 and _CREDIT_BEFORE.search(text, max(0, start - 12), start)
    if credit or name in _MEDIA:
        return None  # "Nov. 12 (Xinhua) --": the news agency, not a party
    if "-" in name and _ADJECTIVAL.search(name):
        return None  # "Hong Kong-based", "Dubai-based", "foreign-funded": a description, not a name
    plain = (
        all(map(_common, words)) and _GOV.isdisjoint(words) and _ACADEMIC.isdisjoint(words) and _LEGAL.isdisjoint(words)
    )
    if not words or name in _NOT_NAMES or plain or _MONTHISH.match(name) or word_number(name):
        return None
    if name in _DOLLAR_PREFIXES and text.startswith("$", end):
        return None
    if name.rstrip(".") in _TITLES:
        return None  # a title on its own ("Gov." before a stop) names no one
    after = text[end : end + 40]
    before = text[max(0, start - 60) : start]
    acronym = None
    m = _ACRONYM_AFTER.match(after) if "(" in after else None
    if m and any(c.isupper() for c in m.group("a")[1:]):
        acronym = m.group("a")
    kind, level = _classify(words, after, before)
    # A lower-case head word right after the run belongs to it: "Donglan county", "Sabah state".
    if kind in (Kind.ORG, Kind.PLACE, Kind.THING) and not possessive:  # "East Lake zone": a zone, not a lake
        lm = _LOWER_HEAD.match(after)
        if lm and not (lm.group(1) == "state" and _STATE_OWNED.match(after)):
            head = " ".join(lm.group(1).split())
            kind, level = Kind.PLACE, _PLACE_LOWER.get(head, 2)
            end += lm.end()
            name = " ".join(text[start:end].split())
            after = text[end : end + 40]
    if (
        kind is not Kind.PLACE
        and (name in _STATES or (name in STATE_WORDS and after[:1] == "."))
        and before.endswith(", ")
        and before[-3:-2].isalpha()
    ):
        kind, level = Kind.PLACE, 1  # "in Dalton, Ga. The company ...", "its Dalton, Ga., plant": the state
    elif kind is Kind.ORG and after[:1] == "," and (sm := _STATE_AFTER.match(after)) and sm.group(1) in _STATES:
        kind, level = Kind.PLACE, 2  # "its Dalton, Ga., plant": a town, named with its state
    role = ""
    if kind is Kind.PLACE:
        if before.rstrip()[-1:] in _ORIGIN_LAST and _ORIGIN.search(before):
            role = "origin"
        elif _is_venue(before):
            role = "venue"
        elif at_start and _DATELINE_AFTER.match(after):
            role = "dateline"
    elif kind is Kind.ORG and at_start and _DATELINE_AFTER.match(after) and len(words) <= 2:
        kind, level, role = Kind.PLACE, 2, "dateline"
    if at_start and name.isupper() and len(words) <= 3 and _CAPS_DATELINE_AFTER.match(after) and start < 40:
        kind, level, role = Kind.PLACE, max(level, 2), "dateline"  # "KUALA LUMPUR: ...", "HANOI - ..."
    elif (
        kind is Kind.ORG
        and len(words) <= 2
        and acronym is None
        and not _is_acronym(name)
        and _ends_with(before, _IN_ENDS)
        and _IN_BEFORE.search(before)
        and not _NOT_A_TOWN_AFTER.match(after)
    ):
        kind, level = Kind.PLACE, 2  # "in Valjevo", "in Novi Sad": a town the word list does not know
    elif (
        kind is Kind.ORG
        and len(words) <= 2
        and acronym is None
        and not _is_acronym(name)
        and before.endswith(("'s ", "’s "))
        and (pm := _IN_PLACE_OF.search(before)) is not None
        and (place_level(pm.group("p")) or 0) >= 1  # a state or city ("in China's BYD" is a company)
        and _LEGAL.isdisjoint(w.rstrip(".,") for w in words)
        and not _NOT_A_TOWN_AFTER.match(after)
    ):
        kind, level = Kind.PLACE, 2  # "in Assam's Jagiroad", "at Gujarat's Dholera": a town of a known place
    if (
        kind in (Kind.ORG, Kind.PLACE)
        and role == ""
        and len(words) <= 3
        and _ZONE_DESCRIBED_AFTER.match(after)
        and not any(w.rstrip(".,") in _LEGAL for w in words)
        and (_AT_BEFORE.search(before) or _IN_BEFORE.search(before))
    ):
        kind, level = Kind.PLACE, max(level, 4)  # "at Dubai South, the free zone authority said": the zone itself
    elif (
        kind is Kind.ORG
        and len(words) <= 3
        and acronym is None
        and not _is_acronym(name)
        and _ends_with(before, _FACILITY_ENDS)
        and _FACILITY_BEFORE.search(before)
        and not any(w.rstrip(".,") in _LEGAL for w in words)
    ):
        kind, level = Kind.PLACE, 2  # "its new plant in Szeged will ...": where the plant stands
    elif (
        kind is Kind.ORG
        and len(words) <= 3
        and acronym is None
        and not _is_acronym(name)
        and _ends_with(before, _AT_ENDS)
        and _AT_BEFORE.search(before)
        and not _NOT_A_TOWN_AFTER.match(after)
    ):
        kind, level = Kind.PLACE, 2  # "a solar park at Khavda": a site the word list does not know
    return Name(name, Span(start, end), kind, level, role, possessive, acronym, at_start)


# The last word each "...$" pattern on the text before a name can end with (its "(?:the\s+)?" included): a
# cheap test that skips the search, which tries the pattern at every one of the 60 characters.
_IN_ENDS = ("in", "the")
_AT_ENDS = ("at", "inside", "within", "the")
_AT_OR_IN_ENDS = ("in", "at", "near", "inside", "the")
_FACILITY_ENDS = ("in", "at", "near", "the")
_PREP_ENDS = ("in", "at", "of", "the", "city", "city'", "city's", "citys", "city’s")
_ORIGIN_LAST = ("m", "M", "e", "E")  # "from" / "the", in any case (no other letter folds to m or e)


def _ends_with(before: str, words: tuple[str, ...]) -> bool:
    """Whether ``before``, white space stripped, ends with one of ``words`` (needed for a pattern to match)."""
    return before.rstrip().endswith(words)


def _is_venue(before: str) -> bool:
    """ "held in Shenzhen", "at the main venue of Shenzhen", "a ceremony in Nanshan District": where it happened."""
    prep = _PREP_END.search(before) if _ends_with(before, _PREP_ENDS) else None
    if prep is None:
        return False
    head = before[: prep.start()]
    return bool(_VENUE_WORD.search(head[-60:])) or head.rstrip().endswith("venue")


def _is_acronym(name: str) -> bool:
    return len(name) <= 10 and " " not in name and sum(map(str.isupper, name)) >= 2


def _classify(words: list[str], after: str, before: str) -> tuple[Kind, int]:
    last = words[-1].rstrip(".")
    name = " ".join(words)
    # "in Jagiroad, the chief minister said": after "in"/"at" the name is the place, the role is the speaker's
    role_after = (
        "," in after
        and _ROLE_AFTER.match(after)
        and not (_ends_with(before, _AT_OR_IN_ENDS) and _AT_OR_IN_BEFORE.search(before))
        and name.lower() not in _GAZETTEER  # "... in Andhra Pradesh's Kakinada, Chairman Mukesh Ambani said"
    )
    if (words[0].rstrip(".") in _TITLES or role_after) and _LEGAL.isdisjoint(words):
        return Kind.PERSON, -1
    if _TITLE_INSIDE.search(name) and words[-1] not in _GOV:
        return Kind.PERSON, -1
    if last in _GOV_PHRASE_HEADS and _GOV_PHRASE.search(name):
        return Kind.GOV, -1  # "Marlow County Economic Development Corporation": a public agency, not a company
    if any(w.rstrip(".,") in _LEGAL for w in words[1:]):
        return Kind.ORG, -1
    if not _GOV.isdisjoint(words) or _GOV_AFTER.match(after):
        return Kind.GOV, -1
    level = place_level(name)
    if _THING_AFTER.match(after):
        if level is not None and level <= 3:
            return Kind.PLACE, level  # "its Maple County plant", "a Shenzhen factory": where the plant is
        if level == 4 and before.endswith(("its ", "their ", "Its ", "Their ")):
            return Kind.PLACE, level  # "at its Mundra SEZ plant": a company's plant in the zone (not the zone's own)
        return Kind.THING, -1  # "Hongshui River Lijing Business Travel City project"
    if level is None and len(words) > 1 and words[0] in _DIRECTIONS:
        level = place_level(" ".join(words[1:]))  # "Northwest China", "West Java"
    if level is not None:
        return Kind.PLACE, level
    if last in _THINGS or not _EVENTS.isdisjoint(words):
        return Kind.THING, -1
    if not _ACADEMIC.isdisjoint(words):
        return Kind.ACADEMIC, -1
    return Kind.ORG, -1


def personal_words(person: Name) -> tuple[str, ...]:
    """The words of a person's own name, without the title before it: "Minister of Finance Lim Guan Eng" ->
    ("Lim", "Guan", "Eng"). Empty when the run ends in what the title is of ("CEO of Foxconn": a company).

    >>> t = "said Trade Minister Darell Leiking."
    >>> [personal_words(n) for n in find_names(t, Span(0, len(t)))]
    [('Darell', 'Leiking')]
    """
    words = person.name.split()
    k = len(words)
    while k > 0:
        w = words[k - 1]
        if w in _CONNECT:
            return ()  # "Chairman of Haier": the words after "of" name what the title is of
        plain = w.replace("-", "").replace("'", "").replace("’", "")
        if not plain.isalpha() or not w[0].isupper() or w.isupper() or _common(w) or w in _TITLES:
            break
        if w in _GOV or w in _JOINABLE or w in _LEGAL or w in _ACADEMIC or place_level(w) is not None:
            break
        k -= 1
    return tuple(words[k:])


def acronym_matches(acronym: str, full: str) -> bool:
    """Whether ``acronym`` can abbreviate ``full``: same first letter, its letters in order within the name.

    >>> acronym_matches("CDHT", "Chengdu Hi-Tech Zone"), acronym_matches("KSEZ", "Kakinada SEZ"), acronym_matches("AWS", "Tencent")
    (True, True, False)
    """
    a = [c for c in acronym.lower() if c.isalpha()]
    f = full.lower()
    if not a or not f or a[0] != f[0] or len(full.split()) < 2:
        return False
    pos = 0
    for c in a:
        pos = f.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    # every word initial of the full name that is capitalised should be covered roughly: avoid "CD" ~ "Chengdu Digital Tech Park"
    initials = [w[0].lower() for w in full.split() if w[0].isupper()]
    return len(a) >= max(2, len(initials) - 1)
