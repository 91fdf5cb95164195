"""Any text at all: extraction never raises, every span slices back, nothing is dated after publication."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from zonewatch.extract.zh import extract_projects
from zonewatch.model import DateValue, Document, Precision

PUB = DateValue(dt.date(2020, 8, 20), Precision.DAY, "2020-08-20")
PIECES = [
    "总投资", "约", "超过", "10", "１２", "3.5", "亿元", "万元", "亿美元", "亿", "至", "以上", "项目", "个", "其中",
    "签约", "开工", "投产", "有限公司", "集团", "管委会", "高新区", "成都", "德阳", "在", "举行", "与", "公司",
    "8月20日", "昨日", "今年", "累计", "年产值", "(300811)", "，", "。", "；", "\n", "(", ")", "该项目", "由",
    "二十五点六", "一千", "万元/亩", "将于", "2021年", "臺", "簽約", "億元",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=texts, dated=st.booleans())
def test_any_text(text: str, dated: bool) -> None:
    for p in extract_projects(Document(text, "zh", published=PUB if dated else None)):
        grounded = [p.amount, *p.investors, *p.hosts, p.place, p.project, p.date, p.stage, p.count]
        for g in grounded:
            if g is not None and g.span is not None:
                assert text[g.span.start : g.span.end] == g.raw
        if dated and p.date is not None:
            assert p.date.date <= PUB.date
