"""Ledger commands: ``ingest``, ``watch``, ``db upgrade``, ``projects``, ``stats``, ``reextract``.

Thin: each parses its flags, calls one function of ``zonewatch.ledger``, prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from zonewatch.cli.app import app, err, fail, out, warn, write_line
from zonewatch.errors import ConfigError, ZonewatchError
from zonewatch.ingest.text import parse_published
from zonewatch.ledger.query import (
    IngestSummary,
    Ledger,
    ProjectFilter,
    ProjectRow,
    iter_projects,
    open_ledger,
    stats,
    totals,
    upgrade,
)
from zonewatch.ledger.rows import DocumentResult
from zonewatch.serialize import number

DbOption = Annotated[
    str | None, typer.Option("--db", help="Ledger database URL (default: the db setting, sqlite:///zonewatch.db).")
]


class Lang(StrEnum):
    auto = "auto"
    en = "en"
    zh = "zh"


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class By(StrEnum):
    month = "month"
    sector = "sector"
    place = "place"
    investor = "investor"
    stage = "stage"


def ledger_for(db: str | None) -> Ledger:
    """Open the ledger named by ``--db`` or the settings, as a clean error at the edge when it cannot be."""
    from zonewatch.settings import load

    try:
        return open_ledger(str(load({"db": db})["db"]))
    except ZonewatchError as exc:
        raise fail(str(exc)) from None


def _date(value: str | None, flag: str, end: bool = False) -> dt.date | None:
    """A --since/--until date; with ``end``, a month means its last day (``--until 2020-07`` includes July 31)."""
    if not value:
        return None
    try:
        parsed = parse_published(value)
    except ConfigError:
        raise fail(f"{flag} {value!r}: expected YYYY-MM-DD or YYYY-MM") from None
    if end and parsed.precision.value == "month":
        following = (parsed.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return parsed.date


def _summary_table(summary: IngestSummary, title: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("documents new", summary.documents_new),
        ("documents unchanged", summary.documents_unchanged),
        ("documents updated", summary.documents_updated),
        ("projects added", summary.projects_added),
        ("projects merged", summary.projects_merged),
        ("projects updated", summary.projects_updated),
        ("findings", summary.findings),
        ("errors", len(summary.errors)),
    ):
        table.add_row(label, str(value))
    return table


@app.command()
def ingest(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), URLs of pages or RSS/Atom feeds, - for stdin.")
    ],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD or YYYY-MM of the inputs.")] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the inputs; auto detects per document.")] = Lang.auto,
    db: DbOption = None,
    engine: Annotated[
        str, typer.Option(help="Where extraction runs: default (this process) or dask (Dask workers).")
    ] = "default",
    scheduler: Annotated[
        str | None, typer.Option(help="With --engine dask: an existing cluster, tcp://HOST:8786.")
    ] = None,
    workers: Annotated[int | None, typer.Option(help="With --engine dask: local worker processes (default 2).")] = None,
    jobs: Annotated[
        int | None,
        typer.Option(help="Extraction processes while this one writes (default: one per CPU; 1: in this process)."),
    ] = None,
    batch: Annotated[
        int, typer.Option(help="Documents per transaction, at most (a transaction also closes after a second).")
    ] = 200,
) -> None:
    """Ingest announcements into the ledger: extract, merge across sources, store. Idempotent."""
    from zonewatch.ingest.sources import iter_documents
    from zonewatch.ledger.store import ingest_documents

    pub = parse_published(published) if published else None
    if jobs is not None and jobs < 1:
        raise fail("--jobs must be at least 1")
    if batch < 1:
        raise fail("--batch must be at least 1")
    ledger = ledger_for(db)
    counts = {"new": 0, "unchanged": 0, "updated": 0, "error": 0}
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingesting"),
        BarColumn(),
        TextColumn("{task.completed} documents: {task.fields[counts]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )

    def on_result(result: DocumentResult) -> None:
        counts[result.status] = counts.get(result.status, 0) + 1
        if result.status == "error":
            progress.console.print(f"zonewatch: {result.error}", highlight=False, markup=False, style="red")
        progress.update(task, advance=1, counts=", ".join(f"{v} {k}" for k, v in counts.items() if v))

    with progress:
        task = progress.add_task("ingest", total=None, counts="")
        try:
            if engine == "default" and scheduler is None and workers is None:
                summary = ingest_documents(
                    ledger,
                    iter_documents(sources),
                    lang=lang.value,
                    published=pub,
                    on_result=on_result,
                    jobs=jobs,
                    batch_documents=batch,
                )
            else:  # extraction on Dask workers; this process still writes each document (zonewatch.scale)
                from zonewatch.scale.ingest import ingest_with_engine

                summary = ingest_with_engine(
                    engine, ledger, iter_documents(sources), scheduler, workers, lang.value, pub, on_result
                )
        except ConfigError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted; every document finished so far is committed — re-run to complete", 130) from None
    out.print(_summary_table(summary, "ingest summary"))
    ledger.dispose()
    if summary.failed:
        raise typer.Exit(1)


db_app = typer.Typer(help="The ledger database: create or upgrade its schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the ledger or apply pending migrations (also done automatically on first use)."""
    from zonewatch.settings import load

    url = str(load({"db": db})["db"])
    try:
        ledger = open_ledger(url, migrate=False)
        revision = upgrade(ledger)
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
    out.print(f"ledger {escape(url)} is at revision {revision}")


def _filter(
    zone: str | None,
    place: str | None,
    investor: str | None,
    sector: str | None,
    stage: str | None,
    since: str | None,
    until: str | None,
    min_amount: str | None,
    search: str | None,
    status: str | None,
    top_level: bool = False,
) -> ProjectFilter:
    amount = None
    if min_amount:
        try:
            amount = Decimal(min_amount.replace(",", "").replace("_", ""))
        except InvalidOperation:
            raise fail(f"--min-amount {min_amount!r}: expected a number of CNY, e.g. 1000000000") from None
    return ProjectFilter(
        zone=zone,
        place=place,
        investor=investor,
        sector=sector,
        stage=stage,
        since=_date(since, "--since"),
        until=_date(until, "--until", end=True),
        min_amount=amount,
        search=search,
        status=status,
        top_level_only=top_level,
    )


def project_record(row: ProjectRow) -> dict[str, Any]:
    """A project as a flat JSON-able object (the columns of ``projects --format json|csv|xlsx``)."""
    return {
        "id": row.id,
        "parent_id": row.parent_id,
        "status": row.status,
        "investors": list(row.investors),
        "hosts": list(row.hosts),
        "amount": number(row.amount),
        "upper": number(row.amount_upper),
        "currency": row.currency,
        "qualifier": row.qualifier,
        "amount_text": row.amount_text,
        "amount_cny": number(row.amount_cny),
        "amount_usd": number(row.amount_usd),
        "usd_rate": number(row.usd_rate),
        "rate_date": row.rate_date.isoformat() if row.rate_date else None,
        "rate_source": row.rate_source,
        "date": row.date_text,
        "stage": row.stage,
        "place": row.place,
        "project": row.description,
        "sectors": list(row.sectors),
        "count": row.count,
        "in_totals": row.in_totals,
        "sources": [
            {
                "document_id": s.document_id,
                "title": s.title,
                "url": s.url,
                "source": s.source,
                "published": s.published.isoformat() if s.published else None,
            }
            for s in row.sources
        ],
    }


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    flat = dict(record)
    for key in ("investors", "hosts", "sectors"):
        flat[key] = "; ".join(flat[key])
    flat["sources"] = " | ".join(s["url"] or s["source"] for s in record["sources"])
    return flat


def _money(value: Decimal | None, currency: str | None = None) -> str:
    from zonewatch.report.format import format_amount

    if value is None:
        return "-"
    try:
        return format_amount(value, currency or "")
    except Exception:  # the formatter is for people; never let it break a listing
        return f"{value:,.0f} {currency or ''}".strip()


def _print_projects(rows: list[ProjectRow]) -> None:
    table = Table(title_justify="left")
    for col in ("id", "date", "investors", "amount", "CNY", "USD", "stage", "place", "project", "sources"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.id) + (f" ⊂{r.parent_id}" if r.parent_id else ""),
            r.date_text or "-",
            ", ".join(r.investors) or (f"({r.count} projects)" if r.count and r.count > 1 else "-"),
            escape(r.amount_text or _money(r.amount, r.currency)),
            _money(r.amount_cny, "CNY"),
            _money(r.amount_usd, "USD"),
            r.stage or "-",
            escape(r.place or "-"),
            escape(r.description or "-"),
            str(r.source_count),
        )
    out.print(table)


def _write_xlsx(records: list[dict[str, Any]], path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "projects"
    columns = list(records[0]) if records else list(project_record_columns())
    sheet.append(columns)
    for record in records:
        sheet.append([_flat(record)[c] for c in columns])
    book.save(path)


def project_record_columns() -> tuple[str, ...]:
    return (
        "id",
        "parent_id",
        "status",
        "investors",
        "hosts",
        "amount",
        "upper",
        "currency",
        "qualifier",
        "amount_text",
        "amount_cny",
        "amount_usd",
        "usd_rate",
        "rate_date",
        "rate_source",
        "date",
        "stage",
        "place",
        "project",
        "sectors",
        "count",
        "in_totals",
        "sources",
    )


@app.command()
def projects(
    zone: Annotated[
        str | None, typer.Option(help="A zone by any alias (CDHT, 成都高新区); includes its parks.")
    ] = None,
    place: Annotated[str | None, typer.Option(help="A place by any alias (exact place only).")] = None,
    investor: Annotated[str | None, typer.Option(help="An investor by any alias (Tencent, 腾讯).")] = None,
    sector: Annotated[str | None, typer.Option(help="A sector of the taxonomy.")] = None,
    stage: Annotated[str | None, typer.Option(help="announced, signed, started or operating.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD or YYYY-MM), inclusive.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, inclusive.")] = None,
    min_amount: Annotated[str | None, typer.Option(help="At least this amount in CNY.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Full-text search over projects and their documents (中文 too).")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="pending, confirmed, rejected or all (default: all but rejected).")
    ] = None,
    sort: Annotated[
        str, typer.Option(help="date, amount_cny, amount_usd, id, updated, place, stage; - for descending.")
    ] = "-date",
    limit: Annotated[int, typer.Option(help="At most this many projects (0: all).")] = 0,
    format: Annotated[Format, typer.Option("--format", "-f", help="table, json, csv or xlsx.")] = Format.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (required for xlsx).")
    ] = None,
    db: DbOption = None,
) -> None:
    """List the ledger's projects with amounts (original, CNY, USD), date, stage, place, investors and sources."""
    f = _filter(zone, place, investor, sector, stage, since, until, min_amount, search, status)
    ledger = ledger_for(db)
    try:
        rows = []
        for row in iter_projects(ledger, f, sort):
            rows.append(row)
            if limit and len(rows) >= limit:
                break
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
    records = [project_record(r) for r in rows] if format is not Format.table else []
    if format is Format.table:
        _print_projects(rows)
        return
    if format is Format.xlsx:
        if output is None:
            raise fail("--format xlsx needs -o FILE")
        _write_xlsx(records, output)
        err.print(f"wrote {len(records)} projects to {escape(str(output))}")
        return
    if format is Format.json:
        text = json.dumps(records, ensure_ascii=False, indent=2)
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(project_record_columns()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(_flat(r) for r in records)
        text = buffer.getvalue().rstrip("\n")
    if output is not None:
        output.write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {len(records)} projects to {escape(str(output))}")
    else:
        write_line(text)


@app.command("stats")
def stats_command(
    by: Annotated[By, typer.Option(help="Group by month, sector, place, investor or stage.")] = By.month,
    zone: Annotated[str | None, typer.Option(help="A zone by any alias; includes its parks.")] = None,
    investor: Annotated[str | None, typer.Option(help="An investor by any alias.")] = None,
    sector: Annotated[str | None, typer.Option(help="A sector.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date, inclusive.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, inclusive.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    db: DbOption = None,
) -> None:
    """Counts and CNY/USD totals, grouped; a sub-project and its aggregate are never counted twice."""
    f = _filter(zone, None, investor, sector, None, since, until, None, None, None)
    ledger = ledger_for(db)
    rows = stats(ledger, by.value, f)
    total = totals(ledger, f)
    if format == "json":
        write_line(
            json.dumps(
                {"by": by.value, "rows": [_stat_dict(r) for r in rows], "total": _stat_dict(total)},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    table = Table(title=f"projects by {by.value}", title_justify="left")
    for col, justify in (
        (by.value, "left"),
        ("records", "right"),
        ("projects", "right"),
        ("CNY", "right"),
        ("USD", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in [*rows, total]:
        table.add_row(
            escape(r.key),
            str(r.records),
            str(r.projects),
            _money(r.total_cny, "CNY"),
            _money(r.total_usd, "USD"),
            end_section=r is rows[-1] if rows else False,
        )
    out.print(table)
    if by.value in ("sector", "investor"):
        out.print("[dim]a project in several groups counts in each; the total counts it once[/dim]")


def _stat_dict(r: Any) -> dict[str, Any]:
    return {
        "key": r.key,
        "records": r.records,
        "projects": r.projects,
        "total_cny": number(r.total_cny),
        "total_usd": number(r.total_usd),
        "unconverted": r.unconverted,
    }


@app.command()
def reextract(db: DbOption = None) -> None:
    """Re-run the current extractor over every stored document and report what changed (edits are kept)."""
    from zonewatch.ledger.store import reextract as run

    ledger = ledger_for(db)

    def on_result(result: DocumentResult) -> None:
        if result.status == "error":
            err.print(f"zonewatch: {result.error}", highlight=False, markup=False)
        elif result.status == "updated" or result.projects_added or result.projects_updated:
            out.print(
                f"{escape(result.source)}: {len(result.projects_added)} new, {len(result.projects_updated)} changed"
                + (f" ({', '.join(map(str, result.projects_updated))})" if result.projects_updated else ""),
                highlight=False,
            )

    summary = run(ledger, on_result=on_result)
    out.print(_summary_table(summary, "reextract summary"))
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="URLs of RSS/Atom feeds or pages to keep under watch.")],
    every: Annotated[str, typer.Option(help="How often to look: 30m, 2h, 45s.")] = "30m",
    rounds: Annotated[int, typer.Option(hidden=True, help="Stop after this many rounds (0: until Ctrl-C).")] = 0,
    db: DbOption = None,
) -> None:
    """Watch feeds and pages: conditional requests, only new entries ingested, a line per new project."""
    from zonewatch.ledger.query import get_project
    from zonewatch.ledger.watch import check, parse_every

    try:
        interval = parse_every(every)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    ledger = ledger_for(db)
    failed = False

    def on_result(result: DocumentResult) -> None:
        nonlocal failed
        if result.status == "error":
            failed = True
            warn(escape(result.error or "failed"))
        for pid in result.projects_added:
            detail = get_project(ledger, pid)
            if detail is None:
                continue
            p = detail.project
            write_line(
                f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} new project {p.id}: {', '.join(p.investors) or '-'}"
                f" {p.amount_text or ''} {p.place or ''} ({result.source})".replace("  ", " ")
            )

    done = 0
    try:
        while True:
            for url in sources:
                result = check(ledger, url, on_result)
                if result.not_modified:
                    err.print(f"{escape(url)}: not modified", highlight=False)
            done += 1
            if rounds and done >= rounds:
                break
            deadline = time.monotonic() + interval
            while time.monotonic() < deadline:
                time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
    except KeyboardInterrupt:
        err.print("zonewatch: watch stopped", highlight=False)
    ledger.dispose()
    if failed and rounds:
        raise typer.Exit(1)
