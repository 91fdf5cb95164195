"""``zonewatch review``: list, confirm, reject and edit projects; every action goes to the audit log."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer
from rich.markup import escape

from zonewatch.cli.app import app, fail, out
from zonewatch.cli.ledger import DbOption, _print_projects, ledger_for
from zonewatch.errors import ZonewatchError
from zonewatch.ledger.query import EDITABLE_FIELDS, ProjectFilter, confirm, edit, list_projects, list_reviews, reject

review_app = typer.Typer(
    help="Review the ledger: confirm, reject or edit projects (audit-logged).", no_args_is_help=True
)
app.add_typer(review_app, name="review")

WhoOption = Annotated[
    str | None, typer.Option("--who", help="Who is reviewing (default: $ZONEWATCH_USER or the login name).")
]


def _who(who: str | None) -> str:
    if who:
        return who
    try:
        return os.environ.get("ZONEWATCH_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@review_app.command("list")
def review_list(
    status: Annotated[str, typer.Option(help="pending, confirmed, rejected or all.")] = "pending",
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    db: DbOption = None,
) -> None:
    """Projects awaiting review (or with another status), newest first."""
    ledger = ledger_for(db)
    try:
        page = list_projects(ledger, ProjectFilter(status=status), sort="-updated", limit=limit)
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
    _print_projects(list(page.rows))
    out.print(f"{len(page.rows)} of {page.total} {status} projects")


def _done(row: object, project_id: int, what: str) -> None:
    if row is None:
        raise fail(f"no project {project_id}")
    out.print(f"project {project_id} {what}")


@review_app.command("confirm")
def review_confirm(project_id: int, who: WhoOption = None, db: DbOption = None) -> None:
    """Confirm a project."""
    _done(confirm(ledger_for(db), project_id, _who(who)), project_id, "confirmed")


@review_app.command("reject")
def review_reject(project_id: int, who: WhoOption = None, db: DbOption = None) -> None:
    """Reject a project: kept in the ledger, left out of lists and totals."""
    _done(reject(ledger_for(db), project_id, _who(who)), project_id, "rejected")


@review_app.command("edit")
def review_edit(
    project_id: int,
    field: Annotated[str, typer.Argument(help=f"One of: {', '.join(EDITABLE_FIELDS)}.")],
    value: Annotated[
        str, typer.Argument(help="The new value ('5 billion CNY', '2020-08-20', 'Tencent, NetEase', none).")
    ],
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Set one field of a project; the field is then never overwritten by re-extraction."""
    try:
        row = edit(ledger_for(db), project_id, field, value, _who(who))
    except ZonewatchError as exc:
        raise fail(str(exc)) from None
    _done(row, project_id, f"{field} set to {escape(value)}")


@review_app.command("log")
def review_log(project_id: Annotated[int | None, typer.Argument()] = None, db: DbOption = None) -> None:
    """The audit log (of one project when given): who, when, field, old and new values."""
    page = list_reviews(ledger_for(db), project_id, limit=200)
    for r in page.rows:
        out.print(
            f"{r.at:%Y-%m-%d %H:%M:%S} {escape(r.who)} {r.action} project {r.project_id}"
            + (f" {r.field}: {escape(str(r.old))} -> {escape(str(r.new))}" if r.field else ""),
            highlight=False,
        )
