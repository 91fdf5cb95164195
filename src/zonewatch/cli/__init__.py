"""The ``zonewatch`` command: a thin Typer client over the library.

Each module under ``zonewatch.cli`` adds its commands to ``app``; the app imports them when it is first used,
and ``zonewatch NAME`` imports NAME's module alone (``zonewatch.cli.app.COMMANDS``), so a command starts
without the libraries only other commands need.
"""

import sys

from zonewatch.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    args = [a for a in sys.argv[1:2] if not a.startswith("-")]
    if args:
        app.only(args[0])
    app()
