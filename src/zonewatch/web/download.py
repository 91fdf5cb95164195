"""CSV and XLSX downloads of the projects table: the rows the page's filters and sort select, written by the
same export writer as ``zonewatch export`` (its documented column list).

Text from articles can start with ``=``, ``+``, ``-`` or ``@``, which spreadsheets run as formulas; before
writing, such text fields are prefixed with an apostrophe (the OWASP advice against CSV injection).
Figures are not text and stay numbers.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi.responses import Response

from zonewatch.ledger.query import ProjectRow, SourceRef
from zonewatch.report.export import write_export

MAX_ROWS = 50_000  # a download is a view of the table; `zonewatch export` is for the whole ledger
MEDIA = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def safe_cell(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Tencent"), safe_cell("-5")
    ("'=HYPERLINK(1)", 'Tencent', "'-5")
    """
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _defuse(value: Any) -> Any:
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, tuple):
        return tuple(_defuse(v) for v in value)
    if isinstance(value, SourceRef):
        return dataclasses.replace(value, title=_defuse(value.title), source=_defuse(value.source))
    return value


def defused(row: ProjectRow) -> ProjectRow:
    """The row with every text field safe for a spreadsheet."""
    changes = {f.name: _defuse(getattr(row, f.name)) for f in dataclasses.fields(row)}
    return dataclasses.replace(row, **changes)


def _limited(rows: Iterable[ProjectRow]) -> Iterator[ProjectRow]:
    for n, row in enumerate(rows):
        if n >= MAX_ROWS:
            return
        yield defused(row)


def download(rows: Iterable[ProjectRow], format: str) -> Response:
    """The rows as a CSV or XLSX attachment."""
    out = io.BytesIO()
    if format == "csv":
        out.write("\ufeff".encode())  # so Excel reads UTF-8 (Chinese names) correctly
    write_export(_limited(rows), format, out)
    return Response(
        out.getvalue(),
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="projects.{format}"'},
    )
