"""Cue words around an amount: what makes a figure no investment commitment, and what does not."""

from __future__ import annotations

import pytest

from zonewatch.extract.en.cues import count_in, is_not_investment, stage_in


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("The zone's regional GDP reached ", " in the first half"),
        ("Total industrial output value stood at ", ""),
        ("tax revenue came to ", ""),
        ("Bluetown has invested ", " in constructing an ecological town"),
        ("Malaysia recorded ", " worth of approved investments"),
        ("which was 4.4% higher than the ", " approved"),
        ("biomedicine had become an industry of ", " in Haikou"),
        ("is expected to rake in ", " in operating revenues by 2025"),
        ("A total of ", " of investment will be made in the projects this year"),
        ("Over 78 percent of the projects involve deals of more than ", ""),
        ("five of the projects signed are for investments exceeding ", ""),
        ("The state approved up to ", " in incentives for the project"),
        ("The company raised ", " in its IPO on the STAR Market"),
        ("The zone aims to attract ", " in 2024"),
        ("bringing its total investment there to ", ""),
        ("with a registered capital of ", ""),
        ("Approved investments totalled ", " during the same period"),
        ("The group plans to invest ", " in its plants this year"),
        ("The group plans to invest ", " in its plants next year"),
        ("A total of ", " will be invested in the projects next year"),
        # a tally of the fiscal year just ended
        ("Units in the Kandla SEZ attracted ", " in investments last fiscal"),
        ("The zone drew ", " of investment in the previous financial year, officials said"),
        ("The company will receive up to ", " in state tax credits"),
        ("The facility will bring 85 jobs with an annual payroll of ", ""),
        ("Abbott added that Texas had attracted ", " in semiconductor investments over the past year"),
        ("Rajeeve said the state expects investments worth ", " in the sector by 2026"),
        ("The state offered an incentive package of up to ", ""),
    ],
)
def test_figures_that_are_not_commitments(before: str, after: str) -> None:
    assert is_not_investment(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("On August 20, Tencent and Chengdu High-tech Zone signed an agreement to invest ", ""),
        ("inked 70 major projects with a total contract investment value of over ", ""),
        ("9 of them invested a total of more than ", ""),
        ("Tencent raised its investment to ", ""),
        ("The industrial cluster project, with an investment of ", ""),
        ("The project has a budget of ", ""),
        ("which has an investment of ", " and is expected to have an annual output of 3 million tons"),
        # "this year" / "next year" on the project's own timeline is no annual plan
        ("Kellan Foods will invest ", " in a plant in Brightwater County starting next year"),
        ("Construction of the ", " plant will begin by the end of next year"),
        ("Greenfield Motors will spend ", " on the line, which is due to open early next year"),
        # next year is when what a party will invest is spent
        ("Harlow Logistics will invest ", " in the park next year, the county said"),
        ("Orvane Textiles plans to also invest about ", " in a new mill in Surat next year"),
        # public support for a plant is not what the plant is
        ("Norvik Steel will invest ", " in a mill eligible for state tax credits"),
        # a past stretch that does not count the amount itself
        ("Samsung will invest ", " in a plant, its largest in the past decade"),
        ("BYD will invest ", " in the last quarter of 2025 to build a plant"),
    ],
)
def test_commitments_are_kept(before: str, after: str) -> None:
    assert not is_not_investment(before, after)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("25 major projects settled in Chengdu with a total amount of ", 25),
        ("Thirty-six projects with total investment of ", 36),
        ("has formalized five framework agreements, collectively valued at ", 5),
        ("9 of them invested a total of more than ", 9),
        ("One of the approved projects was an investment worth ", 1),
        ("Over 78 percent of the projects involve deals of more than ", None),
        ("a Rs 40,000 crore petrochemical complex", None),
    ],
)
def test_counts(text: str, count: int | None) -> None:
    found = count_in(text)
    assert (found.value if found else None) == count


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Tencent and the zone signed an agreement to invest", "signed"),
        ("Shenzhen kicked off construction of 245 projects", "started"),
        ("Bosch put its plant into operation", "operating"),
        ("ByteDance plans to build an innovative business center", "announced"),
        ("the zone's output grew", None),
    ],
)
def test_stages(text: str, stage: str | None) -> None:
    found = stage_in(text)
    assert (found[0].value if found else None) == stage
