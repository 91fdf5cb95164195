"""Short announcements (our own sentences) in the styles real sources use and the golden articles cover least:
an Indian state cabinet's approvals in crore, a US county release, a Gulf free-zone signing, a Southeast Asian
industrial-estate lease, a Chinese zone's English roundup, a wire story with a printed conversion.

Each table is grouped by the phenomenon it checks; every field a user reads is asserted somewhere.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zonewatch.model import DateValue, Document, Precision, Project
from zonewatch.pipeline import prepare, run


def _projects(text: str, published: str = "2025-11-22") -> list[Project]:
    pub = DateValue(dt.date.fromisoformat(published), Precision.DAY, published)
    return list(run(prepare(Document(text=text, language="en"), lang="en", published=pub)).projects)


def _one(text: str, value: str) -> Project:
    found = [p for p in _projects(text) if p.amount is not None and p.amount.value == Decimal(value)]
    assert len(found) == 1, [(p.amount.text if p.amount else None) for p in _projects(text)]
    return found[0]


# ---------------------------------------------------------------- what the money builds

# (sentence, amount, project name)
PROJECT_NAMES = [
    # money directly before the facility noun, whatever the currency sign
    ("Acme Corp said on Monday it will build a $500 million factory in Pike County, Ohio.", "500000000", "factory"),
    ("Zeta Corp will set up a ₹1,200 crore plant at the Sricity SEZ.", "12000000000", "plant"),
    ("Omega Ltd plans to invest in a €80 million plant in Szeged.", "80000000", "plant"),
    ("Norvik Steel will build a SR 500 million factory in Jubail.", "500000000", "factory"),
    ("Acme Corp will build a $500-million factory in Pike County.", "500000000", "factory"),
    ("Beta Corp will build a US$500m plant in Pike County.", "500000000", "plant"),
    ("Delta Corp is building an estimated $200 million facility in Pike County.", "200000000", "facility"),
    (
        "Zeta Corp will construct a $90 million, 300,000-square-foot distribution center in Pike County.",
        "90000000",
        "300,000-square-foot distribution center",
    ),
    # the facility after the amount's preposition
    ("Nova Inc will spend $30 million on a new warehouse in Pike County.", "30000000", "new warehouse"),
    (
        "Innovent Biologics will invest 3.5 billion yuan in a biologics manufacturing base in Suzhou.",
        "3500000000",
        "biologics manufacturing base",
    ),
]


@pytest.mark.parametrize(("text", "value", "name"), PROJECT_NAMES)
def test_the_facility_the_money_builds_is_the_project(text: str, value: str, name: str) -> None:
    p = _one(text, value)
    assert p.project is not None and p.project.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Brightline Foods will invest $68 million in the Cumberland Gap Industrial Park.",
        "The state cabinet approved 17 proposals worth Rs 1,35,371 crore, which will create 1.2 lakh jobs.",
    ],
)
def test_a_park_or_a_number_of_jobs_is_no_project_name(text: str) -> None:
    (p,) = _projects(text)
    assert p.project is None or ("park" not in p.project.name.lower() and "jobs" not in p.project.name)


# ---------------------------------------------------------------- companies whose names hold ordinary words

# (text, amount, investor): a statistic's cue word inside a company's name says nothing
COMPANY_WORDS = [
    (
        "Acme Sales Corp will invest $40 million in a new distribution center in Pike County.",
        "40000000",
        "Acme Sales Corp",
    ),
    (
        "Delta Revenue Partners LLC plans to invest $25 million in a data center in Lakeview.",
        "25000000",
        "Delta Revenue Partners LLC",
    ),
    # the short name later, with a company's verb after it
    (
        "Acme Sales Corp plans a distribution center in the Riverside Industrial Park. "
        "Sales will invest $40 million in the center and hire 120 people, the county said.",
        "40000000",
        "Acme Sales Corp",
    ),
    # the short name defined in brackets after the full name
    (
        "Acme Sales Corp (“Sales”) signed a lease in the Harbor Logistics Park. "
        "Sales in turn is to put $12 million into a warehouse there.",
        "12000000",
        "Acme Sales Corp",
    ),
]


@pytest.mark.parametrize(("text", "value", "investor"), COMPANY_WORDS)
def test_a_company_named_with_an_ordinary_word_is_still_the_investor(text: str, value: str, investor: str) -> None:
    p = _one(text, value)
    assert [m.name for m in p.investors] == [investor]


@pytest.mark.parametrize(
    "text",
    [
        # without a company's verb, a sentence opening with the common word is the statistic it says
        "Acme Sales Corp opened a store in Pike County. Sales rose to $40 million in the quarter.",
        "Acme Sales Corp is based in Ohio. Sales reached $40 million last year.",
    ],
)
def test_an_ordinary_word_opening_a_sentence_is_no_company(text: str) -> None:
    assert _projects(text) == []


def test_a_lone_ordinary_word_is_not_read_as_the_company_without_evidence() -> None:
    text = (
        "Acme Sales Corp and Pike County signed an agreement on Monday. "
        "Sales growth in the county helped, and Brightline Foods will invest $9 million in a plant there."
    )
    p = _one(text, "9000000")
    assert [m.name for m in p.investors] == ["Brightline Foods"]


# ---------------------------------------------------------------- Indian amounts and cabinets

CABINET = (
    "Cabinet clears five industrial projects worth Rs 12,450 crore\n\n"
    "BHUBANESWAR, Nov 20: The state cabinet chaired by Chief Minister Mohan Majhi on Wednesday approved five "
    "industrial projects with a combined investment of Rs 12,450 crore that are expected to generate employment "
    "for 9,800 people.\n"
    "The largest is a Rs 7,200 crore aluminium downstream park by Vedanta Limited at Jharsuguda, which will "
    "employ 4,500 people.\n"
    "Tata Steel will set up a Rs 3,100 crore cold rolling mill at Kalinganagar, creating 2,200 jobs.\n"
    "The remaining three projects, in food processing and textiles, account for Rs 2,150 crore.\n"
)

MAHARASHTRA = (
    "Maharashtra cabinet approves Rs 1.35 lakh crore of investment proposals\n\n"
    "MUMBAI, Oct 8 (PTI) - The Maharashtra cabinet on Tuesday approved 17 investment proposals worth "
    "Rs 1,35,371 crore under its industrial policy, which are expected to create 1.2 lakh jobs.\n"
    "They include a Rs 40,000 crore semiconductor fab by RRP Electronics in Navi Mumbai and a Rs 20,000 crore "
    "electric vehicle plant by JSW Green Mobility at Chhatrapati Sambhajinagar.\n"
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The cabinet approved proposals worth Rs 1,35,371 crore on Tuesday.", "1353710000000"),
        ("Reliance will invest ₹1,00,000 crore in a gigafactory in Jamnagar.", "1000000000000"),
        ("Adani Green will invest Rs 12,34,567 in a pilot plant.", "1234567"),
    ],
)
def test_indian_digit_grouping_is_one_number(text: str, value: str) -> None:
    (p,) = _projects(text)
    assert p.amount is not None and p.amount.value == Decimal(value)


def test_a_cabinet_release_is_an_aggregate_with_its_named_parts() -> None:
    projects = _projects(CABINET)
    assert [(p.amount.value if p.amount else None) for p in projects] == [
        Decimal("124500000000"),
        Decimal("72000000000"),
        Decimal("31000000000"),
    ]
    total, vedanta, tata = projects
    assert total.count is not None and total.count.value == 5
    assert [m.name for m in vedanta.investors] == ["Vedanta Limited"]
    assert [m.name for m in tata.investors] == ["Tata Steel"]
    assert vedanta.parent == tata.parent == total.id
    assert tata.place is not None and tata.place.name == "Kalinganagar"
    # "Nov 20: ... on Wednesday": the Wednesday of the dateline, and the parts were approved with the whole
    assert {p.date.date for p in projects if p.date} == {dt.date(2025, 11, 19)}


def test_parts_listed_with_they_include_belong_to_the_total() -> None:
    total, fab, ev = _projects(MAHARASHTRA)
    assert total.amount is not None and total.amount.value == Decimal("1353710000000")
    assert total.count is not None and total.count.value == 17
    assert fab.parent == ev.parent == total.id
    assert [m.name for m in fab.investors] == ["RRP Electronics"]
    assert [m.name for m in ev.investors] == ["JSW Green Mobility"]
    assert total.date is not None and total.date.date == dt.date(2025, 10, 7)
    # "a <amount> fab by X in P and a <amount> plant by Y at Q": each noun phrase keeps its own site
    assert fab.place is not None and fab.place.name == "Navi Mumbai"
    assert ev.place is not None and ev.place.name == "Chhatrapati Sambhajinagar"
    assert fab.project is not None and fab.project.name == "semiconductor fab"
    assert ev.project is not None and ev.project.name == "electric vehicle plant"


def test_jobs_in_lakh_are_read() -> None:
    total = _projects(MAHARASHTRA)[0]
    assert total.jobs is not None and total.jobs.value == 120000


# ---------------------------------------------------------------- dates read from the wire dateline


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "DUBAI, Nov 3 - Jebel Ali Free Zone on Monday signed an agreement with Aster Pharma Industries to set up "
            "a Dh 275 million plant.",
            "2025-11-03",
        ),
        (
            "BANGKOK, Sept 9, 2025 - Linglong Tire said on Tuesday it will invest 5.6 billion baht in a tyre plant "
            "in Rayong.",
            "2025-09-09",
        ),
        (
            "MUMBAI, Oct 8 (PTI) - JSW Steel said yesterday it will invest Rs 5,000 crore in a plant in Nagpur.",
            "2025-10-07",
        ),
    ],
)
def test_a_weekday_is_read_from_the_dateline_of_a_page_published_later(text: str, date: str) -> None:
    (p,) = _projects(text)
    assert p.date is not None and p.date.date == dt.date.fromisoformat(date)


# ---------------------------------------------------------------- public support is not the investment

COUNTY = (
    "Harlan County commissioners approve incentives for Brightline Foods expansion\n\n"
    "HARLAN, Ky. (Oct. 14, 2025) - The Harlan County Fiscal Court on Tuesday approved a 10-year, $2.4 million "
    "property tax abatement for Brightline Foods Inc., which plans a $68 million expansion of its snack plant in "
    "the Cumberland Gap Industrial Park.\n"
    "The project will add 145 full-time jobs paying an average of $21 an hour and includes the purchase of "
    "32 acres next to the existing plant.\n"
    "Construction is expected to begin in spring 2026, the Harlan County Economic Development Authority said.\n"
)

MEGASITE = (
    "Norvik Steel picks Lakeview County for $310 million mill\n\n"
    "LAKEVIEW, Ga. - Norvik Steel Corp. will invest $310 million to build a steel mini-mill on 210 acres at the "
    "Lakeview Megasite, creating 420 jobs, Gov. Ellen Park announced Thursday.\n"
    "The Lakeview Development Authority approved a payment in lieu of taxes (PILOT) agreement valued at "
    "$18 million over 15 years. Norvik will also receive a $5 million grant from the state's OneGeorgia fund.\n"
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (COUNTY, "68000000"),
        (MEGASITE, "310000000"),
        (
            "Pike County granted a $1.1 million real property tax abatement to Acme Corp for its $30 million plant.",
            "30000000",
        ),
        (
            "The city approved tax increment financing of $4 million for the $45 million Riverside logistics hub.",
            "45000000",
        ),
    ],
)
def test_abatements_and_pilots_are_not_the_investment(text: str, value: str) -> None:
    assert [p.amount.value for p in _projects(text) if p.amount] == [Decimal(value)]


def test_a_county_release_gives_jobs_and_acres_told_in_the_next_sentence() -> None:
    (p,) = _projects(COUNTY)
    assert [m.name for m in p.investors] == ["Brightline Foods Inc."]
    assert p.place is not None and p.place.name == "Cumberland Gap Industrial Park"
    assert p.jobs is not None and p.jobs.value == 145
    assert p.area is not None and round(p.area.value) == 129499  # 32 acres
    assert p.date is not None and p.date.date == dt.date(2025, 10, 14)


# ---------------------------------------------------------------- the next sentence about the same project

# (text, amount, jobs): "The plant will employ ...", "It will ..." go on about the project just told
FOLLOW_UPS = [
    (
        "Bac Giang, Nov 5, 2025 - Korean electronics maker Hanwon Tech received an investment certificate for a "
        "US$85 million factory covering 12 hectares in the Quang Chau Industrial Park.\n"
        "The plant will make camera modules and is expected to hire 2,000 local workers.\n",
        "85000000",
        2000,
    ),
    (
        "TOKYO, Nov 21 (Reuters) - Murata Manufacturing Co said on Friday it would invest 170 billion yen "
        "($1.1 billion) to build a capacitor plant in Thailand's Lamphun province.\n"
        "The plant will start production in 2028 and employ about 1,500 people, the company said.\n",
        "170000000000",
        1500,
    ),
    (
        "Aster Pharma Industries will set up a Dh 275 million plant in the Jebel Ali Free Zone. It will create "
        "350 jobs.",
        "275000000",
        350,
    ),
]


@pytest.mark.parametrize(("text", "value", "jobs"), FOLLOW_UPS)
def test_jobs_told_in_the_next_sentence_about_the_project_are_its_own(text: str, value: str, jobs: int) -> None:
    p = _one(text, value)
    assert p.jobs is not None and p.jobs.value == jobs


@pytest.mark.parametrize(
    "text",
    [
        # others, not the project just told
        "Sungrow will invest 2.8 billion yuan in a storage plant.\nThe remaining 25 projects will create 4,000 jobs.\n",
        # a sentence with a project of its own
        "Sungrow will invest 2.8 billion yuan in a storage plant.\n"
        "The plant next door, a 1 billion yuan BYD works, will employ 900 people.\n",
    ],
)
def test_a_next_sentence_about_other_projects_lends_no_jobs(text: str) -> None:
    p = _one(text, "2800000000")
    assert p.jobs is None


# ---------------------------------------------------------------- free zones named in full and in brackets

FREE_ZONE = (
    "KEZAD signs land lease with Emirates Polymer for AED 450 million recycling plant\n\n"
    "ABU DHABI, 12 November 2025 (WAM) -- Khalifa Economic Zones Abu Dhabi (KEZAD Group) has signed a land lease "
    "agreement with Emirates Polymer Industries to build a AED 450 million (US$122.5 million) plastics recycling "
    "plant in KEZAD Al Ma'mourah.\n"
    "The facility will occupy 60,000 square metres and process 80,000 tonnes of waste a year.\n"
)

JAFZA = (
    "DUBAI, Nov 3 - Jebel Ali Free Zone (Jafza) on Monday signed an agreement with Aster Pharma Industries under "
    "which the company will set up a Dh 275 million pharmaceutical manufacturing facility on a 45,000 square "
    "metre plot in the free zone.\n"
)


def test_a_zone_authority_named_again_in_brackets_is_the_host_not_an_investor() -> None:
    (p,) = _projects(FREE_ZONE)
    assert [m.name for m in p.investors] == ["Emirates Polymer Industries"]
    assert [m.name for m in p.hosts] == ["Khalifa Economic Zones Abu Dhabi"]
    assert p.stage is not None and p.stage.stage.value == "signed"
    assert p.area is not None and p.area.value == 60000
    assert p.project is not None and p.project.name == "plastics recycling plant"  # after the converted amount
    assert [c.currency for c in p.stated_conversions] == ["USD"]


def test_a_bracketed_short_name_of_the_zone_is_one_host() -> None:
    (p,) = _projects(JAFZA)
    assert [m.name for m in p.hosts] == ["Jebel Ali Free Zone"]
    assert p.place is not None and p.place.name == "Jebel Ali Free Zone"
    assert p.date is not None and p.date.date == dt.date(2025, 11, 3)
    assert p.area is not None and p.area.value == 45000


def test_a_roundup_total_with_named_sub_projects() -> None:
    text = (
        "Suzhou Industrial Park signs 36 projects worth 42.6 billion yuan\n\n"
        "SUZHOU, Nov 18 (Xinhua) -- Suzhou Industrial Park on Monday signed 36 projects with a total investment of "
        "42.6 billion yuan (about 5.9 billion U.S. dollars), covering biomedicine, nanotechnology and AI.\n"
        "Among them, Innovent Biologics will invest 3.5 billion yuan in a biologics manufacturing base, and "
        "Samsung Electronics will build a 1.2 billion yuan semiconductor packaging line.\n"
        "The park's actual use of foreign capital reached 1.8 billion dollars in the first ten months of the year.\n"
    )
    total, innovent, samsung = _projects(text)
    assert total.amount is not None and total.amount.value == Decimal("42600000000")
    assert total.count is not None and total.count.value == 36
    assert total.amount.qualifier.value == "exact" and [c.qualifier.value for c in total.stated_conversions] == [
        "approx"
    ]
    assert innovent.parent == samsung.parent == total.id
    assert {p.date.date for p in (total, innovent, samsung) if p.date} == {dt.date(2025, 11, 17)}
    assert all(p.place is not None and p.place.name == "Suzhou Industrial Park" for p in (total, innovent, samsung))
    assert samsung.project is not None and samsung.project.name == "semiconductor packaging line"


def test_a_rai_lease_in_an_industrial_estate() -> None:
    text = (
        "BANGKOK, Sept 9, 2025 - WHA Industrial Development said on Tuesday that Chinese tyre maker Linglong Tire "
        "has leased 120 rai (19.2 hectares) at WHA Eastern Seaboard Industrial Estate 4 in Rayong for a new radial "
        "tyre factory.\n"
        "Linglong plans to invest about 5.6 billion baht in the plant, which will employ 1,300 workers.\n"
    )
    (p,) = _projects(text)
    assert p.amount is not None and p.amount.currency == "THB" and p.amount.qualifier.value == "approx"
    assert [m.name for m in p.investors] == ["Linglong Tire"]
    assert p.date is not None and p.date.date == dt.date(2025, 9, 9)
    assert p.jobs is not None and p.jobs.value == 1300
    assert p.place is not None and p.place.name.startswith("WHA Eastern Seaboard Industrial Estate")
    # "invest ... in the plant": the sentence before, which leased the land for it, tells its area
    assert p.area is not None and p.area.value == 192000


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Hanwon Tech received an investment certificate for a US$85 million factory in Bac Giang.", "signed"),
        ("Linglong Tire has leased 120 rai for a 5.6 billion baht tyre factory in Rayong.", "signed"),
        ("The state cabinet on Wednesday approved a Rs 7,200 crore aluminium park by Vedanta.", "announced"),
    ],
)
def test_a_licence_or_a_lease_binds_like_a_signature(text: str, stage: str) -> None:
    (p,) = _projects(text)
    assert p.stage is not None and p.stage.stage.value == stage


def test_a_hyphenated_site_area_is_read() -> None:
    text = (
        "Murata Manufacturing Co will invest 170 billion yen ($1.1 billion) in a capacitor plant in Lamphun.\n"
        "The plant, on a 25-hectare site, will start production in 2028.\n"
    )
    p = _one(text, "170000000000")
    assert p.area is not None and p.area.value == 250000


def test_a_cabinet_total_takes_no_site_of_one_of_its_parts() -> None:
    total = _projects(CABINET)[0]
    assert total.place is None or total.place.name != "Jharsuguda"


def test_a_cabinet_total_takes_the_site_of_a_later_sentence_without_money() -> None:
    text = (
        "Cabinet clears five projects\n\n"
        "The state cabinet on Wednesday approved five industrial projects worth Rs 12,450 crore.\n"
        "The largest is a Rs 7,200 crore aluminium park by Vedanta Limited at Jharsuguda.\n"
        "All five will come up in the Gopalpur Industrial Park.\n"
    )
    total, part = _projects(text)
    assert total.place is not None and total.place.name == "Gopalpur Industrial Park"
    assert part.place is not None and part.place.name == "Jharsuguda"


# ---------------------------------------------------------------- more project names, as releases write them

# (text, amount, project name)
MORE_PROJECT_NAMES = [
    # what the money buys beats the existing site it goes to
    (
        "SEOUL, Nov 12 (Reuters) - LG Energy Solution said on Wednesday it would invest 1.4 trillion won "
        "($960 million) in a new battery cell line at its Ochang plant in North Chungcheong province.",
        "1400000000000",
        "new battery cell line",
    ),
    # an existing site named by its town, when nothing else is bought
    (
        "Infineon Technologies will invest RM2.5 billion to expand its Kulim plant in the Kulim Hi-Tech Park.",
        "2500000000",
        "Kulim plant",
    ),
    # an acronym before the facility noun
    (
        "A 3.2 billion yuan R&D center by BOE Technology Group was signed in the Chengdu Hi-tech Zone.",
        "3200000000",
        "R&D center",
    ),
    ("Sun Pharma's Rs 900 crore API unit will come up in the Gopalpur Industrial Park.", "9000000000", "API unit"),
    # a foundation stone laid for the project, the amount told after
    (
        "Daikin on Friday laid the foundation stone for its second manufacturing unit at Sri City, with an "
        "investment of Rs 1,000 crore.",
        "10000000000",
        "second manufacturing unit",
    ),
    # the full stops of an abbreviation do not end the name
    (
        "Volta Batteries Inc. will invest $1.2 billion to establish its first U.S. manufacturing operations in "
        "Hardin County.",
        "1200000000",
        "first U.S. manufacturing operations",
    ),
]


@pytest.mark.parametrize(("text", "value", "name"), MORE_PROJECT_NAMES)
def test_project_names_as_releases_write_them(text: str, value: str, name: str) -> None:
    p = _one(text, value)
    assert p.project is not None and p.project.name == name


def test_a_groundbreaking_on_a_weekday_names_no_project() -> None:
    text = "Thirty-two projects worth 38.6 billion yuan broke ground on Wednesday in Liangjiang New Area."
    (p,) = _projects(text)
    assert p.project is None


# ---------------------------------------------------------------- officials announcing are no investors

GOVERNOR = (
    "Gov. Lee announces Volta Batteries to invest $1.2 billion in Hardin County\n\n"
    "NASHVILLE, Tenn. - Tennessee Gov. Bill Lee and Economic and Community Development Commissioner Stuart "
    "McWhorter announced today that Volta Batteries Inc. will invest $1.2 billion to establish its first U.S. "
    "manufacturing operations in Hardin County. The company will create 1,100 new jobs and build a "
    "1.5 million-square-foot facility at the Hardin County Megasite.\n"
)


def test_a_governor_and_a_commissioner_with_titles_inside_their_names_are_people() -> None:
    (p,) = _projects(GOVERNOR)
    assert [m.name for m in p.investors] == ["Volta Batteries Inc."]
    assert p.jobs is not None and p.jobs.value == 1100
    assert p.place is not None and p.place.name in ("Hardin County", "Hardin County Megasite")


@pytest.mark.parametrize(
    ("text", "investor", "host"),
    [
        (
            "Dubai, 6 October 2025: Dubai South has signed an agreement with Al-Futtaim Logistics to develop a "
            "AED 120 million logistics hub spanning 95,000 square metres.",
            "Al-Futtaim Logistics",
            "Dubai South",
        ),
        (
            "Masdar City signed a lease with Siemens Energy for a AED 90 million research centre.",
            "Siemens Energy",
            "Masdar City",
        ),
    ],
)
def test_a_free_zone_without_a_zone_word_is_the_host(text: str, investor: str, host: str) -> None:
    (p,) = _projects(text)
    assert [m.name for m in p.investors] == [investor]
    assert [m.name for m in p.hosts] == [host]


# ---------------------------------------------------------------- parents, operators and regions are no investors

# (text, investors, hosts)
WHO = [
    (
        "HANOI, Nov 6, 2025 - Foxconn subsidiary Fukang Technology has been licensed to invest $551 million in a "
        "factory in the Dong Vang Industrial Park in Quang Ninh province.",
        ["Fukang Technology"],
        ["Dong Vang Industrial Park"],
    ),
    (
        "ABU DHABI, Nov 18, 2025 (WAM) -- AD Ports Group's KEZAD Group signed a 50-year lease agreement with "
        "China's Jiangsu Pharmaceutical for a Dh1.2bn factory in KEZAD Al Ma'mourah covering 200,000 sq m.",
        ["Jiangsu Pharmaceutical"],
        ["KEZAD Group"],
    ),
    (
        "JAKARTA, Oct 22, 2025 - South Korea's Lotte Chemical will invest between $3 billion and $4 billion in a "
        "petrochemical complex in Cilegon, Banten, the investment ministry said.",
        ["Lotte Chemical"],
        [],
    ),
]


WHO.append(
    (
        "JAKARTA, Nov 4, 2025 - Chinese nickel firm Huayou Cobalt will invest US$1.5 billion (Rp 24.5 trillion) in a "
        "battery materials plant in the Weda Bay Industrial Park, North Maluku, the investment ministry said.",
        ["Huayou Cobalt"],
        ["Weda Bay Industrial Park"],
    )
)


@pytest.mark.parametrize(("text", "investors", "hosts"), WHO)
def test_owners_zone_operators_and_regions_are_not_investors(text: str, investors: list, hosts: list) -> None:
    (p,) = _projects(text)
    assert [m.name for m in p.investors] == investors
    assert [m.name for m in p.hosts] == hosts


def test_a_possessive_before_a_town_keeps_the_company() -> None:
    (p,) = _projects("Acme Steel will invest $90 million in Acme Steel's Gary plant and hire 100 people.")
    assert [m.name for m in p.investors] == ["Acme Steel"]


def test_a_range_keeps_its_upper_bound() -> None:
    (p,) = _projects(WHO[2][0])
    assert p.amount is not None and p.amount.value == Decimal("3000000000")
    assert p.amount.qualifier.value == "at_least" and p.amount.upper == Decimal("4000000000")
    assert p.place is not None and p.place.name == "Cilegon"


# ---------------------------------------------------------------- totals "of more than", stages of future tense


def test_projects_with_a_combined_investment_of_more_than_is_a_total_not_a_threshold() -> None:
    text = (
        "WUXI, Nov 20 (Xinhua) -- Wuxi National Hi-tech Industrial Development Zone on Thursday signed 15 projects "
        "with a combined investment of more than 20 billion yuan. They include SK Hynix's 8.6-billion-yuan "
        "packaging plant and a 2-billion-yuan hydrogen fuel cell project by Bosch."
    )
    total, hynix, bosch = _projects(text)
    assert total.amount is not None and total.amount.value == Decimal("20000000000")
    assert total.amount.qualifier.value == "at_least"
    assert total.count is not None and total.count.value == 15
    assert hynix.parent == bosch.parent == total.id
    assert [m.name for m in bosch.investors] == ["Bosch"]
    assert total.date is not None and total.date.date == dt.date(2025, 11, 20)


def test_projects_above_a_threshold_are_still_no_total() -> None:
    text = "The zone has 40 projects with investment of more than 1 billion yuan under way."
    assert _projects(text) == []


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Foxconn will set up a ₹3,500-crore components plant at the SIPCOT Industrial Park.", "announced"),
        ("Ridgeway Components LLC will establish operations in Lexington County with $72 million.", "announced"),
        ("Fukang Technology has been licensed to invest $551 million in a factory in Quang Ninh.", "signed"),
        # a start noun and its verb apart, or a sentence opened by "Work"
        ("Construction of 40 projects worth Rs 5,000 crore started in the Sri City SEZ on Monday.", "started"),
        ("Work began on a $300 million plant of Acme Corp in Pike County.", "started"),
        ("Work on Acme Corp's $300 million plant in Pike County has started.", "started"),
        ("Officials broke ground on 12 projects worth $900 million in the Tianjin Free Trade Zone.", "started"),
        # a start promised later is no start
        ("Acme will invest $30 million in a plant; construction of it will begin in 2026.", "announced"),
    ],
)
def test_stages_of_releases(text: str, stage: str) -> None:
    (p,) = _projects(text)
    assert p.stage is not None and p.stage.stage.value == stage


def test_a_sentence_opened_by_work_names_no_company() -> None:
    (p,) = _projects("Work began on a $300 million plant of Acme Corp in Pike County.")
    assert [m.name for m in p.investors] == ["Acme Corp"]


def test_a_gigafactory_after_a_spread_of_years_is_the_project() -> None:
    text = (
        "HYDERABAD, Nov 11, 2025 - Amara Raja signed an MoU with the Telangana government to invest Rs 9,500 crore "
        "(about $1.1 billion) over 10 years in a lithium-ion gigafactory at Divitipally in Mahabubnagar district."
    )
    (p,) = _projects(text)
    assert p.project is not None and p.project.name == "lithium-ion gigafactory"
    assert [m.name for m in p.investors] == ["Amara Raja"]
    assert [c.qualifier.value for c in p.stated_conversions] == ["approx"]


def test_a_stock_exchange_before_a_ticker_is_no_investor() -> None:
    text = (
        "Northwind Energy Inc. (NYSE: NWE) today announced plans to invest $850 million in a solar panel factory "
        "in Calhoun County, Alabama, creating 1,200 jobs."
    )
    (p,) = _projects(text)
    assert [m.name for m in p.investors] == ["Northwind Energy Inc."]
    assert p.jobs is not None and p.jobs.value == 1200


@pytest.mark.parametrize(
    "text",
    [
        # a distinctive word of the full name needs no more evidence
        "Acme Sales Corp picked Pike County for a warehouse. Acme will invest $40 million in the warehouse.",
        # mid-sentence, an ordinary word capitalised is a name
        "Acme Sales Corp picked Pike County for a warehouse. The county said Sales will invest $40 million in it.",
        "Acme Sales Corp picked Pike County for a warehouse. Sales said it will invest $40 million there.",
    ],
)
def test_a_short_name_is_the_company_named_in_full_before(text: str) -> None:
    (p,) = _projects(text)
    assert [m.name for m in p.investors] == ["Acme Sales Corp"]


@pytest.mark.parametrize(
    "text",
    [
        "Acme Power Ltd opened an office in Pike County. The governor said Power will invest $40 million in a plant.",
        "Acme Power Ltd is a utility. Officials said Power will spend $40 million on a plant in Pike County.",
    ],
)
def test_power_alone_mid_sentence_is_the_company_named_in_full_before(text: str) -> None:
    (p,) = _projects(text)
    assert [m.name for m in p.investors] == ["Acme Power Ltd"]
    assert p.stage is not None and p.stage.stage.value == "announced"


@pytest.mark.parametrize(
    "text",
    [
        "Power demand rose. Acme Corp will invest $40 million in a plant in Pike County.",
        "Acme Power Ltd toured Pike County. Power rose 4%. Acme Corp will invest $40 million there.",
        "Power for the $40 million plant of Acme Corp in Pike County will come from solar panels.",
    ],
)
def test_power_opening_a_sentence_without_a_company_verb_is_no_company(text: str) -> None:
    (p,) = _projects(text)
    assert [m.name for m in p.investors] == ["Acme Corp"]


def test_a_short_word_two_companies_share_stays_as_written() -> None:
    text = "Tata Steel and Tata Motors toured the park. Tata will invest $40 million in a plant there."
    (p,) = _projects(text)
    assert [m.name for m in p.investors] == ["Tata"]


# ---------------------------------------------------------------- a zone's roundup with amounts in brackets

HEFEI = (
    "Hefei High-tech Zone signs 18 projects worth 26.5 billion yuan\n\n"
    "Nov 12 | The Hefei High-tech Industrial Development Zone signed 18 projects with a total investment of "
    "26.5 billion yuan on Wednesday. Major projects include a new energy vehicle parts base by Gotion High-tech "
    "(6 billion yuan), an optical chip plant by iFlytek (3.5 billion yuan) and a biomedical park developed by "
    "Anke Bio (2 billion yuan).\n"
)


def test_amounts_in_brackets_belong_to_the_company_before_them() -> None:
    total, gotion, iflytek, anke = _projects(HEFEI)
    assert [[m.name for m in p.investors] for p in (gotion, iflytek, anke)] == [
        ["Gotion High-tech"],
        ["iFlytek"],
        ["Anke Bio"],
    ]
    assert [p.project.name if p.project else None for p in (gotion, iflytek, anke)] == [
        "new energy vehicle parts base",
        "optical chip plant",
        "biomedical park",
    ]
    assert gotion.parent == iflytek.parent == anke.parent == total.id


def test_a_dated_heading_that_runs_on_into_its_paragraph_is_body_and_the_title_repeats_it() -> None:
    total = _projects(HEFEI)[0]
    assert total.amount is not None and total.amount.value == Decimal("26500000000")
    assert total.count is not None and total.count.value == 18
    assert total.date is not None and total.date.date == dt.date(2025, 11, 12)
    assert sum(1 for p in _projects(HEFEI) if p.amount and p.amount.value == Decimal("26500000000")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp will invest $1 billion and receive incentives from the state for a plant in Ohio.",
        "Beta Corp will invest $1 billion plus tax credits in a plant in Ohio.",
        "Gamma Corp will invest $1 billion with state incentives in a plant in Ohio.",
    ],
)
def test_an_investment_that_also_gets_aid_is_still_the_investment(text: str) -> None:
    (p,) = _projects(text)
    assert p.amount is not None and p.amount.value == Decimal("1000000000")


def test_a_turkish_city_named_like_an_exchange_is_still_a_place() -> None:
    (p,) = _projects("Tofas will invest 500 million euros in a plant in Bursa, the company said.")
    assert p.place is not None and p.place.name == "Bursa"


# ---------------------------------------------------------------- wire dates and places named twice


def test_a_weekday_after_the_amount_beats_the_dateline_date() -> None:
    text = (
        "CHENNAI, Nov 14, 2025 - Tamil Nadu signed five MoUs worth Rs 7,375 crore with companies including Hyundai "
        "and Saint-Gobain on Thursday, expected to create 6,000 jobs."
    )
    (p,) = _projects(text)
    assert p.date is not None and p.date.date == dt.date(2025, 11, 13)
    assert p.count is not None and p.count.value == 5
    assert [m.name for m in p.investors] == ["Hyundai", "Saint-Gobain"]
    assert p.jobs is not None and p.jobs.value == 6000


def test_a_city_named_in_the_dateline_is_a_place_later_too() -> None:
    text = (
        "PHOENIX, Ariz. -- Taiwan's TSMC said on Thursday (Nov. 20) that it will invest an additional $12 billion "
        "in its Arizona fab complex in north Phoenix, bringing its total planned investment in the state to "
        "$177 billion."
    )
    (p,) = _projects(text)
    assert [m.name for m in p.investors] == ["TSMC"]
    assert p.count is not None and p.count.value == 1
    assert p.amount is not None and p.amount.value == Decimal("12000000000")
    assert p.date is not None and p.date.date == dt.date(2025, 11, 20)
    assert p.project is not None and p.project.name == "Arizona fab complex"


def test_a_park_of_a_zone_is_two_places() -> None:
    text = (
        "Acme Corp will invest 2 billion yuan in a chip plant in the Xinwu Industrial Park of Wuxi National "
        "Hi-tech Zone."
    )
    (p,) = _projects(text)
    assert [m.name for m in p.hosts] == ["Xinwu Industrial Park", "Wuxi National Hi-tech Zone"]
    assert p.place is not None and p.place.name == "Xinwu Industrial Park"  # the more precise site


def test_one_word_before_of_is_no_zone_name() -> None:
    (p,) = _projects("Acme Corp will invest $200 million in a terminal at the Port of Antwerp.")
    assert p.place is not None and p.place.name == "Port of Antwerp"
