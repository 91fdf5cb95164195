"""Pattern scans that jump between literal openers instead of trying a pattern at every character.

Python's regex engine skips quickly to where a pattern can start only when the pattern begins with a literal
or one character class. A pattern that begins with a long alternation of words ("january|february|...",
"one|two|three|...") is tried at every position whose first letter fits, which on English text is most of
them. When every match must begin with one of a few literal strings, ``str.find`` locates those (a C loop over
the bytes), and the pattern is tried only there: the matches are exactly ``pattern.finditer``'s.

>>> import re
>>> p = re.compile(r"(?:may|june)\\s+\\d+")
>>> [m.group() for m in finditer_from(p, ("may", "june"), "may 5, or june 6 and may 7")]
['may 5', 'june 6', 'may 7']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def openers(words: Iterable[str]) -> tuple[str, ...]:
    """The words of ``words`` that no other one begins ("six", not "sixteen"): one ``find`` covers both.

    >>> openers(["six", "sixteen", "sixty", "ten"])
    ('six', 'ten')
    """
    unique = sorted(set(words))
    return tuple(w for w in unique if not any(w != o and w.startswith(o) for o in unique))


def opener_positions(text: str, openers: Iterable[str], start: int = 0, end: int | None = None) -> list[int]:
    """Every position in ``[start, end)`` where one of ``openers`` begins, sorted, without repeats."""
    end = len(text) if end is None else end
    found: set[int] = set()
    for word in openers:
        at = text.find(word, start, end)
        while at >= 0:
            found.add(at)
            at = text.find(word, at + 1, end)
    return sorted(found)


def finditer_from(
    pattern: re.Pattern[str], openers: Iterable[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)`` for a pattern whose every match begins with one of ``openers``.

    The pattern must not look behind its start (no look-behind, ``\\b`` or ``^`` before its first character):
    it is matched at each opener with ``pattern.match``, keeping finditer's rule that a match starts at or after
    the end of the one before. (No pattern used here matches the empty string.)
    """
    end = len(text) if end is None else end
    return finditer_at(pattern, opener_positions(text, openers, start, end), text, end)


def finditer_at(pattern: re.Pattern[str], positions: list[int], text: str, end: int) -> Iterator[re.Match[str]]:
    """``finditer_from`` over opener positions found already (sorted; two patterns with the same openers share them)."""
    cursor = 0
    for at in positions:
        if at < cursor:
            continue
        m = pattern.match(text, at, end)
        if m is not None:
            yield m
            cursor = m.end()
