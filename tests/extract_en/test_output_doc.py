"""docs/output.md documents every key the jsonl contract prints (a key added to serialize.py needs a line there)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from tests.conftest import ROOT
from zonewatch.model import (
    DateValue,
    Document,
    Extraction,
    Finding,
    Mention,
    Money,
    Precision,
    Project,
    Qualifier,
    Quantity,
    Span,
    Stage,
    StageValue,
)
from zonewatch.serialize import extraction_dict

DOC = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")


def _keys(obj: object) -> set[str]:
    if isinstance(obj, dict):  # "details" is free-form: its keys depend on the finding
        return set(obj) | {k for key, v in obj.items() if key != "details" for k in _keys(v)}
    if isinstance(obj, list):
        return {k for v in obj for k in _keys(v)}
    return set()


def _full_extraction() -> Extraction:
    s = Span(0, 3)
    m = Mention("ABC", "ABC", s)
    money = Money(Decimal(5), "CNY", Qualifier.EXACT, "ABC", s)
    project = Project(
        id="p1",
        investors=(m,),
        hosts=(m,),
        amount=money,
        stated_conversions=(money,),
        count=Quantity(Decimal(1), "ABC", s),
        parent="p0",
        date=DateValue(dt.date(2020, 8, 20), Precision.DAY, "ABC", s),
        stage=StageValue(Stage.SIGNED, "ABC", s),
        place=m,
        project=m,
        evidence=(s,),
        area=Quantity(Decimal(1), "ABC", s, "m2"),
        jobs=Quantity(Decimal(1), "ABC", s),
    )
    finding = Finding("conversion_mismatch", "x", s, "p1", {"expected": 1.0})
    return Extraction(Document("ABC", "en", "a.txt"), (project,), (finding,))


def test_every_key_of_the_contract_is_documented() -> None:
    prose = re.sub(r"```.*?```", "", DOC, flags=re.S)
    documented = {w for quoted in re.findall(r"`([^`]+)`", prose) for w in re.findall(r"[a-z_0-9]+", quoted)}
    missing = sorted(_keys(extraction_dict(_full_extraction())) - documented)
    assert not missing, f"docs/output.md does not document: {missing}"


def test_the_doc_states_the_offset_rule() -> None:
    assert "code-point offset" in DOC and "end exclusive" in DOC
