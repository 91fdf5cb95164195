"""The per-document shortcuts give exactly what the plain scans give: shared tokens, lower-case words, opener scans."""

from __future__ import annotations

import re

import pytest

from zonewatch.extract.en import dates, money
from zonewatch.extract.en.layout import layout
from zonewatch.extract.en.names import find_names
from zonewatch.extract.en.scan import finditer_from, opener_positions
from zonewatch.extract.en.tokens import LOWER_WORD, TOKEN, LowerWords, Tokens
from zonewatch.model import Span

TEXTS = [
    "On August 20, 2020, Tencent and Chengdu Hi-Tech Zone signed. The may-day plan: RMB 5 billion (USD 700m).",
    "SHENZHEN, Sept. 24 -- Huamei (Chengdu) Digital Technology Co., Ltd. invests one billion yuan; it's well-known.",
    "Signed on 3rd of March 2021 and 12 Dec, or Monday; yesterday, the day before yesterday, earlier this month.",
    "Thirty-six projects worth twenty-one billion rupees, forty-two crore, sixteen thousand and seventy million.",
    "stonewall tones often done: anyone? Monday-Friday, weekdays, todays, Mayor Mayfield, Decoration, Octane.",
    "x" * 2000 + "Co. Ltd" + "y" * 1700 + " Alpha Beta. Gamma",
    "İstanbul İDR 5 billion; ÉCOLE Café 3 billion euros. ___ _Foo_ Bar_baz 4,500,000.25 dollars",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_opener_scans_match_the_plain_scans(text: str) -> None:
    low = dates._lower(text)
    for kind, pattern in dates._PATTERNS:
        openers = dates._OPENERS.get(kind)
        if openers is not None:
            assert [m.span() for m in finditer_from(pattern, openers, low)] == [
                m.span() for m in pattern.finditer(low)
            ], kind
            assert [m.span() for m in finditer_from(pattern, openers, low, 5, len(low) - 3)] == [
                m.span() for m in pattern.finditer(low, 5, max(5, len(low) - 3))
            ], kind
    words = finditer_from(money._NUMBER_WORDS, money._NUMBER_WORD_OPENERS, low)
    assert [m.span() for m in words] == [m.span() for m in money._NUMBER_WORDS.finditer(low)]


def test_opener_positions_are_sorted_and_unique() -> None:
    assert opener_positions("sixteen sixty six", ("six", "sixty", "x")) == [0, 2, 8, 10, 14, 16]


def test_the_digit_scan_is_the_documented_number_pattern() -> None:
    plain = re.compile(rf"(?P<d>{money._DIGITS})(?![\d])")
    text = "1,000,000.5 and 12,34 or 1234,567.8.9 then 7 and 0.5,000 and 99,999,99"
    assert [m.group("d") for m in money._NUMBER_DIGITS.finditer(text)] == [m.group("d") for m in plain.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_shared_tokens_are_each_sentence_s_own(text: str) -> None:
    tokens = Tokens.of(text)
    assert tokens.words == TOKEN.findall(text)
    for sentence in layout(text).sentences:
        own = Tokens.of(text, sentence.span.start, sentence.span.end)
        bounds = tokens.within(sentence.span.start, sentence.span.end)
        if bounds is not None:
            lo, hi = bounds
            assert tokens.words[lo:hi] == own.words
            assert tokens.starts[lo:hi] == own.starts
            assert [k - lo for k in tokens.heads if lo <= k < hi] == own.heads


def test_a_stretch_cut_inside_a_word_is_tokenised_alone() -> None:
    text = "Alpha Betagamma Delta"
    tokens = Tokens.of(text)
    assert tokens.within(0, 9) is None  # "Alpha Bet|agamma": "Betagamma" crosses the end
    assert tokens.within(8, 21) is None
    assert tokens.within(6, 21) == (1, 3)
    names = find_names(text, Span(0, 9), tokens=tokens)
    assert [n.name for n in names] == [n.name for n in find_names(text, Span(0, 9))]


@pytest.mark.parametrize("text", TEXTS)
def test_names_with_shared_tokens_are_the_same(text: str) -> None:
    tokens = Tokens.of(text)
    words = LowerWords(text)
    plain = frozenset(LOWER_WORD.findall(text))
    for sentence in layout(text).sentences:
        assert find_names(text, sentence.span, words, tokens) == find_names(text, sentence.span, plain)


@pytest.mark.parametrize("text", [*TEXTS, "aa " * 500 + "Aa aaa-a it's Don’t well-"])
def test_lower_words_answers_as_the_full_list(text: str) -> None:
    plain = frozenset(LOWER_WORD.findall(text))
    words = LowerWords(text)
    asked = {w.lower() for w in TOKEN.findall(text)} | {"aa", "it", "s", "don", "well-", "well", "a", ""}
    for w in sorted(asked):
        assert (w in words) == (w in plain), w


def test_the_year_scan_is_the_documented_year_pattern() -> None:
    plain = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d])")
    text = "2020 and 1999, 12020 or 2.2021 1,2022 x2023 2024x 20256 1899 2100 19\n2001 (2002) 202"
    assert dates._ANY_YEAR.findall(text) == plain.findall(text) == ["2020", "1999", "2023", "2024", "2001", "2002"]
