"""The Typer application every command module registers on, and the edge where errors become messages."""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator
from typing import Any

import typer
from rich.console import Console
from rich.text import Text

# Every command (or group) and the module under zonewatch.cli that registers it, in the order `--help` lists
# them. `zonewatch NAME ...` imports NAME's module alone: `extract` never pays for SQLAlchemy, FastAPI,
# WeasyPrint or Dask (tests/test_cli_startup.py checks both the table and that).
COMMANDS = {
    "extract": "extract",
    "ingest": "ledger",
    "projects": "ledger",
    "stats": "ledger",
    "reextract": "ledger",
    "watch": "ledger",
    "db": "ledger",
    "review": "review",
    "roundup": "report",
    "export": "report",
    "backup": "backup",
    "restore": "backup",
    "serve": "web",
}


class LazyTyper(typer.Typer):
    """A Typer app whose command modules are imported when it is first used, not when it is imported.

    Reading the app's commands (what Typer does to build the command line, what tests do through CliRunner)
    imports every command module first — or only the one :meth:`only` names, for the command being run.
    """

    def __init__(self, **kwargs: Any) -> None:
        self._wanted: list[str] | None = None  # None: every module
        self._loaded: set[str] = set()
        self._loading = False
        super().__init__(**kwargs)

    def only(self, command: str) -> None:
        """Load just the module of ``command`` when the app is used; an unknown name loads them all (for help)."""
        self._wanted = [COMMANDS[command]] if command in COMMANDS else None

    def command(self, *args: Any, **kwargs: Any) -> Any:
        register = super().command(*args, **kwargs)

        def decorator(f: Any) -> Any:
            with self._registering():
                return register(f)

        return decorator

    def add_typer(self, *args: Any, **kwargs: Any) -> None:
        with self._registering():
            super().add_typer(*args, **kwargs)

    @contextlib.contextmanager
    def _registering(self) -> Iterator[None]:
        """Registering a command reads the lists without loading the other modules (a module imported on its
        own, before the app is used, must not pull in the others half-way through its own import)."""
        loading, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = loading

    def _load(self) -> None:
        wanted = list(dict.fromkeys(COMMANDS.values())) if self._wanted is None else self._wanted
        if self._loading or self._loaded.issuperset(wanted):
            return
        self._loading = True
        try:
            for module in wanted:
                importlib.import_module(f"zonewatch.cli.{module}")
                self._loaded.add(module)
        finally:
            self._loading = False

    @property
    def registered_commands(self) -> list[Any]:
        self._load()
        return self._commands

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self._commands = value

    @property
    def registered_groups(self) -> list[Any]:
        self._load()
        return self._groups

    @registered_groups.setter
    def registered_groups(self, value: list[Any]) -> None:
        self._groups = value


app = LazyTyper(
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
