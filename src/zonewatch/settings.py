"""Every setting in one table: (name, default, help). A user's file overrides the defaults key by key,
the environment (``ZONEWATCH_<NAME>``) overrides the file, and command-line flags override both.

The settings file is ``zonewatch.toml`` in the current folder, or the path in ``ZONEWATCH_CONFIG``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zonewatch.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///zonewatch.db", "Ledger database URL (SQLite file or postgresql+psycopg://...)."),
    Setting("aliases", "", "Path to a user's alias file (TOML) extending the bundled organisations and places."),
    Setting("token", "", "Token required for writes through the web API and pages (empty: writes refused)."),
    Setting("read_requires_token", False, "Require the token for reads too (API and pages)."),
    Setting("http_timeout", 20.0, "Seconds before a URL fetch gives up."),
    Setting("http_max_bytes", 10_000_000, "Largest response body accepted from a URL, in bytes."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def config_path() -> Path:
    return Path(os.environ.get("ZONEWATCH_CONFIG", "zonewatch.toml"))


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    kind = type(setting.default)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is bool and isinstance(value, str):
        if value.lower() in {"1", "true", "yes", "on"}:
            return True
        if value.lower() in {"0", "false", "no", "off", ""}:
            return False
    try:
        if kind in (int, float, str) and not isinstance(value, bool):
            return kind(value)
    except (TypeError, ValueError):
        pass
    raise ConfigError(f"{origin}: setting {setting.name!r} expects {kind.__name__}, got {value!r}")


def load(overrides: dict[str, Any] | None = None, path: Path | None = None) -> dict[str, Any]:
    """Resolve every setting: defaults < file < environment < ``overrides`` (flags; None means not given)."""
    values = {s.name: s.default for s in SETTINGS}
    path = path or config_path()
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from None
        for key, value in data.items():
            if key not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting {key!r} (known: {', '.join(_BY_NAME)})")
            values[key] = _coerce(_BY_NAME[key], value, str(path))
    for setting in SETTINGS:
        env = os.environ.get(f"ZONEWATCH_{setting.name.upper()}")
        if env is not None:
            values[setting.name] = _coerce(setting, env, f"ZONEWATCH_{setting.name.upper()}")
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = _coerce(_BY_NAME[key], value, f"--{key}")
    return values
