"""Money mentions: a table of phrases as articles print them, grouped by where the cases come from."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zonewatch.extract.en.money import find_money, parse_money, word_number

# (phrase, value, currency, qualifier, raw)
CHINA = [
    ("an investment of RMB 5 billion", "5000000000", "CNY", "exact", "RMB 5 billion"),
    ("approx. 10 billion RMB", "10000000000", "CNY", "approx", "10 billion RMB"),
    ("approximately RMB 13 billion", "13000000000", "CNY", "approx", "RMB 13 billion"),
    ("exceeds RMB 1.7 billion", "1700000000", "CNY", "at_least", "RMB 1.7 billion"),
    ("a total of more than RMB 10 billion", "10000000000", "CNY", "at_least", "RMB 10 billion"),
    ("one billion RMB", "1000000000", "CNY", "exact", "one billion RMB"),
    ("totaled up to 16.8 billion RMB", "16800000000", "CNY", "exact", "16.8 billion RMB"),
    ("worth ¥235.47B", "235470000000", "CNY", "exact", "¥235.47B"),
    ("CNY 800 million", "800000000", "CNY", "exact", "CNY 800 million"),
    ("over 208 billion Yuan", "208000000000", "CNY", "at_least", "208 billion Yuan"),
    ("nearly 2.3 bn yuan", "2300000000", "CNY", "approx", "2.3 bn yuan"),
    ("close to 600 million yuan", "600000000", "CNY", "approx", "600 million yuan"),
    ("no less than 3 billion yuan", "3000000000", "CNY", "at_least", "3 billion yuan"),
    ("up to 500 million yuan", "500000000", "CNY", "at_most", "500 million yuan"),
    ("no more than 50 million yuan", "50000000", "CNY", "at_most", "50 million yuan"),
]
MACHINE_TRANSLATED = [
    ("4 billion 280 million yuan", "4280000000", "CNY", "exact", "4 billion 280 million yuan"),
    ("460 100 million yuan", "46000000000", "CNY", "exact", "460 100 million yuan"),
    ("3.5 100 million yuan", "350000000", "CNY", "exact", "3.5 100 million yuan"),
]
WORLD = [
    ("$250 million", "250000000", "USD", "exact", "$250 million"),
    ("US$37 billion", "37000000000", "USD", "exact", "US$37 billion"),
    ("USD 491 million", "491000000", "USD", "exact", "USD 491 million"),
    ("about 30 billion U.S. Dollars", "30000000000", "USD", "approx", "30 billion U.S. Dollars"),
    ("2 billion US dollars", "2000000000", "USD", "exact", "2 billion US dollars"),
    ("a 500 million dollar chip plant", "500000000", "USD", "exact", "500 million dollar"),
    ("a 500-million-dollar plant", "500000000", "USD", "exact", "500-million-dollar"),
    ("EUR 320 million", "320000000", "EUR", "exact", "EUR 320 million"),
    ("over 6.7 million euros", "6700000", "EUR", "at_least", "6.7 million euros"),
    ("€70 million", "70000000", "EUR", "exact", "€70 million"),
    ("£1.2bn", "1200000000", "GBP", "exact", "£1.2bn"),
    ("Rs 47,000 crore", "470000000000", "INR", "exact", "Rs 47,000 crore"),
    ("Rs. 500 crore", "5000000000", "INR", "exact", "Rs. 500 crore"),
    ("₹1,200 crore", "12000000000", "INR", "exact", "₹1,200 crore"),
    ("INR 75 lakh", "7500000", "INR", "exact", "INR 75 lakh"),
    ("5 lakh crore rupees", "5000000000000", "INR", "exact", "5 lakh crore rupees"),
    ("RM5.4billion", "5400000000", "MYR", "exact", "RM5.4billion"),
    ("MYR 2 billion", "2000000000", "MYR", "exact", "MYR 2 billion"),
    ("SAR 3.75 billion", "3750000000", "SAR", "exact", "SAR 3.75 billion"),
    ("15 billion riyals", "15000000000", "SAR", "exact", "15 billion riyals"),
    ("AED 500 million", "500000000", "AED", "exact", "AED 500 million"),
    ("Dh2 billion", "2000000000", "AED", "exact", "Dh2 billion"),
    ("EGP 1 billion", "1000000000", "EGP", "exact", "EGP 1 billion"),
    ("IDR 12 trillion", "12000000000000", "IDR", "exact", "IDR 12 trillion"),
    ("Rp 3 trillion", "3000000000000", "IDR", "exact", "Rp 3 trillion"),
    ("VND 2,000 billion", "2000000000000", "VND", "exact", "VND 2,000 billion"),
    ("Rs.500 cr", "5000000000", "INR", "exact", "Rs.500 cr"),  # the prefix's stop is no decimal point
    ("Rp 1.5 triliun", "1500000000000", "IDR", "exact", "Rp 1.5 triliun"),
    ("CAD 500 million", "500000000", "CAD", "exact", "CAD 500 million"),
    ("NT$5 billion", "5000000000", "TWD", "exact", "NT$5 billion"),
    ("QR500 million", "500000000", "QAR", "exact", "QR500 million"),
    ("1.2 billion Qatari riyals", "1200000000", "QAR", "exact", "1.2 billion Qatari riyals"),
    ("Tk 500 crore", "5000000000", "BDT", "exact", "Tk 500 crore"),
    ("a KSh2 billion plant", "2000000000", "KES", "exact", "KSh2 billion"),
    ("PHP 2.5 billion", "2500000000", "PHP", "exact", "PHP 2.5 billion"),
    ("a $2.5 billion-plus plant", "2500000000", "USD", "at_least", "$2.5 billion"),
]


@pytest.mark.parametrize(("phrase", "value", "currency", "qualifier", "raw"), CHINA + MACHINE_TRANSLATED + WORLD)
def test_amounts_parse_with_value_currency_qualifier_and_raw(
    phrase: str, value: str, currency: str, qualifier: str, raw: str
) -> None:
    m = parse_money(phrase)
    assert m is not None
    assert (m.value, m.currency, m.qualifier.value, m.raw) == (Decimal(value), currency, qualifier, raw)
    assert phrase[m.span.start : m.span.end] == m.raw


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("with an investment of 10 to 15 billion yuan", "10000000000", "15000000000"),
        ("RMB 10-15 billion", "10000000000", "15000000000"),
        ("$2–3 billion", "2000000000", "3000000000"),
        ("5 billion to 6 billion yuan", "5000000000", "6000000000"),
        ("between RMB 2 billion and RMB 3 billion", "2000000000", "3000000000"),
        ("between 2 and 3 billion dollars", "2000000000", "3000000000"),
    ],
)
def test_ranges_are_at_least_the_low_end_with_an_upper_bound(phrase: str, low: str, high: str) -> None:
    m = parse_money(phrase)
    assert m is not None
    assert (m.value, m.upper, m.qualifier.value) == (Decimal(low), Decimal(high), "at_least")


@pytest.mark.parametrize(
    "phrase",
    [
        "creating 2,500 new jobs",
        "covering 75,000 square meters",
        "up 6.2 percent",
        "in 2020",
        "one was signed",
        "more than one billion users",
        "the 5m-long bridge",
    ],
)
def test_numbers_without_a_currency_are_not_money(phrase: str) -> None:
    assert find_money(phrase) == []


def test_every_amount_of_a_sentence_is_found_in_order_with_exact_spans() -> None:
    text = (
        "Tencent will invest RMB 5 billion ($7300 million), and NetEase approximately RMB 13 billion  ($1.88 billion)."
    )
    found = find_money(text)
    assert [m.raw for m in found] == ["RMB 5 billion", "$7300 million", "RMB 13 billion", "$1.88 billion"]
    assert all(text[m.span.start : m.span.end] == m.raw for m in found)


def test_hostile_input_stays_linear() -> None:
    # Long runs of digits, separators and currency words must not make the patterns backtrack.
    text = ("1," * 5000) + " RMB " + ("9 " * 5000) + "billion " * 2000
    assert isinstance(find_money(text), list)
    spelled = "two hundred and " * 5000 + "half a " * 5000 + "a billion dollars"
    assert [m.raw for m in find_money(spelled)] == ["a billion dollars"]


@pytest.mark.parametrize(("word", "value"), [("one", 1), ("Thirty-six", 36), ("ninety nine", 99), ("dozens", None)])
def test_number_words(word: str, value: int | None) -> None:
    assert word_number(word) == value


@pytest.mark.parametrize(
    ("phrase", "value", "currency", "raw"),
    [
        ("two hundred million dollars", "200000000", "USD", "two hundred million dollars"),
        ("one hundred and fifty million euros", "150000000", "EUR", "one hundred and fifty million euros"),
        ("a hundred million dollars", "100000000", "USD", "a hundred million dollars"),
        ("nearly half a billion dollars", "500000000", "USD", "half a billion dollars"),
        ("worth a billion dollars", "1000000000", "USD", "a billion dollars"),
        ("two and a half billion yuan", "2500000000", "CNY", "two and a half billion yuan"),
        ("Rs five hundred crore", "5000000000", "INR", "Rs five hundred crore"),
        ("twenty-five hundred crore rupees", "25000000000", "INR", "twenty-five hundred crore rupees"),
        ("three hundred thousand dollars", "300000", "USD", "three hundred thousand dollars"),
        ("a two billion dollar plant", "2000000000", "USD", "two billion dollar"),
    ],
)
def test_spelled_out_amounts(phrase: str, value: str, currency: str, raw: str) -> None:
    m = parse_money(phrase)
    assert m is not None
    assert (m.value, m.currency, m.raw) == (Decimal(value), currency, raw)
    assert phrase[m.span.start : m.span.end] == m.raw


@pytest.mark.parametrize(
    "phrase",
    [
        "a million users",
        "half a dozen firms",
        "a hundred companies",
        "two hundred dollars",
        "Kenya billion dollars",
        "Tencent, a billion-dollar company,",  # a size, not an amount
        "the dollar rose",
        "version 1.500 crore",  # a stop that is no currency's is a decimal point: no number starts after it
    ],
)
def test_spelled_out_numbers_that_are_no_amount(phrase: str) -> None:
    assert find_money(phrase) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list shares the currency one of its members states
        (
            "worth 2 billion, 1.5 billion and 800 million yuan respectively",
            [("2 billion", "CNY"), ("1.5 billion", "CNY"), ("800 million yuan", "CNY")],
        ),
        ("RMB 2 billion and 1.5 billion", [("RMB 2 billion", "CNY"), ("1.5 billion", "CNY")]),
        # after an investment word, the currency the text uses
        (
            "Output was 5 billion yuan. The plant has a total investment of 3 billion.",
            [("5 billion yuan", "CNY"), ("3 billion", "CNY")],
        ),
        # with nothing to go on, a bare figure is no money
        ("The plant has a total investment of 3 billion.", []),
        ("serving more than one billion users", []),
        # Malaysian and Indian abbreviations
        ("RM1.2 bil and RM500 mil", [("RM1.2 bil", "MYR"), ("RM500 mil", "MYR")]),
        ("a Rs 3,000 cr project", [("Rs 3,000 cr", "INR")]),
        ("a Rs 1,200-crore plant", [("Rs 1,200-crore", "INR")]),
    ],
)
def test_amounts_without_their_own_currency(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.raw, m.currency) for m in find_money(text)] == expected
