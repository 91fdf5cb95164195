"""The shape of an English article: title and heading lines, dateline sections, paragraphs, sentences.

A roundup is cut into sections at dateline headings ("Aug 20 | Tencent to build ...", "AUG 28 | ...");
an article without them is one section. Lines that read as titles (short, no closing punctuation) are
headings: their figures repeat the body's and never make projects of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zonewatch.extract.text import _WORD_CHARS, not_an_end, trim
from zonewatch.model import Span

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_HEADING = re.compile(rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?\s*[|｜]", re.I)
_CLOSING = re.compile(r"[.!?;:。”\"’)]\s*$")
_MAX_HEADING_WORDS = 25


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with where it sits: its paragraph (line), section, and whether it is a heading line."""

    span: Span
    index: int
    paragraph: int
    section: int
    heading: bool


@dataclass(frozen=True, slots=True)
class Layout:
    sentences: tuple[Sentence, ...]
    section_headings: tuple[int | None, ...]  # per section: index of its heading sentence, if any
    sections: dict[int, list[Sentence]] = field(default_factory=dict)
    paragraphs: dict[int, list[Sentence]] = field(default_factory=dict)

    def of_section(self, section: int) -> list[Sentence]:
        return self.sections.get(section, [])

    def of_paragraph(self, paragraph: int) -> list[Sentence]:
        return self.paragraphs.get(paragraph, [])


def is_heading_line(line: str) -> bool:
    """A title-like line: a dateline heading, or a short line without closing punctuation.

    >>> is_heading_line("Aug 20 | Tencent to build its only functional headquarter in China at CDHT")
    True
    >>> is_heading_line("On August 20, Tencent signed an agreement.")
    False
    """
    if _DATELINE_HEADING.match(line):
        return True
    return not _CLOSING.search(line) and len(line.split()) <= _MAX_HEADING_WORDS


_MAX_SENTENCE = 1500  # no real sentence is longer; cutting keeps every per-sentence step linear in the text


def _bounded(text: str, span: Span) -> list[Span]:
    """``span`` cut at white space into pieces of at most about ``_MAX_SENTENCE`` characters."""
    if len(span) <= _MAX_SENTENCE:
        return [span]
    out: list[Span] = []
    start = span.start
    while span.end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        out.append(Span(start, cut))
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        out.append(Span(start, span.end))
    return out


# The sentence stops of extract.text (the same matches): "[.!?]+" opens the English pattern outside its
# alternation, so the regex engine skips from one stop to the next instead of trying both branches everywhere.
_EN_END = re.compile(r"[.!?]+[\"'”’)]*(?:(?=\s+[\"'“‘(]?[A-Z0-9])|$)")
_ZH_END = re.compile(r"[。！？；!?]+[”’」』）)]*")
_CLOSING_CHARS = frozenset('.!?;:。”"’)')
_LINE = re.compile(r"[^\n]+")


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of ``extract.text.sentences(text, Span(start, end))`` for one trimmed line, read in place
    (no copy of the line)."""
    cuts: list[int] = [m.end() for m in _ZH_END.finditer(text, start, end)]
    for m in _EN_END.finditer(text, start, end):
        at = m.start()
        if text[at] == ".":
            # the word before the stop: the run of letters, points and apostrophes just before it
            before = text[max(start, at - 40) : at]
            word = before[len(before.rstrip(_WORD_CHARS)) :]
            if word and not_an_end(text, start, at, word):
                continue
        cuts.append(m.end())
    if not cuts:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    cursor = start
    for cut in sorted(set(cuts)) if len(cuts) > 1 else cuts:
        s, e = trim(text, cursor, cut)
        if e > s:
            out.append((s, e))
        cursor = cut
    s, e = trim(text, cursor, end)
    if e > s:
        out.append((s, e))
    return out


def layout(text: str) -> Layout:
    """Cut ``text`` into sentences, each tagged with its paragraph, section and heading status."""
    out: list[Sentence] = []
    headings: list[int | None] = [None]
    section = 0
    for para, m in enumerate(_LINE.finditer(text)):
        start, end = trim(text, m.start(), m.end())
        if end <= start:
            continue
        line = text[start:end]
        dateline = _DATELINE_HEADING.match(line) is not None
        # is_heading_line on a trimmed line: the closing character, if any, is the last one
        short = len(line.split()) <= _MAX_HEADING_WORDS
        # "Nov 12 | The zone signed 18 projects ... on Wednesday. Major projects include ...": a dated heading
        # that runs on into a whole paragraph opens the section and is its body
        heading = (dateline and (short or line[-1] not in _CLOSING_CHARS)) or (line[-1] not in _CLOSING_CHARS and short)
        if dateline:
            section += 1
            headings.append(len(out))
        for s, e in [(start, end)] if heading else _split_line(text, start, end):
            if e - s <= _MAX_SENTENCE:
                out.append(Sentence(Span(s, e), len(out), para, section, heading))
            else:
                for piece in _bounded(text, Span(s, e)):
                    out.append(Sentence(piece, len(out), para, section, heading))
    sections: dict[int, list[Sentence]] = {}
    paras: dict[int, list[Sentence]] = {}
    for sent in out:
        sections.setdefault(sent.section, []).append(sent)
        paras.setdefault(sent.paragraph, []).append(sent)
    return Layout(tuple(out), tuple(headings), sections, paras)
