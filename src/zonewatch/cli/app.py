"""The Typer application every command module registers on, and the edge where errors become messages."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.text import Text

app = typer.Typer(
    name="zonewatch",
    help="Turn announcements of investment projects into a verified, searchable ledger.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``zonewatch: message`` on standard error and return the Exit to raise."""
    err.print(Text.assemble(("zonewatch: ", "red"), message), highlight=False)
    return typer.Exit(code)


def warn(message: str) -> None:
    err.print(Text.assemble(("zonewatch: ", "yellow"), message), highlight=False)


def write_line(line: str) -> None:
    """Write a raw line on standard output (no Rich wrapping: machine-readable output stays byte-exact)."""
    sys.stdout.write(line + "\n")


@app.callback()
def _root() -> None:
    """Turn announcements of investment projects into a verified, searchable ledger."""
