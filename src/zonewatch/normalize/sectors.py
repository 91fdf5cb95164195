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
    """A sector or a project type: its id, labels, and one compiled pattern over all its keywords."""

    id: str
    en: str
    zh: str
    pattern: re.Pattern[str]


def _compile(words: list[str], zh_words: list[str]) -> re.Pattern[str]:
    parts = []
    for w in words:
        stem = w.rstrip("*")
        body = re.escape(stem).replace(r"\ ", r"[\s-]+") + (r"\w*" if w.endswith("*") else "")
        flags = "" if stem.isupper() or any(c.isdigit() for c in stem) else "(?i:"
        core = f"{flags}{body})" if flags else body
        parts.append(rf"(?<![\w&-]){core}(?![\w&])")
    parts += [re.escape(w) for w in zh_words]
    return re.compile("|".join(parts))


@cache
def taxonomy() -> tuple[tuple[Category, ...], tuple[Category, ...]]:
    """(sectors, types) in the order of the data file."""
    data = tomllib.loads(resources.files("zonewatch.data").joinpath("sectors.toml").read_text(encoding="utf-8"))

    def load(rows: list[dict[str, Any]]) -> tuple[Category, ...]:
        return tuple(
            Category(
                str(r["id"]),
                str(r["en"]),
                str(r["zh"]),
                _compile(list(r.get("words", [])), list(r.get("zh_words", []))),
            )
            for r in rows
        )

    return load(data["sector"]), load(data["type"])


def classify_text(description: str, sentences: str) -> tuple[tuple[str, ...], str | None]:
    """Sector ids (strongest first) and a type id for a project described by these texts."""
    sectors, types = taxonomy()
    scores: dict[str, int] = {}
    for cat in sectors:
        score = 2 * len(cat.pattern.findall(description)) + len(cat.pattern.findall(sentences))
        if score:
            scores[cat.id] = score
    order = {c.id: i for i, c in enumerate(sectors)}
    ranked = sorted(scores, key=lambda s: (-scores[s], order[s]))[:MAX_SECTORS]
    kind = None
    for text in (description, sentences):
        hits = [(m.start(), i, cat.id) for i, cat in enumerate(types) for m in [cat.pattern.search(text)] if m]
        if hits:
            kind = min(hits)[2]
            break
    return tuple(ranked), kind


def _classify(extraction: Extraction, project: Project) -> Project:
    text = extraction.document.text
    description = project.project.name if project.project else ""
    sentences = "\n".join(span.slice(text) for span in project.evidence)
    sectors, kind = classify_text(description, sentences)
    return replace(project, sectors=project.sectors or sectors, project_type=project.project_type or kind)


def classify(extraction: Extraction) -> Extraction:
    """Pipeline component: fill ``Project.sectors`` and ``Project.project_type`` from the taxonomy."""
    return replace(extraction, projects=tuple(_classify(extraction, p) for p in extraction.projects))


def label(category_id: str, language: str = "en") -> str | None:
    """The label of a sector or type id in English or Chinese, or None for an unknown id."""
    sectors, types = taxonomy()
    for cat in (*sectors, *types):
        if cat.id == category_id:
            return cat.zh if language == "zh" else cat.en
    return None
