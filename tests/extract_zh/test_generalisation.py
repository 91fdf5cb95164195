"""Phenomena seen on unseen articles, each with sentences written for these tests (names and numbers invented)."""

from __future__ import annotations

import pytest

from tests.extract_zh.test_projects import amounts, run


def test_what_is_built_is_not_the_destination() -> None:
    (p,) = run("芜湖经开区举行招商推介会。星河电子有限公司将在经开区投资8.4亿元,建设星河车载显示产业园三期。")
    assert p.place is not None and "建设" not in p.place.name
    assert p.place.name == "芜湖经开区"


def test_place_does_not_carry_to_the_next_company_clause() -> None:
    text = (
        "南通高新区集中签约。其中,蓝海科技有限公司在海门区投资6亿元建设传感器项目;"
        "白鹭材料有限公司投资4亿元建设膜材料项目。"
    )
    ps = run(text)
    assert amounts(ps) == [600000000, 400000000]
    assert ps[1].place is not None and ps[1].place.name == "南通高新区"


def test_headline_aggregate_restated_in_the_body_is_one_record() -> None:
    text = (
        "滁州经开区集中签约9个项目 总投资超八十亿元\n6月8日,滁州经开区举行集中签约活动,共签约项目9个,总投资83.7亿元。"
    )
    ps = run(text)
    assert amounts(ps) == [8370000000]


def test_traditional_zone_suffix() -> None:
    (p,) = run("甘肅蘭州新區管委會與星火能源有限公司簽約,總投資12億元建設儲能電池項目。")
    assert p.place is not None and p.place.name == "甘肅蘭州新區"


def test_traditional_economic_zone() -> None:
    (p,) = run("雲南滇中經濟區管委會與遠景科技有限公司簽約,總投資9億元建設風電裝備項目。")
    assert p.place is not None and p.place.name == "雲南滇中經濟區"


def test_investor_named_after_amount_with_you() -> None:
    ps = run("本次签约项目3个,总投资60亿元。其中,鲲鹏数据中心项目投资二十八亿元,由广州云帆科技有限公司投资建设。")
    sub = [p for p in ps if p.amount and int(p.amount.value) == 2800000000]
    assert sub and [m.name for m in sub[0].investors] == ["广州云帆科技有限公司"]


def test_traditional_investor_after_amount() -> None:
    ps = run("本次簽約項目3個,總投資60億元。其中,鯤鵬數據中心項目投資二十八億元,由廣州雲帆科技有限公司投資建設。")
    sub = [p for p in ps if p.amount and int(p.amount.value) == 2800000000]
    assert sub and [m.name for m in sub[0].investors] == ["廣州雲帆科技有限公司"]


def test_annual_targets_are_not_commitments() -> None:
    for text in (
        "今年该区确定了全年引进项目投资52.3亿元的目标。",
        "园区将力争全年签约项目投资40亿元。",
        "该县计划全年完成投资31亿元。",
        "按照引进产业项目投资27亿元的任务,各部门分头推进。",
    ):
        assert run(text) == [], text


def test_foreign_groundbreaking_ceremony_is_the_destination() -> None:
    (p,) = run("6月3日,远航新能源公司在波兰弗罗茨瓦夫举行储能工厂开工仪式,项目总投资15亿元。")
    assert p.place is not None and "弗罗茨瓦夫" in p.place.name


def test_signing_abroad_is_still_a_venue() -> None:
    (p,) = run("西宁经开区与远航新能源公司在德国慕尼黑举行签约仪式,项目总投资15亿元,将建设储能工厂。")
    assert p.place is not None and p.place.name == "西宁经开区"


def test_domestic_groundbreaking_venue_is_the_destination() -> None:
    (p,) = run("9月2日,远航新能源公司在宜宾三江新区举行储能工厂奠基仪式。项目总投资15亿元。")
    assert p.place is not None and p.place.name == "宜宾三江新区"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "河南鄭州航空港經濟綜合實驗區管委會與星輝科技有限公司簽約,總投資12億元建設顯示面板項目。",
            "河南鄭州航空港經濟綜合實驗區",
        ),
        ("安徽蕪湖經濟技術開發區與遠望電子有限公司簽約,總投資8億元。", "安徽蕪湖經濟技術開發區"),
        ("浙江嘉興秀洲產業園與遠望電子有限公司簽約,總投資8億元。", "浙江嘉興秀洲產業園"),
    ],
)
def test_traditional_zone_suffixes(text: str, place: str) -> None:
    (p,) = run(text)
    assert p.place is not None and p.place.name == place


@pytest.mark.parametrize("verb", ["承建", "投建", "投資建設", "投资建设"])
def test_investor_after_amount_verbs(verb: str) -> None:
    ps = run(f"本次签约项目4个,总投资50亿元。其中,储能电站项目投资十二亿元,由杭州潮汐能源有限公司{verb}。")
    sub = [p for p in ps if p.amount and int(p.amount.value) == 1200000000]
    assert sub and [m.name for m in sub[0].investors] == ["杭州潮汐能源有限公司"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the body states the total without counting it
        (
            "扬州经开区签约一批项目 总投资逾百亿元\n6月9日,扬州经开区举行签约仪式,签约项目总投资104.3亿元。",
            [10430000000],
        ),
        # one company's rounded figure restated precisely
        ("明远光电投资约10亿元建设面板项目\n6月9日,扬州经开区与明远光电有限公司签约,总投资10.2亿元。", [1020000000]),
        # a different figure is a different record
        (
            "明远光电投资约10亿元建设面板项目\n6月9日,扬州经开区与明远光电有限公司签约,总投资12亿元。",
            [1000000000, 1200000000],
        ),
        # a headline count that differs from the body's is another event
        (
            "扬州经开区签约5个项目 总投资逾百亿元\n6月9日,扬州经开区举行签约仪式,共签约5个项目,总投资104.3亿元。"
            "另有3个项目集中开工,总投资9亿元。",
            [10430000000, 900000000],
        ),
    ],
)
def test_headline_restatements(text: str, expected: list[int]) -> None:
    assert amounts(run(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "该区确保全年完成项目投资45亿元。",
        "年初,市里给该区下达了招商引资到位资金60亿元的任务。",
        "今年的目标任务是签约项目总投资120亿元。",
        "全年计划引进项目投资70亿元。",
    ],
)
def test_more_targets(text: str) -> None:
    assert run(text) == []


def test_bare_zone_word_refers_back_past_other_places() -> None:
    (p,) = run("芜湖经开区举行推介会,来自合肥市的多家企业参加。明远光电有限公司将在经开区投资9亿元建设面板项目。")
    assert p.place is not None and p.place.name == "芜湖经开区"


def test_place_does_not_carry_to_the_next_company_clause_in_one_sentence() -> None:
    text = (
        "南通高新区集中签约9个项目。其中,蓝海科技有限公司在海门区投资6亿元建设传感器项目,"
        "白鹭材料有限公司投资4亿元建设膜材料项目。"
    )
    places = [p.place.name if p.place else None for p in run(text) if p.amount and p.amount.value < 10**9]
    assert places == ["海门区", "南通高新区"]


@pytest.mark.parametrize(
    ("text", "investor"),
    [
        ("高新区举行签约仪式;瑞思达将投资30亿元建设研发生产基地。", "瑞思达"),
        ("园区签约五个项目。此外,曜石光芯拟投入8亿元建设封装产线。", "曜石光芯"),
        ("经开区集中签约。同时,Novalis计划追加投资6亿元扩建工厂。", "Novalis"),
        ("新区招商推介会举行,云栖达投资12亿元建设数据中心。", "云栖达"),
    ],
)
def test_clause_opening_short_name_is_the_investor(text: str, investor: str) -> None:
    (p,) = run(text)
    assert [m.name for m in p.investors] == [investor]


@pytest.mark.parametrize(
    "text",
    [
        "会上,管委会将投资9亿元建设算力中心。",
        "今年,嘉兴将投资9亿元建设算力中心。",
        "会上,该区将投资9亿元建设算力中心。",
        "签约后,双方将投资9亿元建设算力中心。",
        "据介绍,下一步将投资9亿元建设算力中心。",
        "据悉,该公司拟投资9亿元建设算力中心。",
        "会上,生物医药将投资9亿元建设算力中心。",
        "此外,国家将投资9亿元建设算力中心。",
        "同时,当地拟投入9亿元建设算力中心。",
        "其中,设备投资9亿元。",
    ],
)
def test_clause_opener_that_is_no_company_is_not_an_investor(text: str) -> None:
    (p,) = run(text)
    assert p.investors == ()


def _through_pipeline(text: str) -> list[tuple[int, str]]:
    from zonewatch.model import Document
    from zonewatch.pipeline import prepare
    from zonewatch.pipeline import run as run_pipeline

    ex = run_pipeline(prepare(Document(text, "zh"), lang="zh"))
    return [(int(p.amount.value), p.amount.qualifier.value) for p in ex.projects if p.amount]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the headline rounds the body's figure (fewer significant digits, within 5%)
        (
            "总投资20亿元 华晟储能电池超级工厂项目开工\n"
            "6月3日,华晟储能电池超级工厂项目在滨江新片区开工建设。该项目总投资约19.6亿元,主要建设储能电池产线。",
            [(1960000000, "approx")],
        ),
        # the headline names the project the body states its figure for
        (
            "投资8亿元 青禾智能装备产业园项目奠基\n"
            "9月12日,青禾智能装备产业园项目在临川高新区奠基。该项目计划投资7.2亿元,建设智能装备生产线。",
            [(720000000, "exact")],
        ),
    ],
)
def test_headline_rounding_one_project_is_one_record(text: str, expected: list[tuple[int, str]]) -> None:
    assert _through_pipeline(text) == expected


def test_headline_figures_that_differ_stay_distinct() -> None:
    # a headline total of several projects is not the body's single project
    text = (
        "总投资30亿元 6个项目集中开工\n"
        "4月2日,东湖园区6个项目集中开工。其中,澄光新材料项目总投资29.5亿元,建设光学膜生产线。"
    )
    assert [a for a, _ in _through_pipeline(text)] == [3000000000, 2950000000]
    # a headline figure far from the body's, for a project the body does not name, is a figure of its own
    text = (
        "总投资20亿元 华晟储能电池超级工厂项目开工\n6月3日,星澜光伏组件项目在滨江新片区开工建设。该项目总投资约12亿元。"
    )
    assert [a for a, _ in _through_pipeline(text)] == [2000000000, 1200000000]
