"""Fetching URLs: timeouts, a few retries, a size limit (decompressed, so a gzip bomb stops early), bounded
redirects, and conditional requests (ETag / Last-Modified) for ``zonewatch watch``."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from zonewatch.errors import InputError
from zonewatch.ingest.html import document_from_html, looks_like_html
from zonewatch.ingest.text import _clean, decode_bytes
from zonewatch.model import Document

MAX_REDIRECTS = 5
RETRIES = 2  # after the first attempt, for timeouts, connection errors and 5xx answers
BACKOFF_S = 0.5
USER_AGENT = "zonewatch/0.1 (investment announcements ledger)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """An HTTP answer: ``not_modified`` when a conditional request found nothing new (no body then)."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    not_modified: bool = False

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip("\"' ")
        return None


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _settings() -> tuple[float, int]:
    from zonewatch.settings import load

    values = load()
    return float(values["http_timeout"]), int(values["http_max_bytes"])


def fetch(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
    client: httpx.Client | None = None,
) -> Fetched:
    """GET ``url``; raise InputError naming it, with the reason, when it cannot be had."""
    default_timeout, default_max = _settings() if timeout is None or max_bytes is None else (timeout, max_bytes)
    timeout = timeout if timeout is not None else default_timeout
    max_bytes = max_bytes if max_bytes is not None else default_max
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    http = client or httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout)
    try:
        for attempt in range(RETRIES + 1):
            try:
                return _get(http, url, headers, max_bytes)
            except _Retry as exc:
                if attempt == RETRIES:
                    raise InputError(url, exc.reason) from None
                time.sleep(BACKOFF_S * (2**attempt))
        raise AssertionError("unreachable")
    finally:
        if own:
            http.close()


class _Retry(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _get(http: httpx.Client, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
    try:
        with http.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Fetched(
                    str(response.url),
                    304,
                    b"",
                    "",
                    headers.get("If-None-Match"),
                    headers.get("If-Modified-Since"),
                    not_modified=True,
                )
            if response.status_code >= 500:
                raise _Retry(f"the server answered HTTP {response.status_code}")
            if response.status_code >= 400:
                raise InputError(url, f"the server answered HTTP {response.status_code}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(url, f"is {int(declared) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB")
            chunks: list[bytes] = []
            size = 0
            # iter_bytes decompresses: counting here bounds what a small gzip bomb can expand to.
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(url, f"sent more than {max_bytes / 1e6:.1f} MB (the limit); stopped reading")
                chunks.append(chunk)
            return Fetched(
                str(response.url),
                response.status_code,
                b"".join(chunks),
                response.headers.get("Content-Type", ""),
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
    except httpx.TooManyRedirects:
        raise InputError(url, f"redirects more than {MAX_REDIRECTS} times (a redirect loop?)") from None
    except httpx.TimeoutException:
        raise _Retry("timed out") from None
    except httpx.DecodingError as exc:
        raise InputError(url, f"sent a body that cannot be decompressed ({exc})") from None
    except httpx.TransportError as exc:
        raise _Retry(f"cannot be reached ({type(exc).__name__}: {exc})") from None
    except httpx.InvalidURL as exc:
        raise InputError(url, f"is not a valid URL ({exc})") from None


def document_from_fetched(fetched: Fetched, source: str) -> Document:
    """An HTML page (through trafilatura) or a plain text answer as a Document whose url is the final URL."""
    data = fetched.body
    if not data.strip():
        raise InputError(source, "answered with an empty body")
    text = _decode(fetched, source)
    if "html" in fetched.content_type.lower() or looks_like_html(text):
        doc = document_from_html(text, source, url=fetched.url)
        return doc if doc.url else Document(doc.text, doc.language, doc.source, fetched.url, doc.title, doc.published)
    return Document(text=text, source=source, url=fetched.url)


def _decode(fetched: Fetched, source: str) -> str:
    charset = fetched.charset
    if charset:
        try:
            return _clean(fetched.body.decode(charset))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header is common: fall back to detection
    return decode_bytes(fetched.body, source)
