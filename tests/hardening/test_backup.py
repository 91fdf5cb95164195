"""`zonewatch backup` / `zonewatch restore` for SQLite: consistent while ingesting, refusing to overwrite,
clear errors for what is not a SQLite ledger."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.hardening.corpus import make_corpus, run_zonewatch, zonewatch
from tests.hardening.ledger_dump import dump
from zonewatch.errors import LedgerError
from zonewatch.ledger.backup import backup, restore, sqlite_path
from zonewatch.ledger.db import open_ledger
from zonewatch.ledger.models import DocumentRow, ProjectSource

DOCS = 30


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A SQLite ledger with 6 documents ingested, and the corpus folder."""
    root = tmp_path_factory.mktemp("backup")
    make_corpus(root / "corpus", 6)
    url = f"sqlite:///{root / 'ledger.db'}"
    done = run_zonewatch("ingest", str(root / "corpus"), "--db", url)
    assert done.returncode == 0, done.stderr
    return url, root / "corpus"


def test_backup_then_restore_gives_the_same_ledger(ingested: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = ingested
    file = tmp_path / "ledger.bak"
    done = run_zonewatch("backup", str(file), "--db", url)
    assert done.returncode == 0, done.stderr
    assert "6 documents" in done.stdout
    assert dump(f"sqlite:///{file}") == dump(url)

    target = f"sqlite:///{tmp_path / 'restored' / 'ledger.db'}"
    done = run_zonewatch("restore", str(file), "--db", target)
    assert done.returncode == 0, done.stderr
    assert dump(target) == dump(url)


def test_backup_refuses_to_overwrite_without_force(ingested: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = ingested
    file = tmp_path / "ledger.bak"
    file.write_text("precious")
    done = run_zonewatch("backup", str(file), "--db", url)
    assert done.returncode != 0
    assert "already exists" in done.stderr and "--force" in done.stderr
    assert file.read_text() == "precious"
    assert run_zonewatch("backup", str(file), "--db", url, "--force").returncode == 0
    assert dump(f"sqlite:///{file}") == dump(url)


def test_restore_refuses_to_replace_a_ledger_with_documents(ingested: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = ingested
    file = tmp_path / "ledger.bak"
    backup(url, file)
    other = tmp_path / "other"
    make_corpus(other, 3, seed=99)
    target = f"sqlite:///{tmp_path / 'target.db'}"
    assert run_zonewatch("ingest", str(other), "--db", target).returncode == 0
    before = dump(target)

    done = run_zonewatch("restore", str(file), "--db", target)
    assert done.returncode != 0
    assert "holds 3 documents" in done.stderr and "--force" in done.stderr
    assert dump(target) == before

    assert run_zonewatch("restore", str(file), "--db", target, "--force").returncode == 0
    assert dump(target) == dump(url)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.bak", "no such file"),
        (lambda d: _write(d / "text.bak", b"not a database\n" * 100), "is not a SQLite database"),
        (lambda d: _write(d / "empty.bak", b""), "is not a SQLite database"),
        (
            lambda d: sqlite3.connect(d / "other.db").execute("CREATE TABLE t (x)") and d / "other.db",
            "not a zonewatch ledger",
        ),
        (lambda d: _write(d / "torn.bak", Path(sqlite_path(_any_ledger(d))).read_bytes()[:5000]), "ledger"),
    ],
    ids=["missing", "text", "empty", "other-sqlite", "truncated"],
)
def test_restore_checks_the_backup_first(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    bad = make(tmp_path)
    target = tmp_path / "target.db"
    done = run_zonewatch("restore", str(bad), "--db", f"sqlite:///{target}")
    assert done.returncode != 0
    assert message in done.stderr and str(bad.name) in done.stderr
    assert "Traceback" not in done.stderr


def _any_ledger(folder: Path) -> str:
    url = f"sqlite:///{folder / 'source.db'}"
    open_ledger(url).dispose()
    return url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+psycopg://postgres@127.0.0.1:5432/x", "pg_dump"),
        ("sqlite://", "in-memory"),
        ("not a url", "not a database URL"),
    ],
)
def test_clear_errors_for_ledgers_that_are_not_sqlite_files(tmp_path: Path, url: str, message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        backup(url, tmp_path / "x.bak")
    with pytest.raises(LedgerError, match=message):
        restore(url, tmp_path / "x.bak")
    done = run_zonewatch("backup", str(tmp_path / "x.bak"), "--db", url)
    assert done.returncode != 0 and message in done.stderr and "Traceback" not in done.stderr


def _sources_by_document(url: str) -> dict[str, list[str]]:
    ledger = open_ledger(url)
    try:
        with ledger.read() as s:
            rows = s.execute(select(DocumentRow.content_hash, ProjectSource.local_id).outerjoin(ProjectSource))
            out: dict[str, list[str]] = {}
            for digest, local in rows:
                out.setdefault(digest, [])
                if local is not None:
                    out[digest].append(local)
            return {k: sorted(v) for k, v in out.items()}
    finally:
        ledger.dispose()


def test_backups_taken_during_an_ingest_are_consistent(tmp_path: Path) -> None:
    make_corpus(tmp_path / "corpus", DOCS)
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    open_ledger(url).dispose()
    # two documents per transaction, so that the ledger grows while the backups are taken (30 would be one batch)
    proc = zonewatch("ingest", str(tmp_path / "corpus"), "--db", url, "--batch", "2", "--jobs", "1")
    while proc.poll() is None and not _sources_by_document(url):
        time.sleep(0.1)  # the process is starting
    taken: list[Path] = []
    while proc.poll() is None and len(taken) < 30:
        file = tmp_path / f"during-{len(taken)}.bak"
        backup(url, file)
        taken.append(file)
        time.sleep(0.2)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    final = _sources_by_document(url)
    assert len(final) == DOCS
    sizes = set()
    for file in taken:
        snapshot = _sources_by_document(f"sqlite:///{file}")
        sizes.add(len(snapshot))
        # every document in a backup is whole: exactly the project sources it has in the finished ledger
        for digest, locals_ in snapshot.items():
            assert final[digest] == locals_, f"{file.name}: a half-written document"
    assert len(taken) >= 2 and len(sizes) >= 2, "the backups must land while the ingest is running"
