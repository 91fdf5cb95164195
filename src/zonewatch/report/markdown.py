"""The roundup as Markdown: headline, items in date order, charts as tables, corrections, sources."""

from __future__ import annotations

import re

from zonewatch.report.roundup import Bar, Roundup, RoundupItem
from zonewatch.report.wording import Wording

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """Escape what Markdown would read as markup in text that came from articles.

    >>> md("A*B [1] <x>")
    'A\\\\*B \\\\[1\\\\] \\\\<x\\\\>'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _named_by_project(item: RoundupItem) -> bool:
    return not item.investors and not (item.count and item.count > 1) and bool(item.project)


def item_title(w: Wording, item: RoundupItem) -> str:
    """``August 20 — Tencent``; an aggregate without investors is named by its size, else by its project."""
    if item.investors:
        who = w.investors(item.investors)
    elif item.count and item.count > 1:
        who = w("covers", n=item.count)
    elif item.project:
        who = item.project
    else:
        who = w("several" if item.children else "unnamed_investors")
    return f"{w.day(item.date, item.precision)} — {who}"


def item_fields(w: Wording, item: RoundupItem) -> list[tuple[str, str]]:
    """(label, value) rows for one item, in reading order; absent facts are left out."""
    rows: list[tuple[str, str]] = []
    if item.investors and item.count and item.count > 1:
        rows.append((w("covers", n=item.count), ""))
    if item.project and not _named_by_project(item):
        rows.append((w("project"), item.project))
    if item.place:
        rows.append((w("where"), item.place))
    rows.append((w("amount"), w.amount_with_conversion(item)))
    if item.stage:
        rows.append((w("stage"), w.stage(item.stage)))
    if item.sectors:
        rows.append((w("sectors"), w("list_sep").join(item.sectors)))
    return rows


def _child_line(w: Wording, child: RoundupItem) -> str:
    parts = [f"**{md(w.investors(child.investors))}**" if child.investors else ""]
    if child.project:
        parts.append(md(child.project))
    if child.place:
        parts.append(md(child.place))
    parts.append(md(w.amount_with_conversion(child)))
    if child.stage:
        parts.append(w.stage(child.stage))
    line = w("field_sep").join(p for p in parts if p)
    return f"{line} {w.cite(child.sources)}".rstrip()


def _bars(w: Wording, title: str, bars: tuple[Bar, ...]) -> list[str]:
    if not bars:
        return []
    lines = [f"**{title}**", "", "| | CNY | # |", "|---|---:|---:|"]
    # Empty weeks stay in the SVG chart (they show when nothing happened) but not in the table.
    lines += [f"| {md(b.label)} | {w.figure(b.value, 'CNY')} | {b.records} |" for b in bars if b.records]
    return [*lines, ""]


def render_markdown(roundup: Roundup) -> str:
    """The whole roundup as one Markdown document (ends with a newline)."""
    w = Wording(roundup.lang)
    out: list[str] = [f"# {md(w('title', zone=roundup.zone, month=w.month(roundup.month)))}", ""]
    if roundup.parks:
        out += [md(w("parks", zone=roundup.zone, parks=w("list_sep").join(roundup.parks))), ""]

    head = roundup.headline
    out += [f"## {w('headline')}", "", f"**{md(w.totals(head.totals))}**", ""]
    for key, month, totals in (
        ("previous", head.month.previous(), head.previous),
        ("year_before", head.month.year_before(), head.year_before),
    ):
        label = w(key, month=w.month(month))
        if totals is None:
            out.append(f"- {label}{w('colon')}{w('no_data')}")
        else:
            change = w.change(head.totals, totals)
            out.append(
                f"- {label}{w('colon')}{md(w.totals(totals, short=True))}"
                + (w("change_wrap", change=change) if change else "")
            )
    out.append("")

    out += [f"## {w('items')}", ""]
    if not roundup.items:
        out += [w("no_items"), ""]
    for n, item in enumerate(roundup.items, 1):
        out += [f"### {n}. {md(item_title(w, item))} {w.cite(item.sources)}".rstrip(), ""]
        for label, value in item_fields(w, item):
            out.append(f"- **{label}**" + (f"{w('colon')}{md(value)}" if value else ""))
        if item.children:
            out.append(f"- **{w('part_of')}**{w('colon').rstrip()}")
            out += [f"  - {_child_line(w, child)}" for child in item.children]
        out.append("")

    if roundup.by_sector or roundup.by_week:
        out += [f"## {w('charts')}", ""]
        out += _bars(w, w("chart_sector"), roundup.by_sector)
        out += _bars(w, w("chart_week"), roundup.by_week)

    out += [f"## {w('corrections')}", ""]
    if roundup.corrections:
        out += [w("corrections_intro"), ""]
        out += [
            f"{n}. {md(w.correction(c))} {w.cite(c.sources)}".rstrip() for n, c in enumerate(roundup.corrections, 1)
        ]
    else:
        out.append(w("no_corrections"))
    out.append("")

    out += [f"## {w('sources')}", ""]
    for src in roundup.sources:
        out.append(f"{src.number}. {source_line(w, src.title, src.url or src.source, src.published, markdown=True)}")
    out += ["", f"_{w('footer')}_"]
    for note in roundup.notes:
        out += ["", f"_{md(note)}_"]
    return "\n".join(out) + "\n"


def source_line(w: Wording, title: str | None, where: str | None, published: str | None, markdown: bool) -> str:
    """``Title — <url> — published 2020-08``."""
    parts = [md(title) if markdown and title else (title or w("untitled"))]
    if where:
        parts.append(f"<{where}>" if markdown and "://" in where else (md(where) if markdown else where))
    if published:
        parts.append(w("published", date=w.published(published)))
    return " — ".join(parts)
