"""Span-keeping text helpers shared by the language extractors: sentences, paragraphs, trimming."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from zonewatch.model import Span

# Words after which a full stop does not end a sentence. Kept short on purpose: these are the ones
# that appear inside investment sentences ("Co., Ltd.", "approx. RMB", "Rs. 500 crore", "U.S. dollars"),
# and the titles a name follows ("Gov. Ellen Park", "Lt. Gov.", "Prof.").
_ABBREVIATIONS = frozenset(
    "co ltd inc corp no nos approx appx rs mr mrs ms dr st jr sr vs etc dept govt pvt u.s u.k "
    "jan feb mar apr jun jul aug sep sept oct nov dec est int'l intl bhd plc "
    "gov sen rep lt gen hon col amb prof".split()
)
# US state abbreviations (AP style; those that are also English words, "Ill.", "Miss.", "Mass.", "Wash.",
# "Ore.", are left out). Unlike a title, one often does end a sentence ("a plant in Dalton, Ga. The firm"),
# so it is no end only inside a dateline: after a capitalised city opening the line ("FRANKFORT, Ky. -")
# or before a bracket ("Ga. (AP) —").
STATE_ABBREVIATIONS = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ind Kan Kans Ky La Md Mich Minn Mo Mont Neb Nev Okla Pa Tenn Tex "
    "Vt Va Wis Wyo N.C S.C N.D S.D N.H N.J N.M N.Y R.I W.Va".split()
)
# These are English words too: they are a state only where nothing else fits, after a city that opens the
# line in capitals ("JACKSON, Miss. (AP) —") or a town and a comma ("Lowndes County, Miss.,").
STATE_WORDS = frozenset("Ill Miss Mass Wash Ore".split())
_DATELINE_CITY = re.compile(r"[A-Z][A-Z .'-]*,\s*")
_EN_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|[.!?]+[\"'”’)]*$")
_WORD_CHARS = string.ascii_letters + ".'"
_ZH_END = re.compile(r"[。！？；!?]+[”’」』）)]*")


def paragraphs(text: str) -> Iterator[Span]:
    """Spans of non-blank lines (a line is a paragraph in the texts zonewatch reads)."""
    for m in re.finditer(r"[^\n]+", text):
        start, end = trim(text, m.start(), m.end())
        if end > start:
            yield Span(start, end)


def sentences(text: str, within: Span | None = None) -> Iterator[Span]:
    """Sentence spans in ``text`` (English and Chinese punctuation), never crossing a line break."""
    para_spans = [within] if within is not None else list(paragraphs(text))
    for para in para_spans:
        for line in re.finditer(r"[^\n]+", text[para.start : para.end]):
            yield from _split_line(text, para.start + line.start(), para.start + line.end())


def _split_line(text: str, start: int, end: int) -> Iterator[Span]:
    cursor = start
    line = text[start:end]
    cuts: list[int] = []
    for m in _ZH_END.finditer(line):
        cuts.append(start + m.end())
    for m in _EN_END.finditer(line):
        if m.group().startswith("."):
            # the word before the stop (only the last few characters: the whole prefix would be quadratic on
            # long lines); rstrip finds the run of letters, points and apostrophes a pattern search would
            before = line[max(0, m.start() - 40) : m.start()]
            word = before[len(before.rstrip(_WORD_CHARS)) :]
            if word and not_an_end(text, start, start + m.start(), word):
                continue
        cuts.append(start + m.end())
    for cut in sorted(set(cuts)):
        s, e = trim(text, cursor, cut)
        if e > s:
            yield Span(s, e)
        cursor = cut
    s, e = trim(text, cursor, end)
    if e > s:
        yield Span(s, e)


def not_an_end(text: str, line_start: int, at: int, word: str) -> bool:
    """Whether the full stop at ``text[at]``, after ``word``, is an abbreviation's rather than a sentence end.

    >>> not_an_end("ATLANTA, Ga. (AP) - Gov. Ann Lee said.", 0, 10, "Ga")
    True
    >>> not_an_end("It is in Dalton, Ga. The firm said.", 0, 19, "Ga")
    False
    """
    if word.lower().rstrip(".") in _ABBREVIATIONS or len(word) == 1:
        return True  # "Co.", "Rs.", "Gov."; initials: "J. Smith"
    if word in STATE_ABBREVIATIONS:
        if text[at + 1 : at + 4].lstrip()[:1] == "(":
            return True  # "Ga. (AP) —", "Ky. (Reuters) -"
    elif word not in STATE_WORDS:
        return False
    head = at - len(word) - line_start
    return 0 < head < 40 and _DATELINE_CITY.fullmatch(text, line_start, at - len(word)) is not None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding white space (ASCII and full-width)."""
    while start < end and (text[start].isspace() or text[start] == "\u3000"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\u3000"):
        end -= 1
    return start, end
