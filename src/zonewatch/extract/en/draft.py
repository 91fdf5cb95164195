"""A project being assembled from one document's mentions (mutable while it is; frozen into a Project)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zonewatch.extract.en.context import Amount
from zonewatch.extract.en.layout import Sentence
from zonewatch.extract.en.names import Name
from zonewatch.model import DateValue, Mention, Quantity, StageValue


@dataclass(slots=True)
class Draft:
    """A project being assembled: its amount, the stretch of its sentence that is its own, and its fields."""

    amount: Amount | None
    sentence: Sentence
    seg_start: int
    seg_end: int
    investors: list[Name] = field(default_factory=list)
    hosts: list[Name] = field(default_factory=list)
    count: Quantity | None = None
    aggregate: bool = False
    date: DateValue | None = None
    date_told: bool = False  # the date is told in the project's own sentence (not the lead's or the dateline's)
    place: Name | None = None
    stage: StageValue | None = None
    project: Mention | None = None
    parent: int | None = None
