"""The fast paths of the Chinese extractor find exactly what the plain code they replaced found.

Each reference below is the straightforward version (the code before it was made fast), kept here as the
specification; hypothesis feeds both the characters that matter to them in any order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import TypeVar
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from zonewatch.extract.text import trim
from zonewatch.extract.zh import names, windows
from zonewatch.extract.zh.chars import _table, shadow
from zonewatch.extract.zh.dates import find_dates
from zonewatch.extract.zh.lexicon import alternation, lexicon, trie
from zonewatch.extract.zh.numerals import parse_count, parse_number, read_number
from zonewatch.extract.zh.places import _UNKNOWN_ADMIN, _after_stem, _learned, _unknown_admin
from zonewatch.extract.zh.sentences import HEADLINE_MAX, split_sentences
from zonewatch.extract.zh.spans import Stops, walk_left, walk_left_by_character
from zonewatch.model import DateValue, Precision

T = TypeVar("T")


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


def _everywhere(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    return pattern.finditer(text)


def _same_with_and_without_windows(find: Callable[[], T]) -> tuple[T, T]:
    """What ``find`` returns with the patterns run near their anchors only, and run over the whole text."""
    fast = find()
    with patch("zonewatch.extract.zh.windows.finditer", _everywhere):
        slow = find()
    return fast, slow


DATE_PIECES = [
    "2020年8月20日", "2020 年 12 月 1 日", "二〇二〇年八月二十日", "2019年12月", "2020年 8月", "8月20日", "十二月三十一日",
    "2020 年 0012 月 0020 日", "2020-08-20", "2019/8/1", "今年8月", "去年12月", "3月初", "5月份", "20日上午", "15日在", "2021年", "2018 年",
    "年代", "上周五", "昨日", "近日", "2020", "二〇二〇", "年", "月", "日", "号", "8", "12", "20", "十", "二十一", " ",
    "\n", "-", "/", ".", "份", "下旬", "至", "举行", "签约", ",", "在",
]  # fmt: skip
PUB = DateValue(dt.date(2020, 8, 20), Precision.DAY, "2020-08-20")


@settings(max_examples=400, deadline=None)
@given(text=_texts(DATE_PIECES), dated=st.booleans())
def test_dates_near_their_anchors_are_all_the_dates(text: str, dated: bool) -> None:
    fast, slow = _same_with_and_without_windows(lambda: find_dates(text, shadow(text), PUB if dated else None))
    assert fast == slow


NAME_PIECES = [
    "深圳", "宝德", "集团", "有限公司", "的", "与", "和", "以及", "签约", "投资", "建设", "(", ")", "OPPO", "A1", "·", "&",
    ",", "，", " ", "《", "—", "-", "高新区", "在", "于", "成都", "é", "一", "元", "项目", "数", "据", "根据", "数据",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=_texts(NAME_PIECES), max_len=st.integers(-1, 30), latin=st.booleans())
def test_walking_left_is_the_walk_one_character_at_a_time(text: str, max_len: int, latin: bool) -> None:
    lex = lexicon()
    inside = lex.words("names", "left_stops_inside")
    for words in (lex.words("names", "left_stops") + lex.words("places", "left_stops"), ("的",), ()):
        stops = Stops(words, inside)
        for end in range(len(text) + 1):
            assert walk_left(text, end, stops, max_len, latin) == walk_left_by_character(
                text, end, stops, max_len, latin
            )


PLACE_PIECES = [
    "安吉县", "海宁市", "成都市", "区", "县", "市", "市区", "区政府", "全县", "落户", "签约", "在", "与", ",", " ", "\n",
    "海门", "天府", "海门市", "天府新区", "宜宾市叙州区", "举行", "经济技术开发区", "高新区", "场", "民",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=_texts(PLACE_PIECES))
def test_unknown_counties_are_those_a_whole_text_scan_finds(text: str) -> None:
    assert [m.span() for m in _unknown_admin(text)] == [m.span() for m in _UNKNOWN_ADMIN.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(text=_texts(PLACE_PIECES), stems=st.sets(st.sampled_from(["海门", "天府", "海门市", "宜宾", "安吉", "门市"])))
def test_learned_stems_are_found_as_their_pattern_finds_them(text: str, stems: set[str]) -> None:
    pattern = re.compile(f"(?:{alternation(stems)}){_after_stem()}")
    assert _learned(text, stems) == ([m.span() for m in pattern.finditer(text)] if stems else [])


ORG_PIECES = [
    "。此外, 星河新能源科技将投资9亿元", ";其中，药明康德计划投资", "\n另 瑞思达新材料拟追加投资", " 华星光电半导体再投资",
    "星河科技", "半导体", "其中", "准备", "预计再投入", "将", "投资", "总投资", "再投资", "拟", "计划", "追加投资", "药明康德", "此外", "另", ",", "，", "。", "；",
    "\n", " ", "“", "(", ")", "瑞思达", "投资9亿元", "投资约", "知名厂商", "龙头企业", "有限公司", "上市", "A股", "新能源",
]  # fmt: skip


def _reference_strip(shadow: str, start: int, end: int, descriptors: tuple[str, ...]) -> int:
    changed = True
    while changed:
        changed = False
        for d in descriptors:
            if shadow.startswith(d, start) and end - start > len(d):
                start += len(d)
                changed = True
                break
    return start


@settings(max_examples=300, deadline=None)
@given(text=_texts(ORG_PIECES))
@example(text="，甲乙丙丁戊己庚辛半导体总投资")  # the longest trade name: its verb 11 characters in
@example(text="\n 其中， 甲乙丙丁戊己庚辛将投资")  # the longest clause opening: its verb 13 characters in
def test_clause_patterns_tried_near_their_verbs_find_what_a_whole_scan_finds(text: str) -> None:
    p, c = names._patterns(), names._clause_investor()
    for pattern, anchor in ((p.trade_name, p.trade_at), (c.pattern, c.at)):
        fast = windows.finditer(pattern, text, anchor.around(text))
        assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)]
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            expected = _reference_strip(text, start, end, p.descriptors)
            assert names._strip_descriptors(text, start, end, p.descriptor) == expected


@settings(max_examples=500, deadline=None)
@given(
    digits=st.from_regex(r"[0-9]{1,12}(?:\.[0-9]{1,6})?", fullmatch=True),
    units=st.sampled_from(["", "万", "亿", "万亿", "亿万", "兆"]),
)
def test_plain_amounts_read_as_the_character_loop_reads_them(digits: str, units: str) -> None:
    text = digits + units
    assert parse_number(text) == read_number(text)
    assert str(parse_number(text)) == str(read_number(text))  # the same digits and exponent, not only value
    if not units:
        assert parse_count(digits) == (int(v) if (v := read_number(digits)) is not None and v == int(v) else None)


KNOWN = sorted(lexicon().places | lexicon().companies)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.one_of(st.sampled_from(KNOWN), st.sampled_from([w[:-1] for w in KNOWN]), st.text(max_size=2))).map(
        "".join
    ),
    words=st.sets(st.sampled_from(KNOWN), max_size=40),
)
def test_a_trie_matches_what_the_alternation_matches(text: str, words: set[str]) -> None:
    for chosen in (words, KNOWN):
        plain, shared = re.compile(alternation(chosen)), re.compile(trie(chosen))
        assert [m.span() for m in shared.finditer(text)] == [m.span() for m in plain.finditer(text)]
