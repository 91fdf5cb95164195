"""English word lists, read once at import from ``zonewatch/data/en`` (data, not code)."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files("zonewatch").joinpath("data", "en", name).read_text(encoding="utf-8")


@cache
def toml(name: str) -> dict[str, Any]:
    """A TOML file of ``data/en`` as a dict (cached: read once per process)."""
    return tomllib.loads(_read(name))


@cache
def lines(name: str) -> tuple[str, ...]:
    """The non-blank, non-comment lines of a text file of ``data/en``."""
    out = []
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def alternation(words: list[str] | tuple[str, ...] | Any) -> str:
    """A regex alternation of literal words, longest first (so "more than" beats "more")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


CURRENCIES = toml("currencies.toml")
CUES = toml("cues.toml")
NUMBER_WORDS: dict[str, int] = {**toml("number_words.toml")["units"], **toml("number_words.toml")["tens"]}
SCALES: dict[str, Decimal] = {k.lower(): Decimal(v) for k, v in CURRENCIES["scales"].items()}
