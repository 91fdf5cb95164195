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
def _sectors_zh() -> dict[str, str]:
    text = resources.files("zonewatch.data").joinpath("roundup_labels.toml").read_text(encoding="utf-8")
    return dict(tomllib.loads(text).get("zh", {}).get("sector_names", {}))


def sector(name: str, lang: str) -> str:
    """A sector of the taxonomy in the roundup's language (the taxonomy's names are English)."""
    if lang == "zh":
        return _sectors_zh().get(name, name)
    return name
