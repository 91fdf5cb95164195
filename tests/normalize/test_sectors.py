"""Sectors and project types from the data taxonomy, in both languages; none when nothing fits."""

from __future__ import annotations

import pytest

from zonewatch.model import Document, Extraction, Mention, Project, Span
from zonewatch.normalize.sectors import classify, classify_text, label, taxonomy

CASES = [
    # (description, sentences, a sector expected first, type)
    ("new cultural and creative headquarters for games and e-sports", "", "digital_culture", "headquarters"),
    ("premium packaging systems for integrated circuits", "", "electronics_semiconductors", None),
    ("IVD industrial park for in vitro diagnostic products", "", "biomedicine_health", "industrial_park"),
    (
        "",
        "The carmaker will build a battery factory for electric vehicles.",
        "new_energy_vehicles",
        "manufacturing_base",
    ),
    ("fintech headquarters", "", "finance", "headquarters"),
    ("international logistics park", "", "logistics_trade", "industrial_park"),
    ("a national laboratory and education park", "", "education_research", "laboratory"),
    ("a 5G data center", "", "electronics_semiconductors", "data_centre"),
    ("railway section of 120 km", "", "infrastructure_real_estate", "infrastructure"),
    ("shopping mall complex", "", "tourism_services", "commercial_complex"),
    ("a 10 billion yuan industrial fund for robots", "", "advanced_manufacturing", "fund"),
    ("", "新建年产5万吨防水新材料生产基地", "energy_materials", "manufacturing_base"),
    ("腾讯西南总部", "", None, "headquarters"),
    ("药品研发生产基地", "", "biomedicine_health", "manufacturing_base"),
    ("国际物流园项目", "", "logistics_trade", "industrial_park"),
    ("现代农业示范园", "", "agriculture_food", None),
    ("储能技术与创新科技研发制造中心", "", "new_energy_vehicles", None),
]


@pytest.mark.parametrize(("description", "sentences", "sector", "kind"), CASES)
def test_classify_text(description: str, sentences: str, sector: str | None, kind: str | None) -> None:
    sectors, found_kind = classify_text(description, sentences)
    assert (sectors[0] if sectors else None) == sector
    assert found_kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "We will support the project.",  # "port" inside "support"
        "a transport of goods in Portugal",  # no word "port" on its own
        "Kail signed with the zone",  # "ai" only as a capital acronym
    ],
)
def test_word_boundaries(text: str) -> None:
    sectors, kind = classify_text(text, "")
    assert kind != "infrastructure"
    assert "digital_culture" not in sectors


def test_nothing_fits() -> None:
    assert classify_text("the signing ceremony", "Officials attended.") == ((), None)


def test_at_most_three_sectors() -> None:
    sectors, _ = classify_text("chips, games, drugs, batteries, banks and hotels", "")
    assert len(sectors) == 3


def test_component_and_labels() -> None:
    text = "Firm A will build a chip packaging plant."
    doc = Document(text=text)
    p = Project(
        id="p1",
        project=Mention("chip packaging plant", "chip packaging plant", Span(20, 40)),
        evidence=(Span(0, len(text)),),
    )
    out = classify(Extraction(document=doc, projects=(p,))).projects[0]
    assert out.sectors[0] == "electronics_semiconductors" and out.project_type == "manufacturing_base"
    assert label("electronics_semiconductors", "zh") == "电子信息与半导体"
    assert label("nope") is None
    sectors, types = taxonomy()
    assert len(sectors) == 12 and len({c.id for c in (*sectors, *types)}) == len(sectors) + len(types)
