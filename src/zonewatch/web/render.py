"""Rendering pages: one Jinja2 environment with autoescaping on, and the context every page gets.

Autoescape is on for every template, so any value from an article (title, text, names) is escaped unless
it is a ``Markup`` built by :mod:`zonewatch.web.highlight` or :mod:`zonewatch.report.charts`, which escape
each piece themselves.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, Undefined, select_autoescape

from zonewatch.web import i18n, security

TEMPLATES = Path(__file__).parent / "templates"
LANG_COOKIE = "zonewatch_lang"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        undefined=Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["money"] = i18n.money
    env.globals["short"] = i18n.short
    env.globals["integer"] = i18n.integer
    env.globals["change"] = i18n.change
    env.globals["rate"] = i18n.rate
    env.globals["category"] = i18n.category
    env.globals["stated_amount"] = i18n.amount
    return env


def wants_html(request: Request) -> bool:
    """Pages get HTML errors; the API and the schema get JSON."""
    path = request.url.path
    return not (path.startswith("/api") or path == "/openapi.json")


def page_lang(request: Request) -> str:
    return i18n.pick_lang(
        request.query_params.get("lang"), request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
    )


def url_with(request: Request, **changes: Any) -> str:
    """The current page's URL with some query parameters changed (None removes one); for sort links and pages."""
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    lang = page_lang(request)
    labels = i18n.labels(lang)
    base = {
        "request": request,
        "lang": lang,
        "t": labels,
        "authorised": security.is_authorised(request),
        "has_token": bool(request.app.state.settings.get("token")),
        "csrf": security.csrf_token(request),
        "url_with": lambda **kw: url_with(request, **kw),
        "path": request.url.path,
    }
    html = environment().get_template(template).render({**base, **context})
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang") in i18n.LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response
