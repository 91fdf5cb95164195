"""The docs stay true: every setting is documented, every command is in the README."""

from __future__ import annotations

import re

import typer

from tests.conftest import ROOT
from zonewatch.cli import app
from zonewatch.settings import SETTINGS


def test_every_setting_is_documented() -> None:
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in page or f"ZONEWATCH_{s.name.upper()}" not in page]
    assert not missing, f"docs/settings.md lacks: {missing}"


def _command_names() -> list[str]:
    click_app = typer.main.get_command(app)
    names = []
    for name, command in click_app.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        names += [f"{name} {sub}" for sub in subcommands] if subcommands else [name]
    return names


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [n for n in _command_names() if not re.search(rf"zonewatch {re.escape(n)}\b", readme)]
    assert not missing, f"README.md does not show the usage of: {missing}"
