"""Crashes and concurrency: an ingest killed with SIGKILL and re-run, and two ingests racing on overlapping
inputs, end with the same ledger as one uninterrupted run (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PG_ADMIN_URL, _pg_reachable, need_or_skip
from tests.hardening.corpus import make_corpus, run_zonewatch, zonewatch
from tests.hardening.ledger_dump import dump, duplicates
from zonewatch.ledger.db import open_ledger
from zonewatch.ledger.query import list_errors

DOCS = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "all"
    make_corpus(folder, DOCS)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The ledger of one uninterrupted run over the whole corpus (SQLite), as a canonical dump."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    done = run_zonewatch("ingest", str(corpus), "--db", url)
    assert done.returncode == 0, done.stderr
    result = dump(url)
    assert len(result["documents"]) == DOCS  # type: ignore[arg-type]
    assert result["projects"], "the corpus must yield projects for the comparison to mean something"
    return result


@pytest.fixture(scope="module")
def pg_database() -> Iterator[str]:
    """A database of its own on the local PostgreSQL server (zonewatch_hardening_*), dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    problem = _pg_reachable(PG_ADMIN_URL)
    need_or_skip(problem is None, problem or "")
    name = f"zonewatch_hardening_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def stored(url: str) -> int:
    """Documents committed so far (read without disturbing the writer)."""
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if not Path(path).exists():
            return 0
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as conn:
                return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        except sqlite3.OperationalError:
            return 0  # not created yet
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    except Exception:
        return 0
    finally:
        engine.dispose()


def errors(url: str) -> int:
    ledger = open_ledger(url)
    try:
        return list_errors(ledger).total
    finally:
        ledger.dispose()


def test_sigkill_mid_batch_then_rerun_equals_an_uninterrupted_run(
    corpus: Path, reference: dict[str, object], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    # Small batches (documents per transaction), so the kill lands after some have committed and before the end.
    proc = zonewatch("ingest", str(corpus), "--db", url, "--batch", "2")
    deadline = time.monotonic() + 300
    while stored(url) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    at_kill = stored(url)
    assert proc.returncode == -signal.SIGKILL
    assert 5 <= at_kill < DOCS, "the kill must land mid-batch"
    assert duplicates(url) == []

    done = run_zonewatch("ingest", str(corpus), "--db", url)
    assert done.returncode == 0, done.stderr
    assert duplicates(url) == []
    assert errors(url) == 0
    assert dump(url) == reference


def _halves(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two folders whose documents overlap by half (the same files, so the same keys and hashes)."""
    files = sorted(corpus.glob("*.txt"))
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for f in files[: DOCS * 2 // 3]:
        shutil.copy(f, a / f.name)
    for f in files[DOCS // 3 :]:
        shutil.copy(f, b / f.name)
    return a, b


def _race(url: str, corpus: Path, tmp_path: Path) -> None:
    a, b = _halves(corpus, tmp_path)
    open_ledger(url).dispose()  # created first: the race is about documents, not about migrating
    first = zonewatch("ingest", str(a), "--db", url)
    second = zonewatch("ingest", str(b), "--db", url)
    _, err1 = first.communicate(timeout=900)
    _, err2 = second.communicate(timeout=900)
    for proc, err in ((first, err1), (second, err2)):
        assert proc.returncode == 0, err.decode()
        assert b"locked" not in err
    assert duplicates(url) == []
    assert errors(url) == 0


def _without_keys(d: dict[str, object]) -> dict[str, object]:
    # Copies in two folders have other paths: compare documents by hash, projects as they are.
    docs = d["documents"]
    return {**d, "documents": sorted((row[0], *row[2:]) for row in docs)}  # type: ignore[attr-defined]


def test_two_ingests_racing_on_sqlite_equal_one_run(corpus: Path, reference: dict[str, object], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    _race(url, corpus, tmp_path)
    assert _without_keys(dump(url)) == _without_keys(reference)


@pytest.mark.postgres
def test_two_ingests_racing_on_postgresql_equal_one_run(
    corpus: Path, reference: dict[str, object], tmp_path: Path, pg_database: str
) -> None:
    _race(pg_database, corpus, tmp_path)
    assert _without_keys(dump(pg_database)) == _without_keys(reference)
