"""The output contract: an Extraction as the JSON object ``zonewatch extract --format jsonl`` prints.

Other tools (score.py, the ledger, users' scripts) rely on these keys; add keys, never rename them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zonewatch.model import Conversion, DateValue, Extraction, Finding, Mention, Money, Project, Quantity, Span


def number(value: Decimal | None) -> int | float | None:
    """JSON number for a Decimal: an int when whole (5000000000, not 5e9), else a float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _span(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def _grounded(text: str, span: Span | None) -> dict[str, Any]:
    return {"text": text, **(_span(span) or {})}


def money_dict(m: Money) -> dict[str, Any]:
    return {
        "value": number(m.value),
        "currency": m.currency,
        "qualifier": m.qualifier.value,
        "text": m.raw,
        "start": m.span.start,
        "end": m.span.end,
    }


def conversion_dict(c: Conversion | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "value": number(c.value),
        "upper": number(c.upper),
        "currency": c.currency,
        "rate": number(c.rate),
        "rate_date": c.rate_date.isoformat() if c.rate_date else None,
        "source": c.source,
        "note": c.note,
    }


def _mentions(items: tuple[Mention, ...]) -> list[dict[str, Any]]:
    return [{**_grounded(m.raw, m.span), "name": m.name, "canonical": m.canonical} for m in items]


def _date(d: DateValue | None) -> dict[str, Any] | None:
    return None if d is None else {**_grounded(d.raw, d.span), "precision": d.precision.value}


def _quantity(q: Quantity | None) -> dict[str, Any] | None:
    return None if q is None else {"value": number(q.value), "unit": q.unit, **_grounded(q.raw, q.span)}


def place_parent(p: Project, language: str = "en") -> str | None:
    """The place the project's place lies in (a park's zone, a zone's city), from the alias tables."""
    if p.place is None or p.place.canonical is None:
        return None
    from zonewatch.normalize.names import entity, resolve

    found = resolve(p.place.canonical, "place")
    parent = entity(found.parent) if found and found.parent else None
    return parent.display(language) if parent else None


def project_dict(p: Project, language: str = "en") -> dict[str, Any]:
    """One project as the contract's object; ``grounding`` holds the raw text and span of every field."""
    return {
        "id": p.id,
        "investors": [m.display for m in p.investors],
        "hosts": [m.display for m in p.hosts],
        "amount": money_dict(p.amount) if p.amount else None,
        "upper": number(p.amount.upper) if p.amount else None,
        "stated_conversions": [
            {"value": number(c.value), "currency": c.currency, "text": c.raw, "start": c.span.start, "end": c.span.end}
            for c in p.stated_conversions
        ],
        "count": int(p.count.value) if p.count else None,
        "parent": p.parent,
        "date": p.date.iso() if p.date else None,
        "stage": p.stage.stage.value if p.stage else None,
        "place": p.place.display if p.place else None,
        "place_parent": place_parent(p, language),
        "project": p.project.name if p.project else None,
        "evidence": [_span(s) for s in p.evidence],
        "amount_cny": conversion_dict(p.amount_cny),
        "amount_usd": conversion_dict(p.amount_usd),
        "area_m2": number(p.area.value) if p.area else None,
        "jobs": number(p.jobs.value) if p.jobs else None,
        "sectors": list(p.sectors),
        "project_type": p.project_type,
        "grounding": {
            "investors": _mentions(p.investors),
            "hosts": _mentions(p.hosts),
            "count": _quantity(p.count),
            "date": _date(p.date),
            "stage": _grounded(p.stage.raw, p.stage.span) if p.stage else None,
            "place": _mentions((p.place,))[0] if p.place else None,
            "project": _mentions((p.project,))[0] if p.project else None,
            "area": _quantity(p.area),
            "jobs": _quantity(p.jobs),
        },
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "message": f.message,
        "project": f.project,
        "start": f.span.start,
        "end": f.span.end,
        **({"details": f.details} if f.details else {}),
    }


def extraction_dict(ex: Extraction) -> dict[str, Any]:
    """The whole per-document object of the jsonl contract."""
    doc = ex.document
    return {
        "source": doc.source,
        "language": doc.language,
        "published": doc.published.iso() if doc.published else None,
        "title": doc.title,
        "url": doc.url,
        "projects": [project_dict(p, doc.language) for p in ex.projects],
        "findings": [finding_dict(f) for f in ex.findings],
    }


def error_dict(source: str, message: str) -> dict[str, Any]:
    """The object printed in place of a document that could not be read, so output stays one line per input."""
    return {
        "source": source,
        "error": message,
        "language": None,
        "published": None,
        "title": None,
        "url": None,
        "projects": [],
        "findings": [],
    }
