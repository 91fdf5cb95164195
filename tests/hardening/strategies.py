"""Hypothesis strategies for hostile text: any mix of scripts, announcement fragments, control characters,
very long lines."""

from __future__ import annotations

from hypothesis import strategies as st

# Pieces of real-looking announcements in both languages, so generated text reaches deep into the
# extractors (an amount next to a date next to a name) instead of stopping at the first character.
FRAGMENTS = (
    "RMB", "US$", "$", "€", "£", "Rs", "₹", "INR", "yuan", "dollars", "billion", "bn", "million", "mn",
    "crore", "lakh", "thousand", "one", "thirty-six", "approx.", "about", "more than", "up to", "at least",
    "10-15", "to", "and", "4 billion 280 million", "460 100 million", "(", ")", ",", ".", " ", "\n", "\n\n",
    "On August 20", "Aug 20 | ", "AUG 28 | ", "Sept 24", "2020", "2020-08-20", "yesterday", "on Thursday",
    "recently", "Tencent", "Co., Ltd.", "Chengdu Hi-Tech Zone", "CDHT", "signed", "invest", "projects",
    "kicked off", "Huamei (Chengdu) Digital Technology", "'s", "of", "the",
    "人民币", "约", "近", "超过", "逾", "以上", "不低于", "不超过", "以内", "左右", "余", "元", "万元", "亿元",
    "万亿元", "美元", "亿美元", "欧元", "港元", "日元", "三十", "二十五点六", "百", "1.2万亿", "4亿2800万",
    "5 亿元", "至", "万元/亩", "年", "月", "日", "8月20日", "2020年8月", "日前", "近日", "昨天", "上周",
    "本月", "今年", "签约", "开工", "投产", "拟投资", "总投资", "项目", "个", "六个", "集中签约", "共计",
    "其中", "有限公司", "股份有限公司", "集团", "研究院", "大学", "管委会", "人民政府", "高新区", "经开区",
    "新区", "产业园", "成都", "腾讯", "在深圳举行", "营收", "产值", "累计", "目标", "，", "。", "（", "）",
    "：", "１２３", "總投資", "億元", "簽約", "\t", "\x00", "\x0b", "\u200b", "\ufeff", "\u2028", "\U0001f600",
)  # fmt: skip

any_char = st.characters(codec="utf-8")  # every code point that can be a str (no lone surrogates)
fragments = st.sampled_from(FRAGMENTS)
digits = st.from_regex(r"\A[0-9]{1,25}([.,][0-9]{1,6}){0,4}\Z")

# A document: a list of pieces (fragments, digits, arbitrary text) joined, sometimes with a piece
# repeated into a very long line.
piece = st.one_of(fragments, fragments, fragments, digits, st.text(any_char, max_size=8))
long_run = st.tuples(st.one_of(fragments, digits), st.integers(50, 400)).map(lambda t: t[0] * t[1])
documents = st.lists(st.one_of(piece, piece, piece, piece, long_run), max_size=60).map("".join)
texts = st.one_of(documents, st.text(any_char, max_size=300))
