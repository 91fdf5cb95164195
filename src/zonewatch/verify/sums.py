"""Sums the article states that do not add up: parts over a total, sub-totals against a total, the headline.

Rounding: every figure may hide half a unit of its last stated digit ("2388亿元" is 2387.5-2388.5亿), so
a sum of ten figures stated in whole 亿 can honestly drift by up to 5.5亿 from a total stated the same
way. A discrepancy is reported only beyond that worst case of honest rounding (and beyond 0.5% of the
total): zh16's city sub-totals summing to 2389亿 against a total of 2388亿 are within it and pass.

- ``parts_exceed_total``: named sub-projects (``Project.parent`` set, one project each, an organisation among the investors) whose smallest
  possible sum is above the largest possible total; amounts in other currencies are converted at the
  day's ECB rate first. Also when the parts reach an exact total only at their minimum while some of
  them are "more than"/"at least" figures: then the total cannot be exact.
- ``subtotals_mismatch``: sub-totals (children counting several projects: by city, sector, type) whose
  project counts add up to the total's count — so they split the total — but whose amounts do not.
- ``headline_mismatch``: a money figure in the headline that the body never states (nor the sum of its
  top-level projects), while a body figure for the same projects (same count, or within a factor 1.5)
  says something else.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from functools import cache
from importlib import resources

from zonewatch.model import Extraction, Finding, Money, Project, Qualifier, Span
from zonewatch.normalize.fx import NoRate, rate, rate_day
from zonewatch.normalize.names import resolve
from zonewatch.report.format import format_amount
from zonewatch.verify.figures import Figure, half_unit, headline_figures, rounding_unit

MIN_RELATIVE = Decimal("0.005")
APPROX_SLACK = Decimal("0.05")  # "about X": X may be 5% off either way
MAX_SUBTOTALS = 12  # every subset of the sub-totals is tried: 2**12 sums at most


def _in(
    extraction: Extraction, money: Money, project: Project, currency: str
) -> tuple[Decimal, Decimal, Decimal] | None:
    """(low, high, rounding) of an amount in ``currency``; None when it cannot be converted."""
    factor = Decimal(1)
    if money.currency != currency:
        day, _ = rate_day(project.date, extraction.document.published)
        found = rate(money.currency, currency, day) if day else None
        if found is None or isinstance(found, NoRate):
            return None
        factor = found.value
    value = money.value * factor
    upper = (money.upper or money.value) * factor
    half = half_unit(money) * factor
    if money.qualifier is Qualifier.APPROX:
        return value * (1 - APPROX_SLACK), upper * (1 + APPROX_SLACK), half
    if money.qualifier is Qualifier.AT_LEAST:
        return value, Decimal("Infinity") if money.upper is None else upper, half
    if money.qualifier is Qualifier.AT_MOST:
        return Decimal(0), upper, half
    return value, upper, half


def _children(extraction: Extraction) -> dict[str, list[Project]]:
    out: dict[str, list[Project]] = {}
    for p in extraction.projects:
        if p.parent and p.amount is not None:
            out.setdefault(p.parent, []).append(p)
    return out


@cache
def _place_endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    text = resources.files("zonewatch.data.aliases").joinpath("place_suffixes.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return tuple(" " + w.lower() for w in words if w.isascii()), tuple(w for w in words if not w.isascii())


def looks_like_place(name: str) -> bool:
    """A name that is a zone, park or district rather than a company ("南宁经开区", "Kakinada SEZ Zone").

    >>> looks_like_place("南宁经开区"), looks_like_place("中科宏智能制造集团"), looks_like_place("Tencent")
    (True, False, False)
    """
    latin, cjk = _place_endings()
    found = resolve(name)
    if found is not None:
        return found.kind == "place"
    lowered = " " + name.strip().lower()
    return lowered.endswith(latin) or name.strip().endswith(cjk)


def _named(p: Project) -> bool:
    """A named sub-project: some investor is an organisation.

    A part with no investor, or named only by its zone, may be a sub-total or a misread figure (a zone's
    annual target taken for a project): summing it would blame the article for the extractor's mistake.
    """
    return any(not looks_like_place(m.display) for m in p.investors)


def _is_subtotal(p: Project) -> bool:
    return p.count is not None and p.count.value > 1


def check_parts(extraction: Extraction) -> list[Finding]:
    """parts_exceed_total for each aggregate whose named parts add up to more than it."""
    findings = []
    by_id = {p.id: p for p in extraction.projects}
    for parent_id, kids in _children(extraction).items():
        total = by_id.get(parent_id)
        parts = [k for k in kids if not _is_subtotal(k) and _named(k)]
        if total is None or total.amount is None or len(parts) < 1:
            continue
        cur = total.amount.currency
        t = _in(extraction, total.amount, total, cur)
        converted = [_in(extraction, k.amount, k, cur) for k in parts if k.amount is not None]
        if t is None or any(c is None for c in converted):
            continue
        ranges = [c for c in converted if c is not None]
        low = sum((c[0] for c in ranges), Decimal(0))
        slack = sum((c[2] for c in ranges), Decimal(0)) + t[2]
        t_high = t[1]
        at_least = [k for k in parts if k.amount and k.amount.qualifier is Qualifier.AT_LEAST]
        names = ", ".join(_label(k) for k in parts)
        if t_high.is_finite() and low - slack > t_high and low - t_high > MIN_RELATIVE * t_high:
            message = (
                f"The named parts ({names}) add up to at least {format_amount(low, cur)}, more than the total "
                f"{total.amount.raw} they belong to."
            )
        elif (
            t_high.is_finite()
            and total.amount.qualifier is Qualifier.EXACT
            and at_least
            and len(parts) >= 2
            and abs(low - t[0]) <= MIN_RELATIVE * t[0]
        ):
            message = (
                f"The named parts ({names}) already add up to the exact total {total.amount.raw} at their minimum, "
                f"yet {len(at_least)} of them are 'more than / at least' figures: the parts and the total cannot all be right."
            )
        else:
            continue
        findings.append(
            Finding(
                kind="parts_exceed_total",
                message=message,
                span=total.amount.span,
                project=total.id,
                details={
                    "total": float(total.amount.value),
                    "parts_sum": float(low.quantize(Decimal(1))),
                    "currency": cur,
                    "parts": ",".join(k.id for k in parts),
                },
            )
        )
    return findings + _jobs_exceed(extraction)


def _jobs_exceed(extraction: Extraction) -> list[Finding]:
    """parts_exceed_total on jobs: named parts credited with all the jobs of an aggregate of more projects.

    "Four projects ... creating over 1,000 jobs" and then "the 1,000 jobs under this (one) project":
    the other three would create none, so the article has given one project the total.
    """
    findings = []
    for p in extraction.projects:
        if p.jobs is None or p.count is None:
            continue
        parts = [k for k in extraction.projects if k.parent == p.id and k.jobs is not None and not _is_subtotal(k)]
        jobs = [k.jobs for k in parts if k.jobs is not None and k.jobs.span != p.jobs.span]
        covered = sum(int(k.count.value) if k.count else 1 for k in parts)
        if not jobs or covered >= p.count.value or sum(j.value for j in jobs) < p.jobs.value:
            continue
        rest = int(p.count.value) - covered
        findings.append(
            Finding(
                kind="parts_exceed_total",
                message=(
                    f"{'These parts are' if len(jobs) > 1 else 'One project is'} credited with "
                    f"{', '.join(j.raw for j in jobs)}, as many as the total '{p.jobs.raw}' given for all "
                    f"{int(p.count.value)} projects: that leaves no jobs for the other {rest}; the article "
                    "probably attributes the total to one project."
                ),
                span=jobs[0].span,
                project=parts[0].id,
                details={
                    "measure": "jobs",
                    "total": float(p.jobs.value),
                    "parts_sum": float(sum(j.value for j in jobs)),
                },
            )
        )
    return findings


def _label(p: Project) -> str:
    who = p.investors[0].display if p.investors else (p.place.display if p.place else p.id)
    return f"{who} {p.amount.raw}" if p.amount else who


def check_subtotals(extraction: Extraction) -> list[Finding]:
    """subtotals_mismatch where sub-totals that split a total's projects do not split its amount."""
    findings = []
    by_id = {p.id: p for p in extraction.projects}
    for parent_id, kids in _children(extraction).items():
        total = by_id.get(parent_id)
        subs = [
            k
            for k in kids
            if _is_subtotal(k)
            and k.amount
            and k.amount.currency == (total.amount.currency if total and total.amount else None)
        ]
        if total is None or total.amount is None or total.count is None or len(subs) < 2 or len(subs) > MAX_SUBTOTALS:
            continue
        t = _in(extraction, total.amount, total, total.amount.currency)
        if t is None or not t[1].is_finite():
            continue
        count = int(total.count.value)
        splits = [
            combo
            for r in range(2, len(subs) + 1)
            for combo in itertools.combinations(subs, r)
            if sum(int(k.count.value) for k in combo if k.count) == count
        ]
        if not splits:
            continue  # nothing says which sub-totals split the total: no judgement
        worst: tuple[Decimal, Decimal, tuple[Project, ...]] | None = None
        consistent = False
        for combo in splits:
            ranges = [_in(extraction, k.amount, k, total.amount.currency) for k in combo if k.amount]
            if any(r is None for r in ranges):
                consistent = True
                break
            low = sum((r[0] for r in ranges if r), Decimal(0))
            high = sum((r[1] for r in ranges if r), Decimal(0))
            slack = sum((r[2] for r in ranges if r), Decimal(0)) + t[2]
            gap = max(low - t[1], t[0] - high, Decimal(0))
            if gap <= slack or gap <= MIN_RELATIVE * t[0]:
                consistent = True
                break
            if worst is None or gap < worst[1]:
                worst = (low, gap, combo)
        if consistent or worst is None:
            continue
        low, gap, combo = worst
        findings.append(
            Finding(
                kind="subtotals_mismatch",
                message=(
                    f"The {len(combo)} sub-totals that account for all {count} projects add up to "
                    f"{format_amount(low, total.amount.currency)}, not the stated total {total.amount.raw} "
                    f"(off by {format_amount(gap, total.amount.currency)}, more than rounding explains)."
                ),
                span=total.amount.span,
                project=total.id,
                details={
                    "total": float(total.amount.value),
                    "subtotals_sum": float(low.quantize(Decimal(1))),
                    "currency": total.amount.currency,
                    "subtotals": ",".join(k.id for k in combo),
                },
            )
        )
    return findings


def _headlines(extraction: Extraction) -> list[Span]:
    """The title lines: up to three short non-blank lines at the top (page furniture often precedes the
    headline: "Home > News", a site name), stopping at the first line that reads as body text."""
    text = extraction.document.text
    out: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if not line:
            continue
        if len(line) > 160 or line.endswith((".", "。", "；", ";")) or len(out) == 3:
            break  # body text: long, or a finished sentence
        start = m.start() + m.group().index(line)
        out.append(Span(start, start + len(line)))
    return out if any(s.end < len(text.rstrip()) for s in out) else []


def _close(a: Decimal, b: Decimal, slack: Decimal) -> bool:
    return abs(a - b) <= max(slack, MIN_RELATIVE * max(a, b))


def check_headline(extraction: Extraction) -> list[Finding]:
    """headline_mismatch for a headline figure the body contradicts."""
    heads = _headlines(extraction)
    if not heads:
        return []
    text = extraction.document.text
    stated = [(h, f) for h in heads for f in headline_figures(text, h)]
    if not stated:
        return []  # most headlines state no figure: the body's figures are not read then
    body_span = Span(heads[-1].end, len(text))
    body_figures = headline_figures(text, body_span)
    body_projects = [p for p in extraction.projects if p.amount and body_span.contains(p.amount.span)]
    top = [p for p in body_projects if p.parent is None]
    findings = []
    for head, fig in stated:
        slack = rounding_unit(fig.value, fig.raw) / 2
        if any(
            _close(fig.value, b.value, slack + rounding_unit(b.value, b.raw) / 2)
            for b in body_figures
            if _same(fig, b.currency)
        ):
            continue
        amounts = [p.amount for p in body_projects if p.amount] + [
            s for p in body_projects for s in p.stated_conversions
        ]
        if any(_close(fig.value, m.value, slack + half_unit(m)) for m in amounts if _same(fig, m.currency)):
            continue
        same_cur = [p for p in top if p.amount and _same(fig, p.amount.currency)]
        if len(same_cur) > 1 and _close(
            fig.value, sum((p.amount.value for p in same_cur if p.amount), Decimal(0)), slack
        ):
            continue
        rival = _rival(fig, text, head, body_projects)
        if rival is None or rival.amount is None:
            continue
        findings.append(
            Finding(
                kind="headline_mismatch",
                message=(
                    f"The headline says {fig.raw}, but the body gives {rival.amount.raw} for the same projects "
                    "and never states the headline's figure."
                ),
                span=fig.span,
                project=rival.id,
                details={"headline": float(fig.value), "body": float(rival.amount.value), "currency": fig.currency},
            )
        )
    return findings


def _same(fig: Figure, currency: str | None) -> bool:
    return fig.currency is None or currency is None or fig.currency == currency


def _rival(fig: Figure, text: str, head: Span, projects: list[Project]) -> Project | None:
    """The body project the headline figure is about: the one with a count the headline names, else a near one."""
    counts = {
        int(n) for n in re.findall(r"(\d+)\s*(?:个|项|(?i:major\s+|key\s+|new\s+|big\s+)?projects?)", head.slice(text))
    }
    same = [p for p in projects if p.amount and _same(fig, p.amount.currency)]
    for p in same:
        if p.count is not None and int(p.count.value) in counts:
            return p
    if not fig.value:
        return None
    near = [p for p in same if p.amount and Decimal("0.67") <= p.amount.value / fig.value <= Decimal("1.5")]
    return min(near, key=lambda p: abs(p.amount.value - fig.value) if p.amount else Decimal(0)) if near else None
