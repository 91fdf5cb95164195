"""``zonewatch ingest --engine dask`` writes exactly the ledger the default engine writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.ledger.stub import STUB
from zonewatch import pipeline
from zonewatch.cli import app
from zonewatch.ingest.sources import iter_documents
from zonewatch.ledger.db import open_ledger
from zonewatch.ledger.query import list_errors, list_projects
from zonewatch.ledger.store import ingest_documents
from zonewatch.scale.dask_engine import local_client
from zonewatch.scale.ingest import ingest_distributed

runner = CliRunner()


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = {
        "a.txt": "Tencent invests RMB 5 billion in Chengdu Hi-Tech Zone on 2020-08-20.",
        "b.txt": "NetEase invests RMB 2 billion in Tianfu Software Park on 2020-08-21.",
        # the same Tencent project in another report: merged into one project with two sources
        "c.txt": "Report: Tencent invests RMB 5 billion in Chengdu Hi-Tech Zone on 2020-08-20.",
        "d.txt": "Kelun invests RMB 3 billion in Tianfu International Bio-Town on 2020-07-02. "
        "Eswin invests RMB 1.5 billion in Tianfu International Bio-Town on 2020-07-03.",
    }
    for name, text in lines.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    return folder


def snapshot(url: str) -> list[tuple[Any, ...]]:
    """What a user sees of the ledger, without ids and timestamps (which differ between any two runs)."""
    ledger = open_ledger(url)
    try:
        rows = list_projects(ledger, sort="amount_cny", limit=100).rows
        errors = sorted(Path(e.source).name for e in list_errors(ledger).rows)
        return [(p.investors, p.amount_cny, p.place, p.date, p.stage, p.source_count) for p in rows] + [tuple(errors)]
    finally:
        ledger.dispose()


@pytest.fixture
def client() -> Iterator[Any]:
    with local_client(workers=2, processes=False) as c:  # threads: the stand-in extractor is visible to them
        yield c


def test_dask_engine_writes_the_same_ledger(
    tmp_path: Path, ledger_url: str, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "default_components", lambda: list(STUB))
    folder = write_corpus(tmp_path / "in")
    default_url = f"sqlite:///{tmp_path / 'default.db'}"
    for _ in range(2):  # each run records the broken file's error again, so both ledgers get two runs
        ingest_documents(open_ledger(default_url), iter_documents([str(folder)]))
    ledger = open_ledger(ledger_url)
    first = ingest_distributed(ledger, iter_documents([str(folder)]), client, partition_size=2)
    again = ingest_distributed(ledger, iter_documents([str(folder)]), client, partition_size=2)
    ledger.dispose()
    assert (first.documents_new, first.projects_added, first.projects_merged, len(first.errors)) == (4, 4, 1, 1)
    assert (again.documents_new, again.documents_unchanged, again.projects_added) == (0, 4, 0)
    expected = snapshot(default_url)
    assert len(expected) == 5
    assert snapshot(ledger_url) == expected


def test_cli_engine_dask_with_a_local_worker_process(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in")
    urls = {engine: f"sqlite:///{tmp_path / engine}.db" for engine in ("default", "dask")}
    plain = runner.invoke(app, ["ingest", str(folder), "--db", urls["default"]])
    dask = runner.invoke(app, ["ingest", str(folder), "--db", urls["dask"], "--engine", "dask", "--workers", "1"])
    assert plain.exit_code == dask.exit_code == 1  # the broken file fails, the rest is stored
    assert "broken.txt" in dask.output and "documents new       │ 4" in dask.output
    assert snapshot(urls["dask"]) == snapshot(urls["default"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "spark"], "use one of default, dask"),
        (["--workers", "2"], "need --engine dask"),
        (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "not both"),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler"),
    ],
)
def test_bad_engine_options_are_one_clear_error(tmp_path: Path, args: list[str], message: str) -> None:
    folder = write_corpus(tmp_path / "in")
    result = runner.invoke(app, ["ingest", str(folder / "a.txt"), "--db", f"sqlite:///{tmp_path / 'l.db'}", *args])
    assert result.exit_code == 2
    assert message in result.output
