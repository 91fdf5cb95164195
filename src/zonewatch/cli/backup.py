"""``zonewatch backup FILE`` and ``zonewatch restore FILE``: a consistent copy of a SQLite ledger, and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from zonewatch.cli.app import app, fail, out
from zonewatch.cli.ledger import DbOption
from zonewatch.errors import ZonewatchError
from zonewatch.ledger.backup import Snapshot, backup, restore

ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite an existing file or a ledger holding documents.")]


def _url(db: str | None) -> str:
    from zonewatch.settings import load

    try:
        return str(load({"db": db})["db"])
    except ZonewatchError as exc:
        raise fail(str(exc)) from None


def _describe(s: Snapshot) -> str:
    return f"{s.documents} documents, {s.projects} projects, {s.bytes / 1e6:.1f} MB"


@app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (a SQLite file).")],
    db: DbOption = None,
    force: ForceOption = False,
) -> None:
    """Back up a SQLite ledger to FILE: a consistent snapshot, safe while an ingest is running."""
    url = _url(db)
    try:
        snapshot = backup(url, file, force=force)
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
    out.print(f"backed up {escape(url)} to {escape(str(snapshot.path))}: {_describe(snapshot)}")


@app.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="A backup written by `zonewatch backup`.")],
    db: DbOption = None,
    force: ForceOption = False,
) -> None:
    """Restore a SQLite ledger from FILE (refuses to replace a ledger holding documents without --force)."""
    url = _url(db)
    try:
        snapshot = restore(url, file, force=force)
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
    out.print(f"restored {escape(url)} from {escape(str(file))}: {_describe(snapshot)}")
