"""CSV and XLSX downloads of the projects table: the rows the filters and sort select, with the table's columns.

Text from articles can start with ``=``, ``+``, ``-`` or ``@``, which spreadsheets run as formulas; such cells
are prefixed with an apostrophe (the OWASP advice against CSV injection). Figures stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from fastapi.responses import Response, StreamingResponse

from zonewatch.ledger.query import ProjectRow
from zonewatch.serialize import number

COLUMNS = (
    "id", "date", "investors", "amount", "amount_upper", "currency", "qualifier", "amount_cny", "amount_usd",
    "stage", "place", "description", "sectors", "status", "count", "parent_id", "sources",
)
MAX_ROWS = 100_000  # a download is a view of the table, not a dump of the ledger (``zonewatch export`` is)


def safe_cell(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Tencent"), safe_cell("-5")
    ("'=HYPERLINK(1)", 'Tencent', "'-5")
    """
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _values(p: ProjectRow) -> list[Any]:
    return [
        p.id, p.date_text or "", "; ".join(p.investors), p.amount, p.amount_upper, p.currency or "", p.qualifier or "",
        p.amount_cny, p.amount_usd, p.stage or "", p.place or "", p.description or "", "; ".join(p.sectors),
        p.status, p.count, p.parent_id, "; ".join(s.url or s.source for s in p.sources),
    ]


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, str):
        return safe_cell(value)
    return value


def _limited(rows: Iterable[ProjectRow]) -> Iterator[ProjectRow]:
    for n, row in enumerate(rows):
        if n >= MAX_ROWS:
            return
        yield row


def csv_response(rows: Iterable[ProjectRow], lang: str = "en") -> Response:
    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")  # so Excel reads the UTF-8 (Chinese names) correctly
        writer.writerow(COLUMNS)
        for row in _limited(rows):
            writer.writerow(["" if (c := _cell(v)) is None else c for v in _values(row)])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="projects.csv"'})


def xlsx_response(rows: Iterable[ProjectRow], lang: str = "en") -> Response:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("projects")
    sheet.append(list(COLUMNS))
    for row in _limited(rows):
        sheet.append([_cell(v) for v in _values(row)])
    out = io.BytesIO()
    book.save(out)
    return Response(out.getvalue(), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": 'attachment; filename="projects.xlsx"'})
