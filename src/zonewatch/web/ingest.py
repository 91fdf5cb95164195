"""``POST /api/ingest`` and the pages' paste box: a URL or pasted text into the ledger, through its ingest function."""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException

from zonewatch.ingest.html import document_from_html, looks_like_html
from zonewatch.ingest.text import parse_published
from zonewatch.ledger import query
from zonewatch.model import Document


def _refuse_local(url: str) -> None:
    """Refuse URLs naming this machine or link-local addresses (cloud metadata endpoints): the server fetches them.

    Private network ranges stay allowed (an analyst may ingest from an intranet); redirects are followed by the
    ingest package's fetcher and are not re-checked here (see docs/web.md).
    """
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        raise HTTPException(422, f"url: cannot resolve host {host!r}") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address.is_loopback or address.is_link_local or address.is_unspecified or address.is_multicast:
            raise HTTPException(422, "url: refusing to fetch a loopback or link-local address")


def _documents(url: str) -> list[Document]:
    """The documents at ``url`` (a page, or a feed's entries) through the ingest package's URL reader."""
    from zonewatch.ingest.sources import url_documents

    _refuse_local(url)
    docs: list[Document] = []
    for item in url_documents(url):
        if isinstance(item, Exception):
            raise HTTPException(422, str(item))
        docs.append(item)
    return docs


def ingest(
    ledger: Any,
    settings: dict[str, Any],
    *,
    url: str | None,
    text: str | None,
    published: str | None,
    title: str | None = None,
    lang: str = "auto",
) -> tuple[list[query.DocumentResult], list[query.ProjectRow]]:
    """Ingest a URL (a page or a feed) or one pasted text; return what the ledger did per document and the
    projects of those documents. A document that fails is recorded by the ledger and reported in its result."""
    pub = parse_published(published) if published else None
    if url:
        docs = _documents(url)
    else:
        assert text is not None
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        source = f"web:{digest}"
        doc = document_from_html(text, source) if looks_like_html(text) else Document(text=text, source=source)
        if title and not doc.title:
            doc = Document(doc.text, doc.language, doc.source, doc.url, title, doc.published)
        docs = [doc]
    results = [query.ingest_document(ledger, doc, lang=lang, published=pub) for doc in docs]
    projects: list[query.ProjectRow] = []
    for result in results:
        if result.document_id is not None:
            page = query.list_projects(
                ledger,
                query.ProjectFilter(document_id=result.document_id, status="all"),
                sort="id",
                limit=query.MAX_LIMIT,
            )
            projects.extend(page.rows)
    return results, projects
