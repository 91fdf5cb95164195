"""Review: an analyst confirms, rejects or edits a project; every action goes to the audit log.

An edited field is locked (``ProjectRecord.edited_fields``): later sources and ``zonewatch reextract`` never
overwrite it. Editing the amount locks its currency and conversions with it, and recomputes the conversions
at the project's date from the ECB rates.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from zonewatch.errors import LedgerError
from zonewatch.ledger.db import Ledger
from zonewatch.ledger.models import Organisation, OrganisationAlias, ProjectRecord, ReviewAction, utcnow
from zonewatch.ledger.names import canonical
from zonewatch.ledger.rows import OrganisationRow, ProjectRow
from zonewatch.ledger.store import _links, _organisation, _parse_date, refresh_totals

EDITABLE_FIELDS = (
    "amount",
    "qualifier",
    "date",
    "stage",
    "place",
    "investors",
    "hosts",
    "description",
    "count",
    "sectors",
    "project_type",
    "parent",
)
STAGES = ("announced", "signed", "started", "operating")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
_MULTIPLIERS = {
    "": 1,
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "million": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
    "万": 10**4,
    "亿": 10**8,
}
_AMOUNT = re.compile(r"^\s*([0-9][0-9,_]*(?:\.[0-9]+)?)\s*([a-z万亿]*)\s*([A-Za-z]{3})?\s*$", re.I)


class ReviewError(LedgerError):
    """A review action that cannot be applied: unknown field, a value that does not parse."""


def parse_amount(value: str, default_currency: str | None) -> tuple[Decimal, str]:
    """An edited amount: a number, an optional multiplier and an optional ISO currency.

    >>> parse_amount("5 billion CNY", None)
    (Decimal('5000000000'), 'CNY')
    >>> parse_amount("43.2亿", "CNY")
    (Decimal('4320000000.0'), 'CNY')
    """
    m = _AMOUNT.match(value)
    if not m or m[2].lower() not in _MULTIPLIERS:
        raise ReviewError(f"amount {value!r}: expected e.g. '5000000000 CNY', '5 billion USD' or '43.2亿'")
    currency = (m[3] or default_currency or "").upper()
    if not currency:
        raise ReviewError(f"amount {value!r}: give the currency too, e.g. '{value} CNY'")
    try:
        number = Decimal(m[1].replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise ReviewError(f"amount {value!r}: not a number") from None
    return number * _MULTIPLIERS[m[2].lower()], currency


@functools.cache
def _converter() -> Any:
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True)


def _rate(currency: str, target: str, day: dt.date) -> Decimal | None:
    """ECB rate (``target`` per ``currency``) on ``day``; pegs for AED and SAR; None when there is no rate."""
    pegs = {"AED": Decimal("3.6725"), "SAR": Decimal("3.75")}
    if currency == target:
        return Decimal(1)
    if currency in pegs:
        usd = 1 / pegs[currency]
        return usd if target == "USD" else (usd * r if (r := _rate("USD", target, day)) else None)
    try:
        return Decimal(str(_converter().convert(1, currency, target, date=day)))
    except Exception:  # unknown currency or a date before its first rate: no conversion, said in the note
        return None


def _convert(project: ProjectRecord) -> None:
    day = project.date or dt.date.today()
    project.rate_date, project.rate_source, project.rate_note = day, "ECB (edited amount)", None
    for target, value_attr, rate_attr in (("CNY", "amount_cny", "cny_rate"), ("USD", "amount_usd", "usd_rate")):
        rate = _rate(project.currency or "", target, day) if project.amount is not None else None
        setattr(project, rate_attr, rate)
        setattr(
            project, value_attr, (project.amount * rate).quantize(Decimal("0.01")) if rate and project.amount else None
        )
        if rate is None and project.amount is not None:
            project.rate_note = f"no {target} rate for {project.currency} on {day.isoformat()}"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _names(value: str) -> list[str]:
    return [canonical(n) for n in re.split(r"[,;、，；]", value) if n.strip()]


def _apply(project: ProjectRecord, field: str, value: str, session: Any) -> tuple[Any, Any]:
    """Set ``field`` from the analyst's text; returns (old, new) as stored."""
    value = value.strip()
    old: Any
    empty = value.lower() in ("", "none", "null", "-")
    if field == "amount":
        old = f"{project.amount} {project.currency}" if project.amount is not None else None
        if empty:
            project.amount = project.amount_upper = project.amount_cny = project.amount_usd = None
        else:
            project.amount, project.currency = parse_amount(value, project.currency)
            project.amount_upper, project.amount_text = None, value
            project.qualifier = project.qualifier or "exact"
        _convert(project)
        return old, f"{project.amount} {project.currency}" if project.amount is not None else None
    if field == "qualifier":
        if value not in QUALIFIERS:
            raise ReviewError(f"qualifier {value!r}: use one of {', '.join(QUALIFIERS)}")
        old, project.qualifier = project.qualifier, value
        return old, value
    if field == "date":
        old = project.date.isoformat() if project.date else None
        if empty:
            project.date = project.date_precision = project.month = None
            return old, None
        day, precision = _parse_date(value)
        if day is None:
            raise ReviewError(f"date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
        project.date, project.date_precision = day, precision
        project.month = day.strftime("%Y-%m") if precision != "year" else None
        if project.amount is not None and "amount" not in (project.edited_fields or []):
            _convert(project)
        return old, value
    if field == "stage":
        if value not in STAGES:
            raise ReviewError(f"stage {value!r}: use one of {', '.join(STAGES)}")
        old, project.stage = project.stage, value
        return old, value
    if field in ("investors", "hosts", "sectors"):
        old = list(getattr(project, field) or [])
        new = (
            []
            if empty
            else (_names(value) if field != "sectors" else [s.strip() for s in value.split(",") if s.strip()])
        )
        setattr(project, field, new)
        return old, new
    if field == "count":
        try:
            new_count = None if empty else int(value)
        except ValueError:
            raise ReviewError(f"count {value!r}: expected a whole number") from None
        old, project.count = project.count, new_count
        return old, new_count
    if field == "parent":
        old = project.parent_id
        if empty:
            project.parent_id = None
        else:
            try:
                parent = session.get(ProjectRecord, int(value))
            except ValueError:
                parent = None
            if parent is None or parent.id == project.id:
                raise ReviewError(f"parent {value!r}: no such other project")
            project.parent_id = parent.id
        return old, project.parent_id
    attr = {"place": "place", "description": "description", "project_type": "project_type"}.get(field)
    if attr is None:
        raise ReviewError(f"cannot edit {field!r}; editable fields: {', '.join(EDITABLE_FIELDS)}")
    new_text = None if empty else (canonical(value) if field == "place" else value)
    old = getattr(project, attr)
    setattr(project, attr, new_text)
    return old, new_text


def _row(ledger: Ledger, project_id: int) -> ProjectRow | None:
    from zonewatch.ledger.query import rows_for

    with ledger.read() as session:
        project = session.get(ProjectRecord, project_id)
        return rows_for(session, [project])[0] if project else None


def _set_status(ledger: Ledger, project_id: int, status: str, who: str) -> ProjectRow | None:
    with ledger.write() as session:
        project = session.get(ProjectRecord, project_id)
        if project is None:
            return None
        old = project.status
        project.status = status
        project.updated_at = utcnow()
        action = {"confirmed": "confirm", "rejected": "reject"}[status]
        session.add(ReviewAction(project_id=project_id, action=action, field="status", old=old, new=status, who=who))
        refresh_totals(session, project)
    return _row(ledger, project_id)


def confirm(ledger: Ledger, project_id: int, who: str) -> ProjectRow | None:
    """Mark a project confirmed by ``who``; None when there is no such project."""
    return _set_status(ledger, project_id, "confirmed", who)


def reject(ledger: Ledger, project_id: int, who: str) -> ProjectRow | None:
    """Mark a project rejected (kept, but out of lists and totals); None when there is no such project."""
    return _set_status(ledger, project_id, "rejected", who)


def edit(ledger: Ledger, project_id: int, field: str, value: str, who: str) -> ProjectRow | None:
    """Set one field to the analyst's value and lock it; None when there is no such project."""
    if field not in EDITABLE_FIELDS:
        raise ReviewError(f"cannot edit {field!r}; editable fields: {', '.join(EDITABLE_FIELDS)}")
    with ledger.write() as session:
        project = session.get(ProjectRecord, project_id)
        if project is None:
            return None
        old, new = _apply(project, field, value, session)
        project.edited_fields = sorted({*(project.edited_fields or []), field})
        project.updated_at = utcnow()
        session.add(
            ReviewAction(project_id=project_id, action="edit", field=field, old=_text(old), new=_text(new), who=who)
        )
        session.flush()
        _links(session, project)
        refresh_totals(session, project)
    return _row(ledger, project_id)


def add_alias(ledger: Ledger, organisation: str, alias: str, who: str) -> OrganisationRow:
    """Record ``alias`` as another name of ``organisation`` (created if new); later reports of it match."""
    from zonewatch.ledger.query import organisation_rows

    alias = alias.strip()
    if not alias or not organisation.strip():
        raise ReviewError("an alias needs both the organisation's name and the alias")
    with ledger.write() as session:
        org = _organisation(session, canonical(organisation))
        taken = session.scalar(select(OrganisationAlias).where(OrganisationAlias.alias == alias))
        if taken is not None and taken.organisation_id != org.id:
            other = session.get(Organisation, taken.organisation_id)
            raise ReviewError(f"{alias!r} is already an alias of {other.name if other else taken.organisation_id!r}")
        if taken is None:
            session.add(OrganisationAlias(organisation_id=org.id, alias=alias))
        org_id = org.id
    del who  # aliases are not project fields; the audit log covers project reviews
    with ledger.read() as session:
        found = session.get(Organisation, org_id)
        assert found is not None
        return organisation_rows(session, [found])[0]
