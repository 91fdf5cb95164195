"""``POST /api/ingest`` and the pages' paste box: a URL or pasted text into the ledger, through its ingest function."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import HTTPException

from zonewatch.ingest.html import document_from_html, looks_like_html
from zonewatch.ingest.text import parse_published
from zonewatch.ledger import query
from zonewatch.model import Document


def _fetch(url: str, settings: dict[str, Any]) -> Document:
    """The document at ``url``, read by the ingest package's URL reader (timeouts, size limit, bounded redirects)."""
    try:
        from zonewatch.ingest import url as url_reader  # type: ignore[attr-defined]
    except ImportError:
        raise HTTPException(501, "this build cannot fetch URLs (zonewatch.ingest.url is missing)") from None
    for name in ("read_url", "fetch_document", "fetch"):
        reader = getattr(url_reader, name, None)
        if callable(reader):
            doc = reader(url)
            if isinstance(doc, Document):
                return doc
    raise HTTPException(501, "this build cannot fetch URLs (no reader in zonewatch.ingest.url)")


def ingest(
    ledger: Any,
    settings: dict[str, Any],
    *,
    url: str | None,
    text: str | None,
    published: str | None,
    title: str | None = None,
    lang: str = "auto",
) -> tuple[query.DocumentResult, list[query.ProjectRow]]:
    """Ingest one URL or one pasted text; return what the ledger did and the projects of that document."""
    pub = parse_published(published) if published else None
    if url:
        doc = _fetch(url, settings)
    else:
        assert text is not None
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        source = f"web:{digest}"
        if looks_like_html(text):
            doc = document_from_html(text, source)
        else:
            doc = Document(text=text, source=source, title=title)
        if title and not doc.title:
            doc = Document(text=doc.text, language=doc.language, source=doc.source, url=doc.url, title=title,
                           published=doc.published)
    result = query.ingest_document(ledger, doc, lang=lang, published=pub)
    if result.document_id is None:
        return result, []
    page = query.list_projects(ledger, query.ProjectFilter(document_id=result.document_id, status="all"),
                               sort="id", limit=query.MAX_LIMIT)
    return result, list(page.rows)
