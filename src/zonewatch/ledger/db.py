"""Opening a ledger: the engine, sessions, SQLite's pragmas, and migrations applied on first use."""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from zonewatch.errors import LedgerError

MIGRATIONS = Path(__file__).parent / "migrations"
# Seconds a writer waits for another writer's lock on SQLite before "database is locked".
BUSY_TIMEOUT_S = 60
# Any constant: PostgreSQL advisory lock that serialises the ledger's write transactions and migrations.
WRITE_LOCK_KEY = 5_190_805
# Names remembered per kind (organisation, alias, place) across transactions: enough for a working set of
# recent organisations, bounded so a 100k-document ingest's memory stays flat (the oldest quarter is dropped).
CACHE_PER_KIND = 50_000
# "Known not to be in the ledger": valid only inside the write transaction that looked (it holds the write lock),
# never kept in ``Ledger.cache``.
ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "ABSENT", "__slots__": ()})()


@dataclass(frozen=True, slots=True)
class Ledger:
    """An open ledger: ``engine`` and a ``sessionmaker``; build one with :func:`open_ledger`."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    writer: sessionmaker[Session]
    # Names known to be in the ledger (organisations, aliases, places are never deleted), filled only after the
    # transaction that wrote them committed: lets ingest skip a lookup per name without risking a stale id.
    cache: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Project sources matching compared (``store._find_match``; only those its keys let through are decoded):
    # source id -> (created_at, what ``is_same`` compares). A source row is never updated, and a re-used id comes
    # with a new created_at, so an entry is checked against the row's created_at and can never answer for another
    # row, whoever wrote it.
    sources: dict[int, Any] = field(default_factory=dict)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (no write lock taken)."""
        with self.sessions() as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, committed on success, rolled back on error.

        Write transactions are serialised: ``BEGIN IMMEDIATE`` on SQLite (waits on the busy timeout instead of
        failing when a read lock would have to be upgraded), an advisory transaction lock on PostgreSQL (so
        two processes merging the same project cannot both insert it).
        """
        with self.writer() as session:
            session.info["cache"], session.info["pending"] = self.cache, {}
            session.info["sources"] = self.sources
            with session.begin():
                if self.dialect == "postgresql":
                    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
                yield session
            self._remember(session.info["pending"])

    def _remember(self, pending: dict[tuple[str, str], Any]) -> None:
        """Keep what a committed transaction wrote or found (``(kind, key) -> value``), within the bound."""
        for (kind, key), value in pending.items():
            if value is None or value is ABSENT or kind.startswith("_"):
                continue  # "_" kinds (a batch's document hashes and keys) are valid for their transaction only
            known = self.cache.setdefault(kind, {})
            known[key] = value
            if len(known) > CACHE_PER_KIND:
                for old in list(itertools.islice(known, CACHE_PER_KIND // 4)):
                    del known[old]

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own transaction handling is off).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("zw_write") else "BEGIN")


def default_url() -> str:
    from zonewatch.settings import load

    return str(load()["db"])


def open_ledger(url: str | None = None, migrate: bool = True) -> Ledger:
    """Open (and create or upgrade, when ``migrate``) the ledger at ``url`` (default: the ``db`` setting).

    >>> ledger = open_ledger("sqlite://")
    >>> ledger.dialect
    'sqlite'
    """
    url = url or default_url()
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            _sqlite_pragmas(engine)
            if url in ("sqlite://", "sqlite:///:memory:"):
                # One shared connection, or every session would see its own empty in-memory database.
                from sqlalchemy.pool import StaticPool

                engine.dispose()
                engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
                _sqlite_pragmas(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        raise LedgerError(f"cannot open the ledger {url!r}: {exc}") from None
    writer_engine = engine.execution_options(zw_write=True)
    ledger = Ledger(
        url=url,
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        writer=sessionmaker(writer_engine, expire_on_commit=False),
    )
    if migrate:
        upgrade(ledger)
    return ledger


def _alembic_config(ledger: Ledger) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", ledger.url.replace("%", "%%"))
    return cfg


def current_revision(ledger: Ledger) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with ledger.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@functools.cache
def head_revision() -> str | None:
    """The newest migration shipped with this version (read once per process)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def upgrade(ledger: Ledger, revision: str = "head") -> str | None:
    """Apply pending migrations (a no-op when the ledger is current); returns the revision reached."""
    from alembic import command

    try:
        head = head_revision()
        if revision == "head" and current_revision(ledger) == head:
            return head
        cfg = _alembic_config(ledger)
        # The writer engine: BEGIN IMMEDIATE on SQLite, so a second process opening a fresh ledger waits for
        # the first one's migration instead of failing with "database is locked"; Alembic then finds it current.
        with ledger.engine.execution_options(zw_write=True).connect() as conn:
            if ledger.dialect == "postgresql":
                # Two processes opening a fresh ledger at once: the second waits, then finds it current.
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": WRITE_LOCK_KEY + 1})
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                conn.commit()
            finally:
                if ledger.dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": WRITE_LOCK_KEY + 1})
                    conn.commit()
        return current_revision(ledger)
    except SQLAlchemyError as exc:
        raise LedgerError(f"cannot migrate the ledger {ledger.url!r}: {exc}") from None
