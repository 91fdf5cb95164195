"""The Chinese extractor's word lists (``zonewatch/data/zh``), loaded once and kept as frozen data."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).resolve().parents[2] / "data" / "zh"


def data_path(name: str) -> Path:
    return _DATA / name


def _words(name: str) -> frozenset[str]:
    words: set[str] = set()
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def alternation(words: list[str] | frozenset[str] | tuple[str, ...]) -> str:
    """A regex alternation trying longer words first (so 超过 wins over 超).

    >>> alternation(["超", "超过"])
    '超过|超'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def trie(words: list[str] | frozenset[str] | tuple[str, ...]) -> str:
    """What :func:`alternation` matches (at each position the longest word), as a pattern that shares prefixes:
    Python's regex engine tries a plain alternation's words one by one at every candidate position (hundreds of
    places), a trie only the words going on from the characters read.

    >>> trie(["成都", "成都市", "德阳"])
    '(?:德阳|成都(?:市)?)'
    """
    root: dict[str, Any] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group  # a longer word first, then the one ending here

    return emit(root)  # (no words: "", as alternation gives)


def longest_suffix(text: str, words: tuple[str, ...]) -> str | None:
    """The longest word of ``words`` (sorted longest first) that ``text`` ends with."""
    for w in words:
        if text.endswith(w):
            return w
    return None


def _by_length(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True, slots=True)
class Lexicon:
    raw: dict[str, Any]
    places: frozenset[str]
    companies: frozenset[str]

    def words(self, section: str, key: str) -> tuple[str, ...]:
        """A list from cues.toml, longest word first."""
        return _cached_words(section, key)

    def table(self, section: str, key: str) -> dict[str, str]:
        return dict(self.raw[section][key])

    def text(self, section: str, key: str) -> str:
        return str(self.raw[section][key])


@cache
def _cached_words(section: str, key: str) -> tuple[str, ...]:
    return _by_length(lexicon().raw[section][key])


@cache
def lexicon() -> Lexicon:
    raw = tomllib.loads(data_path("cues.toml").read_text(encoding="utf-8"))
    return Lexicon(raw=raw, places=_words("places.txt"), companies=_words("companies.txt"))
