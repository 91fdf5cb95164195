"""Sectors and project types from a taxonomy kept as data (``data/sectors.toml``), in English and Chinese.

A project's text is its description (``Project.project``) and its evidence sentences. Sectors: every
sector with a keyword there, scored (a hit in the description counts twice), strongest first, at most
``MAX_SECTORS``. Type: the type whose keyword comes first in the description, else in the sentences
("a cultural and creative headquarter, a research and development center" is a headquarters).
English keywords match on word boundaries ("port" is not in "support"); all-capital ones ("AI", "EV")
match case-sensitively; Chinese ones as substrings.

>>> classify_text("Tencent will build a games and e-sports headquarters", "")
(('digital_culture',), 'headquarters')
>>> classify_text("", "新建年产10万吨锂电池材料生产基地")
(('new_energy_vehicles', 'energy_materials'), 'manufacturing_base')
>>> classify_text("a plot of land", "")
((), None)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from zonewatch.model import Extraction, Project

MAX_SECTORS = 3


@dataclass(frozen=True, slots=True)
class Category:
    """A sector or a project type: its id, labels and keywords."""

    id: str
    en: str
    zh: str
    words: tuple[str, ...]
    zh_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Keyword:
    tokens: tuple[str, ...]  # casefolded unless case-sensitive
    prefix: bool  # the last token may have any ending ("semiconductor*")
    exact_case: bool  # all-capital acronyms: "AI" is not "ai"
    category: int


# Words as the keywords see them: hyphenated and "R&D"-like compounds stay one token, so "sports" is
# not found in "e-sports" and "port" not in "support".
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[&'’-][A-Za-z0-9]+)*")


# The sector and the type keywords read the same texts (and projects of one sentence share it): split once.
@lru_cache(maxsize=64)
def _words(text: str) -> tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
    """Offsets, words as written and casefolded words of ``text``."""
    matches = list(_TOKEN.finditer(text))
    raw = tuple(m.group() for m in matches)
    return tuple(m.start() for m in matches), raw, tuple(t.casefold() for t in raw)


class _Matcher:
    """All keywords of a list of categories, indexed by their first token for one pass over the text."""

    def __init__(self, categories: tuple[Category, ...]) -> None:
        self.by_first: dict[str, list[_Keyword]] = {}
        self.by_prefix: dict[str, list[_Keyword]] = {}
        self.zh: list[tuple[str, int]] = []
        for index, cat in enumerate(categories):
            for word in cat.words:
                stem = word.rstrip("*")
                exact = stem.isupper() or any(c.isdigit() for c in stem)
                tokens = tuple(t if exact else t.casefold() for t in stem.split())
                kw = _Keyword(tokens, word.endswith("*"), exact, index)
                if kw.prefix and len(tokens) == 1:
                    self.by_prefix.setdefault(tokens[0][:3].casefold(), []).append(kw)
                else:
                    self.by_first.setdefault(tokens[0].casefold(), []).append(kw)
            self.zh.extend((w, index) for w in cat.zh_words)

    def hits(self, text: str) -> list[tuple[int, int]]:
        """(category index, character offset) of every keyword occurrence in ``text``."""
        found: list[tuple[int, int]] = []
        if not text:
            return found
        starts, raw, folded = _words(text)
        for i, token in enumerate(folded):
            for kw in self.by_first.get(token, ()):
                if self._at(kw, raw, folded, i):
                    found.append((kw.category, starts[i]))
            for kw in self.by_prefix.get(token[:3], ()):
                word = raw[i] if kw.exact_case else token
                if word.startswith(kw.tokens[0]):
                    found.append((kw.category, starts[i]))
            if "-" in token:  # "5G-based" is about 5G; the head of a compound counts, its tail does not
                head, head_raw = token.split("-")[0], raw[i].split("-")[0]
                for kw in self.by_first.get(head, ()):
                    if len(kw.tokens) == 1 and not kw.prefix and (head_raw if kw.exact_case else head) == kw.tokens[0]:
                        found.append((kw.category, starts[i]))
        chars = set(text)  # most keywords' first character is not in the text at all: skip their search
        for word, index in self.zh:
            if word[0] not in chars:
                continue
            at = text.find(word)
            while at >= 0:
                found.append((index, at))
                at = text.find(word, at + len(word))
        return found

    @staticmethod
    def _at(kw: _Keyword, raw: tuple[str, ...], folded: tuple[str, ...], i: int) -> bool:
        n = len(kw.tokens)
        if i + n > len(raw):
            return False
        words = raw[i : i + n] if kw.exact_case else folded[i : i + n]
        if kw.prefix:
            return words[:-1] == kw.tokens[:-1] and words[-1].startswith(kw.tokens[-1])
        return words == kw.tokens


@cache
def taxonomy() -> tuple[tuple[Category, ...], tuple[Category, ...]]:
    """(sectors, types) in the order of the data file."""
    data = tomllib.loads(resources.files("zonewatch.data").joinpath("sectors.toml").read_text(encoding="utf-8"))

    def load(rows: list[dict[str, Any]]) -> tuple[Category, ...]:
        return tuple(
            Category(str(r["id"]), str(r["en"]), str(r["zh"]), tuple(r.get("words", [])), tuple(r.get("zh_words", [])))
            for r in rows
        )

    return load(data["sector"]), load(data["type"])


@cache
def _matchers() -> tuple[_Matcher, _Matcher]:
    sectors, types = taxonomy()
    return _Matcher(sectors), _Matcher(types)


# What a text says, summed up: hits per sector, and the first type hit ((offset, type index) or None).
_Summary = tuple[dict[int, int], tuple[int, int] | None]


def _summary(text: str) -> _Summary:
    sector_matcher, type_matcher = _matchers()
    counts: dict[int, int] = {}
    for index, _ in sector_matcher.hits(text):
        counts[index] = counts.get(index, 0) + 1
    first = min(((at, index) for index, at in type_matcher.hits(text)), default=None)
    return counts, first


def _rank(description: _Summary, sentences: _Summary) -> tuple[tuple[str, ...], str | None]:
    sectors, types = taxonomy()
    scores: dict[int, int] = {}
    for (counts, _), weight in ((description, 2), (sentences, 1)):
        for index, count in counts.items():
            scores[index] = scores.get(index, 0) + weight * count
    ranked = sorted(scores, key=lambda i: (-scores[i], i))[:MAX_SECTORS]
    first = description[1] or sentences[1]
    return tuple(sectors[i].id for i in ranked), types[first[1]].id if first else None


def classify_text(description: str, sentences: str) -> tuple[tuple[str, ...], str | None]:
    """Sector ids (strongest first) and a type id for a project described by these texts."""
    return _rank(_summary(description), _summary(sentences))


def _classify(extraction: Extraction, project: Project, memo: dict[tuple[tuple[int, int], ...], _Summary]) -> Project:
    text = extraction.document.text
    description = project.project.name if project.project else ""
    # Projects of one sentence share their evidence: its text is joined and read once per document, not once
    # per project (a line of 2,000 amounts is 2,000 projects over one sentence: quadratic otherwise).
    key = tuple((span.start, span.end) for span in project.evidence)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _summary("\n".join(span.slice(text) for span in project.evidence))
    sectors, kind = _rank(_summary(description), found)
    return replace(project, sectors=project.sectors or sectors, project_type=project.project_type or kind)


def classify(extraction: Extraction) -> Extraction:
    """Pipeline component: fill ``Project.sectors`` and ``Project.project_type`` from the taxonomy."""
    memo: dict[tuple[tuple[int, int], ...], _Summary] = {}
    return replace(extraction, projects=tuple(_classify(extraction, p, memo) for p in extraction.projects))


def label(category_id: str, language: str = "en") -> str | None:
    """The label of a sector or type id in English or Chinese, or None for an unknown id."""
    sectors, types = taxonomy()
    for cat in (*sectors, *types):
        if cat.id == category_id:
            return cat.zh if language == "zh" else cat.en
    return None
