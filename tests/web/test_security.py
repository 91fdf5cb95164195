"""The web's attack surface: tokens on every write, CSRF on forms, escaping, injection strings, limits, headers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from tests.web import ledger_data
from tests.web.conftest import TOKEN, ids_by_investor
from zonewatch.web.security import MAX_BODY_BYTES

AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Every write route of the API, with a body that would succeed with the token.
API_WRITES = [
    ("/api/projects/{id}/confirm", None),
    ("/api/projects/{id}/reject", None),
    ("/api/projects/{id}/edit", {"field": "place", "value": "Somewhere"}),
    ("/api/organisations/aliases", {"organisation": "Tencent", "alias": "Tengxun"}),
    ("/api/ingest", {"text": "On 1 May 2020, Foo Ltd signed to invest RMB 1 billion in Bar Park."}),
]
FORM_WRITES = ["/review/{id}/confirm", "/review/{id}/reject", "/review/{id}/edit", "/ingest", "/organisations/alias"]


def _status(writer: TestClient, pid: int) -> str:
    return str(writer.get(f"/api/projects/{pid}").json()["project"]["status"])


@pytest.mark.parametrize(("path", "body"), API_WRITES, ids=[p for p, _ in API_WRITES])
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer "}],
    ids=["none", "wrong", "not-bearer", "empty"],
)
def test_api_writes_refuse_without_the_token(
    writer: TestClient, fresh_url: str, path: str, body: dict | None, headers: dict
) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    before = writer.get("/api/reviews").json()["total"], writer.get("/api/documents").json()["total"]
    r = writer.post(path.format(id=pid), json=body, headers=headers)
    assert r.status_code == 401
    assert r.headers.get("www-authenticate") == "Bearer"
    assert _status(writer, pid) == "pending"
    assert (writer.get("/api/reviews").json()["total"], writer.get("/api/documents").json()["total"]) == before


@pytest.mark.parametrize(("path", "body"), API_WRITES, ids=[p for p, _ in API_WRITES])
def test_api_writes_work_with_the_token(writer: TestClient, fresh_url: str, path: str, body: dict | None) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    r = writer.post(path.format(id=pid), json=body, headers=AUTH)
    assert r.status_code == 200, r.text


def test_server_without_token_refuses_every_write(fresh_url: str) -> None:
    from tests.web.conftest import settings_for
    from zonewatch.web.app import create_app

    with TestClient(create_app(settings_for(fresh_url, token=""))) as c:
        pid = ids_by_investor(fresh_url)["Tencent"]
        assert c.post(f"/api/projects/{pid}/confirm", headers={"Authorization": "Bearer "}).status_code == 401
        assert c.post(f"/api/projects/{pid}/confirm", headers={"Authorization": "Bearer x"}).status_code == 401


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF field in the page"
    return m.group(1)


def _login(c: TestClient, token: str = TOKEN) -> int:
    csrf = _csrf(c.get("/login").text)
    r = c.post("/login", data={"token": token, "who": "ana", "csrf": csrf, "next": "/review"}, follow_redirects=False)
    return r.status_code


@pytest.mark.parametrize("path", FORM_WRITES)
def test_forms_refuse_without_login(writer: TestClient, fresh_url: str, path: str) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    csrf = _csrf(writer.get("/login").text)  # a valid CSRF token, but no login
    r = writer.post(
        path.format(id=pid),
        data={"csrf": csrf, "field": "place", "value": "X", "text": "abc", "organisation": "Tencent", "alias": "TX"},
        follow_redirects=False,
    )
    assert r.status_code == 401
    assert _status(writer, pid) == "pending"


@pytest.mark.parametrize("path", FORM_WRITES)
def test_forms_refuse_without_csrf_even_when_logged_in(writer: TestClient, fresh_url: str, path: str) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    assert _login(writer) == 303
    for data in ({}, {"csrf": "forged"}):
        r = writer.post(
            path.format(id=pid),
            data={**data, "field": "place", "value": "X", "text": "abc", "organisation": "Tencent", "alias": "TX"},
            follow_redirects=False,
        )
        assert r.status_code == 403
    assert _status(writer, pid) == "pending"


def test_a_logged_in_session_cannot_write_through_the_api_without_the_header(
    writer: TestClient, fresh_url: str
) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    assert _login(writer) == 303
    assert writer.post(f"/api/projects/{pid}/confirm").status_code == 401  # cookie alone: no (no CSRF token)
    assert _status(writer, pid) == "pending"


def test_login_then_confirm_through_the_form(writer: TestClient, fresh_url: str) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    assert _login(writer) == 303
    page = writer.get("/review").text
    r = writer.post(f"/review/{pid}/confirm", data={"csrf": _csrf(page), "next": "/review"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/review"
    assert _status(writer, pid) == "confirmed"
    log = writer.get("/api/reviews").json()["rows"]
    assert (log[0]["action"], log[0]["who"]) == ("confirm", "ana")


def test_wrong_token_does_not_log_in(writer: TestClient) -> None:
    assert _login(writer, "wrong") == 401
    assert "/logout" not in writer.get("/review").text


def test_login_needs_csrf(writer: TestClient) -> None:
    r = writer.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 403


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_login_never_redirects_off_site(writer: TestClient, target: str) -> None:
    csrf = _csrf(writer.get("/login").text)
    r = writer.post("/login", data={"token": TOKEN, "csrf": csrf, "next": target}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_logout_ends_the_session(writer: TestClient) -> None:
    assert _login(writer) == 303
    page = writer.get("/review").text
    assert "/logout" in page
    writer.post("/logout", data={"csrf": _csrf(page)})
    assert "/logout" not in writer.get("/review").text


# ---- escaping ------------------------------------------------------------------------------------------------

PAYLOADS = [
    ledger_data.XSS_SCRIPT,
    ledger_data.XSS_IMG,
    ledger_data.XSS_LINK,
    ledger_data.XSS_INVESTOR,
    ledger_data.XSS_PLACE,
    ledger_data.XSS_TITLE,
]


def _xss_pages(client: TestClient, ledger_url: str) -> list[str]:
    pid = ids_by_investor(ledger_url)[ledger_data.XSS_INVESTOR]
    detail = client.get(f"/api/projects/{pid}").json()
    doc_id = detail["sources"][0]["document_id"]
    return [
        "/",
        "/projects",
        f"/projects/{pid}",
        "/findings",
        "/review",
        "/documents",
        f"/documents/{doc_id}",
        "/organisations",
        "/projects?lang=zh",
        f"/projects?search={ledger_data.XSS_SCRIPT}",
    ]


class _ActiveParts(HTMLParser):
    """Everything in a page that could run: script elements, on* attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append(f"script src={dict(attrs).get('src')}")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def test_payloads_are_escaped_on_every_page(client: TestClient, ledger_url: str) -> None:
    for path in _xss_pages(client, ledger_url):
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        for payload in PAYLOADS:
            assert payload not in r.text, (path, payload)
        parser = _ActiveParts()
        parser.feed(r.text)
        assert parser.found == ["script src=/static/app.js"], path  # only our own static script


def test_payload_shows_as_text_on_the_project_page(client: TestClient, ledger_url: str) -> None:
    pid = ids_by_investor(ledger_url)[ledger_data.XSS_INVESTOR]
    html = client.get(f"/projects/{pid}").text
    assert "&lt;script&gt;window.__xss = 1; alert(&#39;xss&#39;)&lt;/script&gt;" in html


def test_csv_download_neutralises_formulas(writer: TestClient, fresh_url: str) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    writer.post(f"/api/projects/{pid}/edit", headers=AUTH, json={"field": "description", "value": '=HYPERLINK("x")'})
    csv_text = writer.get("/projects.csv?investor=Tencent").text
    assert "'=HYPERLINK" in csv_text
    assert ",=HYPERLINK" not in csv_text


# ---- injection strings in every filter ---------------------------------------------------------------------------

INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE projects; --",
    '" OR 1=1 --',
    "%' UNION SELECT * FROM documents --",
    "nobody' --",
    "*",
    "\\",
    "NULL",
    "') OR ('a'='a",
    "腾讯' OR 1=1 --",
]
TEXT_FILTERS = ["zone", "place", "investor", "sector", "stage", "search"]


@pytest.mark.parametrize("name", TEXT_FILTERS)
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_in_text_filters_match_nothing(client: TestClient, name: str, value: str) -> None:
    r = client.get("/api/projects", params={name: value})
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [] and r.json()["total"] == 0
    page = client.get("/projects", params={name: value})
    assert page.status_code == 200
    assert "no-projects" in page.text


@pytest.mark.parametrize("name", ["since", "until", "min_amount", "sort", "status", "limit", "offset", "by"])
@pytest.mark.parametrize("value", INJECTIONS[:4])
def test_injection_strings_in_typed_parameters_are_refused(client: TestClient, name: str, value: str) -> None:
    path = "/api/stats" if name == "by" else "/api/projects"
    r = client.get(path, params={name: value[:10]})
    assert r.status_code == 422, r.text


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_in_other_lists(client: TestClient, value: str) -> None:
    for path, name in (("/api/documents", "search"), ("/api/findings", "kind"), ("/api/organisations", "search")):
        r = client.get(path, params={name: value})
        assert r.status_code == 200, (path, r.text)
        assert r.json()["rows"] == []
    assert client.get("/api/projects").json()["total"] == 4  # nothing was dropped


# ---- limits and headers -------------------------------------------------------------------------------------------


def test_body_size_limit(writer: TestClient) -> None:
    big = "x" * (MAX_BODY_BYTES + 10)
    r = writer.post("/api/ingest", headers={**AUTH, "content-type": "application/json"}, content=big)
    assert r.status_code == 413


def test_query_length_limits(client: TestClient) -> None:
    assert client.get("/api/projects", params={"search": "a" * 201}).status_code == 422
    assert client.get("/api/projects?" + "a=1&" * 600).status_code == 414
    assert client.get("/api/projects", params={"limit": 10_000}).status_code == 422


@pytest.mark.parametrize("path", ["/", "/projects", "/api/projects", "/login", "/static/app.css", "/nope"])
def test_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite(writer: TestClient) -> None:
    r = writer.get("/login")
    cookie = r.headers.get("set-cookie", "")
    assert "zonewatch_session=" in cookie and "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def test_ingest_form_after_login(writer: TestClient) -> None:
    assert _login(writer) == 303
    page = writer.get("/documents").text
    assert 'id="ingest-form"' in page
    r = writer.post(
        "/ingest",
        data={"csrf": _csrf(page), "text": f"Pasted {ledger_data.XSS_SCRIPT} article."},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/documents/")
    html = writer.get(r.headers["location"]).text
    assert "Pasted &lt;script&gt;window.__xss = 1" in html


def test_alias_form_after_login(writer: TestClient) -> None:
    assert _login(writer) == 303
    page = writer.get("/organisations?search=Tencent").text
    r = writer.post(
        "/organisations/alias",
        data={
            "csrf": _csrf(page),
            "organisation": "Tencent",
            "alias": "Tengxun",
            "next": "/organisations?search=Tencent",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "Tengxun" in writer.get("/organisations?search=Tencent").text
    assert writer.get("/api/projects?investor=Tengxun").json()["total"] == 1  # the alias now finds the investor
