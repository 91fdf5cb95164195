"""Walking left from a name's ending to where the name starts, on the shadow text."""

from __future__ import annotations

import re
from functools import cache

from zonewatch.extract.language import is_cjk

_NAME_PUNCT = "()·&"
_BOUNDARY = re.compile(r"[\s,.;:!?，。；：、！？“”\"'‘’《》<>【】\[\]|/—…-]")


def walk_left(shadow: str, end: int, stops: tuple[str, ...], max_len: int, latin: bool = False) -> int:
    """The start of the name that ends at ``end``: the longest run of name characters before it,
    stopping at punctuation, at a stop word (``stops``, longest first) or after ``max_len`` characters.

    >>> walk_left("拥有的深圳宝德集团", 7, ("的",), 12)
    3
    """
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
            if _ends_with_stop(shadow, pos, stops):
                break
        pos -= 1
    if depth:  # an unclosed bracket: the name starts after it
        pos = shadow.index(")", pos) + 1 if ")" in shadow[pos:end] else pos
    return pos


@cache
def _by_length(stops: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    lengths = sorted({len(w) for w in stops})
    return tuple((n, frozenset(w for w in stops if len(w) == n)) for n in lengths)


def _ends_with_stop(shadow: str, pos: int, stops: tuple[str, ...]) -> bool:
    return any(pos >= n and shadow[pos - n : pos] in words for n, words in _by_length(stops))


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
