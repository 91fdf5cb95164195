"""Which amounts are commitments, how many projects they cover, and the stage they reached."""

from __future__ import annotations

import pytest

from zonewatch.extract.zh.chars import shadow
from zonewatch.extract.zh.figures import find_count, find_stage, is_investment


def judged(text: str, figure: str) -> bool:
    sh = shadow(text)
    start = sh.index(figure)
    return is_investment(sh, 0, 0, start, start + len(figure))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("2014年,实现地区生产总值836亿元", "836亿元"),
        ("前三季度全区GDP达1798亿元", "1798亿元"),
        ("建成后可实现年产值80亿元", "80亿元"),
        ("预计实现15亿元年产值", "15亿元"),
        ("年纳税约2亿元", "2亿元"),
        ("实现税收收入310亿元", "310亿元"),
        ("一般公共预算收入达到138亿元", "138亿元"),
        ("完成财政总收入219亿元", "219亿元"),
        ("规模以上工业增加值190亿元", "190亿元"),
        ("全区完成固定资产投资680亿元", "680亿元"),
        ("今年以来,累计引进项目56个,总投资410亿元", "410亿元"),
        ("1-4月签约项目120个,总投资800亿元", "800亿元"),
        ("今年,新区将再铺排项目401个,总投资达4360亿元", "4360亿元"),
        ("总投资120亿元,年预计投资25.88亿元", "25.88亿元"),
        ("年度计划投资52亿元", "52亿元"),
        ("其中协议外资1亿美元", "1亿美元"),
        ("到账外资3000万美元", "3000万美元"),
        ("注册资本1亿元", "1亿元"),
        ("平均每个项目投资5亿元", "5亿元"),
        ("力争实现营业收入突破1万亿元的目标", "1万亿元"),
        ("全年招商引资目标为500亿元", "500亿元"),
        ("力争全年签约项目100个,总投资1000亿元", "1000亿元"),
        ("该区将打造千亿元产业集群", "千亿元"),
        ("园区今年计划引进项目50个,计划投资200亿元", "200亿元"),
        ("全省计划实施重点项目600个,年度计划投资2000亿元", "2000亿元"),
    ],
)
def test_not_investments(text: str, figure: str) -> None:
    assert not judged(text, figure)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("现场签约15个项目,协议金额460.6亿元", "460.6亿元"),
        ("公司营收增长30%,此次拟投资10亿元", "10亿元"),
        ("主要涉及消费电子等领域,总投资达67亿元", "67亿元"),
        ("腾讯公司追加投资超过10亿元", "10亿元"),
        ("兴泉铁路泉州段总投资153亿元", "153亿元"),
        ("围绕打造新能源产业高地的目标,星河科技有限公司投资10亿元", "10亿元"),
    ],
)
def test_investments(text: str, figure: str) -> None:
    assert judged(text, figure)


@pytest.mark.parametrize(
    ("text", "figure", "count"),
    [
        ("现场集中签约15个重大项目,协议金额460.6亿元", "460.6亿元", 15),
        ("先进制造业项目9个,协议金额253.8亿元", "253.8亿元", 9),
        ("产业项目有77项,总投资101.23亿元", "101.23亿元", 77),
        ("福州115个、总投资802亿元", "802亿元", 115),
        ("集中签约总投资300亿元的30个项目", "300亿元", 30),
        ("签约六个项目,总投资20亿元", "20亿元", 6),
        ("签约项目30多个,总投资超200亿元", "200亿元", 30),
        ("共签约项目25个(其中外资项目3个),总投资320亿元", "320亿元", 25),
        ("共签约项目25个（其中外资项目3个），总投资320亿元", "320亿元", 25),
        ("在签约的12个项目中,防水项目投资总额16000万元", "16000万元", None),
        ("腾讯公司追加投资超过10亿元", "10亿元", None),
    ],
)
def test_counts(text: str, figure: str, count: int | None) -> None:
    sh = shadow(text)
    start = sh.index(figure)
    q = find_count(text, sh, 0, start, start + len(figure))
    assert (int(q.value) if q else None) == count
    if q:
        assert text[q.span.start : q.span.end] == q.raw


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("集中签约12个项目,总投资34.8亿元", "signed"),
        ("共有22个项目集中开工,总投资35亿元", "started"),
        ("新建工厂正式投产,总投资8亿元", "operating"),
        ("公司拟投资50亿元", "announced"),
        ("与管委会签署协议,公司计划投资10亿元", "signed"),
        ("项目将于2018年4月30日前开工,总投资1.6亿元", None),
        ("项目投产后可带动就业,总投资1.6亿元", None),
        # a cue after a time still ahead is a plan too
        ("项目明年6月投产,总投资1.6亿元", None),
        ("项目下个月开工,总投资1.6亿元", None),
        ("项目下半年开工,总投资1.6亿元", None),
        ("去年6月项目投产,总投资1.6亿元", "operating"),
    ],
)
def test_stage(text: str, stage: str | None) -> None:
    sh = shadow(text)
    got = find_stage(text, sh, 0, sh.index("亿元"))
    assert (got.stage.value if got else None) == stage
