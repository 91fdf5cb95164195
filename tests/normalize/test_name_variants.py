"""Near variants: a spelling of the same zone or company matches; another city's zone or another
company sharing generic words ("Economic-Technological Development Area", "经济技术开发区") does not.

Each pair is judged against a registry that knows ONLY the listed name, so the outcome depends on the
matching rule alone, not on which other aliases happen to be bundled.
"""

from __future__ import annotations

import json

import pytest

from zonewatch.normalize.names import Registry, parts, resolve


def _only(kind: str, listed: str) -> Registry:
    return Registry.load(texts=[f"[[{kind}]]\ncanonical = {json.dumps(listed)}\nnames = []\n"])


# (kind, the name in the alias table, a name an article writes for ANOTHER place or company)
NOT_SAME = [
    # another city's zone of the same type, English
    ("place", "Beijing Economic-Technological Development Area", "Tianjin Economic-Technological Development Area"),
    ("place", "Beijing Economic-Technological Development Area", "Tianjin Economic and Technological Development Area"),
    (
        "place",
        "Chengdu Economic and Technological Development Zone",
        "Changsha Economic and Technological Development Zone",
    ),
    (
        "place",
        "Haimen Economic and Technological Development Zone",
        "Hefei Economic and Technological Development Zone",
    ),
    ("place", "Xi'an High-tech Industrial Development Zone", "Ji'an High-tech Industrial Development Zone"),
    ("place", "Suzhou Industrial Park", "Wuzhou Industrial Park"),
    ("place", "Chengdu Hi-Tech Comprehensive Free Trade Zone", "Chongqing Hi-Tech Comprehensive Free Trade Zone"),
    ("place", "Hangzhou Future Sci-Tech City", "Chengdu Future Sci-Tech City"),
    # another city's zone, Chinese
    ("place", "北京经济技术开发区", "天津经济技术开发区"),
    ("place", "成都经济技术开发区", "长沙经济技术开发区"),
    ("place", "海门经济技术开发区", "合肥经济技术开发区"),
    ("place", "成都国家高新技术产业开发区", "长沙国家高新技术产业开发区"),
    ("place", "西安高新技术产业开发区", "吉安高新技术产业开发区"),
    ("place", "苏州工业园区", "滁州工业园区"),
    ("place", "泰州经济技术开发区", "台州经济技术开发区"),  # two cities, one sound
    ("place", "苏州高新技术产业开发区", "宿州高新技术产业开发区"),
    ("place", "成都高新区", "长沙高新区"),
    # companies that share a brand or generic words
    ("org", "Tencent Holdings", "Tencent Music Holdings"),
    ("org", "Huawei Technologies", "Huawei Cloud Technologies"),
    ("org", "Yangtze Memory Technologies", "Yangtze Optical Technologies"),
    ("org", "Hua Hong Semiconductor", "Hua Xin Semiconductor"),
    ("org", "Hua Hong Semiconductor", "Hua Hong Grace Semiconductor"),  # an added word
    ("org", "Contemporary Amperex Technology", "Contemporary Amperex Energy Technology"),
    ("org", "Sichuan Changhong Electric", "Sichuan Jiuzhou Electric"),
    ("org", "宁德时代新能源科技", "宁德新能源科技"),  # CATL and ATL
    ("org", "腾讯科技", "腾讯音乐科技"),
    ("org", "比亚迪汽车工业", "比亚迪电子工业"),
    ("org", "合肥长鑫存储技术", "合肥长城存储技术"),
]

# (kind, the name in the alias table, a spelling, abbreviation or suffix variant of the SAME one)
SAME = [
    ("place", "Chengdu Hi-Tech Zone", "Chengdu High-tech Zone"),
    ("place", "Chengdu Hi-Tech Zone", "CHENGDU HI TECH ZONE"),
    ("place", "Chengdu Hi-Tech Zone", "Chengdu Hi-Tech Zone Administrative Committee"),
    ("place", "Beijing Economic-Technological Development Area", "Beijing Economic and Technological Development Area"),
    ("place", "Hefei Hi-tech Industry Development Zone", "Hefei High-tech Industrial Development Zone"),
    ("place", "Xi'an Hi-Tech Zone", "Xian Hi-tech Zone"),
    ("place", "Wuhan East Lake High-tech Zone", "Wuhan East Lake Hi-tech Zone"),
    ("place", "Singapore-Sichuan Hi-tech Innovation Park", "Singapore Sichuan Hitech Innovation Parc"),
    ("place", "成都高新技术产业开发区", "成都高新技术开发区"),
    ("place", "成都高新区", "成都市高新区"),
    ("place", "成都高新区", "成都高新区管委会"),
    ("place", "北京经济技术开发区", "北京市经济技术开发区"),
    ("place", "成都高新技术产业开发区", "成都高新技术产业开发区域"),  # a stray character
    ("org", "Tencent", "Tencent Holdings Ltd."),
    ("org", "Amazon Web Services", "Amazon Web Service"),
    ("org", "Luxshare Precision Industry", "Luxshare Precison Industry"),  # a typo in the name
    ("org", "Contemporary Amperex Technology", "Contemporary Amperex Tecnology"),  # in a generic word
    ("place", "Tianfu International Bio-Town", "Tianfu International Biotown"),
    (
        "org",
        "University of Electronic Science and Technology of China",
        "University of Electronic Science and Technology in China",
    ),
    ("org", "Contemporary Amperex Technology", "Contemporary Amperex Technologies Co., Limited"),
    ("org", "宁德时代新能源科技", "宁德时代新能源科技股份有限公司"),
    ("org", "腾讯", "腾讯公司"),
    ("org", "BYD", "ＢＹＤ Co., Ltd."),
]


@pytest.mark.parametrize(("kind", "listed", "other"), NOT_SAME)
def test_another_city_or_brand_is_not_a_variant(kind: str, listed: str, other: str) -> None:
    assert _only(kind, listed).resolve(other) is None


@pytest.mark.parametrize(("kind", "listed", "variant"), SAME)
def test_spelling_and_suffix_variants_match(kind: str, listed: str, variant: str) -> None:
    found = _only(kind, listed).resolve(variant)
    assert found is not None and found.canonical == listed


# The same with the bundled tables: names articles write, and what they must (not) become.
BUNDLED = [
    ("Tianjin Economic-Technological Development Area", None),
    ("Changsha Economic and Technological Development Zone", None),
    ("Hefei Economic and Technological Development Zone", None),
    ("长沙经济技术开发区", None),
    ("合肥经济技术开发区", None),
    ("长沙高新区", None),
    ("Tencent Music Entertainment", None),
    ("腾讯音乐娱乐", None),
    ("Beijing Economic and Technological Development Zone", "Beijing Economic-Technological Development Area"),
    ("Hefei Hi-Tech Industrial Development Zone", "Hefei High-tech Zone"),
    ("合肥市高新区", "Hefei High-tech Zone"),
    ("海门市经济技术开发区", "Haimen Economic and Technological Development Zone"),
    ("Yangtze Memory Technology", "Yangtze Memory Technologies"),
    ("YMTC", "Yangtze Memory Technologies"),
    ("长鑫存储技术有限公司", "ChangXin Memory Technologies"),
]


@pytest.mark.parametrize(("surface", "canonical"), BUNDLED)
def test_bundled_tables(surface: str, canonical: str | None) -> None:
    found = resolve(surface)
    assert (found.canonical if found else None) == canonical


@pytest.mark.parametrize(
    ("name", "head", "distinctive"),
    [
        ("Tianjin Economic-Technological Development Area", "tianjin", "tianjin"),
        ("National Chengdu Hi-tech Zone", "chengdu", "chengdu"),
        ("长沙经济技术开发区", "长沙", "长沙"),
        ("成都市高新区", "成都", "成都"),
        ("Tencent Music Holdings Ltd.", "tencentmusic", "tencentmusic"),
        ("Wuhan East Lake High-tech Zone", "wuhaneastlake", "wuhaneastlake"),
        ("天府新区成都直管区", "天府", "天府成都直管"),
        ("Economic and Technological Development Zone", "", ""),
    ],
)
def test_parts(name: str, head: str, distinctive: str) -> None:
    assert (parts(name).head, parts(name).distinctive) == (head, distinctive)


def test_a_generic_name_alone_is_no_place() -> None:
    reg = _only("place", "Chengdu Economic and Technological Development Zone")
    assert reg.resolve("Economic and Technological Development Zone") is None
    assert reg.resolve("经济技术开发区") is None
