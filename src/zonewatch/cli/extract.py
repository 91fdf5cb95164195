"""``zonewatch extract``: read files, print the projects found. Touches no database."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from zonewatch.cli.app import app, err, fail, out, write_line
from zonewatch.errors import ConfigError
from zonewatch.ingest.text import parse_published
from zonewatch.model import Extraction
from zonewatch.pipeline import extract_sources
from zonewatch.report.format import format_money
from zonewatch.serialize import error_dict, extraction_dict


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class Lang(StrEnum):
    auto = "auto"
    en = "en"
    zh = "zh"


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .md, .html), folders, or - for standard input.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD or YYYY-MM, to resolve years and relative dates.")
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the inputs; auto detects per document.")] = Lang.auto,
    format: Annotated[
        Format,
        typer.Option("--format", "-f", help="jsonl: one object per document; json: one array; table: for people."),
    ] = Format.table,
) -> None:
    """Extract investment projects from announcements and print them (one JSON line per input with --format jsonl)."""
    try:
        pub = parse_published(published) if published else None
    except ConfigError as exc:
        raise fail(str(exc)) from None
    failed = 0
    collected: list[dict[str, object]] = []
    for outcome in extract_sources(paths, lang=lang.value, published=pub):
        if outcome.error is not None:
            failed += 1
            err.print(f"zonewatch: {outcome.error}", highlight=False, markup=False)
            obj = error_dict(outcome.source, str(outcome.error))
        else:
            assert outcome.extraction is not None
            obj = extraction_dict(outcome.extraction)
            if format is Format.table:
                _print_table(outcome.extraction)
        if format is Format.jsonl:
            write_line(json.dumps(obj, ensure_ascii=False))
        elif format is Format.json:
            collected.append(obj)
    if format is Format.json:
        write_line(json.dumps(collected, ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(1)


def _print_table(ex: Extraction) -> None:
    doc = ex.document
    title = escape(f"{doc.source}  [{doc.language}]") + (f"  published {doc.published.iso()}" if doc.published else "")
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for col in ("id", "investors", "amount", "count", "date", "stage", "place", "project", "parent"):
        table.add_column(col, overflow="fold")
    for p in ex.projects:
        table.add_row(
            p.id,
            ", ".join(m.display for m in p.investors) or "-",
            format_money(p.amount) if p.amount else "-",
            str(p.count.value) if p.count else "-",
            p.date.iso() if p.date else "-",
            p.stage.stage.value if p.stage else "-",
            p.place.display if p.place else "-",
            p.project.name if p.project else "-",
            p.parent or "",
        )
    if not ex.projects:
        table.add_row("-", "(no investment projects found)", *[""] * 7)
    out.print(table)
    for f in ex.findings:
        out.print(f"  [yellow]finding[/yellow] {f.kind}: ", end="")
        out.print(f.message, markup=False, highlight=False)
