"""The HTML pages: dashboard, projects, one project, documents, review queue, findings, login.

Every page calls the same ledger query functions as the API; forms post with a CSRF token and writes need
the token (a logged-in session).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from zonewatch.ledger import query
from zonewatch.report import charts
from zonewatch.web import download, i18n, params, security
from zonewatch.web.app import get_ledger
from zonewatch.web.details import field_rows, finding_views, source_views, stated_conversions
from zonewatch.web.params import STAGES, STATUSES, Filters, IdPath, project_filters
from zonewatch.web.render import page_lang, render, url_with

router = APIRouter(include_in_schema=False, dependencies=[Depends(security.require_read)])
# Logging in must work when reads need the token, so these routes do without the read check.
open_router = APIRouter(include_in_schema=False)


def _month_before(month: str) -> str:
    """'2020-01' -> '2019-12'.

    >>> _month_before("2020-01"), _month_before("2020-08")
    ('2019-12', '2020-07')
    """
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def month_series(rows: list[query.StatRow], last_n: int = 24) -> list[tuple[str, Any]]:
    """USD totals for each of the last ``last_n`` months up to the latest, months without projects as 0."""
    if not rows:
        return []
    totals = {r.key: r.total_usd for r in rows}
    month = rows[-1].key
    series = []
    for _ in range(last_n):
        series.append((month, totals.get(month, 0)))
        if month <= rows[0].key:
            break
        month = _month_before(month)
    return series[::-1]


@router.get("/")
def dashboard(request: Request) -> Response:
    ledger = get_ledger(request)
    lang = page_lang(request)
    t = i18n.labels(lang)
    months = [r for r in query.stats(ledger, "month") if r.key != "unknown"]
    by_key = {r.key: r for r in months}
    today = dt.date.today().strftime("%Y-%m")
    # A ledger of past announcements has nothing "this month": compare its latest month with the one before.
    current = today if today in by_key or not months else months[-1].key
    previous = _month_before(current)
    now, before = by_key.get(current), by_key.get(previous)

    def fig(row: query.StatRow | None, attr: str) -> Any:
        return getattr(row, attr) if row is not None else 0

    cards = [
        {
            "label": t["projects_count"],
            "now": i18n.integer(fig(now, "projects")),
            "before": i18n.integer(fig(before, "projects")),
            "change": i18n.change(fig(now, "projects"), fig(before, "projects")),
        },
        {
            "label": t["total_cny"],
            "now": i18n.money(fig(now, "total_cny"), "CNY", lang),
            "before": i18n.money(fig(before, "total_cny"), "CNY", lang),
            "change": i18n.change(fig(now, "total_cny"), fig(before, "total_cny")),
        },
        {
            "label": t["total_usd"],
            "now": i18n.money(fig(now, "total_usd"), "USD", lang),
            "before": i18n.money(fig(before, "total_usd"), "USD", lang),
            "change": i18n.change(fig(now, "total_usd"), fig(before, "total_usd")),
        },
    ]

    def fmt(v: float) -> str:
        return i18n.short(v, lang)

    def top(by: str, skip: tuple[str, ...] = ()) -> list[tuple[str, Any]]:
        rows = sorted(
            (r for r in query.stats(ledger, by) if r.key not in skip and r.total_usd),
            key=lambda r: (-r.total_usd, r.key),
        )[:10]
        name = (lambda k: i18n.category(k, lang)) if by == "sector" else (lambda k: k)
        return [(name(r.key), r.total_usd) for r in rows]

    empty = t["none"]
    chart_svgs = {
        "month": charts.column_chart(month_series(months), title=t["by_month"], fmt=fmt, empty=empty),
        "sector": charts.bar_chart(
            top("sector", ("(none)",)), title=t["by_sector"], fmt=fmt, color=charts.PALETTE[1], empty=empty
        ),
        "place": charts.bar_chart(
            top("place", ("(unknown)",)), title=t["by_place"], fmt=fmt, color=charts.PALETTE[2], empty=empty
        ),
        "investor": charts.bar_chart(
            top("investor", ("(unnamed)",)), title=t["top_investors"], fmt=fmt, color=charts.PALETTE[3], empty=empty
        ),
    }
    from markupsafe import Markup

    findings = query.list_findings(ledger, limit=8).rows
    return render(
        request,
        "dashboard.html",
        {
            "cards": cards,
            "current_month": current if months else None,
            "previous_month": previous if months else None,
            "charts": {k: Markup(v) for k, v in chart_svgs.items()},
            "findings": findings,
        },
    )


def _columns(t: dict[str, str]) -> list[tuple[str | None, str, bool]]:
    """The projects table's columns: (sort key or None, label, numeric)."""
    return [
        ("id", "#", False),
        ("date", t["date"], False),
        (None, t["investors"], False),
        ("amount_cny", t["amount"], True),
        ("amount_usd", t["amount_usd"], True),
        ("stage", t["stage"], False),
        ("place", t["place"], False),
        (None, t["project_name"], False),
        (None, t["sectors"], False),
        (None, t["status"], False),
        (None, t["sources"], True),
    ]


@router.get("/projects")
def projects(request: Request, f: Filters = Depends(project_filters)) -> Response:
    page = query.list_projects(get_ledger(request), f.project_filter, sort=f.sort, limit=f.limit, offset=f.offset)
    t = i18n.labels(page_lang(request))
    return render(
        request,
        "projects.html",
        {
            "page": page,
            "f": f.raw,
            "sort": f.sort,
            "stages": STAGES,
            "statuses": STATUSES,
            "columns": _columns(t),
            "sectors": i18n.sectors(page_lang(request)),
            "download_csv": url_with(request, offset=None).replace("/projects", "/projects.csv", 1),
            "download_xlsx": url_with(request, offset=None).replace("/projects", "/projects.xlsx", 1),
            "as_json": "/api" + url_with(request),  # the same query as JSON (Datasette's habit)
        },
    )


@router.get("/projects.csv")
def projects_csv(request: Request, f: Filters = Depends(project_filters)) -> Response:
    rows = query.iter_projects(get_ledger(request), f.project_filter, sort=f.sort)
    return download.download(rows, "csv")


@router.get("/projects.xlsx")
def projects_xlsx(request: Request, f: Filters = Depends(project_filters)) -> Response:
    rows = query.iter_projects(get_ledger(request), f.project_filter, sort=f.sort)
    return download.download(rows, "xlsx")


@router.get("/projects/{project_id}")
def project(request: Request, project_id: IdPath) -> Response:
    detail = query.get_project(get_ledger(request), project_id)
    if detail is None:
        raise HTTPException(404, f"no project {project_id}")
    lang = page_lang(request)
    t = i18n.labels(lang)
    return render(
        request,
        "project.html",
        {
            "d": detail,
            "p": detail.project,
            "fields": field_rows(detail, t, lang),
            "sources": source_views(detail),
            "stated": stated_conversions(detail),
            "finding_items": finding_views(detail.findings),
        },
    )


@router.get("/documents")
def documents(
    request: Request,
    search: Annotated[str | None, params.SearchQuery] = None,
    offset: Annotated[int, params.OffsetQuery] = 0,
) -> Response:
    page = query.list_documents(get_ledger(request), search=search or None, limit=50, offset=offset)
    return render(request, "documents.html", {"page": page, "search": search or ""})


@router.get("/documents/{document_id}")
def document(request: Request, document_id: IdPath) -> Response:
    detail = query.get_document(get_ledger(request), document_id)
    if detail is None:
        raise HTTPException(404, f"no document {document_id}")
    from zonewatch.web.highlight import Mark, highlight

    marks = [
        Mark(f.start, f.end, "finding", f.kind) for f in detail.findings if f.start is not None and f.end is not None
    ]
    return render(request, "document.html", {"d": detail, "html": highlight(detail.text, marks)})


@router.get("/findings")
def findings(
    request: Request,
    kind: Annotated[str | None, params.KindQuery] = None,
    offset: Annotated[int, params.OffsetQuery] = 0,
) -> Response:
    page = query.list_findings(get_ledger(request), kind=kind or None, limit=50, offset=offset)
    return render(request, "findings.html", {"page": page, "items": finding_views(page.rows), "kind": kind or ""})


@router.get("/organisations")
def organisations(
    request: Request,
    search: Annotated[str | None, params.SearchQuery] = None,
    offset: Annotated[int, params.OffsetQuery] = 0,
) -> Response:
    page = query.list_organisations(get_ledger(request), search=search or None, limit=50, offset=offset)
    return render(request, "organisations.html", {"page": page, "search": search or ""})


@router.post("/organisations/alias")
def add_alias(
    request: Request,
    csrf: Annotated[str | None, Form(max_length=128)] = None,
    organisation: Annotated[str, Form(min_length=1, max_length=512)] = "",
    alias: Annotated[str, Form(min_length=1, max_length=512)] = "",
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    _check_form(request, csrf)
    from zonewatch.web.api import _printable_name

    try:
        organisation, alias = _printable_name(organisation), _printable_name(alias)
    except ValueError:
        raise HTTPException(422, "an organisation and an alias of printable characters") from None
    query.add_alias(get_ledger(request), organisation, alias, _who(request))
    return RedirectResponse(_safe_next(next, "/organisations"), status_code=303)


@router.get("/review")
def review(
    request: Request,
    status: Annotated[str, params.StatusQuery] = "pending",
    offset: Annotated[int, params.OffsetQuery] = 0,
) -> Response:
    if status not in STATUSES:
        raise HTTPException(422, "status: one of " + ", ".join(STATUSES))
    ledger = get_ledger(request)
    page = query.list_projects(ledger, query.ProjectFilter(status=status), sort="-date", limit=50, offset=offset)
    log = query.list_reviews(ledger, limit=30)
    return render(
        request,
        "review.html",
        {
            "page": page,
            "log": log.rows,
            "status": status,
            "statuses": STATUSES,
            "editable": query.EDITABLE_FIELDS,
        },
    )


def _safe_next(value: str | None, default: str = "/") -> str:
    """Only same-site paths: '/review' yes, '//evil.example' and 'https://...' no.

    >>> _safe_next("/review?status=pending"), _safe_next("//evil.example"), _safe_next("https://x"), _safe_next(None)
    ('/review?status=pending', '/', '/', '/')
    """
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value


def _check_form(request: Request, csrf: str | None) -> None:
    if not security.csrf_ok(request, csrf):
        raise HTTPException(403, "the form expired or came from another site (CSRF check failed); reload the page")
    if not security.is_authorised(request):
        raise HTTPException(401, "log in with the token first")


def _who(request: Request) -> str:
    return str(request.session.get("who") or "web")[:64]


@router.post("/review/{project_id}/{action}")
def review_action(
    request: Request,
    project_id: IdPath,
    action: str,
    csrf: Annotated[str | None, Form(max_length=128)] = None,
    field: Annotated[str | None, Form(max_length=32)] = None,
    value: Annotated[str | None, Form(max_length=2000)] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    _check_form(request, csrf)
    ledger = get_ledger(request)
    if action == "confirm":
        row = query.confirm(ledger, project_id, _who(request))
    elif action == "reject":
        row = query.reject(ledger, project_id, _who(request))
    elif action == "edit":
        if field not in query.EDITABLE_FIELDS:
            raise HTTPException(422, "field: one of " + ", ".join(query.EDITABLE_FIELDS))
        row = query.edit(ledger, project_id, field, value or "", _who(request))
    else:
        raise HTTPException(404, f"no action {action!r}")
    if row is None:
        raise HTTPException(404, f"no project {project_id}")
    return RedirectResponse(_safe_next(next, "/review"), status_code=303)


@router.post("/ingest")
def ingest_form(
    request: Request,
    csrf: Annotated[str | None, Form(max_length=128)] = None,
    text: Annotated[str | None, Form(max_length=1_000_000)] = None,
    url: Annotated[str | None, Form(max_length=2048)] = None,
    published: Annotated[str | None, Form(max_length=10)] = None,
) -> Response:
    _check_form(request, csrf)
    from zonewatch.web.ingest import ingest

    if bool(text and text.strip()) == bool(url and url.strip()):
        raise HTTPException(422, "give either a URL or a text")
    if url and not url.lower().startswith(("http://", "https://")):
        raise HTTPException(422, "url must start with http:// or https://")
    results, _ = ingest(
        get_ledger(request), request.app.state.settings, url=url or None, text=text or None, published=published or None
    )
    ids = [r.document_id for r in results if r.document_id]
    target = f"/documents/{ids[0]}" if len(ids) == 1 else "/documents"
    return RedirectResponse(target, status_code=303)


@open_router.get("/login")
def login_page(request: Request, next: Annotated[str | None, params.NextQuery] = None) -> Response:
    return render(request, "login.html", {"next": _safe_next(next)})


@open_router.post("/login")
def login(
    request: Request,
    token: Annotated[str, Form(max_length=512)] = "",
    who: Annotated[str, Form(max_length=64)] = "",
    csrf: Annotated[str | None, Form(max_length=128)] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    if not security.csrf_ok(request, csrf):
        raise HTTPException(403, "the form expired (CSRF check failed); reload the page")
    if not security.log_in(request, token):
        return render(request, "login.html", {"next": _safe_next(next), "error": True}, status_code=401)
    request.session["who"] = who.strip()[:64] or "web"
    return RedirectResponse(_safe_next(next), status_code=303)


@open_router.post("/logout")
def logout(request: Request, csrf: Annotated[str | None, Form(max_length=128)] = None) -> Response:
    if not security.csrf_ok(request, csrf):
        raise HTTPException(403, "CSRF check failed")
    security.log_out(request)
    return RedirectResponse("/", status_code=303)


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered here from the OpenAPI schema (no CDN, no script)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                (p.get("name"), p.get("in"), p.get("required", False), p.get("description", ""))
                for p in op.get("parameters", [])
            ]
            body = bool(op.get("requestBody"))
            write = method.upper() == "POST"
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "params": params,
                    "body": body,
                    "write": write,
                }
            )
    return render(request, "docs.html", {"ops": ops})
