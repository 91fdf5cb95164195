"""Writing to the ledger: a document and its extraction, each in one transaction.

Idempotency comes from the schema: a document's content hash is unique, so the same text twice is
"unchanged"; a different text under the same key (URL or path) is a new version whose projects are
re-derived. Write transactions are serialised (``Ledger.write``), so matching a project against the ledger
and inserting it cannot race with another process doing the same; the unique constraints stay as the
last line of defence, and a conflict with a concurrent writer is reported as "unchanged".
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, make_transient_to_detached

from zonewatch.errors import ZonewatchError
from zonewatch.ledger import search as fts
from zonewatch.ledger.db import ABSENT, Ledger
from zonewatch.ledger.merge import (
    PRECISION_ORDER,
    QUALIFIER_ORDER,
    Candidate,
    Keys,
    Report,
    amounts_agree,
    choose,
    furthest_stage,
    is_same,
    may_be_same,
)
from zonewatch.ledger.models import (
    DocumentRow,
    FindingRecord,
    IngestError,
    Organisation,
    OrganisationAlias,
    Place,
    ProjectOrganisation,
    ProjectRecord,
    ProjectSector,
    ProjectSource,
    ReviewAction,
    SearchEntry,
    StageEvent,
    utcnow,
)
from zonewatch.ledger.names import canonical, match_key
from zonewatch.ledger.rows import DocumentResult, IngestSummary
from zonewatch.model import DateValue, Document, Extraction, Precision
from zonewatch.serialize import finding_dict, project_dict

Component = Callable[[Extraction], Extraction]
# Field groups an analyst's edit locks together: editing the amount also fixes its conversions.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "amount": (
        "amount",
        "amount_upper",
        "currency",
        "qualifier",
        "amount_text",
        "amount_cny",
        "amount_usd",
        "cny_rate",
        "usd_rate",
        "rate_date",
        "rate_source",
        "rate_note",
    ),
    "date": ("date", "date_precision", "month"),
}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_key(doc: Document, digest: str) -> str:
    """The identity of a source across versions: its URL, its absolute path, or (stdin, pasted text) its hash."""
    if doc.url:
        return doc.url
    if doc.source and doc.source != "-" and "://" not in doc.source:
        path = Path(doc.source)
        if path.exists():
            return str(path.resolve())
    if "://" in (doc.source or ""):
        return doc.source
    return f"sha256:{digest}"


def _published(doc: Document) -> tuple[dt.date | None, str | None]:
    return (doc.published.date, doc.published.precision.value) if doc.published else (None, None)


def _report(data: dict[str, Any]) -> Report:
    amount = data.get("amount") or {}
    cny = data.get("amount_cny") or {}
    date = data.get("date")
    return Report(
        investors=tuple(data.get("investors") or ()),
        place=data.get("place"),
        amount=_dec(amount.get("value")),
        currency=amount.get("currency"),
        amount_cny=_dec(cny.get("value")),
        count=data.get("count"),
        date=_parse_date(date)[0] if date else None,
        stage=data.get("stage"),
        description=data.get("project"),
    )


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _parse_date(value: str) -> tuple[dt.date | None, str | None]:
    """A contract date ("2020-08-20" | "2020-08" | "2020") as (first day, precision)."""
    try:
        parts = [int(x) for x in value.split("-")]
        if len(parts) == 3:
            return dt.date(*parts), "day"
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], 1), "month"
        return dt.date(parts[0], 1, 1), "year"
    except (ValueError, TypeError):
        return None, None


def _project_data(p: Any, session: Session | None = None) -> dict[str, Any]:
    """The contract object of a project, with names canonical so sources in two languages compare.

    Names go through the alias table (zonewatch.normalize), then through the analysts' aliases in the ledger.
    """
    data = project_dict(p)
    data["investors"] = [_ledger_name(session, canonical(n)) for n in data["investors"]]
    data["hosts"] = [_ledger_name(session, canonical(n)) for n in data["hosts"]]
    if data.get("place"):
        data["place"] = canonical(data["place"])
    return data


# ---------------------------------------------------------------------------------------------- organisations


def _known(session: Session, kind: str, key: str) -> Any:
    """A name's id (or name) from this transaction's writes or from committed ones (see ``Ledger.cache``).

    None: not known, ask the database. ``ABSENT``: this transaction looked and it is not in the ledger (the
    transaction holds the write lock, so nobody else can add it meanwhile).
    """
    value = session.info.get("pending", {}).get((kind, key))
    if value is not None:
        return value
    return session.info.get("cache", {}).get(kind, {}).get(key)


def _remember(session: Session, kind: str, key: str, value: Any) -> None:
    """Note ``value`` for this transaction (kinds starting with ``_`` are never kept beyond it)."""
    session.info.setdefault("pending", {})[(kind, key)] = value


def _defer(session: Session, table: Any, row: dict[str, Any]) -> None:
    """An insert nothing reads before the document is done: sent with its kind in one ``executemany``."""
    deferred = session.info.get("deferred")
    if deferred is None:
        session.execute(insert(table), [row])
    else:
        deferred.setdefault(table, []).append(row)


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def _insert_loaded(session: Session, obj: Any) -> None:
    """INSERT ``obj``'s row with Core and put ``obj`` in the session as if it had been loaded: no ORM flush.

    Every column gets a value here (the object's, else the column's default), so nothing is left for the ORM to
    fetch, and later changes to ``obj`` are sent as UPDATEs as usual. The ORM's unit of work costs several times
    the INSERT itself, and the writer creates a document row and a project or two per document.
    """
    table = _table(type(obj))
    values = _column_values(obj, table)
    ids: dict[Any, Ids] | None = session.info.get("ids")
    if ids is not None:
        # In a batch: the row is sent with the batch's (``Unsent``); its id is known now, from the batch's block.
        obj.id = ids[type(obj)].take(session)
        for key, value in values.items():
            setattr(obj, key, value)
        session.info["new"][(type(obj), obj.id)] = obj
        return
    statement = _RETURNING_ID.get(table)
    if statement is None:
        statement = _RETURNING_ID[table] = insert(table).returning(table.c.id)
    new_id = session.connection().execute(statement, values).scalar_one()
    for key, value in values.items():
        setattr(obj, key, value)
    obj.id = new_id
    make_transient_to_detached(obj)
    session.add(obj)


_RETURNING_ID: dict[Table, Any] = {}


def _column_values(obj: Any, table: Table) -> dict[str, Any]:
    """Every column's value but the id: the object's, else the column's default, else None."""
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.key == "id":
            continue
        if column.key in obj.__dict__:
            values[column.key] = obj.__dict__[column.key]
        elif column.default is not None:
            default = cast(Any, column.default)
            values[column.key] = default.arg(None) if default.is_callable else default.arg
        else:
            values[column.key] = None
    return values


class Ids:
    """The ids a batch gives the documents or projects it creates, before their rows are sent (``Unsent``).

    SQLite: the ledger's largest id plus one, as the rowid would be (the batch holds the write lock). PostgreSQL: a
    block taken from the table's sequence once per batch, ``needed`` long (an upper bound: a document creates at most
    one project per extracted project); what is left over is a gap, as rolled-back inserts leave. ``at`` is put
    back when a document is rolled back, so its ids go to the next one, as SQLite's rowids would.
    """

    def __init__(self, model: Any, needed: int) -> None:
        self.table = _table(model)
        self.needed = max(1, needed)
        self.values: list[int] | None = None
        self.start = 0
        self.at = 0
        self.ready = False

    def take(self, session: Session) -> int:
        connection = session.connection()
        if not self.ready:
            if connection.dialect.name == "postgresql":
                self.values = self._block(connection, self.needed)
            else:
                self.start = (connection.execute(select(func.max(self.table.c.id))).scalar() or 0) + 1
            self.ready = True
        if self.values is None:
            value = self.start + self.at
        else:
            if self.at >= len(self.values):
                self.values += self._block(connection, self.needed)
            value = self.values[self.at]
        self.at += 1
        return value

    def _block(self, connection: Any, n: int) -> list[int]:
        sql = text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)")
        return [int(v) for v in connection.execute(sql, {"t": self.table.name, "n": n}).scalars()]


def _new_rows(new: dict[tuple[Any, int], Any]) -> dict[Any, list[dict[str, Any]]]:
    """The rows of a document's new documents and projects, as they are now, documents first.

    Projects come in the order they were created, which puts an aggregate before its parts (``_derive``): the
    parts' foreign key needs it, and SQLite checks it row by row."""
    rows: dict[Any, list[dict[str, Any]]] = {DocumentRow: [], ProjectRecord: []}
    for obj in new.values():
        table = _table(type(obj))
        rows[type(obj)].append({c.key: obj.__dict__.get(c.key) for c in table.columns})
    return {model: r for model, r in rows.items() if r}


def _insert_statement(model: Any) -> Any:
    statement = _INSERT.get(model)
    if statement is None:
        statement = _INSERT[model] = insert(_table(model))
    return statement


_INSERT: dict[Any, Any] = {}


_SEND_ORDER = {DocumentRow: 0, Organisation: 0, ProjectRecord: 1}  # what the other rows refer to goes first
# Rows read during a batch only through their project (see ``Unsent.send``).
_READ_BY_ID_ONLY = (ProjectSector, SearchEntry, StageEvent, FindingRecord)


def _send(session: Session, rows: dict[Any, list[dict[str, Any]]]) -> None:
    """INSERT deferred ``rows``, one statement per table: ``executemany`` on SQLite (one prepared statement run
    in C), one ``INSERT ... SELECT`` from a JSON array on PostgreSQL (``_json_insert``)."""
    connection = session.connection()
    postgresql = connection.dialect.name == "postgresql"
    for model in sorted(rows, key=lambda m: _SEND_ORDER.get(m, 2)):
        if postgresql:
            _json_insert(connection, _table(model), rows[model])
        else:
            connection.execute(_insert_statement(model), rows[model])
    rows.clear()


def _json_insert(connection: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    """All ``rows`` in one statement of constant text and one parameter, the rows as a JSON array.

    psycopg sends an ``executemany`` as one statement per row (each with its own trigger calls and round of bind
    and execute), and a multi-row ``VALUES`` is a new statement to build and parse for every length, which cost
    the writer more than the rows themselves. The rollup's triggers on ``projects`` run once per statement
    (migration 0004): here once per batch. Columns a row leaves out get their Python-side default, as Core would.
    """
    missing = [c for c in table.columns if c.key not in rows[0] and c.default is not None]
    for column in missing:
        default = cast(Any, column.default)
        for row in rows:
            row[column.key] = default.arg(None) if default.is_callable else default.arg
    keys = tuple(rows[0])
    statement = _JSON_INSERT.get((table, keys))
    if statement is None:
        names = ", ".join(f'"{table.c[k].name}"' for k in keys)
        statement = _JSON_INSERT[(table, keys)] = text(
            f'INSERT INTO "{table.name}" ({names}) SELECT {names} '
            f'FROM json_populate_recordset(NULL::"{table.name}", CAST(:rows AS json))'
        )
    connection.execute(statement, {"rows": json.dumps(rows, default=_json_value)})


_JSON_INSERT: dict[tuple[Table, tuple[str, ...]], Any] = {}


def _json_value(value: Any) -> str:
    """Decimals, dates and times as PostgreSQL reads them back exactly (a Decimal never goes through a float)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot send {type(value).__name__} as JSON")


def _flush_deferred(session: Session) -> None:
    """Send this document's deferred rows (not the batch's: see ``Unsent``)."""
    new: dict[tuple[Any, int], Any] | None = session.info.get("new")
    if new:
        # Rows of this document read before it is done: they go now, and their objects join the session as loaded
        # rows (as ``_insert_loaded`` leaves them), so that later changes to them are sent as UPDATEs.
        _send(session, _new_rows(new))
        for obj in new.values():
            make_transient_to_detached(obj)
            session.add(obj)
        new.clear()
    deferred = session.info.get("deferred")
    if deferred:
        # Core, not the ORM's bulk path: plain rows, and every id they refer to is already flushed.
        _send(session, deferred)


class NeedsSent(Exception):
    """This document reads rows that earlier documents of its batch have not sent yet (``Unsent``).

    Raised before the document wrote anything the batch keeps: the batch rolls its savepoint back, sends the rows
    (outside any document's savepoint, so a later refusal cannot take them back) and stores the document again.
    ``matching``: only what matching reads is needed (``Unsent.send``).
    """

    def __init__(self, matching: bool = False) -> None:
        super().__init__("this document needs the batch's unsent rows")
        self.matching = matching


@dataclass(slots=True)
class Unsent:
    """A batch's rows nothing reads while it runs, kept from its finished documents and sent in one go per table.

    What they concern is kept too, so that a document only waits for them when it could read them: ``projects``
    they belong to, the organisations they link as ``investors`` and the ``(place, count)`` of those projects
    (what matching looks candidates up by).
    """

    rows: dict[Any, list[dict[str, Any]]] = field(default_factory=dict)
    projects: set[int] = field(default_factory=set)
    investors: set[int] = field(default_factory=set)
    aggregates: set[tuple[Any, Any]] = field(default_factory=set)

    def keep(
        self, rows: dict[Any, list[dict[str, Any]]], placed: set[tuple[Any, Any]], new: dict[tuple[Any, int], Any]
    ) -> None:
        """Add a finished document's rows (its savepoint released), its new documents and projects (``new``) and
        the ``(place, count)`` of its projects."""
        for model, more in _new_rows(new).items():
            self.rows.setdefault(model, []).extend(more)
        touched: set[int] = set()
        for table, more in rows.items():
            self.rows.setdefault(table, []).extend(more)
            if table is SearchEntry:
                touched.update(r["ref_id"] for r in more if r["kind"] == "project")
            elif "project_id" in more[0]:
                touched.update(r["project_id"] for r in more)
        self.investors.update(
            r["organisation_id"] for r in rows.get(ProjectOrganisation, ()) if r["role"] == "investor"
        )
        self.aggregates |= placed
        self.projects |= touched

    def send(self, session: Session, matching: bool = False) -> None:
        """Send the rows; ``matching``: only those matching reads, the rest stay for the end of the batch.

        Rows nothing reads in a batch but through a project's id (its sectors, stage events, search entry and
        findings: ``_needs_sent`` asks for everything when a document touches that project) wait: on PostgreSQL
        each INSERT of sectors runs the rollup's statement trigger, whose cost grows with the ledger, so the fewer
        statements the better.
        """
        kept = {model: rows for model, rows in self.rows.items() if matching and model in _READ_BY_ID_ONLY}
        _send(session, {model: rows for model, rows in self.rows.items() if model not in kept})
        self.rows = kept
        self.projects = set()
        for model, rows in kept.items():
            for r in rows:
                pid = r["project_id"] if model is not SearchEntry else r["ref_id"] if r["kind"] == "project" else None
                if pid is not None:  # None: a finding or search entry of the document itself
                    self.projects.add(pid)
        self.investors.clear()
        self.aggregates.clear()


def _needs_sent(session: Session, project_id: int | None = None) -> None:
    """Raise ``NeedsSent`` if the batch holds unsent rows (of ``project_id``, when given) this document would read."""
    unsent: Unsent | None = session.info.get("unsent")
    if unsent is not None and unsent.rows and (project_id is None or project_id in unsent.projects):
        raise NeedsSent


def _ledger_name(session: Session | None, name: str) -> str:
    """The organisation an analyst's alias points at (``add_alias``), else the name itself."""
    if session is None:
        return name
    cached = _known(session, "alias_name", name)
    if cached is ABSENT:
        return name
    if cached is not None:
        return str(cached)
    _flush_deferred(session)
    org_name = session.scalar(
        select(Organisation.name)
        .join(OrganisationAlias, OrganisationAlias.organisation_id == Organisation.id)
        .where(OrganisationAlias.alias == name)
    )
    _remember(session, "alias_name", name, ABSENT if org_name is None else org_name)
    return org_name or name


def _organisation_id(session: Session, name: str, raw_names: Iterable[str] = ()) -> int:
    """The id of the organisation called ``name`` (created when new), with ``raw_names`` recorded as aliases.

    Every organisation's own name is also one of its aliases, so one lookup of all the names answers both
    "does it exist" and "which names are new".
    """
    names = {n.strip()[:512] for n in (name, *raw_names)} - {""}
    owners: dict[str, int] = {}
    unknown = set()
    for n in names:
        owner = _known(session, "alias", n)
        if owner is None:
            unknown.add(n)
        elif owner is not ABSENT:
            owners[n] = owner
    if unknown:
        _flush_deferred(session)
        owners.update(
            session.execute(
                select(OrganisationAlias.alias, OrganisationAlias.organisation_id).where(
                    OrganisationAlias.alias.in_(unknown)
                )
            ).all()
        )
    org_id = _known(session, "org", name)
    named = True  # the organisation found is the one called ``name`` (not one ``name`` is an alias of)
    if org_id is None or org_id is ABSENT:
        by_alias = owners.get(name)
        if by_alias is not None:
            org_id, named = by_alias, False
        elif org_id is None:
            org_id = session.scalar(select(Organisation.id).where(Organisation.name == name))
        else:
            org_id = None
        if org_id is None:
            ids: dict[Any, Ids] | None = session.info.get("ids")
            if ids is not None:  # in a batch: sent with its rows, before the links and aliases that refer to it
                org_id = ids[Organisation].take(session)
                _defer(session, Organisation, {"id": org_id, "name": name, "kind": None})
            else:
                org_id = (
                    session.connection()
                    .execute(insert(_table(Organisation)).values(name=name).returning(_table(Organisation).c.id))
                    .scalar_one()
                )
            named = True
        _remember(session, "org", name, org_id)
    new = sorted(names - owners.keys())
    for n in new:
        _defer(session, OrganisationAlias, {"organisation_id": org_id, "alias": n})
        _remember(session, "alias", n, org_id)
        # What ``_ledger_name`` would now read for it: the organisation's name, when we know it.
        _remember(session, "alias_name", n, name if named else None)
    for n in unknown & owners.keys():
        _remember(session, "alias", n, owners[n])
    return int(org_id)


def _organisation(session: Session, name: str, raw_names: Iterable[str] = ()) -> Organisation:
    org = session.get(Organisation, _organisation_id(session, name, raw_names))
    assert org is not None
    return org


def _place(session: Session, name: str) -> None:
    known = _known(session, "place", name)
    if known is not None and known is not ABSENT:
        return
    if known is ABSENT or session.scalar(select(Place.id).where(Place.name == name)) is None:
        if "ids" in session.info:
            _defer(session, Place, {"name": name})  # in a batch: sent with its rows
        else:
            session.connection().execute(insert(_table(Place)).values(name=name))
    _remember(session, "place", name, True)


# ---------------------------------------------------------------------------------------------- projects


def _sources_of(session: Session, project_id: int) -> list[tuple[ProjectSource, DocumentRow]]:
    _needs_sent(session, project_id)
    _flush_deferred(session)  # this document's sources are deferred rows
    return list(
        session.execute(
            select(ProjectSource, DocumentRow)
            .join(DocumentRow, DocumentRow.id == ProjectSource.document_id)
            .where(ProjectSource.project_id == project_id)
        )
    )


def _candidates(
    pairs: list[tuple[ProjectSource, DocumentRow]],
    get: Callable[[dict[str, Any]], Any],
    rank: Callable[[dict[str, Any]], int] = lambda d: 0,
) -> list[Candidate]:
    return [Candidate(get(src.data), rank(src.data), doc.published, doc.id) for src, doc in pairs]


def _amount_rank(d: dict[str, Any]) -> int:
    return QUALIFIER_ORDER.get((d.get("amount") or {}).get("qualifier", ""), 0)


def _date_rank(d: dict[str, Any]) -> int:
    return PRECISION_ORDER.get(_parse_date(d["date"])[1] or "", 0) if d.get("date") else 0


def recompute(
    session: Session, project: ProjectRecord, pairs: list[tuple[ProjectSource, DocumentRow]] | None = None
) -> bool:
    """Set the project's fields from its sources by the documented rule, leaving analyst-edited fields alone.

    Returns whether any value changed. Raises a ``sources_disagree`` finding when sources' amounts or dates differ.
    ``pairs``: the project's sources when the caller knows them all (a project created for this document).
    """
    if pairs is None:
        pairs = _sources_of(session, project.id)
    if not pairs:
        return False
    before = _snapshot(project)
    _choose_values(project, pairs)
    if len(pairs) > 1:
        _disagreements(session, project, pairs)
    changed = _snapshot(project) != before
    if changed:
        project.updated_at = utcnow()
    _links(session, project, pairs)
    return changed


def _choose_values(project: ProjectRecord, pairs: list[tuple[ProjectSource, DocumentRow]]) -> None:
    """The field values ``recompute`` sets: each chosen among the sources, analyst-edited fields left alone."""
    locked: set[str] = set()
    for name in project.edited_fields or ():
        locked.update(FIELD_GROUPS.get(name, (name,)))
    # A field no source gives any more is cleared (a re-extraction may drop a wrong value).
    values: dict[str, Any] = dict.fromkeys(
        (
            *FIELD_GROUPS["amount"],
            *FIELD_GROUPS["date"],
            "place",
            "description",
            "project_type",
            "count",
            "jobs",
            "area_m2",
        )
    )

    amount = choose(_candidates(pairs, lambda d: d.get("amount") and d, _amount_rank))
    if amount is not None:
        d = amount.value
        a = d["amount"]
        cny, usd = d.get("amount_cny") or {}, d.get("amount_usd") or {}
        values.update(
            amount=_dec(a["value"]),
            amount_upper=_dec(d.get("upper")),
            currency=a["currency"],
            qualifier=a["qualifier"],
            amount_text=a.get("text"),
            amount_cny=_dec(cny.get("value")),
            amount_usd=_dec(usd.get("value")),
            cny_rate=_dec(cny.get("rate")),
            usd_rate=_dec(usd.get("rate")),
            rate_date=_parse_date(usd.get("rate_date") or cny.get("rate_date") or "")[0],
            rate_source=usd.get("source") or cny.get("source"),
            rate_note=usd.get("note") or cny.get("note"),
        )
    date = choose(
        _candidates(pairs, lambda d: _parse_date(d["date"])[0] if d.get("date") else None, _date_rank), earliest=True
    )
    if date is not None:
        precision = next(_parse_date(src.data["date"])[1] for src, doc in pairs if doc.id == date.document_id)
        values.update(
            date=date.value,
            date_precision=precision,
            month=date.value.strftime("%Y-%m") if precision in ("day", "month") else None,
        )
    for name, key in (
        ("place", "place"),
        ("description", "project"),
        ("project_type", "project_type"),
        ("count", "count"),
        ("jobs", "jobs"),
        ("area_m2", "area_m2"),
    ):
        picked = choose(_candidates(pairs, lambda d, k=key: d.get(k)))  # type: ignore[misc]
        if picked is not None:
            values[name] = _dec(picked.value) if name == "area_m2" else picked.value
    values["stage"] = furthest_stage([src.data.get("stage") for src, _ in pairs])
    ordered = sorted(pairs, key=lambda sd: (sd[1].published or dt.date.min, sd[1].id), reverse=True)
    for name in ("investors", "hosts", "sectors"):
        merged: list[str] = []
        for src, _ in ordered:
            for n in src.data.get(name) or ():
                if n not in merged:
                    merged.append(n)
        values[name] = merged

    for name, value in values.items():
        if name not in locked:
            setattr(project, name, value)
    project.source_count = len(pairs)


def _snapshot(p: ProjectRecord) -> tuple[Any, ...]:
    return (
        p.investors,
        p.hosts,
        p.amount,
        p.currency,
        p.amount_cny,
        p.amount_usd,
        p.date,
        p.stage,
        p.place,
        p.description,
        p.count,
        p.sectors,
        p.parent_id,
    )


def _links(
    session: Session, project: ProjectRecord, pairs: list[tuple[ProjectSource, DocumentRow]] | None = None
) -> None:
    """Organisations, sectors, places and the search entry of a project, rebuilt from its values."""
    fresh = project.id in session.info.get("fresh", ())
    if not fresh:
        _needs_sent(session, project.id)
    if pairs is not None:
        datas = [src.data for src, _ in pairs]
    else:
        _needs_sent(session, project.id)
        _flush_deferred(session)
        datas = list(session.scalars(select(ProjectSource.data).where(ProjectSource.project_id == project.id)))
    if not fresh:
        _flush_deferred(session)  # this project's earlier rows must exist before they are deleted
        session.execute(delete(ProjectOrganisation).where(ProjectOrganisation.project_id == project.id))
        session.execute(delete(ProjectSector).where(ProjectSector.project_id == project.id))
    seen: set[tuple[int, str]] = set()
    surface: dict[str, set[str]] = {}  # canonical name -> the forms sources wrote it in
    for data in datas:
        grounding = data.get("grounding") or {}
        for role in ("investors", "hosts"):
            for name, item in zip(data.get(role) or [], grounding.get(role) or [], strict=False):
                surface.setdefault(name, set()).update(x for x in (item.get("text"), item.get("name")) if x)
    for role, names in (("investor", project.investors or []), ("host", project.hosts or [])):
        for name in names:
            org_id = _organisation_id(session, name, surface.get(name, ()))
            if (org_id, role) not in seen:
                seen.add((org_id, role))
                _defer(
                    session, ProjectOrganisation, {"project_id": project.id, "organisation_id": org_id, "role": role}
                )
    for sector in dict.fromkeys(project.sectors or []):
        _defer(session, ProjectSector, {"project_id": project.id, "sector": sector})
    if project.place:
        _place(session, project.place)
    body = " ".join(
        str(x)
        for x in (
            *(project.investors or []),
            *(project.hosts or []),
            project.place,
            project.description,
            project.amount_text,
            project.project_type,
            *(project.sectors or []),
            *_raw_names(datas),
        )
        if x
    )
    _search_entry(session, "project", project.id, body, fresh)
    if fresh:
        # Written once for a new project; a later pass in the same transaction (a merge) replaces them.
        session.info["fresh"].discard(project.id)


def _search_entry(session: Session, kind: str, ref_id: int, body: str, fresh: bool) -> None:
    if fresh:
        _defer(session, SearchEntry, {"kind": kind, "ref_id": ref_id, "body": fts.index_text(body)})
    else:
        _needs_sent(session, ref_id if kind == "project" else None)
        _flush_deferred(session)
        fts.put(session, kind, ref_id, body)


def _raw_names(datas: list[dict[str, Any]]) -> list[str]:
    """The names as each source wrote them ("腾讯", "CDHT"), so a search in any language finds the project."""
    names: list[str] = []
    for data in datas:
        grounding = data.get("grounding") or {}
        items = [*(grounding.get("investors") or []), *(grounding.get("hosts") or [])]
        items += [grounding.get("place"), grounding.get("project"), data.get("amount")]
        for item in items:
            if item and item.get("text") and item["text"] not in names:
                names.append(item["text"])
    return names


def refresh_totals(session: Session, project: ProjectRecord) -> None:
    """Keep ``in_totals`` true exactly for projects whose amount is not already inside their aggregate's."""
    parent = None
    if project.parent_id:
        unsent = session.info.get("new", {}).get((ProjectRecord, project.parent_id))
        parent = unsent or session.get(ProjectRecord, project.parent_id)
    project.in_totals = parent is None or parent.amount is None or parent.status == "rejected"
    if project.id in session.info.get("created", ()):
        return  # created in this transaction: its only children are this document's, which set their own flag
    carries = project.amount is not None and project.status != "rejected"
    session.execute(update(ProjectRecord).where(ProjectRecord.parent_id == project.id).values(in_totals=not carries))


def _disagreements(session: Session, project: ProjectRecord, pairs: list[tuple[ProjectSource, DocumentRow]]) -> None:
    """A ``sources_disagree`` finding per field whose sources give different values (kept per source)."""
    reports = [(_report(src.data), src, doc) for src, doc in pairs]
    checks: list[tuple[str, list[str]]] = []
    with_amount = [(r, src, doc) for r, src, doc in reports if r.amount is not None]
    if any(amounts_agree(a[0], b[0]) is False for i, a in enumerate(with_amount) for b in with_amount[i + 1 :]):
        checks.append(
            ("amount", [f"{doc.title or doc.source}: {src.data['amount'].get('text')}" for _, src, doc in with_amount])
        )
    days = {
        src.data["date"]
        for _, src, _ in reports
        if src.data.get("date") and _date_rank(src.data) == 3 and src.data.get("stage") == project.stage
    }
    if len(days) > 1:
        checks.append(
            (
                "date",
                [f"{doc.title or doc.source}: {src.data['date']}" for _, src, doc in reports if src.data.get("date")],
            )
        )
    for name, per_source in checks:
        fingerprint = hashlib.sha256(f"sources_disagree|{project.id}|{name}".encode()).hexdigest()
        message = f"Sources disagree on the {name} of project {project.id}: " + "; ".join(per_source)
        existing = session.scalar(select(FindingRecord).where(FindingRecord.fingerprint == fingerprint))
        if existing is None:
            session.add(
                FindingRecord(
                    fingerprint=fingerprint,
                    kind="sources_disagree",
                    message=message,
                    project_id=project.id,
                    details={"field": name, "values": "; ".join(per_source)},
                )
            )
        else:
            existing.message = message


# Sources kept decoded for matching (``Ledger.sources``): only those whose keys pass ``may_be_same`` are ever decoded
# (the investors and place matching filters by come with the candidate rows, ``_keys``), so this holds the few
# sources per report that are really compared, not every source of the busiest investors. Bounded so memory stays
# flat (the least recently used quarter is dropped). Measured on the synthetic corpus: of ~46 candidate sources per
# report at 50k documents ~6% pass the keys; a miss costs ~90 us (fetch and decode), an entry ~1.3 kB.
SOURCES_KEPT = 10_000


@dataclass(frozen=True, slots=True)
class _Seen:
    """A project source as matching compares it: its report and its row's stamp."""

    created_at: Any
    report: Report


@functools.lru_cache(maxsize=20_000)
def _keys(investors: tuple[str, ...], place: str | None) -> Keys:
    """``Keys`` of a source from its investors and place as stored: shared by every source naming the same."""
    return Keys(frozenset(match_key(n) for n in investors), None if place is None else match_key(place))


def _stored_keys(investors: Any, place: Any) -> Keys:
    return _keys(tuple(investors or ()), place)


def _seen_sources(session: Session, rows: list[tuple[int, Any]]) -> dict[int, _Seen]:
    """Source id -> its ``_Seen``, for ``rows`` of (id, created_at): from the writer's memory or (one query for
    the rest) from the ledger."""
    kept: dict[int, _Seen] = session.info.get("sources", {})
    found: dict[int, _Seen] = {}
    missing: list[int] = []
    for source_id, created_at in rows:
        seen = kept.pop(source_id, None)
        if seen is not None and seen.created_at == created_at:
            found[source_id] = kept[source_id] = seen  # now the most recently used
        else:
            missing.append(source_id)
    if missing:
        for source_id, created_at, data in session.execute(_SOURCE_DATA, {"ids": missing}):
            found[source_id] = kept[source_id] = _Seen(created_at, _report(data))
        if len(kept) > SOURCES_KEPT:
            for old in list(itertools.islice(kept, SOURCES_KEPT // 4)):
                del kept[old]
    return found


# Matching's statements, built once: building a SELECT costs more than running it on an indexed ledger.
_RECENT_OF_INVESTORS = (
    select(ProjectRecord.id)
    .where(
        ProjectRecord.status != "rejected",
        ProjectRecord.id.in_(
            select(ProjectOrganisation.project_id).where(
                ProjectOrganisation.organisation_id.in_(
                    select(Organisation.id).where(Organisation.name.in_(bindparam("names", expanding=True)))
                ),
                ProjectOrganisation.role == "investor",
            )
        ),
        ProjectRecord.id.not_in(bindparam("taken", expanding=True)),
    )
    .order_by(ProjectRecord.id.desc())
    .limit(200)
)
_RECENT_AT_PLACE = (
    select(ProjectRecord.id)
    .where(
        ProjectRecord.status != "rejected",
        ProjectRecord.place == bindparam("place"),
        ProjectRecord.count == bindparam("count"),
        ProjectRecord.id.not_in(bindparam("taken", expanding=True)),
    )
    .order_by(ProjectRecord.id.desc())
    .limit(200)
)
# The sources of those candidates, in the same statement: one round trip per report however many candidates are
# tried (in groups of 20 the statements per document grew with the ledger: 4.5 at 2k documents, 8.8 at 10k). Each
# comes with the investors and place ``may_be_same`` filters by, read from its JSON by the database: the rest of
# a source is decoded only when those pass.
_CANDIDATE_SOURCE = (
    ProjectSource.id,
    ProjectSource.project_id,
    ProjectSource.created_at,
    ProjectSource.data["investors"],
    ProjectSource.data["place"].as_string(),
)
_SOURCES_OF_INVESTORS = select(*_CANDIDATE_SOURCE).where(
    ProjectSource.project_id.in_(_RECENT_OF_INVESTORS.scalar_subquery())
)
_SOURCES_AT_PLACE = select(*_CANDIDATE_SOURCE).where(ProjectSource.project_id.in_(_RECENT_AT_PLACE.scalar_subquery()))
_SOURCE_DATA = select(ProjectSource.id, ProjectSource.created_at, ProjectSource.data).where(
    ProjectSource.id.in_(bindparam("ids", expanding=True))
)


def _find_match(session: Session, report: Report, taken: set[int]) -> ProjectRecord | None:
    """A ledger project this report is the same project as (see ``merge.is_same``), not one this document feeds.

    ``taken``: the projects this document already feeds (its sources are not written yet, so the ledger cannot
    tell). The candidates are the 200 most recent projects sharing an investor (or, for an aggregate, its place
    and count), read with their sources in one statement and tried newest first; the first with a source
    ``is_same`` accepts wins. Sources ``may_be_same``
    rules out (no shared investor, another place) are skipped without calling ``is_same``: that cannot change
    the answer, only its cost, which at 100k documents is hundreds of sources per report.
    """
    if report.investors and all(_known(session, "org", canonical(n)) is ABSENT for n in report.investors):
        return None  # none of its investors is in the ledger yet: no project can share one
    # Every row this reads was written by earlier documents (flushed when each was done) or through the ORM
    # (autoflushed): this document's deferred rows only concern projects in ``taken``, which are excluded.
    unsent: Unsent | None = session.info.get("unsent")
    if unsent is not None and unsent.rows:
        # Candidates among the batch's unsent rows: send them first (``NeedsSent``), matching must see them.
        if report.investors:
            ids = [_known(session, "org", canonical(n)) for n in report.investors]
            if any(i is None or i in unsent.investors for i in ids):
                raise NeedsSent(matching=True)
        elif (report.place, report.count) in unsent.aggregates:
            raise NeedsSent(matching=True)
    excluded = sorted(taken) or [0]  # ids start at 1; an empty NOT IN list is not portable SQL
    if report.investors:
        names = sorted({canonical(n) for n in report.investors})
        found = session.execute(_SOURCES_OF_INVESTORS, {"names": names, "taken": excluded})
    elif report.place:
        found = session.execute(_SOURCES_AT_PLACE, {"place": report.place, "count": report.count, "taken": excluded})
    else:
        return None
    # Sources ``may_be_same`` rules out are dropped on their keys alone; the rest are decoded (or found decoded,
    # ``_seen_sources``) and tried newest candidate first.
    keys = Keys.of(report)
    by_project: dict[int, list[int]] = {}
    stamps: list[tuple[int, Any]] = []
    for source_id, project_id, created_at, investors, place in found:
        if may_be_same(keys, _stored_keys(investors, place)):
            by_project.setdefault(project_id, []).append(source_id)
            stamps.append((source_id, created_at))
    if not stamps:
        return None
    seen = _seen_sources(session, stamps)
    for pid in sorted(by_project, reverse=True):
        if any(is_same(report, seen[source_id].report) for source_id in by_project[pid]):
            return session.get(ProjectRecord, pid)
    return None


def _stage_event(session: Session, project_id: int, data: dict[str, Any], document_id: int) -> None:
    stage = data.get("stage")
    if not stage:
        return
    # No lookup: a document feeds a ledger project at most once (matching skips projects it already feeds), and a
    # re-derived document's events were deleted first; the unique constraint stays as the guard.
    date = _parse_date(data["date"])[0] if data.get("date") else None
    _defer(session, StageEvent, {"project_id": project_id, "stage": stage, "date": date, "document_id": document_id})


def _reviewed(session: Session, project: ProjectRecord) -> bool:
    return (
        bool(project.edited_fields)
        or project.status != "pending"
        or session.scalar(select(ReviewAction.id).where(ReviewAction.project_id == project.id).limit(1)) is not None
    )


@dataclass(frozen=True, slots=True)
class Previous:
    """What a document (version) had contributed before being re-derived: its projects and their values."""

    sources: tuple[tuple[int, dict[str, Any]], ...] = ()  # (project id, the source's data)
    snapshots: tuple[tuple[int, tuple[Any, ...]], ...] = ()


def _detach(session: Session, document_id: int) -> Previous:
    """Remove what a document contributed (sources, findings, stage events), remembering it for ``_derive``."""
    _needs_sent(session)
    _flush_deferred(session)
    sources = [
        (src.project_id, src.data)
        for src in session.scalars(select(ProjectSource).where(ProjectSource.document_id == document_id))
    ]
    snapshots = []
    for pid in dict.fromkeys(pid for pid, _ in sources):
        project = session.get(ProjectRecord, pid)
        if project is not None:
            snapshots.append((pid, _snapshot(project)))
    session.execute(delete(ProjectSource).where(ProjectSource.document_id == document_id))
    session.execute(delete(FindingRecord).where(FindingRecord.document_id == document_id))
    session.execute(delete(StageEvent).where(StageEvent.document_id == document_id))
    session.flush()
    return Previous(tuple(sources), tuple(snapshots))


def _reuse(previous: Previous, data: dict[str, Any], taken: set[int]) -> int | None:
    """The project an earlier version of this document attached the same report to (keeps ids stable)."""
    report = _report(data)
    for exact in (True, False):
        for pid, old in previous.sources:
            if pid in taken:
                continue
            if (old == data) if exact else is_same(report, _report(old)):
                return pid
    return None


def _derive(
    session: Session, doc: DocumentRow, extraction: Extraction, previous: Previous = Previous()
) -> DocumentResult:
    """Attach the extraction's projects to the ledger (reused, merged or new) and store its findings."""
    added: list[int] = []
    merged: list[int] = []
    by_local: dict[str, ProjectRecord] = {}
    taken: set[int] = set()
    # Parents first, so a named sub-project can point at its aggregate's ledger id.
    for p in sorted(extraction.projects, key=lambda p: p.parent is not None):
        data = _project_data(p, session)
        project: ProjectRecord | None = None
        reused = _reuse(previous, data, taken)
        if reused is not None:
            project = session.get(ProjectRecord, reused)
        if project is None:
            project = _find_match(session, _report(data), taken)
            if project is not None:
                merged.append(project.id)
        source = ProjectSource(document_id=doc.id, local_id=p.id, data=data, published=doc.published)
        parent = by_local.get(p.parent or "")
        if project is None:
            # Inserted with its values (what ``recompute`` and ``refresh_totals`` would set), not updated after.
            project = ProjectRecord(status="pending", investors=[], hosts=[], sectors=[], edited_fields=[])
            _choose_values(project, [(source, doc)])
            if parent is not None:
                project.parent_id = parent.id
            project.in_totals = parent is None or parent.amount is None or parent.status == "rejected"
            _insert_loaded(session, project)
            added.append(project.id)
            session.info.setdefault("fresh", set()).add(project.id)
            session.info.setdefault("created", set()).add(project.id)
        taken.add(project.id)
        source.project_id = project.id
        # Not added to the session: a plain row, sent before anything reads sources (``_flush_deferred``).
        _defer(
            session,
            ProjectSource,
            {
                "project_id": project.id,
                "document_id": doc.id,
                "local_id": p.id,
                "data": data,
                "published": doc.published,
            },
        )
        if (
            parent is not None
            and project.parent_id is None
            and parent.id != project.id
            and "parent" not in (project.edited_fields or [])
        ):
            # In a batch ``parent`` may be a row not sent yet: ``recompute`` below sends this document's rows
            # (``_sources_of``) before its first query, which is what flushes this UPDATE.
            project.parent_id = parent.id
        by_local[p.id] = project
        if project.id in session.info.get("fresh", ()):
            _links(session, project, [(source, doc)])  # its values were chosen before its INSERT
        else:
            recompute(session, project)
        _stage_event(session, project.id, data, doc.id)
    placed = session.info.get("placed")  # a batch's note of what matching may look these projects up by
    for project in by_local.values():
        refresh_totals(session, project)
        if placed is not None:
            placed.add((project.place, project.count))
    updated = _settle(session, previous, taken)
    findings = 0
    # In a batch the document is new (its id too: no finding can have its fingerprint yet but one of its own), and
    # its findings are rows sent with the batch's, after the document and projects they refer to.
    in_batch = "ids" in session.info
    written: set[str] = set()
    for f in extraction.findings:
        target = by_local.get(f.project or "")
        fingerprint = hashlib.sha256(
            f"{doc.id}|{f.kind}|{f.span.start}|{f.span.end}|{f.project}|{f.message}".encode()
        ).hexdigest()
        if in_batch:
            if fingerprint in written:
                continue
        elif session.scalar(select(FindingRecord.id).where(FindingRecord.fingerprint == fingerprint)) is not None:
            continue
        written.add(fingerprint)
        d = finding_dict(f)
        values = {
            "fingerprint": fingerprint,
            "kind": f.kind,
            "message": f.message,
            "document_id": doc.id,
            "project_id": target.id if target else None,
            "start": f.span.start,
            "end": f.span.end,
            "details": d.get("details") or {},
        }
        if in_batch:
            _defer(session, FindingRecord, values)
        else:
            session.add(FindingRecord(**values))
        findings += 1
    before = dict(previous.snapshots)
    for pid in taken & before.keys():
        project = session.get(ProjectRecord, pid)
        if project is not None and _snapshot(project) != before[pid]:
            updated.append(pid)
    return DocumentResult(
        doc.source,
        "new",
        doc.id,
        tuple(dict.fromkeys(added)),
        tuple(dict.fromkeys(m for m in merged if m not in added)),
        tuple(dict.fromkeys(updated)),
        findings,
    )


def _settle(session: Session, previous: Previous, taken: set[int]) -> list[int]:
    """Projects an earlier version fed but this one does not: re-derive from what is left, or drop them."""
    if previous.snapshots:
        _needs_sent(session)
        _flush_deferred(session)
    updated = []
    for pid, _ in previous.snapshots:
        if pid in taken:
            continue
        project = session.get(ProjectRecord, pid)
        if project is None:
            continue
        if session.scalar(select(func.count()).select_from(ProjectSource).where(ProjectSource.project_id == pid)):
            recompute(session, project)
            refresh_totals(session, project)
            if "placed" in session.info:
                session.info["placed"].add((project.place, project.count))
            updated.append(pid)
        elif not _reviewed(session, project):
            fts.remove(session, "project", pid)
            session.execute(
                update(ProjectRecord).where(ProjectRecord.parent_id == pid).values(parent_id=None, in_totals=True)
            )
            session.delete(project)
        else:
            # An analyst worked on it: keep it (with their values), visibly sourceless.
            project.source_count = 0
            updated.append(pid)
    session.flush()
    return updated


# ---------------------------------------------------------------------------------------------- entry points


def known(ledger: Ledger, text: str) -> int | None:
    """The id of the stored document with exactly this text, if any (lets ingest skip extraction)."""
    with ledger.read() as session:
        return session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == content_hash(text)))


def store_extraction(ledger: Ledger, extraction: Extraction) -> DocumentResult:
    """Store one document and its extraction in one transaction: new, unchanged (same text), or a new version."""
    digest = content_hash(extraction.document.text)
    try:
        with ledger.write() as session:
            return store_in(session, extraction, digest)
    except IntegrityError:
        stored = stored_meanwhile(ledger, extraction.document.source, digest)
        if stored is None:
            raise
        return stored


def stored_meanwhile(ledger: Ledger, source: str, digest: str) -> DocumentResult | None:
    """After a unique-constraint conflict: "unchanged" if a concurrent writer stored the same text, else None."""
    with ledger.read() as session:
        existing = session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == digest))
    return None if existing is None else DocumentResult(source, "unchanged", existing)


def store_in(session: Session, extraction: Extraction, digest: str) -> DocumentResult:
    """Store one document and its extraction inside the caller's write transaction (see ``store_extraction``)."""
    doc = extraction.document
    key = document_key(doc, digest)
    existing = _known(session, "_hash", digest)
    if existing is None:
        existing = session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == digest))
    if existing is not None and existing is not ABSENT:
        return DocumentResult(doc.source, "unchanged", existing)
    published, precision = _published(doc)
    # Per document: projects created for it (see ``refresh_totals``, ``_links``) and inserts sent at its end, or
    # in a batch (``Unsent``) kept by the batch once the document is done.
    batch = "unsent" in session.info
    session.info["fresh"], session.info["created"] = set(), set()
    if not batch:
        session.info["deferred"] = {}
    try:
        previous = None
        if _known(session, "_key", key) is not ABSENT:
            _needs_sent(session)  # an earlier version may be in this batch
            previous = session.scalar(
                select(DocumentRow).where(DocumentRow.key == key, DocumentRow.is_current.is_(True))
            )
        version = 1
        earlier = Previous()
        if previous is not None:
            version = (session.scalar(select(func.max(DocumentRow.version)).where(DocumentRow.key == key)) or 0) + 1
            previous.is_current = False
            earlier = _detach(session, previous.id)
            fts.remove(session, "document", previous.id)
        row = DocumentRow(
            key=key,
            version=version,
            is_current=True,
            content_hash=digest,
            source=doc.source,
            url=doc.url,
            title=doc.title,
            published=published,
            published_precision=precision,
            language=doc.language,
            text=doc.text,
        )
        if previous is not None:
            session.flush()  # the earlier version stops being current before this one is written
        _insert_loaded(session, row)
        _remember(session, "_hash", digest, row.id)
        _remember(session, "_key", key, row.id)
        _search_entry(session, "document", row.id, f"{doc.title or ''}\n{doc.text}", fresh=True)
        result = _derive(session, row, extraction, earlier)
        if not batch:
            _flush_deferred(session)
    finally:
        if not batch:
            session.info.pop("deferred", None)
    return replace(result, status="updated") if previous is not None else result


def record_error(ledger: Ledger, source: str, reason: str) -> DocumentResult:
    """Write a failed input to the errors table (its own transaction) and return the error result."""
    try:
        with ledger.write() as session:
            session.add(IngestError(source=source[:2048], reason=reason))
    except OperationalError:
        pass  # the ledger itself is failing; the caller still prints and counts the error
    return DocumentResult(source, "error", error=reason)


def _extract(
    doc: Document, lang: str, published: DateValue | None, components: Iterable[Component] | None
) -> Extraction:
    from zonewatch.pipeline import prepare, run

    return run(prepare(doc, lang, published), components)


def ingest_document(
    ledger: Ledger,
    document: Document,
    lang: str = "auto",
    published: DateValue | None = None,
    components: Iterable[Component] | None = None,
) -> DocumentResult:
    """Extract one document and store it; a failure is recorded in the errors table, never raised."""
    try:
        existing = known(ledger, document.text)
        if existing is not None:
            return DocumentResult(document.source, "unchanged", existing)
        return store_extraction(ledger, _extract(document, lang, published, components))
    except ZonewatchError as exc:
        return record_error(ledger, document.source, str(exc))
    except (OperationalError, IntegrityError) as exc:
        return record_error(ledger, document.source, f"the ledger refused it: {exc.orig}")
    except Exception as exc:
        return record_error(ledger, document.source, f"internal error while extracting: {type(exc).__name__}: {exc}")


# Documents per write transaction, and the longest a batch stays open: a killed ingest loses at most this much
# work (the re-run redoes it), a racing writer waits at most about this long for the lock, and progress is
# reported as each batch commits.
BATCH_DOCUMENTS = 200
BATCH_SECONDS = 1.0


def ingest_documents(
    ledger: Ledger,
    documents: Iterable[Document | ZonewatchError],
    lang: str = "auto",
    published: DateValue | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
    components: Iterable[Component] | None = None,
    jobs: int | None = None,
    batch_documents: int = BATCH_DOCUMENTS,
    batch_seconds: float = BATCH_SECONDS,
) -> IngestSummary:
    """Ingest a stream of documents (an input that failed to read arrives as its error), in batches.

    Texts already stored are skipped before extraction; the rest are extracted in ``jobs`` worker processes
    (default: one per CPU; 1 or a small input: in this process) and written in input order, up to
    ``batch_documents`` documents or ``batch_seconds`` per transaction (``ledger.batch``). ``on_result`` is
    called for every document, in input order, once its batch is committed.
    """
    from zonewatch.ledger.batch import Failed, store_in_batches
    from zonewatch.ledger.workers import CHUNK, default_jobs, extract_in_order, small

    pipeline = list(components) if components is not None else None
    jobs = default_jobs() if jobs is None else jobs
    if jobs > 1:
        few, documents = small(documents)
        jobs = 1 if few else jobs

    def checked() -> Iterator[list[Any]]:
        """Inputs in chunks, with read errors as ``Failed`` and texts already in the ledger as their result."""
        stream = iter(documents)
        while chunk := list(itertools.islice(stream, CHUNK)):
            docs = [d for d in chunk if isinstance(d, Document)]
            stored = _stored(ledger, [content_hash(d.text) for d in docs]) if docs else {}
            out: list[Any] = []
            for item in chunk:
                if isinstance(item, ZonewatchError):
                    out.append(Failed(str(getattr(item, "source", "?")), str(item)))
                    continue
                existing = stored.get(content_hash(item.text))
                out.append(item if existing is None else DocumentResult(item.source, "unchanged", existing))
            yield out

    items = extract_in_order(checked(), jobs, lang, published, pipeline)
    return store_in_batches(ledger, items, on_result, batch_documents, batch_seconds)


def _stored(ledger: Ledger, digests: list[str]) -> dict[str, int]:
    from zonewatch.ledger.batch import stored_hashes

    try:
        with ledger.read() as session:
            return stored_hashes(session, digests)
    except OperationalError:
        return {}  # the batch's own check (and its error handling) will see the same problem


def _stored_document(row: DocumentRow) -> Document:
    published = None
    if row.published is not None:
        precision = Precision(row.published_precision or "day")
        published = DateValue(row.published, precision, row.published.isoformat())
    return Document(
        text=row.text, language=row.language, source=row.source, url=row.url, title=row.title, published=published
    )


def _current_ids(ledger: Ledger, batch: int = 500) -> Iterator[int]:
    last = 0
    while True:
        with ledger.read() as session:
            ids = list(
                session.scalars(
                    select(DocumentRow.id)
                    .where(DocumentRow.is_current.is_(True), DocumentRow.id > last)
                    .order_by(DocumentRow.id)
                    .limit(batch)
                )
            )
        if not ids:
            return
        yield from ids
        last = ids[-1]


def _fingerprints(items: Iterable[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(d, sort_keys=True, default=str) for d in items)


def reextract(
    ledger: Ledger,
    on_result: Callable[[DocumentResult], None] | None = None,
    components: Iterable[Component] | None = None,
) -> IngestSummary:
    """Re-run the current extractor over every stored document; analyst-edited fields are kept.

    Per document, ``projects_added`` are new ledger projects, ``projects_updated`` those whose values changed.
    """
    summary = IngestSummary()
    pipeline = list(components) if components is not None else None
    for doc_id in _current_ids(ledger):
        with ledger.read() as session:
            row = session.get(DocumentRow, doc_id)
            assert row is not None
            doc = _stored_document(row)
        try:
            extraction = _extract(doc, doc.language, None, pipeline)
        except Exception as exc:
            result = record_error(ledger, doc.source, f"re-extraction failed: {type(exc).__name__}: {exc}")
        else:
            with ledger.write() as session:
                row = session.get(DocumentRow, doc_id)
                assert row is not None
                earlier = _detach(session, doc_id)
                derived = _derive(session, row, extraction, earlier)
                same = _fingerprints(d for _, d in earlier.sources) == _fingerprints(
                    _project_data(p, session) for p in extraction.projects
                )
                result = replace(derived, status="unchanged" if same else "updated")
        summary = summary.add(result)
        if on_result is not None:
            on_result(result)
    return summary
