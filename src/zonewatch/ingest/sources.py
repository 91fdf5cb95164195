"""A SOURCE argument to Documents: a file, a folder (recursive), ``-`` for standard input, a URL of a page,
or a URL of an RSS/Atom feed (each entry a document). Streams: nothing is read before it is needed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from zonewatch.errors import InputError, ZonewatchError
from zonewatch.ingest.feeds import feed_documents, looks_like_feed
from zonewatch.ingest.files import iter_paths, read_path
from zonewatch.ingest.urls import document_from_fetched, fetch, is_url
from zonewatch.model import Document


def url_documents(url: str) -> Iterator[Document | InputError]:
    """A page as one document, or a feed as its entries."""
    try:
        fetched = fetch(url)
        if looks_like_feed(fetched):
            yield from feed_documents(fetched, url)
        else:
            yield document_from_fetched(fetched, url)
    except InputError as exc:
        yield exc


def iter_documents(sources: Iterable[str]) -> Iterator[Document | ZonewatchError]:
    """Every document the sources hold, in order; an input that cannot be read arrives as its error."""
    for source in sources:
        if is_url(source):
            yield from url_documents(source)
            continue
        for path in iter_paths([source]):
            try:
                yield read_path(path)
            except ZonewatchError as exc:
                yield exc
