"""Keeping feeds and pages under watch: conditional requests, only new entries ingested.

The validators (ETag, Last-Modified) of each URL live in the ``watch_state`` table, so a restarted watch
does not re-read what it already has; entries whose link is already a stored document are not fetched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from zonewatch.errors import ConfigError, InputError, ZonewatchError
from zonewatch.ingest.feeds import Entry, feed_documents, looks_like_feed
from zonewatch.ingest.urls import document_from_fetched, fetch
from zonewatch.ledger.db import Ledger
from zonewatch.ledger.models import DocumentRow, WatchState, utcnow
from zonewatch.ledger.rows import DocumentResult, IngestSummary
from zonewatch.ledger.store import ingest_document, record_error

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT_S = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, None: 1}


def parse_every(value: str) -> float:
    """``--every`` as seconds.

    >>> parse_every("30m"), parse_every("2h"), parse_every("45s")
    (1800.0, 7200.0, 45.0)
    """
    m = _DURATION.match(value)
    if not m:
        raise ConfigError(f"--every {value!r}: expected a duration like 30m, 2h or 45s")
    seconds = float(m[1]) * _UNIT_S[m[2].lower() if m[2] else None]
    if seconds <= 0:
        raise ConfigError(f"--every {value!r}: must be more than zero")
    return seconds


@dataclass(frozen=True, slots=True)
class Check:
    """What one look at one URL found."""

    url: str
    not_modified: bool
    summary: IngestSummary


def _state(ledger: Ledger, url: str) -> tuple[str | None, str | None]:
    with ledger.read() as session:
        state = session.get(WatchState, url)
        return (state.etag, state.last_modified) if state else (None, None)


def _save_state(ledger: Ledger, url: str, etag: str | None, last_modified: str | None) -> None:
    with ledger.write() as session:
        state = session.get(WatchState, url)
        if state is None:
            session.add(WatchState(url=url, etag=etag, last_modified=last_modified, checked_at=utcnow()))
        else:
            state.etag, state.last_modified, state.checked_at = etag, last_modified, utcnow()


def _known_key(ledger: Ledger, key: str) -> bool:
    with ledger.read() as session:
        return session.scalar(select(DocumentRow.id).where(DocumentRow.key == key).limit(1)) is not None


def check(ledger: Ledger, url: str, on_result: Callable[[DocumentResult], None] | None = None) -> Check:
    """Look at ``url`` once: nothing when unchanged (HTTP 304), else ingest its new entries (or the page)."""
    etag, last_modified = _state(ledger, url)
    summary = IngestSummary()

    def ingest(item: object, source: str) -> None:
        nonlocal summary
        if isinstance(item, ZonewatchError):
            result = record_error(ledger, source, str(item))
        else:
            result = ingest_document(ledger, item)  # type: ignore[arg-type]
        summary = summary.add(result)
        if on_result is not None:
            on_result(result)

    try:
        fetched = fetch(url, etag=etag, last_modified=last_modified)
    except InputError as exc:
        ingest(exc, url)
        return Check(url, False, summary)
    if fetched.not_modified:
        return Check(url, True, summary)
    if looks_like_feed(fetched):

        def known(entry: Entry) -> bool:
            return _known_key(ledger, entry.link or entry.key)

        try:
            for item in feed_documents(fetched, url, skip=known):
                ingest(item, getattr(item, "source", url))
        except InputError as exc:
            ingest(exc, url)
    else:
        try:
            ingest(document_from_fetched(fetched, url), url)
        except InputError as exc:
            ingest(exc, url)
    _save_state(ledger, url, fetched.etag, fetched.last_modified)
    return Check(url, False, summary)
