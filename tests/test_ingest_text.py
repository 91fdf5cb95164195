"""Decoding inputs: every encoding a Chinese or English announcement arrives in, and what is not text."""

from __future__ import annotations

import codecs

import pytest

from zonewatch.errors import InputError
from zonewatch.ingest.text import decode_bytes, parse_published

SAMPLE = "成都高新区与腾讯公司签约，总投资50亿元。"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("gbk"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom", "utf16le-nobom"],
)
def test_chinese_text_decodes_from_every_common_encoding(data: bytes) -> None:
    assert decode_bytes(data, "x.txt") == SAMPLE


def test_big5_traditional_text_decodes() -> None:
    text = "臺北市政府宣布投資新臺幣五十億元興建園區。"
    assert decode_bytes(text.encode("big5"), "x.txt") == text


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"PK\x03\x04" + bytes(100), "ZIP"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_input_is_refused_with_a_message_naming_it(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=rf"^bad\.bin: .*{what}"):
        decode_bytes(data, "bad.bin")


def test_windows_line_ends_become_newlines() -> None:
    assert decode_bytes(b"a\r\nb\rc", "x") == "a\nb\nc"


@pytest.mark.parametrize(
    ("flag", "iso"), [("2020-08", "2020-08"), ("2020-08-20", "2020-08-20"), ("2020-8-5", "2020-08-05")]
)
def test_published_flag(flag: str, iso: str) -> None:
    assert parse_published(flag).iso() == iso


@pytest.mark.parametrize("flag", ["2020", "Aug 2020", "2020-13", "2020-02-30"])
def test_bad_published_flag_is_a_clear_error(flag: str) -> None:
    from zonewatch.errors import ConfigError

    with pytest.raises(ConfigError, match="--published"):
        parse_published(flag)
