"""`zonewatch extract` on Chinese files as users have them: GBK, Big5, UTF-16, traditional, full-width, mixed."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zonewatch.cli import app
from zonewatch.extract.language import detect_language

SIMPLIFIED = "10月31日,兰州新区管委会与华能新材料有限公司签约,该公司拟投资12亿元,在兰州新区建设新材料产业基地。"
TRADITIONAL = "10月31日,蘭州新區管委會與華能新材料有限公司簽約,該公司擬投資12億元,在蘭州新區建設新材料產業基地。"
FULLWIDTH = "１０月３１日，兰州新区管委会与华能新材料有限公司签约，该公司拟投资１２亿元，在兰州新区建设新材料产业基地。"
MIXED = "10月31日,Lanzhou New Area与华能新材料有限公司(Huaneng New Materials Co., Ltd.)签约,拟投资12亿元,在兰州新区建设新材料产业基地。"


def extract(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(app, ["extract", "--format", "jsonl", "--published", "2017-11-01", str(path)])
    assert result.exit_code == 0, result.output
    obj: dict[str, object] = json.loads(result.stdout.splitlines()[0])
    return obj


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "gbk"),
        (SIMPLIFIED, "gb18030"),
        (SIMPLIFIED, "utf-16"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "utf-8"),
        (FULLWIDTH, "utf-8"),
        (FULLWIDTH, "gbk"),
        (MIXED, "utf-8"),
    ],
    ids=[
        "utf8",
        "gbk",
        "gb18030",
        "utf16",
        "big5-traditional",
        "utf8-traditional",
        "fullwidth",
        "fullwidth-gbk",
        "mixed",
    ],
)
def test_the_same_announcement_in_every_form(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    out = extract(path)
    assert out["language"] == "zh"
    projects = out["projects"]
    assert isinstance(projects, list) and len(projects) == 1
    p = projects[0]
    assert p["amount"]["value"] == 1_200_000_000
    assert p["amount"]["currency"] == "CNY"
    assert p["date"] == "2017-10-31"
    assert p["stage"] == "signed"
    assert p["count"] == 1
    assert p["grounding"]["investors"][0]["text"] in text
    assert text[p["amount"]["start"] : p["amount"]["end"]] == p["amount"]["text"]
    assert "新区" in p["place"] or "新區" in p["place"] or "Lanzhou" in p["place"]


def test_utf16_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SIMPLIFIED.encode("utf-16-le"))
    assert extract(path)["language"] == "zh"


def test_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"))
    out = extract(path)
    p = out["projects"][0]  # type: ignore[index]
    assert SIMPLIFIED[p["amount"]["start"] : p["amount"]["end"]] == "12亿元"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (SIMPLIFIED, "zh"),
        (TRADITIONAL, "zh"),
        (FULLWIDTH, "zh"),
        (MIXED, "zh"),
        ("ＡＢＢ与苏州工业园区签约，投资１．５亿美元。", "zh"),
        ("Tencent signs with CDHT (成都高新区) to invest RMB 5 billion in a new headquarters in Chengdu.", "en"),
        ("The park (天府软件园) said 12 companies (including 华为 and 腾讯) moved in this year.", "en"),
        ("", "en"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("臺中市政府與精鋒科技股份有限公司簽署投資意向書，預計投資新臺幣１２０億元。", "big5"),
        ("臺中市政府與精鋒科技股份有限公司簽署投資意向書，預計投資新臺幣120億元。", "gbk"),
        ("成都高新区与𠮷野家签约，投资１２亿元。", "gb18030"),
        ("總投資12億元", "big5"),
        ("总投资12亿元", "gbk"),
        ("成都高新区签约，总投资12亿元。", "utf-16-be"),
        ("ABB (China) Ltd. 与苏州工业园区签约，投资1.5亿美元。", "gbk"),
    ],
    ids=["big5-fullwidth", "gbk-traditional", "gb18030-ext-b", "big5-short", "gbk-short", "utf16be", "gbk-mixed"],
)
def test_decoding_keeps_every_character(text: str, encoding: str) -> None:
    from zonewatch.ingest.text import decode_bytes

    assert decode_bytes(text.encode(encoding), "x.txt") == text
