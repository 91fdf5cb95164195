"""The pages as HTML (no browser): every page answers in both languages, figures are formatted for the
reader, spans are highlighted at the right characters, and the charts and highlighting helpers behave."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import ids_by_investor
from zonewatch.report import charts
from zonewatch.web import i18n
from zonewatch.web.highlight import Mark, highlight

PAGES = [
    "/",
    "/projects",
    "/documents",
    "/findings",
    "/review",
    "/login",
    "/docs",
    "/organisations",
    "/projects?stage=signed&sort=-amount_usd",
    "/review?status=all",
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_in_both_languages(client: TestClient, path: str, lang: str) -> None:
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}lang={lang}")
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in r.text


def test_labels_have_the_same_keys_in_both_languages() -> None:
    en, zh = i18n.labels("en"), i18n.labels("zh")
    assert set(en) == set(zh)
    # a label named like a dict method would show the method in templates (t.clear -> <built-in method>)
    assert not set(en) & set(dir(dict))


@pytest.mark.parametrize(
    ("value", "currency", "lang", "expected"),
    [
        (5_000_000_000, "CNY", "en", "RMB 5 billion"),
        (5_000_000_000, "CNY", "zh", "50亿元"),
        (722_700_000, "USD", "en", "US$722.7 million"),
        (722_700_000, "USD", "zh", "7.23亿美元"),
        (43_200_000, "CNY", "zh", "4320万元"),
        (1_200_000_000_000, "CNY", "zh", "1.2万亿元"),
        (Decimal("950"), "EUR", "zh", "950欧元"),
        (None, "CNY", "zh", "–"),
    ],
)
def test_money_for_the_reader(value: object, currency: str, lang: str, expected: str) -> None:
    assert i18n.money(value, currency, lang) == expected


def test_dashboard_compares_the_latest_month_with_the_one_before(client: TestClient) -> None:
    html = client.get("/?lang=en").text
    cards = re.findall(r'<div class="value">([^<]+)</div>', html)
    assert cards == ["3", "RMB 10.32 billion", "US$1.49 billion"]
    assert "(2020-07): 1" in html
    zh = client.get("/?lang=zh").text
    assert "103.2亿元" in zh and "14.91亿美元" in zh


def test_project_page_grounds_every_field(client: TestClient, ledger_url: str) -> None:
    pid = ids_by_investor(ledger_url)["Tencent"]
    html = client.get(f"/projects/{pid}?lang=en").text
    assert '<mark class="hl hl-amount" title="amount">RMB 5 billion</mark>' in html
    assert html.count('<mark class="hl hl-investor" title="investors">Tencent</mark>') == 1  # in the source text
    assert '<a href="#source-1">[1]</a> <mark class="hl hl-investor">Tencent</mark>' in html  # in the fields table
    assert "Aug 20 | Tencent signs" in html  # the headline's mention is not the grounded one
    assert '<mark class="hl hl-date" title="date">August 20</mark>' in html
    assert "0.14454" in html and "2020-08-20" in html  # the USD rate and its date


def test_chinese_project_page_spans_land_on_the_characters(client: TestClient, ledger_url: str) -> None:
    pid = ids_by_investor(ledger_url)["BYD"]
    html = client.get(f"/projects/{pid}").text
    assert '<mark class="hl hl-amount" title="amount">43.2亿元</mark>' in html
    assert '<mark class="hl hl-date" title="date">2020年8月25日</mark>' in html


def test_findings_page_highlights_the_sentence(client: TestClient) -> None:
    html = client.get("/findings?kind=conversion_mismatch").text
    quote = re.search(r'<div class="quote">(.*?)</div>', html, re.S)
    assert quote
    assert '<mark class="hl hl-finding" title="conversion_mismatch">$7300 million</mark>' in quote.group(1)
    assert quote.group(1).startswith('<mark class="hl hl-evidence" title="evidence">On August 20, Tencent')


def test_projects_table_sorts_and_pages(client: TestClient) -> None:
    html = client.get("/projects?sort=-amount_cny&limit=2&lang=en").text
    rows = re.findall(r'<tr data-project="(\d+)">', html)
    assert len(rows) == 2
    assert 'rel="next"' in html and "1–2 of 4" in html


def test_the_table_links_to_the_same_query_as_json(client: TestClient) -> None:
    html = client.get("/projects?investor=Tencent&sort=-amount_cny&lang=en").text
    link = re.search(r'<a href="([^"]+)" id="as-json">', html)
    assert link and link.group(1).replace("&amp;", "&") == "/api/projects?investor=Tencent&sort=-amount_cny"
    rows = client.get(link.group(1).replace("&amp;", "&")).json()["rows"]
    assert [r["investors"] for r in rows] == [["Tencent"]]


def test_csv_download_is_what_the_table_shows(client: TestClient) -> None:
    r = client.get("/projects.csv?investor=Tencent")
    assert r.headers["content-type"].startswith("text/csv")
    lines = r.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "Tencent" in lines[1]
    xlsx = client.get("/projects.xlsx?stage=signed")
    assert xlsx.content[:2] == b"PK"


# ---- helpers ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("a<b>c", [], "a&lt;b&gt;c"),
        (
            "RMB 5 billion",
            [Mark(0, 13, "amount"), Mark(4, 5, "date")],
            '<mark class="hl hl-amount" title="amount">RMB </mark><mark class="hl hl-amount" title="amount">5</mark>'
            '<mark class="hl hl-amount" title="amount"> billion</mark>',
        ),
        ("x & y", [Mark(2, 3, "investor", 'a"b')], 'x <mark class="hl hl-investor" title="a&quot;b">&amp;</mark> y'),
        ("43.2亿元", [Mark(0, 6, "amount")], '<mark class="hl hl-amount" title="amount">43.2亿元</mark>'),
        ("abc", [Mark(2, 1, "amount"), Mark(5, 9, "date")], "abc"),
        ("abc", [Mark(0, 3, "<script>")], '<mark class="hl hl-evidence" title="&lt;script&gt;">abc</mark>'),
    ],
)
def test_highlight(text: str, marks: list[Mark], expected: str) -> None:
    assert str(highlight(text, marks)) == expected


def test_charts_escape_labels_and_scale_bars() -> None:
    svg = charts.bar_chart([("<script>x</script>", 10), ("b", 5)], title="<t>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(2 * widths[1])
    col = charts.column_chart([("2020-07", 1), ("2020-08", 3)])
    heights = [float(h) for h in re.findall(r'height="([\d.]+)" fill', col)]
    assert heights[1] == pytest.approx(3 * heights[0])
    assert "no data" in charts.line_chart([])
