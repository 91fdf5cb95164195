"""Whole short announcements written for these tests in the styles zone news uses (signing ceremonies,集中开工,
推介会, monthly summaries, press conferences), run through the default pipeline, every record's fields checked."""

from __future__ import annotations

import datetime as dt

import pytest

from zonewatch.model import DateValue, Document, Extraction, Precision, Project
from zonewatch.pipeline import default_components


def run(text: str, published: str = "2024-05-20") -> list[Project]:
    pub = DateValue(dt.date.fromisoformat(published), Precision.DAY, published)
    ex = Extraction(Document(text, "zh", published=pub))
    for component in default_components():
        ex = component(ex)
    return list(ex.projects)


def fields(p: Project) -> tuple[object, ...]:
    """(investors, amount raw, qualifier, count, parent, date, stage, place, project, area m², jobs)"""
    return (
        [m.name for m in p.investors],
        p.amount.raw if p.amount else None,
        p.amount.qualifier.value if p.amount else None,
        int(p.count.value) if p.count else None,
        p.parent,
        p.date.iso() if p.date else None,
        p.stage.stage.value if p.stage else None,
        p.place.name if p.place else None,
        p.project.name if p.project else None,
        int(p.area.value) if p.area else None,
        int(p.jobs.value) if p.jobs else None,
    )


CASES = [
    (
        # a signing ceremony: the total, then two of its projects, one with a 千亩 site and jobs
        "3月18日上午,遂宁经开区一季度重大项目签约仪式举行。现场签约项目6个,总投资86.5亿元。其中,锂电新材料产业园项目"
        "由天华新能源科技有限公司投资建设,总投资约35亿元,占地约1.2千亩,建成后可带动就业1500人;"
        "蓝盾精密机械有限公司投资12亿元建设高端数控机床项目。",
        [
            ([], "86.5亿元", "exact", 6, None, "2024-03-18", "signed", "遂宁经开区", None, None, None),
            (["天华新能源科技有限公司"], "约35亿元", "approx", 1, "p1", "2024-03-18", "signed", "遂宁经开区",
             "锂电新材料产业园项目", 800000, 1500),
            (["蓝盾精密机械有限公司"], "12亿元", "exact", 1, "p1", "2024-03-18", "signed", "遂宁经开区",
             "高端数控机床项目", None, None),
        ],
    ),
    (
        # 集中开工 with a total and a named sub-project of a company whose name starts with 同
        "4月8日,眉山天府新区举行二季度重大项目集中开工活动,此次集中开工项目18个,总投资超120亿元。其中,"
        "同兴智能装备有限公司投资20亿元的智能装备制造基地项目,用地300亩,预计新增就业岗位800个。",
        [
            ([], "超120亿元", "at_least", 18, None, "2024-04-08", "started", "眉山天府新区", None, None, None),
            (["同兴智能装备有限公司"], "20亿元", "exact", 1, "p1", "2024-04-08", "started", "眉山天府新区",
             "智能装备制造基地项目", 200000, 800),
        ],
    ),
    (
        # a 推介会 held elsewhere: the destination is the city, not the venue; 与和顺... is 与 + a name
        "5月15日,德阳市在深圳举办投资推介会,现场签约项目12个,协议投资总额达156亿元。会上,德阳高新区与"
        "和顺新能源股份有限公司签订合作协议,拟投资30亿元建设氢能装备产业园。",
        [
            ([], "156亿元", "exact", 12, None, "2024-05-15", "signed", "德阳市", None, None, None),
            (["和顺新能源股份有限公司"], "30亿元", "exact", 1, "p1", "2024-05-15", "signed", "德阳高新区",
             "氢能装备产业园", None, None),
        ],
    ),
    (
        # a press conference: GDP, 增加值 and 税收 are no records
        "4月25日,市政府新闻办召开新闻发布会。会上通报,全市实现地区生产总值5200亿元,同比增长6.1%;"
        "规上工业增加值增长7.2%;税收收入完成420亿元,工业总产值达到8600亿元。",
        [],
    ),
    (
        # two companies signed together, then each one's amount and project
        "5月6日,泸州高新区与华润电力控股有限公司、宁德时代新能源科技股份有限公司签约,两个项目总投资65亿元。"
        "华润电力将投资40亿元建设储能电站,宁德时代将投资25亿元建设电池回收基地。",
        [
            (["华润电力控股有限公司", "宁德时代新能源科技股份有限公司"], "65亿元", "exact", 2, None, "2024-05-06",
             "signed", "泸州高新区", None, None, None),
            (["华润电力"], "40亿元", "exact", 1, "p1", "2024-05-06", "signed", "泸州高新区", "储能电站", None, None),
            (["宁德时代"], "25亿元", "exact", 1, "p1", "2024-05-06", "signed", "泸州高新区", "电池回收基地", None,
             None),
        ],
    ),
    (
        # 集中签约 with a total; a bare 新区 refers back to the zone; 产值 and 纳税 after the amount are no records
        "昨日,绵阳科技城新区举行集中签约活动,共签约项目8个,总投资102亿元,涵盖电子信息、新材料等领域。其中,"
        "泰和新材料科技有限公司拟投资18亿元,在新区建设芳纶纸项目,达产后年产值可达30亿元,年纳税2亿元。",
        [
            ([], "102亿元", "exact", 8, None, "2024-05-19", "signed", "绵阳科技城新区", None, None, None),
            (["泰和新材料科技有限公司"], "18亿元", "exact", 1, "p1", "2024-05-19", "signed", "绵阳科技城新区",
             "芳纶纸项目", None, None),
        ],
    ),
    (
        # each company's amount, then "分别位于" two parks: each record its own park, the zone's parks no hosts
        "5月20日,自贡高新区举行新能源产业项目签约仪式,共签约项目3个,总投资46亿元。其中,和信储能科技有限公司"
        "投资28亿元建设储能电池生产线,同创光伏材料有限公司投资18亿元建设光伏玻璃项目,两个项目分别位于"
        "自贡高新区板仓工业园和自贡高新区航空产业园。",
        [
            ([], "46亿元", "exact", 3, None, "2024-05-20", "signed", "自贡高新区", None, None, None),
            (["和信储能科技有限公司"], "28亿元", "exact", 1, "p1", "2024-05-20", "signed", "自贡高新区板仓工业园",
             "储能电池生产线", None, None),
            (["同创光伏材料有限公司"], "18亿元", "exact", 1, "p1", "2024-05-20", "signed", "自贡高新区航空产业园",
             "光伏玻璃项目", None, None),
        ],
    ),
    (
        # "A投资..、B投资..,分别在X和Y建设P和Q"
        "5月12日,星河科技有限公司投资20亿元、蓝海电子有限公司投资15亿元,分别在绵阳经开区和德阳高新区建设"
        "芯片封装基地和显示面板产业园,正式签约落户。",
        [
            (["星河科技有限公司"], "20亿元", "exact", 1, None, "2024-05-12", "signed", "绵阳经开区", "芯片封装基地",
             None, None),
            (["蓝海电子有限公司"], "15亿元", "exact", 1, None, "2024-05-12", "signed", "德阳高新区", "显示面板产业园",
             None, None),
        ],
    ),
    (
        # a zone's monthly summary: one record per kind of project, the month as the date
        "5月份,广安经开区招商引资工作取得新进展,全月新签约项目5个,协议总投资42亿元;新开工项目3个,总投资18亿元。",
        [
            ([], "42亿元", "exact", 5, None, "2024-05", "signed", "广安经开区", None, None, None),
            ([], "18亿元", "exact", 3, None, "2024-05", "started", "广安经开区", None, None, None),
        ],
    ),
    (
        # 集中签约 with a total, then two named companies starting with 同 and 和, site and jobs on the first
        "5月10日,南充高新区举行集中签约仪式,签约项目4个,总投资58亿元。其中,同力重工有限公司投资20亿元建设"
        "矿用车生产基地,占地约500亩,可提供就业岗位1200个;和晟电子有限公司投资15亿元建设柔性电路板项目。",
        [
            ([], "58亿元", "exact", 4, None, "2024-05-10", "signed", "南充高新区", None, None, None),
            (["同力重工有限公司"], "20亿元", "exact", 1, "p1", "2024-05-10", "signed", "南充高新区", "矿用车生产基地",
             333333, 1200),
            (["和晟电子有限公司"], "15亿元", "exact", 1, "p1", "2024-05-10", "signed", "南充高新区", "柔性电路板项目",
             None, None),
        ],
    ),
    (
        # a quarterly press conference: output, retail sales, revenue, funds in place and taxes are no records
        "4月26日,市政府新闻办举行新闻发布会。一季度,全市地区生产总值完成628.5亿元,同比增长5.8%;全社会消费品零售总额"
        "达到312亿元;一般公共预算收入完成41.2亿元,其中税收收入29.6亿元;招商引资到位资金186亿元;实际利用外资1.2亿美元;"
        "高新区实现工业总产值420亿元,园区企业实现营业收入510亿元,上缴税金18亿元。",
        [],
    ),
    (
        # a 推介会 held in another city (in brackets), its projects listed by name, two starting with 同 and 和
        "4月12日,内江经开区(深圳)招商推介会举行。活动现场,共有7个项目集中签约,签约总金额63.8亿元。签约项目包括:"
        "华锂新能源有限公司年产5万吨锂电正极材料项目,投资20亿元;同方威视安检设备生产基地项目,投资8.5亿元;"
        "和泰医疗器械产业园项目,投资6亿元。",
        [
            ([], "63.8亿元", "exact", 7, None, "2024-04-12", "signed", "内江经开区", None, None, None),
            (["华锂新能源有限公司"], "20亿元", "exact", 1, "p1", "2024-04-12", "signed", "内江经开区",
             "年产5万吨锂电正极材料项目", None, None),
            ([], "8.5亿元", "exact", 1, "p1", "2024-04-12", "signed", "内江经开区", "同方威视安检设备生产基地项目",
             None, None),
            ([], "6亿元", "exact", 1, "p1", "2024-04-12", "signed", "内江经开区", "和泰医疗器械产业园项目", None,
             None),
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"a{i}" for i in range(len(CASES))])
def test_announcement_records(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [fields(p) for p in run(text)] == expected


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("项目总投资5亿元,占地约1.2千亩。", 800000),
        ("项目总投资5亿元,占地3千亩。", 2000000),
        ("项目总投资5亿元,规划面积1.5万亩。", 10000000),
        ("项目总投资5亿元,用地300亩。", 200000),
    ],
)
def test_mu_in_thousands_and_ten_thousands_is_an_area(text: str, area: int) -> None:
    (p,) = run(text)
    assert p.area is not None and int(p.area.value) == area


def test_mu_without_a_number_is_an_area() -> None:
    (p,) = run("项目总投资8亿元,占地千亩。")
    assert p.area is not None and int(p.area.value) == 666667
