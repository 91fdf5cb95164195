"""Amounts of money in Chinese text: units, currencies, numerals, qualifiers, ranges, rates and brackets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zonewatch.extract.zh.chars import shadow
from zonewatch.extract.zh.money import find_money


def one(text: str) -> tuple[Decimal, str, str, Decimal | None, str, str]:
    hits = find_money(text, shadow(text))
    assert len(hits) == 1, [h.money.raw for h in hits]
    m = hits[0].money
    assert text[m.span.start : m.span.end] == m.raw
    return m.value, m.currency, m.qualifier.value, m.upper, m.raw, hits[0].kind


# (text, value, currency, qualifier, upper)
UNITS: list[tuple[str, int, str, str, int | None]] = [
    ("总投资50元", 50, "CNY", "exact", None),
    ("投资总额16000万元", 160_000_000, "CNY", "exact", None),
    ("总投资43.2亿元", 4_320_000_000, "CNY", "exact", None),
    ("计划投资1.2万亿元", 1_200_000_000_000, "CNY", "exact", None),
    ("投资人民币8亿元", 800_000_000, "CNY", "exact", None),
    ("总投资3亿美元", 300_000_000, "USD", "exact", None),
    ("投资2000万美元", 20_000_000, "USD", "exact", None),
    ("投资3亿欧元", 300_000_000, "EUR", "exact", None),
    ("投资50亿港元", 5_000_000_000, "HKD", "exact", None),
    ("投资200亿日元", 20_000_000_000, "JPY", "exact", None),
    ("投资新台币五十亿元", 5_000_000_000, "TWD", "exact", None),
    ("投资5000万美金", 50_000_000, "USD", "exact", None),
]
NUMERALS: list[tuple[str, int, str, str, int | None]] = [
    ("投资三十亿元", 3_000_000_000, "CNY", "exact", None),
    ("总投资百亿元", 10_000_000_000, "CNY", "exact", None),
    ("投资二十五点六亿元", 2_560_000_000, "CNY", "exact", None),
    ("总投资4亿2800万元", 428_000_000, "CNY", "exact", None),
    ("投资额1,200万元", 12_000_000, "CNY", "exact", None),
    ("总投资5 亿元", 500_000_000, "CNY", "exact", None),
    ("总投资１２３亿元", 12_300_000_000, "CNY", "exact", None),
    ("总投资１．５亿元", 150_000_000, "CNY", "exact", None),
    ("投资一千零五十万元", 10_500_000, "CNY", "exact", None),
    ("投资两亿元", 200_000_000, "CNY", "exact", None),
    # a lone digit after a unit counts in the next unit down, as people say it
    ("投资三千五万元", 35_000_000, "CNY", "exact", None),
    ("投资两千五百万元", 25_000_000, "CNY", "exact", None),
    ("总投资一亿五千万元", 150_000_000, "CNY", "exact", None),
    ("投资三万五千元", 35_000, "CNY", "exact", None),
    ("投资一千零五万元", 10_050_000, "CNY", "exact", None),
]
QUALIFIERS: list[tuple[str, int, str, str, int | None]] = [
    ("总投资约12亿元", 1_200_000_000, "CNY", "approx", None),
    ("总投资近35亿元", 3_500_000_000, "CNY", "approx", None),
    ("投资35亿元左右", 3_500_000_000, "CNY", "approx", None),
    ("大约投资8亿元", 800_000_000, "CNY", "approx", None),
    ("人民币约10亿元", 1_000_000_000, "CNY", "approx", None),
    ("约人民币10亿元", 1_000_000_000, "CNY", "approx", None),
    ("追加投资超过10亿元", 1_000_000_000, "CNY", "at_least", None),
    ("总投资超百亿元", 10_000_000_000, "CNY", "at_least", None),
    ("投资逾20亿元", 2_000_000_000, "CNY", "at_least", None),
    ("投资10亿元以上,建设总部", 1_000_000_000, "CNY", "at_least", None),
    ("将投资不低于12亿元", 1_200_000_000, "CNY", "at_least", None),
    ("投资不少于5亿元", 500_000_000, "CNY", "at_least", None),
    ("总投资10余亿元", 1_000_000_000, "CNY", "at_least", None),
    ("投资不超过5亿元", 500_000_000, "CNY", "at_most", None),
    ("投资3亿元以内", 300_000_000, "CNY", "at_most", None),
    ("总投资达67亿元", 6_700_000_000, "CNY", "exact", None),
    ("集中签约总投资300亿元", 30_000_000_000, "CNY", "exact", None),
    ("现场签约10亿元", 1_000_000_000, "CNY", "exact", None),
    ("最近投资5亿元", 500_000_000, "CNY", "exact", None),
    ("总投资上百亿元", 10_000_000_000, "CNY", "at_least", None),
    ("投资上千万元", 10_000_000, "CNY", "at_least", None),
    ("总投资过百亿元", 10_000_000_000, "CNY", "at_least", None),
    ("总投资近百亿元", 10_000_000_000, "CNY", "approx", None),
    ("投资约5000万元", 50_000_000, "CNY", "approx", None),
    ("投资逾10亿元", 1_000_000_000, "CNY", "at_least", None),
    ("投资1亿多元", 100_000_000, "CNY", "at_least", None),
    # a qualifier right before 亿 stands for one 亿
    ("总投资超亿元", 100_000_000, "CNY", "at_least", None),
    ("总投资过亿元", 100_000_000, "CNY", "at_least", None),
    ("总投资上亿元", 100_000_000, "CNY", "at_least", None),
    ("总投资近亿元", 100_000_000, "CNY", "approx", None),
    # 上/过 before anything but a round number, or ending another word, are no qualifier
    ("签约会上百亿元投资落地", 10_000_000_000, "CNY", "exact", None),
    ("通过百亿元投资", 10_000_000_000, "CNY", "exact", None),
]
RANGES: list[tuple[str, int, str, str, int | None]] = [
    ("计划投资5亿元至10亿元", 500_000_000, "CNY", "at_least", 1_000_000_000),
    ("计划投资5至10亿元", 500_000_000, "CNY", "at_least", 1_000_000_000),
    ("计划投资5-10亿元", 500_000_000, "CNY", "at_least", 1_000_000_000),
    ("投资2000万到5000万美元", 20_000_000, "USD", "at_least", 50_000_000),
    # two digits side by side: a rough range, never the number they would spell
    ("投资三四亿元", 300_000_000, "CNY", "at_least", 400_000_000),
    ("投资二三十亿元", 2_000_000_000, "CNY", "at_least", 3_000_000_000),
    ("投资一两千万美元", 10_000_000, "USD", "at_least", 20_000_000),
    ("投资一百五六十万元", 1_500_000, "CNY", "at_least", 1_600_000),
    ("总投资三四亿,建设总部", 300_000_000, "CNY", "at_least", 400_000_000),
]


# 亿/万 without 元, right after a word for investing
BARE: list[tuple[str, int, str, str, int | None]] = [
    ("总投资3.5亿,建设总部", 350_000_000, "CNY", "exact", None),
    ("总投资约3.5亿建设总部", 350_000_000, "CNY", "approx", None),
    ("项目投资5000万。", 50_000_000, "CNY", "exact", None),
    ("投资10亿人民币", 1_000_000_000, "CNY", "exact", None),
    ("投资10亿元人民币", 1_000_000_000, "CNY", "exact", None),
    # 亿 counted as a unit, as people say it
    ("投资4.5个亿", 450_000_000, "CNY", "exact", None),
    ("投资5个亿元,建设总部", 500_000_000, "CNY", "exact", None),
    ("总投资1个多亿", 100_000_000, "CNY", "at_least", None),
    ("计划投资一个亿", 100_000_000, "CNY", "exact", None),
]


@pytest.mark.parametrize(
    ("text", "value", "currency", "qualifier", "upper"), UNITS + NUMERALS + QUALIFIERS + RANGES + BARE
)
def test_amount(text: str, value: int, currency: str, qualifier: str, upper: int | None) -> None:
    got = one(text)
    assert got[:4] == (value, currency, qualifier, upper)
    assert got[5] == "amount"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("投资强度不低于300万元/亩", "rate"),
        ("每亩投资不低于200万元", "rate"),
        ("亩均税收不低于20万元", "rate"),
        ("其中10亿元以上项目9个", "threshold"),
        ("总投资达50亿元以上大项目有8个", "threshold"),
        ("投资额在5000万元以上的项目", "threshold"),
    ],
)
def test_rates_and_size_brackets_are_not_sums(text: str, kind: str) -> None:
    assert one(text)[5] == kind


def test_bracketed_conversion_belongs_to_the_amount_before_it() -> None:
    text = "投资1.5亿美元(约合人民币9.7亿元)建设工厂"
    hits = find_money(text, shadow(text))
    assert [(h.money.value, h.money.currency, h.kind) for h in hits] == [
        (150_000_000, "USD", "amount"),
        (970_000_000, "CNY", "conversion"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "年产15亿安时锂离子电池",
        "带动投资2亿人次",
        "总人口3亿",
        "投资5亿平方米",
        "年产2000万平方米卷材",
        "占地约55亩",
        "数十亿元",
        "几亿元的投入",
        "超亿元项目11个",
        "十几亿元",
        "数百万元",
        "总投资数十亿元",
        "投资亿元",
        "投资四三亿元",
        "投资5个项目",
        "共有5个亿元项目",
    ],
)
def test_figures_without_a_number_and_currency_are_not_money(text: str) -> None:
    assert [h.money.raw for h in find_money(text, shadow(text)) if h.kind == "amount"] == []


def test_a_phase_is_marked() -> None:
    text = "分两期建设,一期投资约5亿元"
    assert find_money(text, shadow(text))[0].phase
