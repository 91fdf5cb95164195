"""Killing an ingest (SIGKILL) mid-batch loses nothing committed; the re-run ends with no duplicate and no gap."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import ROOT
from zonewatch.ledger.models import DocumentRow, ProjectRecord, ProjectSource
from zonewatch.ledger.query import list_errors, open_ledger

DOCS = 40
REPEATS = 10  # documents that report an earlier document's project again (must merge, not add)

# The child process: the stand-in extractor, slowed so the kill lands mid-batch, then the real CLI.
CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from tests.ledger.stub import stub_extract
from zonewatch import pipeline
def slow(extraction):
    time.sleep({delay})
    return stub_extract(extraction)
pipeline.default_components = lambda: [slow]
from zonewatch.cli import app
app(["ingest", {folder!r}, "--db", {url!r}])
"""


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(DOCS):
        (folder / f"d{i:03d}.txt").write_text(
            f"Investor{i} invests RMB {i + 1} billion in Park{i % 7} Zone on 2020-08-{i % 28 + 1:02d}.\n"
        )
    for i in range(REPEATS):
        (folder / f"r{i:03d}.txt").write_text(
            f"Again: Investor{i} invests RMB {i + 1} billion in Park{i % 7} Zone on 2020-08-{i % 28 + 1:02d}.\n"
        )


def child(folder: Path, url: str, delay: float) -> subprocess.Popen[bytes]:
    code = CHILD.format(root=str(ROOT), folder=str(folder), url=url, delay=delay)
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "120"},
    )


def documents(url: str) -> int:
    ledger = open_ledger(url)
    try:
        with ledger.read() as s:
            return s.scalar(select(func.count()).select_from(DocumentRow)) or 0
    finally:
        ledger.dispose()


def test_sigkill_mid_batch_then_rerun(tmp_path: Path, ledger_url: str) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder)
    proc = child(folder, ledger_url, delay=0.15)
    deadline = time.monotonic() + 120
    while documents(ledger_url) < 8 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    at_kill = documents(ledger_url)
    assert proc.returncode == -signal.SIGKILL
    assert 8 <= at_kill < DOCS + REPEATS, "the kill must land mid-batch"

    rerun = child(folder, ledger_url, delay=0.0)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()

    ledger = open_ledger(ledger_url)
    with ledger.read() as s:
        hashes = list(s.scalars(select(DocumentRow.content_hash)))
        keys = list(s.scalars(select(DocumentRow.key)))
        projects = s.scalar(select(func.count()).select_from(ProjectRecord))
        sources = s.scalar(select(func.count()).select_from(ProjectSource))
        per_source_doc = list(
            s.execute(select(ProjectSource.document_id, func.count()).group_by(ProjectSource.document_id))
        )
    assert len(hashes) == len(set(hashes)) == DOCS + REPEATS  # no duplicate, no missing document
    assert len(set(keys)) == DOCS + REPEATS
    assert projects == DOCS and sources == DOCS + REPEATS  # every repeat merged into its project
    assert all(n == 1 for _, n in per_source_doc)  # no half-written document: each has its one project
    assert list_errors(ledger).total == 0
    ledger.dispose()
