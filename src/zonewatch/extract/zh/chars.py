"""A same-length "shadow" of a Chinese text that the patterns match against.

Full-width ASCII (１２３，（）：) becomes half-width and traditional characters become simplified, one
code point for one code point, so every offset found in the shadow is also an offset into the original
text: ``len(shadow(t)) == len(t)`` always, and spans slice the original to give the text as written.
"""

from __future__ import annotations

from functools import cache

from zonewatch.extract.zh.lexicon import data_path


@cache
def _table() -> dict[int, int]:
    table: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = 0x20  # ideographic space
    for line in data_path("t2s.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for pair in line.split():
            if len(pair) == 2 and pair[0] != pair[1]:
                table[ord(pair[0])] = ord(pair[1])
    return table


def shadow(text: str) -> str:
    """The text with full-width ASCII made half-width and traditional characters simplified, same length.

    >>> shadow("總投資１２億元（約）")
    '总投资12亿元(约)'
    >>> len(shadow("簽約　５個項目")) == len("簽約　５個項目")
    True
    """
    return text.translate(_table())
