"""Build a :class:`Roundup` from the ledger: one zone (any alias, parks included), one calendar month.

Everything is read through the ledger's query layer (``zonewatch.ledger.query``); this module only
arranges it: aggregates with their named parts, sources numbered in the order they are first cited,
the source articles' own errors as corrections, and the chart series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from functools import cache, partial
from typing import Any

from zonewatch.ledger.query import (
    FindingRow,
    Ledger,
    ProjectFilter,
    ProjectRow,
    StatRow,
    get_document,
    iter_projects,
    list_findings,
    stats,
    totals,
)
from zonewatch.model import Conversion, Precision, Qualifier, Stage
from zonewatch.report import names
from zonewatch.report.roundup import (
    Amount,
    Bar,
    Correction,
    Headline,
    Month,
    Roundup,
    RoundupItem,
    SourceRef,
    Totals,
    value_in,
)
from zonewatch.report.wording import Wording

# Finding kinds about the ledger rather than about what an article printed: not "corrections".
LEDGER_KINDS = frozenset({"sources_disagree"})
MAX_FINDINGS_PER_DOCUMENT = 1000


def month_filter(zone: str, month: Month) -> ProjectFilter:
    """The ledger filter of a roundup: the zone and its parks, dates within the month (inclusive)."""
    return ProjectFilter(zone=zone, since=month.first_day(), until=month.last_day())


def _totals(row: StatRow) -> Totals:
    return Totals(records=row.records, projects=row.projects, cny=row.total_cny, usd=row.total_usd)


def _other_month(ledger: Ledger, zone: str, month: Month) -> Totals | None:
    row = totals(ledger, month_filter(zone, month))
    return _totals(row) if row.records else None


def _published(src: Any) -> str | None:
    """The publication date to its known precision (``2020-08`` for a month) when the ledger says which."""
    if src.published is None:
        return None
    precision = getattr(src, "published_precision", None)
    if precision == "month":
        return f"{src.published.year:04d}-{src.published.month:02d}"
    if precision == "year":
        return f"{src.published.year:04d}"
    return str(src.published.isoformat())


class _Numbering:
    """Sources numbered 1, 2, ... in the order the roundup first cites them."""

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}
        self.refs: list[SourceRef] = []

    def cite(self, row: ProjectRow) -> tuple[int, ...]:
        out = []
        for src in row.sources:
            if src.document_id not in self.numbers:
                number = len(self.numbers) + 1
                self.numbers[src.document_id] = number
                published = _published(src)
                self.refs.append(SourceRef(number, src.title, src.url, published, src.source))
            out.append(self.numbers[src.document_id])
        return tuple(sorted(set(out)))


def first_line_title(text: str) -> str | None:
    r"""A plain-text article's first line, when it reads like a title (short, not a sentence of the body).

    >>> first_line_title("Investment roundup: June 2023\n\nJun 5 | ..."), first_line_title("On June 5, Bosch put ...")
    ('Investment roundup: June 2023', None)
    """
    first = text.strip().split("\n", 1)[0].strip()
    if not first or len(first) > 150 or first.endswith((".", "。")) or first.lower().startswith("on "):
        return None
    return first


def _titled(ledger: Ledger, numbering: _Numbering) -> list[SourceRef]:
    """The numbered sources, with untitled ones (plain-text files) named by their first line when it is a title."""
    by_number = {n: doc_id for doc_id, n in numbering.numbers.items()}
    out = []
    for ref in numbering.refs:
        if ref.title is None:
            doc = get_document(ledger, by_number[ref.number])
            title = first_line_title(doc.text) if doc else None
            ref = replace(ref, title=title) if title else ref
        out.append(ref)
    return out


def _conversion(row: ProjectRow, currency: str) -> Conversion | None:
    """The ledger's CNY or USD figure for the row as a Conversion (rate: target units per source unit)."""
    if row.amount is None or row.currency is None or row.currency == currency:
        return None
    value, rate = (row.amount_usd, row.usd_rate) if currency == "USD" else (row.amount_cny, row.cny_rate)
    if value is None and not row.rate_note:
        return None
    upper = row.amount_upper * rate if row.amount_upper is not None and rate is not None else None
    return Conversion(currency, value, upper, rate, row.rate_date, row.rate_source or "", row.rate_note)


_QUOTES = (("“", "”"), ("「", "」"), ("《", "》"), ("(", ")"), ("（", "）"))


def tidy(text: str | None) -> str | None:
    """A phrase cut out of an article, without the quote or bracket its cut left unmatched (’ is an apostrophe).

    >>> tidy("Tencent’s “new cultural and creative headquarter"), tidy("the “Digital Base” project")
    ('Tencent’s new cultural and creative headquarter', 'the “Digital Base” project')
    """
    if text is None:
        return None
    for opening, closing in _QUOTES:
        if text.count(opening) != text.count(closing):
            text = text.replace(opening, "").replace(closing, "")
    return " ".join(text.split()) or None


def _enum(kind: Any, value: str | None) -> Any:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def _item(row: ProjectRow, lang: str, numbering: _Numbering) -> RoundupItem:
    amount = None
    if row.amount is not None and row.currency:
        qualifier = _enum(Qualifier, row.qualifier) or Qualifier.EXACT
        amount = Amount(row.amount, row.currency, qualifier, row.amount_upper)
    return RoundupItem(
        date=row.date,
        precision=_enum(Precision, row.date_precision) or (Precision.DAY if row.date else None),
        investors=tuple(names.display(n, lang, "org") for n in row.investors),
        project=tidy(row.description),
        place=names.display(row.place, lang, "place") if row.place else None,
        amount=amount,
        usd=_conversion(row, "USD"),
        cny=_conversion(row, "CNY"),
        stage=_enum(Stage, row.stage),
        count=row.count,
        sectors=tuple(names.sector(s, lang) for s in row.sectors),
        sources=numbering.cite(row),
        ref=str(row.id),
    )


def _weeks(month: Month) -> list[tuple[dt.date, dt.date]]:
    """Monday-to-Sunday weeks clipped to the month.

    >>> [(a.day, b.day) for a, b in _weeks(Month(2020, 8))]
    [(1, 2), (3, 9), (10, 16), (17, 23), (24, 30), (31, 31)]
    """
    out = []
    start = month.first_day()
    while start <= month.last_day():
        end = min(start + dt.timedelta(days=6 - start.weekday()), month.last_day())
        out.append((start, end))
        start = end + dt.timedelta(days=1)
    return out


def week_bars(items: Iterable[RoundupItem], month: Month, lang: str) -> tuple[Bar, ...]:
    """CNY per week of the month over top-level items; items dated only to the month get their own bar."""
    w = Wording(lang)
    bars: list[Bar] = []
    items = list(items)
    for start, end in _weeks(month):
        inside = [i for i in items if i.date and i.precision is Precision.DAY and start <= i.date <= end]
        value = sum((v for i in inside if (v := value_in(i, "CNY")) is not None), Decimal(0))
        bars.append(Bar(w.week(start, end), value, len(inside)))
    undated = [i for i in items if not (i.date and i.precision is Precision.DAY)]
    if undated:
        value = sum((v for i in undated if (v := value_in(i, "CNY")) is not None), Decimal(0))
        bars.append(Bar(w("undated_week"), value, len(undated)))
    return tuple(bars) if any(b.records for b in bars) else ()


def sector_bars(rows: list[StatRow], lang: str) -> tuple[Bar, ...]:
    w = Wording(lang)
    return tuple(
        Bar(w("unclassified") if r.key == "(none)" else names.sector(r.key, lang), r.total_cny, r.records)
        for r in rows
        if r.total_cny > 0
    )


def _detail(details: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if details.get(key) not in (None, ""):
            return details[key]
    return None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except ArithmeticError:
        return None


def _date(value: Any, year: int) -> dt.date | None:
    """``2020-08-31``, or ``08-31`` (verify's heading dates carry no year: the roundup's year is meant)."""
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    try:
        if len(text) == 5 and text[2] == "-":
            return dt.date(year, int(text[:2]), int(text[3:]))
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def heading_title(text: str, start: int, heading: str) -> str | None:
    r"""The title of the dateline heading (``Aug 27 | <title>``) an offset lies under, to name an item.

    >>> heading_title("Aug 26 | One\nx\nAug 27 | Two things\nOn August 31 ...", 38, "Aug 27")
    'Two things'
    """
    for line in reversed(text[:start].splitlines()):
        if line.strip().casefold().startswith(heading.strip().casefold()):
            title = line.split("|", 1)[1] if "|" in line else line
            title = " ".join(title.split())
            return title if len(title) <= 100 else title[:99] + "…"
    return None


def _subject(row: ProjectRow | None, lang: str) -> str | None:
    if row is None:
        return None
    if row.investors:
        return Wording(lang)("list_sep").join(names.display(n, lang, "org") for n in row.investors)
    return row.description


def correction_of(
    finding: FindingRow,
    row: ProjectRow | None,
    numbering: _Numbering,
    lang: str,
    year: int,
    text: Callable[[], str] = lambda: "",
) -> Correction:
    """A verifier finding as a Correction; structured values come from its details, else from the project.

    ``year`` completes dates the verifier gives without one; ``text`` gives the document's text, to name the
    item a date finding is about by its heading (the finding's context is tried first).
    """
    d = finding.details or {}
    number = numbering.numbers.get(finding.document_id or -1)
    subject = _subject(row, lang)
    if subject is None and d.get("heading") and finding.start is not None:
        label = str(d["heading"])
        context = finding.context or ""
        offset = context.find(finding.quote or "\0")
        if offset > 0:
            subject = heading_title(context, offset, label)
        if subject is None:
            subject = heading_title(text(), finding.start, label)
    base = Correction(kind=finding.kind, message=finding.message, sources=(number,) if number else (), subject=subject)
    if finding.kind == "conversion_mismatch" and row is not None and row.amount is not None and row.currency:
        # verify's details: stated, expected (in ``currency``, the printed conversion's), rate, rate_date, factor.
        target = str(_detail(d, "stated_currency", "currency") or "USD")
        stated = _decimal(_detail(d, "stated", "stated_value"))
        expected = _decimal(_detail(d, "expected", "expected_value"))
        rate = _decimal(_detail(d, "rate"))
        if expected is None and target == "USD":
            expected, rate = row.amount_usd, rate or row.usd_rate
        rate_date = _date(_detail(d, "rate_date"), year) or row.rate_date
        if stated is not None and expected is not None:
            return replace(
                base,
                amount=Amount(row.amount, row.currency, _enum(Qualifier, row.qualifier) or Qualifier.EXACT),
                stated=Amount(stated, target),
                stated_text=_detail(d, "stated_text") or finding.quote,
                expected=Amount(expected, target),
                rate=rate,
                rate_date=rate_date,
            )
    if finding.kind == "date_mismatch":
        heading = _date(_detail(d, "heading_date"), year)
        said = _date(_detail(d, "text_date"), year)
        if heading and said:
            return replace(base, heading_date=heading, text_date=said)
    return base


def _corrections(
    ledger: Ledger, numbering: _Numbering, rows: dict[int, ProjectRow], lang: str, year: int
) -> tuple[Correction, ...]:
    found: list[tuple[int, int, Correction]] = []
    seen: set[tuple[str, int | None, int | None, int | None]] = set()

    @cache
    def _text(document_id: int) -> str:  # read only when a finding needs its heading named
        doc = get_document(ledger, document_id)
        return doc.text if doc else ""

    for document_id, number in numbering.numbers.items():
        page = list_findings(ledger, document_id=document_id, limit=MAX_FINDINGS_PER_DOCUMENT)
        for f in sorted(page.rows, key=lambda f: (f.start or 0, f.id)):
            if f.kind in LEDGER_KINDS:
                continue
            # A document may cover several zones or months: keep what concerns this roundup's projects,
            # and what concerns the article as a whole.
            if f.project_id is not None and f.project_id not in rows:
                continue
            key = (f.kind, f.document_id, f.start, f.end)
            if key in seen:
                continue
            seen.add(key)
            row = rows.get(f.project_id) if f.project_id is not None else None
            found.append(
                (number, f.start or 0, correction_of(f, row, numbering, lang, year, partial(_text, document_id)))
            )
    return tuple(c for _, _, c in sorted(found, key=lambda t: (t[0], t[1])))


def build_roundup(ledger: Ledger, zone: str, month: Month | str, lang: str = "en") -> Roundup:
    """The roundup of ``zone`` (any alias; its parks included) for ``month`` (``YYYY-MM``) in ``lang``."""
    Wording(lang)  # an unknown language fails here, before any query
    month = Month.parse(month) if isinstance(month, str) else month
    flt = month_filter(zone, month)
    rows = list(iter_projects(ledger, flt, sort="date"))
    ids = {r.id for r in rows}
    numbering = _Numbering()
    items: list[RoundupItem] = []
    all_rows: dict[int, ProjectRow] = {r.id: r for r in rows}
    for row in rows:
        if row.parent_id is not None and row.parent_id in ids:
            continue  # listed under its aggregate
        # Named parts are fetched by parent, not by the zone filter: a part often names no place of its own.
        parts = list(iter_projects(ledger, ProjectFilter(parent_id=row.id), sort="date"))
        all_rows.update((p.id, p) for p in parts)
        item = _item(row, lang, numbering)  # the aggregate's sources are numbered before its parts'
        children = [_item(p, lang, numbering) for p in parts]
        # A part in the same place as its aggregate need not say where again.
        children = [replace(c, place=None) if c.place == item.place else c for c in children]
        items.append(replace(item, children=tuple(children)))
    head = totals(ledger, flt)
    headline = Headline(
        month=month,
        totals=_totals(head),
        previous=_other_month(ledger, zone, month.previous()),
        year_before=_other_month(ledger, zone, month.year_before()),
    )
    w = Wording(lang)
    notes = (w("unconverted", n=head.unconverted),) if head.unconverted else ()
    return Roundup(
        zone=names.display(zone, lang, "place"),
        month=month,
        lang=lang,
        headline=headline,
        items=tuple(items),
        corrections=_corrections(ledger, numbering, all_rows, lang, month.year),
        sources=tuple(_titled(ledger, numbering)),
        parks=names.parks(zone, lang),
        by_sector=sector_bars(stats(ledger, by="sector", filter=flt), lang),
        by_week=week_bars(items, month, lang),
        notes=notes,
    )
