"""Writing many documents in one transaction: what makes a 100,000-document ingest fast.

A batch is one write transaction (the ledger's write lock held once, one commit) with a SAVEPOINT per
document, so a document the ledger refuses is rolled back alone, recorded as an error in the same
transaction, and its neighbours are stored. Before the first document, the batch asks the database once
for everything it can know in bulk: which texts are already stored, which keys already have a current
version, which names are known organisations, aliases and places. Inside the transaction those answers
stay true (nobody else can write while it holds the lock), so the per-document work skips those lookups.

Crash safety is per batch: a killed ingest loses only the batch in progress, and a re-run finds the
committed ones "unchanged". If the batch transaction itself fails (the ledger is locked or gone), its
documents are retried one transaction each, so every input still gets its own result.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from zonewatch.errors import ZonewatchError
from zonewatch.ledger.db import ABSENT, Ledger
from zonewatch.ledger.models import DocumentRow, IngestError, Organisation, OrganisationAlias, Place, ProjectRecord
from zonewatch.ledger.names import canonical
from zonewatch.ledger.rows import DocumentResult, IngestSummary
from zonewatch.ledger.store import (
    Ids,
    NeedsSent,
    Unsent,
    _known,
    content_hash,
    document_key,
    record_error,
    store_extraction,
    store_in,
)
from zonewatch.model import Extraction

# Values per IN (...) list: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
IN_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Failed:
    """An input that could not be read or extracted, with the reason to record."""

    source: str
    reason: str


# What a batch stores, in input order: an extraction, a failure, or a result already known (unchanged text).
Item = Extraction | Failed | DocumentResult


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(values), IN_CHUNK):
        yield values[i : i + IN_CHUNK]


def stored_hashes(session: Session, digests: Iterable[str]) -> dict[str, int]:
    """Content hash -> document id for the texts already stored (one query per 500 hashes)."""
    found: dict[str, int] = {}
    for part in _chunks(sorted(set(digests))):
        found.update(
            session.execute(
                select(DocumentRow.content_hash, DocumentRow.id).where(DocumentRow.content_hash.in_(part))
            ).all()
        )
    return found


def _names(extraction: Extraction) -> tuple[set[str], set[str]]:
    """Every organisation name (canonical and as written) and place an extraction's projects mention."""
    orgs: set[str] = set()
    places: set[str] = set()
    for p in extraction.projects:
        for m in (*p.investors, *p.hosts):
            name = canonical(m.display)
            orgs.update((name, m.raw, m.name))
        if p.place is not None:
            places.add(canonical(p.place.display))
    return {n.strip()[:512] for n in orgs} - {""}, places


def _prefetch(session: Session, extractions: list[tuple[Extraction, str]]) -> None:
    """Bulk answers for the batch (see the module docstring), noted in the transaction's ``pending`` names."""
    pending: dict[tuple[str, str], Any] = session.info["pending"]
    digests = [digest for _, digest in extractions]
    hashes = stored_hashes(session, digests)
    for digest in digests:
        pending[("_hash", digest)] = hashes.get(digest, ABSENT)
    keys = sorted({document_key(e.document, digest) for e, digest in extractions})
    current: set[str] = set()
    for part in _chunks(keys):
        current.update(
            session.scalars(select(DocumentRow.key).where(DocumentRow.key.in_(part), DocumentRow.is_current.is_(True)))
        )
    for key in keys:
        if key not in current:
            pending[("_key", key)] = ABSENT
    orgs: set[str] = set()
    places: set[str] = set()
    for extraction, _ in extractions:
        o, p = _names(extraction)
        orgs |= o
        places |= p
    aliases: dict[str, tuple[int, str]] = {}
    named: dict[str, int] = {}
    for part in _chunks(sorted(orgs)):
        rows = session.execute(
            select(OrganisationAlias.alias, Organisation.id, Organisation.name)
            .join(Organisation, Organisation.id == OrganisationAlias.organisation_id)
            .where(OrganisationAlias.alias.in_(part))
        ).all()
        aliases.update((alias, (org_id, name)) for alias, org_id, name in rows)
    # A ledger name (the organisation an alias points at) is looked up as an organisation too.
    wanted = sorted(orgs | {name for _, name in aliases.values()})
    for part in _chunks(wanted):
        named.update(
            session.execute(select(Organisation.name, Organisation.id).where(Organisation.name.in_(part))).all()
        )
    for name in orgs:
        owner = aliases.get(name)
        pending.setdefault(("alias", name), owner[0] if owner else ABSENT)
        pending.setdefault(("alias_name", name), owner[1] if owner else ABSENT)
    for name in wanted:
        pending.setdefault(("org", name), named.get(name, ABSENT))
    known_places: set[str] = set()
    for part in _chunks(sorted(places)):
        known_places.update(session.scalars(select(Place.name).where(Place.name.in_(part))))
    for name in places:
        pending.setdefault(("place", name), True if name in known_places else ABSENT)


def _store_all(session: Session, items: list[Item]) -> list[DocumentResult]:
    """Every item inside the caller's transaction, one SAVEPOINT per document."""
    extractions = [(i, content_hash(i.document.text)) for i in items if isinstance(i, Extraction)]
    _prefetch(session, extractions)
    digests = iter(digest for _, digest in extractions)
    batch_pending: dict[tuple[str, str], Any] = session.info["pending"]
    unsent = session.info["unsent"] = Unsent()
    session.info["ids"] = {
        DocumentRow: Ids(DocumentRow, len(extractions)),
        ProjectRecord: Ids(ProjectRecord, sum(len(e.projects) for e, _ in extractions)),
        Organisation: Ids(Organisation, _new_organisations(session, extractions)),
    }
    results: list[DocumentResult] = []
    try:
        for item in items:
            if isinstance(item, DocumentResult):
                results.append(item)
                continue
            if isinstance(item, Failed):
                session.add(IngestError(source=item.source[:2048], reason=item.reason))
                results.append(DocumentResult(item.source, "error", error=item.reason))
                continue
            results.append(_store_one(session, item, next(digests), batch_pending, unsent))
        unsent.send(session)
        session.flush()
    finally:
        session.info["pending"] = batch_pending
        for name in ("unsent", "deferred", "placed", "ids", "new"):
            session.info.pop(name, None)
    return results


def _store_one(
    session: Session, item: Extraction, digest: str, batch_pending: dict[tuple[str, str], Any], unsent: Unsent
) -> DocumentResult:
    """One document in its SAVEPOINT; stored again once the batch's unsent rows are sent if it needs them."""
    if unsent.rows and _may_match_unsent(session, item, unsent):
        unsent.send(session, matching=True)  # sent now rather than found out half-way through the document
    for _ in range(3):  # at most: what matching reads, then everything
        # Names this document writes and rows it defers are only kept if its savepoint is released.
        doc_pending: dict[tuple[str, str], Any] = {}
        session.info["pending"] = collections.ChainMap(doc_pending, batch_pending)
        rows: dict[Any, list[dict[str, Any]]] = {}
        placed: set[tuple[Any, Any]] = set()
        new: dict[tuple[Any, int], Any] = {}
        session.info["deferred"], session.info["placed"], session.info["new"] = rows, placed, new
        ids: dict[Any, Ids] = session.info["ids"]
        taken = {model: block.at for model, block in ids.items()}
        try:
            with session.begin_nested():
                result = store_in(session, item, digest)
        except NeedsSent as needs:
            _give_back(ids, taken)
            unsent.send(session, needs.matching)  # outside any document's savepoint
            continue
        except Exception as exc:  # one bad document is rolled back to its savepoint; the batch goes on
            _give_back(ids, taken)
            reason = _reason(exc)
            session.add(IngestError(source=item.document.source[:2048], reason=reason))
            return DocumentResult(item.document.source, "error", error=reason)
        batch_pending.update(doc_pending)
        unsent.keep(rows, placed, new)
        return result
    raise AssertionError("a document asked for the batch's unsent rows after they were all sent")


def _new_organisations(session: Session, extractions: list[tuple[Extraction, str]]) -> int:
    """About how many organisations the batch creates: its names the ledger does not have (more are asked for if
    ever needed; fewer leave a gap in PostgreSQL's ids)."""
    names = {canonical(m.display) for e, _ in extractions for p in e.projects for m in (*p.investors, *p.hosts)}
    return sum(1 for n in names if _known(session, "org", n) is ABSENT)


def _give_back(ids: dict[Any, Ids], taken: dict[Any, int]) -> None:
    """A rolled-back document's ids go to the next document (its rows were never sent, or were rolled back)."""
    for model, at in taken.items():
        ids[model].at = at


def _may_match_unsent(session: Session, extraction: Extraction, unsent: Unsent) -> bool:
    """Whether matching this document's projects may look at unsent rows: a cheap, conservative forecast of the
    check ``store._find_match`` makes exactly (it raises ``NeedsSent``, and the document is stored again)."""
    for p in extraction.projects:
        if p.investors:
            for m in p.investors:
                name = canonical(m.display)
                owner = _known(session, "alias_name", name)
                for n in (name, canonical(owner)) if isinstance(owner, str) else (name,):
                    org = _known(session, "org", n)
                    if org is None or org in unsent.investors:
                        return True
        elif p.place is not None:
            place = canonical(p.place.display)
            if any(known == place for known, _ in unsent.aggregates):
                return True
    return False


def _reason(exc: Exception) -> str:
    if isinstance(exc, ZonewatchError):
        return str(exc)
    if isinstance(exc, (IntegrityError, OperationalError)):
        return f"the ledger refused it: {exc.orig}"
    return f"internal error while storing: {type(exc).__name__}: {exc}"


def store_batch(ledger: Ledger, items: list[Item]) -> list[DocumentResult]:
    """Store ``items`` in one transaction and return one result per item, in order; never raises for one bad item.

    Falls back to one transaction per document when the batch's transaction cannot be committed.
    """
    if not any(isinstance(i, (Extraction, Failed)) for i in items):
        return [i for i in items if isinstance(i, DocumentResult)]
    try:
        with ledger.write() as session:
            return _store_all(session, items)
    except SQLAlchemyError:
        return [_store_alone(ledger, item) for item in items]


def _store_alone(ledger: Ledger, item: Item) -> DocumentResult:
    """One item in a transaction of its own (the fallback): errors become error rows, as ``ingest_document``."""
    if isinstance(item, DocumentResult):
        return item
    if isinstance(item, Failed):
        return record_error(ledger, item.source, item.reason)
    try:
        return store_extraction(ledger, item)
    except ZonewatchError as exc:
        return record_error(ledger, item.document.source, str(exc))
    except (OperationalError, IntegrityError) as exc:
        return record_error(ledger, item.document.source, f"the ledger refused it: {exc.orig}")


def store_in_batches(
    ledger: Ledger,
    items: Iterable[Item],
    on_result: Callable[[DocumentResult], None] | None,
    batch_documents: int,
    batch_seconds: float,
) -> IngestSummary:
    """Store a stream of items, ``batch_documents`` or ``batch_seconds`` per transaction, in input order.

    ``on_result`` is called for every item once its batch is committed. Both ingest engines write through here.
    """
    summary = IngestSummary()
    batch: list[Item] = []
    opened = 0.0

    def commit() -> None:
        nonlocal summary
        for result in store_batch(ledger, batch):
            summary = summary.add(result)
            if on_result is not None:
                on_result(result)
        batch.clear()

    for item in items:
        if not batch:
            opened = time.monotonic()
        batch.append(item)
        if len(batch) >= batch_documents or time.monotonic() - opened >= batch_seconds:
            commit()
    if batch:
        commit()
    return summary
