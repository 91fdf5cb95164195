"""Bad inputs: each gets one clear error line naming it, the batch goes on, the exit status says so.

For both `zonewatch extract` and `zonewatch ingest`; URLs against a hostile server on 127.0.0.1.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.hardening.badserver import gzip_bomb, hostile_server
from zonewatch.cli import app
from zonewatch.ingest.files import MAX_BYTES, read_path
from zonewatch.ledger.query import list_errors, open_ledger

GOOD = "On August 20, 2020, Acme Robotics Co., Ltd. signed an agreement to invest RMB 2 billion in a robot plant.\n"
ZH = "2020年8月20日，成都高新区与腾讯公司签约，腾讯拟投资50亿元建设西部总部项目。\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", GOOD)
    return buf.getvalue()


# name -> (bytes, what the error line must say)
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b"  \n\t\n", "is empty"),
    "image.txt": (PNG, "PNG image"),
    "archive.md": (_zip(), "ZIP archive"),
    "nobody.html": (b"<!doctype html><html><head><title></title></head></html>", "no readable text"),
    "binary.txt": (bytes(range(256)) * 64, "not text"),
}
BIG5_TEXT = "2020年8月20日，成都高新區與騰訊公司簽約，騰訊擬投資50億元建設西部總部項目。\n"
# name -> (bytes, the text they must be read back as)
ENCODED: dict[str, tuple[bytes, str]] = {
    "gbk.txt": (ZH.encode("gbk"), ZH),
    "gb18030.txt": (ZH.encode("gb18030"), ZH),
    "big5.txt": (BIG5_TEXT.encode("big5"), BIG5_TEXT),
    "utf16le-bom.txt": (b"\xff\xfe" + ZH.encode("utf-16-le"), ZH),
    "utf16be-bom.txt": (b"\xfe\xff" + ZH.encode("utf-16-be"), ZH),
    "utf16le.txt": (ZH.encode("utf-16-le"), ZH),
    "utf16be.txt": (ZH.encode("utf-16-be"), ZH),
    "utf16le-english.txt": (GOOD.encode("utf-16-le"), GOOD),
    "utf16be-english-bom.txt": (b"\xfe\xff" + GOOD.encode("utf-16-be"), GOOD),
    "utf8-bom.txt": (b"\xef\xbb\xbf" + ZH.encode(), ZH),
    "crlf.txt": (GOOD.replace("\n", "\r\n").encode(), GOOD),
}


def zonewatch(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("zonewatch:")]


@pytest.fixture()
def batch(tmp_path: Path) -> list[Path]:
    """Every bad file, with good ones between them (the batch must go on past each)."""
    paths = []
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
        good = tmp_path / f"good-after-{name}.txt"
        good.write_text(GOOD.replace("Acme", f"Acme{len(paths)}"))
        paths.append(good)
    return paths


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_encodings_are_decoded(tmp_path: Path, name: str) -> None:
    data, text = ENCODED[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert read_path(str(path)).text == text


def test_extract_reports_each_bad_file_and_goes_on(batch: list[Path]) -> None:
    code, out, err = zonewatch("extract", *map(str, batch), "--format", "jsonl")
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == len(BAD_FILES), err
    for name, (_, reason) in BAD_FILES.items():
        (line,) = [x for x in lines if name in x]
        assert reason in line
    assert "Traceback" not in err
    assert len(out.splitlines()) == len(batch)  # one JSON line per input, errors included, in order


def test_ingest_reports_each_bad_file_and_goes_on(batch: list[Path], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    code, out, err = zonewatch("ingest", *map(str, batch), "--db", url)
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == len(BAD_FILES), err
    for name, (_, reason) in BAD_FILES.items():
        assert any(name in x and reason in x for x in lines), name
    ledger = open_ledger(url)
    try:
        assert list_errors(ledger).total == len(BAD_FILES)
    finally:
        ledger.dispose()
    assert "documents new" in out and f"{len(batch) - len(BAD_FILES)}" in out


def test_good_batch_exits_zero(tmp_path: Path) -> None:
    for name, (data, _) in ENCODED.items():
        (tmp_path / name).write_bytes(data)
    code, out, err = zonewatch("extract", str(tmp_path), "--format", "jsonl")
    assert code == 0, err
    assert len(out.splitlines()) == len(ENCODED)
    code, _, err = zonewatch("ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'l.db'}")
    assert code == 0, err


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_50_mb_text_is_refused_clearly(tmp_path: Path, command: str) -> None:
    big = tmp_path / "huge.txt"
    line = (GOOD * 10).encode()
    with big.open("wb") as f:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    assert big.stat().st_size > 50 * 1024 * 1024 > MAX_BYTES
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    args = ["--db", f"sqlite:///{tmp_path / 'l.db'}"] if command == "ingest" else []
    code, _, err = zonewatch(command, str(big), str(good), *args)
    assert code == 1
    (line_,) = error_lines(err)
    assert "huge.txt" in line_ and "MB" in line_ and "limit" in line_


def test_50_mb_on_standard_input_is_refused(tmp_path: Path) -> None:
    code, _, err = zonewatch("extract", "-", stdin=b"x" * (50 * 1024 * 1024))
    assert code == 1
    assert "standard input" in err and "MB" in err


# ---------------------------------------------------------------------------------------------- URLs


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    gzip_bomb()  # built before the clock starts (compressing 64 MB takes a moment)
    monkeypatch.setenv("ZONEWATCH_HTTP_TIMEOUT", "1")
    monkeypatch.setenv("ZONEWATCH_HTTP_MAX_BYTES", str(2 * 1024 * 1024))
    monkeypatch.setattr("zonewatch.ingest.urls.BACKOFF_S", 0.05)
    with hostile_server() as base:
        yield base


BAD_URLS = {
    "/slow": "timed out",
    "/missing": "HTTP 404",
    "/broken": "HTTP 500",
    "/loop0": "redirect",
    "/bomb": "limit",
    "/bad-feed": "feed",
    "/empty": "empty",
    "/binary": "PNG",
}


def test_ingest_reports_each_bad_url_and_goes_on(server: str, tmp_path: Path) -> None:
    urls = [server + p for p in BAD_URLS]
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    code, _, err = zonewatch("ingest", *urls, server + "/article", "--db", url)
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == len(BAD_URLS), err
    for path, reason in BAD_URLS.items():
        (line,) = [x for x in lines if x.split(":", 1)[1].strip().startswith(server + path + ":")]
        assert reason in line, line
    assert "Traceback" not in err
    ledger = open_ledger(url)
    try:
        assert list_errors(ledger).total == len(BAD_URLS)
        from zonewatch.ledger.query import list_projects

        assert list_projects(ledger).total >= 1  # the good page after all the bad ones
    finally:
        ledger.dispose()


def test_gzip_bomb_stops_at_the_size_limit(server: str) -> None:
    from zonewatch.errors import InputError
    from zonewatch.ingest.urls import fetch

    with pytest.raises(InputError, match="limit") as caught:
        fetch(server + "/bomb", timeout=5, max_bytes=1024 * 1024)
    assert "stopped reading" in str(caught.value)


def test_extract_names_a_url_it_cannot_read_and_goes_on(server: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    code, out, err = zonewatch("extract", server + "/missing", str(good), "--format", "jsonl")
    assert code == 1
    (line,) = error_lines(err)
    assert server + "/missing" in line
    assert len(out.splitlines()) == 2
