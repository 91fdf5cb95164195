"""Catastrophic backtracking: the worst inputs for the extractors' patterns, sized so that a quadratic or
exponential pattern would run for minutes while a linear one finishes at once.

Tests assert on the work done (what was found) and that the call completes. The hang guard (``completes``)
runs the call in a child process and fails it when it has not returned after ``HANG_S`` seconds: not a
timing assertion (the calls take milliseconds; the bugs these pin took 10 s to hours), a guard so a
regression fails instead of stalling the suite. The timings themselves are measured by benchmarks/fuzz.py.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

import pytest

from zonewatch.model import Document, Span

HANG_S = 120


def _child(queue: Any, fn: Callable[[], object]) -> None:
    try:
        queue.put(("ok", fn()))
    except BaseException as exc:
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def completes(fn: Callable[[], object]) -> Any:
    """``fn()``'s result, computed in a child process that must return within the hang guard."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(queue, fn))
    proc.start()
    proc.join(HANG_S)
    if proc.is_alive():
        proc.kill()
        proc.join()
        pytest.fail(f"did not return within {HANG_S} s: catastrophic backtracking?")
    status, value = queue.get(timeout=10)
    assert status == "ok", value
    return value


def _pipeline(text: str, lang: str = "auto") -> tuple[str, int]:
    from zonewatch.pipeline import prepare, run

    ex = run(prepare(Document(text=text, source="worst"), lang))
    return ex.document.language, len(ex.projects)


# ---------------------------------------------------------------------------------------------- single finders


def _headline(text: str) -> list[str]:
    from zonewatch.verify.figures import headline_figures

    return [f.raw for f in headline_figures(text, Span(0, len(text)))]


def test_headline_figures_on_a_long_digit_run() -> None:
    # was quadratic: 10k digits took 25 s
    assert completes(lambda: _headline("9" * 40_000 + " RMB 5 billion")) == ["RMB 5 billion"]
    assert completes(lambda: _headline("1" + ",000" * 10_000)) == []


def test_chinese_counts_on_long_digit_and_numeral_runs() -> None:
    from zonewatch.extract.zh.figures import find_count

    def counts(text: str) -> object:
        q = find_count(text, text, 0, len(text), len(text))
        return q.value if q else None

    # was quadratic: a 4k-digit run took seconds
    assert completes(lambda: counts("9" * 40_000)) is None
    assert completes(lambda: counts("一" * 40_000)) is None
    assert completes(lambda: counts("9" * 40_000 + "，共签约项目25个")) == 25


def test_job_counts_on_a_long_digit_run() -> None:
    from zonewatch.normalize.units import find_jobs

    # was quadratic (the 个就业岗位 pattern had no look-behind)
    assert completes(lambda: [q.raw for q in find_jobs("9" * 40_000 + "，新增2000个就业岗位")]) == ["2000个就业岗位"]


def test_areas_and_jobs_on_long_full_width_thousands_runs() -> None:
    from zonewatch.normalize.units import find_areas, find_jobs

    # was quadratic: each "，000" group of the run was a start rescanning the rest of it
    run = "1" + "，000" * 10_000
    assert completes(lambda: [q.raw for q in find_areas(run + "，占地5000平方米")]) == ["5000平方米"]
    assert completes(lambda: [q.raw for q in find_jobs(run + "，新增2000个就业岗位")]) == ["2000个就业岗位"]


def test_chinese_money_on_long_thousands_groups() -> None:
    from zonewatch.extract.zh.money import find_money

    # ",000" groups: an ambiguous (?:,\d{3})+ inside a repeated group backtracks exponentially in the groups
    text = "投资1" + ",000" * 5_000 + "x，另投资1,000,000万元"
    assert completes(lambda: [h.money.raw for h in find_money(text, text)]) == ["1,000,000万元"]


def test_chinese_money_on_thousands_groups_with_missing_commas() -> None:
    from zonewatch.extract.zh.money import find_money

    # "000000" joins (a comma lost where a run was duplicated) gave each join three ways into the thousands
    # groups: 3^n paths, 14 joins took 100 s (fuzz input 13097); these 20 would take hours
    text = "投资约5亿1" + (",000" * 24 + ",000000") * 20 + ",000元至10亿元"
    assert completes(lambda: [h.money.raw for h in find_money(text, text)]) == ["10亿元"]


def test_chinese_money_with_thousands_of_ranges() -> None:
    from zonewatch.extract.zh.money import find_money

    # every single amount was tested against every range found before it (fuzz input 62954: 1 s CPU);
    # 10,000 ranges and 10,000 amounts would take minutes
    text = "投资1亿元至2亿元，总投资3亿元，" * 10_000
    found = completes(lambda: [h.money.upper is not None for h in find_money(text, text)])
    assert (len(found), sum(found)) == (20_000, 10_000)


def test_english_money_on_long_runs() -> None:
    from zonewatch.extract.en.money import find_money

    # a 30,000-digit "amount" is not money (and is read in one pass); the real amount after it is
    text = "RMB 1" + ",000" * 10_000 + " x and RMB 5 billion"
    assert completes(lambda: [m.raw for m in find_money(text)]) == ["RMB 5 billion"]
    assert completes(lambda: len(find_money("RMB 5 billion and " * 5_000))) == 5_000
    assert completes(lambda: find_money("1 " * 40_000 + "and")) == []


def test_english_dates_and_names_on_long_runs() -> None:
    import datetime as dt

    from zonewatch.extract.en.dates import Anchor, find_dates
    from zonewatch.extract.en.names import find_names
    from zonewatch.model import Precision

    anchor = Anchor(dt.date(2020, 8, 20), Precision.DAY, 2020)
    assert completes(lambda: len(find_dates("August 20, 2020 " * 3_000, anchor))) == 3_000
    text = "Bank of " * 5_000 + "China"
    assert completes(lambda: len(find_names(text, Span(0, len(text))))) >= 1


# ---------------------------------------------------------------------------------------------- whole documents


@pytest.mark.parametrize(
    ("name", "text", "language"),
    [
        ("digit run", "Tencent will invest RMB 5 billion. " + "9" * 30_000, "en"),
        ("thousands groups", "Tencent will invest RMB 1" + ",000" * 8_000 + " yuan.", "en"),
        ("capitalised run", "Tencent Chengdu Hi Tech Zone " * 3_000 + "signed to invest RMB 5 billion.", "en"),
        ("amounts on one line", "Foo Ltd will invest RMB 5 billion and " * 2_000 + "more.", "en"),
        ("cjk without punctuation", "成都高新区管委会腾讯公司签约项目" * 3_000 + "投资50亿元", "zh"),
        ("numeral run", "腾讯拟投资" + "一十百千万亿" * 4_000 + "元", "zh"),
        ("zh thousands groups", "腾讯拟投资1" + "，０００" * 8_000 + "万元建设项目。", "zh"),
        ("zh amounts on one line", "某公司投资约10亿元、" * 3_000, "zh"),
        ("brackets", "(" * 20_000 + "腾讯科技(深圳)有限公司" + ")" * 20_000, None),
    ],
)
def test_worst_documents_complete(name: str, text: str, language: str | None) -> None:
    detected, _ = completes(lambda: _pipeline(text))
    assert language is None or detected == language  # a wall of brackets has no letters to detect from


def _zh_records(n: int) -> tuple[int, int, int]:
    from zonewatch.extract.zh import extract_projects

    places = ("海门经济技术开发区", "合肥高新区", "成都高新区", "南昌经开区")
    text = "".join(
        f"星河{i % 13}科技有限公司在{places[i % 4]}投资建设第{i}号产业基地项目，总投资{i + 1}亿元。"
        + (f"共签约{i % 9 + 2}个项目，总投资{i + 100_000}亿元。" if i % 10 == 0 else "")
        for i in range(n)
    )
    projects = extract_projects(Document(text=text, source="worst", language="zh"))
    return len(projects), sum(1 for p in projects if p.parent), len({p.place.name for p in projects if p.place})


def test_chinese_records_of_thousands_of_amounts() -> None:
    # was quadratic in the amounts (each compared with every earlier record for claimed places, headings, hosts,
    # twins and parents): 2,000 took 10 s, these 8,000 would take minutes
    records, children, places = completes(lambda: _zh_records(8_000))
    assert (records, children, places) == (8_800, 7_999, 4)
