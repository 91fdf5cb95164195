"""Renderers on a roundup built by hand: golden Markdown in both languages, self-contained HTML, PDF pages."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import need_or_skip
from tests.report import samples
from zonewatch.report.html import render_html, render_pdf
from zonewatch.report.markdown import render_markdown

GOLDEN = Path(__file__).parent / "golden"
# Set ZONEWATCH_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change (then read the diff).
UPDATE = os.environ.get("ZONEWATCH_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_matches_golden(lang: str) -> None:
    text = render_markdown(samples.roundup(lang))
    path = GOLDEN / f"roundup_{lang}.md"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        # The stated amount with the USD figure at the day's rate, as a reader would quote it.
        ("en", "RMB 5 billion (US$722.7 million at 6.92 CNY/USD on 2020-08-20)"),
        ("en", "about RMB 13 billion (US$1.88 billion at 6.92 CNY/USD on 2020-08-20)"),
        ("en", "over €120 million (US$141.6 million at 1.18 USD/EUR on 2020-08-03)"),
        ("en", "### 2. August 20 — Tencent [1]"),
        ("en", "### 5. August 29 — 23 projects [1][2]"),
        ("en", "August (day not given)"),
        (
            "en",
            'the source printed RMB 5 billion as "$7300 million" (US$7,300 million); at 6.92 CNY/USD on 2020-08-20 it is US$723 million',
        ),
        ("en", "the item is dated August 27 by its heading, but its text says August 31"),
        ("en", "**5 entries covering 27 projects, RMB 61.18 billion (US$8.88 billion)"),
        ("en", "- Same month a year before (August 2019): no projects in the ledger"),
        ("en", "1. August roundup at the hi-tech zone — <https://example.org/cdht/august> — published August 2020"),
        ("zh", "50亿元（按2020年8月20日汇率6.92元/美元折合约7.23亿美元）"),
        ("zh", "约130亿元"),
        ("zh", "### 2. 8月20日 — Tencent [1]"),
        ("zh", "应约为7.23亿美元（原文数字偏高约10倍，疑为单位错误）"),
        ("zh", "标题日期为8月27日，正文却写8月31日"),
        ("zh", "- 上月（2020年7月）：2个项目，30亿元（约4.3亿美元）（金额+1939%）"),
        ("zh", "发布于2020年8月30日"),
    ],
)
def test_markdown_says(lang: str, expected: str) -> None:
    assert expected in render_markdown(samples.roundup(lang))


def test_aggregate_nests_its_named_parts_and_headline_counts_it_once() -> None:
    text = render_markdown(samples.roundup("en"))
    chips = text.index("### 4. August 27 — electronic information industry projects")
    eswin = text.index("  - **Eswin**")
    assert chips < eswin < text.index("### 5.")
    # 25.4 bn counted once: the total is the top-level items only (Eswin's 11 bn is inside it).
    assert "RMB 61.18 billion" in text


def test_items_and_corrections_cite_listed_sources() -> None:
    text = render_markdown(samples.roundup("en"))
    body, sources = text.split("## Sources")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    listed = {int(n) for n in re.findall(r"^(\d+)\. ", sources, re.M)}
    assert cited == listed == {1, 2}


def test_markdown_escapes_article_text() -> None:
    hostile = dataclasses.replace(samples.TENCENT, project="*bold* [link](javascript:x) <b>")
    roundup = dataclasses.replace(samples.roundup("en"), items=(hostile,))
    text = render_markdown(roundup)
    assert r"\*bold\* \[link\](javascript:x) \<b\>" in text


def test_empty_month_says_so() -> None:
    roundup = dataclasses.replace(samples.roundup("en"), items=(), corrections=(), by_sector=(), by_week=())
    text = render_markdown(roundup)
    assert "The ledger has no project in this zone for this month." in text
    assert "Verification found no error in the source articles." in text
    assert "## Charts" not in text


def test_html_is_self_contained_and_inert() -> None:
    hostile = dataclasses.replace(
        samples.TENCENT, project="<script>alert(1)</script>", investors=("<img src=x onerror=y>",)
    )
    sources = (samples.SOURCES[0], dataclasses.replace(samples.SOURCES[1], url="javascript:alert(1)"))
    roundup = dataclasses.replace(samples.roundup("en"), items=(hostile, samples.CHIPS), sources=sources)
    html = render_html(roundup)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    # Nothing to fetch: no external stylesheet, script, image or font; the charts are inline SVG.
    assert not re.search(
        r"""(src|href)=["']?(https?:)?//""", html.replace('href="https://example.org/cdht/august"', "")
    )
    assert "<link" not in html and "@import" not in html
    assert html.count("<svg") == 2
    assert 'href="#src-1"' in html and 'id="src-1"' in html


def test_html_in_chinese() -> None:
    html = render_html(samples.roundup("zh"))
    assert '<html lang="zh-CN">' in html
    assert "成都高新区投资项目月报（2020年8月）" in html
    assert "50亿元（按2020年8月20日汇率6.92元/美元折合约7.23亿美元）" in html


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_renders_pages_that_are_not_blank(lang: str, tmp_path: Path) -> None:
    need_or_skip(shutil.which("pdftoppm") is not None, "pdftoppm is not installed (apt-get install poppler-utils)")
    from PIL import Image

    pdf = tmp_path / "roundup.pdf"
    pdf.write_bytes(render_pdf(samples.roundup(lang)))
    assert pdf.read_bytes().startswith(b"%PDF-")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 2 <= len(pages) <= 5  # five items, two charts, corrections and sources: a few A4 pages
    for page in pages:
        with Image.open(page) as image:
            gray = image.convert("L")
            inked = sum(gray.histogram()[:200])  # pixels clearly darker than the white page
        assert inked > 100, f"{page.name} looks blank"
