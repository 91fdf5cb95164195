"""Findings about the article itself: figures and dates that contradict each other or the world.

``verify(extraction)`` is the pipeline component (after normalization); it appends to ``findings``:

- ``conversion_mismatch`` (verify/conversions.py): a printed conversion off the day's ECB rate by more
  than 5% (10% for one-digit or approximate figures), with the expected value and the factor;
- ``date_mismatch`` / ``future_date`` (verify/dates.py): a roundup item whose text names another day
  than its dateline heading; an event dated after the publication date;
- ``parts_exceed_total`` / ``subtotals_mismatch`` / ``headline_mismatch`` (verify/sums.py): sums that do
  not add up beyond honest rounding.

Every check is written to stay silent on consistent text: each one's tolerance is explained where it is
defined, and the dev corpus is the false-alarm measure (docs/normalize.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from zonewatch.model import Extraction, Finding
from zonewatch.verify.conversions import check_conversions
from zonewatch.verify.dates import check_dates
from zonewatch.verify.sums import check_headline, check_parts, check_subtotals

Check = Callable[[Extraction], list[Finding]]
CHECKS: tuple[Check, ...] = (check_conversions, check_dates, check_parts, check_subtotals, check_headline)

__all__ = ["CHECKS", "verify"]


def verify(extraction: Extraction) -> Extraction:
    """Pipeline component: run every check and append its findings, ordered by position in the text."""
    found = [f for check in CHECKS for f in check(extraction)]
    found.sort(key=lambda f: (f.span.start, f.kind))
    return replace(extraction, findings=extraction.findings + tuple(found))
