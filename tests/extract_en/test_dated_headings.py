"""A dated section heading ("JAN 12 | ...") is the section's commitment unless its body states the same figure."""

from __future__ import annotations

import pytest

from tests.extract_en.test_source_styles import _projects

TAX = "Tax revenue collected in the area came to RMB 12.35 billion last year."


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        # the body's only figure is a statistic: the heading's commitment stands
        (
            "JAN 12 | Quantara Semiconductor Corporation agreed to build a base in Tianjin Free Trade Zone with an "
            "investment of CNY 580 million.\n\n" + TAX,
            ["CNY 580 million"],
        ),
        # the body repeats the heading's figure (within rounding): one record, the body's
        (
            "Aug 20 | Tencent to invest RMB 5 billion in a new headquarters\n\n"
            "Tencent signed with the zone on Thursday to invest 5.02 billion yuan in its headquarters.",
            ["5.02 billion yuan"],
        ),
        # a figure in another currency in the body may be the heading's converted: not taken twice
        (
            "Aug 20 | Tencent to invest RMB 5 billion in a new headquarters\n\n"
            "Tencent signed with the zone on Thursday to invest about $723 million in its headquarters.",
            ["$723 million"],
        ),
    ],
)
def test_a_dated_heading_is_a_commitment_unless_its_body_repeats_it(text: str, amounts: list[str]) -> None:
    assert [p.amount.raw for p in _projects(text) if p.amount] == amounts
