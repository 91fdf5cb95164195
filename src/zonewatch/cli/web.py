"""``zonewatch serve``: the web dashboard and JSON API over the ledger (see docs/web.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from zonewatch.cli.app import app, err, fail
from zonewatch.errors import ZonewatchError
from zonewatch.settings import load


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: Annotated[str | None, typer.Option(help="Ledger database URL (default: the `db` setting).")] = None,
) -> None:
    """Serve the dashboard, pages and JSON API (/api, reference at /docs) over the ledger."""
    import uvicorn

    from zonewatch.web.app import create_app

    try:
        settings = load({"db": db})
        web_app = create_app(settings)
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
    if not settings["token"]:
        err.print("zonewatch: no token set (ZONEWATCH_TOKEN): the server is read-only", highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1") and not settings["token"]:
        err.print("zonewatch: listening beyond this machine without a token", highlight=False)
    err.print(f"zonewatch: serving {settings['db']} at http://{host}:{port}/", highlight=False, markup=False)
    uvicorn.run(web_app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
