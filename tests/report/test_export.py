"""Exports in every format from a small ledger: every column, sources and findings, filters, the column docs."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.report.ledger_fixture import small_ledger
from zonewatch.ledger.query import Ledger, ProjectFilter, iter_projects
from zonewatch.report.export import COLUMN_NAMES, ExportError, export_projects, write_export

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    return small_ledger(f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'zw.db'}")


def _export(ledger: Ledger, fmt: str, flt: ProjectFilter | None = None) -> bytes:
    buf = io.BytesIO()
    export_projects(ledger, fmt, buf, flt)
    return buf.getvalue()


def _records(ledger: Ledger, fmt: str, flt: ProjectFilter | None = None) -> list[dict[str, object]]:
    """Read an export back as a list of dicts, whatever its format."""
    data = _export(ledger, fmt, flt)
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    if fmt == "json":
        return list(json.loads(data))
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data), read_only=True)["projects"]
        rows = list(sheet.iter_rows(values_only=True))
        return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]  # type: ignore[arg-type]
    import pyarrow.parquet as pq

    return list(pq.read_table(io.BytesIO(data)).to_pylist())


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "parquet"])
def test_every_format_has_every_column_and_project(ledger: Ledger, fmt: str) -> None:
    records = _records(ledger, fmt)
    assert len(records) == 7  # Tencent, the chip aggregate, Eswin, Bio-Town, BOE, CATL, Siemens
    assert tuple(records[0]) == COLUMN_NAMES
    tencent = next(r for r in records if "Tencent" in str(r["investors"]))
    assert "conversion_mismatch" in str(tencent["finding_kinds"])
    assert "https://example.org/zone/august-2020" in str(tencent["source_urls"])
    assert str(tencent["amount_text"]) == "RMB 5 billion"
    assert 722_000_000 < float(str(tencent["amount_usd"])) < 723_500_000


def test_json_keeps_sources_and_findings_as_objects(ledger: Ledger) -> None:
    tencent = next(r for r in _records(ledger, "json") if r["investors"] == ["Tencent"])
    assert tencent["amount"] == 5000000000 and tencent["currency"] == "CNY" and tencent["date"] == "2020-08-20"
    (source,) = tencent["sources"]  # type: ignore[misc]
    assert source["title"] == "What the hi-tech zone signed in August" and source["published"] == "2020-08-01"
    (finding,) = tencent["findings"]  # type: ignore[misc]
    assert finding["kind"] == "conversion_mismatch" and finding["quote"] == "$7300 million"


def test_csv_cells_are_plain(ledger: Ledger) -> None:
    row = next(r for r in _records(ledger, "csv") if r["investors"] == "Tencent")
    assert row["amount"] == "5000000000" and row["in_totals"] == "true" and row["parent_id"] == ""
    assert json.loads(str(row["sources"]))[0]["url"] == "https://example.org/zone/august-2020"


def test_filters_are_the_ledgers(ledger: Ledger) -> None:
    records = _records(ledger, "json", ProjectFilter(zone="CDHT", since=None))
    assert "CATL" not in {i for r in records for i in r["investors"]}  # type: ignore[attr-defined]
    august = _records(ledger, "json", ProjectFilter(investor="腾讯"))
    assert [r["investors"] for r in august] == [["Tencent"]]


def test_write_export_takes_rows_the_caller_already_has(ledger: Ledger) -> None:
    rows = list(iter_projects(ledger, ProjectFilter(zone="Shanghai Pudong New Area")))
    buf = io.BytesIO()
    assert write_export(rows, "csv", buf) == 1
    assert buf.getvalue().decode().splitlines()[1].split(",")[3] == "CATL"
    assert not buf.closed  # the caller's file stays open


def test_empty_selection_still_has_a_header(ledger: Ledger) -> None:
    assert _export(ledger, "csv", ProjectFilter(investor="nobody")).decode().strip() == ",".join(COLUMN_NAMES)
    assert json.loads(_export(ledger, "json", ProjectFilter(investor="nobody"))) == []
    assert _records(ledger, "parquet", ProjectFilter(investor="nobody")) == []


def test_unknown_format_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ExportError, match="csv, xlsx, json, parquet"):
        write_export([], "ods", io.BytesIO())


def test_docs_list_every_column() -> None:
    documented = set(re.findall(r"^\| `(\w+)` \|", DOCS.read_text(encoding="utf-8"), re.M))
    assert documented == set(COLUMN_NAMES)
