"""Exports of ledger projects as CSV, XLSX, JSON or Parquet: every field, their sources and findings.

The columns are one table (:data:`COLUMNS`, documented in docs/export.md; a test keeps the two in step).
The writers take rows and a binary file object, so the CLI, the web's downloads and users' scripts share them::

    with open("august.xlsx", "wb") as f:
        write_export(iter_projects(ledger, flt), "xlsx", f, findings=findings_by_project(ledger))

Rows are written as they come (CSV, JSON and Parquet stream; XLSX uses openpyxl's write-only mode).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, BinaryIO

from zonewatch.errors import ZonewatchError
from zonewatch.ledger.query import FindingRow, Ledger, ProjectFilter, ProjectRow, iter_projects, list_findings

FORMATS = ("csv", "xlsx", "json", "parquet")
LIST_SEP = "; "  # joins list fields in CSV/XLSX cells ("Tencent; NetEase")
PARQUET_BATCH = 1000


class ExportError(ZonewatchError):
    """An export could not be written (unknown format, unwritable file)."""


@dataclass(frozen=True, slots=True)
class Column:
    """One exported field: its name, its type (for Parquet and XLSX) and what it means."""

    name: str
    kind: str  # int | decimal | rate | str | date | bool | datetime | list | json
    help: str
    get: Callable[[ProjectRow, Sequence[FindingRow]], Any]


def _sources(row: ProjectRow, _: Sequence[FindingRow]) -> list[dict[str, Any]]:
    return [
        {
            "document_id": s.document_id,
            "title": s.title,
            "url": s.url,
            "source": s.source,
            "published": s.published.isoformat() if s.published else None,
            "local_id": s.local_id,
        }
        for s in row.sources
    ]


def _findings(_: ProjectRow, findings: Sequence[FindingRow]) -> list[dict[str, Any]]:
    return [
        {"kind": f.kind, "message": f.message, "document_id": f.document_id, "quote": f.quote, "details": f.details}
        for f in findings
    ]


def _field(name: str) -> Callable[[ProjectRow, Sequence[FindingRow]], Any]:
    return lambda row, _: getattr(row, name)


COLUMNS: tuple[Column, ...] = (
    Column("id", "int", "The ledger's project id (stable; `zonewatch review edit ID ...` takes it).", _field("id")),
    Column("parent_id", "int", "The aggregate this project is a named part of, else empty.", _field("parent_id")),
    Column("status", "str", "Review status: pending, confirmed or rejected.", _field("status")),
    Column("investors", "list", "Organisations putting the money in, canonical names.", _field("investors")),
    Column("hosts", "list", "Zone, government or partner on the other side.", _field("hosts")),
    Column("amount", "decimal", "The amount as stated, in `currency` (lower bound of a range).", _field("amount")),
    Column("amount_upper", "decimal", "Upper bound of a stated range, else empty.", _field("amount_upper")),
    Column("currency", "str", "ISO 4217 code of `amount`.", _field("currency")),
    Column("qualifier", "str", "exact, approx, at_least or at_most.", _field("qualifier")),
    Column("amount_text", "str", "The amount exactly as the source printed it.", _field("amount_text")),
    Column("amount_cny", "decimal", "`amount` in CNY at `cny_rate`.", _field("amount_cny")),
    Column("amount_usd", "decimal", "`amount` in USD at `usd_rate`.", _field("amount_usd")),
    Column("cny_rate", "rate", "CNY per unit of `currency` on `rate_date`.", _field("cny_rate")),
    Column("usd_rate", "rate", "USD per unit of `currency` on `rate_date`.", _field("usd_rate")),
    Column(
        "rate_date",
        "date",
        "Day the rates were published (the ECB's last rate on or before the project's date).",
        _field("rate_date"),
    ),
    Column(
        "rate_source", "str", "Where the rates come from (ECB reference rates, an official peg).", _field("rate_source")
    ),
    Column("rate_note", "str", "Why an amount has no conversion, when it has none.", _field("rate_note")),
    Column("count", "int", "Number of projects the record covers (23 for an aggregate of 23).", _field("count")),
    Column(
        "date", "date", "Date of the signing/start (first day of the month or year when less precise).", _field("date")
    ),
    Column("date_precision", "str", "day, month or year.", _field("date_precision")),
    Column("stage", "str", "announced, signed, started or operating (the furthest reported).", _field("stage")),
    Column("place", "str", "Most specific destination, canonical name.", _field("place")),
    Column("description", "str", "What is being built.", _field("description")),
    Column("sectors", "list", "Sectors of zonewatch's taxonomy.", _field("sectors")),
    Column("project_type", "str", "headquarters, R&D centre, manufacturing base, ...", _field("project_type")),
    Column("area_m2", "decimal", "Land or floor area in square metres.", _field("area_m2")),
    Column("jobs", "int", "Jobs the project is said to create.", _field("jobs")),
    Column(
        "in_totals",
        "bool",
        "Whether the amount counts in totals (false for a part whose aggregate carries it).",
        _field("in_totals"),
    ),
    Column(
        "edited_fields",
        "list",
        "Fields an analyst edited (re-extraction never overwrites them).",
        _field("edited_fields"),
    ),
    Column("source_count", "int", "Number of source documents.", _field("source_count")),
    Column(
        "source_urls",
        "list",
        "URL (or path) of every source document.",
        lambda r, _: [s.url or s.source for s in r.sources],
    ),
    Column("sources", "json", "Every source document: document_id, title, url, source, published, local_id.", _sources),
    Column(
        "finding_kinds",
        "list",
        "Kinds of the findings about this project (conversion_mismatch, ...).",
        lambda _, f: [x.kind for x in f],
    ),
    Column(
        "findings", "json", "Every finding about this project: kind, message, document_id, quote, details.", _findings
    ),
    Column("updated_at", "datetime", "When the ledger last changed this project (UTC).", _field("updated_at")),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def project_record(row: ProjectRow, findings: Sequence[FindingRow] = ()) -> dict[str, Any]:
    """One project as a JSON-ready dict with every column (lists and nested objects kept as such)."""
    return {c.name: _json_value(c.get(row, findings)) for c in COLUMNS}


def _cell(column: Column, value: Any) -> Any:
    """A flat cell for CSV/XLSX: lists joined, nested objects as JSON, None as empty."""
    if value is None:
        return None
    if column.kind == "list":
        return LIST_SEP.join(str(v) for v in value)
    if column.kind == "json":
        return json.dumps(value, ensure_ascii=False) if value else None
    if column.kind == "datetime" and isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    return value


def flat_row(row: ProjectRow, findings: Sequence[FindingRow] = ()) -> list[Any]:
    """One project as a list of flat cells in :data:`COLUMNS` order."""
    return [_cell(c, _json_value(c.get(row, findings)) if c.kind == "json" else c.get(row, findings)) for c in COLUMNS]


def _pairs(
    rows: Iterable[ProjectRow], findings: Mapping[int, Sequence[FindingRow]] | None
) -> Iterator[tuple[ProjectRow, Sequence[FindingRow]]]:
    for row in rows:
        yield row, (findings or {}).get(row.id, ())


def write_export(
    rows: Iterable[ProjectRow],
    format: str,
    fileobj: BinaryIO,
    findings: Mapping[int, Sequence[FindingRow]] | None = None,
) -> int:
    """Write ``rows`` (with ``findings`` by project id) to the binary ``fileobj`` as ``format``; returns the count."""
    writer = {"csv": _write_csv, "xlsx": _write_xlsx, "json": _write_json, "parquet": _write_parquet}.get(format)
    if writer is None:
        raise ExportError(f"cannot export as {format!r}; use one of {', '.join(FORMATS)}")
    return writer(_pairs(rows, findings), fileobj)


def _text(fileobj: BinaryIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(fileobj, encoding="utf-8", newline="", write_through=True)


def _csv_text(cell: Any) -> str:
    """A CSV cell: ``5000000000`` not ``5000000000.0000``, ``true``/``false``, empty for None."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, Decimal):
        return f"{cell.normalize():f}"
    if isinstance(cell, dt.datetime):
        return cell.isoformat(timespec="seconds")
    return str(cell)


def _write_csv(pairs: Iterator[tuple[ProjectRow, Sequence[FindingRow]]], fileobj: BinaryIO) -> int:
    text = _text(fileobj)
    out = csv.writer(text)
    out.writerow(COLUMN_NAMES)
    n = 0
    for row, found in pairs:
        cells = flat_row(row, found)
        out.writerow([_csv_text(c) for c in cells])
        n += 1
    text.flush()
    text.detach()  # leave the caller's file open
    return n


def _write_json(pairs: Iterator[tuple[ProjectRow, Sequence[FindingRow]]], fileobj: BinaryIO) -> int:
    text = _text(fileobj)
    text.write("[")
    n = 0
    for row, found in pairs:
        text.write(("," if n else "") + "\n" + json.dumps(project_record(row, found), ensure_ascii=False))
        n += 1
    text.write("\n]\n")
    text.flush()
    text.detach()
    return n


def _write_xlsx(pairs: Iterator[tuple[ProjectRow, Sequence[FindingRow]]], fileobj: BinaryIO) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("projects")
    sheet.append(list(COLUMN_NAMES))
    n = 0
    for row, found in pairs:
        sheet.append(flat_row(row, found))
        n += 1
    columns = book.create_sheet("columns")  # the column list travels with the file
    columns.append(["column", "type", "meaning"])
    for c in COLUMNS:
        columns.append([c.name, c.kind, c.help])
    book.save(fileobj)
    return n


def _arrow_schema() -> Any:
    import pyarrow as pa

    kinds = {
        "int": pa.int64(),
        "decimal": pa.decimal128(38, 4),
        "rate": pa.decimal128(38, 12),
        "str": pa.string(),
        "date": pa.date32(),
        "bool": pa.bool_(),
        "datetime": pa.timestamp("us", tz="UTC"),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }
    return pa.schema([pa.field(c.name, kinds[c.kind]) for c in COLUMNS])


def _arrow_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "list":
        return [str(v) for v in value]
    if column.kind == "json":
        return json.dumps(_json_value(value), ensure_ascii=False)
    if column.kind in ("decimal", "rate"):
        return Decimal(value).quantize(Decimal(1).scaleb(-12 if column.kind == "rate" else -4))
    return value


def _write_parquet(pairs: Iterator[tuple[ProjectRow, Sequence[FindingRow]]], fileobj: BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    with pq.ParquetWriter(fileobj, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row, found in pairs:
            batch.append({c.name: _arrow_value(c, c.get(row, found)) for c in COLUMNS})
            n += 1
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


def findings_by_project(ledger: Ledger, page: int = 1000) -> dict[int, list[FindingRow]]:
    """Every finding attached to a project, by project id (read once per export, page by page)."""
    out: dict[int, list[FindingRow]] = {}
    offset = 0
    while True:
        got = list_findings(ledger, limit=page, offset=offset)
        for f in got.rows:
            if f.project_id is not None:
                out.setdefault(f.project_id, []).append(f)
        offset += len(got.rows)
        if not got.rows or offset >= got.total:
            return out


def export_projects(
    ledger: Ledger, format: str, fileobj: BinaryIO, filter: ProjectFilter | None = None, sort: str = "date"
) -> int:
    """The projects matching ``filter`` with their sources and findings, written as ``format``; returns the count."""
    if format not in FORMATS:
        raise ExportError(f"cannot export as {format!r}; use one of {', '.join(FORMATS)}")
    return write_export(iter_projects(ledger, filter, sort=sort), format, fileobj, findings_by_project(ledger))
