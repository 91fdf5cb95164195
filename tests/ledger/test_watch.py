"""`zonewatch watch` against a local feed: conditional requests, only new entries, a line per new project."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ledger.httpserver import Route, Site, serve
from tests.ledger.stub import STUB
from zonewatch import pipeline
from zonewatch.cli import app
from zonewatch.ingest import urls
from zonewatch.ledger.query import list_documents, open_ledger
from zonewatch.ledger.watch import parse_every

runner = CliRunner()


def entry(i: int, investor: str) -> tuple[str, str]:
    body = f"<p>{investor} invests RMB {i} billion in Chengdu Hi-Tech Zone on 2020-08-{10 + i:02d}. </p>" * 4
    return f"/news/{i}", body


def rss(site: Site, entries: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>item {path}</title><link>{site.url(path)}</link><description><![CDATA[{body}]]>"
        "</description></item>"
        for path, body in entries
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>{items}</channel></rss>'.encode()


@pytest.fixture(autouse=True)
def _stub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "default_components", lambda: list(STUB))
    monkeypatch.setattr(urls, "BACKOFF_S", 0.0)


def test_watch_ingests_only_new_entries_with_conditional_requests(ledger_url: str) -> None:
    site = Site()
    with serve(site):
        first = [entry(1, "Tencent"), entry(2, "NetEase")]
        site.routes["/feed"] = Route(rss(site, first), content_type="application/rss+xml", etag='"v1"')
        result = runner.invoke(
            app, ["watch", site.url("/feed"), "--every", "0.1s", "--rounds", "2", "--db", ledger_url]
        )
        assert result.exit_code == 0, result.output
        assert result.output.count("new project") == 2 and "Tencent" in result.output
        assert "not modified" in result.output
        feed_requests = [headers for path, headers in site.requests if path == "/feed"]
        assert len(feed_requests) == 2 and feed_requests[1].get("If-None-Match") == '"v1"'

        site.routes["/feed"] = Route(
            rss(site, [*first, entry(3, "Kelun")]), content_type="application/rss+xml", etag='"v2"'
        )
        again = runner.invoke(app, ["watch", site.url("/feed"), "--rounds", "1", "--db", ledger_url])
        assert again.output.count("new project") == 1 and "Kelun" in again.output
    assert list_documents(open_ledger(ledger_url)).total == 3


@pytest.mark.parametrize(("text", "seconds"), [("30m", 1800), ("2h", 7200), ("45s", 45), ("10", 10)])
def test_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


def test_ctrl_c_stops_watch_cleanly(tmp_path: Path) -> None:
    site = Site()
    with serve(site):
        site.routes["/feed"] = Route(rss(site, [entry(1, "Tencent")]), content_type="application/rss+xml")
        db = tmp_path / "w.db"
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "zonewatch"),
                "watch",
                site.url("/feed"),
                "--every",
                "1h",
                "--db",
                f"sqlite:///{db}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CI": ""},
        )
        deadline = time.monotonic() + 60
        while not any(p == "/feed" for p, _ in site.requests) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # let the first round finish and the process go to sleep
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "watch stopped" in err and "Traceback" not in err
