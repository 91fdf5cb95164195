"""Project records from small Chinese announcements written for these tests: one behaviour per case."""

from __future__ import annotations

import datetime as dt

import pytest

from zonewatch.extract.zh import extract_projects
from zonewatch.model import DateValue, Document, Precision, Project


def run(text: str, published: str | None = "2021-06-15") -> list[Project]:
    pub = None
    if published:
        pub = DateValue(dt.date.fromisoformat(published), Precision.DAY, published)
    projects = extract_projects(Document(text, "zh", published=pub))
    assert [p.id for p in projects] == [f"p{i + 1}" for i in range(len(projects))]
    for p in projects:
        assert p.amount is not None and text[p.amount.span.start : p.amount.span.end] == p.amount.raw
        assert p.evidence and p.evidence[0].contains(p.amount.span)
        for m in (*p.investors, *p.hosts, *(x for x in (p.place, p.project) if x)):
            assert text[m.span.start : m.span.end] == m.raw
    return projects


def amounts(projects: list[Project]) -> list[int]:
    return [int(p.amount.value) for p in projects if p.amount]


def test_one_company_signing() -> None:
    (p,) = run("6月10日,绵阳高新区管委会与华峰材料股份有限公司签约,公司拟投资约25亿元,在绵阳高新区建设新材料基地。")
    assert [m.name for m in p.investors] == ["华峰材料股份有限公司"]
    assert [m.name for m in p.hosts] == ["绵阳高新区管委会"]
    assert p.amount is not None and p.amount.qualifier.value == "approx"
    assert p.date is not None and p.date.iso() == "2021-06-10"
    assert p.place is not None and p.place.name == "绵阳高新区"
    assert p.stage is not None and p.stage.stage.value == "signed"
    assert p.count is not None and int(p.count.value) == 1
    assert p.project is not None and p.project.name == "新材料基地"


def test_a_ceremony_that_signs_some_projects_and_starts_others() -> None:
    ps = run("昨天,经开区举行签约暨开工活动。现场签约项目8个,总投资152亿元;集中开工项目5个,总投资63亿元。")
    assert [(int(p.count.value) if p.count else None, p.stage.stage.value if p.stage else None) for p in ps] == [
        (8, "signed"),
        (5, "started"),
    ]
    assert all(p.date is not None and p.date.iso() == "2021-06-14" for p in ps)
    assert [p.parent for p in ps] == [None, None]


def test_the_venue_is_not_the_destination() -> None:
    (p,) = run("德阳市投资推介会在成都举行,57个项目签约德阳,投资总额272.33亿元。")
    assert p.place is not None and p.place.name == "德阳"
    (p,) = run("成都高新区投资推介会在深圳举行,现场签约项目10个,总投资120亿元。")
    assert p.place is not None and p.place.name == "成都高新区"


def test_subtotals_by_type_and_city_are_records_of_their_own_with_a_parent() -> None:
    ps = run(
        "全省集中开工项目50个,总投资300亿元。其中,内资项目45个,总投资260亿元;外资项目5个,总投资40亿元。"
        "福州20个、总投资150亿元,厦门30个、总投资150亿元。"
    )
    assert amounts(ps) == [30_000_000_000, 26_000_000_000, 4_000_000_000, 15_000_000_000, 15_000_000_000]
    assert [int(p.count.value) if p.count else None for p in ps] == [50, 45, 5, 20, 30]
    assert [p.parent for p in ps] == [None, "p1", "p1", "p1", "p1"]
    assert [p.place.name if p.place else None for p in ps][3:] == ["福州", "厦门"]
    assert all(not p.investors for p in ps)


def test_a_size_bracket_is_not_a_project_but_the_subset_after_it_is() -> None:
    ps = run("签约项目57个,投资总额272亿元,其中5亿元以上项目18个,投资总额196亿元。总投资50亿元以上大项目有8个。")
    assert amounts(ps) == [27_200_000_000, 19_600_000_000]
    assert [int(p.count.value) for p in ps if p.count] == [57, 18]


def test_the_count_may_follow_the_amount() -> None:
    (p,) = run("继1月9日集中签约总投资300亿元的30个项目后,新区再次举行签约仪式。")
    assert p.count is not None and int(p.count.value) == 30
    assert p.date is not None and p.date.iso() == "2021-01-09"


def test_a_headline_repeating_the_body_is_one_record() -> None:
    ps = run("新区12个项目集中签约引资34.8亿元\n10月31日,新区集中签约12个项目,总投资34.8亿元。", "2020-11-01")
    assert len(ps) == 1
    assert ps[0].date is not None and ps[0].date.iso() == "2020-10-31"


def test_phases_components_and_conversions_are_not_projects() -> None:
    ps = run(
        "公司计划投资约10亿元,分两期建设,一期投资约5亿元,二期投资约5亿元。"
        "项目总投资20亿元,其中设备投资12亿元。"
        "另一项目投资3亿美元(约合人民币19.5亿元)。"
    )
    assert amounts(ps) == [1_000_000_000, 2_000_000_000, 300_000_000]
    assert [(int(c.value), c.currency) for c in ps[2].stated_conversions] == [(1_950_000_000, "CNY")]


def test_a_project_named_after_its_company_gets_the_company() -> None:
    ps = run(
        "签约项目包括辽宁大禹防水科技发展有限公司兰州新区防水新材料产业基地项目等。"
        "在签约的12个项目中,兰州新区防水新材料产业基地项目占地约55亩,投资总额16000万元。"
    )
    assert [m.name for m in ps[0].investors] == ["辽宁大禹防水科技发展有限公司"]
    assert ps[0].count is not None and int(ps[0].count.value) == 1
    (p,) = run("比亚迪新能源汽车零部件项目总投资20亿元。")
    assert [m.name for m in p.investors] == ["比亚迪"]


def test_gongsi_refers_to_the_company_named_before() -> None:
    (p,) = run(
        "2月7日晚间,铂科新材(300811)公告,公司于近日与河源江东新区管理委员会签署协议,公司计划投资人民币约10亿元。"
    )
    assert [m.name for m in p.investors] == ["铂科新材"]
    assert p.date is not None and p.date.iso() == "2021-02-07"
    assert p.stage is not None and p.stage.stage.value == "signed"


def test_a_short_form_of_a_company_is_the_investor() -> None:
    ps = run("京信通信系统控股有限公司副总裁表示对成都有信心。京信通信将选址金牛区,建设研发总部,总投资约12亿元。")
    assert [m.name for m in ps[0].investors] == ["京信通信"]
    assert ps[0].place is not None and ps[0].place.name == "金牛区"


def test_figures_that_are_not_commitments_are_left_out() -> None:
    ps = run(
        "2020年,新区实现地区生产总值1540亿元,财政总收入219亿元。今年,新区将再铺排项目401个,总投资达4360亿元。"
        "1-5月,全区完成固定资产投资680亿元。项目达产后年产值80亿元,年纳税2亿元。投资强度不低于300万元/亩。"
        "10月22日,电子信息产业园项目签约,总投资50亿元。"
    )
    assert amounts(ps) == [5_000_000_000]


def test_no_date_after_publication() -> None:
    (p,) = run("项目总投资8亿元,将于2022年4月30日前开工。", "2021-06-15")
    assert p.date is not None and p.date.date <= dt.date(2021, 6, 15)


def test_a_company_named_after_the_amount_with_you() -> None:
    (p,) = run("该项目总投资10亿元,由星河科技有限公司投资建设。")
    assert [m.name for m in p.investors] == ["星河科技有限公司"]


def test_a_zone_signing_with_a_company_is_the_host_and_gaisi_is_the_company() -> None:
    (p,) = run("6月1日,成都高新区与星河智能装备股份有限公司签约。根据协议,该公司将投资10亿元建设总部。")
    assert [m.name for m in p.investors] == ["星河智能装备股份有限公司"]
    assert [m.name for m in p.hosts] == ["成都高新区"]
    assert p.place is not None and p.place.name == "成都高新区"


def test_subtotals_without_a_place_of_their_own_take_the_aggregates() -> None:
    ps = run(
        "四川省第三季度重大项目集中开工\n9月26日,全省集中开工项目626个,总投资2860亿元。"
        "其中,成都市开工项目152个,总投资1180亿元;宜宾市开工项目38个,总投资190.5亿元。"
        "从产业类型看,产业类项目412个、总投资1650亿元。"
        "京东方第6代生产线项目总投资465亿元,建成后预计年产值超过200亿元。",
        "2019-09-27",
    )
    assert amounts(ps) == [286_000_000_000, 118_000_000_000, 19_050_000_000, 165_000_000_000, 46_500_000_000]
    assert [p.place.name if p.place else None for p in ps][:4] == ["四川省", "成都市", "宜宾市", "四川省"]
    assert ps[4].project is not None and ps[4].project.name == "第6代生产线项目"


def test_a_heading_line_names_the_project_below_it() -> None:
    (p,) = run("签约项目点击\n光启成都产业基地项目\n项目选址天府新区成都直管区,项目总投资10亿元。")
    assert p.project is not None and p.project.name == "光启成都产业基地项目"
    assert p.place is not None and p.place.name == "天府新区成都直管区"
    assert not p.investors


def test_a_zone_before_xiangmu_is_still_a_place() -> None:
    (p,) = run("10月31日,新区集中签约12个项目,总投资34.8亿元,包括中铁二十局集团有限公司迁移至兰州新区项目。")
    assert p.place is not None and p.place.name == "兰州新区"


def test_an_investor_introduced_after_the_amount() -> None:
    (p,) = run("智能终端项目总投资15亿元,投资方为深圳市兴达电子有限公司。")
    assert [m.name for m in p.investors] == ["深圳市兴达电子有限公司"]


def test_shenpi_is_not_a_batch() -> None:
    ps = run("经审批,星河科技有限公司项目总投资10亿元。首批签约项目总投资50亿元。")
    assert [(bool(p.investors), int(p.count.value) if p.count else None) for p in ps] == [(True, 1), (False, None)]


def _who_what(projects: list[Project]) -> list[tuple[list[str], int, str | None, str | None]]:
    return [
        ([m.name for m in p.investors], int(p.amount.value) if p.amount else 0, p.place.name if p.place else None,
         p.project.name if p.project else None)
        for p in projects
    ]  # fmt: skip


def test_respective_amounts_go_to_their_investors_in_order() -> None:
    got = run("6月10日,星河科技有限公司和远航电子有限公司分别投资10亿元和5亿元,在德阳经开区建设芯片封装项目。")
    assert _who_what(got) == [
        (["星河科技有限公司"], 1_000_000_000, "德阳经开区", "芯片封装项目"),
        (["远航电子有限公司"], 500_000_000, "德阳经开区", "芯片封装项目"),
    ]


def test_three_respective_amounts() -> None:
    got = run("星河科技有限公司、远航电子有限公司和蓝海材料有限公司分别投资10亿元、5亿元和3亿元,建设电池项目。")
    assert [(m[0], m[1]) for m in _who_what(got)] == [
        (["星河科技有限公司"], 1_000_000_000),
        (["远航电子有限公司"], 500_000_000),
        (["蓝海材料有限公司"], 300_000_000),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "6月10日,长风电机有限公司和海澜新材有限公司分别投资8亿元和3亿元,分别建设电机项目和磁材项目。",
        "6月10日,长风电机有限公司和海澜新材有限公司分别投资8亿元、3亿元建设电机项目、磁材项目。",
    ],
)
def test_a_respective_list_of_projects_is_shared_out_like_the_amounts(text: str) -> None:
    assert [(m[0], m[1], m[3]) for m in _who_what(run(text))] == [
        (["长风电机有限公司"], 800_000_000, "电机项目"),
        (["海澜新材有限公司"], 300_000_000, "磁材项目"),
    ]


def test_one_investor_s_respective_amounts_go_to_its_listed_projects() -> None:
    got = run("6月10日,长风电机有限公司拟建设电机项目和电控项目,分别投资8亿元和3亿元。")
    assert [(m[0], m[1], m[3]) for m in _who_what(got)] == [
        (["长风电机有限公司"], 800_000_000, "电机项目"),
        (["长风电机有限公司"], 300_000_000, "电控项目"),
    ]


def test_a_list_of_projects_unlike_the_amounts_in_number_is_not_shared_out() -> None:
    got = run("6月10日,长风电机有限公司和海澜新材有限公司分别投资8亿元和3亿元,建设电机项目、电控项目和磁材项目。")
    projects = [m[3] for m in _who_what(got)]
    assert len(projects) == 2 and projects[0] == projects[1]


def test_one_amount_each_is_a_record_per_investor() -> None:
    got = run("6月10日,星河科技有限公司与远航电子有限公司分别投资5亿元,在德阳经开区建设研发中心。")
    assert _who_what(got) == [
        (["星河科技有限公司"], 500_000_000, "德阳经开区", "研发中心"),
        (["远航电子有限公司"], 500_000_000, "德阳经开区", "研发中心"),
    ]
    assert all(p.amount is not None and p.amount.raw == "5亿元" for p in got)


def test_a_joint_investment_stays_one_record() -> None:
    got = run("6月10日,星河科技有限公司和远航电子有限公司共同投资10亿元,在德阳经开区建设显示面板项目。")
    assert _who_what(got) == [
        (["星河科技有限公司", "远航电子有限公司"], 1_000_000_000, "德阳经开区", "显示面板项目"),
    ]


def test_respective_amounts_that_do_not_pair_with_the_investors_are_left_joint() -> None:
    got = run("星河科技有限公司和远航电子有限公司分别投资10亿元、5亿元和3亿元建设项目。")
    assert [m.name for m in got[0].investors] == ["星河科技有限公司", "远航电子有限公司"]
    assert amounts(got) == [1_000_000_000, 500_000_000, 300_000_000]


def test_a_place_named_after_the_list_is_every_listed_record_s() -> None:
    got = run(
        "6月10日,自贡高新区与两家企业签约。星耀化工有限公司和永盛材料有限公司分别投资6亿元和4亿元,在沿滩工业园建设精细化工项目。"
    )
    assert [p.place.name if p.place else None for p in got] == ["沿滩工业园", "沿滩工业园"]


def test_the_project_after_a_reporting_phrase_is_the_company_s_named_before() -> None:
    (p,) = run("6月10日,南充经开区与远航电子有限公司举行项目签约仪式。据悉,该项目总投资三千五万元,建设智能终端生产线。")
    assert [m.name for m in p.investors] == ["远航电子有限公司"]
    assert p.amount is not None and int(p.amount.value) == 35_000_000


def test_the_investor_named_in_the_next_sentence() -> None:
    text = "6月10日,总投资12.6亿元的光伏组件项目在东坡片区正式投产。该项目由华晟新能源有限公司投资建设,年产值40亿元。"
    (p,) = run(text)
    assert [m.name for m in p.investors] == ["华晟新能源有限公司"]


def test_the_builder_named_in_the_next_sentence_is_not_the_investor() -> None:
    (p,) = run("6月10日,总投资12.6亿元的光伏组件项目在东坡片区正式开工。该项目由中建科工集团有限公司承建。")
    assert p.investors == ()


def test_a_period_total_goes_on_after_a_semicolon() -> None:
    got = run(
        "今年1-5月,全区新签约项目38个,协议总投资265亿元;新开工项目27个,总投资110亿元。"
        "6月10日,甲子科技有限公司与该区签约,拟投资8亿元建设数据中心。"
    )
    assert amounts(got) == [800_000_000]


def test_a_company_after_the_semicolon_of_a_period_total_is_still_recorded() -> None:
    got = run("今年1-5月,全区新签约项目38个,协议总投资265亿元;甲子科技有限公司拟投资8亿元建设数据中心。")
    assert amounts(got) == [800_000_000]


def test_what_is_built_past_a_clause_giving_the_site_s_size() -> None:
    (p,) = run("6月10日,资阳高新区与通达汽车零部件有限公司签约,总投资十二亿五千万元,用地150亩,建设汽车零部件生产基地。")
    assert p.project is not None and p.project.name == "汽车零部件生产基地"
    assert p.amount is not None and int(p.amount.value) == 1_250_000_000


def test_a_headline_counting_after_its_figure_restates_the_body_total() -> None:
    text = "总投资51.6亿元 福州自贸区11个项目开工\n6月10日,福州自贸区举行重大项目集中开工仪式,开工项目11个,总投资51.6亿元。"
    got = run(text)
    assert [int(p.count.value) if p.count else None for p in got] == [11]
    assert got[0].amount is not None and got[0].amount.span.start > text.index("\n")


def test_a_headline_naming_one_company_s_figure_is_not_taken_for_a_total() -> None:
    text = "总投资10亿元 星河科技3个项目开工\n6月10日,星河科技有限公司投资12亿元建设电池项目。"
    assert amounts(run(text)) == [1_000_000_000, 1_200_000_000]


def test_a_counted_list_of_projects_with_respective_amounts() -> None:
    got = run("6月10日,凯盛新能源有限公司将在临港经开区建设电池、电机和电控三个项目,分别投资10亿元、5亿元和3亿元。")
    assert [(inv, amount, what) for inv, amount, _, what in _who_what(got)] == [
        (["凯盛新能源有限公司"], 1_000_000_000, "电池"),
        (["凯盛新能源有限公司"], 500_000_000, "电机"),
        (["凯盛新能源有限公司"], 300_000_000, "电控"),
    ]
    assert all(p.count is not None and int(p.count.value) == 1 and p.parent is None for p in got)


def test_respective_amounts_of_counted_projects_are_not_a_total() -> None:
    got = run("6月10日,临港经开区集中签约三个项目,分别投资10亿元、5亿元和3亿元。")
    assert [(int(p.count.value) if p.count else None, p.parent) for p in got] == [(1, None)] * 3


def test_counted_projects_with_a_total_stay_an_aggregate() -> None:
    (p,) = run("6月10日,临港经开区集中签约三个项目,总投资18亿元。")
    assert p.count is not None and int(p.count.value) == 3


def test_a_park_inside_what_is_built_is_not_the_destination() -> None:
    (p,) = run("6月10日,恒力集团有限公司拟投资百亿元,打造西南地区最大的纺织产业园。")
    assert p.project is not None and p.project.name == "西南地区最大的纺织产业园"
    assert p.place is None


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("6月10日,星河科技有限公司投资10亿元在德阳经开区建设芯片项目,今年10月投产。", None),
        ("星河科技有限公司投资10亿元在德阳经开区建设芯片项目,2022年3月底前开工。", None),
        ("星河科技有限公司投资10亿元在德阳经开区建设的芯片项目,于6月10日正式投产。", "operating"),
        ("星河科技有限公司投资10亿元在德阳经开区建设的芯片项目今年3月开工,明年投产。", "started"),
    ],
)
def test_a_stage_after_a_later_date_is_a_plan(text: str, stage: str | None) -> None:
    (p,) = run(text)
    assert (p.stage.stage.value if p.stage else None) == stage
    assert p.project is not None and p.project.name == "芯片项目"


def test_what_is_extended_is_what_is_built() -> None:
    (p,) = run(
        "6月10日,龙泉驿区人民政府与沃尔沃汽车(中国)投资有限公司签署协议,沃尔沃将追加投资30亿元,扩建成都整车工厂。"
    )
    assert p.project is not None and p.project.name == "成都整车工厂"


def _unpriced(text: str) -> list[Project]:
    projects = extract_projects(Document(text, "zh"))
    assert [p.id for p in projects] == [f"p{i + 1}" for i in range(len(projects))]
    for p in projects:
        for m in (*p.investors, *p.hosts, *(x for x in (p.place, p.project) if x)):
            assert text[m.span.start : m.span.end] == m.raw
    return projects


def test_a_company_s_signing_with_only_a_vague_figure_is_a_record_without_an_amount() -> None:
    got = _unpriced("6月10日,长风电机有限公司与泸州市泸县签约,拟投资数十亿元建设永磁电机项目。")
    assert [
        (p.amount, [m.name for m in p.investors], p.project and p.project.name, p.place and p.place.name, p.stage)
        for p in got
    ] == [(None, ["长风电机有限公司"], "永磁电机项目", "泸州市泸县", got[0].stage)]
    assert got[0].stage is not None and got[0].stage.stage.value == "signed"


@pytest.mark.parametrize(
    "text",
    [
        "6月10日,高新区与一批企业集中签约,总投资数十亿元。",  # no company named: an aggregate
        "专家表示,储能产业未来投资将达数十亿元。",  # no signing
        "长风电机有限公司计划明年签约,投资数十亿元。",  # a plan to sign
        "长风电机有限公司与泸县签约,投资数十亿元建设电机项目。长风电机有限公司投资20亿元建设电控项目。",
    ],
)
def test_no_record_without_an_amount_unless_a_company_signed_and_has_no_other(text: str) -> None:
    assert all(p.amount is not None for p in _unpriced(text))


def test_a_record_without_an_amount_takes_its_place_in_text_order_and_parents_follow() -> None:
    got = _unpriced(
        "6月10日,长风电机有限公司与泸县签约,投资几十亿元建设储能电站。当天共签约项目3个,总投资50亿元,"
        "其中海澜新材有限公司投资20亿元建设磁材项目。"
    )
    assert [(p.id, p.parent, p.amount.raw if p.amount else None) for p in got] == [
        ("p1", None, None),
        ("p2", None, "50亿元"),
        ("p3", "p2", "20亿元"),
    ]


def test_a_place_named_before_a_respective_list_is_every_listed_record_s() -> None:
    got = run("5月12日,长风电机有限公司和海澜新材有限公司分别与德阳经开区签约,投资额分别为20亿元和15亿元。")
    assert [(m[0], m[2]) for m in _who_what(got)] == [
        (["长风电机有限公司"], "德阳经开区"),
        (["海澜新材有限公司"], "德阳经开区"),
    ]


@pytest.mark.parametrize("verb", ["达成协议", "签约仪式举行", "落户德阳"])
def test_a_project_s_name_ends_at_xiangmu_before_a_verb(verb: str) -> None:
    got = run(f"5月12日,长风电机有限公司就投资20亿元建设永磁电机项目{verb}。")
    assert [m[3] for m in _who_what(got)] == ["永磁电机项目"]


def test_an_aggregate_of_as_many_projects_as_the_companies_it_names_has_them_as_investors() -> None:
    got = run("5月12日,德阳经开区与长风电机有限公司、海澜新材有限公司签约,两个项目总投资35亿元。")
    assert [(m[0], m[1]) for m in _who_what(got)] == [(["长风电机有限公司", "海澜新材有限公司"], 3_500_000_000)]


def test_an_aggregate_counting_more_projects_than_its_named_companies_keeps_no_investors() -> None:
    got = run("5月12日,长风电机有限公司和海澜新材有限公司共签约项目3个,总投资35亿元。")
    assert [(m[0], m[1]) for m in _who_what(got)] == [([], 3_500_000_000)]


@pytest.mark.parametrize(
    "text",
    [
        "5月12日,长风电机有限公司投资15亿元,分别建设电机和电控两个项目,分别投资10亿元和5亿元。",
        "5月12日,长风电机有限公司投资15亿元建设电机项目和电控项目,分别投资10亿元和5亿元。",
    ],
)
def test_a_figure_the_respective_amounts_add_up_to_is_their_total(text: str) -> None:
    got = run(text)
    assert [(p.id, p.parent, int(p.count.value) if p.count else None) for p in got] == [
        ("p1", None, 2),
        ("p2", "p1", 1),
        ("p3", "p1", 1),
    ]
    assert all([m.name for m in p.investors] == ["长风电机有限公司"] for p in got)


def test_a_figure_the_respective_amounts_do_not_add_up_to_stays_a_project_of_its_own() -> None:
    got = run("5月12日,长风电机有限公司投资16亿元建设电机项目和电控项目,分别投资10亿元和5亿元。")
    assert [(p.parent, int(p.count.value) if p.count else None) for p in got] == [(None, 1)] * 3
    assert all([m.name for m in p.investors] == ["长风电机有限公司"] for p in got)


@pytest.mark.parametrize(
    ("text", "projects", "places"),
    [
        (
            "星河科技有限公司投资20亿元、蓝海电子有限公司投资15亿元,分别在绵阳经开区和德阳高新区建设芯片封装基地和显示面板产业园。",
            ["芯片封装基地", "显示面板产业园"],
            ["绵阳经开区", "德阳高新区"],
        ),
        (
            "华芯半导体有限公司拟投资12亿元,远景新材料股份有限公司拟投资8亿元,分别建设功率器件项目和碳纤维项目。",
            ["功率器件项目", "碳纤维项目"],
            [None, None],
        ),
        (
            "星河科技有限公司投资20亿元,蓝海电子有限公司投资15亿元,两家企业分别落户眉山天府新区和遂宁经开区。",
            [None, None],
            ["眉山天府新区", "遂宁经开区"],
        ),
        (
            "星河科技有限公司和蓝海电子有限公司分别投资20亿元和15亿元,分别在绵阳经开区和德阳高新区建设芯片封装基地和显示面板产业园。",
            ["芯片封装基地", "显示面板产业园"],
            ["绵阳经开区", "德阳高新区"],
        ),
    ],
)
def test_respectively_after_each_investors_amount_shares_out_projects_and_places(
    text: str, projects: list[str | None], places: list[str | None]
) -> None:
    ps = run(text)
    assert [p.project.name if p.project else None for p in ps] == projects
    assert [p.place.name if p.place else None for p in ps] == places
    assert all(len(p.investors) == 1 for p in ps)


def test_respectively_with_a_list_of_other_length_shares_nothing_out() -> None:
    ps = run("星河科技有限公司投资20亿元、蓝海电子有限公司投资15亿元,分别建设研发中心、生产基地和物流仓储中心。")
    assert ps[0].project is None


def test_places_listed_after_respectively_before_a_list_of_amounts_go_in_order() -> None:
    ps = run("两家企业分别在绵阳经开区和德阳高新区投资20亿元和15亿元。")
    assert [p.place.name if p.place else None for p in ps] == ["绵阳经开区", "德阳高新区"]
    ps = run("两家企业分别在绵阳经开区投资20亿元和15亿元。")  # one place for two amounts: both there
    assert [p.place.name if p.place else None for p in ps] == ["绵阳经开区", "绵阳经开区"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("签约项目包括:和泰医疗器械产业园项目,投资6亿元。", "和泰医疗器械产业园项目"),
        ("签约项目包括:同方威视安检设备生产基地项目,投资8.5亿元。", "同方威视安检设备生产基地项目"),
        ("园区与华峰公司签约,华峰和同益新材料项目投资6亿元。", "同益新材料项目"),
    ],
)
def test_a_project_name_may_start_with_he_or_tong(text: str, name: str) -> None:
    (p,) = run(text)
    assert p.project is not None and p.project.name == name
