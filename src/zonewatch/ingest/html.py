"""HTML pages to Documents through trafilatura, which also gives the title, date and canonical URL."""

from __future__ import annotations

import datetime as dt
import re

from zonewatch.errors import InputError
from zonewatch.model import DateValue, Document, Precision

_HTML_HINT = re.compile(r"<\s*(html|head|body|div|p|article|!doctype)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


def document_from_html(html: str, source: str, url: str | None = None) -> Document:
    """Main text and metadata of an HTML page; the title becomes the first line of the text."""
    import trafilatura  # imported on the first HTML page: it costs 0.3-0.7 s of start-up to every plain-text run

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
    )
    body = getattr(result, "text", None) if result is not None else None
    if not body or not body.strip():
        raise InputError(source, "is an HTML page with no readable text")
    title = (getattr(result, "title", None) or "").strip() or None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    published = _metadata_date(getattr(result, "date", None))
    return Document(
        text=text,
        source=source,
        url=getattr(result, "url", None) or url,
        title=title,
        published=published,
    )


def _metadata_date(value: str | None) -> DateValue | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return DateValue(day, Precision.DAY, value)
