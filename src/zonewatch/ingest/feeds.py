"""RSS and Atom feeds to Documents (feedparser): each entry's own content when it carries the article, else
the entry's link fetched."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import feedparser

from zonewatch.errors import InputError
from zonewatch.ingest.html import document_from_html
from zonewatch.ingest.urls import Fetched, document_from_fetched, fetch
from zonewatch.model import DateValue, Document, Precision

# An entry whose content is shorter than this is a teaser: the article is behind its link.
MIN_CONTENT_CHARS = 200
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # the entry's link, else its id
    link: str | None
    title: str | None
    published: DateValue | None
    content: str | None  # HTML or text carried by the feed itself


def looks_like_feed(fetched: Fetched) -> bool:
    kind = fetched.content_type.lower()
    if any(t in kind for t in ("rss", "atom")):
        return True
    return bool(_FEED_START.match(fetched.body[:2000]))


def parse_entries(body: bytes, source: str) -> list[Entry]:
    """The entries of a feed; InputError when the body is not a feed feedparser can read."""
    parsed = feedparser.parse(body)
    entries = []
    for item in parsed.get("entries", []):
        link = item.get("link")
        key = link or item.get("id")
        if not key:
            continue
        contents = [c.get("value", "") for c in item.get("content", []) if c.get("value")]
        content = max(contents, key=len) if contents else item.get("summary")
        entries.append(Entry(key, link, item.get("title"), _published(item), content or None))
    if parsed.get("bozo") and not entries:
        # feedparser reads what it can of a broken feed; nothing usable means the feed itself is the problem.
        raise InputError(source, f"is not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    return entries


def _published(item: dict[str, object]) -> DateValue | None:
    for name in ("published_parsed", "updated_parsed"):
        value = item.get(name)
        if value:
            try:
                day = dt.date(value[0], value[1], value[2])  # type: ignore[index]
            except (TypeError, ValueError, IndexError):
                continue
            return DateValue(day, Precision.DAY, day.isoformat())
    return None


def _text_of(content: str, source: str, url: str | None) -> Document | None:
    """The entry's content as a Document, or None when it is only a teaser."""
    plain = html.unescape(_TAG.sub(" ", content))
    if len(" ".join(plain.split())) < MIN_CONTENT_CHARS:
        return None
    try:
        return document_from_html(f"<html><body><article>{content}</article></body></html>", source, url=url)
    except InputError:
        text = "\n".join(line.strip() for line in plain.splitlines() if line.strip())
        return Document(text=text, source=source, url=url)


def entry_document(entry: Entry, feed_url: str, fetcher: Callable[[str], Fetched] = fetch) -> Document:
    """One entry as a Document: its own content when long enough, else its link fetched."""
    source = entry.link or f"{feed_url}#{entry.key}"
    doc = _text_of(entry.content, source, entry.link) if entry.content else None
    if doc is None:
        if not entry.link:
            raise InputError(source, "feed entry has neither content nor a link")
        doc = document_from_fetched(fetcher(entry.link), entry.link)
    title = entry.title or doc.title
    text = doc.text if not title or doc.text.startswith(title) else f"{title}\n\n{doc.text}"
    return Document(
        text=text,
        language=doc.language,
        source=source,
        url=entry.link or doc.url,
        title=title,
        published=entry.published or doc.published,
    )


def feed_documents(
    fetched: Fetched,
    source: str,
    skip: Callable[[Entry], bool] = lambda e: False,
    fetcher: Callable[[str], Fetched] = fetch,
) -> Iterator[Document | InputError]:
    """Every entry of a fetched feed (except those ``skip`` says are known), an entry's failure as its error."""
    for entry in parse_entries(fetched.body, source):
        if skip(entry):
            continue
        try:
            yield entry_document(entry, fetched.url, fetcher)
        except InputError as exc:
            yield exc
