"""Numbers written in Arabic digits, Chinese numerals, or both."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zonewatch.extract.zh.numerals import parse_count, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5", 5), ("43.2亿", 4_320_000_000), ("三十亿", 3_000_000_000), ("百亿", 10_000_000_000),
        ("二十五点六亿", 2_560_000_000), ("1.2万亿", 1_200_000_000_000), ("4亿2800万", 428_000_000),
        ("1,200万", 12_000_000), ("16000万", 160_000_000), ("一亿二千万", 120_000_000), ("十万亿", 10**13),
        ("三千五百万", 35_000_000), ("一千零五十", 1050), ("两千万", 20_000_000), ("10余亿", 1_000_000_000),
        ("5 亿", 500_000_000), ("壹佰万", 1_000_000), ("0.5亿", 50_000_000), ("2.31亿", 231_000_000), ("1.3兆", 1_300_000_000_000), ("1兆2000亿", 1_200_000_000_000),
        # a lone digit after a unit counts in the next unit down ("三千五" is 三千五百); not after 零 or 十
        ("三千五", 3500), ("三千五万", 35_000_000), ("三万五", 35_000), ("三亿五", 350_000_000), ("一百五", 150),
        ("二十五", 25), ("一千零五", 1005), ("三亿五万", 300_050_000), ("二〇二〇", 2020),
    ],
)  # fmt: skip
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["亿", "万", "点五", "", "abc", "亿元"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "n"), [("六", 6), ("十二", 12), ("488", 488), ("两", 2), ("一百二十", 120), ("1.5", None)]
)
def test_counts(text: str, n: int | None) -> None:
    assert parse_count(text) == n
