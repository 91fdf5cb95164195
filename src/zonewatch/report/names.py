"""Names as a roundup prints them: the alias table's name in the roundup's language, a zone's parks,
sector names in Chinese. Unknown names are printed as the ledger has them.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


def _resolve(name: str, kind: str | None) -> Any:
    try:
        from zonewatch.normalize.names import resolve
    except ImportError:  # normalization not installed: names stay as written
        return None
    try:
        return resolve(name, kind)
    except Exception:  # a broken alias entry must not stop a report; the name as written is still right
        return None


def display(name: str, lang: str, kind: str | None = None) -> str:
    """``腾讯`` for Tencent in a Chinese roundup, ``Tencent`` in an English one; the name itself when unknown."""
    entity = _resolve(name, kind)
    if entity is None:
        return name
    return str(entity.display(lang))


def parks(zone: str, lang: str) -> tuple[str, ...]:
    """The places inside ``zone`` (any alias), in the roundup's language, in the alias table's order."""
    entity = _resolve(zone, "place")
    if entity is None:
        return ()
    try:
        from zonewatch.normalize.names import descendants
    except ImportError:
        return ()
    return tuple(dict.fromkeys(str(e.display(lang)) for e in descendants(entity.canonical)))


@cache
def _sector_labels() -> dict[str, dict[str, str]]:
    """Sector id (and English label, case-folded) -> {"en": label, "zh": label}, from the taxonomy's data file."""
    try:
        text = resources.files("zonewatch.data").joinpath("sectors.toml").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    labels: dict[str, dict[str, str]] = {}
    for row in tomllib.loads(text).get("sector", []):
        names = {"en": str(row.get("en") or row["id"]), "zh": str(row.get("zh") or row.get("en") or row["id"])}
        labels[str(row["id"]).casefold()] = names
        labels[names["en"].casefold()] = names
    return labels


def sector(name: str, lang: str) -> str:
    """A sector of the taxonomy (stored by id) as people read it: ``Biomedicine & health`` / ``生物医药与健康``."""
    found = _sector_labels().get(name.casefold())
    return found.get(lang, name) if found else name
