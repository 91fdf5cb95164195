"""Golden tests on the Chinese sample announcements in examples/zh (written for zonewatch)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from zonewatch.extract.zh import extract_projects
from zonewatch.ingest.files import read_path
from zonewatch.pipeline import prepare

EXAMPLES = ROOT / "examples" / "zh"

# (investors, amount, currency, qualifier, count, date, place, parent, stage) per record, in text order
GOLDEN: dict[str, list[tuple[list[str], int, str, str, int, str | None, str | None, str | None, str]]] = {
    "01-single-signing.txt": [
        (["星河智能装备股份有限公司"], 2_500_000_000, "CNY", "approx", 1, "2023-06-09", "绵阳高新区", None, "signed"),
    ],
    "02-aggregate-signing.txt": [
        ([], 32_600_000_000, "CNY", "exact", 18, "2022-11-17", "宜宾临港经济技术开发区", None, "signed"),
        ([], 24_800_000_000, "CNY", "exact", 12, "2022-11-17", "宜宾临港经济技术开发区", "p1", "signed"),
        ([], 7_800_000_000, "CNY", "exact", 6, "2022-11-17", "宜宾临港经济技术开发区", "p1", "signed"),
        ([], 28_100_000_000, "CNY", "exact", 15, "2022-11-17", "宜宾临港经济技术开发区", "p1", "signed"),
        ([], 4_500_000_000, "CNY", "exact", 3, "2022-11-17", "宜宾临港经济技术开发区", "p1", "signed"),
        (
            ["远景动力技术有限公司"],
            12_000_000_000,
            "CNY",
            "exact",
            1,
            "2022-11-17",
            "宜宾临港经济技术开发区",
            "p1",
            "signed",
        ),
        (
            ["四川华鲲新材料科技有限公司"],
            3_500_000_000,
            "CNY",
            "exact",
            1,
            "2022-11-17",
            "宜宾临港经济技术开发区",
            "p1",
            "signed",
        ),
        (
            ["凯盛光伏材料集团"],
            2_000_000_000,
            "CNY",
            "approx",
            1,
            "2022-11-17",
            "宜宾临港经济技术开发区",
            "p1",
            "signed",
        ),
    ],
    "03-groundbreaking.txt": [
        ([], 18_600_000_000, "CNY", "approx", 32, "2021-04-26", "合肥新站高新区", None, "started"),
        (["维信诺"], 5_000_000_000, "CNY", "exact", 1, "2021-04-26", "合肥新站高新区", "p1", "started"),
        ([], 860_000_000, "CNY", "exact", 1, "2021-04-26", "合肥新站高新区", "p1", "started"),
    ],
    "04-signing-and-groundbreaking.txt": [
        ([], 15_200_000_000, "CNY", "exact", 8, "2020-09-17", "南昌经济技术开发区", None, "signed"),
        ([], 6_300_000_000, "CNY", "exact", 5, "2020-09-17", "南昌经济技术开发区", None, "started"),
        (
            ["江铃汽车集团有限公司"],
            3_000_000_000,
            "CNY",
            "exact",
            1,
            "2020-09-17",
            "南昌经济技术开发区",
            "p1",
            "signed",
        ),
        (["欣旺达电子股份有限公司"], 2_500_000_000, "CNY", "exact", 1, "2020-09-17", "南昌", "p2", "started"),
    ],
    "05-economy-figures.txt": [
        (["中电科"], 5_000_000_000, "CNY", "exact", 1, "2019-10-22", "成都高新区", None, "signed"),
    ],
    "06-traditional.txt": [
        (
            ["精鋒科技股份有限公司"],
            12_000_000_000,
            "TWD",
            "approx",
            1,
            "2024-03-07",
            "臺中精密機械科技創新園區",
            None,
            "signed",
        ),
    ],
    "07-fullwidth-mixed.txt": [
        (["ABB"], 150_000_000, "USD", "exact", 1, "2021-05-08", "苏州工业园区", None, "signed"),
    ],
}
GOLDEN["03-groundbreaking-gbk.txt"] = GOLDEN["03-groundbreaking.txt"]


def records(path: Path) -> list[tuple[list[str], int, str, str, int, str | None, str | None, str | None, str]]:
    doc = prepare(read_path(str(path)))
    assert doc.language == "zh"
    return [
        (
            [m.name for m in p.investors],
            int(p.amount.value) if p.amount else 0,
            p.amount.currency if p.amount else "",
            p.amount.qualifier.value if p.amount else "",
            int(p.count.value) if p.count else 0,
            p.date.iso() if p.date else None,
            p.place.name if p.place else None,
            p.parent,
            p.stage.stage.value if p.stage else "",
        )
        for p in extract_projects(doc)
    ]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_example(name: str) -> None:
    assert records(EXAMPLES / name) == GOLDEN[name]


def test_every_example_is_covered() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.txt")) == sorted(GOLDEN)


def test_the_gbk_example_really_is_gbk() -> None:
    data = (EXAMPLES / "03-groundbreaking-gbk.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "集中开工" in data.decode("gbk")


def test_projects_and_hosts() -> None:
    doc = prepare(read_path(str(EXAMPLES / "01-single-signing.txt")))
    (p,) = extract_projects(doc)
    assert [h.name for h in p.hosts] == ["绵阳高新区管委会"]
    assert p.project is not None and p.project.name == "智能机器人研发制造基地"
    doc = prepare(read_path(str(EXAMPLES / "07-fullwidth-mixed.txt")))
    (p,) = extract_projects(doc)
    assert [(int(c.value), c.currency) for c in p.stated_conversions] == [(970_000_000, "CNY")]
