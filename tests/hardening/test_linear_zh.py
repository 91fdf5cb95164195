"""Chinese project assembly stays linear in the number of amounts: the shapes that were still quadratic after
the per-sentence indexes, sized so that the old code ran for a minute or more (16,000 amounts of companies
alternating on claimed places: about 150 s; 24,000 headline lines: about 140 s) while the linear code takes
a few seconds. The hang guard (``completes``, shared with test_backtracking) is not a timing assertion: the
tests assert on what was found, the guard only makes a regression fail instead of stalling the suite.
"""

from __future__ import annotations

from tests.hardening.test_backtracking import completes
from zonewatch.model import Document


def _records(text: str) -> list[tuple[str | None, str | None, int | None]]:
    from zonewatch.extract.zh import extract_projects
    from zonewatch.pipeline import prepare

    projects = extract_projects(prepare(Document(text=text, source="worst"), "zh"))
    return [
        (
            p.investors[0].name if p.investors else None,
            p.place.name if p.place else None,
            int(p.amount.value / 100_000_000) if p.amount else None,
        )
        for p in projects
    ]


def test_thousands_of_companies_alternating_on_claimed_places() -> None:
    # was quadratic in ``_place``: every company without a place of its own walked back through every earlier
    # sentence, each claimed by another company (2,000 amounts took 2.4 s CPU)
    n = 16_000
    text = "".join(
        f"甲{i % 7}科技有限公司在成都高新区投资{i + 1}亿元。乙{i % 5}科技有限公司投资{i + 2}亿元。"
        for i in range(n // 2)
    )
    # (only a summary crosses back from the child: a large result would block its queue)
    found = completes(lambda: (lambda r: (len(r), r[:4], r[-1]))(_records(text)))
    assert found[0] == n
    assert found[1] == [
        ("甲0科技有限公司", "成都高新区", 1),
        ("乙0科技有限公司", None, 2),  # every earlier place is another company's destination
        ("甲1科技有限公司", "成都高新区", 2),
        ("乙1科技有限公司", None, 3),
    ]
    assert found[2] == (f"乙{(n // 2 - 1) % 5}科技有限公司", None, n // 2 + 1)


def test_the_walk_back_skips_claimed_places_but_finds_unclaimed_and_own_ones() -> None:
    # the index behind the walk back: past sentences claimed by others, to a company's own claimed place or to
    # a place nobody claimed
    claimed = "".join(f"甲{i % 7}科技有限公司在成都高新区投资{i + 2}亿元。" for i in range(500))
    text = (
        "合肥高新区是国家级高新区。乙0科技有限公司在南昌高新区投资1亿元。"
        + claimed
        + "乙0科技有限公司投资99亿元。乙1科技有限公司投资98亿元。某公司投资9999亿元。"
    )
    assert completes(lambda: _records(text))[-3:] == [
        ("乙0科技有限公司", "南昌高新区", 99),  # its own destination, named before
        ("乙1科技有限公司", "合肥高新区", 98),  # the last place nobody claimed
        (None, "成都高新区", 9999),  # no investor named: nothing is another's
    ]


def test_thousands_of_headline_lines_each_with_its_amount() -> None:
    # was quadratic in ``_merge_repeats``: each headline record was compared with every kept record (2,000
    # lines took 1.4 s CPU)
    n = 24_000
    text = "".join(f"总投资{i + 1}亿元\n" for i in range(n))
    expected = [(None, None, i + 1) for i in range(n)]
    assert completes(lambda: _records(text) == expected)


def test_a_repeated_headline_figure_is_still_merged() -> None:
    text = "".join(f"总投资{i % 3 + 1}亿元\n" for i in range(3_000))
    assert completes(lambda: _records(text)) == [(None, None, 1), (None, None, 2), (None, None, 3)]
