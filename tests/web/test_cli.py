"""``zonewatch serve``: the command builds the app on the ledger it is given and hands it to uvicorn."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from zonewatch.cli import app


def test_serve_runs_uvicorn_on_the_given_ledger(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(web_app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, settings=web_app.state.settings)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("ZONEWATCH_TOKEN", "")
    url = f"sqlite:///{tmp_path}/x.db"
    result = CliRunner().invoke(app, ["serve", "--port", "8123", "--db", url])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"], seen["settings"]["db"]) == ("127.0.0.1", 8123, url)
    assert "read-only" in result.output  # no token: the user is told writes are refused


def test_serve_is_documented() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--db"):
        assert option in result.output
