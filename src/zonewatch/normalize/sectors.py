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
from functools import cache
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

# What a text says, summed up: hits per sector, and the first type hit ((offset, type index) or None).
_Summary = tuple[dict[int, int], tuple[int, int] | None]
# What one word starts, whatever follows it: (sector hits, type hits) of its one-word keywords, and the
# keywords of several words that begin with it (kind 0 = sector, 1 = type), checked against the next words.
_Plan = tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, _Keyword], ...]]
_NOTHING: _Plan = ((), (), ())
_PLANS_MAX = 50_000  # distinct words remembered; the memo is dropped and rebuilt past that (unbounded input)


class _Matcher:
    """The sector and the type keywords together, indexed by their first token for one pass over the text.

    A word's one-word keyword hits depend on the word alone, so they are worked out once per distinct
    word and remembered (``_plans``): a text costs one dict look-up per word, most of which find nothing.
    """

    def __init__(self, sectors: tuple[Category, ...], types: tuple[Category, ...]) -> None:
        self.by_first: dict[str, list[tuple[int, _Keyword]]] = {}
        self.by_prefix: dict[str, list[tuple[int, _Keyword]]] = {}
        # Chinese keywords by their first character: only those whose first character the text has are searched
        self.zh: dict[str, list[tuple[str, int, int]]] = {}
        for kind, categories in enumerate((sectors, types)):
            for index, cat in enumerate(categories):
                for word in cat.words:
                    stem = word.rstrip("*")
                    exact = stem.isupper() or any(c.isdigit() for c in stem)
                    tokens = tuple(t if exact else t.casefold() for t in stem.split())
                    kw = _Keyword(tokens, word.endswith("*"), exact, index)
                    if kw.prefix and len(tokens) == 1:
                        self.by_prefix.setdefault(tokens[0][:3].casefold(), []).append((kind, kw))
                    else:
                        self.by_first.setdefault(tokens[0].casefold(), []).append((kind, kw))
                for w in cat.zh_words:
                    self.zh.setdefault(w[0], []).append((w, kind, index))
        self._plans: dict[str, _Plan] = {}

    def _plan(self, raw: str) -> _Plan:
        token = raw.casefold()
        hits: tuple[list[int], list[int]] = ([], [])
        longer: list[tuple[int, _Keyword]] = []
        for kind, kw in self.by_first.get(token, ()):
            if len(kw.tokens) > 1:
                longer.append((kind, kw))
            elif (raw if kw.exact_case else token) == kw.tokens[0]:
                hits[kind].append(kw.category)
        for kind, kw in self.by_prefix.get(token[:3], ()):
            if (raw if kw.exact_case else token).startswith(kw.tokens[0]):
                hits[kind].append(kw.category)
        if "-" in token:  # "5G-based" is about 5G; the head of a compound counts, its tail does not
            head, head_raw = token.split("-")[0], raw.split("-")[0]
            for kind, kw in self.by_first.get(head, ()):
                if len(kw.tokens) == 1 and not kw.prefix and (head_raw if kw.exact_case else head) == kw.tokens[0]:
                    hits[kind].append(kw.category)
        if not (hits[0] or hits[1] or longer):
            return _NOTHING
        return tuple(hits[0]), tuple(hits[1]), tuple(longer)

    def summary(self, text: str) -> _Summary:
        """Hits per sector in ``text``, and its first type hit as (offset, type index), or None."""
        counts: dict[int, int] = {}
        first: tuple[int, int] | None = None
        if not text:
            return counts, first
        plans = self._plans
        if len(plans) >= _PLANS_MAX:
            plans.clear()
        words = _TOKEN.findall(text)
        folded: list[str] | None = None
        first_word = -1  # the index of the first word with a type hit, and that type
        first_type = 0
        for i, raw in enumerate(words):
            plan = plans.get(raw)
            if plan is None:
                plan = plans[raw] = self._plan(raw)
            if plan is _NOTHING:
                continue
            sector_hits, type_hits, longer = plan
            for index in sector_hits:
                counts[index] = counts.get(index, 0) + 1
            found_types = list(type_hits)
            if longer:
                if folded is None:
                    folded = [w.casefold() for w in words]
                for kind, kw in longer:
                    if _at(kw, words, folded, i):
                        if kind == 0:
                            counts[kw.category] = counts.get(kw.category, 0) + 1
                        else:
                            found_types.append(kw.category)
            if found_types and first_word < 0:
                first_word, first_type = i, min(found_types)
        if first_word >= 0:
            m = next(m for j, m in enumerate(_TOKEN.finditer(text)) if j == first_word)
            first = (m.start(), first_type)
        # most keywords' first character is not in the text at all: only the others are searched (the order
        # does not matter: counts are summed and the first type hit is the least (offset, type))
        for c in set(text).intersection(self.zh):
            keywords = self.zh[c]
            # a sector counts every (non-overlapping) occurrence; a type needs its first one only
            for word, kind, index in keywords:
                if kind == 0:
                    n = text.count(word)
                    if n:
                        counts[index] = counts.get(index, 0) + n
                else:
                    at = text.find(word)
                    if at >= 0 and (first is None or (at, index) < first):
                        first = (at, index)
        return counts, first


def _at(kw: _Keyword, raw: list[str], folded: list[str], i: int) -> bool:
    """Whether the keyword of several words ``kw`` is at word ``i``."""
    n = len(kw.tokens)
    if i + n > len(raw):
        return False
    words = tuple(raw[i : i + n] if kw.exact_case else folded[i : i + n])
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
def _matcher() -> _Matcher:
    return _Matcher(*taxonomy())


def _summary(text: str) -> _Summary:
    return _matcher().summary(text)


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
    sectors, kind = project.sectors or sectors, project.project_type or kind
    if sectors == project.sectors and kind == project.project_type:
        return project  # nothing to add: no copy
    return replace(project, sectors=sectors, project_type=kind)


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
