"""Layout reads lines in place with its own stop pattern: the sentences and headings are extract.text's."""

from __future__ import annotations

import pytest

from zonewatch.extract.en.layout import _split_line, is_heading_line, layout
from zonewatch.extract.text import paragraphs, sentences
from zonewatch.model import Span

TEXTS = [
    'Aug 20 | Tencent to build a headquarters\nOn Aug. 20, Tencent Co. Ltd. signed. G.M. Rao said: "Yes!" Then?No.',
    "Shenzhen starts 245 projects\n\n  The U.S. firm (approx. Rs. 500 crore) agreed.'' Next one.”  “Quoted.” 3 more.\n",
    "签约仪式举行。总投资10亿元！Tencent signed? Yes.) And so... on. e.g. x. Y",
    "A line that ends with a colon:\nA short title\nOne. Two! Three? (Four.) ‘Five.’",
    "word " * 400 + ". End.",
    "x" * 3200 + ". Y " + "z" * 10,
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_lines_split_as_the_shared_splitter_does(text: str) -> None:
    for para in paragraphs(text):
        assert [Span(*se) for se in _split_line(text, para.start, para.end)] == list(sentences(text, para))


@pytest.mark.parametrize("text", TEXTS)
def test_heading_lines_are_the_title_like_ones(text: str) -> None:
    heads = {s.paragraph: s.heading for s in layout(text).sentences}  # paragraphs in text order
    assert list(heads.values()) == [is_heading_line(text[p.start : p.end]) for p in paragraphs(text)]
