"""Walking every grounded value of an extraction: each span must lie inside the text and slice back to its raw."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeAlias

from zonewatch.model import DateValue, Extraction, Mention, Money, Quantity, Span, StageValue

Grounded: TypeAlias = Money | DateValue | Mention | Quantity | StageValue


def grounded_values(extraction: Extraction) -> Iterator[tuple[str, Grounded]]:
    """(where, value) for every value of every project that carries a raw text and a span."""
    for p in extraction.projects:
        fields: list[tuple[str, Grounded | None]] = [
            ("amount", p.amount),
            ("count", p.count),
            ("date", p.date),
            ("stage", p.stage),
            ("place", p.place),
            ("project", p.project),
            ("area", p.area),
            ("jobs", p.jobs),
        ]
        fields += [(f"investors[{i}]", m) for i, m in enumerate(p.investors)]
        fields += [(f"hosts[{i}]", m) for i, m in enumerate(p.hosts)]
        fields += [(f"stated_conversions[{i}]", m) for i, m in enumerate(p.stated_conversions)]
        for name, value in fields:
            if value is not None:
                yield f"{p.id}.{name}", value


def span_problems(extraction: Extraction) -> list[str]:
    """Every violation of the grounding contract in ``extraction`` (empty when it holds)."""
    text = extraction.document.text
    problems: list[str] = []

    def inside(where: str, span: Span) -> bool:
        if not 0 <= span.start <= span.end <= len(text):
            problems.append(f"{where}: span [{span.start}, {span.end}) outside a text of {len(text)}")
            return False
        return True

    for where, value in grounded_values(extraction):
        span = value.span
        if span is None:  # a date from outside the text (the --published flag, page metadata)
            continue
        if inside(where, span) and text[span.start : span.end] != value.raw:
            problems.append(
                f"{where}: text[{span.start}:{span.end}] = {text[span.start : span.end]!r} != raw {value.raw!r}"
            )
    for p in extraction.projects:
        for i, span in enumerate(p.evidence):
            inside(f"{p.id}.evidence[{i}]", span)
    for i, f in enumerate(extraction.findings):
        inside(f"findings[{i}] {f.kind}", f.span)
    return problems
