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
    "FRANKFORT, Ky. (AP) - Gov. Ann Lee said. It rose in Dalton, Ga. The firm said. Lt. Gov. Bo Li spoke.",
    "Raleigh, N.C. (Reuters) — Prof. Jin said so. It is in N.J. Then it left. Tenn. Gov. Lee: no.",
    "SALEM, Ore. (AP) - Ann Lee said. She met Miss. Lee in Jackson, Miss. Then she left. Wash. (AP) No.",
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before a name is no end
        ("Gov. Ann Lee said so. Lt. Gov. Bo Li agreed.", ["Gov. Ann Lee said so.", "Lt. Gov. Bo Li agreed."]),
        ("It was built, Sen. Ray Cole said.", ["It was built, Sen. Ray Cole said."]),
        # a state abbreviation is no end in a dateline, and is one after a town in the text
        ("ATLANTA, Ga. (AP) — It rose.", ["ATLANTA, Ga. (AP) — It rose."]),
        ("DALTON, Ga. Gov. Ann Lee said.", ["DALTON, Ga. Gov. Ann Lee said."]),
        ("It rose in Dalton, Ga. The firm said.", ["It rose in Dalton, Ga.", "The firm said."]),
        ("It rose in Dalton, Ga. (The firm said.)", ["It rose in Dalton, Ga. (The firm said.)"]),
        # a word that is a state's abbreviation and an English word ends a sentence
        ("They met in Springfield, Ill. The firm said.", ["They met in Springfield, Ill.", "The firm said."]),
        # ... except after a city that opens the line in capitals
        ("JACKSON, Miss. (AP) — It rose.", ["JACKSON, Miss. (AP) — It rose."]),
        ("Jackson, Miss. (The firm said.)", ["Jackson, Miss.", "(The firm said.)"]),
    ],
)
def test_where_a_full_stop_ends_a_sentence(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in sentences(text)] == expected
