"""The roundup and export commands: thin clients, files written, mistakes refused with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.report.ledger_fixture import small_ledger
from zonewatch.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'zw.db'}"
    small_ledger(url)
    return url


def test_roundup_markdown_on_standard_output(db: str) -> None:
    result = runner.invoke(app, ["roundup", "--zone", "CDHT", "--month", "2020-08", "--db", db])
    assert result.exit_code == 0, result.output
    assert "### 1. August 20 — Tencent [1]" in result.stdout
    assert "RMB 5 billion (US$722.7 million at 6.92 CNY/USD on 2020-08-20)" in result.stdout


@pytest.mark.parametrize(
    ("args", "name", "start"),
    [
        (["--lang", "zh"], "r.html", b"<!DOCTYPE html>"),
        (["--format", "html"], "r.out", b"<!DOCTYPE html>"),
        ([], "r.md", b"# Chengdu Hi-Tech Zone"),
        ([], "r.pdf", b"%PDF-"),
    ],
)
def test_roundup_to_a_file_takes_the_format_from_the_suffix(
    db: str, tmp_path: Path, args: list[str], name: str, start: bytes
) -> None:
    out = tmp_path / name
    result = runner.invoke(
        app, ["roundup", "--zone", "成都高新区", "--month", "2020-08", "-o", str(out), "--db", db, *args]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(start)
    assert f"to {out}" in result.stderr


def test_roundup_refuses_a_bad_month(db: str) -> None:
    result = runner.invoke(app, ["roundup", "--zone", "CDHT", "--month", "2020/08", "--db", db])
    assert result.exit_code == 2
    assert "--month: month '2020/08' is not YYYY-MM" in result.stderr


def test_roundup_of_an_empty_month_says_so(db: str) -> None:
    result = runner.invoke(app, ["roundup", "--zone", "CDHT", "--month", "2021-01", "--db", db])
    assert result.exit_code == 0
    assert "no project in the ledger for CDHT in 2021-01" in result.stderr


def test_export_csv_on_standard_output_with_filters(db: str) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--zone", "CDHT", "--since", "2020-08", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,parent_id,status,investors")
    assert len(lines) == 4  # Tencent, the chip aggregate, Bio-Town (Siemens 2019 and BOE July are before)


def test_export_binary_formats_need_a_file(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "xlsx", "--db", db])
    assert result.exit_code == 2 and "add -o FILE.xlsx" in result.stderr
    out = tmp_path / "p.parquet"
    result = runner.invoke(app, ["export", "--format", "parquet", "-o", str(out), "--db", db])
    assert result.exit_code == 0 and "wrote 7 projects" in result.stderr
    assert out.read_bytes()[:4] == b"PAR1"


def test_export_refuses_a_bad_date(db: str) -> None:
    result = runner.invoke(app, ["export", "--format", "json", "--since", "last week", "--db", db])
    assert result.exit_code == 2 and "--since: 'last week' is not YYYY-MM-DD or YYYY-MM" in result.stderr
