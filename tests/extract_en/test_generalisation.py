"""Whole paragraphs in wire-service style (our own sentences): the phenomena held-out articles showed.

Each case runs through the pipeline and states which figures are commitments and which are not.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zonewatch.model import DateValue, Document, Precision, Project
from zonewatch.pipeline import prepare, run


def _projects(text: str, published: str = "2024-11-20") -> list[Project]:
    pub = DateValue(dt.date.fromisoformat(published), Precision.DAY, published)
    return list(run(prepare(Document(text=text, language="en"), lang="en", published=pub)).projects)


def _amounts(projects: list[Project]) -> set[tuple[Decimal, str]]:
    return {(p.amount.value, p.amount.currency) for p in projects if p.amount}


def _d(s: str) -> Decimal:
    return Decimal(s)


# (paragraph, figures that are commitments, figures that are not)
STATISTICS = [
    # a running total after the new project
    (
        "HANOI, Nov 18 (Reuters) - Samsung Display will invest $1.8 billion in a new OLED line in Bac Ninh province, "
        "raising the company's total investment in the province to $7.3 billion, the provincial government said.",
        {(_d("1800000000"), "USD")},
        {(_d("7300000000"), "USD")},
    ),
    (
        "Mitsui Chemicals will put another 40 billion yen into its Nagoya works, bringing its overall spending "
        "on the site to about 310 billion yen.",
        {(_d("40000000000"), "JPY")},
        {(_d("310000000000"), "JPY")},
    ),
    # a period FDI total opening the sentence
    (
        "In the first nine months of this year, Jiangsu province attracted more than $19.6 billion in foreign "
        "direct investment, the commerce department said. On Monday, Bosch signed an agreement to invest "
        "2 billion yuan in a sensor plant in Wuxi.",
        {(_d("2000000000"), "CNY")},
        {(_d("19600000000"), "USD")},
    ),
    (
        "So far this year, the zone has drawn FDI of $950 million. Toyota will invest $300 million in a parts plant.",
        {(_d("300000000"), "USD")},
        {(_d("950000000"), "USD")},
    ),
    (
        "The province received $2.7 billion in FDI between January and September. Kia will invest $400 million "
        "in an engine plant there.",
        {(_d("400000000"), "USD")},
        {(_d("2700000000"), "USD")},
    ),
    # a past event's tally reported as background
    (
        "Tamil Nadu attracted investment commitments of Rs 5.2 lakh crore at its global investors meet in February. "
        "On Tuesday, Hyundai signed an MoU to invest Rs 9,000 crore in a car plant near Chennai.",
        {(_d("90000000000"), "INR")},
        {(_d("5200000000000"), "INR")},
    ),
    # a coordinated clause shares the sentence's time frame and subject
    (
        "Last year, the park's gross domestic product reached 210.4 billion yuan, and its actual use of foreign "
        "capital was 1.7 billion dollars. On Monday, LG Chem signed a deal to invest 3 billion yuan in a cathode plant.",
        {(_d("3000000000"), "CNY")},
        {(_d("210400000000"), "CNY"), (_d("1700000000"), "USD")},
    ),
    (
        "In 2023, the district's industrial output topped 96 billion yuan, while its foreign investment came to "
        "640 million U.S. dollars. Haier will invest 1.5 billion yuan in a new appliance base there.",
        {(_d("1500000000"), "CNY")},
        {(_d("96000000000"), "CNY"), (_d("640000000"), "USD")},
    ),
    (
        "Hyundai's investment in Indonesia now totals $2.9 billion. The carmaker will invest $400 million "
        "more in its Cikarang plant.",
        {(_d("400000000"), "USD")},
        {(_d("2900000000"), "USD")},
    ),
    (
        "Samsung has put a total of $19.5 billion into the country to date. It will invest $1.1 billion in a "
        "chip packaging line in Thai Nguyen.",
        {(_d("1100000000"), "USD")},
        {(_d("19500000000"), "USD")},
    ),
    (
        "Anhui attracted 140 projects worth 52 billion yuan in the first three quarters, officials said. NIO will "
        "invest 3 billion yuan in the first phase of a battery swap plant in Hefei.",
        {(_d("3000000000"), "CNY")},
        {(_d("52000000000"), "CNY")},
    ),
    (
        "Shandong drew 9.1 billion dollars in foreign investment from January to September.",
        set(),
        {(_d("9100000000"), "USD")},
    ),
    (
        "Karnataka attracted foreign direct investment of 540 billion rupees in the 2023/24 fiscal year. "
        "Boeing will invest 12 billion rupees in an engineering campus near Bengaluru.",
        {(_d("12000000000"), "INR")},
        {(_d("540000000000"), "INR")},
    ),
    # a new subject after the statistic is news, not the statistic's continuation
    (
        "Its sales reached $3 billion in 2023, and the company will invest $1 billion in a new plant in Saltillo.",
        {(_d("1000000000"), "USD")},
        {(_d("3000000000"), "USD")},
    ),
    # a company bringing FDI is a commitment; a region's FDI inflow is not
    (
        "Pegatron will bring FDI of $800 million into Tamil Nadu with a new phone plant in Chengalpattu. "
        "Foreign direct investment into the state totalled $9.1 billion last year.",
        {(_d("800000000"), "USD")},
        {(_d("9100000000"), "USD")},
    ),
    # cumulative since founding, and a target for the year
    (
        "Since its establishment, the park has attracted total investment of more than $3.1 billion. Nestle "
        "will invest $120 million in a coffee plant there.",
        {(_d("120000000"), "USD")},
        {(_d("3100000000"), "USD")},
    ),
    (
        "This year, the district aims to sign 60 projects worth 35 billion yuan. On Friday, Midea signed a deal "
        "to invest 4 billion yuan in a compressor base.",
        {(_d("4000000000"), "CNY")},
        {(_d("35000000000"), "CNY")},
    ),
    (
        "The zone's exports reached 12 billion dollars, and its utilised foreign capital stood at 800 million "
        "dollars. Pfizer said it would invest 500 million dollars in a vaccine plant in the zone.",
        {(_d("500000000"), "USD")},
        {(_d("12000000000"), "USD"), (_d("800000000"), "USD")},
    ),
]


@pytest.mark.parametrize(("text", "taken", "skipped"), STATISTICS)
def test_statistics_are_not_commitments(text: str, taken: set, skipped: set) -> None:
    found = _amounts(_projects(text))
    assert taken <= found
    assert not (skipped & found)


# a sub-group by kind of money, with its own count, is its own record under the aggregate
SUBSETS = [
    (
        "The zone signed 25 projects worth a total of 12.4 billion yuan on Friday. Among them, 9 are "
        "foreign-funded projects with a combined investment of 830 million U.S. dollars.",
        (_d("830000000"), "USD", 9),
    ),
    (
        "A total of 40 projects with a total investment of 31 billion yuan for Liuzhou were signed at the fair. Of these, "
        "27 are domestically funded projects with an investment of 22.5 billion yuan.",
        (_d("22500000000"), "CNY", 27),
    ),
]


@pytest.mark.parametrize(("text", "part"), SUBSETS)
def test_funding_type_subsets_are_records(text: str, part: tuple) -> None:
    projects = _projects(text)
    value, currency, count = part
    [sub] = [p for p in projects if p.amount and (p.amount.value, p.amount.currency) == (value, currency)]
    assert sub.count is not None and int(sub.count.value) == count
    parent = next(p for p in projects if p.id == sub.parent)
    assert parent.count is not None and int(parent.count.value) > count
    assert sub.place == parent.place


def test_sector_share_stays_a_subtotal() -> None:
    projects = _projects(
        "The zone signed 25 projects worth a total of 12.4 billion yuan on Friday. Among them, 14 are "
        "advanced manufacturing projects with a combined investment of 7 billion yuan."
    )
    assert _amounts(projects) == {(_d("12400000000"), "CNY")}


# "N lease agreements / contracts / MoUs worth X": an aggregate of unnamed counterparties
AGGREGATES = [
    (
        "ABU DHABI, Feb 12 (WAM) - Jebel Ali Free Zone (Jafza) signed seven lease agreements worth more than "
        "AED 450 million with logistics firms on February 10.",
        (_d("450000000"), "AED", "at_least", 7),
    ),
    (
        "RIYADH, March 3 - The Royal Commission for Jubail and Yanbu signed 12 contracts worth SAR 2.3 billion "
        "with industrial investors on Sunday.",
        (_d("2300000000"), "SAR", "exact", 12),
    ),
    (
        "SHARJAH, Apr 9 (WAM) - Hamriyah Free Zones Sharjah signed eleven lease agreements worth more than "
        "AED 320 million with food manufacturers on April 7.",
        (_d("320000000"), "AED", "at_least", 11),
    ),
    (
        "Hamriyah Free Zone signed lease agreements worth AED 210 million with six manufacturers on Monday.",
        (_d("210000000"), "AED", "exact", 6),
    ),
    (
        "Sharjah Airport International Free Zone signed 14 new leases worth Dh95 million with logistics firms.",
        (_d("95000000"), "AED", "exact", 14),
    ),
    (
        "The authority inked five MoUs worth over Dh800 million with manufacturers on Monday.",
        (_d("800000000"), "AED", "at_least", 5),
    ),
    (
        "The economic city signed four land deals worth more than 900 million riyals with food processors.",
        (_d("900000000"), "SAR", "at_least", 4),
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGGREGATES)
def test_signed_agreements_worth_are_aggregates(text: str, expected: tuple) -> None:
    value, currency, qualifier, count = expected
    [p] = _projects(text)
    assert p.amount is not None
    assert (p.amount.value, p.amount.currency, p.amount.qualifier.value) == (value, currency, qualifier)
    assert p.count is not None and int(p.count.value) == count
    assert p.investors == ()


def test_size_threshold_still_skipped() -> None:
    projects = _projects(
        "The zone signed 30 projects worth 20 billion yuan on Friday, including 6 projects worth more than "
        "1 billion yuan each."
    )
    assert _amounts(projects) == {(_d("20000000000"), "CNY")}


# the destination: a named site without a zone word, and a specific site over the dateline city
PLACES = [
    (
        "DUBAI, Jan 5 (Reuters) - Aramex will invest AED 300 million in a new freight terminal at Dubai South, "
        "the free zone authority said.",
        "Dubai South",
        "Aramex",
    ),
    (
        "Emirates SkyCargo signed an agreement to invest Dh500 million in a cargo village at Masdar City, a free "
        "zone in Abu Dhabi, on Monday.",
        "Masdar City",
        "Emirates SkyCargo",
    ),
    (
        "On Tuesday, Adani Green signed an MoU to invest Rs 12,000 crore in a solar park at Khavda.",
        "Khavda",
        "Adani Green",
    ),
    (
        "CHENNAI, March 14 (Reuters) - Foxconn will invest Rs 1,600 crore in a new display module plant at the "
        "SIPCOT industrial park in Sriperumbudur, the state government said.",
        "SIPCOT industrial park",
        "Foxconn",
    ),
    (
        "PUNE, June 3 (Reuters) - Hyundai will invest Rs 6,000 crore in a car plant in Talegaon, the state "
        "government said.",
        "Talegaon",
        "Hyundai",
    ),
]


@pytest.mark.parametrize(("text", "place", "investor"), PLACES)
def test_destination_is_the_named_site(text: str, place: str, investor: str) -> None:
    [p] = _projects(text)
    assert p.place is not None and p.place.name == place
    assert [m.name for m in p.investors] == [investor]


@pytest.mark.parametrize("opener", ["Meanwhile", "Separately", "However", "Elsewhere"])
def test_sentence_adverb_is_not_part_of_the_investor(opener: str) -> None:
    [p] = _projects(f"{opener} Continental AG signed an agreement to invest 900 million yuan in a brake plant in Wuhu.")
    assert [m.name for m in p.investors] == ["Continental AG"]


def test_an_explicit_date_beats_the_dateline_and_the_zone_is_the_place() -> None:
    [p] = _projects(
        "SHARJAH, Apr 9 (WAM) - Hamriyah Free Zones Sharjah signed eleven lease agreements worth more than "
        "AED 320 million with food manufacturers on April 7.",
        "2024-04-10",
    )
    assert p.date is not None and p.date.iso() == "2024-04-07"
    assert p.place is not None and p.place.name == "Hamriyah Free Zones Sharjah"


def test_a_place_followed_by_a_speaker_is_not_a_person() -> None:
    [p] = _projects(
        "Vedanta signed an agreement on Friday to invest Rs 8,000 crore in a smelter in Jharsuguda, the chief "
        "minister said."
    )
    assert p.place is not None and p.place.name == "Jharsuguda"


def test_a_country_in_a_possessive_is_not_an_investor() -> None:
    [p] = _projects(
        "Nvidia will invest $2 billion in a data centre in Haifa, the largest such deal in Israel's history."
    )
    assert [m.name for m in p.investors] == ["Nvidia"]


def test_a_clause_after_news_without_a_figure_is_still_a_commitment() -> None:
    [p] = _projects("Geely said its sales rose 20 percent, and its new plant in Tatabanya will cost 1.1 billion euros.")
    assert p.amount is not None and (p.amount.value, p.amount.currency) == (_d("1100000000"), "EUR")
    assert [m.name for m in p.investors] == ["Geely"]
    assert p.place is not None and p.place.name == "Tatabanya"


def test_dateline_with_country_is_not_the_destination() -> None:
    projects = _projects(
        "DANANG, Vietnam, Oct 3 (Reuters) - Foxconn will invest an additional $380 million in its component "
        "factory in Bac Giang, the provincial government said on Thursday."
    )
    [p] = projects
    assert p.place is not None and p.place.name == "Bac Giang"
    assert p.date is not None and p.date.iso() == "2024-10-03"


def test_proposals_worth_is_an_aggregate_with_its_parts() -> None:
    agg, part = _projects(
        "Karnataka's cabinet on Monday approved investment proposals worth Rs 86,000 crore, including a "
        "Rs 22,000 crore display fab by Vedanta in Dharwad."
    )
    assert agg.amount is not None and agg.amount.value == _d("860000000000")
    assert agg.count is None and agg.investors == ()
    assert part.parent == agg.id and [m.name for m in part.investors] == ["Vedanta"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Wingtech will invest 6 billion yuan in a new module plant in the West Lake zone.", "West Lake zone"),
        (
            "Emirates Steel will invest AED 900 million in a rolling mill in the Mussafah industrial city.",
            "Mussafah industrial city",
        ),
        ("Lulu Group will invest Dh150 million in a food park in the Jebel Ali free zone.", "Jebel Ali free zone"),
    ],
)
def test_a_name_with_a_lower_case_zone_word_is_the_zone(text: str, place: str) -> None:
    [p] = _projects(text)
    assert p.place is not None and p.place.name == place


def test_the_site_named_next_beats_the_state_named_with_the_amount() -> None:
    projects = _projects(
        "BENGALURU, June 4 (Reuters) - Wistron will invest Rs 2,200 crore in Karnataka, the state government "
        "said.\n\nThe factory will come up at the KIADB industrial area in Narasapura."
    )
    [p] = projects
    assert p.place is not None and p.place.name in ("KIADB industrial area", "Narasapura")


# economic statistics with a linking verb, or dated to a past fiscal year, are not commitments
@pytest.mark.parametrize(
    ("text", "taken", "skipped"),
    [
        (
            "Mexico's auto parts production was $105 billion in FY23, the trade ministry said. Bosch will invest "
            "$300 million in a brake plant in Queretaro.",
            {(_d("300000000"), "USD")},
            {(_d("105000000000"), "USD")},
        ),
        (
            "The country's electronics manufacturing stood at Rs 9.5 lakh crore in 2023-24. Dixon Technologies "
            "will invest Rs 1,000 crore in a display module unit in Noida.",
            {(_d("10000000000"), "INR")},
            {(_d("9500000000000"), "INR")},
        ),
        (
            "Bavaria's chemical output value reached 41 billion euros, officials said. BASF will invest 600 million "
            "euros in a catalyst plant near Munich.",
            {(_d("600000000"), "EUR")},
            {(_d("41000000000"), "EUR")},
        ),
        (
            "The cluster's annual turnover totalled 7.2 billion dollars. Corning will invest 250 million dollars "
            "in a glass factory in the cluster.",
            {(_d("250000000"), "USD")},
            {(_d("7200000000"), "USD")},
        ),
    ],
)
def test_economic_statistics_are_not_commitments(text: str, taken: set, skipped: set) -> None:
    found = _amounts(_projects(text))
    assert taken <= found
    assert not (skipped & found)


def test_a_future_fiscal_year_keeps_the_commitment() -> None:
    found = _amounts(_projects("Hindalco will invest Rs 4,500 crore in a copper smelter in Odisha in 2027-28."))
    assert (_d("45000000000"), "INR") in found


# one facility built jointly by two companies is one project, not one per builder
@pytest.mark.parametrize(
    "text",
    [
        "The cabinet on Thursday cleared a Rs 84,000 crore fabrication plant by Infineon Technologies and "
        "Larsen & Toubro in Dholera, along with two assembly projects.",
        "The state approved a $4 billion battery factory to be built by LG Energy Solution and Honda Motor, "
        "one of several deals in total.",
    ],
)
def test_a_joint_facility_is_one_project(text: str) -> None:
    [p] = _projects(text)
    assert p.count is not None and p.count.value == 1


def test_several_companies_signing_agreements_are_still_counted() -> None:
    [p] = _projects("Acme Robotics, Borealis Foods and Cygnus Labs signed agreements worth $90 million in total.")
    assert p.count is not None and p.count.value == 3


# a superseded earlier figure is not a new commitment
@pytest.mark.parametrize(
    ("text", "taken", "skipped"),
    [
        (
            "Infineon said on Monday it would expand its Dresden fab, raising its planned investment to more than "
            "9 billion euros. The chipmaker had earlier earmarked 5 billion euros for the site.",
            {(_d("9000000000"), "EUR")},
            {(_d("5000000000"), "EUR")},
        ),
        (
            "Freyr will now spend $3.2 billion on the Georgia plant, up from an earlier $1.7 billion.",
            {(_d("3200000000"), "USD")},
            {(_d("1700000000"), "USD")},
        ),
        (
            "Hyundai will invest $7.6 billion in the Savannah site. The carmaker initially planned to spend "
            "$5.5 billion there.",
            {(_d("7600000000"), "USD")},
            {(_d("5500000000"), "USD")},
        ),
        (
            "Nidec will invest 150 billion yen in the motor works. It previously pledged 90 billion yen.",
            {(_d("150000000000"), "JPY")},
            {(_d("90000000000"), "JPY")},
        ),
    ],
)
def test_superseded_figures_are_not_commitments(text: str, taken: set, skipped: set) -> None:
    found = _amounts(_projects(text))
    assert taken <= found
    assert not (skipped & found)


def test_an_initial_phase_is_still_a_commitment() -> None:
    found = _amounts(_projects("Vinfast will initially invest $800 million in the first phase of its plant."))
    assert (_d("800000000"), "USD") in found


def test_a_total_over_several_projects_keeps_its_count() -> None:
    [p] = _projects("Guangxi kicked off 27 projects with a total of 14 billion yuan project investment on Tuesday.")
    assert p.count is not None and p.count.value == 27


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "In the second half of 2024, the Northgate Special Economic Zone signed agreements worth $1.2 billion "
            "with 15 companies.",
            "2024-07",
        ),
        (
            "In the third quarter, Kellan Foods agreed to invest $200 million in a plant in Brightwater County.",
            "2024-07",
        ),
        # a day told in the sentence beats the quarter; a quarter that has not begun is a plan, not a date
        (
            "Kellan Foods said on Monday it will invest $200 million in a plant in Brightwater County, with "
            "construction to begin in the first quarter of next year.",
            "2024-11-18",
        ),
        # "by the end of the third quarter" is a deadline: the publication dates the commitment
        (
            "Kellan Foods will invest $200 million in a plant in Brightwater County by the end of the third quarter.",
            "2024-11-20",
        ),
    ],
)
def test_a_quarter_dates_a_project_when_no_day_is_told(text: str, date: str) -> None:
    projects = _projects(text)
    assert [p.date.iso() if p.date else None for p in projects] == [date]


# public support offered for a project is not its investment (the project's own figure still is)
AID = [
    (
        "Kellan Foods Inc. will invest $50 million in Brightwater County, creating 200 jobs. The company will "
        "receive up to $1.5 million in state tax credits, officials said.",
        {(_d("50000000"), "USD")},
        {(_d("1500000"), "USD")},
    ),
    (
        "Arcadia Batteries LLC will invest approximately $1.3 billion in a battery factory in Harlan County. "
        "The state offered an incentive package of up to $95 million.",
        {(_d("1300000000"), "USD")},
        {(_d("95000000"), "USD")},
    ),
    (
        "Sri Vyshnavi Pharma will set up a Rs 1,200 crore unit in Visakhapatnam and get capital subsidies "
        "worth Rs 90 crore from the state.",
        {(_d("12000000000"), "INR")},
        {(_d("900000000"), "INR")},
    ),
    # an amount for a plant that tax credits help pay for is still the investment
    (
        "Norvik Steel will invest $75 million in a mill eligible for state tax credits.",
        {(_d("75000000"), "USD")},
        set(),
    ),
]


@pytest.mark.parametrize(("text", "taken", "skipped"), AID)
def test_incentives_and_grants_are_not_commitments(text: str, taken: set, skipped: set) -> None:
    found = _amounts(_projects(text))
    assert taken <= found
    assert not (skipped & found)


@pytest.mark.parametrize(
    ("text", "investors"),
    [
        # who reports the news is no investor
        (
            "The Lakeview Economic Development Corporation said Monday that Norvik Steel plans a $75 million "
            "expansion at its mill.",
            ["Norvik Steel"],
        ),
        (
            "Solara Glass has committed USD 120 mn to a float glass line at the Jebel Ali Free Zone, Jafza said.",
            ["Solara Glass"],
        ),
        (
            "Huawei and ZTE will invest $300 million in a research campus, according to Invest Shenzhen.",
            ["Huawei", "ZTE"],
        ),
        # a company that speaks of itself stays one
        (
            "Tencent said on Monday that it will invest RMB 5 billion in a data centre with NetEase.",
            ["Tencent", "NetEase"],
        ),
        ("Kellan Foods said it will invest $50 million in a plant.", ["Kellan Foods"]),
    ],
)
def test_the_source_of_the_news_is_no_investor(text: str, investors: list[str]) -> None:
    assert [[i.name for i in p.investors] for p in _projects(text)] == [investors]


@pytest.mark.parametrize(
    ("text", "investors"),
    [
        # "respectively" pairs the companies and amounts of its own list, not every amount of the sentence
        (
            "Daikin will invest Rs 1,600 crore in a second plant, while Blue Star and Hindustan Coca-Cola Beverages "
            "will invest Rs 900 crore and Rs 500 crore respectively.",
            [["Daikin"], ["Blue Star"], ["Hindustan Coca-Cola Beverages"]],
        ),
        (
            "Huawei, ZTE and Inspur will invest 2 billion, 1.5 billion and 800 million yuan respectively.",
            [["Huawei"], ["ZTE"], ["Inspur"]],
        ),
        # each amount's own agent: "a ... facility by X and a ... plant by Y"
        (
            "The deals include a AED 600 million steel pipe facility by Emirates Pipe Industries and a AED 350 "
            "million food processing plant by Agthia.",
            [["Emirates Pipe Industries"], ["Agthia"]],
        ),
        # a college where a centre is built is not who pays for it
        (
            "Arcadia Batteries LLC will build a battery factory in Harlan County. The company will also invest "
            "$40 million in a training center at the nearby Harlan Technical College.",
            [["Arcadia Batteries LLC"]],
        ),
    ],
)
def test_each_amount_gets_its_own_investor(text: str, investors: list[list[str]]) -> None:
    assert [[i.name for i in p.investors] for p in _projects(text)] == investors


def test_a_grant_named_after_its_amount_is_no_commitment() -> None:
    text = "Arcadia Batteries will invest $1.3 billion in Harlan County. The state added a $25 million grant for site work."
    assert _amounts(_projects(text)) == {(_d("1300000000"), "USD")}


@pytest.mark.parametrize(
    ("text", "project"),
    [
        # a size before the thing built is part of its name, not where the name ends
        (
            "Brightline Logistics will invest $18 million to build a 400,000-square-foot distribution center in "
            "the Crossroads Business Park.",
            "400,000-square-foot distribution center",
        ),
        (
            "Helios Renewables will set up a 2 GW solar module factory at a cost of $750 million in the Kakinada SEZ.",
            "2 GW solar module factory",
        ),
        # a time span after the amount is not the thing built
        (
            "Under the MoU, BYD will invest an estimated US$1 billion over three years to build an EV assembly "
            "plant in the Rayong province.",
            "EV assembly plant",
        ),
        # jobs are not a thing built
        ("Gorenje will invest EUR 20 million and create 2,500 new jobs throughout Serbia.", None),
    ],
)
def test_the_thing_built_is_named(text: str, project: str | None) -> None:
    assert [p.project.name if p.project else None for p in _projects(text)] == [project]


@pytest.mark.parametrize(
    ("text", "investors"),
    [
        # a parent named to describe the investor is not a second investor
        (
            "Lumen Textiles, a subsidiary of Arvind Ltd, will invest Rs 800 crore at the PM MITRA park in Virudhunagar.",
            ["Lumen Textiles"],
        ),
        # a tax agreement's abbreviation is no company
        (
            "The Industrial Development Board approved a PILOT agreement for Orion Foods, which will invest "
            "roughly $65 million.",
            ["Orion Foods"],
        ),
        # a sentence opener is no company; the next sentence names who signed "the deal"
        (
            "Once complete, the $4.5 billion terminal at the Port of Duqm will handle 10 million tonnes a year. "
            "Oman Oil signed the deal with the zone authority on Monday.",
            ["Oman Oil"],
        ),
    ],
)
def test_who_invests_among_the_names_around(text: str, investors: list[str]) -> None:
    assert [[i.name for i in p.investors] for p in _projects(text)] == [investors]


@pytest.mark.parametrize(
    ("text", "investors", "count"),
    [
        # several facilities of one company are that company's
        ("Tesla will build two plants in Austin with a combined investment of $5 billion.", ["Tesla"], 2),
        (
            "Adani Logistics will develop three logistics parks with an investment of Rs 3,000 crore.",
            ["Adani Logistics"],
            3,
        ),
        # an approval of many units or parks is an aggregate without one investor
        ("The Noida SEZ approved 12 units with a total proposed investment of Rs 1,450 crore.", [], 12),
        ("The zone signed 25 projects with Tencent and NetEase worth 12 billion yuan.", [], 25),
    ],
)
def test_several_facilities_and_aggregates(text: str, investors: list[str], count: int) -> None:
    assert [([i.name for i in p.investors], p.count.value if p.count else None) for p in _projects(text)] == [
        (investors, count)
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "Norvale Motor Corp. will invest $2 billion in its Georgetown plant, Gov. Ellen Park said on Tuesday. "
        "Lt. Gov. Ann Lee called it the largest in the state.",
        "LEXINGTON, Ky. (AP) — Norvale Motor Corp. will invest $2 billion in its Georgetown plant. "
        "Sen. Ann Lee called it the largest in the state.",
    ],
)
def test_a_title_or_a_dateline_does_not_hide_the_investor_of_a_follow_up(opening: str) -> None:
    # "The company" reaches two sentences back; "Gov." and "Lt." cut nothing, "Ky"/"LEXINGTON" name no investor
    projects = _projects(opening + " The company will also invest $300 million in a paint shop.")
    assert [([m.raw for m in p.investors], p.amount and p.amount.value) for p in projects] == [
        (["Norvale Motor Corp."], _d("2000000000")),
        (["Norvale Motor Corp."], _d("300000000")),
    ]


def test_next_year_dates_a_commitment_and_this_year_keeps_a_plan() -> None:
    text = (
        "Harlow Logistics will invest $40 million in the Brookvale park next year, the county said. "
        "Separately, the group plans to invest $900 million in its plants this year."
    )
    assert [(p.investors[0].raw, p.amount and p.amount.value) for p in _projects(text)] == [
        ("Harlow Logistics", _d("40000000"))
    ]


def test_people_of_a_country_are_not_the_investor() -> None:
    projects = _projects("Several Malaysians and Americans will invest $10 million in the Kelvar free zone.")
    assert [(p.investors, p.amount and p.amount.value) for p in projects] == [((), _d("10000000"))]


@pytest.mark.parametrize(
    ("text", "investors", "hosts"),
    [
        # a county's development agency announces; the company invests
        (
            "The Tamsin County Economic Development Corporation said Orrel Cold Storage will invest $62 million "
            "in a distribution center.",
            ["Orrel Cold Storage"],
            ["Tamsin County Economic Development Corporation"],
        ),
        # a free zone known by its short name hosts
        (
            "RAKEZ said Pellam Ceramics will invest AED 80 million in a tile plant in Al Ghail Industrial Zone.",
            ["Pellam Ceramics"],
            ["RAKEZ", "Al Ghail Industrial Zone"],
        ),
    ],
)
def test_development_agencies_and_free_zones_host(text: str, investors: list[str], hosts: list[str]) -> None:
    [project] = _projects(text)
    assert [m.raw for m in project.investors] == investors
    assert [m.raw for m in project.hosts] == hosts


def test_a_currency_before_the_amount_is_neither_a_place_nor_the_project() -> None:
    [project] = _projects("Tarran Group will set up a SR 500 million factory in Rabigh City.")
    assert project.place is not None and project.place.raw == "Rabigh City"
    assert project.project is not None and project.project.raw == "factory"


@pytest.mark.parametrize(
    "follow_up",
    [
        "The $120 million investment is expected to create 300 jobs.",
        "The AED 440 million expansion will add two lines.",
        "This Rs 900 crore plant will make tyres.",
    ],
)
def test_the_amount_s_investment_refers_back_to_the_company(follow_up: str) -> None:
    text = "Gov. Ray Colfax said Pelton Tire Co. will establish operations in Orrin County. " + follow_up
    assert [[m.raw for m in p.investors] for p in _projects(text)] == [["Pelton Tire Co."]]


def test_a_zone_authority_signing_puts_the_project_in_its_zone() -> None:
    [project] = _projects(
        "Ajwan Free Zone Authority signed a lease with Tavish Steel, which will invest Dh120 million."
    )
    assert [m.raw for m in project.investors] == ["Tavish Steel"]
    assert project.place is not None and project.place.raw == "Ajwan Free Zone"


def test_units_opening_a_sentence_are_no_investor() -> None:
    [project] = _projects("Units in the Kandla SEZ will invest Rs 1,500 crore in new lines, the commissioner said.")
    assert project.investors == ()


@pytest.mark.parametrize("what", ["capacity", "its capacity", "production", "operations"])
def test_what_grows_is_not_the_project(what: str) -> None:
    [project] = _projects(f"Ardent Cables will invest ₹750 crore to expand {what} in Mundra.")
    assert project.project is None


def test_what_is_built_still_is() -> None:
    [project] = _projects("Ardent Cables will invest ₹750 crore to build a cable plant in Mundra.")
    assert project.project is not None and project.project.raw == "cable plant"
