"""The fast paths of the Chinese extractor find exactly what the plain code they replaced found.

Each reference below is the straightforward version (the code before it was made fast), kept here as the
specification; hypothesis feeds both the characters that matter to them in any order.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from zonewatch.extract.text import trim
from zonewatch.extract.zh.chars import _table, shadow
from zonewatch.extract.zh.sentences import HEADLINE_MAX, split_sentences


def _texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=2)), max_size=40).map("".join)


SENTENCE_PIECES = [
    "。", "！", "？", "!", "?", "；", ";", "”", "’", "」", "』", ")", "…", "……", ".", "...", "\n", " ", "\u3000",
    "\t", "甲", "乙", "签约", ",", "，", "１２", "總投資", "\r",
]  # fmt: skip


def _reference_sentences(text: str, shadow: str) -> list[tuple[int, int, bool]]:
    """Cut on the shadow line by line, trimmed on the text."""
    end = re.compile(r"[。！？!?；;]+[”’」』)]*|……|\.{3,}")
    out = []
    for line in re.finditer(r"[^\n]+", shadow):
        body = line.group()
        headline = len(body.strip()) <= HEADLINE_MAX and not re.search(r"[。!?！？]", body) and "," not in body
        cursor = line.start()
        for m in end.finditer(body):
            cut = line.start() + m.end()
            s, e = trim(text, cursor, cut)
            if e > s:
                out.append((s, e, headline))
            cursor = cut
        s, e = trim(text, cursor, line.end())
        if e > s:
            out.append((s, e, headline))
    return out


@settings(max_examples=400, deadline=None)
@given(text=_texts(SENTENCE_PIECES))
def test_sentences_are_those_of_the_per_line_split(text: str) -> None:
    assert [tuple(s) for s in split_sentences(shadow(text))] == _reference_sentences(text, shadow(text))


@settings(max_examples=300, deadline=None)
@given(text=_texts([*SENTENCE_PIECES, "臺", "億", "簽", "（", "）", "Ａ", "ｚ", "～", "\u3000"]))
def test_shadow_is_the_translation_table_applied(text: str) -> None:
    assert shadow(text) == text.translate(_table())


def test_shadow_maps_every_character_of_the_table() -> None:
    every = "".join(map(chr, _table()))
    assert shadow(every) == every.translate(_table())
    assert shadow(every) != every
