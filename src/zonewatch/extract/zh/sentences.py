"""Sentences of a Chinese text as spans, and which lines are headlines (short lines without a full stop)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zonewatch.extract.text import trim
from zonewatch.model import Span

# a sentence ends at a full stop, question/exclamation mark, semicolon, an ellipsis, or the line's end
_END = re.compile(r"[。！？!?；;]+[”’」』)]*|……|\.{3,}")
HEADLINE_MAX = 60


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    headline: bool  # a title-like line: short and without a full stop


def split_sentences(text: str, shadow: str) -> list[Sentence]:
    """Sentence spans, never crossing a line break.

    >>> t = "标题一行\\n甲。乙;丙"
    >>> [(t[s.span.start:s.span.end], s.headline) for s in split_sentences(t, t)]
    [('标题一行', True), ('甲。', False), ('乙;', False), ('丙', False)]
    """
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", shadow):
        body = line.group()
        headline = len(body.strip()) <= HEADLINE_MAX and not re.search(r"[。!?！？]", body) and "," not in body
        cursor = line.start()
        for m in _END.finditer(body):
            cut = line.start() + m.end()
            s, e = trim(text, cursor, cut)
            if e > s:
                out.append(Sentence(Span(s, e), headline))
            cursor = cut
        s, e = trim(text, cursor, line.end())
        if e > s:
            out.append(Sentence(Span(s, e), headline))
    return out
