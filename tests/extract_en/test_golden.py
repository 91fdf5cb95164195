"""Golden tests on the bundled sample announcements (examples/en, written by us): the projects a reader expects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import ROOT
from zonewatch.extract.en import extract_projects
from zonewatch.model import DateValue, Document, Precision, Project

EXAMPLES = ROOT / "examples" / "en"


def _published(value: str | None) -> DateValue | None:
    if value is None:
        return None
    if len(value) == 7:
        return DateValue(dt.date.fromisoformat(value + "-01"), Precision.MONTH, value)
    return DateValue(dt.date.fromisoformat(value), Precision.DAY, value)


def _extract(name: str, published: str | None = None) -> list[Project]:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return extract_projects(Document(text, "en", name, published=_published(published)))


def _row(p: Project) -> tuple:
    return (
        [m.name for m in p.investors],
        (str(p.amount.value), p.amount.currency, p.amount.qualifier.value) if p.amount else None,
        int(p.count.value) if p.count else None,
        p.date.iso() if p.date else None,
        p.place.name if p.place else None,
        p.parent,
    )


# (file, --published, expected rows: investors, (value, currency, qualifier), count, date, place, parent)
GOLDEN = [
    ("01-single-signing.txt", None, [
        (["Zhejiang Geely Holding Group"], ("12500000000", "CNY", "exact"), 1, "2023-03-14", "Hangzhou Bay New Area", None),
    ]),
    ("02-monthly-roundup.txt", "2023-06", [
        (["Bosch"], ("1000000000", "CNY", "approx"), 1, "2023-06-05", "Suzhou Industrial Park", None),
        ([], ("3600000000", "CNY", "exact"), 5, "2023-06-12", "Suzhou Industrial Park", None),
        (["Innovent Biologics"], ("1200000000", "CNY", "exact"), 1, "2023-06-12", "Suzhou Industrial Park", "p2"),
        (["Samsung Electronics"], ("300000000", "USD", "exact"), 1, "2023-06-20", "Suzhou Industrial Park", None),
    ]),
    ("03-aggregate-ceremony.txt", None, [
        ([], ("46500000000", "CNY", "exact"), 28, "2022-09-08", "Hefei High-tech Industry Development Zone", None),
        (["Gotion High-tech"], ("12000000000", "CNY", "exact"), 1, "2022-09-08", "Hefei High-tech Industry Development Zone", "p1"),
        (["BOE Technology Group"], ("3500000000", "CNY", "exact"), 1, "2022-09-08", "Hefei High-tech Industry Development Zone", "p1"),
        (["Sungrow Power Supply"], ("2800000000", "CNY", "exact"), 1, "2022-09-08", "Hefei High-tech Industry Development Zone", "p1"),
    ]),
    ("04-usd-battery-plant.txt", None, [
        (["Envision AESC"], ("2000000000", "USD", "exact"), 1, "2022-04-12", "Bowling Green", None),
    ]),
    ("05-inr-crore.txt", "2023-02-17", [
        ([], ("132950000000", "INR", "exact"), 7, "2023-02-16", "Andhra Pradesh", None),
        (["JSW Steel"], ("88000000000", "INR", "exact"), 1, "2023-02-16", "Kadapa district", "p1"),
        (["Greenko Group"], ("23000000000", "INR", "exact"), 1, "2023-02-16", "Kurnool district", "p1"),
    ]),
    ("06-eur-serbia.txt", None, [
        (["Brose"], ("70000000", "EUR", "exact"), 1, "2023-05-10", "Niš", None),
    ]),
    ("07-figures-not-investments.txt", "2023-07-21", [
        (["China Mobile"], ("4500000000", "CNY", "exact"), 1, "2023-07-20", "Tianfu Software Park", None),
    ]),
    ("08-groundbreaking.txt", None, [
        ([], ("38600000000", "CNY", "exact"), 32, "2024-01-10", "Liangjiang New Area", None),
        (["Changan Automobile"], ("6800000000", "CNY", "exact"), 1, "2024-01-10", "Liangjiang New Area", "p1"),
    ]),
    ("09-machine-translated.txt", None, [
        ([], ("46000000000", "CNY", "exact"), 16, "2021-05-18", "Xiangyang City", None),
        (["Hubei Dinglong Holdings"], ("10000000000", "CNY", "at_least"), 1, "2021-05-18", "Xiangyang City", "p1"),
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "published", "expected"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_examples_give_the_projects_a_reader_expects(name: str, published: str | None, expected: list[tuple]) -> None:
    assert [_row(p) for p in _extract(name, published)] == expected


def test_every_example_has_a_golden_entry() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.txt")) == sorted(g[0] for g in GOLDEN)


def test_ids_follow_text_order() -> None:
    projects = _extract("03-aggregate-ceremony.txt")
    assert [p.id for p in projects] == ["p1", "p2", "p3", "p4"]
    starts = [p.amount.span.start for p in projects if p.amount]
    assert starts == sorted(starts)


def test_stated_conversion_belongs_to_its_amount_and_is_no_project() -> None:
    (p,) = _extract("01-single-signing.txt")
    assert [(c.value, c.currency, c.raw) for c in p.stated_conversions] == [
        (Decimal("1810000000"), "USD", "$1.81 billion")
    ]


def test_ranges_keep_their_upper_bound() -> None:
    p = _extract("09-machine-translated.txt")[1]
    assert p.amount is not None and p.amount.upper == Decimal("15000000000")


@pytest.mark.parametrize(
    ("name", "stages"),
    [
        ("01-single-signing.txt", ["signed"]),
        ("02-monthly-roundup.txt", ["operating", "signed", "signed", "signed"]),
        ("08-groundbreaking.txt", ["started", "started"]),
    ],
)
def test_stages_follow_the_cue_verbs(name: str, stages: list[str]) -> None:
    assert [p.stage.stage.value if p.stage else None for p in _extract(name, "2024-12")] == stages


def test_figures_that_are_not_investments_make_no_project() -> None:
    # GDP, output value, tax revenue, money already invested, an annual plan, a size threshold.
    values = [p.amount.value for p in _extract("07-figures-not-investments.txt") if p.amount]
    assert values == [Decimal("4500000000")]


def test_incentives_and_grants_are_not_investments() -> None:
    assert [p.amount.value for p in _extract("04-usd-battery-plant.txt") if p.amount] == [Decimal("2000000000")]
    assert [p.amount.value for p in _extract("06-eur-serbia.txt") if p.amount] == [Decimal("70000000")]


def test_a_signing_without_an_amount_is_a_record_with_amount_null() -> None:
    text = (
        "Aug 6 | Innovation centre\n"
        "On August 6, Chengdu Hi-Tech Zone and Amazon Web Services signed an agreement to build a joint innovation centre.\n"
    )
    doc = Document(text, "en", published=_published("2020-08"))
    (p,) = extract_projects(doc)
    assert (p.amount, [m.name for m in p.investors], p.date.iso() if p.date else None) == (
        None,
        ["Amazon Web Services"],
        "2020-08-06",
    )


def test_empty_text_gives_no_projects() -> None:
    assert extract_projects(Document("", "en")) == []
    assert extract_projects(Document("   \n\n", "en")) == []


def test_example_paths_exist() -> None:
    assert Path(EXAMPLES).is_dir()


def test_an_aggregate_whose_parts_add_up_counts_their_projects() -> None:
    text = (
        "Pune, March 2 (agencies): The park developer signed MoUs worth Rs 9,000 crore with firms.\n"
        "A steel maker will set up a rolling mill with a proposed investment of Rs 6,000 crore.\n"
        "MoUs were also signed with three other companies including Alpha Forge, Beta Polymers and Gamma Tubes "
        "for factories with a total investment of Rs 3,000 crore.\n"
    )
    rows = [(int(p.count.value) if p.count else None, p.parent) for p in extract_projects(Document(text, "en"))]
    assert rows == [(4, None), (1, "p1"), (3, "p1")]


def test_clauses_split_two_amounts_of_one_sentence() -> None:
    text = (
        "Among them, Yiling Pharmaceutical plans to invest 1.5 billion yuan in a drug base; the GCL Technology's "
        "module project has a total investment of 2.6 billion yuan, and the COMAC maintenance base by Xinyu Aviation "
        "has an investment of 3 billion yuan."
    )
    assert [[m.name for m in p.investors] for p in extract_projects(Document(text, "en"))] == [
        ["Yiling Pharmaceutical"],
        ["GCL Technology"],
        ["Xinyu Aviation"],
    ]


def test_respectively_pairs_companies_with_amounts_in_order() -> None:
    text = "Projects by Huawei, ZTE and Inspur, worth 2 billion, 1.5 billion and 800 million yuan respectively, were signed."
    rows = [
        ([m.name for m in p.investors], p.amount.value if p.amount else None) for p in extract_projects(Document(text))
    ]
    assert rows == [(["Huawei"], Decimal(2000000000)), (["ZTE"], Decimal(1500000000)), (["Inspur"], Decimal(800000000))]


def test_an_amount_told_twice_is_one_project() -> None:
    text = (
        "Tencent will invest RMB 5 billion in a new headquarters in Chengdu Hi-Tech Zone, the zone said on Monday. "
        "The RMB 5 billion headquarters will host 3,000 staff."
    )
    assert [p.amount.raw for p in extract_projects(Document(text)) if p.amount] == ["RMB 5 billion"]


def test_two_equal_amounts_of_different_investors_stay_two() -> None:
    text = "Alpha Motors will invest RMB 1 billion in a plant. Beta Chemicals will invest RMB 1 billion in a lab."
    assert [[m.name for m in p.investors] for p in extract_projects(Document(text))] == [
        ["Alpha Motors"],
        ["Beta Chemicals"],
    ]
