"""Backing up and restoring a SQLite ledger with SQLite's online backup API.

A backup is a consistent snapshot even while ``zonewatch ingest`` is writing: the backup API copies the
database as of one read transaction (WAL mode lets the writer go on meanwhile), so the copy never holds a
half-written document. The copy is written next to its destination and renamed into place, so a crash
leaves either the old file or the whole new one. PostgreSQL ledgers are backed up with ``pg_dump`` /
``pg_restore`` (see ``docs/operations.md``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from zonewatch.errors import LedgerError

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables a file must have to be a zonewatch ledger (restoring anything else would break every command).
REQUIRED_TABLES = frozenset({"alembic_version", "documents", "projects", "project_sources"})
BUSY_TIMEOUT_S = 60


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a backup or restore copied: the file and how much ledger it holds."""

    path: Path
    documents: int
    projects: int
    bytes: int


def sqlite_path(url: str) -> Path:
    """The file of a SQLite ledger URL; LedgerError for another database or an in-memory one.

    >>> sqlite_path("sqlite:////var/lib/zonewatch/ledger.db")
    PosixPath('/var/lib/zonewatch/ledger.db')
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise LedgerError(f"{url!r} is not a database URL") from None
    if parsed.get_backend_name() != "sqlite":
        raise LedgerError(
            f"backup and restore work on SQLite ledgers; {parsed.get_backend_name()} ledgers are backed up with "
            "pg_dump and restored with pg_restore (see docs/operations.md)"
        )
    if not parsed.database or parsed.database == ":memory:":
        raise LedgerError("an in-memory ledger has nothing to back up or restore")
    return Path(parsed.database)


@contextlib.contextmanager
def _connect(path: Path, readonly: bool = False) -> Iterator[sqlite3.Connection]:
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise LedgerError(f"{path}: cannot be opened ({exc})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        yield conn
    finally:
        conn.close()


def _check_ledger(path: Path) -> tuple[int, int]:
    """(documents, projects) of the ledger file at ``path``; LedgerError when it is not a sound zonewatch ledger."""
    if not path.is_file():
        raise LedgerError(f"{path}: no such file")
    with path.open("rb") as f:
        if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise LedgerError(f"{path}: is not a SQLite database")
    with _connect(path, readonly=True) as conn:
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = REQUIRED_TABLES - tables
            if missing:
                raise LedgerError(
                    f"{path}: is a SQLite database but not a zonewatch ledger (no {', '.join(sorted(missing))})"
                )
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise LedgerError(f"{path}: is damaged ({'; '.join(problems[:3])})")
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            projects = conn.execute("SELECT count(*) FROM projects").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{path}: cannot be read as a ledger ({exc})") from None
    return int(documents), int(projects)


def backup(url: str, destination: Path, force: bool = False) -> Snapshot:
    """Copy the SQLite ledger at ``url`` to ``destination`` (a consistent snapshot, safe while others write).

    Refuses to overwrite an existing file unless ``force``.
    """
    source = sqlite_path(url)
    _check_ledger(source)
    destination = Path(destination)
    if destination.exists() and not force:
        raise LedgerError(f"{destination}: already exists (use --force to overwrite it)")
    if destination.resolve() == source.resolve():
        raise LedgerError(f"{destination}: is the ledger itself")
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        with _connect(source) as src, _connect(partial) as dst:
            # One step (pages=-1): the whole copy comes from a single read transaction, so it is consistent.
            src.backup(dst, pages=-1)
            # A self-contained file: no -wal beside it to lose when the backup is copied elsewhere.
            dst.execute("PRAGMA journal_mode=DELETE")
        os.replace(partial, destination)
    except sqlite3.Error as exc:
        raise LedgerError(f"backup of {source} to {destination} failed: {exc}") from None
    except OSError as exc:
        raise LedgerError(f"{destination}: cannot be written ({exc.strerror})") from None
    finally:
        partial.unlink(missing_ok=True)
    documents, projects = _check_ledger(destination)
    return Snapshot(destination, documents, projects, destination.stat().st_size)


def restore(url: str, backup_file: Path, force: bool = False) -> Snapshot:
    """Replace the SQLite ledger at ``url`` with the contents of ``backup_file`` (checked first).

    Refuses to overwrite a ledger that holds documents unless ``force``. The copy goes through the backup API
    into the live file, so processes that have the ledger open see either the old or the restored ledger.
    """
    target = sqlite_path(url)
    backup_file = Path(backup_file)
    documents, projects = _check_ledger(backup_file)
    if target.exists() and target.resolve() == backup_file.resolve():
        raise LedgerError(f"{backup_file}: is the ledger itself")
    if target.exists() and target.stat().st_size > 0 and not force:
        try:
            held, _ = _check_ledger(target)
        except LedgerError:
            held = -1
        if held != 0:
            what = f"holds {held} documents" if held > 0 else "exists"
            raise LedgerError(f"{target}: the ledger {what}; restoring would replace it (use --force)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _connect(backup_file, readonly=True) as src, _connect(target) as dst:
            src.backup(dst, pages=-1)
    except sqlite3.Error as exc:
        raise LedgerError(f"restore of {backup_file} into {target} failed: {exc}") from None
    except OSError as exc:
        raise LedgerError(f"{target}: cannot be written ({exc.strerror})") from None
    return Snapshot(target, documents, projects, target.stat().st_size)
