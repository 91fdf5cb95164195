"""The web's attack surface, beyond tests/web: every write route the app has (found from the app itself, so
a new one cannot be forgotten) refuses an unauthenticated request; hostile documents ingested through the
real pipeline stay inert on every page reachable from the dashboard; tokens are compared in constant time."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Route

from tests.web import ledger_data
from tests.web.conftest import TOKEN, settings_for
from zonewatch.web.app import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that must take a write without the token: logging in and out (both CSRF-protected).
OPEN_WRITES = {"/login", "/logout"}
HOSTILE_HTML = """<html><head><title>Evil Robotics <script>window.__xss=11</script> signs</title></head><body>
<article><h1>Evil Robotics signs with Example Hi-Tech Zone</h1>
<p>On August 20, 2020, Evil Robotics Co., Ltd. signed an agreement with the Example Hi-Tech Zone to invest
RMB 2 billion in a robot plant <script>window.__xss=12</script><img src=x onerror="window.__xss=13">
<a href="javascript:window.__xss=14">details</a> <b onmouseover="window.__xss=15">bold</b>.</p>
<p>Separately, Acme &lt;script&gt;window.__xss=16&lt;/script&gt; Ltd will invest RMB 1 billion in the zone.</p>
</article></body></html>"""
HOSTILE_TEXT = (
    "On August 21, 2020, <script>window.__xss=21</script> Foo Ltd signed to invest RMB 3 billion in "
    '<img src=x onerror="window.__xss=22">Bar Park and <a href="javascript:window.__xss=23">Baz</a> Zone.\n'
    "\"><svg onload=window.__xss=24> Qux Co., Ltd. will invest RMB 4 billion in '><iframe src=javascript:1> Park.\n"
)


@pytest.fixture()
def app_and_url(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    url = f"sqlite:///{tmp_path}/ledger.db"
    ledger_data.build(url).dispose()
    with TestClient(create_app(settings_for(url))) as c:
        yield c, url


def write_routes(client: TestClient) -> list[tuple[str, str]]:
    app = client.app
    while not hasattr(app, "routes"):  # under the app's own middleware (body size limit, headers)
        app = app.app  # type: ignore[attr-defined]
    found = []
    for route, prefix in _routes(app.routes, ""):
        for method in sorted((route.methods or set()) & WRITE_METHODS):
            found.append((method, route.path if route.path.startswith(prefix) else prefix + route.path))
    return found


def _routes(routes: list[Any], prefix: str) -> Iterator[tuple[Route, str]]:
    """Routes, through included routers (FastAPI wraps them; the original router keeps its routes)."""
    for route in routes:
        if isinstance(route, Route):
            yield route, prefix
        elif hasattr(route, "original_router"):
            inner = route.original_router
            yield from _routes(inner.routes, prefix + getattr(route, "prefix", "") + getattr(inner, "prefix", ""))


def _fill(path: str) -> str:
    return path.replace("{id}", "1").replace("{project_id}", "1").replace("{document_id}", "1")


def _counts(c: TestClient) -> tuple[int, ...]:
    return tuple(c.get(p, headers=AUTH).json()["total"] for p in ("/api/reviews", "/api/documents", "/api/projects"))


def test_every_write_route_refuses_a_request_without_the_token(app_and_url: tuple[TestClient, str]) -> None:
    c, _ = app_and_url
    routes = [(m, p) for m, p in write_routes(c) if p not in OPEN_WRITES]
    assert len(routes) >= 8, routes  # the API's and the forms' writes
    before = _counts(c)
    for method, path in routes:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Cookie": "session=forged"}):
            r = c.request(method, _fill(path), headers=headers, json={"text": "x", "field": "place", "value": "X"})
            assert r.status_code in (401, 403), (method, path, headers, r.status_code)
            r = c.request(method, _fill(path), headers=headers, data={"csrf": "x", "text": "x", "value": "X"})
            assert r.status_code in (401, 403), (method, path, headers, r.status_code)
    assert _counts(c) == before


def test_tokens_are_compared_in_constant_time(
    app_and_url: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hmac

    import zonewatch.web.security as security

    calls: list[tuple[object, object]] = []
    original = hmac.compare_digest

    def spy(a: object, b: object) -> bool:
        calls.append((a, b))
        return original(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    c, _ = app_and_url
    assert c.post("/api/projects/1/confirm", headers={"Authorization": "Bearer wrong-token"}).status_code == 401
    assert any(b"wrong-token" in (a if isinstance(a, bytes) else str(a).encode()) for a, _ in calls)
    calls.clear()
    assert c.post("/api/projects/1/confirm", headers=AUTH).status_code in (200, 404)
    assert calls, "the right token must be checked with hmac.compare_digest too"


class Page(HTMLParser):
    """Active content (scripts, on* handlers, javascript: URLs) and the site's own links in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.active: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src") != "/static/app.js":
            self.active.append(f"<script src={a.get('src')}>")
        if tag in (
            "iframe",
            "object",
            "embed",
            "frame",
            "base",
        ):  # our charts are inline SVG: their handlers are checked below
            self.active.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.active.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and (value or "").strip().lower().replace(
                "\t", ""
            ).startswith(("javascript:", "data:text/html", "vbscript:")):
                self.active.append(f"<{tag} {name}={value}>")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")


def crawl(c: TestClient, start: str = "/", limit: int = 80) -> dict[str, Page]:
    """Every same-site HTML page reachable from ``start`` (breadth first, up to ``limit`` pages)."""
    seen: dict[str, Page] = {}
    queue = [start, "/review", "/findings", "/documents", "/organisations", "/projects?lang=zh"]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        r = c.get(path)
        if "text/html" not in r.headers.get("content-type", ""):
            continue
        assert r.status_code == 200, (path, r.status_code)
        headers = r.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[1].split(";")[0], path
        assert headers["x-content-type-options"] == "nosniff", path
        page = Page()
        page.feed(r.text)
        seen[path] = page
        for href in page.links:
            parts = urlsplit(urljoin("http://testserver" + path, href))
            internal = parts.netloc == "testserver" and not parts.path.startswith(("/static", "/api", "/logout"))
            if internal and not parts.path.endswith((".csv", ".xlsx", ".json")):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def test_hostile_documents_ingested_through_the_pipeline_are_inert_on_every_page(
    app_and_url: tuple[TestClient, str],
) -> None:
    c, _ = app_and_url
    for body in ({"text": HOSTILE_TEXT, "published": "2020-08-22"}, {"text": HOSTILE_HTML, "published": "2020-08-22"}):
        r = c.post("/api/ingest", headers=AUTH, json=body)
        assert r.status_code == 200, r.text
    pages = crawl(c)
    assert any(p.startswith("/projects/") for p in pages) and any(p.startswith("/documents/") for p in pages)
    for path, page in pages.items():
        assert page.active == [], (path, page.active)
    # and the hostile text is there, as text
    html = "".join(c.get(p).text for p in pages if p.startswith("/documents/"))
    assert "&lt;script&gt;window.__xss=21&lt;/script&gt;" in html or "window.__xss=21" not in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/projects?limit=1000000", 422),
        ("/api/projects?offset=-1", 422),
        ("/api/projects?search=" + "x" * 5000, 422),
        ("/projects?search=" + "x" * 5000, 422),
        ("/api/projects/99999999999999999999999", 422),
        ("/projects/99999999999999999999999", 422),
        ("/api/projects/0", 404),
        ("/projects/-1", 404),
        ("/api/documents/99999999", 404),
    ],
)
def test_out_of_range_requests_are_refused_not_crashed(
    app_and_url: tuple[TestClient, str], path: str, status: int
) -> None:
    c, _ = app_and_url
    r = c.get(path)
    assert r.status_code in (status, 400, 404, 414, 422), (path, r.status_code)
    assert r.status_code < 500
