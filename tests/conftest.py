"""Shared test fixtures: where ../shared is, and the rule that CI never skips what it must run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need_or_skip(ok: bool, reason: str) -> None:
    """Skip when a resource is missing on a user's machine; fail under CI=true, where it must be there."""
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared() -> Path:
    need_or_skip((SHARED / "eval" / "score.py").exists(), f"{SHARED} is not here (a fresh clone without ../shared)")
    return SHARED


# ---------------------------------------------------------------------------------------------- ledger databases
# Ledger tests take the `ledger` fixture and run once on SQLite and once on PostgreSQL. PostgreSQL gets a
# database of its own per test session (created on the local server, dropped at the end); each test starts
# from empty tables. Set ZONEWATCH_TEST_PG to another admin URL to use another server.
PG_ADMIN_URL = os.environ.get("ZONEWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_reachable(url: str) -> str | None:
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return f"PostgreSQL at {url} is not reachable: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"


@pytest.fixture(scope="session")
def pg_url():  # type: ignore[no-untyped-def]
    """A fresh PostgreSQL database for this test session (migrated), dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    problem = _pg_reachable(PG_ADMIN_URL)
    need_or_skip(problem is None, problem or "")
    name = f"zw_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    from zonewatch.ledger.db import open_ledger

    open_ledger(url).dispose()  # migrate once; tests then only empty the tables
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _empty_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    from zonewatch.ledger.models import Base

    engine = create_engine(url)
    with engine.begin() as conn:
        # DELETE beats TRUNCATE on a handful of tiny tables (TRUNCATE rewrites every table's files).
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(text(f'DELETE FROM "{table.name}"'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def ledger_url(request, tmp_path):  # type: ignore[no-untyped-def]
    """The URL of an empty, migrated ledger: a SQLite file in tmp_path, or the session's PostgreSQL database."""
    import shutil

    if request.param == "sqlite":
        # A copy of one migrated file per test: as fresh as migrating, without paying for it every time.
        path = tmp_path / "ledger.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_url")
    _empty_pg(url)
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):  # type: ignore[no-untyped-def]
    """An empty SQLite ledger with every migration applied, checkpointed into one file."""
    from sqlalchemy import text

    from zonewatch.ledger.db import open_ledger

    path = tmp_path_factory.mktemp("ledger-template") / "template.db"
    ledger = open_ledger(f"sqlite:///{path}")
    with ledger.engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    ledger.dispose()
    return path


@pytest.fixture
def ledger(ledger_url):  # type: ignore[no-untyped-def]
    """An open, empty ledger (SQLite and PostgreSQL in turn)."""
    from zonewatch.ledger.db import open_ledger

    opened = open_ledger(ledger_url)
    yield opened
    opened.dispose()
