"""The JSON API under ``/api``: the same ledger query functions as the CLI and the pages, as JSON.

Reads are open unless ``read_requires_token`` is set; every write needs the token as a bearer header.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field, field_validator, model_validator

from zonewatch.ledger import query
from zonewatch.serialize import number
from zonewatch.web.app import get_ledger
from zonewatch.web.params import Filters, IdPath, project_filters
from zonewatch.web.security import MAX_PAGE_SIZE, MAX_SEARCH_CHARS, require_read, require_write

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(require_read)])
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Id = Annotated[int, Query(ge=1, le=2**62)]
MAX_TEXT_CHARS = 1_000_000


def to_json(value: Any) -> Any:
    """Rows to JSON: Decimal as a number (an int when whole), dates as ISO strings, tuples as lists.

    >>> to_json({"a": (Decimal("5000000000"), dt.date(2020, 8, 20))})
    {'a': [5000000000, '2020-08-20']}
    """
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, query.ProjectRow):
        return {
            **{f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)},
            "date_text": value.date_text,
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def page_json(page: query.Page[Any]) -> dict[str, Any]:
    """A page as JSON; ``total_capped`` is true when counting stopped at the cap (``total`` is then cap + 1)."""
    capped = bool(getattr(page, "total_capped", False))
    return {"total": page.total, "total_capped": capped, "limit": page.limit, "offset": page.offset,
            "rows": to_json(page.rows)}  # fmt: skip


def who(request: Request) -> str:
    """The name written to the audit log for API writes (bearer clients have no login name)."""
    return "api"


@router.get("/projects", summary="Projects matching the filters of `zonewatch projects`, paginated and sorted")
def api_projects(request: Request, f: Filters = Depends(project_filters)) -> dict[str, Any]:
    """Answers `{"total", "total_capped", "limit", "offset", "rows"}`. The total is counted up to 1,000 (or to
    the end of the requested page): when more projects match, `total` is that count + 1 (1,001 for the first
    pages) and `total_capped` is true."""
    page = query.list_projects(get_ledger(request), f.project_filter, sort=f.sort, limit=f.limit, offset=f.offset)
    return page_json(page)


@router.get("/projects/{project_id}", summary="One project with its sources, evidence spans, history and findings")
def api_project(request: Request, project_id: IdPath) -> dict[str, Any]:
    detail = query.get_project(get_ledger(request), project_id)
    if detail is None:
        raise HTTPException(404, f"no project {project_id}")
    return to_json(detail)


@router.get("/stats", summary="Counts and CNY/USD totals grouped by month, sector, place, investor or stage")
def api_stats(
    request: Request,
    by: Literal["month", "sector", "place", "investor", "stage"] = "month",
    f: Filters = Depends(project_filters),
) -> dict[str, Any]:
    ledger = get_ledger(request)
    return {
        "by": by,
        "rows": to_json(query.stats(ledger, by, f.project_filter)),
        "total": to_json(query.totals(ledger, f.project_filter)),
    }


@router.get("/documents", summary="Ingested documents, newest first")
def api_documents(
    request: Request,
    search: Annotated[str | None, Query(max_length=MAX_SEARCH_CHARS)] = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    page = query.list_documents(
        get_ledger(request), search=search or None, language=language or None, limit=limit, offset=offset
    )
    return page_json(page)


@router.get("/documents/{document_id}", summary="One document: its text, projects, findings and versions")
def api_document(request: Request, document_id: IdPath) -> dict[str, Any]:
    detail = query.get_document(get_ledger(request), document_id)
    if detail is None:
        raise HTTPException(404, f"no document {document_id}")
    return to_json(detail)


@router.get("/findings", summary="The articles' own errors (conversions, dates, sums) and source disagreements")
def api_findings(
    request: Request,
    kind: Annotated[str | None, Query(max_length=64)] = None,
    document_id: Id | None = None,
    project_id: Id | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    page = query.list_findings(
        get_ledger(request),
        kind=kind or None,
        document_id=document_id,
        project_id=project_id,
        limit=limit,
        offset=offset,
    )
    return page_json(page)


@router.get("/organisations", summary="Organisations with their aliases and investment totals")
def api_organisations(
    request: Request,
    search: Annotated[str | None, Query(max_length=MAX_SEARCH_CHARS)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return page_json(query.list_organisations(get_ledger(request), search=search or None, limit=limit, offset=offset))


@router.get("/reviews", summary="The audit log of review actions, newest first")
def api_reviews(
    request: Request, project_id: Id | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return page_json(query.list_reviews(get_ledger(request), project_id=project_id, limit=limit, offset=offset))


# ---- writes: every route below needs the token -------------------------------------------------------------


class EditBody(BaseModel):
    field: str = Field(max_length=32)
    value: str = Field(max_length=2000)


def _printable_name(value: str) -> str:
    """A name: no control characters, no lone surrogates, not only spaces."""
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in value) or not value.strip():
        raise ValueError("a name of printable characters")
    return value.strip()


class AliasBody(BaseModel):
    organisation: str = Field(min_length=1, max_length=512)
    alias: str = Field(min_length=1, max_length=512)

    _names = field_validator("organisation", "alias")(_printable_name)


class IngestBody(BaseModel):
    """Either ``url`` or ``text`` (with an optional ``published`` date, ``title`` and ``lang``)."""

    url: str | None = Field(default=None, max_length=2048)
    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    published: str | None = Field(default=None, max_length=10)
    title: str | None = Field(default=None, max_length=500)
    lang: Literal["auto", "en", "zh"] = "auto"

    @model_validator(mode="after")
    def one_source(self) -> IngestBody:
        if bool(self.url) == bool(self.text):
            raise ValueError("give either url or text")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValueError("url must start with http:// or https://")
        return self


def _done(row: query.ProjectRow | None, project_id: int) -> dict[str, Any]:
    if row is None:
        raise HTTPException(404, f"no project {project_id}")
    return to_json(row)


@router.post("/projects/{project_id}/confirm", dependencies=[Depends(require_write)], summary="Confirm a project")
def api_confirm(request: Request, project_id: IdPath) -> dict[str, Any]:
    return _done(query.confirm(get_ledger(request), project_id, who(request)), project_id)


@router.post("/projects/{project_id}/reject", dependencies=[Depends(require_write)], summary="Reject a project")
def api_reject(request: Request, project_id: IdPath) -> dict[str, Any]:
    return _done(query.reject(get_ledger(request), project_id, who(request)), project_id)


@router.post(
    "/projects/{project_id}/edit",
    dependencies=[Depends(require_write)],
    summary="Edit one field; re-extraction never overwrites it",
)
def api_edit(request: Request, project_id: IdPath, body: EditBody) -> dict[str, Any]:
    if body.field not in query.EDITABLE_FIELDS:
        raise HTTPException(422, f"field: one of {', '.join(query.EDITABLE_FIELDS)}")
    return _done(query.edit(get_ledger(request), project_id, body.field, body.value, who(request)), project_id)


@router.post("/organisations/aliases", dependencies=[Depends(require_write)], summary="Add an alias to an organisation")
def api_add_alias(request: Request, body: AliasBody) -> dict[str, Any]:
    return to_json(query.add_alias(get_ledger(request), body.organisation, body.alias, who(request)))


@router.post(
    "/ingest",
    dependencies=[Depends(require_write)],
    summary="Ingest a URL or pasted text; answers with the projects found",
)
def api_ingest(request: Request, body: IngestBody) -> dict[str, Any]:
    from zonewatch.web.ingest import ingest

    results, projects = ingest(
        get_ledger(request),
        request.app.state.settings,
        url=body.url,
        text=body.text,
        published=body.published,
        title=body.title,
        lang=body.lang,
    )
    return {"results": to_json(results), "projects": to_json(projects)}
