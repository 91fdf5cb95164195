"""The API and pages on PostgreSQL: the same small ledger, the same answers as on SQLite.

Runs under CI=true (and wherever the local server answers); skips elsewhere through the ``pg_url`` fixture.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.conftest import _empty_pg
from tests.web import ledger_data
from tests.web.conftest import TOKEN, ids_by_investor, settings_for
from tests.web.test_security import INJECTIONS, TEXT_FILTERS
from zonewatch.web.app import create_app

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_client(pg_url: str) -> Iterator[tuple[TestClient, str]]:
    _empty_pg(pg_url)
    ledger_data.build(pg_url).dispose()
    with TestClient(create_app(settings_for(pg_url))) as c:
        yield c, pg_url
    _empty_pg(pg_url)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("investor=Tencent", ["Tencent"]),
        ("investor=腾讯", ["Tencent"]),
        ("search=新能源", ["BYD"]),
        ("stage=started", ["NetEase"]),
        ("since=2020-08&until=2020-08-20", ["Tencent"]),
        ("sort=-amount_usd&limit=2", ["Tencent", "BYD"]),
    ],
)
def test_filters_on_postgres(pg_client: tuple[TestClient, str], query: str, expected: list[str]) -> None:
    client, _ = pg_client
    rows = client.get(f"/api/projects?{query}").json()["rows"]
    assert [", ".join(r["investors"]) for r in rows] == expected


def test_pages_and_stats_on_postgres(pg_client: tuple[TestClient, str]) -> None:
    client, url = pg_client
    for path in ("/?lang=en", "/projects", "/documents", "/findings", "/review"):
        assert client.get(path).status_code == 200, path
    pid = ids_by_investor(url)["Tencent"]
    assert '<mark class="hl hl-amount" title="amount">RMB 5 billion</mark>' in client.get(f"/projects/{pid}").text
    body = client.get("/api/stats?by=month").json()
    assert {r["key"] for r in body["rows"]} == {"2020-07", "2020-08"} and body["total"]["records"] == 4


@pytest.mark.parametrize("name", TEXT_FILTERS)
def test_injection_strings_on_postgres(pg_client: tuple[TestClient, str], name: str) -> None:
    client, _ = pg_client
    for value in INJECTIONS:
        r = client.get("/api/projects", params={name: value})
        assert r.status_code == 200 and r.json()["total"] == 0, (name, value, r.text[:200])


def test_a_write_on_postgres(pg_client: tuple[TestClient, str]) -> None:
    client, url = pg_client
    pid = ids_by_investor(url)["NetEase"]
    assert client.post(f"/api/projects/{pid}/confirm").status_code == 401
    r = client.post(f"/api/projects/{pid}/confirm", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
