"""Fixtures for the web tests: a small ledger, a TestClient on it, and a real uvicorn server for the browser."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ROOT, need_or_skip
from tests.web import ledger_data
from zonewatch.ledger import query
from zonewatch.settings import SETTINGS
from zonewatch.web.app import create_app

TOKEN = "test-token-0123456789"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"


def settings_for(url: str, **overrides: Any) -> dict[str, Any]:
    values = {s.name: s.default for s in SETTINGS}
    values.update(db=url, token=TOKEN)
    values.update(overrides)
    return values


@pytest.fixture(scope="session")
def web_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small ledger built once (migrations and all), checkpointed into one SQLite file to copy."""
    from sqlalchemy import text

    path = tmp_path_factory.mktemp("web-template") / "ledger.db"
    ledger = ledger_data.build(f"sqlite:///{path}")
    with ledger.engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    ledger.dispose()
    return path


def _copy(template: Path, folder: Path) -> str:
    path = folder / "ledger.db"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def ledger_url(web_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _copy(web_template, tmp_path_factory.mktemp("web"))


@pytest.fixture()
def fresh_url(web_template: Path, tmp_path: Path) -> str:
    """A ledger of its own for tests that write (review actions, ingest)."""
    return _copy(web_template, tmp_path)


@pytest.fixture(scope="module")
def client(ledger_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(ledger_url))) as c:
        yield c


@pytest.fixture()
def writer(fresh_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(fresh_url))) as c:
        yield c


def ids_by_investor(url: str) -> dict[str, int]:
    ledger = query.open_ledger(url)
    try:
        rows = query.list_projects(ledger, query.ProjectFilter(status="all"), sort="id", limit=100).rows
        return {r.investors[0] if r.investors else "": r.id for r in rows}
    finally:
        ledger.dispose()


# ---- a real server and a real browser ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(self, url: str, db: str) -> None:
        self.url = url
        self.db = db


@pytest.fixture(scope="module")
def live_server(web_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    import uvicorn

    db = _copy(web_template, tmp_path_factory.mktemp("live"))
    port = _free_port()
    config = uvicorn.Config(create_app(settings_for(db)), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    # Readiness, not timing: wait for uvicorn to say it is serving (bounded so a broken start fails the test).
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield LiveServer(f"http://127.0.0.1:{port}", db)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_or_skip(CHROMIUM.exists(), f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context per test (own cookies); every dialog is recorded and dismissed."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()
