"""Cue-word tests on the words around an amount: not an investment? a subtotal? how many projects? what stage?

The word lists are data (``data/en/cues.toml``); the patterns are compiled once at import.

>>> is_not_investment("Bluetown has invested ", " in constructing an ecological town")
True
>>> is_not_investment("The city's biomedicine industry is expected to rake in ", " in operating revenues by 2025")
True
>>> is_not_investment("Tencent signed an agreement to invest ", " to build a headquarter")
False
>>> count_in("Recently, Tianfu International Bio-Town has kickstarted 23 projects, which totaled up to ").value
23
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zonewatch.extract.en.lexicon import CUES, NUMBER_WORDS, alternation
from zonewatch.extract.en.money import word_number
from zonewatch.model import Stage

_Trie = dict[str, "_Trie"]


def any_of(words: list[str] | tuple[str, ...]) -> str:
    """A regex group matching exactly the strings ``alternation(words)`` matches, as a trie of their characters.

    The regex engine tries a flat alternation's words one by one at every position (under re.I it cannot
    skip them by their first letter); the trie tries each first letter once and goes on only where it fits:
    several times faster on the word lists here. Only for patterns used as yes/no: the same strings match,
    but where several words match at one position a trie may end the match elsewhere than "longest first".

    >>> any_of(["sale", "sales", "output"])
    '(?:output|sale(?:s)?)'
    """
    root: _Trie = {}
    for word in set(words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        ends = "" in node
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    found = emit(root)
    return found if found.startswith("(?:") and found.endswith(")") and "" not in root else f"(?:{found})"


_NEG = CUES["negative"]
_NEG_BEFORE = re.compile(rf"(?<![\w-])(?:{any_of(_NEG['before'])})(?![\w-])", re.I)
_NEG_AFTER = re.compile(rf"^\W{{0,3}}(?:{any_of(_NEG['after'])})\b", re.I)
_UP_TO_NOW = re.compile(
    rf"\b(?:{any_of(_NEG['up_to_now_after'])}|since\s+(?:19|20)\d\d"
    # a period of this (or a past) year: "... in the first ten months", "... from January to October"
    rf"|(?:in|during|over)\s+the\s+first\s+(?:[\w-]+\s+)?(?:months|quarters?|half)(?!\s+of\s+next)"
    rf"|between\s+january\s+and\s+\w+|from\s+january\s+(?:to|through)\s+\w+"
    rf"|in\s+(?:the\s+)?january\s*[-–]\s*\w+"
    # a fiscal year's figure: "... in the 2023/24 fiscal year", "... in FY24"
    rf"|in\s+(?:the\s+)?(?:\d{{4}}\s*[/-]\s*\d{{2,4}}\s+)?(?:fiscal|financial)\s+year|in\s+fy\s*\d+)\b",
    re.I,
)
# a past fiscal year right after the amount ("... in 2022-23", "... in FY23"): its end year, checked by the caller
_FISCAL_YEAR = re.compile(
    r"^\W{0,3}(?:in|during|for)\s+(?:the\s+)?(?:(?:19|20)\d\d\s*[-/–]\s*(?P<a>\d\d)(?!\d)|fy\s*(?P<b>\d\d)(?:\s*[-/–]\s*\d\d)?(?!\d)|fy\s*(?:19|20)(?P<c>\d\d)(?!\d))",
    re.I,
)
_STATISTIC = re.compile(
    rf"\b(?:{any_of(_NEG['statistic_nouns'])})\s+(?:[\w'’-]+\s+){{0,3}}?(?:{any_of(_NEG['statistic_verbs'])})\s+"
    rf"(?:[a-z]+\s+){{0,3}}?(?:(?:RMB|USD|US\$|\$|€|£|Rs\.?|₹|INR|EUR|R\$)\s*)?$",
    re.I,
)
_AID_BEFORE = re.compile(
    rf"\b(?:{any_of(_NEG['aid_nouns'])})\s+(?:[a-z()]+\s+){{0,2}}?(?:{any_of(_NEG['aid_links'])})\s+"
    rf"(?:[a-z]+\s+){{0,2}}?(?:(?:RMB|USD|US\$|\$|€|£|Rs\.?|₹|INR|EUR|AED|Dh|SAR|RM)\s*)?$",
    re.I,
)
# "... in state tax credits", "a $25 million grant", "a $25 million state grant", "a $2.4 million property tax
# abatement"
_AID_AFTER = re.compile(
    # (the words before the aid noun describe it: "and receive incentives" or "with tax credits" is another thing)
    rf"^\W{{0,3}}(?:in\s+(?:[\w-]+\s+){{0,2}}?|(?:(?!{any_of(_NEG['aid_separators'])}\b)[a-z-]+\s+){{0,2}}?)"
    rf"(?:{any_of(_NEG['aid_nouns'])})\b",
    re.I,
)
# a past stretch in the amount's own clause: "$30 billion in chip investments over the past year", "in the last
# five years" (not "..., its largest in the past decade", nor "the last quarter of 2025")
_PAST_STRETCH = re.compile(
    r"[^,;.]{0,60}?\b(?:(?:in|during|over)\s+the\s+(?:past|last|previous)\s+(?:[\w-]+\s+)?"
    r"(?:years?|months|decades?|quarters?)\b(?!\s+of\b)"
    # "... attracted Rs 1,500 crore in investments last fiscal": India's fiscal year just ended
    r"|(?:last|previous)\s+(?:fiscal|financial\s+year)\b)",
    re.I,
)
_SUPERSEDED = re.compile(rf"\b(?:{any_of(_NEG['superseded'])})\b", re.I)
_THIS_YEAR = re.compile(r"(?:\b(?P<before>[a-z]+)\W+)?\b(?:this|next)\s+year\b", re.I)
_TIMELINE = frozenset(_NEG["timeline_words"])
_WILL_INVEST = re.compile(
    rf"\b(?:will|to)\s+(?:(?:{any_of(_NEG['future_invest_fillers'])})\s+)*(?:{any_of(_NEG['future_invest_verbs'])})\s+"
    rf"(?:(?:{any_of(_NEG['future_invest_fillers'])})\s+)*$",
    re.I,
)
_OWN_ASSETS = re.compile(r"\b(?:in|on|across)\s+(?:its|their)\s+(?:[\w-]+\s+)?[\w-]+s\b", re.I)
_THRESHOLD = re.compile(
    rf"\b(?:{any_of(_NEG['threshold_nouns'])})\s+(?:(?!(?:total|combined|overall|aggregate)\b)[\w-]+\s+){{0,4}}?"
    rf"(?:{any_of(_NEG['threshold_links'])})\s+(?:(?:RMB|USD|US\$|\$|€|£|Rs\.?|₹)\s*)?$",
    re.I,
)
_RUNNING_TOTAL = re.compile(
    rf"\b(?:{any_of(_NEG['running_total_verbs'])})\b[^,;]{{0,100}}?\b(?:{any_of(_NEG['running_total_nouns'])})\b"
    rf"[^,;]{{0,100}}?\bto\s+(?:[a-z]+\s+){{0,3}}$",
    re.I,
)
_PERIOD_FRAME = re.compile(rf"^\W*(?:{'|'.join(_NEG['period_frames'])})\b", re.I)
_COORDINATED = re.compile(rf"^\s*(?:{any_of(_NEG['coordinated_openers'])})\b", re.I)
_FUNDING_TYPE = re.compile(rf"(?<![\w-])(?:{any_of(_NEG['funding_types'])})(?![\w-])", re.I)
_AGGREGATE_SIGNING = re.compile(
    rf"\b(?:{any_of(_NEG['aggregate_verbs'])})\s+(?:a\s+total\s+of\s+)?\S+\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:{any_of(_NEG['threshold_nouns'])})\s+(?:worth|valued\s+at)\s+(?:[a-z]+\s+){{0,3}}?"
    rf"(?:(?:RMB|USD|US\$|\$|€|£|Rs\.?|₹|AED|Dh|SAR)\s*)?$",
    re.I,
)
_BACKGROUND = re.compile(
    rf"\b(?:{any_of(_NEG['background_verbs'])})\b[^,;]{{0,60}}?\b(?:{any_of(_NEG['background_nouns'])})\b",
    re.I,
)
_FIGURE = re.compile(
    r"\d[\d.,]*\s*(?:trillion|billion|million|bn|mn|crore|lakh|yuan|dollars|euros|riyals|dirhams)\b"
    r"|[$€£¥₹]\s?\d|\b(?:RMB|USD|US\$|AED|Dh|SAR|Rs|INR|EUR)\.?\s?\d",
    re.I,
)
_SUBTOTAL = re.compile(rf"\b(?:{any_of(_NEG['subtotal_cues'])})\b", re.I)
_PORTION = re.compile(r"\b(?:of|among)\s+which\s+(?:\w+\s+){0,2}$", re.I)
_WORDNUM = alternation([w for w in NUMBER_WORDS if w not in ("a", "an", "zero")])
_COUNT_NOUNS = alternation(CUES["counts"]["nouns"])
_COUNT = re.compile(
    rf"(?<![\d.,%$])\b(?P<n>\d{{1,4}}|(?:{_WORDNUM})(?:-(?:{_WORDNUM}))?)\s+"
    rf"(?:(?!of\b|percent\b|per\b)[A-Za-z][\w-]*\s+){{0,4}}?(?P<noun>{_COUNT_NOUNS})\b"
    rf"|\b(?P<n2>\d{{1,4}}|{_WORDNUM})\s+of\s+them\b",
    re.I,
)
_ONE_OF = re.compile(
    r"\bone\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}(?:projects|contracts|agreements|deals)\b|\bone\s+(?:was|is|has\s+been)\b",
    re.I,
)
_PLURAL = re.compile(
    r"\b(?:projects|contracts|agreements|mous|deals|investments|proposals|pledges|these|total(?:ling|ing|ed)?|in\s+total|a\s+series|batch|attract(?:s|ed|ing)?)\b",
    re.I,
)
SINGLE_FACILITY_NOUNS: list[str] = [re.escape(w) for w in CUES["counts"]["single_facility_nouns"]]
_STAGES = [(Stage(k), re.compile(rf"\b(?:{alternation(v)})\b", re.I)) for k, v in CUES["stages"].items()]
# Every stage's cues as one trie: where the first cue of any stage starts, found in one pass (the same strings
# match, so the same first position); the stages' own patterns are then tried at that position only.
_ANY_STAGE = re.compile(rf"\b{any_of([w for v in CUES['stages'].values() for w in v])}\b", re.I)
# A stage's noun and its verb apart ("Construction of 40 projects ... started"), tried besides the contiguous cues.
_STAGE_PHRASES = [
    (
        Stage(k),
        re.compile(
            rf"\b(?:{alternation(v['nouns'])})\b(?:\s+(?:of|on|at|for)\b(?:[^,;:.!?]|[.,](?=\d)){{0,100}}?)?"
            rf"\s+(?:(?:has|have|had|was|were)\s+)?(?:{alternation(v['verbs'])})\b",
            re.I,
        ),
    )
    for k, v in CUES["stage_phrases"].items()
]


def is_not_investment(before: str, after: str) -> bool:
    """Whether the amount between ``before`` (its clause) and ``after`` (the rest of the clause) is not a commitment:
    revenue, output, GDP, money already spent, a period total, a size threshold, an annual plan."""
    if _NEG_BEFORE.search(before) or _NEG_AFTER.search(after):
        return True
    if _UP_TO_NOW.search(after[:100]) or _PAST_STRETCH.match(after):
        return True  # "... into the country to date", "... since 2010", "... over the past year": counted up to now
    if _STATISTIC.search(before):
        return True  # "the state's electronics production stood at ...": an economic statistic
    if _AID_AFTER.search(after) or _AID_BEFORE.search(before[-120:]):
        return True  # "up to $1.5 million in state tax credits": public support, not the investment
    if _SUPERSEDED.search(before):
        return True  # "The company had earlier earmarked ...", "up from an earlier ...": replaced by the new figure
    if _RUNNING_TOTAL.search(before):
        return True  # "raising its total investment in the province to $5.65 billion": a running total
    if _THRESHOLD.search(before) and not _AGGREGATE_SIGNING.search(before):
        return True
    # "A total of 44.39 billion yuan of investment will be made in the projects this year": an annual plan.
    return any(
        (m.group("before") or "").lower() not in _TIMELINE and not _next_year_of_a_commitment(before, after, m)
        for m in _THIS_YEAR.finditer(after[:80])
    )


def _next_year_of_a_commitment(before: str, after: str, m: re.Match[str]) -> bool:
    """Whether ``m`` ("next year") dates what a party will invest ("X will invest $40 million in the park next
    year") rather than a plan ("... of investment will be made next year", "... in its plants next year")."""
    return (
        m.group().split()[-2].lower() == "next"
        and _WILL_INVEST.search(before[-80:]) is not None
        and _OWN_ASSETS.search(after, 0, m.end()) is None
    )


def fiscal_year_end(after: str) -> int | None:
    """The (two-digit) end year of a fiscal year right after an amount, to tell a past statistic.

    >>> fiscal_year_end(" in 2021-22, the ministry said")
    22
    >>> fiscal_year_end(" in FY24") is None, fiscal_year_end(" in a new plant") is None
    (False, True)
    """
    m = _FISCAL_YEAR.search(after)
    if m is None:
        return None
    return int(m.group("a") or m.group("b") or m.group("c"))


def in_period_frame(sentence_before: str) -> bool:
    """Whether the sentence up to the amount opens with a past or running period ("Last year, ...",
    "In the first ten months of this year, ..."): its figures are period statistics, not commitments.

    >>> in_period_frame("In the first ten months of this year, the province attracted ")
    True
    >>> in_period_frame("On Monday, the company signed a deal to invest ")
    False
    """
    return bool(_PERIOD_FRAME.search(sentence_before))


def inherits_frame(clauses: list[str]) -> bool:
    """Whether the last clause is coordinated with an earlier one that is not an investment figure
    ("the park's GDP reached X, and its actual use of foreign capital was Y"): it shares that frame.

    >>> inherits_frame(["The park's GDP reached 3 billion yuan", " and its foreign investment was "])
    True
    >>> inherits_frame(["The park's GDP reached 3 billion yuan", " Tesla will invest "])
    False
    >>> inherits_frame(["Its revenue rose 20 percent", " and its new plant will cost "])
    False
    """
    if len(clauses) < 2 or not _COORDINATED.search(clauses[-1]):
        return False
    # the earlier clause must state a figure of its own: "revenue rose, and its new plant will cost X" is news
    return any(_NEG_BEFORE.search(c) and _FIGURE.search(c) for c in clauses[:-1])


def is_background_total(before: str) -> bool:
    """ "X attracted investment commitments of ...": a tally of pledges (background when its event is past)."""
    return bool(_BACKGROUND.search(before))


def is_funding_type_subset(text: str) -> bool:
    """ "18 are foreign-funded projects": a sub-group by the kind of money, its own record (not a sector share)."""
    return bool(_FUNDING_TYPE.search(text))


def is_portion(before: str) -> bool:
    """ "of which 9.4 billion": a share of the figure just before it."""
    return bool(_PORTION.search(before))


def has_subtotal_cue(text: str) -> bool:
    return bool(_SUBTOTAL.search(text))


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    start: int
    end: int
    noun: str


def _num(s: str) -> int | None:
    return int(s) if s.isdigit() else word_number(s)


# no leading \b, and the nouns as a trie: a fast scan before the full pattern
_COUNT_HINT = re.compile(rf"(?:{any_of([*CUES['counts']['nouns'], 'them'])}|one\s+(?:of|was|is|has))", re.I)


def count_in(text: str, offset: int = 0, nearest_to: int | None = None) -> Count | None:
    """The count of projects named in ``text`` ("25 major projects", "Thirty-six projects", "9 of them").

    With ``nearest_to``, the mention closest before that offset wins (else the first). Spans are offset.
    """
    if not _COUNT_HINT.search(text):
        return None
    found: list[Count] = []
    for m in _COUNT.finditer(text):
        n = _num(m.group("n") or m.group("n2"))
        if n is None or n <= 0 or n > 5000:
            continue
        g = "n" if m.group("n") else "n2"
        found.append(Count(n, offset + m.start(g), offset + m.end(g), (m.group("noun") or "them").lower()))
    one = _ONE_OF.search(text)
    if one is not None and (not found or found[-1].start - offset < one.start()):
        return Count(1, offset + one.start(), offset + one.start() + 3, "one of")
    if not found:
        return None
    if nearest_to is not None:
        before = [c for c in found if c.start <= nearest_to]
        if before:
            return before[-1]
    return found[0]


def counts_in(text: str, offset: int = 0) -> list[Count]:
    """Every count of projects in ``text`` above one."""
    out: list[Count] = []
    if not _COUNT_HINT.search(text):
        return out
    for m in _COUNT.finditer(text):
        n = _num(m.group("n") or m.group("n2"))
        if n is not None and 1 < n <= 5000:
            g = "n" if m.group("n") else "n2"
            out.append(Count(n, offset + m.start(g), offset + m.end(g), (m.group("noun") or "them").lower()))
    return out


def sounds_plural(text: str) -> bool:
    """Whether a clause speaks of several projects or a total ("these projects", "a total investment")."""
    return bool(_PLURAL.search(text))


def stage_in(text: str) -> tuple[Stage, int, int] | None:
    """The stage of the first cue verb in ``text`` ("signed an agreement to invest": signed), with the cue's span.

    Two stages' cues at one position: the stage listed first wins.
    """
    found: tuple[Stage, int, int] | None = None
    first = _ANY_STAGE.search(text)
    if first is not None:
        for stage, pattern in _STAGES:
            m = pattern.match(text, first.start())
            if m:
                found = stage, m.start(), m.end()
                break
    for stage, pattern in _STAGE_PHRASES:
        m = pattern.search(text, 0, found[1] if found else len(text))
        if m and (found is None or m.start() < found[1]):
            found = stage, m.start(), m.end()
    return found
