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
