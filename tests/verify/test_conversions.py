"""conversion_mismatch: fires on a printed conversion the day's rate does not support, silent within rounding."""

from __future__ import annotations

import pytest

from zonewatch.model import Project, Qualifier
from zonewatch.verify.conversions import check_conversions

from .helpers import Builder

# Own sentences; figures like the seed's (RMB 5 billion printed as $7300 million on 20 Aug 2020).
TEXT = (
    "Roundup of signings\n"
    "On August 20, the games group Kestrel agreed to put RMB 5 billion ($7300 million) into a studio campus.\n"
    "The same day Orrin committed about RMB 13 billion ($1.88 billion) to a digital base.\n"
    "Vesta will spend 11 billion RMB ($1.63 billion) on chip packaging; the cluster totals RMB 25.4 billion ($3.76 billion).\n"
    "A fourth firm pledged 13 billion yuan (about 2 billion U.S. dollars).\n"
    "A fifth firm pledged RMB 5 billion ($5 billion).\n"
)


def project(
    b: Builder, pid: str, amount: str, value: str, stated: str, stated_value: str, q: Qualifier = Qualifier.EXACT
) -> Project:
    return Project(
        id=pid,
        amount=b.money(amount, value, q=q),
        stated_conversions=(b.money(stated, stated_value, "USD"),),
        date=b.date("August 20", "2020-08-20"),
    )


@pytest.fixture
def builder() -> Builder:
    return Builder(TEXT, published="2020-08")


def test_unit_slip_fires_with_expected_value_and_factor(builder: Builder) -> None:
    ex = builder.extraction(project(builder, "p1", "RMB 5 billion", "5000000000", "$7300 million", "7300000000"))
    (finding,) = check_conversions(ex)
    assert finding.kind == "conversion_mismatch" and finding.project == "p1"
    assert finding.span.slice(TEXT) == "$7300 million"
    expected = finding.details["expected"]
    assert isinstance(expected, float) and abs(expected - 722.7e6) / 722.7e6 < 0.02
    assert finding.details["factor"] == pytest.approx(10.1, abs=0.05)
    assert "unit slip" in finding.message and "722" in finding.message and "2020-08-20" in finding.message


@pytest.mark.parametrize(
    ("amount", "value", "stated", "stated_value", "q"),
    [
        ("about RMB 13 billion", "13000000000", "$1.88 billion", "1880000000", Qualifier.APPROX),
        ("11 billion RMB", "11000000000", "$1.63 billion", "1630000000", Qualifier.EXACT),
        ("RMB 25.4 billion", "25400000000", "$3.76 billion", "3760000000", Qualifier.EXACT),
        ("13 billion yuan", "13000000000", "about 2 billion U.S. dollars", "2000000000", Qualifier.EXACT),
    ],
)
def test_consistent_conversions_pass(
    builder: Builder, amount: str, value: str, stated: str, stated_value: str, q: Qualifier
) -> None:
    ex = builder.extraction(project(builder, "p1", amount, value, stated, stated_value, q))
    assert check_conversions(ex) == []


def test_unconverted_figure_is_named(builder: Builder) -> None:
    after = TEXT.index("A fifth")
    p = Project(
        id="p5",
        amount=builder.money("RMB 5 billion", "5000000000", after=after),
        stated_conversions=(builder.money("$5 billion", "5000000000", "USD"),),
        date=builder.date("August 20", "2020-08-20"),
    )
    (finding,) = check_conversions(builder.extraction(p))
    assert "unconverted" in finding.message


def test_no_rate_no_finding() -> None:
    b = Builder("Firm X pledged VND 5,000 billion ($100 million) in 2020.\n", published="2020-08-20")
    p = Project(
        id="p1",
        amount=b.money("VND 5,000 billion", "5000000000000", "VND"),
        stated_conversions=(b.money("$100 million", "100000000", "USD"),),
    )
    assert check_conversions(b.extraction(p)) == []


@pytest.mark.parametrize(
    ("stated", "value", "fires"), [("$20.48 billion", "20480000000", False), ("$2.048 billion", "2048000000", True)]
)
def test_dateless_article_uses_the_range_of_all_rates(stated: str, value: str, fires: bool) -> None:
    text = f"A zone signed projects worth 140.9 billion yuan ({stated}) at the expo.\n"
    b = Builder(text)  # no publication date, no event date
    p = Project(
        id="p1",
        amount=b.money("140.9 billion yuan", "140900000000"),
        stated_conversions=(b.money(stated, value, "USD"),),
    )
    findings = check_conversions(b.extraction(p))
    assert bool(findings) is fires
    if fires:
        assert "unit slip" in findings[0].message


@pytest.mark.parametrize(
    ("stated", "value", "fires"), [("$272 million", "272000000", False), ("$2.72 billion", "2720000000", True)]
)
def test_pegged_currency(stated: str, value: str, fires: bool) -> None:
    text = f"The group will invest AED 1 billion ({stated}) in a logistics hub, it said on March 3.\n"
    b = Builder(text, published="2021-03-04")
    p = Project(
        id="p1",
        amount=b.money("AED 1 billion", "1000000000", "AED"),
        stated_conversions=(b.money(stated, value, "USD"),),
        date=b.date("March 3", "2021-03-03"),
    )
    findings = check_conversions(b.extraction(p))
    assert bool(findings) is fires
    if fires:
        assert "peg" in findings[0].message and "3.6725" in findings[0].message


def test_conversion_at_the_publication_days_rate_passes() -> None:
    # a 2015 deal reported in 2024 with dollars at the 2024 rate (7.1-7.2 CNY per USD, not 2015's 6.2)
    text = "In May 2015 the group pledged RMB 10 billion ($1.39 billion) to the park, the 2024 report says.\n"
    b = Builder(text, published="2024-06-03")
    p = Project(
        id="p1",
        amount=b.money("RMB 10 billion", "10000000000"),
        stated_conversions=(b.money("$1.39 billion", "1390000000", "USD"),),
        date=b.date("May 2015", "2015-05"),
    )
    assert check_conversions(b.extraction(p)) == []
    wrong = Project(
        id="p1", amount=p.amount, stated_conversions=(b.money("$1.39 billion", "13900000000", "USD"),), date=p.date
    )
    assert [f.kind for f in check_conversions(b.extraction(wrong))] == ["conversion_mismatch"]
