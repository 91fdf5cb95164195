"""The roundup as one self-contained HTML file (inline CSS and SVG, no script, no external resource),
and as PDF through WeasyPrint from that same HTML.

Every text that came from an article is escaped by Jinja2's autoescape; the charts come from
:mod:`zonewatch.report.charts`, which escapes its own labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from zonewatch.report import charts
from zonewatch.report.markdown import item_fields, item_title
from zonewatch.report.roundup import Bar, Roundup, RoundupItem
from zonewatch.report.wording import Wording


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("zonewatch.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        trim_blocks=False,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    sources: tuple[int, ...]


def _child_text(w: Wording, child: RoundupItem) -> str:
    parts = [w.investors(child.investors) if child.investors else "", child.project or "", child.place or ""]
    parts += [w.amount_with_conversion(child), w.stage(child.stage)]
    return w("field_sep").join(p for p in parts if p)


def _chart_label(lang: str) -> Any:
    """Short value labels for bars: ``5B`` in English, ``50亿`` in Chinese."""

    def zh(value: float) -> str:
        if abs(value) >= 1e8:
            return f"{value / 1e8:.1f}".rstrip("0").rstrip(".") + "亿"
        if abs(value) >= 1e4:
            return f"{value / 1e4:.0f}万"
        return f"{value:.0f}"

    return zh if lang == "zh" else charts._plain


def chart_svgs(roundup: Roundup) -> list[tuple[str, Markup]]:
    """(caption, SVG) for the sector and week charts; SVG strings from charts.py are escaped already."""
    w = Wording(roundup.lang)
    fmt = _chart_label(roundup.lang)

    def pairs(bars: tuple[Bar, ...]) -> list[tuple[str, Decimal]]:
        return [(b.label, b.value) for b in bars]

    out = []
    if roundup.by_sector:
        svg = charts.bar_chart(pairs(roundup.by_sector), title=w("chart_sector"), fmt=fmt, width=640, label_width=230)
        out.append((w("chart_sector"), Markup(svg)))
    if roundup.by_week:
        svg = charts.column_chart(pairs(roundup.by_week), title=w("chart_week"), fmt=fmt, width=640, height=220)
        out.append((w("chart_week"), Markup(svg)))
    return out


def _safe_href(url: str | None) -> str | None:
    """Only web addresses become links: an article's ``javascript:`` URL stays text."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def render_html(roundup: Roundup) -> str:
    """The whole roundup as one HTML document that needs nothing else to display."""
    w = Wording(roundup.lang)
    head = roundup.headline
    compare = []
    for key, month, totals in (
        ("previous", head.month.previous(), head.previous),
        ("year_before", head.month.year_before(), head.year_before),
    ):
        compare.append(
            {
                "label": w(key, month=w.month(month)),
                "text": w.totals(totals, short=True) if totals else w("no_data"),
                "change": w.change(head.totals, totals) if totals else "",
            }
        )
    projects_label = w("projects_many", n="").strip() if roundup.lang == "en" else "项目"
    context = {
        "lang_tag": "zh-CN" if roundup.lang == "zh" else "en",
        "w": w,
        "title": w("title", zone=roundup.zone, month=w.month(roundup.month)),
        "parks": w("parks", zone=roundup.zone, parks=w("list_sep").join(roundup.parks)) if roundup.parks else "",
        "headline": {
            "projects": head.totals.projects,
            "projects_label": projects_label,
            "cny": w.figure(head.totals.cny, "CNY"),
            "usd": w.figure(head.totals.usd, "USD"),
            "sentence": w.totals(head.totals),
            "compare": compare,
        },
        "items": [
            {
                "title": item_title(w, item),
                "sources": item.sources,
                "fields": [(label, value) for label, value in item_fields(w, item)],
                "children": [_Line(_child_text(w, c), c.sources) for c in item.children],
            }
            for item in roundup.items
        ],
        "charts": chart_svgs(roundup),
        "corrections": [_Line(w.correction(c), c.sources) for c in roundup.corrections],
        "sources": [
            {
                "number": s.number,
                "title": s.title or w("untitled"),
                "href": _safe_href(s.url),
                "where": s.url or s.source or "",
                "published": w("published", date=w.published(s.published)) if s.published else "",
            }
            for s in roundup.sources
        ],
        "notes": roundup.notes,
    }
    return _env().get_template("roundup.html.j2").render(**context)


def render_pdf(roundup: Roundup) -> bytes:
    """The HTML roundup printed to PDF by WeasyPrint (A4, page numbers, charts as vector graphics)."""
    from weasyprint import HTML  # imported here: loading WeasyPrint costs a second the other formats need not pay

    return bytes(HTML(string=render_html(roundup), base_url=".").write_pdf())
