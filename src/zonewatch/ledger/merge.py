"""Merging: when two reports are the same project, and what the ledger says when its sources disagree.

Same project (``is_same``), in either language because names are compared by their canonical form:

- named projects share an investor, their places agree (equal, or one unknown), and one of: amounts
  equal within rounding; near-identical project descriptions (amounts may then disagree, which raises a
  finding, if the dates are within ``SAME_DAY_WINDOW`` days or one is unknown); one amount unknown and
  the same named place with dates within ``SAME_DAY_WINDOW`` days.
  Reports of the same stage more than ``REPEAT_WINDOW`` days apart are distinct commitments (a repeat
  investment); a later stage (signed -> started) may come years later.
- aggregates without investors share place, count, amount (within rounding) and fall within
  ``SAME_DAY_WINDOW`` days of each other.

The ledger's value of each field (``choose``): an analyst's edit always wins; otherwise the most specific
source (an exact amount before an approximate one, a day before a month before a year), then the most
recent source (by publication date). Exception: the date is the *earliest* most-specific date, because a
project is dated by its commitment, and a later "construction started" report goes to the stage history.
The stage is the furthest stage any source reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rapidfuzz import fuzz

from zonewatch.ledger.names import match_key

# Two figures are "equal within rounding" when they differ by at most this fraction of the larger one:
# "RMB 5 billion" vs "50亿元" vs "about 5.02 billion yuan".
ROUNDING = Decimal("0.02")
SAME_DAY_WINDOW = 31
REPEAT_WINDOW = 366
DESCRIPTION_SIMILARITY = 85
STAGE_ORDER = {"announced": 0, "signed": 1, "started": 2, "operating": 3}
PRECISION_ORDER = {"day": 3, "month": 2, "year": 1}
QUALIFIER_ORDER = {"exact": 2, "approx": 1, "at_least": 1, "at_most": 1}


@dataclass(frozen=True, slots=True)
class Report:
    """One source's statement of a project, reduced to what matching and choosing compare."""

    investors: tuple[str, ...]
    place: str | None
    amount: Decimal | None
    currency: str | None
    amount_cny: Decimal | None
    count: int | None
    date: dt.date | None
    stage: str | None
    description: str | None


def close(a: Decimal | None, b: Decimal | None) -> bool:
    """Equal within rounding.

    >>> close(Decimal("5000000000"), Decimal("5020000000"))
    True
    >>> close(Decimal("5000000000"), Decimal("7300000000"))
    False
    """
    if a is None or b is None:
        return False
    big = max(abs(a), abs(b))
    return big == 0 or abs(a - b) <= big * ROUNDING


def amounts_agree(a: Report, b: Report) -> bool | None:
    """True/False when both amounts are known and comparable; None when one is missing or incomparable."""
    if a.amount is None or b.amount is None:
        return None
    if a.currency and a.currency == b.currency:
        return close(a.amount, b.amount)
    if a.amount_cny is not None and b.amount_cny is not None:
        return close(a.amount_cny, b.amount_cny)
    return None


def _places_agree(a: Report, b: Report) -> bool:
    return a.place is None or b.place is None or match_key(a.place) == match_key(b.place)


def _days_apart(a: Report, b: Report) -> int | None:
    if a.date is None or b.date is None:
        return None
    return abs((a.date - b.date).days)


def similar_descriptions(a: str | None, b: str | None) -> bool:
    """Near-identical project descriptions ("new HQ in Chengdu" vs "new headquarters in Chengdu" do not count).

    >>> similar_descriptions("cultural and creative headquarters", "Cultural and Creative Headquarters")
    True
    """
    if not a or not b:
        return False
    return fuzz.token_set_ratio(a.casefold(), b.casefold()) >= DESCRIPTION_SIMILARITY


def is_same(a: Report, b: Report) -> bool:
    """Whether two reports describe the same project (the rule in the module docstring)."""
    if not a.investors and not b.investors:
        days = _days_apart(a, b)
        return (
            a.place is not None
            and b.place is not None
            and match_key(a.place) == match_key(b.place)
            and a.count == b.count
            and amounts_agree(a, b) is True
            and days is not None
            and days <= SAME_DAY_WINDOW
        )
    if not {match_key(n) for n in a.investors} & {match_key(n) for n in b.investors}:
        return False
    if not _places_agree(a, b):
        return False
    agree = amounts_agree(a, b)
    days = _days_apart(a, b)
    if days is not None and days > REPEAT_WINDOW and a.stage == b.stage:
        return False
    if agree:
        return True
    if similar_descriptions(a.description, b.description):
        # Same investor, same described project: one project even when the amounts disagree (that is then a
        # sources_disagree finding), unless the reports are far apart in time.
        return agree is None or days is None or days <= SAME_DAY_WINDOW
    both_placed = a.place is not None and b.place is not None
    return agree is None and both_placed and days is not None and days <= SAME_DAY_WINDOW


@dataclass(frozen=True, slots=True)
class Keys:
    """What ``is_same`` compares names by, computed once per report: a pre-filter's view of it (``may_be_same``)."""

    investors: frozenset[str]
    place: str | None

    @classmethod
    def of(cls, report: Report) -> Keys:
        place = None if report.place is None else match_key(report.place)
        return cls(frozenset(match_key(n) for n in report.investors), place)


def may_be_same(a: Keys, b: Keys) -> bool:
    """False only when ``is_same`` is false for any two reports with these keys: a cheap, exact pre-filter.

    ``is_same`` needs, for reports with investors, a shared investor and places that agree (equal or one unknown);
    for two aggregates (no investors), the same known place; a report with investors is never the same as one
    without.
    """
    if not a.investors and not b.investors:
        return a.place is not None and a.place == b.place
    if not a.investors or not b.investors:
        return False
    if a.investors.isdisjoint(b.investors):
        return False
    return a.place is None or b.place is None or a.place == b.place


@dataclass(frozen=True, slots=True)
class Candidate:
    """One source's value for a field, with what ranks it."""

    value: Any
    specificity: int
    published: dt.date | None
    document_id: int


def choose(candidates: list[Candidate], earliest: bool = False) -> Candidate | None:
    """The ledger's value: most specific, then most recent publication (``earliest``: then earliest value)."""
    present = [c for c in candidates if c.value is not None and c.value != [] and c.value != ""]
    if not present:
        return None
    if earliest:
        return max(present, key=lambda c: (c.specificity, _neg_date(c.value), c.document_id))
    return max(present, key=lambda c: (c.specificity, c.published or dt.date.min, c.document_id))


def _neg_date(value: Any) -> int:
    return -value.toordinal() if isinstance(value, dt.date) else 0


def furthest_stage(stages: list[str | None]) -> str | None:
    """The furthest stage reported.

    >>> furthest_stage(["signed", None, "started"])
    'started'
    """
    known = [s for s in stages if s in STAGE_ORDER]
    return max(known, key=STAGE_ORDER.__getitem__) if known else None
