"""Names: organisations (legal suffixes, acronyms, sentence starts), places, bodies, people, and acronyms."""

from __future__ import annotations

import pytest

from zonewatch.extract.en.context import build
from zonewatch.extract.en.names import Kind, acronym_matches, find_names, place_level
from zonewatch.model import Document, Span


def _names(text: str) -> list[tuple[str, str]]:
    return [(n.name, n.kind.value) for n in find_names(text, Span(0, len(text)))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # companies with legal suffixes and brackets
        (
            "One investment comes from Huamei (Chengdu) Digital Technology Co., Ltd., a studio.",
            [("Huamei (Chengdu) Digital Technology Co., Ltd.", "org")],
        ),
        (
            "The MoU was signed among the Gas Authority of India Ltd (GAIL) and the Andhra Pradesh government.",
            [("Gas Authority of India Ltd", "org"), ("GAIL", "org"), ("Andhra Pradesh", "gov")],
        ),
        # names that start a sentence, ordinary words that start a sentence
        ("Eswin is investing a total of 11 billion RMB.", [("Eswin", "org")]),
        ("Retail chain giant Joy City plans to build a mall.", [("Joy City", "org")]),
        ("Lastly, El-Hamd Company is slated to execute a project.", [("El-Hamd Company", "org")]),
        ("Chinese tech giant Huawei will cooperate with the zone.", [("Huawei", "org")]),
        # a company's plant in a zone: the zone is where it is; the zone's own project is a thing
        ("Ardent Cables will expand its Mundra SEZ plant.", [("Ardent Cables", "org"), ("Mundra SEZ", "place")]),
        ("Ardent Cables joined the Mundra SEZ project.", [("Ardent Cables", "org"), ("Mundra SEZ", "thing")]),
        # people of a country, in the plural, are no organisation
        ("Several Malaysians and Kenyans joined Tata.", [("Tata", "org")]),
        ("Tata hired Americans and Filipinos.", [("Tata", "org")]),
        # "and" inside a name, and between two names
        (
            "It was signed with the University of Electronic Science and Technology of China.",
            [("University of Electronic Science and Technology of China", "academic")],
        ),
        ("Tencent and Chengdu High-tech Zone signed.", [("Tencent", "org"), ("Chengdu High-tech Zone", "place")]),
        (
            "MoUs were signed with Deepak Phenolics and DCM Shriram.",
            [("Deepak Phenolics", "org"), ("DCM Shriram", "org")],
        ),
        # places by suffix, lower-case heads, gazetteer, "in X"
        ("the tourism project in Yizhou district has", [("Yizhou district", "place")]),
        ("a project in Du’an Yao autonomous county,", [("Du’an Yao autonomous county", "place")]),
        (
            "located in Singapore-Sichuan Hi-tech Innovation Park at",
            [("Singapore-Sichuan Hi-tech Innovation Park", "place")],
        ),
        ("Gorenje will expand the plant in Valjevo.", [("Gorenje", "org"), ("Valjevo", "place")]),
        # a town of a known state or city, named with it ("in Assam's Jagiroad"); a country's company stays one
        ("Tata will invest in Assam's Jagiroad.", [("Tata", "org"), ("Assam", "place"), ("Jagiroad", "place")]),
        ("a plant in Tamil Nadu's Hosur, officials said", [("Tamil Nadu", "place"), ("Hosur", "place")]),
        ("It took a stake in China's Huawei.", [("China", "place"), ("Huawei", "org")]),
        # a known place before a speaker's title is no person
        (
            "in Andhra Pradesh's Kakinada, Chairman Mukesh Ambani said",
            [("Andhra Pradesh", "place"), ("Kakinada", "place"), ("Chairman Mukesh Ambani", "person")],
        ),
        ("It invested in Sichuan's Tianfu Group.", [("Sichuan", "place"), ("Tianfu Group", "org")]),
        # bodies, people, things built
        ("The Serbian Ministry of the Economy has decided", [("Serbian Ministry of the Economy", "gov")]),
        ("attended by Mayor Qin Weizhong and", [("Mayor Qin Weizhong", "person")]),
        ("said Vianne Cai, head of marketing.", [("Vianne Cai", "person")]),
        ("The Chairman of Haier visited the plant.", [("Haier", "org")]),  # what the title is of
        ("said Gov. Ellen Park.", [("Gov. Ellen Park", "person")]),  # titles written short
        ("Mr. John Lake said the plant would open.", [("John Lake", "person")]),
        ("The NetEase Chengdu Digital Industry Base has", [("NetEase Chengdu Digital Industry Base", "thing")]),
        ("Ridgeway will expand its Maple County plant.", [("Ridgeway", "org"), ("Maple County", "place")]),
        ("the Lijing Business Travel City project", [("Lijing Business Travel City", "thing")]),
        # descriptions and credits that are no parties
        ("Hong Kong-based Swire Properties signed", [("Swire Properties", "org")]),
        ("TIANJIN, Nov. 12 (Xinhua) -- Haier signed", [("TIANJIN", "place"), ("Haier", "org")]),
    ],
)
def test_names_and_what_they_are(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _names(sentence) == expected


def test_roles_of_places() -> None:
    text = "The conference was held in Shenzhen with enterprises from the Greater Bay Area."
    roles = {n.name: n.role for n in find_names(text, Span(0, len(text))) if n.kind is Kind.PLACE}
    assert roles == {"Shenzhen": "venue", "Greater Bay Area": "origin"}


def test_possessives_are_marked_and_left_out_of_the_name() -> None:
    text = "a complex in 2,000 acres of GMR's Kakinada SEZ."
    names = find_names(text, Span(0, len(text)))
    assert [(n.name, n.possessive) for n in names] == [("GMR", True), ("Kakinada SEZ", False)]


def test_spans_slice_back() -> None:
    text = "On August 20, Tencent and Chengdu High-tech Zone signed; Huamei (Chengdu) Digital Technology Co., Ltd. too."
    for n in find_names(text, Span(0, len(text))):
        assert text[n.span.start : n.span.end] == n.name


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Chengdu Hi-Tech Zone", 4),
        ("Nanshan District", 3),
        ("Chengdu", 2),
        ("Sichuan", 1),
        ("Serbia", 0),
        ("Tencent", None),
    ],
)
def test_place_levels(name: str, level: int | None) -> None:
    assert place_level(name) == level


@pytest.mark.parametrize(
    ("acronym", "full", "ok"),
    [
        ("CDHT", "Chengdu Hi-Tech Zone", True),
        ("KSEZ", "Kakinada SEZ Ltd", True),
        ("SCZone", "Suez Canal Economic Zone", True),
        ("CDHT", "Chengdu New Economy Industrial Functional Zone", False),
        ("AWS", "Tencent Holdings", False),
    ],
)
def test_acronyms_match_the_names_they_abbreviate(acronym: str, full: str, ok: bool) -> None:
    assert acronym_matches(acronym, full) is ok


def _document_names(text: str) -> list[list[tuple[str, str]]]:
    ctx = build(Document(text=text))
    return [[(n.name, n.kind.value) for n in names] for names in ctx.names]


@pytest.mark.parametrize(
    ("text", "later"),
    [
        (
            "Trade Minister Darell Leiking announced the approvals. Darell stated that Malaysia recorded growth.",
            [("Darell", "person"), ("Malaysia", "place")],
        ),
        (
            "The plant will open in March, said Vianne Cai, head of marketing. Cai added that Tencent would hire.",
            [("Cai", "person"), ("Tencent", "org")],
        ),
        (
            "Finance Minister Lim Guan Eng chaired the meeting. Lim Guan Eng said Penang had led.",
            [("Lim Guan Eng", "person"), ("Penang", "place")],
        ),
    ],
)
def test_a_person_named_again_by_part_of_the_name(text: str, later: list[tuple[str, str]]) -> None:
    assert _document_names(text)[-1] == later


@pytest.mark.parametrize(
    ("text", "later"),
    [
        # what a title is of is no person's name
        (
            "The CEO of Foxconn visited the site. Foxconn will invest $1 billion.",
            [("Foxconn", "org")],
        ),
        # a name used before the person is introduced keeps its kind; other companies are untouched
        ("Leiking Holdings will invest. Minister Darell Leiking said Haier agreed.", None),
    ],
)
def test_names_that_are_no_person(text: str, later: list[tuple[str, str]] | None) -> None:
    names = _document_names(text)
    if later is not None:
        assert names[-1] == later
    else:
        assert names[0] == [("Leiking Holdings", "org")] and ("Haier", "org") in names[-1]


@pytest.mark.parametrize(
    "opening",
    ["", "FRANKFORT, Ky. - ", "FRANKFORT, Ky. (AP) — ", "Frankfort, Ky. (Reuters) - ", "Lt. "],
)
def test_a_short_title_opening_a_sentence_is_not_part_of_the_name(opening: str) -> None:
    # one sentence: neither "Ky." nor "Gov." ends it, and the dateline names no party
    text = opening + "Gov. Ellen Park announced Wednesday that Arcadia Batteries will build a plant in Harlan County."
    names = _document_names(text)
    assert len(names) == 1
    assert [n for n in names[0] if n[0] not in ("FRANKFORT", "Frankfort", "Ky")] == [
        ("Ellen Park", "person"),
        ("Arcadia Batteries", "org"),
        ("Harlan County", "place"),
    ]


@pytest.mark.parametrize(
    ("sentence", "dateline"),
    [
        ("FRANKFORT, Ky. - Nexa Corp. will build a plant.", [("FRANKFORT", "Ky")]),
        ("ATLANTA, Ga. (AP) — Nexa Corp. will build a plant.", [("ATLANTA", "Ga")]),
        ("RALEIGH, N.C. — Nexa Corp. will build a plant.", [("RALEIGH", "N.C")]),
        ("DUBAI, UAE: Nexa Corp. will build a plant.", [("DUBAI", "UAE")]),
        ("JACKSON, Miss. — Nexa Corp. will build a plant.", [("JACKSON", "Miss")]),
        # two companies and a dash are no dateline
        ("IBM, Intel — and Nexa Corp. will build plants.", []),
        ("Acme, Nexa — and Nexa Corp. will build plants.", []),
    ],
)
def test_a_dateline_names_places_not_parties(sentence: str, dateline: list[tuple[str, str]]) -> None:
    names = find_names(sentence, Span(0, len(sentence)))
    datelined = [n.name for n in names if n.role == "dateline"]
    assert datelined == [x for pair in dateline for x in pair]
    assert all(n.kind is Kind.PLACE for n in names if n.role == "dateline")
    assert ("Nexa Corp.", "org") in [(n.name, n.kind.value) for n in names]


@pytest.mark.parametrize(
    "sentence",
    [
        "The plant rises in Dalton, Ga.",
        "Its Dalton, Ga., plant will open.",
        "It is in Austin, Tex.",
        "It rises in Lowndes County, Miss., this year.",
    ],
)
def test_a_state_abbreviation_after_a_town_is_a_place(sentence: str) -> None:
    assert [n.kind for n in find_names(sentence, Span(0, len(sentence)))] == [Kind.PLACE, Kind.PLACE]


@pytest.mark.parametrize(
    "sentence",
    [
        "Among them is Yellowstone Robotics Co., Ltd.'s research centre in Fuzhou.",
        "Among them is Yellowstone Robotics Co., Ltd. with a research centre in Fuzhou.",
    ],
)
def test_a_legal_ending_after_a_comma_stays_in_the_name_also_when_possessive(sentence: str) -> None:
    orgs = [n for n, kind in _names(sentence) if kind == "org"]
    assert orgs == ["Yellowstone Robotics Co., Ltd."]
