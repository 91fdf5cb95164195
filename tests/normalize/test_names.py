"""Names: exact aliases across languages, near variants accepted, distinct companies kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from zonewatch.errors import ConfigError
from zonewatch.normalize import names
from zonewatch.normalize.names import Registry, ancestors, descendants, key, resolve

# (surface form as an article writes it, canonical expected)
SAME = [
    # English abbreviations and spellings of one zone
    ("CDHT", "Chengdu Hi-Tech Zone"),
    ("Chengdu High-tech Zone", "Chengdu Hi-Tech Zone"),
    ("chengdu hi-tech zone", "Chengdu Hi-Tech Zone"),
    ("Chengdu High Tech Zone Administrative Committee", "Chengdu Hi-Tech Zone"),
    # Chinese names of the same zone, with an administrative suffix, full-width brackets
    ("成都高新区", "Chengdu Hi-Tech Zone"),
    ("成都高新技术产业开发区", "Chengdu Hi-Tech Zone"),
    ("成都高新区管委会", "Chengdu Hi-Tech Zone"),
    # parks, also when prefixed by their city or zone
    ("天府国际生物城", "Tianfu International Bio-Town"),
    ("成都天府国际生物城", "Tianfu International Bio-Town"),
    ("Tianfu International Biotown", "Tianfu International Bio-Town"),
    ("Chengdu Jiaozi Park Financial and Commercial Zone", "Jiaozi Park Financial and Commercial Zone"),
    ("新川创新科技园", "Singapore-Sichuan Hi-tech Innovation Park"),
    # companies: legal suffixes, Chinese short names, abbreviations
    ("Tencent Holdings Ltd.", "Tencent"),
    ("腾讯公司", "Tencent"),
    ("腾讯", "Tencent"),
    ("字节跳动", "ByteDance"),
    ("AWS", "Amazon Web Services"),
    ("亚马逊云科技", "Amazon Web Services"),
    ("宁德时代新能源科技股份有限公司", "CATL"),
    ("比亚迪股份有限公司", "BYD"),
    ("Huamei (Chengdu) Digital Technology Co., Ltd.", "Huamei (Chengdu) Digital Technology"),
    ("ＢＹＤ", "BYD"),  # full-width letters
    # near variants (fuzzy): a dropped letter, a dropped word in a long name
    ("Amazon Web Service", "Amazon Web Services"),
    ("Foxconn Technology Grup", None),  # a misspelt suffix leaves a different name: unknown, not a guess
    ("Singapore Sichuan Hitech Innovation Parc", "Singapore-Sichuan Hi-tech Innovation Park"),
    (
        "University of Electronic Science and Technology in China",
        "University of Electronic Science and Technology of China",
    ),
    ("成都高新技术产业开发区域", "Chengdu Hi-Tech Zone"),
    ("天府国际生物城区", "Tianfu International Bio-Town"),
]

DIFFERENT = [
    # brand siblings and look-alikes that are other companies or places
    "Tencent Music",
    "Alibaba Pictures",
    "Sichuan Normal University",
    "Chongqing Hi-tech Zone",
    "Sinopec Chemical Works",
    "京东物流",
    "腾讯音乐",
    "重庆高新区",
    "成都天府新经济研究院",
    "华友",  # two characters: never fuzzy (华为 is one letter away)
    "BYDE",
    "",
]


@pytest.mark.parametrize(("surface", "canonical"), SAME)
def test_same_entity(surface: str, canonical: str | None) -> None:
    found = resolve(surface)
    assert (found.canonical if found else None) == canonical


@pytest.mark.parametrize("surface", DIFFERENT)
def test_distinct_names_are_not_merged(surface: str) -> None:
    assert resolve(surface) is None


def test_boe_and_jd_stay_apart() -> None:
    # one character apart in Chinese, two companies
    boe, jd = resolve("京东方"), resolve("京东")
    assert boe is not None and jd is not None
    assert boe.canonical == "BOE" and jd.canonical == "JD.com"


def test_kind_prefers_the_asked_kind() -> None:
    assert resolve("Chengdu", kind="place").kind == "place"  # type: ignore[union-attr]
    assert resolve("Tencent", kind="org").kind == "org"  # type: ignore[union-attr]


def test_display_keeps_chinese_for_chinese_documents() -> None:
    tencent = resolve("Tencent")
    assert tencent is not None
    assert tencent.display("zh") == "腾讯"
    assert tencent.display("en") == "Tencent"


def test_hierarchy() -> None:
    assert [e.canonical for e in ancestors("Tianfu International Bio-Town")] == [
        "Chengdu Hi-Tech Zone",
        "Chengdu",
        "Sichuan",
    ]
    parks = {e.canonical for e in descendants("Chengdu Hi-Tech Zone")}
    assert {"Tianfu International Bio-Town", "Jiaozi Park Financial and Commercial Zone"} <= parks
    assert "Chengdu Hi-Tech Zone" not in parks
    assert "Chongqing Liangjiang New Area" not in parks
    # a city includes its zones and, through them, their parks
    assert "Tianfu International Bio-Town" in {e.canonical for e in descendants("Chengdu")}
    assert descendants("Nowhere") == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Tencent Holdings Ltd.", "tencent"), ("腾讯公司", "腾讯"), ("The Foo Group", "foo"), ("公司", "公司")],
)
def test_key(name: str, expected: str) -> None:
    assert key(name) == expected


def test_user_file_extends_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[org]]\ncanonical = "Tencent"\nnames = ["鹅厂"]\n\n'
        '[[place]]\ncanonical = "Widget Park"\nnames = ["小部件园"]\nparent = "Chengdu Hi-Tech Zone"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ZONEWATCH_ALIASES", str(user))
    names.reset()
    try:
        assert resolve("鹅厂").canonical == "Tencent"  # type: ignore[union-attr]
        assert resolve("腾讯").canonical == "Tencent"  # type: ignore[union-attr]  (bundled names kept)
        assert "Widget Park" in {e.canonical for e in descendants("Chengdu Hi-Tech Zone")}
    finally:
        monkeypatch.delenv("ZONEWATCH_ALIASES")
        names.reset()
    assert resolve("鹅厂") is None


@pytest.mark.parametrize(
    "text",
    ["[[org]]\nnames = ['x']\n", "[[org]]\ncanonical = 'X'\nnames = 'x'\n", "[[org\n"],
)
def test_bad_alias_file_is_a_config_error(text: str) -> None:
    with pytest.raises(ConfigError):
        Registry.load(texts=[text])


def test_canonicalize_fills_canonical_and_keeps_raw() -> None:
    from zonewatch.model import Document, Extraction, Mention, Project, Span
    from zonewatch.normalize.names import canonicalize

    text = "腾讯公司与成都高新区管委会签约,项目落户新川创新科技园;某某公司参与。"
    doc = Document(text=text, language="zh")

    def m(raw: str, name: str | None = None) -> Mention:
        start = text.index(raw)
        return Mention(name or raw, raw, Span(start, start + len(raw)))

    project = Project(
        id="p1",
        investors=(m("腾讯公司"), m("某某公司")),
        hosts=(m("成都高新区管委会", "成都高新区"),),
        place=m("新川创新科技园"),
    )
    out = canonicalize(Extraction(document=doc, projects=(project,))).projects[0]
    assert [i.canonical for i in out.investors] == ["腾讯", None]
    assert out.investors[0].name == "腾讯公司" and out.investors[0].raw == "腾讯公司"
    assert out.hosts[0].canonical == "成都高新区"
    assert out.place is not None and out.place.canonical == "新川创新科技园"
    english = canonicalize(Extraction(document=Document(text=text, language="en"), projects=(project,)))
    assert english.projects[0].investors[0].canonical == "Tencent"


def test_place_parent_in_the_output() -> None:
    from zonewatch.model import Mention, Project, Span
    from zonewatch.serialize import project_dict

    park = Project(id="p1", place=Mention("天府国际生物城", "天府国际生物城", Span(0, 7), canonical="天府国际生物城"))
    assert project_dict(park, "zh")["place_parent"] == "成都高新区"
    assert project_dict(park)["place_parent"] == "Chengdu Hi-Tech Zone"
    unknown = Project(id="p2", place=Mention("Somewhere", "Somewhere", Span(0, 9)))
    assert project_dict(unknown)["place_parent"] is None


@pytest.mark.parametrize(
    "shared_name", ["未来科技城", "江东新区", "生物城", "东部新区", "Future Science and Technology City"]
)
def test_names_several_places_share_are_not_aliases(shared_name: str) -> None:
    assert resolve(shared_name, kind="place") is None
