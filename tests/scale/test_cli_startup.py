"""`zonewatch extract` starts without the libraries only other commands need; the command table is complete."""

from __future__ import annotations

import json
import subprocess
import sys

import typer

from zonewatch.cli import app
from zonewatch.cli.app import COMMANDS

HEAVY = ("sqlalchemy", "fastapi", "weasyprint", "distributed", "dask", "trafilatura")

# Runs the installed entry point's code path in a fresh interpreter, reading an announcement on stdin.
SCRIPT = """
import json, sys
import zonewatch.cli.app
from zonewatch.cli import main

sys.argv = ["zonewatch", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _run(*args: str, text: str = "") -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(heavy=HEAVY), *args],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout.splitlines()


def test_extract_of_plain_text_imports_no_database_web_pdf_html_or_dask_library() -> None:
    lines = _run(
        "extract", "-", "--format", "jsonl", text="Northwind Ltd will invest $40 million in a plant in Ohio.\n"
    )
    result, loaded = json.loads(lines[0]), json.loads(lines[-1])
    assert result["projects"][0]["amount"]["value"] == 40_000_000  # the command did run
    assert loaded == []


def test_a_ledger_command_still_gets_its_libraries() -> None:
    # the control: the same script does see SQLAlchemy when the command needs it
    assert "sqlalchemy" in json.loads(_run("stats", "--help")[-1])


def _registering_module(info: typer.models.CommandInfo | typer.models.TyperInfo) -> tuple[str, str]:
    if isinstance(info, typer.models.TyperInfo):
        assert info.typer_instance is not None and info.name
        callback = info.typer_instance.registered_commands[0].callback
        name = info.name
    else:
        callback = info.callback
        assert callback is not None
        name = info.name or callback.__name__.replace("_", "-")
    assert callback is not None
    return name, callback.__module__.rsplit(".", 1)[-1]


def test_the_command_table_names_every_command_and_its_module() -> None:
    registered = [_registering_module(i) for i in [*app.registered_commands, *app.registered_groups]]
    assert dict(registered) == COMMANDS
    assert set(typer.main.get_command(app).commands) == set(COMMANDS)  # type: ignore[attr-defined]
