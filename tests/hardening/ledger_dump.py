"""A canonical dump of a ledger, independent of row ids and insertion order, to compare two ledgers."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from zonewatch.ledger.db import open_ledger
from zonewatch.ledger.models import DocumentRow, FindingRecord, ProjectRecord, ProjectSource

PROJECT_FIELDS = (
    "status",
    "investors",
    "hosts",
    "amount",
    "amount_upper",
    "currency",
    "qualifier",
    "amount_text",
    "amount_cny",
    "amount_usd",
    "count",
    "date",
    "date_precision",
    "stage",
    "place",
    "description",
    "sectors",
    "in_totals",
    "source_count",
)


def dump(url: str) -> dict[str, Any]:
    """Documents by content hash; projects by their key fields and the (document hash, local id) sources."""
    ledger = open_ledger(url)
    try:
        with ledger.read() as s:
            docs = {d.id: d for d in s.scalars(select(DocumentRow))}
            sources: dict[int, list[tuple[str, str]]] = {}
            for src in s.scalars(select(ProjectSource)):
                sources.setdefault(src.project_id, []).append((docs[src.document_id].content_hash, src.local_id))
            projects = list(s.scalars(select(ProjectRecord)))
            ident = {p.id: sorted(sources.get(p.id, [])) for p in projects}
            findings = sorted(
                (f.kind, docs[f.document_id].content_hash if f.document_id else "", f.start or 0, f.end or 0)
                for f in s.scalars(select(FindingRecord))
            )
            return {
                "documents": sorted(
                    (d.content_hash, d.key, d.version, d.is_current, d.language, str(d.published), len(d.text))
                    for d in docs.values()
                ),
                "projects": sorted(
                    json.dumps(
                        {
                            **{f: getattr(p, f) for f in PROJECT_FIELDS},
                            "sources": ident[p.id],
                            "parent": ident.get(p.parent_id) if p.parent_id else None,
                        },
                        sort_keys=True,
                        default=str,
                    )
                    for p in projects
                ),
                "findings": findings,
            }
    finally:
        ledger.dispose()


def duplicates(url: str) -> list[str]:
    """Documents stored twice (same hash or same key and version) and sources attached twice."""
    d = dump(url)
    problems = []
    hashes = [row[0] for row in d["documents"]]
    if len(hashes) != len(set(hashes)):
        problems.append("a document is stored twice")
    keys = [(row[1], row[2]) for row in d["documents"]]
    if len(keys) != len(set(keys)):
        problems.append("a (key, version) is stored twice")
    all_sources = [tuple(src) for p in d["projects"] for src in json.loads(p)["sources"]]
    if len(all_sources) != len(set(all_sources)):
        problems.append("a document's project is attached to two ledger projects")
    if len(d["projects"]) != len(set(d["projects"])):
        problems.append("the same project is stored twice")
    return problems
