"""The FastAPI application: ``create_app(settings)`` wires the JSON API (``/api``), the pages and the defences.

Both the API and the pages call the ledger's query functions (``zonewatch.ledger.query``); the web layer
writes no SQL of its own. The ledger is opened on first use, so the app starts even before a ledger exists.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from zonewatch.errors import ZonewatchError
from zonewatch.settings import load
from zonewatch.web import security
from zonewatch.web.render import render, wants_html

HERE = Path(__file__).parent


def create_app(settings: dict[str, Any] | None = None) -> FastAPI:
    """Build the app for ``settings`` (the resolved table from :func:`zonewatch.settings.load`)."""
    settings = dict(settings if settings is not None else load())
    app = FastAPI(
        title="zonewatch",
        summary="Investment projects announced for development zones: a verified, searchable ledger.",
        version="0.1.0",
        docs_url=None,  # FastAPI's Swagger page loads from a CDN; /docs is rendered here instead (offline)
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.ledger = None
    app.state.ledger_lock = threading.Lock()

    # Order matters: the outermost middleware (added last) sees the request first.
    app.add_middleware(
        SessionMiddleware,
        secret_key=security.session_secret(str(settings.get("token") or "")),
        session_cookie="zonewatch_session",
        same_site="strict",
        max_age=12 * 3600,
    )
    app.add_middleware(security.RequestLimits)
    app.add_middleware(security.SecurityHeaders)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from zonewatch.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.open_router)
    app.include_router(pages.router)
    _add_error_handlers(app)
    return app


def get_ledger(request: Request) -> Any:
    """The app's ledger, opened (and migrated) on first use; one per app, shared by all requests."""
    app = request.app
    if app.state.ledger is None:
        with app.state.ledger_lock:
            if app.state.ledger is None:
                from zonewatch.ledger.query import open_ledger

                app.state.ledger = open_ledger(app.state.settings["db"])
    return app.state.ledger


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if wants_html(request):
            if exc.status_code == 401 and request.method == "GET":
                return render(request, "login.html", {"next": request.url.path}, status_code=401)
            return render(
                request, "error.html", {"status": exc.status_code, "detail": exc.detail}, status_code=exc.status_code
            )
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # Never echo the input back inside HTML; JSON clients get FastAPI's usual detail list.
        if wants_html(request):
            return render(request, "error.html", {"status": 422, "detail": "invalid parameters"}, status_code=422)
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(ZonewatchError)
    async def zonewatch_error(request: Request, exc: ZonewatchError) -> Response:
        if wants_html(request):
            return render(request, "error.html", {"status": 400, "detail": str(exc)}, status_code=400)
        return JSONResponse({"detail": str(exc)}, status_code=400)
