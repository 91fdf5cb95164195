"""Property-based tests: the parsers and whole-document extraction never raise on any string, and every
span they return lies inside the text and slices back to its raw text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.hardening.spans import span_problems
from tests.hardening.strategies import documents, texts
from zonewatch.extract.en import dates as en_dates
from zonewatch.extract.en import money as en_money
from zonewatch.extract.en import names as en_names
from zonewatch.extract.zh import chars as zh_chars
from zonewatch.extract.zh import dates as zh_dates
from zonewatch.extract.zh import money as zh_money
from zonewatch.extract.zh import names as zh_names
from zonewatch.extract.zh import numerals as zh_numerals
from zonewatch.extract.zh import places as zh_places
from zonewatch.model import DateValue, Document, Money, Precision, Span
from zonewatch.pipeline import prepare, run

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
PUB = DateValue(dt.date(2020, 8, 20), Precision.DAY, "2020-08-20")
ANCHORS = (
    en_dates.Anchor(),
    en_dates.Anchor(dt.date(2020, 8, 20), Precision.DAY, 2020),
    en_dates.Anchor(dt.date(2020, 8, 1), Precision.MONTH, 2020),
)


def check_span(text: str, span: Span, raw: str | None = None) -> None:
    assert 0 <= span.start <= span.end <= len(text), (span, len(text))
    if raw is not None:
        assert text[span.start : span.end] == raw


def check_money(text: str, money: Money) -> None:
    check_span(text, money.span, money.raw)
    assert isinstance(money.value, Decimal) and money.value.is_finite()
    assert money.upper is None or money.upper.is_finite()
    assert len(money.currency) == 3 and money.currency.isupper()


# ---------------------------------------------------------------------------------------------- English parsers


@FAST
@given(texts)
@example("RMB 1" + ",000" * 40 + " x")
@example("Rs 47,000 crore (US$ 5.7 bn) and 10-15 billion yuan")
def test_en_money(text: str) -> None:
    for money in en_money.find_money(text):
        check_money(text, money)
    found = en_money.parse_money(text)
    if found is not None:
        check_money(text, found)


@FAST
@given(st.text(max_size=40))
def test_en_word_number(word: str) -> None:
    value = en_money.word_number(word)
    assert value is None or value >= 0


@FAST
@given(texts, st.sampled_from(ANCHORS))
@example("On February 30, 2020 and 2020-13-45 and Sept 31", ANCHORS[1])
@example("Aug 29 | yesterday | on Monday", ANCHORS[2])
def test_en_dates(text: str, anchor: en_dates.Anchor) -> None:
    for mention in en_dates.find_dates(text, anchor):
        check_span(text, mention.span, mention.raw)
        if mention.value is not None and mention.value.span is not None:
            check_span(text, mention.value.span, mention.value.raw)
            # an event is never dated after its publication
            if anchor.published is not None and anchor.precision is Precision.DAY and mention.kind == "date":
                assert mention.value.date <= anchor.published
    en_dates.make_anchor(text, None)


@FAST
@given(texts)
@example("Huamei (Chengdu) Digital Technology Co., Ltd. and the Bank of China's ( ) & Co")
def test_en_names(text: str) -> None:
    for name in en_names.find_names(text, Span(0, len(text))):
        check_span(text, name.span)
        assert name.name.strip()


# ---------------------------------------------------------------------------------------------- Chinese parsers


@FAST
@given(texts)
def test_zh_shadow_keeps_offsets(text: str) -> None:
    assert len(zh_chars.shadow(text)) == len(text)


@FAST
@given(texts)
@example("投资1" + ",000" * 40 + "x")
@example("约人民币5亿元至10亿元（约合1.2亿美元），二十五点六亿元，4亿2800万元，１２３亿元")
def test_zh_money(text: str) -> None:
    for hit in zh_money.find_money(text, zh_chars.shadow(text)):
        check_money(text, hit.money)


@FAST
@given(st.one_of(texts, st.from_regex(r"\A[0-9一二三四五六七八九十百千万亿点余多,.两零]{0,30}\Z")))
@example("1.2.3亿")
@example("亿万亿万亿")
@example("点点点")
def test_zh_numbers(text: str) -> None:
    value = zh_numerals.parse_number(text)
    assert value is None or (value.is_finite() and value > 0)
    count = zh_numerals.parse_count(text)
    assert count is None or count > 0


@FAST
@given(texts, st.sampled_from([None, PUB]))
@example("2020年13月45日，0月0日，日前，上周日", PUB)
def test_zh_dates(text: str, published: DateValue | None) -> None:
    for hit in zh_dates.find_dates(text, zh_chars.shadow(text), published):
        assert hit.value.span is not None
        check_span(text, hit.value.span, hit.value.raw)


@FAST
@given(texts)
@example("(((((有限公司)))))腾讯科技(深圳)有限公司与成都高新区管委会在深圳举行")
def test_zh_names_and_places(text: str) -> None:
    shadow = zh_chars.shadow(text)
    orgs = zh_names.find_orgs(text, shadow, frozenset({"成都", "深圳"}))
    for org in orgs:
        check_span(text, org.mention.span, org.mention.raw)
    masked = [o.mention.span for o in orgs]
    for place in zh_places.find_places(text, shadow, masked, frozenset({"成都", "深圳"})):
        check_span(text, place.mention.span, place.mention.raw)


# ---------------------------------------------------------------------------------------------- whole documents


@pytest.mark.parametrize(
    "text",
    [
        "On August 20, 2020, Foo Ltd signed to invest RMB 1" + ",000" * 40 + " in Bar Park.",
        "Foo Ltd will invest RMB 5-" + "9" * 40 + " billion in Bar Park on August 20, 2020.",
        "2020年8月20日，腾讯公司签约，拟投资" + "9" * 20 + "万亿元建设项目，其中一期投资5亿元。",
        "Foo Ltd will invest RMB 5 billion in a plant of 1" + ",000" * 30 + " square metres creating 9" * 3 + " jobs.",
        "腾讯公司拟投资5亿元，占地1" + "，000" * 30 + "平方米，新增" + "9" * 40 + "个就业岗位。",
    ],
)
def test_absurdly_large_figures_are_not_money(text: str) -> None:
    # found by benchmarks/fuzz.py: a 40-digit "amount" crashed the currency conversion (Decimal overflow)
    ex = run(prepare(Document(text=text, source="huge"), "auto", PUB))
    for p in ex.projects:
        assert p.amount is None or p.amount.value < 10**18
        assert p.amount is None or p.amount.upper is None or p.amount.upper < 10**18
        assert p.area is None or p.area.value < 10**18
        assert p.jobs is None or p.jobs.value < 10**18
    assert not span_problems(ex)


@pytest.mark.parametrize("lang", ["auto", "en", "zh"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(text=documents, published=st.sampled_from([None, PUB]))
def test_whole_document_extraction_is_grounded(lang: str, text: str, published: DateValue | None) -> None:
    doc = prepare(Document(text=text, source="fuzz"), lang, published)
    problems = span_problems(run(doc))
    assert not problems, problems
