"""Stretches of text around anchor characters: the only places a pattern that needs one can match.

Python's regex engine tries a pattern at every position of the text unless the pattern starts with a fixed
character or class it can skip ahead to in C; a pattern starting with a look-behind or a number ("8月20日")
costs the full attempt at every one of an article's thousand characters. Yet every date holds 年, 月, 日 or
号 and every amount a currency word, a few of them per article: matching only near those is what made
extraction fast.

Running a pattern over the windows finds exactly what it finds over the whole text when (1) every match
holds an anchor at most ``before`` characters after the match's start, and (2) the pattern reads (look-aheads
included) at most ``after`` characters past the end of that anchor. Look-behinds still see the text before a
window: ``pattern.finditer(text, pos, endpos)`` looks behind ``pos``, and only ``endpos`` cuts the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a pattern cannot match without (``pattern``), at most ``before`` characters after the match's start,
    with at most ``after`` characters read past it."""

    pattern: re.Pattern[str]
    before: int
    after: int

    def around(self, text: str) -> list[tuple[int, int]]:
        """The stretches ``[start - before, end + after)`` around each anchor, overlapping ones merged.

        >>> Anchor(re.compile("月"), 3, 3).around("2020年8月20日和9月1日")
        [(3, 16)]
        """
        spans: list[tuple[int, int]] = []
        for m in self.pattern.finditer(text):
            lo, hi = max(0, m.start() - self.before), m.end() + self.after
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
        return spans


def finditer(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only inside ``windows`` (from :meth:`Anchor.around`)."""
    for lo, hi in windows:
        yield from pattern.finditer(text, lo, hi)


def finditer_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose (never empty) matches can only start at ``starts``
    (ascending): one of a fixed length ending in a given character is tried only that far before each.

    >>> [m.group() for m in finditer_from(re.compile(r"(?<=,)[^,]+"), "a,bc,d", [2, 5])]
    ['bc', 'd']
    """
    pos = 0
    for start in starts:
        if start >= pos and (m := pattern.match(text, start)):
            pos = m.end()
            yield m
