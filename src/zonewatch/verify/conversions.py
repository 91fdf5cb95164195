"""``conversion_mismatch``: a converted figure printed next to an amount that the day's rate does not support.

"RMB 5 billion ($7300 million)" on 20 August 2020: at the ECB rate of that day RMB 5 billion is about
US$722.7 million, so the printed figure is 10.1 times too large — a unit slip.

Tolerance: a stated conversion passes when it is within 5% of the amount at the day's rate (rates
differ by source and by hour; articles round), or within 10% when the converted figure is given to one
significant digit or the amount is approximate ("about 2 billion U.S. dollars" for 13 billion yuan).
With no date at all, it passes when any ECB rate ever published (2005-2026 for CNY) would give it.
"""

from __future__ import annotations

import statistics
from decimal import Decimal

from zonewatch.model import DateValue, Extraction, Finding, Money, Project, Qualifier
from zonewatch.normalize.fx import ECB_SOURCE, NoRate, Rate, rate, rate_day, rate_range
from zonewatch.report.format import format_amount
from zonewatch.verify.figures import significant_digits

TOLERANCE = Decimal("0.05")
LOOSE_TOLERANCE = Decimal("0.10")


def _tolerance(amount: Money, stated: Money) -> Decimal:
    loose = amount.qualifier is Qualifier.APPROX or significant_digits(stated.value, stated.raw) == 1
    return LOOSE_TOLERANCE if loose else TOLERANCE


def _diagnosis(factor: Decimal, amount: Money, stated: Money, day_rate: Decimal) -> str:
    """Why a stated conversion is off, when the numbers say so: a power of ten, no conversion, a flipped rate."""
    for power in (10, 100, 1000):
        for f, word in ((Decimal(power), "large"), (Decimal(1) / power, "small")):
            if abs(factor / f - 1) <= Decimal("0.15"):
                return f"about {power} times too {word}, likely a unit slip"
    if abs(stated.value / amount.value - 1) <= Decimal("0.02"):
        return "the same number as the amount: it looks unconverted"
    flipped = amount.value / day_rate
    if abs(stated.value / flipped - 1) <= Decimal("0.05"):
        return "it looks like the rate was applied the wrong way round"
    off = abs(factor - 1) * 100
    return f"the printed figure is {off:.0f}% {'above' if factor > 1 else 'below'} that"


def _source(source: str) -> str:
    return "ECB reference rate" if source == ECB_SOURCE else f"rate ({source})"


def _quote(value: Decimal, source: str, target: str) -> str:
    """A rate the way people quote it: more than one unit per unit ("6.9186 CNY per USD")."""
    if value >= 1:
        return f"{value:.4f} {target} per {source}"
    return f"{1 / value:.4f} {source} per {target}"


def _implied_rates(projects: tuple[Project, ...], source: str, target: str) -> dict[tuple[str, int], Decimal]:
    """Target units per source unit implied by each stated conversion of the article (to spot the odd one)."""
    out = {}
    for p in projects:
        if p.amount is None or p.amount.currency != source or not p.amount.value:
            continue
        for i, s in enumerate(p.stated_conversions):
            if s.currency == target:
                out[(p.id, i)] = s.value / p.amount.value
    return out


def check_conversions(extraction: Extraction) -> list[Finding]:
    """A finding for each stated conversion too far from the amount at the day's ECB rate."""
    doc = extraction.document
    findings: list[Finding] = []
    for p in extraction.projects:
        amount = p.amount
        if amount is None or not amount.value:
            continue
        for index, stated in enumerate(p.stated_conversions):
            if stated.currency == amount.currency or not stated.value:
                continue
            day, _ = rate_day(p.date, doc.published)
            tol = _tolerance(amount, stated)
            if day is None:
                finding = _dateless(p, amount, stated, tol)
                if finding:
                    findings.append(finding)
                continue
            found = rate(amount.currency, stated.currency, day)
            if isinstance(found, NoRate):
                continue
            expected = amount.value * found.value
            factor = stated.value / expected
            if abs(factor - 1) <= tol or _fits_publication_day(amount, stated, doc.published, tol):
                continue
            others = [
                v
                for k, v in _implied_rates(extraction.projects, amount.currency, stated.currency).items()
                if k != (p.id, index)
            ]
            message = (
                f"{amount.raw} is printed as {stated.raw}, but at the {_source(found.source)} of {found.date.isoformat()} "
                f"({_quote(found.value, amount.currency, stated.currency)}) it is about "
                f"{format_amount(expected, stated.currency)}: {_diagnosis(factor, amount, stated, found.value)}."
            )
            if len(others) >= 2:
                typical = statistics.median(others)
                if abs(typical / found.value - 1) <= tol:
                    message += f" The article's other conversions agree with that rate ({_quote(typical, amount.currency, stated.currency)})."
            findings.append(
                Finding(
                    kind="conversion_mismatch",
                    message=message,
                    span=stated.span,
                    project=p.id,
                    details={
                        "stated": float(stated.value),
                        "expected": float(expected.quantize(Decimal(1))),
                        "currency": stated.currency,
                        "factor": float(factor.quantize(Decimal("0.01"))),
                        "rate": float(found.value),
                        "rate_date": found.date.isoformat(),
                        "rate_source": found.source,
                    },
                )
            )
    return findings


def _fits_publication_day(amount: Money, stated: Money, published: DateValue | None, tol: Decimal) -> bool:
    """An article about an older deal may convert at the rate of the day it was written: that is no error."""
    day, _ = rate_day(None, published)
    if day is None:
        return False
    found = rate(amount.currency, stated.currency, day)
    return isinstance(found, Rate) and abs(stated.value / (amount.value * found.value) - 1) <= tol


def _dateless(p: Project, amount: Money, stated: Money, tol: Decimal) -> Finding | None:
    """With no date, a conversion is wrong only if no ECB rate ever published could give it."""
    bounds = rate_range(amount.currency, stated.currency)
    if bounds is None:
        return None
    low, high = amount.value * bounds[0], amount.value * bounds[1]
    if low * (1 - tol) <= stated.value <= high * (1 + tol):
        return None
    mid = (low + high) / 2
    factor = stated.value / mid
    return Finding(
        kind="conversion_mismatch",
        message=(
            f"{amount.raw} is printed as {stated.raw}, but at any ECB rate ever published it would be between "
            f"{format_amount(low, stated.currency)} and {format_amount(high, stated.currency)} "
            f"(the article gives no date): {_diagnosis(factor, amount, stated, mid / amount.value)}."
        ),
        span=stated.span,
        project=p.id,
        details={
            "stated": float(stated.value),
            "expected_low": float(low.quantize(Decimal(1))),
            "expected_high": float(high.quantize(Decimal(1))),
            "currency": stated.currency,
            "factor": float(factor.quantize(Decimal("0.01"))),
        },
    )
