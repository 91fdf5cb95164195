"""Sentences of a Chinese text as spans, and which lines are headlines (short lines without a full stop)."""

from __future__ import annotations

import re
from typing import NamedTuple

from zonewatch.model import Span

# A sentence ends at a full stop, question/exclamation mark, semicolon, an ellipsis, or the line's end. One
# pattern reads a whole sentence: runs of ordinary characters (a lone "…" or "." is one), then the end mark.
# Every character stops the runs only where an end mark starts, so each sentence is one match read in C.
_PIECE = re.compile(r"(?=[^\n])(?:[^\n。！？!?；;….]+|…(?!…)|\.(?!\.\.))*+(?:[。！？!?；;]+[”’」』)]*|……|\.{3,})?")
_LINE = re.compile(r"[^\n]+")
_STOP = re.compile(r"[。!?！？]")
HEADLINE_MAX = 60


class Sentence(NamedTuple):
    """A sentence's offsets (a tuple: an article has dozens, and a frozen dataclass holding a Span cost three
    times as much to make); ``span`` makes the Span when a record quotes it."""

    start: int
    end: int
    headline: bool  # a title-like line: short and without a full stop

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def split_sentences(shadow: str) -> list[Sentence]:
    """Sentence spans of a text (given as its shadow), never crossing a line break.

    >>> t = "标题一行\\n甲。乙;丙"
    >>> [(t[s.start:s.end], s.headline) for s in split_sentences(t)]
    [('标题一行', True), ('甲。', False), ('乙;', False), ('丙', False)]
    """
    # Cut and trimmed on the shadow, which has white space exactly where the text has (it only maps full-width
    # ASCII to ASCII, the ideographic space to a space and characters to characters); str.strip measures the
    # white space around a sentence in C.
    out: list[Sentence] = []
    for line in _LINE.finditer(shadow):
        body = line.group()
        headline = len(body.strip()) <= HEADLINE_MAX and not _STOP.search(body) and "," not in body
        for m in _PIECE.finditer(shadow, line.start(), line.end()):
            piece = m.group()
            kept = piece.strip()
            if kept:
                start = m.start() + len(piece) - len(piece.lstrip())
                out.append(Sentence(start, start + len(kept), headline))
    return out
