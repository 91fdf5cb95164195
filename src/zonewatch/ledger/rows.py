"""What the query layer returns: frozen dataclasses, one shape per function (see ``ledger.query``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results: ``rows``, and ``total`` rows matching the query before paging."""

    rows: tuple[T, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A document a project came from, as listed next to the project."""

    document_id: int
    title: str | None
    url: str | None
    source: str
    published: dt.date | None
    local_id: str


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One project of the ledger with everything a table, an export or an API row shows."""

    id: int
    parent_id: int | None
    status: str  # pending | confirmed | rejected
    investors: tuple[str, ...]
    hosts: tuple[str, ...]
    amount: Decimal | None
    amount_upper: Decimal | None
    currency: str | None
    qualifier: str | None
    amount_text: str | None
    amount_cny: Decimal | None
    amount_usd: Decimal | None
    cny_rate: Decimal | None  # CNY per unit of ``currency``
    usd_rate: Decimal | None  # USD per unit of ``currency``
    rate_date: dt.date | None
    rate_source: str | None
    rate_note: str | None
    count: int | None
    date: dt.date | None
    date_precision: str | None  # day | month | year
    stage: str | None
    place: str | None
    description: str | None
    sectors: tuple[str, ...]
    project_type: str | None
    area_m2: Decimal | None
    jobs: int | None
    in_totals: bool  # counted in totals (False for a sub-project whose aggregate carries the amount)
    edited_fields: tuple[str, ...]
    source_count: int
    sources: tuple[SourceRef, ...]
    updated_at: dt.datetime

    @property
    def date_text(self) -> str | None:
        """The date to the precision known: ``2020-08-20``, ``2020-08`` or ``2020``."""
        if self.date is None:
            return None
        if self.date_precision == "month":
            return self.date.strftime("%Y-%m")
        if self.date_precision == "year":
            return str(self.date.year)
        return self.date.isoformat()


@dataclass(frozen=True, slots=True)
class TextSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SourceDetail:
    """What one document said about a project, with the document's text and the span of every field."""

    document_id: int
    local_id: str
    title: str | None
    url: str | None
    source: str
    published: dt.date | None
    language: str
    text: str
    values: dict[str, Any]  # the extraction's contract object for this project (serialize.project_dict)
    spans: dict[str, tuple[TextSpan, ...]]  # field -> spans: amount, investors, hosts, date, place, ..., evidence


@dataclass(frozen=True, slots=True)
class StageChange:
    stage: str
    date: dt.date | None
    document_id: int | None
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: int
    kind: str
    message: str
    document_id: int | None
    document_title: str | None
    project_id: int | None
    start: int | None
    end: int | None
    quote: str | None  # the document's text[start:end]
    context: str | None  # the quote with some text around it
    details: dict[str, Any]
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReviewRow:
    id: int
    project_id: int
    action: str  # confirm | reject | edit
    field: str | None
    old: str | None
    new: str | None
    who: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class ProjectDetail:
    """One project with its sources (text and spans), stage history, findings, review log, parent and parts."""

    project: ProjectRow
    sources: tuple[SourceDetail, ...]
    stage_history: tuple[StageChange, ...]
    findings: tuple[FindingRow, ...]
    reviews: tuple[ReviewRow, ...]
    parent: ProjectRow | None
    children: tuple[ProjectRow, ...]


@dataclass(frozen=True, slots=True)
class StatRow:
    """A group's figures. ``projects`` counts an aggregate as its count; totals never count a part twice."""

    key: str
    records: int  # top-level ledger records in the group
    projects: int  # projects they represent (an aggregate of 23 counts 23)
    total_cny: Decimal
    total_usd: Decimal
    unconverted: int = 0  # records with an amount but no CNY/USD conversion (left out of the totals)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: int
    key: str
    version: int
    is_current: bool
    source: str
    url: str | None
    title: str | None
    published: dt.date | None
    language: str
    ingested_at: dt.datetime
    project_count: int
    finding_count: int


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    document: DocumentSummary
    text: str
    project_ids: tuple[int, ...]
    findings: tuple[FindingRow, ...]
    versions: tuple[DocumentSummary, ...]  # every version of the same source, oldest first


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    id: int
    name: str
    aliases: tuple[str, ...]
    projects: int
    total_cny: Decimal


@dataclass(frozen=True, slots=True)
class ErrorRow:
    id: int
    source: str
    reason: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What ingesting one document did."""

    source: str
    status: str  # new | unchanged | updated | error
    document_id: int | None = None
    projects_added: tuple[int, ...] = ()
    projects_merged: tuple[int, ...] = ()
    projects_updated: tuple[int, ...] = ()
    findings: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """Counts for a batch; ``errors`` lists (source, reason) of every input that failed."""

    documents_new: int = 0
    documents_unchanged: int = 0
    documents_updated: int = 0
    projects_added: int = 0
    projects_merged: int = 0
    projects_updated: int = 0
    findings: int = 0
    errors: tuple[tuple[str, str], ...] = field(default=())

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def add(self, result: DocumentResult) -> IngestSummary:
        """This summary with one more document's result counted."""
        return IngestSummary(
            documents_new=self.documents_new + (result.status == "new"),
            documents_unchanged=self.documents_unchanged + (result.status == "unchanged"),
            documents_updated=self.documents_updated + (result.status == "updated"),
            projects_added=self.projects_added + len(result.projects_added),
            projects_merged=self.projects_merged + len(result.projects_merged),
            projects_updated=self.projects_updated + len(result.projects_updated),
            findings=self.findings + result.findings,
            errors=self.errors + (((result.source, result.error or "failed"),) if result.status == "error" else ()),
        )
