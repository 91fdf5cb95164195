"""The ledger commands as a user runs them (in process, with the stand-in extractor)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ledger.stub import STUB
from zonewatch import pipeline
from zonewatch.cli import app
from zonewatch.ledger.query import ProjectFilter, list_errors, list_projects, open_ledger, totals

runner = CliRunner()


@pytest.fixture(autouse=True)
def _stub_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "default_components", lambda: list(STUB))


def corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "a.txt").write_text("Tencent invests RMB 5 billion in Chengdu Hi-Tech Zone on 2020-08-20.\n")
    (folder / "b.md").write_text("NetEase invests RMB 2 billion in Tianfu Software Park on 2020-08-21.\n")
    (folder / "d.txt").write_text("Kelun invests RMB 3 billion in Tianfu International Bio-Town on 2020-07-02.\n")
    # The same Tencent project reported again by another outlet: merged, not added.
    (folder / "sub" / "c.txt").write_text(
        "Report: Tencent invests RMB 5 billion in Chengdu Hi-Tech Zone on 2020-08-20.\n"
    )
    (folder / "ignored.bin").write_bytes(b"\x89PNG\r\n")
    return folder


def invoke(*args: str) -> object:
    result = runner.invoke(app, [str(a) for a in args])
    return result


def test_ingest_twice_adds_nothing(tmp_path: Path, ledger_url: str) -> None:
    folder = corpus(tmp_path / "in")
    first = runner.invoke(app, ["ingest", str(folder), "--db", ledger_url])
    assert first.exit_code == 0, first.output
    assert "documents new       │ 4" in first.output and "projects merged     │ 1" in first.output
    second = runner.invoke(app, ["ingest", str(folder), "--db", ledger_url])
    assert second.exit_code == 0 and "documents unchanged │ 4" in second.output
    assert list_projects(open_ledger(ledger_url)).total == 3


def test_bad_input_is_reported_and_the_batch_goes_on(tmp_path: Path, ledger_url: str) -> None:
    folder = corpus(tmp_path / "in")
    bad = folder / "broken.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = runner.invoke(app, ["ingest", str(bad), str(folder / "a.txt"), "--db", ledger_url])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "PNG" in result.output
    ledger = open_ledger(ledger_url)
    assert list_projects(ledger).total == 1
    errors = list_errors(ledger).rows
    assert len(errors) == 1 and "PNG" in errors[0].reason


def test_projects_json_csv_xlsx(tmp_path: Path, ledger_url: str) -> None:
    runner.invoke(app, ["ingest", str(corpus(tmp_path / "in")), "--db", ledger_url])
    out = runner.invoke(app, ["projects", "--format", "json", "--investor", "腾讯", "--db", ledger_url])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert len(rows) == 1 and rows[0]["investors"] == ["Tencent"]
    assert rows[0]["amount_usd"] == pytest.approx(722_500_000)
    assert len(rows[0]["sources"]) == 2
    csv_out = runner.invoke(app, ["projects", "--format", "csv", "--db", ledger_url])
    lines = csv_out.output.strip().splitlines()
    assert lines[0].startswith("id,parent_id,status,investors") and len(lines) == 4
    xlsx = tmp_path / "p.xlsx"
    assert runner.invoke(app, ["projects", "--format", "xlsx", "-o", str(xlsx), "--db", ledger_url]).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet.max_row == 4


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--zone", "CDHT"], {"Tencent", "NetEase", "Kelun"}),  # the zone and its parks, by an alias
        (["--place", "Tianfu Software Park"], {"NetEase"}),
        (["--since", "2020-08-01"], {"Tencent", "NetEase"}),
        (["--until", "2020-07"], {"Kelun"}),
        (["--min-amount", "2500000000"], {"Tencent", "Kelun"}),
        (["--search", "software"], {"NetEase"}),
        (["--investor", "nobody"], set()),
        (["--search", "'; DROP TABLE projects; --"], set()),
    ],
)
def test_projects_filters(tmp_path: Path, ledger_url: str, args: list[str], expected: set[str]) -> None:
    runner.invoke(app, ["ingest", str(corpus(tmp_path / "in")), "--db", ledger_url])
    out = runner.invoke(app, ["projects", "--format", "json", *args, "--db", ledger_url])
    assert out.exit_code == 0, out.output
    assert {r["investors"][0] for r in json.loads(out.output)} == expected


def test_stats_by_month_totals_equal_top_level_sum(tmp_path: Path, ledger_url: str) -> None:
    runner.invoke(app, ["ingest", str(corpus(tmp_path / "in")), "--db", ledger_url])
    out = runner.invoke(app, ["stats", "--by", "month", "--format", "json", "--db", ledger_url])
    data = json.loads(out.output)
    assert [r["key"] for r in data["rows"]] == ["2020-07", "2020-08"]
    assert sum(r["total_cny"] for r in data["rows"]) == data["total"]["total_cny"] == 10_000_000_000
    ledger = open_ledger(ledger_url)
    top = list_projects(ledger, ProjectFilter(top_level_only=True)).rows
    assert sum(r.amount_cny or 0 for r in top) == totals(ledger).total_cny
    table = runner.invoke(app, ["stats", "--by", "investor", "--db", ledger_url])
    assert table.exit_code == 0 and "Tencent" in table.output


def test_changed_file_is_a_new_version_and_projects_follow(tmp_path: Path, ledger_url: str) -> None:
    folder = corpus(tmp_path / "in")
    runner.invoke(app, ["ingest", str(folder / "b.md"), "--db", ledger_url])
    (folder / "b.md").write_text("NetEase invests RMB 4 billion in Tianfu Software Park on 2020-08-21.\n")
    result = runner.invoke(app, ["ingest", str(folder / "b.md"), "--db", ledger_url])
    assert "documents updated   │ 1" in result.output
    rows = list_projects(open_ledger(ledger_url)).rows
    assert [(r.investors, r.amount_cny) for r in rows] == [(("NetEase",), 4_000_000_000)]


def test_review_edit_survives_reextract_and_is_logged(tmp_path: Path, ledger_url: str) -> None:
    runner.invoke(app, ["ingest", str(corpus(tmp_path / "in") / "a.txt"), "--db", ledger_url])
    pid = list_projects(open_ledger(ledger_url)).rows[0].id
    edited = runner.invoke(
        app, ["review", "edit", str(pid), "amount", "6 billion CNY", "--who", "ana", "--db", ledger_url]
    )
    assert edited.exit_code == 0, edited.output
    assert runner.invoke(app, ["review", "confirm", str(pid), "--who", "ana", "--db", ledger_url]).exit_code == 0
    assert runner.invoke(app, ["reextract", "--db", ledger_url]).exit_code == 0
    row = list_projects(open_ledger(ledger_url)).rows[0]
    assert row.amount == 6_000_000_000 and row.status == "confirmed" and row.amount_cny == 6_000_000_000
    log = runner.invoke(app, ["review", "log", str(pid), "--db", ledger_url]).output
    assert "ana edit" in log and "5000000000" in log and "6000000000" in log and "ana confirm" in log
    listed = runner.invoke(app, ["review", "list", "--status", "confirmed", "--db", ledger_url])
    assert "1 of 1 confirmed" in listed.output


def test_review_errors_are_clear(tmp_path: Path, ledger_url: str) -> None:
    runner.invoke(app, ["ingest", str(corpus(tmp_path / "in") / "a.txt"), "--db", ledger_url])
    missing = runner.invoke(app, ["review", "confirm", "999", "--db", ledger_url])
    assert missing.exit_code == 2 and "no project 999" in missing.output
    bad = runner.invoke(app, ["review", "edit", "1", "colour", "red", "--db", ledger_url])
    assert bad.exit_code == 2 and "cannot edit 'colour'" in bad.output


def test_db_upgrade_is_idempotent(tmp_path: Path) -> None:
    from zonewatch.ledger.db import head_revision

    url = f"sqlite:///{tmp_path / 'new.db'}"
    for _ in range(2):
        result = runner.invoke(app, ["db", "upgrade", "--db", url])
        assert result.exit_code == 0 and f"revision {head_revision()}" in result.output
