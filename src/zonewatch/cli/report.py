"""``zonewatch roundup`` and ``zonewatch export``: thin clients over zonewatch.report."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zonewatch.cli.app import app, err, fail
from zonewatch.errors import ZonewatchError
from zonewatch.report.roundup import Month

if TYPE_CHECKING:
    from zonewatch.ledger.query import Ledger


class RoundupFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


class RoundupLang(StrEnum):
    en = "en"
    zh = "zh"


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    parquet = "parquet"


_SUFFIX_FORMAT = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
DbOption = Annotated[
    str | None, typer.Option("--db", help="Ledger database URL (default: the db setting, sqlite:///zonewatch.db).")
]


def _open(db: str | None) -> Ledger:
    from zonewatch.ledger.query import open_ledger  # imported when used: `zonewatch --help` stays fast

    return open_ledger(db)


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None


@app.command()
def roundup(
    zone: Annotated[str, typer.Option(help="Zone, by any of its names (CDHT, 成都高新区); its parks are included.")],
    month: Annotated[str, typer.Option(help="Calendar month, YYYY-MM.")],
    lang: Annotated[RoundupLang, typer.Option(help="Language of the roundup.")] = RoundupLang.en,
    format: Annotated[
        RoundupFormat | None,
        typer.Option(
            "--format", "-f", help="md, html (one self-contained file) or pdf; default from -o's suffix, else md."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the monthly roundup of a zone from the ledger: headline, projects, charts, corrections, sources."""
    from zonewatch.report.build import build_roundup
    from zonewatch.report.html import render_html, render_pdf
    from zonewatch.report.markdown import render_markdown

    try:
        wanted = Month.parse(month)
    except ValueError as exc:
        raise fail(f"--month: {exc}") from None
    fmt = format.value if format else _SUFFIX_FORMAT.get(output.suffix.lower(), "md") if output else "md"
    if fmt == "pdf" and output is None and sys.stdout.isatty():
        raise fail("a PDF goes to a file: add -o FILE.pdf (or redirect standard output)")
    try:
        ledger = _open(db)
        built = build_roundup(ledger, zone, wanted, lang.value)
        if fmt == "md":
            data = render_markdown(built).encode("utf-8")
        elif fmt == "html":
            data = render_html(built).encode("utf-8")
        else:
            data = render_pdf(built)
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
    if not built.items:
        err.print(f"zonewatch: no project in the ledger for {zone} in {wanted.iso()}", highlight=False, markup=False)
    _write(data, output)
    if output is not None:
        err.print(
            f"wrote the {wanted.iso()} roundup of {built.zone} ({len(built.items)} items, "
            f"{len(built.corrections)} corrections, {len(built.sources)} sources) to {output}",
            highlight=False,
            markup=False,
        )


def _day(value: str | None, option: str, end: bool) -> dt.date | None:
    """``YYYY-MM-DD``, or ``YYYY-MM`` meaning the month's first (``--since``) or last (``--until``) day."""
    if not value:
        return None
    try:
        if len(value.strip()) == 7:
            m = Month.parse(value)
            return m.last_day() if end else m.first_day()
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"{option}: {value!r} is not YYYY-MM-DD or YYYY-MM") from None


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, xlsx, json or parquet.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (csv and json may go to standard output).")
    ] = None,
    zone: Annotated[str | None, typer.Option(help="Zone (any alias), its parks included.")] = None,
    place: Annotated[str | None, typer.Option(help="Place (any alias).")] = None,
    investor: Annotated[str | None, typer.Option(help="Investor (any alias).")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector of the taxonomy.")] = None,
    stage: Annotated[str | None, typer.Option(help="announced, signed, started or operating.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD or YYYY-MM), inclusive.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD or YYYY-MM), inclusive.")] = None,
    min_amount: Annotated[str | None, typer.Option(help="Smallest amount, in CNY.")] = None,
    search: Annotated[str | None, typer.Option(help="Full-text search over projects and their sources.")] = None,
    status: Annotated[
        str | None, typer.Option(help="pending, confirmed, rejected or all (default: all but rejected).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export projects with every field, their sources and findings (columns: docs/export.md)."""
    from zonewatch.ledger.query import ProjectFilter
    from zonewatch.report.export import export_projects

    if output is None and format in (ExportFormat.xlsx, ExportFormat.parquet):
        raise fail(f"{format.value} is a binary format: add -o FILE.{format.value}")
    try:
        amount = Decimal(min_amount) if min_amount else None
    except InvalidOperation:
        raise fail(f"--min-amount: {min_amount!r} is not a number") from None
    flt = ProjectFilter(
        zone=zone,
        place=place,
        investor=investor,
        sector=sector,
        stage=stage,
        since=_day(since, "--since", end=False),
        until=_day(until, "--until", end=True),
        min_amount=amount,
        search=search,
        status=status,
    )
    try:
        ledger = _open(db)
        if output is None:
            n = export_projects(ledger, format.value, sys.stdout.buffer, flt)
            sys.stdout.flush()
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            with output.open("wb") as fh:
                n = export_projects(ledger, format.value, fh, flt)
            err.print(f"wrote {n} projects to {output}", highlight=False, markup=False)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
