"""Walking left from a name's ending to where the name starts, on the shadow text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from zonewatch.extract.language import is_cjk
from zonewatch.extract.zh.lexicon import alternation

_NAME_PUNCT = "()·&"
_BOUNDARY = re.compile(r"[\s,.;:!?，。；：、！？“”\"'‘’《》<>【】\[\]|/—…-]")


# the characters of a name outside brackets: CJK, "·" and "&" (and ASCII letters and digits when ``latin``), the
# characters _BOUNDARY does not hold and is_cjk accepts
_CJK = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_RUN = re.compile(f"[{_CJK}·&]*")
_LATIN_RUN = re.compile(f"[{_CJK}·&A-Za-z0-9]*")


class Stops:
    """The words a name never crosses walking left ("与", "的", "签约"), kept with what finds them fast: the words
    written backwards as one pattern, and the words of each length. A stop word at the end of one of the
    ``inside`` words is none: "据" stops "据华为公司介绍" but not "中科宏数据科技有限公司"."""

    __slots__ = ("backwards", "by_length", "inside", "longest", "words")

    def __init__(self, words: Iterable[str], inside: Iterable[str] = ()) -> None:
        self.words = tuple(words)
        # in the reversed text, the first stop word found is the one ending nearest the name's end
        self.backwards = re.compile(alternation([w[::-1] for w in self.words]) if self.words else "(?!)")
        self.longest = max((len(w) for w in self.words), default=1)
        lengths = sorted({len(w) for w in self.words})
        self.by_length = tuple((n, frozenset(w for w in self.words if len(w) == n)) for n in lengths)
        self.inside: dict[str, tuple[str, ...]] = {}
        for word in inside:
            for w in self.words:
                if word.endswith(w) and word != w:
                    self.inside[w] = (*self.inside.get(w, ()), word)

    def end_at(self, text: str, pos: int) -> bool:
        """Whether a stop word ends at ``pos``."""
        return any(
            pos >= n and (w := text[pos - n : pos]) in words and not self.within(text, pos, w)
            for n, words in self.by_length
        )

    def within(self, text: str, pos: int, word: str) -> bool:
        """Whether the stop ``word`` ending at ``pos`` ends one of the ``inside`` words there."""
        return any(text.endswith(w, 0, pos) for w in self.inside.get(word, ()))


def walk_left(shadow: str, end: int, stops: Stops, max_len: int, latin: bool = False) -> int:
    """The start of the name that ends at ``end``: the longest run of name characters before it,
    stopping at punctuation, at a stop word (``stops``) or after ``max_len`` characters.

    >>> walk_left("拥有的深圳宝德集团", 7, Stops(["的"]), 12)
    3
    """
    lo = max(0, end - max_len)
    if shadow.find(")", lo, end) >= 0:  # a bracket to walk through: "广东欧珀(OPPO)"
        return walk_left_by_character(shadow, end, stops, max_len, latin)
    # Without a closing bracket the walk is: the run of name characters before ``end`` (read backwards from the
    # reversed text; "(" ends it), cut at the last stop word ending inside it, after its first character.
    run = (_LATIN_RUN if latin else _RUN).match(shadow[lo:end][::-1])
    start = end - (run.end() if run else 0)  # (a run may be empty: the pattern always matches)
    if start < end:
        back = shadow[max(0, start - stops.longest + 1) : end][::-1]
        stop = stops.backwards.search(back, 0, end - start - 1 + stops.longest)
        while stop is not None and stop.start() < end - start:
            if not stops.within(shadow, end - stop.start(), stop.group()[::-1]):
                return end - stop.start()
            stop = stops.backwards.search(back, stop.start() + 1, end - start - 1 + stops.longest)
    return start


def walk_left_by_character(shadow: str, end: int, stops: Stops, max_len: int, latin: bool = False) -> int:
    """:func:`walk_left` one character at a time, through brackets (what is inside is not checked)."""
    pos = end
    depth = 0
    while pos > 0 and end - pos < max_len:
        ch = shadow[pos - 1]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0:
            if _BOUNDARY.match(ch) or not (
                is_cjk(ch) or ch in _NAME_PUNCT or (latin and ch.isascii() and ch.isalnum())
            ):
                break
            if stops.end_at(shadow, pos):
                break
        pos -= 1
    if depth:  # an unclosed bracket: the name starts after it
        pos = shadow.index(")", pos) + 1 if ")" in shadow[pos:end] else pos
    return pos


def longest_first(cands: list[tuple[int, int, str]], size: int) -> list[tuple[int, int, str]]:
    """Non-overlapping candidates ``(start, end, tag)``, longer ones winning, returned in text order.

    >>> longest_first([(0, 2, "a"), (0, 5, "b"), (5, 6, "c")], 6)
    [(0, 5, 'b'), (5, 6, 'c')]
    """
    taken = bytearray(size + 1)
    kept = []
    for c in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if not any(taken[c[0] : c[1]]):
            taken[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            kept.append(c)
    return sorted(kept)


def leftmost_longest(
    text: str, words: Iterable[str], extend: Callable[[int], int] | None = None
) -> list[tuple[int, int]]:
    """What ``re.finditer(alternation(words) + tail, text)`` finds, without compiling a pattern per document:
    from left to right, the longest word at the leftmost position (its end moved on by ``extend``, the tail),
    then on after it.

    >>> leftmost_longest("京信通信京信的京信通信系统", ["京信", "京信通信"])
    [(0, 4), (4, 6), (7, 11)]
    """
    found = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            found.append((i, -len(w)))
            i = text.find(w, i + 1)
    out, pos = [], 0
    for start, negative_length in sorted(found):
        if start >= pos:
            pos = start - negative_length
            if extend is not None:
                pos = extend(pos)
            out.append((start, pos))
    return out
