"""The data model: what a document is and what zonewatch extracts from it.

Every extracted value keeps the raw text it came from and a :class:`Span` into
``Document.text`` (code-point offsets, start inclusive, end exclusive), so that
``doc.text[span.start:span.end] == raw`` always holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Qualifier(StrEnum):
    """How the stated amount relates to the real one."""

    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Stage(StrEnum):
    """Where a project stands in its life: announced < signed < started < operating."""

    ANNOUNCED = "announced"
    SIGNED = "signed"
    STARTED = "started"
    OPERATING = "operating"


class Precision(StrEnum):
    """How much of a date the text gives."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open interval ``[start, end)`` of code points in ``Document.text``.

    >>> Span(4, 9).slice("RMB 5 billion")
    '5 bil'
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class DateValue:
    """A calendar date known to some precision; ``date`` is the first day of the month/year when coarser.

    ``span`` is None only for dates that come from outside the text (a ``--published`` flag, page metadata).
    """

    date: dt.date
    precision: Precision
    raw: str
    span: Span | None = None

    def iso(self) -> str:
        """``2020-08-20``, ``2020-08`` or ``2020`` according to the precision.

        >>> DateValue(dt.date(2020, 8, 1), Precision.MONTH, "August").iso()
        '2020-08'
        """
        if self.precision is Precision.DAY:
            return self.date.isoformat()
        if self.precision is Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return f"{self.date.year:04d}"


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money as stated: ``value`` (and ``upper`` for a range) in units of ``currency``."""

    value: Decimal
    currency: str  # ISO 4217
    qualifier: Qualifier
    raw: str
    span: Span
    upper: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A name or phrase found in the text: an organisation, a place, a project description.

    ``name`` is the cleaned surface form (legal suffix trimmed where that helps); ``canonical`` is the
    alias table's name for it once normalized; ``raw`` is exactly ``text[span]``.
    """

    name: str
    raw: str
    span: Span
    canonical: str | None = None

    @property
    def display(self) -> str:
        return self.canonical or self.name


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted or measured figure: number of projects, jobs, an area (``unit`` is m2 once normalized)."""

    value: Decimal
    raw: str
    span: Span
    unit: str = ""


@dataclass(frozen=True, slots=True)
class StageValue:
    stage: Stage
    raw: str
    span: Span


@dataclass(frozen=True, slots=True)
class Conversion:
    """An amount converted into another currency at a dated rate (``rate`` target units per source unit)."""

    currency: str
    value: Decimal | None
    upper: Decimal | None
    rate: Decimal | None
    rate_date: dt.date | None
    source: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Project:
    """One investment commitment (or an aggregate of several) found in a document."""

    id: str
    investors: tuple[Mention, ...] = ()
    hosts: tuple[Mention, ...] = ()
    amount: Money | None = None
    stated_conversions: tuple[Money, ...] = ()
    count: Quantity | None = None
    parent: str | None = None
    date: DateValue | None = None
    stage: StageValue | None = None
    place: Mention | None = None
    project: Mention | None = None
    evidence: tuple[Span, ...] = ()
    # Filled in by normalization (zonewatch.normalize); empty straight out of extraction.
    amount_cny: Conversion | None = None
    amount_usd: Conversion | None = None
    area: Quantity | None = None
    jobs: Quantity | None = None
    sectors: tuple[str, ...] = ()
    project_type: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """Something wrong with the article itself: a bad conversion, a contradictory date, parts exceeding a total."""

    kind: str
    message: str
    span: Span
    project: str | None = None
    details: dict[str, str | float | int | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """A text to extract from, with what is known about it from outside the text."""

    text: str
    language: str = "en"
    source: str = "-"
    url: str | None = None
    title: str | None = None
    published: DateValue | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the pipeline produced for one document."""

    document: Document
    projects: tuple[Project, ...] = ()
    findings: tuple[Finding, ...] = ()
