"""Build Extractions by hand: the unit under test is the check, not the extractor."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zonewatch.model import (
    DateValue,
    Document,
    Extraction,
    Mention,
    Money,
    Precision,
    Project,
    Qualifier,
    Quantity,
    Span,
)


class Builder:
    """Spans found by searching the text, so fixtures stay readable: ``b.money("RMB 5 billion", "5e9")``."""

    def __init__(self, text: str, published: str | None = None, language: str = "en") -> None:
        pub = None
        if published:
            if len(published) == 7:
                pub = DateValue(dt.date.fromisoformat(published + "-01"), Precision.MONTH, published)
            else:
                pub = DateValue(dt.date.fromisoformat(published), Precision.DAY, published)
        self.doc = Document(text=text, language=language, published=pub)

    def span(self, raw: str, after: int = 0) -> Span:
        start = self.doc.text.index(raw, after)
        return Span(start, start + len(raw))

    def money(
        self, raw: str, value: str, currency: str = "CNY", q: Qualifier = Qualifier.EXACT, after: int = 0
    ) -> Money:
        return Money(Decimal(value), currency, q, raw, self.span(raw, after))

    def date(self, raw: str, iso: str, after: int = 0) -> DateValue:
        if len(iso) == 7:
            return DateValue(dt.date.fromisoformat(iso + "-01"), Precision.MONTH, raw, self.span(raw, after))
        return DateValue(dt.date.fromisoformat(iso), Precision.DAY, raw, self.span(raw, after))

    def count(self, raw: str, n: int, after: int = 0) -> Quantity:
        return Quantity(Decimal(n), raw, self.span(raw, after))

    def mention(self, raw: str, after: int = 0) -> Mention:
        return Mention(raw, raw, self.span(raw, after))

    def sentence(self, fragment: str) -> Span:
        """The line (paragraph) holding ``fragment``: evidence for a project."""
        text = self.doc.text
        start = text.index(fragment)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        return Span(line_start, len(text) if line_end < 0 else line_end)

    def extraction(self, *projects: Project) -> Extraction:
        return Extraction(document=self.doc, projects=projects)


__all__ = ["Builder", "Project"]
