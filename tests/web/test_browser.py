"""The pages in a real browser: Playwright driving Debian's chromium against a uvicorn server on a small ledger.

Skipped on a machine without /usr/bin/chromium; under CI=true they must run (``.ci/run`` installs chromium).
Screenshots go to tests/artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.web import ledger_data
from tests.web.conftest import ARTIFACTS, TOKEN, LiveServer, ids_by_investor

pytestmark = pytest.mark.browser


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_dashboard_shows_the_month_and_charts(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    cards = page.locator("#month-cards .card")
    assert cards.count() == 3
    # the ledger's latest month (2020-08: Tencent, BYD, the XSS record) against July (NetEase)
    assert "2020-08" in cards.nth(0).inner_text()
    assert cards.nth(0).locator(".value").inner_text() == "3"
    for chart in ("month", "sector", "place", "investor"):
        assert page.locator(f"#chart-{chart} svg rect").count() >= 1, chart
    assert "conversion_mismatch" in page.locator("#latest-findings").inner_text()
    shot(page, "dashboard")


def test_language_switch_formats_numbers_in_chinese(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/projects")
    assert "RMB 5 billion" in page.locator("#projects-table").inner_text()
    with page.expect_navigation():
        page.click("#lang-switch")
    table = page.locator("#projects-table").inner_text()
    assert "50亿元" in table and "43.2亿元" in table
    assert page.locator("h1").inner_text() == "项目"
    page.goto(live_server.url + "/")  # the choice is remembered
    assert page.locator("h1").inner_text() == "概览"
    shot(page, "dashboard-zh")


def test_filter_the_projects_table(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/projects")
    assert page.locator("#projects-table tbody tr").count() == 4
    page.fill("#f-investor", "Tencent")
    page.click("#f-submit")
    page.wait_for_url("**/projects?*investor=Tencent*")
    rows = page.locator("#projects-table tbody tr")
    assert rows.count() == 1
    assert "Tencent" in rows.first.inner_text()
    # the download link carries the same filter
    assert "investor=Tencent" in (page.locator("#download-csv").get_attribute("href") or "")
    shot(page, "projects-filtered")
    # sorting by amount (column header link)
    page.goto(live_server.url + "/projects?sort=-amount_cny")
    first = page.locator("#projects-table tbody tr").first.inner_text()
    assert "Tencent" in first


def test_project_page_highlights_the_spans(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/projects?investor=Tencent")
    page.click("#projects-table tbody tr >> a")
    page.wait_for_url("**/projects/*")
    source = page.locator("#source-1 .source-text")
    assert source.locator("mark.hl-amount").first.inner_text() == "RMB 5 billion"
    assert source.locator("mark.hl-investor").first.inner_text() == "Tencent"
    assert source.locator("mark.hl-date").first.inner_text() == "August 20"
    assert "Chengdu Hi-Tech Zone" in source.locator("mark.hl-place").first.inner_text()
    # distinct colours for amount, investor, date and place
    colours = {
        kind: source.locator(f"mark.hl-{kind}").first.evaluate("e => getComputedStyle(e).backgroundColor")
        for kind in ("amount", "investor", "date", "place")
    }
    assert len(set(colours.values())) == 4, colours
    conversions = page.locator("#conversions").inner_text()
    assert "2020-08-20" in conversions and "0.14454" in conversions and "$7300 million" in conversions
    assert "signed" in page.locator("#history").inner_text()
    shot(page, "project")


def test_confirm_a_record_after_login_with_keyboard(page: Any, live_server: LiveServer) -> None:
    ids = ids_by_investor(live_server.db)
    page.goto(live_server.url + "/review")
    assert page.locator("#review-login").count() == 1  # not logged in: no buttons
    assert page.locator("button[data-action=confirm]").count() == 0
    page.click("#review-login a")
    page.fill("#token", TOKEN)
    page.fill("input[name=who]", "browser-test")
    page.click("#login-submit")
    page.wait_for_url("**/review")
    first = page.locator("tr[data-review-row]").first
    pid = int(first.get_attribute("data-review-row") or 0)
    assert pid in ids.values()
    assert "selected" in (first.get_attribute("class") or "")
    with page.expect_navigation():
        page.keyboard.press("c")  # confirm the selected row
    log = page.locator("#audit-log tbody tr").first.inner_text()
    assert "confirm" in log and "browser-test" in log and f"#{pid}" in log
    assert page.locator(f'tr[data-review-row="{pid}"]').count() == 0  # left the pending queue
    shot(page, "review-after-confirm")
    page.goto(live_server.url + f"/projects/{pid}")
    assert "confirmed" in page.locator("h1").inner_text().lower()


def test_xss_payloads_stay_inert_in_the_browser(page: Any, live_server: LiveServer) -> None:
    ids = ids_by_investor(live_server.db)
    pid = ids[ledger_data.XSS_INVESTOR]
    blocked: list[str] = []
    page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    paths = [
        "/",
        "/projects",
        f"/projects/{pid}",
        "/findings",
        "/documents",
        "/review",
        f"/projects?search={ledger_data.XSS_SCRIPT}",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__xss") is None, path
    page.goto(live_server.url + f"/projects/{pid}")
    text = page.locator("#source-1 .source-text").inner_text()
    assert ledger_data.XSS_SCRIPT in text  # shown as text, exactly as written
    assert page.locator("#source-1 .source-text script, #source-1 .source-text img").count() == 0
    assert "Evil Corp" in page.locator("#fields").inner_text()
    shot(page, "xss-project")
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_edit_and_reject_with_the_keyboard(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/login?next=/review")
    page.fill("#token", TOKEN)
    page.click("#login-submit")
    page.wait_for_url("**/review")
    rows = page.locator("tr[data-review-row]")
    page.keyboard.press("j")  # the second row
    second = rows.nth(1)
    pid = second.get_attribute("data-review-row")
    assert "selected" in (second.get_attribute("class") or "")
    page.keyboard.press("e")  # opens its edit form, focus in the value box
    second.locator("select[name=field]").select_option("place")
    second.locator("input[name=value]").fill("Tianfu New Area")
    with page.expect_navigation():
        second.locator("input[name=value]").press("Enter")
    log = page.locator("#audit-log tbody tr").first.inner_text()
    assert "edit" in log and "place" in log and "Tianfu New Area" in log and f"#{pid}" in log
    page.locator(f'tr[data-review-row="{pid}"]').click()
    with page.expect_navigation():
        page.keyboard.press("r")
    assert "reject" in page.locator("#audit-log tbody tr").first.inner_text()
    assert page.locator(f'tr[data-review-row="{pid}"]').count() == 0
    shot(page, "review-after-edit-and-reject")
