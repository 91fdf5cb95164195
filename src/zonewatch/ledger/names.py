"""The ledger's view of names: canonical organisations and places, and a zone's parks.

zonewatch.normalize owns the alias table; this module is the one place the ledger asks it, so the ledger
keeps working (with names compared as written, case-folded) when normalization is not installed or a name
is unknown to it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


@functools.cache
def _normalize_api() -> dict[str, Callable[..., Any]]:
    try:
        import zonewatch.normalize as normalize
    except ImportError:
        return {}
    api: dict[str, Callable[..., Any]] = {}
    for module_name in ("", ".aliases", ".names"):
        try:
            module = normalize if not module_name else __import__(f"zonewatch.normalize{module_name}", fromlist=["x"])
        except ImportError:
            continue
        for attr in ("resolve", "descendants"):
            fn = getattr(module, attr, None)
            if callable(fn) and attr not in api:
                api[attr] = fn
    return api


def _as_name(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    for attr in ("canonical", "name"):
        got = getattr(value, attr, None)
        if isinstance(got, str):
            return got
    return None


@functools.lru_cache(maxsize=100_000)
def canonical(name: str) -> str:
    """The alias table's canonical name for ``name`` ("腾讯" -> "Tencent"), else ``name`` itself, trimmed."""
    name = " ".join(name.split())
    resolve = _normalize_api().get("resolve")
    if resolve is not None:
        try:
            found = _as_name(resolve(name))
        except Exception:  # a bad alias entry must not stop an ingest; the raw name is still right
            found = None
        if found:
            return found
    return name


def match_key(name: str) -> str:
    """What two names must share to be the same organisation or place: the canonical name, case-folded."""
    return canonical(name).casefold()


def zone_places(zone: str) -> list[str]:
    """Every place name that belongs to ``zone`` (any alias): the zone itself and its parks, canonical."""
    names = {canonical(zone)}
    descendants = _normalize_api().get("descendants")
    if descendants is not None:
        try:
            for item in descendants(canonical(zone)) or ():
                got = _as_name(item)
                if got:
                    names.add(got)
        except Exception:  # unknown zone: the name as given still filters
            pass
    return sorted(names)
