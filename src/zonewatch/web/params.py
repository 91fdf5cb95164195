"""Query parameters shared by the API and the pages: the filters of ``zonewatch projects``, sorting and paging.

Each is length-limited and typed here; the values reach the database only through the ledger's query
functions, which bind them as parameters (no SQL is built from text anywhere in the web layer).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import HTTPException, Path, Query

from zonewatch.ledger.query import SORT_KEYS, ProjectFilter
from zonewatch.web.security import MAX_PAGE_SIZE, MAX_SEARCH_CHARS

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
STATUSES = ("pending", "confirmed", "rejected", "all")
STAGES = ("announced", "signed", "started", "operating")
SORTS = tuple(k for key in SORT_KEYS for k in (key, f"-{key}"))

Text = Annotated[str | None, Query(max_length=MAX_SEARCH_CHARS)]
# Single parameters of the pages (used as ``Annotated[str | None, SearchQuery]``).
SearchQuery = Query(max_length=MAX_SEARCH_CHARS)
KindQuery = Query(max_length=64)
StatusQuery = Query(max_length=10)
NextQuery = Query(max_length=500)
OffsetQuery = Query(ge=0, le=10_000_000)
# Ids fit a signed 64-bit column on every backend (a larger one is a 422, not a database error).
MAX_ID = 2**62
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


def parse_day(value: str | None, name: str, end: bool = False) -> dt.date | None:
    """``2020``, ``2020-08`` or ``2020-08-20`` as a date: the first day of the period, or its last with ``end``.

    >>> parse_day("2020-02", "until", end=True), parse_day("2020", "since"), parse_day("", "since")
    (datetime.date(2020, 2, 29), datetime.date(2020, 1, 1), None)
    """
    if value is None or not value.strip():
        return None
    m = _DATE.match(value.strip())
    try:
        if not m:
            raise ValueError
        year, month, day = int(m[1]), m[2], m[3]
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), last if end else 1)
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise HTTPException(422, f"{name}: expected a date YYYY-MM-DD, YYYY-MM or YYYY") from None


def parse_amount(value: str | None) -> Decimal | None:
    if value is None or not value.strip():
        return None
    try:
        amount = Decimal(value.strip().replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise HTTPException(422, "min_amount: expected a number (CNY)") from None
    if not amount.is_finite():
        raise HTTPException(422, "min_amount: expected a finite number")
    return amount


@dataclass(frozen=True, slots=True)
class Filters:
    """The raw filter values as given (for refilling the form) and the ledger's ProjectFilter."""

    raw: dict[str, str]
    project_filter: ProjectFilter
    sort: str
    limit: int
    offset: int


def _clean(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def project_filters(
    zone: Text = None,
    place: Text = None,
    investor: Text = None,
    sector: Text = None,
    stage: Text = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")] = None,
    min_amount: Annotated[str | None, Query(max_length=24, description="Smallest amount in CNY")] = None,
    search: Annotated[str | None, Query(max_length=MAX_SEARCH_CHARS, description="Full text, Chinese included")] = None,
    status: Annotated[str | None, Query(max_length=10, description="pending | confirmed | rejected | all")] = None,
    top_level_only: bool = False,
    document_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    sort: Annotated[
        str,
        Query(
            max_length=16, description="date | amount_cny | amount_usd | id | updated | place | stage; '-' descending"
        ),
    ] = "-date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Filters:
    """The filters of ``zonewatch projects`` as query parameters (a FastAPI dependency)."""
    if status and status not in STATUSES:
        raise HTTPException(422, f"status: one of {', '.join(STATUSES)}")
    if sort not in SORTS:
        raise HTTPException(422, f"sort: one of {', '.join(SORT_KEYS)}, '-' prefix for descending")
    raw: dict[str, Any] = {
        "zone": zone,
        "place": place,
        "investor": investor,
        "sector": sector,
        "stage": stage,
        "since": since,
        "until": until,
        "min_amount": min_amount,
        "search": search,
        "status": status,
    }
    pf = ProjectFilter(
        zone=_clean(zone),
        place=_clean(place),
        investor=_clean(investor),
        sector=_clean(sector),
        stage=_clean(stage),
        since=parse_day(since, "since"),
        until=parse_day(until, "until", end=True),
        min_amount=parse_amount(min_amount),
        search=_clean(search),
        status=status or None,
        top_level_only=top_level_only,
        document_id=document_id,
    )
    return Filters({k: v for k, v in raw.items() if v}, pf, sort, limit, offset)
