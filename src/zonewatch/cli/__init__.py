"""The ``zonewatch`` command: a thin Typer client over the library. Each module adds its commands to ``app``."""

from zonewatch.cli import backup as _backup  # noqa: F401
from zonewatch.cli import extract as _extract  # noqa: F401  (registers commands)
from zonewatch.cli import ledger as _ledger  # noqa: F401
from zonewatch.cli import report as _report  # noqa: F401
from zonewatch.cli import review as _review  # noqa: F401
from zonewatch.cli import web as _web  # noqa: F401
from zonewatch.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
