"""Charts as server-side SVG strings, drawn from data: no JavaScript, no CDN, safe to inline in any page or file.

Every label and title is XML-escaped here, so callers may pass text that came from articles. Only
presentation attributes are used (no ``style=``), so the SVG renders under a strict Content-Security-Policy.

>>> svg = bar_chart([("<b>", 2), ("b", 1)], title="t")
>>> "&lt;b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

Number = int | float | Decimal
Formatter = Callable[[float], str]

PALETTE = ("#2563eb", "#0891b2", "#16a34a", "#ca8a04", "#dc2626", "#9333ea", "#db2777", "#4b5563")
_FONT = 'font-family="system-ui, sans-serif"'


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def _plain(value: float) -> str:
    """Default value label: 1.2k, 3.4M, 5.6B (charts are small; full figures go in tables).

    >>> _plain(5_000_000_000), _plain(1234), _plain(7)
    ('5B', '1.2k', '7')
    """
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _text_px(text: str, size: int = 12) -> float:
    """Rough rendered width: CJK characters are about a full em, others a little over half."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def _clip_px(label: str, px: float, size: int = 12) -> str:
    """The label cut (with an ellipsis) to fit about ``px`` pixels; the full label stays in the tooltip.

    >>> _clip_px("Chengdu Hi-Tech Zone", 200), _clip_px("成都高新技术产业开发区管委会", 100)
    ('Chengdu Hi-Tech Zone', '成都高新技术产…')
    """
    if _text_px(label, size) <= px:
        return label
    out = ""
    for ch in label:
        if _text_px(out + ch + "…", size) > px:
            break
        out += ch
    return out + "…"


def _empty(width: int, height: int, title: str, message: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_esc(title)}"><title>{_esc(title)}</title>'
        f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle" {_FONT} font-size="13" fill="#6b7280">'
        f"{_esc(message)}</text></svg>"
    )


def bar_chart(
    items: Sequence[tuple[str, Number]],
    *,
    title: str = "",
    width: int = 520,
    bar_height: int = 22,
    label_width: int = 170,
    fmt: Formatter = _plain,
    color: str = PALETTE[0],
    empty: str = "no data",
) -> str:
    """Horizontal bars, one per ``(label, value)``, longest labels clipped; good for sectors, places, investors.

    >>> bar_chart([], title="x").count("no data")
    1
    >>> bar_chart([("a", 3), ("b", 1)]).count("<rect")
    2
    """
    height = max(40, len(items) * (bar_height + 6) + 10)
    if not items:
        return _empty(width, 60, title, empty)
    top = max(float(v) for _, v in items) or 1.0
    plot = width - label_width - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_esc(title)}"><title>{_esc(title)}</title>'
    ]
    for i, (label, value) in enumerate(items):
        y = 5 + i * (bar_height + 6)
        w = max(1.0, plot * max(0.0, float(value)) / top)
        mid = y + bar_height / 2 + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{mid:.1f}" text-anchor="end" {_FONT} font-size="12" fill="#111827">'
            f"<title>{_esc(label)}</title>{_esc(_clip_px(str(label), label_width - 10))}</text>"
            f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_height}" rx="3" fill="{_esc(color)}">'
            f"<title>{_esc(label)}: {_esc(fmt(float(value)))}</title></rect>"
            f'<text x="{label_width + w + 5:.1f}" y="{mid:.1f}" {_FONT} font-size="12" fill="#374151">'
            f"{_esc(fmt(float(value)))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    items: Sequence[tuple[str, Number]],
    *,
    title: str = "",
    width: int = 520,
    height: int = 220,
    fmt: Formatter = _plain,
    color: str = PALETTE[0],
    empty: str = "no data",
) -> str:
    """Vertical bars over ordered categories (months, weeks); every n-th label shown when they crowd.

    >>> column_chart([("2020-07", 1), ("2020-08", 2)]).count("<rect")
    2
    """
    if not items:
        return _empty(width, 60, title, empty)
    left, right, top_pad, bottom = 48, 10, 18, 34
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max(float(v) for _, v in items) or 1.0
    slot = plot_w / len(items)
    bar_w = max(2.0, slot * 0.7)
    every = _every(len(items), plot_w)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_esc(title)}"><title>{_esc(title)}</title>',
        _axis(left, top_pad, plot_w, plot_h, top, fmt),
    ]
    for i, (label, value) in enumerate(items):
        h = plot_h * max(0.0, float(value)) / top
        x = left + i * slot + (slot - bar_w) / 2
        y = top_pad + plot_h - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{max(h, 0.5):.1f}" fill="{_esc(color)}">'
            f"<title>{_esc(label)}: {_esc(fmt(float(value)))}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" {_FONT} '
                f'font-size="11" fill="#374151">{_esc(_clip(str(label), 10))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    series: Sequence[tuple[str, Sequence[tuple[str, Number]]]],
    *,
    title: str = "",
    width: int = 520,
    height: int = 220,
    fmt: Formatter = _plain,
    empty: str = "no data",
) -> str:
    """One polyline per named series over shared ordered x labels (taken from the first series), with a legend.

    >>> svg = line_chart([("CNY", [("2020-07", 1), ("2020-08", 3)])], title="by month")
    >>> svg.count("<polyline")
    1
    """
    if not series or not any(points for _, points in series):
        return _empty(width, 60, title, empty)
    left, right, top_pad, bottom = 48, 10, 24, 34
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    labels = [label for label, _ in series[0][1]]
    top = max((float(v) for _, pts in series for _, v in pts), default=1.0) or 1.0
    step = plot_w / max(1, len(labels) - 1)
    every = _every(len(labels), plot_w)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_esc(title)}"><title>{_esc(title)}</title>',
        _axis(left, top_pad, plot_w, plot_h, top, fmt),
    ]
    for n, (name, points) in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        coords = [
            (left + i * step if len(labels) > 1 else left + plot_w / 2, top_pad + plot_h - plot_h * float(v) / top)
            for i, (_, v) in enumerate(points)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for (x, y), (label, v) in zip(coords, points, strict=False):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"><title>{_esc(name)} {_esc(label)}: '
                f"{_esc(fmt(float(v)))}</title></circle>"
            )
        parts.append(
            f'<rect x="{left + n * 110}" y="4" width="10" height="10" fill="{color}"/>'
            f'<text x="{left + n * 110 + 14}" y="13" {_FONT} font-size="11" fill="#374151">{_esc(_clip(name, 14))}</text>'
        )
    for i, label in enumerate(labels):
        if i % every == 0:
            x = left + i * step if len(labels) > 1 else left + plot_w / 2
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" {_FONT} font-size="11" '
                f'fill="#374151">{_esc(_clip(str(label), 10))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _every(count: int, plot_w: float) -> int:
    """Show every n-th x label so that labels keep about 60 px each.

    >>> _every(12, 460), _every(36, 460)
    (2, 6)
    """
    fits = max(1, int(plot_w // 60))
    return max(1, -(-count // fits))


def _axis(left: int, top_pad: int, plot_w: float, plot_h: float, top: float, fmt: Formatter) -> str:
    """Baseline, and gridlines at 0, 50% and 100% of the largest value with their labels."""
    out = []
    for frac in (0.0, 0.5, 1.0):
        y = top_pad + plot_h - plot_h * frac
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" {_FONT} font-size="10" fill="#6b7280">'
            f"{_esc(fmt(top * frac))}</text>"
        )
    return "".join(out)
