"""The ledger's public API: the one set of functions behind the CLI, the web API, the pages and the roundup.

Opening::

    open_ledger(url: str | None = None, migrate: bool = True) -> Ledger      # runs migrations on first use
    upgrade(ledger) -> str | None                                           # `zonewatch db upgrade`

Reading (every list returns ``Page[Row]``: ``rows``, ``total``, ``limit``, ``offset``)::

    ProjectFilter(zone=, place=, investor=, sector=, stage=, since=, until=, min_amount=, search=,
                  status=, top_level_only=, document_id=, parent_id=)       # frozen; every field optional
    list_projects(ledger, filter=None, sort="-date", limit=50, offset=0, count_cap=1_000) -> ProjectPage
        total counted up to the cap: beyond it total = cap + 1 and total_capped = True ("1,000+")
        sort: date | amount_cny | amount_usd | id | updated | place | stage, "-" for descending
    iter_projects(ledger, filter=None, sort="-date", batch=1000) -> Iterator[ProjectRow]   # exports, streaming
    get_project(ledger, project_id) -> ProjectDetail | None
    stats(ledger, by="month", filter=None) -> list[StatRow]    # by: month | sector | place | investor | stage
    totals(ledger, filter=None) -> StatRow                      # the same figures for the whole selection
    list_documents(ledger, search=None, language=None, current_only=True, limit=50, offset=0)
        -> Page[DocumentSummary]
    get_document(ledger, document_id) -> DocumentDetail | None
    list_findings(ledger, kind=None, document_id=None, project_id=None, limit=50, offset=0) -> Page[FindingRow]
    list_organisations(ledger, search=None, limit=50, offset=0) -> Page[OrganisationRow]
    list_reviews(ledger, project_id=None, limit=50, offset=0) -> Page[ReviewRow]
    list_errors(ledger, limit=50, offset=0) -> Page[ErrorRow]

Writing (``ledger.review`` and ``ledger.store``, re-exported here)::

    confirm(ledger, project_id, who) -> ProjectRow | None       # None: no such project
    reject(ledger, project_id, who) -> ProjectRow | None
    edit(ledger, project_id, field, value: str, who) -> ProjectRow | None   # ReviewError for a bad field/value
    EDITABLE_FIELDS                                             # the fields `edit` accepts
    add_alias(ledger, organisation, alias, who) -> OrganisationRow  # an analyst's alias for an organisation
    ingest_documents(ledger, documents: Iterable[Document], lang="auto", published=None,
                     on_result=None) -> IngestSummary           # each document in its own transaction
    ingest_document(ledger, document, lang="auto", published=None) -> DocumentResult
    store_extraction(ledger, extraction) -> DocumentResult      # already-extracted (e.g. by Dask workers)
    reextract(ledger, on_result=None) -> IngestSummary          # re-run the extractor over stored documents

Semantics worth knowing:

- ``status=None`` lists every project except rejected ones; ``status="all"`` includes them.
- ``zone`` accepts any alias ("CDHT", "成都高新区") and includes the zone's parks (zonewatch.normalize);
  ``place`` and ``investor`` accept any alias too; ``min_amount`` is in CNY; ``since``/``until`` are inclusive.
- ``search`` is full text over projects and their source documents, Chinese included (``ledger.search``).
- Totals never double count: an amount counts when the project is top-level or its aggregate has no amount
  (``ProjectRow.in_totals``); ``StatRow.projects`` counts top-level records, an aggregate as its ``count``.
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, exists, false, func, literal, or_, select, text, union_all
from sqlalchemy.orm import Session

from zonewatch.errors import LedgerError
from zonewatch.ledger import search as fts
from zonewatch.ledger.db import Ledger, open_ledger, upgrade
from zonewatch.ledger.models import (
    DocumentRow,
    FindingRecord,
    IngestError,
    Organisation,
    OrganisationAlias,
    ProjectOrganisation,
    ProjectRecord,
    ProjectSector,
    ProjectSource,
    ReviewAction,
    StageEvent,
)
from zonewatch.ledger.names import canonical, zone_places
from zonewatch.ledger.rows import (
    DocumentDetail,
    DocumentResult,
    DocumentSummary,
    ErrorRow,
    FindingRow,
    IngestSummary,
    OrganisationRow,
    Page,
    ProjectDetail,
    ProjectRow,
    ReviewRow,
    SourceDetail,
    SourceRef,
    StageChange,
    StatRow,
    TextSpan,
)

__all__ = [
    "EDITABLE_FIELDS",
    "DocumentDetail",
    "DocumentResult",
    "DocumentSummary",
    "ErrorRow",
    "FindingRow",
    "IngestSummary",
    "Ledger",
    "OrganisationRow",
    "Page",
    "ProjectDetail",
    "ProjectFilter",
    "ProjectPage",
    "ProjectRow",
    "ReviewRow",
    "SourceDetail",
    "SourceRef",
    "StageChange",
    "StatRow",
    "TextSpan",
    "add_alias",
    "confirm",
    "edit",
    "get_document",
    "get_project",
    "ingest_document",
    "ingest_documents",
    "iter_projects",
    "list_documents",
    "list_errors",
    "list_findings",
    "list_organisations",
    "list_projects",
    "list_reviews",
    "live_stats",
    "open_ledger",
    "reextract",
    "reject",
    "stats",
    "store_extraction",
    "totals",
    "upgrade",
]

STAT_KEYS = ("month", "sector", "place", "investor", "stage")
SORT_KEYS = ("date", "amount_cny", "amount_usd", "id", "updated", "place", "stage")
MAX_LIMIT = 1000
# Pages count matching projects up to here and say "1,000+" beyond (list_projects). At 1M projects, counting
# 10,001 matches of a common place cost 25-250 ms, more than the page; 1,001 cost a tenth of that, and a
# count past a thousand tells a reader nothing a "1,000+" does not (the dashboard's figures are exact).
COUNT_CAP = 1_000


@dataclass(frozen=True, slots=True)
class ProjectFilter:
    """Which projects to list or count; every field is optional and they combine with AND."""

    zone: str | None = None
    place: str | None = None
    investor: str | None = None
    sector: str | None = None
    stage: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_amount: Decimal | None = None  # CNY
    search: str | None = None
    status: str | None = None  # pending | confirmed | rejected | all; None = all but rejected
    top_level_only: bool = False
    document_id: int | None = None
    parent_id: int | None = None


# A link filter (investor, sector) matching fewer rows than this drives the query from the link table's index
# (then sorts those few); a more common one is checked project by project along the sort order's index, which
# meets a page's worth of matches early. Chosen from the plans at 1M projects (docs/benchmarks.md). A page
# raises it to sqrt(page end x projects) (``_drive_bound``).
DRIVE_FROM_LINKS = 2_000


def _place_keys(place: str) -> tuple[str, str] | None:
    """The canonical name and the typed one of a place filter; None when one lower(place) key finds them both."""
    name, typed = canonical(place), place.strip().lower()
    # place = name implies lower(place) = typed when both engines' lower() agree with Python's: on ASCII and on
    # text without case (SQLite's folds ASCII only), so "西岭雪山旅游区", its own canonical name, is one key too.
    if name.lower() == typed and (name.isascii() or name.upper() == name.lower()):
        return None
    return name, typed


def _place_condition(place: str) -> Any:
    P = ProjectRecord
    keys = _place_keys(place)
    if keys is None:
        return func.lower(P.place) == place.strip().lower()  # one equality the lower(place) indexes read in order
    name, typed = keys
    # The same rows as (place = name OR lower(place) = typed), as one IN an index on lower(place) can seek and a
    # check PostgreSQL cannot split: with a bare ``place = name`` in the OR it planned a BitmapOr of two indexes,
    # estimated 396 of 18,248 rows and read every heap row (37 ms at 1M; 13 ms as the covering index + a sort).
    return and_(
        func.lower(P.place).in_([func.lower(literal(name)), typed]),
        or_(func.coalesce(P.place == name, false()), func.lower(P.place) == typed),
    )


def _place_parts(name: str, typed: str) -> tuple[Any, Any]:
    """``_place_condition`` of two keys as two disjoint conditions of one lower(place) key each."""
    P = ProjectRecord
    as_typed = func.lower(P.place) == typed
    # coalesce: a bare place = name let SQLite seek the place index instead and sort all the place's rows
    exact = func.coalesce(P.place == name, false())
    return as_typed, and_(func.lower(P.place) == func.lower(literal(name)), exact, ~as_typed)


def _link_condition(links: Select[Any], bound: int | None) -> Any:
    """``projects.id`` among ``links`` (a select of project ids): driven from the link index when ``links`` is known
    to hold fewer than ``bound`` rows, else as EXISTS, checked project by project."""
    if bound is not None:
        # LIMIT (all of them: fewer than bound) keeps PostgreSQL from flattening the IN into the same semi-join as
        # EXISTS, which it walked along the date index (an investor of 2,960 links: 14,647 probes, 57 ms).
        return ProjectRecord.id.in_(links.limit(bound))
    return exists(links.where(links.selected_columns[0] == ProjectRecord.id))


def _few(session: Session, links: Select[Any], bound: int = DRIVE_FROM_LINKS) -> bool:
    """Whether ``links`` has fewer than ``bound`` rows (counted no further: an index-only range)."""
    # Ordered as the link index is (its key, then project id): PostgreSQL then walks the index and stops
    # instead of scanning the table until it has seen enough matching rows.
    first = links.order_by(links.selected_columns[0]).limit(bound)
    n = session.scalar(select(func.count()).select_from(first.subquery())) or 0
    return n < bound


def _drive_bound(session: Session, page_end: int) -> int:
    """How few links a page's filter must have to be driven from them, for a page ending at ``page_end``.

    Walking the sort order checks about page_end x projects / links projects, one index probe each; driving
    reads each link's project and sorts them: the two cost the same near links = sqrt(page_end x projects / c),
    c the cost of reading a project over a probe: ~1 on SQLite, ~5 on PostgreSQL (a heap fetch). At 1M projects
    an investor of 2,960 links walked 65 ms (SQLite, first page) and 257 ms (offset 200), driven 30 and 28 ms;
    PostgreSQL 77 -> 47 ms (first page); one of 8,316 links at offset 200 walks faster on PostgreSQL (132 ms
    against 208 driven) and is driven on SQLite (115 -> 47 ms).
    """
    projects = session.scalar(select(func.max(ProjectRecord.id))) or 0  # ids only grow: a cheap upper estimate
    per_read = 5 if session.get_bind().dialect.name == "postgresql" else 1
    return max(DRIVE_FROM_LINKS, math.isqrt(page_end * projects // per_read))


def _investor_ids(session: Session, investor: str) -> list[int]:
    """The organisations an investor filter means: its canonical name, the name as typed (any case), aliases.

    Resolved before the projects query: literal ids let PostgreSQL's statistics see how common the investor is.
    """
    names = {canonical(investor), investor.strip()}
    org_ids = select(Organisation.id).where(
        or_(Organisation.name.in_(names), func.lower(Organisation.name) == investor.strip().lower())
    )
    alias_ids = select(OrganisationAlias.organisation_id).where(OrganisationAlias.alias.in_(names))
    return sorted(set(session.scalars(org_ids.union(alias_ids))))


def _count_ids(session: Session, f: ProjectFilter | None) -> Select[Any]:
    """The ids of the projects matching ``f``, shaped for counting at most a cap of them.

    With an investor or sector filter the ids come from the link table's index in project order, each checked
    against the project by a correlated lookup, so counting stops after the cap. As a join, both engines'
    planners hashed every project of the selection first (PostgreSQL: a seq scan of all projects for one
    sector); as ``id IN (links)``, SQLite first collected every link of a common sector. DISTINCT: a project
    can match twice (two organisations of one investor, two spellings of one sector).
    """
    P = ProjectRecord
    if f is None or not (f.investor or f.sector):
        return _filtered(session, f).with_only_columns(P.id).order_by(None)
    link: Any
    if f.investor:
        ids = _investor_ids(session, f.investor)
        if not ids:
            return select(P.id).where(false())
        link, rest = ProjectOrganisation, replace(f, investor=None)
        matches = and_(ProjectOrganisation.role == "investor", ProjectOrganisation.organisation_id.in_(ids))
    else:
        link, rest = ProjectSector, replace(f, sector=None)
        matches = func.lower(ProjectSector.sector) == (f.sector or "").strip().lower()
    conditions = [P.id == link.project_id]
    others = _filtered(session, rest).whereclause
    if others is not None:
        conditions.append(others)
    project = select(literal(1)).select_from(P).where(*conditions).limit(1).scalar_subquery()
    return select(link.project_id).where(matches, project.is_not(None)).distinct().order_by(link.project_id)


def _filtered(session: Session, f: ProjectFilter | None, page_end: int | None = None) -> Select[ProjectRecord]:
    """The projects matching ``f``; ``page_end``: for a page ending there (how to apply a link filter)."""
    P = ProjectRecord
    q = select(P)
    f = f or ProjectFilter()
    bound = DRIVE_FROM_LINKS if page_end is None or not (f.investor or f.sector) else _drive_bound(session, page_end)
    if f.status in (None, ""):
        q = q.where(P.status != "rejected")
    elif f.status != "all":
        q = q.where(P.status == f.status)
    if f.zone:
        q = q.where(P.place.in_(zone_places(f.zone)))
    if f.place:
        q = q.where(_place_condition(f.place))
    if f.investor:
        ids = _investor_ids(session, f.investor)
        links = select(ProjectOrganisation.project_id).where(
            ProjectOrganisation.role == "investor", ProjectOrganisation.organisation_id.in_(ids)
        )
        q = q.where(_link_condition(links, bound if _few(session, links, bound) else None) if ids else false())
    if f.sector:
        links = select(ProjectSector.project_id).where(func.lower(ProjectSector.sector) == f.sector.strip().lower())
        q = q.where(_link_condition(links, bound if _few(session, links, bound) else None))
    if f.stage:
        q = q.where(P.stage == f.stage)
    if f.since:
        q = q.where(P.date >= f.since)
    if f.until:
        q = q.where(P.date <= f.until)
    if f.min_amount is not None:
        q = q.where(P.amount_cny >= f.min_amount)
    if f.top_level_only:
        q = q.where(P.parent_id.is_(None))
    if f.parent_id is not None:
        q = q.where(P.parent_id == f.parent_id)
    if f.document_id is not None:
        q = q.where(exists().where(ProjectSource.project_id == P.id, ProjectSource.document_id == f.document_id))
    if f.search and f.search.strip():
        in_projects = fts.matching_ids(session, "project", f.search)
        in_documents = select(ProjectSource.project_id).where(
            ProjectSource.document_id.in_(fts.matching_ids(session, "document", f.search))
        )
        q = q.where(or_(P.id.in_(in_projects), P.id.in_(in_documents)))
    return q


def _sort_key(sort: str) -> tuple[Any, bool]:
    """The column ``sort`` names and whether it is descending."""
    P = ProjectRecord
    key = sort.lstrip("-+")
    if key not in SORT_KEYS:
        raise LedgerError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_KEYS)} (prefix - for descending)")
    column = {
        "date": P.date,
        "amount_cny": P.amount_cny,
        "amount_usd": P.amount_usd,
        "id": P.id,
        "updated": P.updated_at,
        "place": P.place,
        "stage": P.stage,
    }[key]
    return column, sort.startswith("-")


def _ordering(column: Any, descending: bool, id_column: Any) -> tuple[Any, Any]:
    """ORDER BY ``column`` (NULLs last either way), ties by id in the same direction."""
    ordered = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return ordered, id_column.desc() if descending else id_column.asc()


def _order(q: Select[ProjectRecord], sort: str) -> Select[ProjectRecord]:
    column, descending = _sort_key(sort)
    return q.order_by(*_ordering(column, descending, ProjectRecord.id))


def _page_ids(session: Session, f: ProjectFilter | None, sort: str, limit: int, offset: int) -> Select[Any]:
    """The ids of one page of the projects matching ``f``, in ``sort`` order."""
    P = ProjectRecord
    keys = _place_keys(f.place) if f is not None and f.place else None
    if f is None or keys is None:
        return _order(_filtered(session, f, offset + limit), sort).limit(limit).offset(offset).with_only_columns(P.id)
    # A place typed as other than its canonical name is two keys of lower(place). PostgreSQL reads an IN of two
    # keys out of the index's order and sorts every match ("成都经开区" for a place of 520,000 projects at 1M:
    # 190-270 ms); one ordered read of each key, each stopping at the page's end, merged, costs a page of one.
    column, descending = _sort_key(sort)
    rest = _filtered(session, replace(f, place=None), offset + limit)
    branches = [
        _order(rest.where(part), sort).with_only_columns(P.id, column.label("k")).limit(offset + limit).subquery()
        for part in _place_parts(*keys)
    ]
    merged = union_all(*(select(b.c.id, b.c.k) for b in branches)).subquery()
    return select(merged.c.id).order_by(*_ordering(merged.c.k, descending, merged.c.id)).limit(limit).offset(offset)


def _source_refs(session: Session, ids: list[int]) -> dict[int, list[SourceRef]]:
    refs: dict[int, list[SourceRef]] = {i: [] for i in ids}
    if not ids:
        return refs
    rows = session.execute(
        select(
            ProjectSource.project_id,
            ProjectSource.local_id,
            DocumentRow.id,
            DocumentRow.title,
            DocumentRow.url,
            DocumentRow.source,
            DocumentRow.published,
        )
        .join(DocumentRow, DocumentRow.id == ProjectSource.document_id)
        .where(ProjectSource.project_id.in_(ids))
        .order_by(ProjectSource.project_id, DocumentRow.published.desc().nulls_last(), DocumentRow.id)
    )
    for pid, local_id, doc_id, title, url, source, published in rows:
        refs[pid].append(SourceRef(doc_id, title, url, source, published, local_id))
    return refs


def _row(p: ProjectRecord, sources: list[SourceRef]) -> ProjectRow:
    return ProjectRow(
        id=p.id,
        parent_id=p.parent_id,
        status=p.status,
        investors=tuple(p.investors or ()),
        hosts=tuple(p.hosts or ()),
        amount=p.amount,
        amount_upper=p.amount_upper,
        currency=p.currency,
        qualifier=p.qualifier,
        amount_text=p.amount_text,
        amount_cny=p.amount_cny,
        amount_usd=p.amount_usd,
        cny_rate=p.cny_rate,
        usd_rate=p.usd_rate,
        rate_date=p.rate_date,
        rate_source=p.rate_source,
        rate_note=p.rate_note,
        count=p.count,
        date=p.date,
        date_precision=p.date_precision,
        stage=p.stage,
        place=p.place,
        description=p.description,
        sectors=tuple(p.sectors or ()),
        project_type=p.project_type,
        area_m2=p.area_m2,
        jobs=p.jobs,
        in_totals=bool(p.in_totals),
        edited_fields=tuple(p.edited_fields or ()),
        source_count=p.source_count,
        sources=tuple(sources),
        updated_at=p.updated_at,
    )


def rows_for(session: Session, records: list[ProjectRecord]) -> list[ProjectRow]:
    """ProjectRows (with their sources) for records already loaded in ``session``."""
    refs = _source_refs(session, [p.id for p in records])
    return [_row(p, refs[p.id]) for p in records]


def _page_args(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


@dataclass(frozen=True, slots=True)
class ProjectPage(Page[ProjectRow]):
    """A page of projects; ``total_capped``: more than ``total - 1`` match and counting stopped there."""

    total_capped: bool = False


def list_projects(
    ledger: Ledger,
    filter: ProjectFilter | None = None,
    sort: str = "-date",
    limit: int = 50,
    offset: int = 0,
    count_cap: int | None = COUNT_CAP,
) -> ProjectPage:
    """One page of the projects matching ``filter``, sorted (``-`` prefix: descending; ties by id).

    The total is counted up to ``count_cap`` (or to the end of the page when the page lies beyond it): when
    more rows match, ``total`` is that cap + 1 and ``total_capped`` is true: "at least ``total - 1``, and
    more" (pages show "1,000+"), so a next page exists whenever ``offset + limit < total``. Counting every
    one of a million matches costs more than the page itself; ``count_cap=None`` counts them all.
    """
    limit, offset = _page_args(limit, offset)
    with ledger.read() as session:
        if ledger.dialect == "postgresql":
            # A page reads a few thousand index entries at most; PostgreSQL's parallel workers for it cost more to
            # start than they save (EXPLAIN ANALYZE: Gather Merge started after 150 ms of a 230 ms plan).
            session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
        ids = _count_ids(session, filter)
        cap = None if count_cap is None else max(count_cap, offset + limit)
        if cap is not None:
            ids = ids.limit(cap + 1)
        total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
        # The page's ids first, then its rows: the rows passed over on the way to the page (a sector page at
        # offset 500 passes ~6,600 projects) are then read from an index, never from the table. SQLite sorted
        # ties (same date) by id in a temporary b-tree of whole rows (sector page at 1M: 20.6 -> 14.7 ms of
        # CPU); PostgreSQL fetched each passed row's heap tuple for ``status`` (migration 0005 INCLUDEs it).
        page_ids = _page_ids(session, filter, sort, limit, offset)
        page = _order(select(ProjectRecord).where(ProjectRecord.id.in_(page_ids.scalar_subquery())), sort)
        records = list(session.scalars(page))
        capped = cap is not None and total > cap
        return ProjectPage(tuple(rows_for(session, records)), total, limit, offset, capped)


def iter_projects(
    ledger: Ledger, filter: ProjectFilter | None = None, sort: str = "-date", batch: int = 1000
) -> Iterator[ProjectRow]:
    """Every project matching ``filter``, streamed in batches (for exports of any size)."""
    size = max(1, min(batch, MAX_LIMIT))
    with ledger.read() as session:
        # The matching ids in order once, then their rows a batch at a time. Batches by OFFSET re-read every row
        # before each batch, so a stream slowed down as it went (a sector's 79,275 projects at 1M on SQLite:
        # 81 s, each 10,000 slower than the last). No count: a stream needs none.
        ordered = _order(_filtered(session, filter), sort).with_only_columns(ProjectRecord.id)
        ids = array("q", session.scalars(ordered))
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size].tolist()
        with ledger.read() as session:
            found = {p.id: p for p in session.scalars(select(ProjectRecord).where(ProjectRecord.id.in_(chunk)))}
            # a project deleted since the ids were read is left out
            rows = rows_for(session, [found[i] for i in chunk if i in found])
        yield from rows


def _spans(data: dict[str, Any]) -> dict[str, tuple[TextSpan, ...]]:
    """Every grounded field of a contract project object as spans into its document."""
    spans: dict[str, list[TextSpan]] = {}

    def add(name: str, item: dict[str, Any] | None) -> None:
        if item and isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
            spans.setdefault(name, []).append(TextSpan(item["start"], item["end"], str(item.get("text", ""))))

    add("amount", data.get("amount"))
    for conv in data.get("stated_conversions") or ():
        add("stated_conversions", conv)
    grounding = data.get("grounding") or {}
    for name in ("investors", "hosts"):
        for item in grounding.get(name) or ():
            add(name, item)
    for name in ("count", "date", "stage", "place", "project", "area", "jobs"):
        add(name, grounding.get(name))
    for ev in data.get("evidence") or ():
        add("evidence", {**ev, "text": ""})
    return {k: tuple(v) for k, v in spans.items()}


def _finding_rows(session: Session, records: list[FindingRecord]) -> list[FindingRow]:
    doc_ids = {f.document_id for f in records if f.document_id is not None}
    docs: dict[int, tuple[str | None, str]] = {}
    if doc_ids:
        for doc_id, title, text in session.execute(
            select(DocumentRow.id, DocumentRow.title, DocumentRow.text).where(DocumentRow.id.in_(doc_ids))
        ):
            docs[doc_id] = (title, text)
    out = []
    for f in records:
        title, body = docs.get(f.document_id, (None, "")) if f.document_id is not None else (None, "")
        quote = context = None
        if body and f.start is not None and f.end is not None:
            quote = body[f.start : f.end]
            context = body[max(0, f.start - 120) : f.end + 120]
        out.append(
            FindingRow(
                f.id,
                f.kind,
                f.message,
                f.document_id,
                title,
                f.project_id,
                f.start,
                f.end,
                quote,
                context,
                dict(f.details or {}),
                f.created_at,
            )
        )
    return out


def _review_row(r: ReviewAction) -> ReviewRow:
    return ReviewRow(r.id, r.project_id, r.action, r.field, r.old, r.new, r.who, r.at)


def get_project(ledger: Ledger, project_id: int) -> ProjectDetail | None:
    """A project with its sources (document text and field spans), stage history, findings and review log."""
    with ledger.read() as session:
        p = session.get(ProjectRecord, project_id)
        if p is None:
            return None
        row = rows_for(session, [p])[0]
        sources = []
        for src, doc in session.execute(
            select(ProjectSource, DocumentRow)
            .join(DocumentRow, DocumentRow.id == ProjectSource.document_id)
            .where(ProjectSource.project_id == project_id)
            .order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.id)
        ):
            sources.append(
                SourceDetail(
                    doc.id,
                    src.local_id,
                    doc.title,
                    doc.url,
                    doc.source,
                    doc.published,
                    doc.language,
                    doc.text,
                    dict(src.data),
                    _spans(src.data),
                )
            )
        history = [
            StageChange(e.stage, e.date, e.document_id, e.at)
            for e in session.scalars(
                select(StageEvent).where(StageEvent.project_id == project_id).order_by(StageEvent.date, StageEvent.id)
            )
        ]
        doc_ids = [s.document_id for s in sources]
        findings = list(
            session.scalars(
                select(FindingRecord)
                .where(
                    or_(
                        FindingRecord.project_id == project_id,
                        and_(FindingRecord.document_id.in_(doc_ids), FindingRecord.project_id.is_(None))
                        if doc_ids
                        else false(),
                    )
                )
                .order_by(FindingRecord.id)
            )
        )
        reviews = [
            _review_row(r)
            for r in session.scalars(
                select(ReviewAction).where(ReviewAction.project_id == project_id).order_by(ReviewAction.id)
            )
        ]
        parent = session.get(ProjectRecord, p.parent_id) if p.parent_id else None
        children = list(
            session.scalars(
                select(ProjectRecord).where(ProjectRecord.parent_id == project_id).order_by(ProjectRecord.id)
            )
        )
        return ProjectDetail(
            project=row,
            sources=tuple(sources),
            stage_history=tuple(history),
            findings=tuple(_finding_rows(session, findings)),
            reviews=tuple(reviews),
            parent=rows_for(session, [parent])[0] if parent else None,
            children=tuple(rows_for(session, children)),
        )


def _money(value: Any) -> Decimal:
    if value is None:
        return Decimal(0)
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _stat_query(session: Session, by: str, f: ProjectFilter | None) -> Any:
    base = _filtered(session, f).subquery()
    top = base.c.parent_id.is_(None)
    counted = base.c.in_totals.is_(True)
    figures = (
        func.sum(case((top, 1), else_=0)),
        func.sum(case((top, func.coalesce(base.c.count, 1)), else_=0)),
        func.sum(case((counted, base.c.amount_cny), else_=None)),
        func.sum(case((counted, base.c.amount_usd), else_=None)),
        func.sum(case((and_(counted, base.c.amount.is_not(None), base.c.amount_cny.is_(None)), 1), else_=0)),
    )
    if by == "total":
        return select(literal("total"), *figures).select_from(base)
    if by in ("month", "place", "stage"):
        key = getattr(base.c, by)
        return select(key, *figures).select_from(base).group_by(key)
    if by == "sector":
        key = ProjectSector.sector
        return (
            select(key, *figures)
            .select_from(base)
            .outerjoin(ProjectSector, ProjectSector.project_id == base.c.id)
            .group_by(key)
        )
    if by == "investor":
        key = Organisation.name
        return (
            select(key, *figures)
            .select_from(base)
            .outerjoin(
                ProjectOrganisation,
                and_(ProjectOrganisation.project_id == base.c.id, ProjectOrganisation.role == "investor"),
            )
            .outerjoin(Organisation, Organisation.id == ProjectOrganisation.organisation_id)
            .group_by(key)
        )
    raise LedgerError(f"cannot group by {by!r}; use one of {', '.join(STAT_KEYS)}")


_NONE_KEY = {"month": "unknown", "sector": "(none)", "place": "(unknown)", "investor": "(unnamed)", "stage": "(none)"}


def _unfiltered(f: ProjectFilter | None) -> bool:
    return f is None or f == ProjectFilter()


def _stat_row(key: Any, by: str, records: Any, projects: Any, cny: Any, usd: Any, unconverted: Any) -> StatRow:
    return StatRow(
        key if key is not None else _NONE_KEY.get(by, by),
        int(records or 0),
        int(projects or 0),
        _money(cny),
        _money(usd),
        int(unconverted or 0),
    )


_ROLLUP = text(
    "SELECT bucket, records, projects, cny, cny_frac, usd, usd_frac, unconverted FROM stat_rollup WHERE dim = :dim"
)
_CENT = Decimal("0.01")


def _rollup_rows(ledger: Ledger, by: str) -> list[StatRow]:
    """The unfiltered figures of ``by`` from ``stat_rollup`` (kept by triggers; see migration 0003).

    Read as plain driver values (no ORM, no type processing): the dashboard reads a few thousand of these.
    """
    none = _NONE_KEY.get(by, by)
    rows = []
    with ledger.engine.connect() as conn:
        for bucket, records, projects, cny, cny_frac, usd, usd_frac, unconverted in conn.execute(_ROLLUP, {"dim": by}):
            # SQLite keeps whole units and ten-thousandths apart (exact integer sums); PostgreSQL's _frac stay 0.
            total_cny = (Decimal(cny) + Decimal(cny_frac) / 10000).quantize(_CENT)
            total_usd = (Decimal(usd) + Decimal(usd_frac) / 10000).quantize(_CENT)
            key = bucket[1:] if bucket else none
            rows.append(StatRow(key, int(records), int(projects), total_cny, total_usd, int(unconverted)))
    return rows


def _live_rows(session: Session, by: str, f: ProjectFilter | None) -> list[StatRow]:
    return [_stat_row(key, by, *figures) for key, *figures in session.execute(_stat_query(session, by, f))]


def stats(ledger: Ledger, by: str = "month", filter: ProjectFilter | None = None) -> list[StatRow]:
    """Counts and CNY/USD totals of the matching projects grouped by ``by``, with no double counting.

    Months are in calendar order; other groupings largest total first. A project in two sectors (or with two
    investors) counts in both groups, so by-sector and by-investor groups can add up to more than the total.
    Without a filter the figures come from the rollup the database keeps in step with every write; with one,
    from the live query (the two agree: tests/ledger/test_rollup.py).
    """
    if by not in STAT_KEYS:
        raise LedgerError(f"cannot group by {by!r}; use one of {', '.join(STAT_KEYS)}")
    if _unfiltered(filter):
        return _ordered(_rollup_rows(ledger, by), by)
    with ledger.read() as session:
        return _ordered(_live_rows(session, by, filter), by)


def live_stats(ledger: Ledger, by: str = "month", filter: ProjectFilter | None = None) -> list[StatRow]:
    """:func:`stats` computed from the projects themselves, never from the rollup (to check the rollup)."""
    if by not in STAT_KEYS and by != "total":
        raise LedgerError(f"cannot group by {by!r}; use one of {', '.join(STAT_KEYS)}")
    with ledger.read() as session:
        return _ordered(_live_rows(session, by, filter), by)


def _ordered(rows: list[StatRow], by: str) -> list[StatRow]:
    rows = [r for r in rows if r.records or r.total_cny or r.total_usd]
    if by == "month":
        return sorted(rows, key=lambda r: (r.key == "unknown", r.key))
    return sorted(rows, key=lambda r: (-r.total_cny, -r.projects, r.key))


def totals(ledger: Ledger, filter: ProjectFilter | None = None) -> StatRow:
    """The figures of :func:`stats` for the whole selection at once."""
    if _unfiltered(filter):
        rows = _rollup_rows(ledger, "total")
        return rows[0] if rows else StatRow("total", 0, 0, _money(0), _money(0), 0)
    with ledger.read() as session:
        _, records, projects, cny, usd, unconverted = session.execute(_stat_query(session, "total", filter)).one()
    return StatRow("total", int(records or 0), int(projects or 0), _money(cny), _money(usd), int(unconverted or 0))


def _doc_summaries(session: Session, docs: list[DocumentRow]) -> list[DocumentSummary]:
    ids = [d.id for d in docs]
    projects: dict[int, int] = {}
    findings: dict[int | None, int] = {}
    if ids:
        projects = {
            doc_id: n
            for doc_id, n in session.execute(
                select(ProjectSource.document_id, func.count())
                .where(ProjectSource.document_id.in_(ids))
                .group_by(ProjectSource.document_id)
            )
        }
        findings = {
            doc_id: n
            for doc_id, n in session.execute(
                select(FindingRecord.document_id, func.count())
                .where(FindingRecord.document_id.in_(ids))
                .group_by(FindingRecord.document_id)
            )
        }
    return [
        DocumentSummary(
            d.id,
            d.key,
            d.version,
            d.is_current,
            d.source,
            d.url,
            d.title,
            d.published,
            d.language,
            d.ingested_at,
            projects.get(d.id, 0),
            findings.get(d.id, 0),
        )
        for d in docs
    ]


def list_documents(
    ledger: Ledger,
    search: str | None = None,
    language: str | None = None,
    current_only: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> Page[DocumentSummary]:
    """Stored documents, most recently published first; ``search`` is full text (Chinese included)."""
    limit, offset = _page_args(limit, offset)
    with ledger.read() as session:
        q = select(DocumentRow)
        if current_only:
            q = q.where(DocumentRow.is_current.is_(True))
        if language:
            q = q.where(DocumentRow.language == language)
        if search and search.strip():
            q = q.where(DocumentRow.id.in_(fts.matching_ids(session, "document", search)))
        total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
        docs = list(
            session.scalars(
                q.order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.id.desc()).limit(limit).offset(offset)
            )
        )
        return Page(tuple(_doc_summaries(session, docs)), total, limit, offset)


def get_document(ledger: Ledger, document_id: int) -> DocumentDetail | None:
    """A stored document with its text, the projects it is a source of, its findings and its other versions."""
    with ledger.read() as session:
        doc = session.get(DocumentRow, document_id)
        if doc is None:
            return None
        summary = _doc_summaries(session, [doc])[0]
        project_ids = tuple(
            session.scalars(
                select(ProjectSource.project_id)
                .where(ProjectSource.document_id == document_id)
                .order_by(ProjectSource.project_id)
            )
        )
        findings = list(
            session.scalars(
                select(FindingRecord).where(FindingRecord.document_id == document_id).order_by(FindingRecord.start)
            )
        )
        versions = list(
            session.scalars(select(DocumentRow).where(DocumentRow.key == doc.key).order_by(DocumentRow.version))
        )
        return DocumentDetail(
            summary,
            doc.text,
            project_ids,
            tuple(_finding_rows(session, findings)),
            tuple(_doc_summaries(session, versions)),
        )


def list_findings(
    ledger: Ledger,
    kind: str | None = None,
    document_id: int | None = None,
    project_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[FindingRow]:
    """Findings about the articles (and ``sources_disagree`` about the ledger), newest first."""
    limit, offset = _page_args(limit, offset)
    with ledger.read() as session:
        q = select(FindingRecord)
        if kind:
            q = q.where(FindingRecord.kind == kind)
        if document_id is not None:
            q = q.where(FindingRecord.document_id == document_id)
        if project_id is not None:
            q = q.where(FindingRecord.project_id == project_id)
        total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
        records = list(session.scalars(q.order_by(FindingRecord.id.desc()).limit(limit).offset(offset)))
        return Page(tuple(_finding_rows(session, records)), total, limit, offset)


def list_organisations(
    ledger: Ledger, search: str | None = None, limit: int = 50, offset: int = 0
) -> Page[OrganisationRow]:
    """Organisations with their aliases, the number of projects they invest in and the CNY total."""
    limit, offset = _page_args(limit, offset)
    with ledger.read() as session:
        q = select(Organisation)
        if search and search.strip():
            like = f"%{search.strip().lower()}%"
            # SQLite's lower() folds ASCII only: also match the text as typed ("Ù", "É").
            q = q.where(
                or_(
                    Organisation.name.like(f"%{search.strip()}%"),
                    func.lower(Organisation.name).like(like),
                    Organisation.id.in_(
                        select(OrganisationAlias.organisation_id).where(func.lower(OrganisationAlias.alias).like(like))
                    ),
                )
            )
        total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
        orgs = list(session.scalars(q.order_by(Organisation.name).limit(limit).offset(offset)))
        return Page(tuple(organisation_rows(session, orgs)), total, limit, offset)


def organisation_rows(session: Session, orgs: list[Organisation]) -> list[OrganisationRow]:
    """OrganisationRows (aliases, project count, CNY total) for organisations loaded in ``session``."""
    ids = [o.id for o in orgs]
    aliases: dict[int, list[str]] = {i: [] for i in ids}
    figures: dict[int, tuple[int, Any]] = {}
    if ids:
        for org_id, alias in session.execute(
            select(OrganisationAlias.organisation_id, OrganisationAlias.alias)
            .where(OrganisationAlias.organisation_id.in_(ids))
            .order_by(OrganisationAlias.alias)
        ):
            aliases[org_id].append(alias)
        for org_id, n, cny in session.execute(
            select(
                ProjectOrganisation.organisation_id,
                func.count(),
                func.sum(case((ProjectRecord.in_totals.is_(True), ProjectRecord.amount_cny), else_=None)),
            )
            .join(ProjectRecord, ProjectRecord.id == ProjectOrganisation.project_id)
            .where(
                ProjectOrganisation.organisation_id.in_(ids),
                ProjectOrganisation.role == "investor",
                ProjectRecord.status != "rejected",
            )
            .group_by(ProjectOrganisation.organisation_id)
        ):
            figures[org_id] = (n, cny)
    return [
        OrganisationRow(
            o.id,
            o.name,
            tuple(a for a in aliases[o.id] if a != o.name),
            figures.get(o.id, (0, None))[0],
            _money(figures.get(o.id, (0, None))[1]),
        )
        for o in orgs
    ]


def list_reviews(ledger: Ledger, project_id: int | None = None, limit: int = 50, offset: int = 0) -> Page[ReviewRow]:
    """The audit log, newest first."""
    limit, offset = _page_args(limit, offset)
    with ledger.read() as session:
        q = select(ReviewAction)
        if project_id is not None:
            q = q.where(ReviewAction.project_id == project_id)
        total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
        records = session.scalars(q.order_by(ReviewAction.id.desc()).limit(limit).offset(offset))
        return Page(tuple(_review_row(r) for r in records), total, limit, offset)


def list_errors(ledger: Ledger, limit: int = 50, offset: int = 0) -> Page[ErrorRow]:
    """Inputs that failed to ingest, newest first, with the reason."""
    limit, offset = _page_args(limit, offset)
    with ledger.read() as session:
        total = session.scalar(select(func.count()).select_from(IngestError)) or 0
        records = session.scalars(select(IngestError).order_by(IngestError.id.desc()).limit(limit).offset(offset))
        return Page(tuple(ErrorRow(e.id, e.source, e.reason, e.at) for e in records), total, limit, offset)


# The write side lives in its own modules; imported last because they use the row builders above.
from zonewatch.ledger.review import EDITABLE_FIELDS, add_alias, confirm, edit, reject  # noqa: E402
from zonewatch.ledger.store import ingest_document, ingest_documents, reextract, store_extraction  # noqa: E402
