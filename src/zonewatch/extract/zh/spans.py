"""Walking left from a name's ending to where the name starts, on the shadow text."""

from __future__ import annotations

import re

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
            if any(shadow.startswith(w, pos - len(w)) for w in stops):
                break
        pos -= 1
    if depth:  # an unclosed bracket: the name starts after it
        pos = shadow.index(")", pos) + 1 if ")" in shadow[pos:end] else pos
    return pos
