"""The web's defences in one place: security headers, request-size limits, the token, sessions and CSRF.

Writes need the token: API clients send it as ``Authorization: Bearer <token>``; people log in once with a
form that stores a signed flag in the session cookie. Tokens are compared with :func:`hmac.compare_digest`
so the comparison time does not leak how many characters matched. An empty token setting refuses every
write (a server started without one is read-only), rather than accepting an empty bearer.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Scripts only from our own static files: no inline <script>, no eval. Styles likewise (no style=""
# attributes in templates). frame-ancestors 'none' forbids framing (clickjacking).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
# /docs loads Swagger UI; FastAPI serves it from a CDN by default, so the app serves its own copy or none.
DOCS_PATHS = ("/docs", "/redoc")

MAX_BODY_BYTES = 2_000_000  # a pasted article or a form; URLs are fetched server-side with their own limit
MAX_QUERY_CHARS = 2_000  # the whole query string
MAX_SEARCH_CHARS = 200  # one search box
MAX_PAGE_SIZE = 200

SESSION_AUTH_KEY = "auth"
SESSION_CSRF_KEY = "csrf"


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(HEADERS)]
                message["headers"] = headers + list(HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestLimits:
    """Refuse oversized requests before the app reads them: query strings (414) and bodies (413).

    The declared Content-Length is checked first; a chunked body is counted as it streams in.
    """

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES, max_query: int = MAX_QUERY_CHARS) -> None:
        self.app = app
        self.max_body = max_body
        self.max_query = max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await _plain(send, 414, b"query string too long")
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _plain(send, 400, b"bad content-length")
                    return
                if declared > self.max_body:
                    await _plain(send, 413, b"request body too large")
                    return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise HTTPException(413, "request body too large")
            return message

        await self.app(scope, counting_receive, send)


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def session_secret(token: str) -> str:
    """The key that signs session cookies: derived from the token, so changing the token logs everyone out.

    Without a token there is nothing to log in with; a random key per process is enough.
    """
    if not token:
        return secrets.token_hex(32)
    return hmac.new(token.encode(), b"zonewatch-session-v1", hashlib.sha256).hexdigest()


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison; an unset token never matches.

    >>> token_matches("s3cret", "s3cret"), token_matches("s3cre", "s3cret"), token_matches("", "")
    (True, False, False)
    """
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def is_authorised(request: Request) -> bool:
    """The request carries the token: as a bearer header, or a session the login form marked."""
    expected: str = request.app.state.settings["token"]
    if token_matches(bearer(request), expected):
        return True
    session: dict[str, Any] = request.scope.get("session") or {}
    return bool(expected) and hmac.compare_digest(str(session.get(SESSION_AUTH_KEY, "")), _session_mark(expected))


def _session_mark(token: str) -> str:
    """What the session stores after login: a hash of the token, so a token change invalidates old sessions."""
    return hashlib.sha256(b"zonewatch-login:" + token.encode()).hexdigest()


def log_in(request: Request, given: str) -> bool:
    if not token_matches(given, request.app.state.settings["token"]):
        return False
    request.session[SESSION_AUTH_KEY] = _session_mark(request.app.state.settings["token"])
    request.session[SESSION_CSRF_KEY] = secrets.token_urlsafe(32)  # a fresh CSRF token at privilege change
    return True


def log_out(request: Request) -> None:
    request.session.clear()


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use), to put in every form's hidden field."""
    token = request.session.get(SESSION_CSRF_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF_KEY] = token
    return str(token)


def csrf_ok(request: Request, given: str | None) -> bool:
    expected = request.session.get(SESSION_CSRF_KEY)
    return bool(expected) and bool(given) and hmac.compare_digest(str(given).encode(), str(expected).encode())


def require_write(request: Request) -> None:
    """FastAPI dependency for every API write: 401 without the token as a bearer header.

    A session cookie is not enough here: API writes carry no CSRF token, so only a header, which another
    site cannot make a browser send, authorises them. Pages write through their own CSRF-checked forms.
    """
    if not token_matches(bearer(request), request.app.state.settings["token"]):
        raise HTTPException(
            401, "this action needs the token (Authorization: Bearer <token>)", headers={"WWW-Authenticate": "Bearer"}
        )


def require_read(request: Request) -> None:
    """FastAPI dependency for reads: open unless the ``read_requires_token`` setting is on."""
    if request.app.state.settings["read_requires_token"] and not is_authorised(request):
        raise HTTPException(401, "reading needs the token on this server", headers={"WWW-Authenticate": "Bearer"})
