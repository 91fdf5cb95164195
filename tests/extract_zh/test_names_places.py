"""Organisations and places: suffixes, short names, stock codes, hosts, destinations versus venues."""

from __future__ import annotations

import pytest

from zonewatch.extract.zh.chars import shadow
from zonewatch.extract.zh.lexicon import lexicon
from zonewatch.extract.zh.names import find_orgs
from zonewatch.extract.zh.places import find_places


def orgs(text: str) -> list[tuple[str, str]]:
    found = find_orgs(text, shadow(text), lexicon().places)
    for o in found:
        assert text[o.mention.span.start : o.mention.span.end] == o.mention.raw
    return [(o.mention.name, o.role) for o in found]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("中国储能技术有限公司拟投资50亿元", "中国储能技术有限公司"),
        ("、辽宁大禹防水科技发展有限公司兰州新区项目", "辽宁大禹防水科技发展有限公司"),
        ("拥有首家国内A股上市网络游戏公司的深圳宝德集团,将投资", "深圳宝德集团"),
        ("知名手机品牌厂商广东欧珀(OPPO)公司将投资", "广东欧珀(OPPO)公司"),
        ("与美国阳光动力能源互联网公司签订", "美国阳光动力能源互联网公司"),
        ("包括中铁二十局集团市政工程有限公司迁移至兰州新区项目", "中铁二十局集团市政工程有限公司"),
        ("中国科学院成都生物研究所与高新区签约", "中国科学院成都生物研究所"),
        ("四川大学与宜宾市签约共建研究院", "四川大学"),
        ("2月7日晚间,铂科新材(300811)公告", "铂科新材"),
        ("比亚迪新能源汽车零部件项目总投资20亿元", "比亚迪"),
        ("精鋒科技股份有限公司簽署投資意向書", "精鋒科技股份有限公司"),
        # a one-character stop word (据) inside a word of the name (数据) does not cut it
        ("11月5日,中科宏数据科技有限公司与天津市签署投资协议", "中科宏数据科技有限公司"),
        ("据华锐物流科技有限公司介绍,拟投资10亿元", "华锐物流科技有限公司"),
        ("江苏协同创新科技有限公司将投资", "江苏协同创新科技有限公司"),
    ],
)
def test_company_names(text: str, name: str) -> None:
    assert (name, "company") in orgs(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # 和/同 opening a name: nothing, or one character, stands left of it
        ("5月10日,开发区管委会与泰和新材料科技有限公司签约", ["泰和新材料科技有限公司"]),
        ("同创新能源有限公司拟投资8亿元", ["同创新能源有限公司"]),
        ("与同益医疗器械有限公司签约", ["同益医疗器械有限公司"]),
        # ...or a part left of it that is no name, before a part of industry words only
        ("与山东泰和新材料科技有限公司签约", ["山东泰和新材料科技有限公司"]),
        # 和 joining two names: a known company, a legal ending or a place left of it, or a brand right of it
        ("华为和同创新能源有限公司分别投资10亿元和5亿元", ["华为", "同创新能源有限公司"]),
        ("星河科技有限公司和泰和新材料科技有限公司签约", ["星河科技有限公司", "泰和新材料科技有限公司"]),
        # a place left of it starts the name
        ("与北京同仁堂科技发展股份有限公司签约", ["北京同仁堂科技发展股份有限公司"]),
        ("山东和信精密机械有限公司拟投资", ["山东和信精密机械有限公司"]),
        ("蓝海电子和华峰材料股份有限公司分别投资", ["华峰材料股份有限公司"]),
        ("同方股份有限公司和同仁堂集团签约", ["同方股份有限公司", "同仁堂集团"]),
    ],
)
def test_he_and_tong_join_names_or_start_one(text: str, names: list[str]) -> None:
    assert [n for n, role in orgs(text) if role == "company"] == names


@pytest.mark.parametrize("text", ["其中,数据有限公司拟投资12亿元", "微电子集团有限公司将投资"])
def test_an_industry_word_alone_names_no_company(text: str) -> None:
    assert [n for n, role in orgs(text) if role == "company"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("公司于近日与河源江东新区管理委员会签署协议", "河源江东新区管理委员会"),
        ("绵阳高新区管委会与星河智能签约", "绵阳高新区管委会"),
        ("长沙市人民政府与企业座谈", "长沙市人民政府"),
    ],
)
def test_hosts(text: str, name: str) -> None:
    assert (name, "host") in orgs(text)


def test_a_short_form_of_a_company_named_in_full_is_that_company() -> None:
    text = "京信通信系统控股有限公司副总裁表示。京信通信将投资12亿元"
    found = find_orgs(text, shadow(text), lexicon().places)
    assert [(o.mention.name, o.full) for o in found][-1] == ("京信通信", "京信通信系统控股有限公司")


def test_a_well_known_short_name_inside_a_longer_short_form_is_that_form() -> None:
    text = "管委会与晶科硅业有限公司签约。晶科硅业与当地国企共同出资50亿元"
    assert ("晶科硅业", "company") in orgs(text)
    assert ("晶科", "company") not in orgs(text)


def test_a_short_form_starting_a_place_s_name_is_not_the_company() -> None:
    text = "乐山高新区与乐山高新区投资集团有限公司签约"
    assert orgs(text) == [("乐山高新区投资集团有限公司", "company")]


@pytest.mark.parametrize("text", ["符合公司长期发展战略", "协助公司办理注册登记", "将在成都设立分公司"])
def test_verbs_before_gongsi_are_not_names(text: str) -> None:
    assert [n for n, role in orgs(text) if role == "company"] == []


def places(text: str) -> list[tuple[str, str]]:
    found = find_places(text, shadow(text), [], lexicon().places)
    for p in found:
        assert text[p.mention.span.start : p.mention.span.end] == p.mention.raw
    return [
        (p.mention.name, "venue" if p.venue else "marked" if p.marked else "existing" if p.existing else "")
        for p in found
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("签约活动在成都高新区举行", [("成都高新区", "venue")]),
        ("推介会在成都举行,57个项目签约德阳", [("成都", "venue"), ("德阳", "marked")]),
        ("选址金牛区轨道交通高科技产业园,建设总部", [("金牛区轨道交通高科技产业园", "marked")]),
        ("项目选址天府新区成都直管区", [("天府新区成都直管区", "marked")]),
        ("拟投资50亿元,在宁乡高新区建设研发中心", [("宁乡高新区", "marked")]),
        ("在现有的成都客服中心基础上", [("成都", "existing")]),
        ("首批项目落户新川创新科技园", [("新川创新科技园", "marked")]),
        ("平潭综合实验区11个、总投资106亿元", [("平潭综合实验区", "")]),
        ("在臺中精密機械科技創新園區興建總部", [("臺中精密機械科技創新園區", "marked")]),
    ],
)
def test_places_and_their_roles(text: str, expected: list[tuple[str, str]]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "新区管委会副主任",
        "特色小镇和特色文化小镇",
        "城市名片",
        "市场主体",
        "国际物流园项目",
        "中电科电子信息产业园项目",
    ],
)
def test_generic_words_are_not_places(text: str) -> None:
    assert places(text) == []


def test_a_zone_teaches_its_stem() -> None:
    assert places("海门经济技术开发区作为主阵地。海门共签约项目130个") == [("海门经济技术开发区", ""), ("海门", "")]


@pytest.mark.parametrize(
    ("text", "name"),
    [("项目落户安吉县,总投资20亿元", "安吉县"), ("5月8日,海宁市与星河科技签约", "海宁市")],
)
def test_counties_and_cities_the_list_does_not_know(text: str, name: str) -> None:
    assert (name, "marked") in places(text) or (name, "") in places(text)


@pytest.mark.parametrize("text", ["全县共签约项目5个", "该市表示", ",城市更新项目", ",市场主体增加"])
def test_generic_county_and_city_words_are_not_places(text: str) -> None:
    assert places(text) == []


def test_a_park_right_after_a_verb_of_building_is_the_project() -> None:
    assert places("海尔将投资约30亿元建设智慧家电产业园") == []


@pytest.mark.parametrize(
    ("text", "name"), [("8月14日,即墨区举行集中签约", "即墨区"), ("与蓝色硅谷核心区管委会签约", "蓝色硅谷核心区")]
)
def test_districts_outside_the_list(text: str, name: str) -> None:
    assert name in [n for n, _ in places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("项目落户泸州市泸县,总投资8亿元", [("泸州市泸县", "marked")]),
        ("选址眉山市丹棱县工业园区", [("眉山市丹棱县工业园区", "marked")]),
        ("项目落户四川省广安市岳池县", [("四川省广安市岳池县", "marked")]),
        ("落户阿坝藏族羌族自治州汶川县", [("阿坝藏族羌族自治州汶川县", "marked")]),
        ("位于南充市高坪区龙门街道", [("南充市高坪区", "marked")]),  # a street is below the contract's levels
        ("5月9日,沛县与长风电机签约", [("沛县", "")]),
    ],
)
def test_a_lower_level_the_list_does_not_know_after_a_known_one(text: str, expected: list[tuple[str, str]]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("项目落户成都市全县推进", [("成都市", "marked")]),
        ("在德阳市该区建设基地", [("德阳市", "")]),
        ("与两县签约,该县表示", []),
        ("遂宁市县城人口", [("遂宁市", "")]),
    ],
)
def test_area_words_after_a_place_are_not_a_lower_level(text: str, expected: list[tuple[str, str]]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize("text", [",核心区建设加快", ",示范区内企业", ",城区人口"])
def test_generic_districts_are_not_places(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("星河科技将投资10亿元建设总部", "星河科技"),
        ("。华峰新材拟投资20亿元", "华峰新材"),
        (",蓝海医药计划投资5亿元", "蓝海医药"),
    ],
)
def test_trade_names_opening_an_investing_clause(text: str, name: str) -> None:
    assert (name, "company") in orgs(text)


@pytest.mark.parametrize(
    "text", ["全市新能源汽车将投资5亿元", "生物医药投资持续增长", "成都电子信息将投资", "高新区生物医药将投资"]
)
def test_sectors_are_not_trade_names(text: str) -> None:
    assert [n for n, role in orgs(text) if role == "company"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("在浙江省湖州市长兴县建设", "浙江省湖州市长兴县"),  # 市长 is also a mayor, but not before a county
        ("落户广西壮族自治区南宁市", "广西壮族自治区南宁市"),
        ("落户内蒙古自治区鄂尔多斯市", "内蒙古自治区鄂尔多斯市"),
    ],
)
def test_a_region_s_lower_levels_are_one_place(text: str, name: str) -> None:
    assert [n for n, _ in places(text)] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [("在成都市长的陪同下", "成都市"), ("在四川省制造业强市建设", "四川省"), ("四川省经济大县", "四川省")],
)
def test_a_mayor_or_a_strong_city_is_no_lower_level(text: str, name: str) -> None:
    assert [n for n, _ in places(text)] == [name]


def test_a_city_in_brackets_in_the_name_of_an_event_held_is_its_venue() -> None:
    found = find_places(*2 * ("内江经开区(深圳)招商推介会举行",), [], lexicon().places)
    assert [(p.mention.name, p.venue) for p in found] == [("内江经开区", False), ("深圳", True)]


@pytest.mark.parametrize("text", ["成都天府国际生物城与同和药业签约", "中国(绵阳)科技城管委会", "郑州航空城将引进"])
def test_a_science_city_is_a_zone(text: str) -> None:
    found = find_places(*2 * (text,), [], lexicon().places)
    assert any(p.zone and p.mention.name.endswith("城") for p in found)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("项目落户和林格尔新区", ["和林格尔新区"]),
        ("在泰和经济开发区建设", ["泰和经济开发区"]),
        ("分别落户绵阳高新区和同安工业园", ["绵阳高新区", "同安工业园"]),
        # 和 between two places joins them
        ("项目分布在成都和德阳高新区", ["成都", "德阳高新区"]),
    ],
)
def test_a_zone_name_may_start_with_he_or_tong(text: str, names: list[str]) -> None:
    assert [p.mention.name for p in find_places(*2 * (text,), [], lexicon().places)] == names


@pytest.mark.parametrize(
    "text",
    [
        "同时星河科技有限公司将投资",
        "同日星河科技有限公司也签约",
        "会同星河科技有限公司考察",
        "连同星河科技有限公司在内",
        "并和星河科技有限公司签约",
        "还同星河科技有限公司签约",
        "园区将和星河科技有限公司合作",
        "已经和星河科技有限公司签约",
        "和其他星河科技有限公司",
    ],
)
def test_he_and_tong_as_conjunctions_or_prepositions_start_no_name(text: str) -> None:
    assert [n for n, role in orgs(text) if role == "company"] == ["星河科技有限公司"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("园区将和德阳高新区合作", ["德阳高新区"]),
        ("并和德阳高新区签约", ["德阳高新区"]),
        ("项目将在和林格尔新区建设", ["和林格尔新区"]),
        # a known place holding the conjunction starts the zone's name
        ("项目落户内蒙古呼和浩特经开区", ["内蒙古", "呼和浩特经开区"]),
        ("项目落户新疆和田经开区", ["新疆", "和田经开区"]),
    ],
)
def test_he_before_a_zone_after_a_function_word(text: str, names: list[str]) -> None:
    assert [p.mention.name for p in find_places(*2 * (text,), [], lexicon().places)] == names
