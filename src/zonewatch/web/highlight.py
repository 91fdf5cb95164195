"""Source text with extracted spans highlighted, built safely: each segment between span boundaries is
escaped on its own and wrapped in a ``<mark>``; the raw text is never marked up by string replacement,
so an article's own ``<script>`` or ``<b>`` stays text and overlapping spans cannot break the markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from markupsafe import Markup

# The order says which colour wins where spans overlap (an amount inside an investor's evidence, ...).
KINDS = ("amount", "investor", "date", "place", "host", "stage", "project", "finding", "evidence")


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the source text to highlight as ``kind`` (one of KINDS); ``label`` becomes its tooltip."""

    start: int
    end: int
    kind: str
    label: str = ""


def _rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """HTML for ``text`` with every mark wrapped in ``<mark class="hl hl-KIND">``; spans outside the text are clipped.

    >>> str(highlight("<b>Tencent</b> invests RMB 5 billion", [Mark(3, 10, "investor"), Mark(23, 36, "amount")]))
    '&lt;b&gt;<mark class="hl hl-investor" title="investor">Tencent</mark>&lt;/b&gt; invests <mark class="hl hl-amount" title="amount">RMB 5 billion</mark>'
    >>> str(highlight("abc", [Mark(1, 99, "date"), Mark(-5, 1, "place")]))
    '<mark class="hl hl-place" title="place">a</mark><mark class="hl hl-date" title="date">bc</mark>'
    """
    n = len(text)
    clipped = (Mark(max(0, m.start), min(n, m.end), m.kind, m.label) for m in marks)
    clean = [m for m in clipped if m.start < m.end]
    if not clean:
        return Markup(escape(text, quote=False))
    cuts = sorted({0, n, *(m.start for m in clean), *(m.end for m in clean)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        segment = escape(text[a:b], quote=False)
        covering = [m for m in clean if m.start <= a and b <= m.end]
        if not covering:
            out.append(segment)
            continue
        top = min(covering, key=lambda m: (_rank(m.kind), m.end - m.start))
        kind = top.kind if top.kind in KINDS else "evidence"
        tip = escape(top.label or top.kind, quote=True)
        out.append(f'<mark class="hl hl-{kind}" title="{tip}">{segment}</mark>')
    return Markup("".join(out))


def excerpt(text: str, marks: Sequence[Mark], context: int = 160) -> tuple[str, list[Mark], int]:
    r"""The part of a long text around ``marks`` (with ``context`` characters each side) and the marks shifted into it.

    Returns ``(text_part, shifted_marks, offset)``; the whole text when there are no marks.

    >>> part, ms, off = excerpt("x" * 500 + "RMB 5 billion" + "y" * 500, [Mark(500, 513, "amount")], context=3)
    >>> part, ms[0].start, off
    ('xxxRMB 5 billionyyy', 3, 497)
    >>> text = "Old news here.\nOn Aug 20 Tencent invests RMB 5 billion in a park.\nMore news follows."
    >>> amount = [Mark(text.index("RMB"), text.index("RMB") + 13, "amount")]
    >>> excerpt(text, amount, context=24)[0], excerpt(text, amount, context=10)[0]
    ('On Aug 20 Tencent invests RMB 5 billion in a park.', 'invests RMB 5 billion in a park.')

    """
    if not marks:
        return text, [], 0
    first, last = min(m.start for m in marks), max(m.end for m in marks)
    lo, hi = max(0, first - context), min(len(text), last + context)
    # Cut at a line break near the edge when there is one, else at a space: never in the middle of a word.
    if lo > 0:
        nl = text.rfind("\n", max(0, lo - context // 2), first)
        lo = nl + 1 if nl != -1 else (text.find(" ", lo, first) + 1 or lo)
    if hi < len(text):
        nl = text.find("\n", last, min(len(text), hi + context // 2))
        hi = nl if nl != -1 else (text.rfind(" ", last, hi) if text.rfind(" ", last, hi) != -1 else hi)
    shifted = [Mark(m.start - lo, m.end - lo, m.kind, m.label) for m in marks]
    return text[lo:hi], shifted, lo
