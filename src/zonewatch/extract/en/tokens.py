"""The words of one English document, found once and shared by every sentence that reads them.

Names are read word by word. Tokenising each sentence on its own costs a match object, a Python tuple and
three method calls per word; here the whole text is split once by the token pattern (``re.split`` with a
group: the words and the gaps between them as plain strings, no match objects) and the offsets are the running
sum of their lengths, so a sentence's words are a slice of three parallel lists found with ``bisect``.

>>> t = Tokens.of("Tencent signed. Chengdu Hi-Tech Zone agreed.")
>>> t.words
['Tencent', 'signed', '.', 'Chengdu', 'Hi-Tech', 'Zone', 'agreed', '.']
>>> t.within(16, 45), t.heads
((3, 8), [0, 3, 4, 5])
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import not_

# A word (letters and digits, with inner apostrophes, hyphens, points and ampersands) or one other
# non-space character. No anchors and no look-behind: scanning a slice (pos/endpos) gives the same tokens.
TOKEN = re.compile(r"[^\W_](?:[\w’'\-.&]*[^\W_])?|[^\w\s]")
# The same tokens as one group, for re.split. (The word ends at its last letter or digit: a look-behind after
# the greedy run says so with less backtracking than TOKEN's optional group.)
_SPLIT = re.compile(r"([^\W_][\w’'\-.&]*(?<![’'\-.&_])|[^\w\s])")


@dataclass(frozen=True, slots=True)
class Tokens:
    """Parallel lists over the tokens of a text: ``starts[i]``, ``ends[i]``, ``words[i]``.

    ``heads`` are the indices of the tokens that can open a name: a word with a cased first character that is
    not lower case throughout ("Tencent", "CDHT", "iQiyi"; not "signed", "2021" or "(").
    """

    starts: list[int]
    ends: list[int]
    words: list[str]
    heads: list[int]
    capitalised: frozenset[int]  # the heads again, for "is this token capitalised?"

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> Tokens:
        """The tokens of ``text[start:end]`` (offsets into ``text``)."""
        # [gap, word, gap, word, ..., gap]: only white space and "_" fall between tokens
        parts = _SPLIT.split(text[start:end] if start or end is not None else text)
        offsets = list(accumulate(map(len, parts), initial=start))
        words = parts[1::2]
        # a lower-case word never opens a name; of the rest, one does when its first character has a case
        maybe = compress(range(len(words)), map(not_, map(str.islower, words)))
        heads = [k for k in maybe if words[k][0].isupper() or words[k][0].islower()]
        return cls(offsets[1:-1:2], offsets[2::2], words, heads, frozenset(heads))

    def within(self, start: int, end: int) -> tuple[int, int] | None:
        """The token index range ``[lo, hi)`` of ``text[start:end]``, or None when a token crosses either end
        (the text cut inside a word, e.g. an over-long sentence): then the stretch must be tokenised alone."""
        starts = self.starts
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end, lo)
        if (lo > 0 and self.ends[lo - 1] > start) or (hi > lo and self.ends[hi - 1] > end):
            return None
        return lo, hi


# A word written in lower case: letters and inner hyphens, not the tail of a longer word ("it's" gives "it").
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z-]+\b")


class LowerWords:
    """Whether the document writes a word in lower case: ``w in LowerWords(text)`` is
    ``w in frozenset(LOWER_WORD.findall(text))``, answered when asked.

    Only a few words are ever asked about (a capitalised word alone at the start of a sentence), so each is
    looked for with ``str.find`` and checked with the pattern where it occurs, instead of listing every lower-case
    word of the text (a scan that stops at every letter). A word that occurs very often, on a hostile input,
    gets the whole list instead, so the cost stays linear in the text.

    >>> w = LowerWords("Development zones: the development of well-known parks")
    >>> "development" in w, "well" in w, "well-known" in w, "zones" in w, "Development" in w
    (True, False, True, True, False)
    """

    __slots__ = ("_all", "_memo", "_text")
    _MAX_TRIES = 64  # occurrences looked at per word before listing every lower-case word once

    def __init__(self, text: str) -> None:
        self._text = text
        self._memo: dict[str, bool] = {}
        self._all: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if self._all is not None:
            return word in self._all
        found = self._memo.get(word)
        if found is None:
            found = self._memo[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        text = self._text
        at = text.find(word) if word else -1
        tries = 0
        while at >= 0:
            # the pattern cannot start inside another match (the letter before would fail the look-behind), so
            # the word is in the list exactly when the pattern, started where the word is, matches just it
            m = LOWER_WORD.match(text, at)
            if m is not None and m.end() == at + len(word):
                return True
            tries += 1
            if tries >= self._MAX_TRIES:
                self._all = frozenset(LOWER_WORD.findall(text))
                return word in self._all
            at = text.find(word, at + 1)
        return False
