"""The ledger's tables (SQLAlchemy 2). The migrations in ``ledger/migrations`` create exactly these.

Identity and idempotency live in unique constraints, never in check-then-insert code:
a document's content hash, a document's (key, version), a source's (document, local id), an
organisation's name, a finding's fingerprint. Writers upsert against them, so two processes (or a
re-run after a crash) cannot create duplicates.

Money is ``Numeric`` (Decimal in Python). Columns that queries filter or sort on are indexed
(see ``docs/ledger.md``); ``month`` and ``in_totals`` are denormalised on purpose so the dashboard's
grouping needs no date functions and no self-join at a million rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

MONEY = Numeric(30, 4)
RATE = Numeric(24, 10)
# Ids are BIGINT on PostgreSQL (a million projects, many sources each) and INTEGER on SQLite, where only
# "INTEGER PRIMARY KEY" is the rowid alias that autoincrements.
ID = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """One version of one source text. ``key`` names the source (URL, absolute path, or the hash for stdin)."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("key", "version", name="uq_documents_key_version"),
        Index("ix_documents_key_current", "key", "is_current"),
        Index("ix_documents_published", "published"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(2048))
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(2048))
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    published_precision: Mapped[str | None] = mapped_column(String(5))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ProjectRecord(Base):
    """One project in the ledger, merged from one or more sources; analyst edits are locked in ``edited_fields``."""

    __tablename__ = "projects"
    __table_args__ = (
        Index("ix_projects_date", "date"),
        Index("ix_projects_month", "month"),
        Index("ix_projects_place", "place"),
        Index("ix_projects_stage", "stage"),
        Index("ix_projects_status", "status"),
        Index("ix_projects_parent", "parent_id"),
        Index("ix_projects_amount_cny", "amount_cny"),
        Index("ix_projects_totals_month", "in_totals", "month"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | confirmed | rejected
    investors: Mapped[list[str]] = mapped_column(JSON, default=list)  # canonical display names, in order
    hosts: Mapped[list[str]] = mapped_column(JSON, default=list)
    amount: Mapped[Decimal | None] = mapped_column(MONEY)
    amount_upper: Mapped[Decimal | None] = mapped_column(MONEY)
    currency: Mapped[str | None] = mapped_column(String(3))
    qualifier: Mapped[str | None] = mapped_column(String(10))
    amount_text: Mapped[str | None] = mapped_column(Text)
    amount_cny: Mapped[Decimal | None] = mapped_column(MONEY)
    amount_usd: Mapped[Decimal | None] = mapped_column(MONEY)
    cny_rate: Mapped[Decimal | None] = mapped_column(RATE)
    usd_rate: Mapped[Decimal | None] = mapped_column(RATE)
    rate_date: Mapped[dt.date | None] = mapped_column(Date)
    rate_source: Mapped[str | None] = mapped_column(String(64))
    rate_note: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(5))
    month: Mapped[str | None] = mapped_column(String(7))  # "2020-08", None when the date is a year or unknown
    stage: Mapped[str | None] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(512))
    description: Mapped[str | None] = mapped_column(Text)
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    project_type: Mapped[str | None] = mapped_column(String(64))
    area_m2: Mapped[Decimal | None] = mapped_column(MONEY)
    jobs: Mapped[int | None] = mapped_column(BigInteger)
    # True when this project's amount counts in totals: top-level, or its parent has no amount (or is rejected).
    in_totals: Mapped[bool] = mapped_column(Boolean, default=True)
    source_count: Mapped[int] = mapped_column(Integer, default=0)
    edited_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ProjectSource(Base):
    """What one document said about one project: the whole contract object (values, raw text, spans)."""

    __tablename__ = "project_sources"
    __table_args__ = (
        UniqueConstraint("document_id", "local_id", name="uq_project_sources_doc_local"),
        Index("ix_project_sources_project", "project_id"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    local_id: Mapped[str] = mapped_column(String(32))  # "p3": the id inside that document's extraction
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # serialize.project_dict(...) of that extraction
    published: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(512), unique=True)
    kind: Mapped[str | None] = mapped_column(String(32))


class OrganisationAlias(Base):
    """A name seen for an organisation (raw surface forms, other languages, analyst-added aliases)."""

    __tablename__ = "organisation_aliases"

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(512), unique=True)


class ProjectOrganisation(Base):
    """Investors and hosts of a project, for filtering and grouping by organisation."""

    __tablename__ = "project_organisations"
    __table_args__ = (Index("ix_project_organisations_org", "organisation_id", "role"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(8), primary_key=True)  # investor | host


class ProjectSector(Base):
    __tablename__ = "project_sectors"
    __table_args__ = (Index("ix_project_sectors_sector", "sector"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    sector: Mapped[str] = mapped_column(String(128), primary_key=True)


class Place(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(512), unique=True)


class FindingRecord(Base):
    """A finding about an article (from verification) or about the ledger (``sources_disagree``)."""

    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_kind", "kind"), Index("ix_findings_project", "project_id"))

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReviewAction(Base):
    """The audit log: who did what to which project field, when, with the old and new values."""

    __tablename__ = "review_actions"

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # confirm | reject | edit
    field: Mapped[str | None] = mapped_column(String(32))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(128))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class StageEvent(Base):
    """A stage a source reported for a project (signed, then started, then operating)."""

    __tablename__ = "stage_history"
    __table_args__ = (UniqueConstraint("project_id", "stage", "document_id", name="uq_stage_history"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(10))
    date: Mapped[dt.date | None] = mapped_column(Date)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class IngestError(Base):
    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(2048), index=True)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class WatchState(Base):
    """What ``zonewatch watch`` knows about a feed or page: validators for conditional requests."""

    __tablename__ = "watch_state"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class StatRollup(Base):
    """Pre-aggregated dashboard figures per group, kept in step with every write by triggers (migration 0003).

    ``dim`` is total | month | place | stage | sector | investor; ``bucket`` is ``''`` for "no value" and
    ``'=' || value`` otherwise. SQLite keeps whole units in ``cny``/``usd`` and ten-thousandths in the
    ``_frac`` columns (exact integer sums); PostgreSQL keeps exact NUMERIC sums and leaves ``_frac`` at 0.
    """

    __tablename__ = "stat_rollup"

    dim: Mapped[str] = mapped_column(String(8), primary_key=True)
    bucket: Mapped[str] = mapped_column(String(600), primary_key=True)
    records: Mapped[int] = mapped_column(BigInteger, default=0)
    projects: Mapped[int] = mapped_column(BigInteger, default=0)
    cny: Mapped[Decimal] = mapped_column(Numeric(38, 4), default=0)
    cny_frac: Mapped[int] = mapped_column(BigInteger, default=0)
    usd: Mapped[Decimal] = mapped_column(Numeric(38, 4), default=0)
    usd_frac: Mapped[int] = mapped_column(BigInteger, default=0)
    unconverted: Mapped[int] = mapped_column(BigInteger, default=0)


class SearchEntry(Base):
    """Text to search, one row per document or project; Chinese is pre-split into character bigrams.

    SQLite searches it through the FTS5 table ``search_fts`` (created by the migration, kept in sync by
    triggers); PostgreSQL through a GIN index on ``to_tsvector('simple', body)``.
    """

    __tablename__ = "search_entries"
    __table_args__ = (UniqueConstraint("kind", "ref_id", name="uq_search_entries_ref"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))  # document | project
    ref_id: Mapped[int] = mapped_column(ID)
    body: Mapped[str] = mapped_column(Text)
