"""Project tables (pipe rows as trafilatura writes them) read into records, zh and en, through the default
pipeline. Fixtures written for these tests; companies and figures invented or public facts only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zonewatch.extract.tables import find_tables, merge
from zonewatch.ingest.html import document_from_html
from zonewatch.model import DateValue, Document, Extraction, Precision
from zonewatch.pipeline import default_components, prepare

FIXTURES = Path(__file__).parent / "fixtures"
PUB = DateValue(dt.date(2025, 3, 30), Precision.DAY, "2025-03-30")


def run(doc: Document) -> Extraction:
    ex = Extraction(doc)
    for component in default_components():
        ex = component(ex)
    return ex


def text_doc(text: str, language: str) -> Document:
    return Document(text, language, published=PUB)


def html_doc(name: str) -> Document:
    path = FIXTURES / name
    return prepare(document_from_html(path.read_text(encoding="utf-8"), str(path)))


def rows(ex: Extraction) -> list[tuple[object, ...]]:
    """(investors, amount value, currency, parent, place, project) of every record read from a table row."""
    return [
        (
            [m.raw for m in p.investors],
            int(p.amount.value) if p.amount else None,
            p.amount.currency if p.amount else None,
            p.parent,
            p.place.raw if p.place else None,
            p.project.raw if p.project else None,
        )
        for p in ex.projects
        if p.evidence and p.evidence[0].slice(ex.document.text).startswith("|")
    ]


def assert_grounded(ex: Extraction) -> None:
    text = ex.document.text
    for p in ex.projects:
        for m in (*p.investors, *p.hosts, p.place, p.project):
            if m is not None:
                assert m.span.slice(text) == m.raw
        if p.amount is not None:
            assert p.amount.span.slice(text) == p.amount.raw
        if p.date is not None and p.date.span is not None:
            assert p.date.span.slice(text) == p.date.raw
        if p.stage is not None:
            assert p.stage.span.slice(text) == p.stage.raw


# As trafilatura writes a table: a blank after each row's last bar.
ZH_SIGNING = (
    "3月28日，绵阳高新区举行一季度重大项目集中签约活动，现场签约项目2个，总投资55亿元。签约项目如下：\n"
    "| 序号 | 项目名称 | 投资方 | 投资额（亿元） | \n|---|---|---|---|\n"
    "| 1 | 新型显示模组项目 | 四川长虹电子控股集团有限公司 | 30 | \n"
    "| 2 | 锂电池正极材料项目 | 天齐锂业股份有限公司 | 25 | \n"
)

# (id, language, text, expected rows)
TEXT_CASES = [
    (
        "zh-count-parent",
        "zh",
        ZH_SIGNING,
        [
            (["四川长虹电子控股集团有限公司"], 3_000_000_000, "CNY", "p1", "绵阳高新区", "新型显示模组项目"),
            (["天齐锂业股份有限公司"], 2_500_000_000, "CNY", "p1", "绵阳高新区", "锂电池正极材料项目"),
        ],
    ),
    (
        "zh-sum-parent-wan-location-column",
        "zh",
        "5月8日，某经开区集中签约一批项目，总投资5.5亿元。\n"
        "| 项目 | 签约企业 | 计划投资（万元） | 建设地点 |\n|---|---|---|---|\n"
        "| 精密模具项目 | 甲科技有限公司、乙精工有限公司 | 30,000 | 东区 |\n"
        "| 仓储物流中心 | 丙物流有限公司 | 25000 | 西区 |\n| 合计 |  | 55000 |  |\n",
        [
            (["甲科技有限公司", "乙精工有限公司"], 300_000_000, "CNY", "p1", "东区", "精密模具项目"),
            (["丙物流有限公司"], 250_000_000, "CNY", "p1", "西区", "仓储物流中心"),
        ],
    ),
    (
        "zh-unit-in-cell-no-prose",
        "zh",
        "| 项目名称 | 投资主体 | 总投资 |\n|---|---|---|\n| 数据中心项目 | 丁云计算有限公司 | 12亿元 |\n",
        [(["丁云计算有限公司"], 1_200_000_000, "CNY", None, None, "数据中心项目")],
    ),
    (
        "zh-unit-line",
        "zh",
        "单位：万元\n| 项目名称 | 投资方 | 投资额 |\n|---|---|---|\n| 新材料项目 | 戊材料有限公司 | 8000 |\n",
        [(["戊材料有限公司"], 80_000_000, "CNY", None, None, "新材料项目")],
    ),
    (
        "zh-empty-amount-needs-both",
        "zh",
        "| 项目名称 | 投资方 | 投资额（亿元） |\n|---|---|---|\n| 甲项目 | 己有限公司 | 待定 |\n| 乙项目 |  |  |\n",
        [(["己有限公司"], None, None, None, None, "甲项目")],
    ),
    (
        "en-usd-million",
        "en",
        "On March 3, the zone signed agreements with two companies worth US$150 million in total.\n"
        "| Company | Project | Investment (US$ million) | Jobs |\n|---|---|---|---|\n"
        "| Acme Motors Inc. | EV battery plant | 100 | 800 |\n| Borealis Tech | R&D centre | 50 | 120 |\n",
        [
            (["Acme Motors Inc."], 100_000_000, "USD", "p1", None, "EV battery plant"),
            (["Borealis Tech"], 50_000_000, "USD", "p1", None, "R&D centre"),
        ],
    ),
    (
        "en-rmb-100-million-location",
        "en",
        "| Investor | Project | Investment (RMB 100 million) | Location |\n|---|---|---|---|\n"
        "| Zeta Chemicals Co., Ltd. | Fine chemicals project | 12.5 | Nanjing Chemical Park |\n",
        [(["Zeta Chemicals Co., Ltd."], 1_250_000_000, "CNY", None, "Nanjing Chemical Park", "Fine chemicals project")],
    ),
    (
        "en-cell-units",
        "en",
        "| Company | Amount |\n|---|---|\n| Omega Steel | US$ 40 million |\n| Sigma Foods | ₹ 120 crore |\n",
        [
            (["Omega Steel"], 40_000_000, "USD", None, None, None),
            (["Sigma Foods"], 1_200_000_000, "INR", None, None, None),
        ],
    ),
    (
        "zh-title-row-above-header",
        "zh",
        "| 2025年一季度签约项目表 |\n|---|\n| 项目名称 | 投资方 | 投资额（亿元） |\n| 芯片封装项目 | 庚半导体有限公司 | 18 |\n",
        [(["庚半导体有限公司"], 1_800_000_000, "CNY", None, None, "芯片封装项目")],
    ),
    (
        "en-crore-short",
        "en",
        "| Name of company | Investment (₹ cr) |\n|---|---|\n| Kappa Textiles | 75 |\n",
        [(["Kappa Textiles"], 750_000_000, "INR", None, None, None)],
    ),
    (
        "zh-group-rows-are-not-projects",
        "zh",
        "| 序号 | 项目名称 | 投资方 | 投资额（亿元） |\n|---|---|---|---|\n| 一、先进制造业 |  |  | 15 |\n"
        "| 1 | 轴承项目 | 壬精密有限公司 | 15 |\n| （二）现代服务业 |  |  | 6 |\n| 2 | 冷链项目 | 癸冷链有限公司 | 6 |\n"
        "| 其中：外资 |  |  | 6 |\n",
        [
            (["壬精密有限公司"], 1_500_000_000, "CNY", None, None, "轴承项目"),
            (["癸冷链有限公司"], 600_000_000, "CNY", None, None, "冷链项目"),
        ],
    ),
    (
        "en-subtotal-and-a-company-called-total",
        "en",
        "| Company | Investment (US$ million) |\n|---|---|\n| TotalEnergies | 90 |\n| Sub-total | 90 |\n",
        [(["TotalEnergies"], 90_000_000, "USD", None, None, None)],
    ),
    # Not project tables: nothing from them.
    ("zh-gdp", "zh", "| 年份 | 地区生产总值（亿元） |\n|---|---|\n| 2023 | 1630 |\n| 2024 | 1755 |\n", []),
    ("zh-budget", "zh", "| 项目 | 预算数（万元） |\n|---|---|\n| 科学技术支出 | 1800 |\n", []),
    ("en-no-amount-column", "en", "| Company | Project | Jobs |\n|---|---|---|\n| Acme | Plant | 500 |\n", []),
    ("en-revenue", "en", "| Company | Revenue (US$ million) |\n|---|---|\n| Acme | 300 |\n", []),
    ("en-no-unit-anywhere", "en", "| Company | Investment |\n|---|---|\n| Acme | 300 |\n", []),
    # Broken tables.
    ("missing-header", "zh", "| 1 | 新型显示模组项目 | 某某公司 | 30 |\n| 2 | 锂电池项目 | 某某公司 | 25 |\n", []),
    ("single-line", "en", "| Company | Investment (US$ million) |\n", []),
    (
        "ragged-rows",
        "en",
        "| Company | Project | Investment (US$ million) |\n|---|---|---|\n| Acme | Plant |\n| Beta | Depot | 7 | extra |\n",
        [(["Acme"], None, None, None, None, "Plant"), (["Beta"], 7_000_000, "USD", None, None, "Depot")],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), [c[1:] for c in TEXT_CASES], ids=[c[0] for c in TEXT_CASES])
def test_text_tables(language: str, text: str, expected: list[tuple[object, ...]]) -> None:
    ex = run(text_doc(text, language))
    assert rows(ex) == expected
    assert_grounded(ex)


def test_ids_in_order_and_parent_points_at_aggregate() -> None:
    ex = run(text_doc(ZH_SIGNING, "zh"))
    assert [p.id for p in ex.projects] == ["p1", "p2", "p3"]
    top = ex.projects[0]
    assert top.amount is not None and top.amount.raw == "55亿元" and top.parent is None
    for p in ex.projects[1:]:
        assert p.date == top.date and p.stage == top.stage and p.count is not None and p.count.value == 1


def test_parts_exceed_total_with_table_parts() -> None:
    text = ZH_SIGNING.replace("| 25 |", "| 45 |")  # 30 + 45 > 55, and the count still says 2
    ex = run(text_doc(text, "zh"))
    [finding] = [f for f in ex.findings if f.kind == "parts_exceed_total"]
    assert finding.project == "p1"


@pytest.mark.parametrize(
    ("language", "text", "jobs"),
    [
        ("en", "| Company | Investment (US$ million) | Jobs |\n|---|---|---|\n| Acme | 10 | 1,200 |\n", 1200),
        ("zh", "| 投资方 | 投资额（亿元） | 用工 |\n|---|---|---|\n| 甲有限公司 | 3 | 500人 |\n", 500),
        ("zh", "| 投资方 | 投资额（亿元） | 用工 |\n|---|---|---|\n| 甲有限公司 | 3 | 待定 |\n", None),
    ],
)
def test_jobs_column(language: str, text: str, jobs: int | None) -> None:
    ex = run(text_doc(text, language))
    [p] = ex.projects
    assert (int(p.jobs.value) if p.jobs else None) == jobs
    if p.jobs is not None:
        assert p.jobs.span.slice(ex.document.text) == p.jobs.raw


def test_a_row_the_prose_already_gave_is_not_repeated() -> None:
    text = (
        "The park signed two projects worth US$150 million. Acme Motors Inc. will invest US$100 million "
        "in an EV battery plant.\n"
        "| Company | Project | Investment (US$ million) |\n|---|---|---|\n"
        "| Acme Motors Inc. | EV battery plant | 100 |\n| Borealis Tech | R&D centre | 50 |\n"
    )
    ex = run(text_doc(text, "en"))
    amounts = sorted(int(p.amount.value) for p in ex.projects if p.amount)
    assert amounts == [50_000_000, 100_000_000, 150_000_000]
    assert_grounded(ex)


@pytest.mark.parametrize(
    ("language", "text", "m2"),
    [
        ("zh", "| 投资方 | 投资额（亿元） | 用地（亩） |\n|---|---|---|\n| 甲有限公司 | 3 | 150 |\n", 100_000),
        ("zh", "| 投资方 | 投资额（亿元） | 占地面积 |\n|---|---|---|\n| 甲有限公司 | 3 | 2万平方米 |\n", 20_000),
        ("en", "| Company | Investment (US$ million) | Land (acres) |\n|---|---|---|\n| Acme | 10 | 25 |\n", 101_171),
        ("en", "| Company | Investment (US$ million) | Area |\n|---|---|---|\n| Acme | 10 | 25 |\n", None),
    ],
)
def test_area_column(language: str, text: str, m2: int | None) -> None:
    ex = run(text_doc(text, language))
    [p] = ex.projects
    assert (round(p.area.value) if p.area else None) == m2
    if p.area is not None:
        assert p.area.span.slice(ex.document.text) == p.area.raw


def test_no_table_leaves_extractor_records_alone() -> None:
    doc = text_doc("某公司投资10亿元建设新项目。", "zh")
    ex = run(doc)
    assert merge(doc, ex.projects) == list(ex.projects)


def test_find_tables_offsets() -> None:
    text = "intro\n| A | B |\n|---|---|\n| x | 1 |\ntail"
    [table] = find_tables(text)
    assert [c.raw for c in table.header] == ["A", "B"]
    assert [[c.span.slice(text) for c in r] for r in table.rows] == [["x", "1"]]
    assert table.span.slice(text) == "| A | B |\n|---|---|\n| x | 1 |"


# (fixture, expected rows, expected number of records in all)
HTML_CASES = [
    (
        "zh_signing.html",
        [
            (["四川长虹电子控股集团有限公司"], 3_000_000_000, "CNY", "p1", "绵阳高新区", "新型显示模组项目"),
            (["天齐锂业股份有限公司"], 2_500_000_000, "CNY", "p1", "绵阳高新区", "锂电池正极材料项目"),
            (["深圳市某某科技有限公司"], 3_100_000_000, "CNY", "p1", "绵阳高新区", "智能终端产业园项目"),
        ],
        4,
    ),
    (
        "en_mous.html",
        [
            (
                ["Blue Star Ltd"],
                6_000_000_000,
                "INR",
                "p1",
                "Sri City industrial park",
                "Air conditioner compressor plant",
            ),
            (["Daikin India"], 4_000_000_000, "INR", "p1", "Sri City industrial park", "Heat pump unit"),
            (["Havells India Ltd"], 2_500_000_000, "INR", "p1", "Sri City industrial park", "Cable factory"),
        ],
        4,
    ),
    ("zh_gdp.html", [], 0),
]


@pytest.mark.parametrize(("name", "expected", "total"), HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_html_tables(name: str, expected: list[tuple[object, ...]], total: int) -> None:
    ex = run(html_doc(name))
    assert rows(ex) == expected
    assert len(ex.projects) == total
    assert not ex.findings
    assert_grounded(ex)
