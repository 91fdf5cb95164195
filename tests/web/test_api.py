"""The JSON API on a small ledger: filters, paging, sorting, one project with its grounding, stats, writes."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN, ids_by_investor, settings_for
from zonewatch.web.app import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def investors(response_json: dict) -> list[str]:
    return [", ".join(r["investors"]) for r in response_json["rows"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["<script>window.__xss=4</script>Evil Corp", "BYD", "Tencent", "NetEase"]),
        ("investor=Tencent", ["Tencent"]),
        ("investor=腾讯", ["Tencent"]),  # any alias of the investor
        ("investor=比亚迪", ["BYD"]),
        ("stage=started", ["NetEase"]),
        ("since=2020-08&until=2020-08-20", ["Tencent"]),
        ("until=2020-07", ["NetEase"]),
        ("min_amount=4500000000", ["Tencent"]),
        ("search=headquarters", ["Tencent"]),
        ("search=新能源", ["BYD"]),
        ("sector=new energy %26 vehicles", ["BYD"]),
        ("sort=amount_cny", ["<script>window.__xss=4</script>Evil Corp", "NetEase", "BYD", "Tencent"]),
        ("sort=-amount_usd&limit=2", ["Tencent", "BYD"]),
        ("sort=-amount_usd&limit=2&offset=2", ["NetEase", "<script>window.__xss=4</script>Evil Corp"]),
    ],
)
def test_projects_filters_sort_and_pages(client: TestClient, query: str, expected: list[str]) -> None:
    r = client.get(f"/api/projects?{query}")
    assert r.status_code == 200, r.text
    assert investors(r.json()) == expected


def test_projects_page_reports_total_beyond_the_page(client: TestClient) -> None:
    body = client.get("/api/projects?limit=1").json()
    assert (body["total"], body["limit"], body["offset"], len(body["rows"])) == (4, 1, 0, 1)
    assert body["total_capped"] is False


def test_projects_total_stops_at_the_cap(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from functools import partial

    from zonewatch.ledger import query

    monkeypatch.setattr(query, "list_projects", partial(query.list_projects, count_cap=2))
    body = client.get("/api/projects?limit=1").json()
    assert (body["total"], body["total_capped"], len(body["rows"])) == (3, True, 1)
    # a page past the cap still counts just past itself, so there is always a next page when rows remain
    body = client.get("/api/projects?limit=1&offset=3").json()
    assert (body["total"], body["total_capped"], len(body["rows"])) == (4, False, 1)
    html = client.get("/projects?limit=1&lang=en").text
    assert "1–1 of 2+" in html and 'rel="next"' in html


def test_project_has_sources_spans_conversions_and_findings(client: TestClient, ledger_url: str) -> None:
    pid = ids_by_investor(ledger_url)["Tencent"]
    body = client.get(f"/api/projects/{pid}").json()
    project = body["project"]
    assert project["amount"] == 5_000_000_000 and project["currency"] == "CNY"
    assert project["amount_usd"] == 722_700_000 and project["rate_date"] == "2020-08-20"
    [source] = body["sources"]
    text = source["text"]
    amount = source["spans"]["amount"][0]
    assert text[amount["start"] : amount["end"]] == "RMB 5 billion"
    investor = source["spans"]["investors"][0]
    assert text[investor["start"] : investor["end"]] == "Tencent"
    assert [f["kind"] for f in body["findings"]] == ["conversion_mismatch"]


def test_unknown_project_is_404(client: TestClient) -> None:
    assert client.get("/api/projects/999999").status_code == 404
    assert client.get("/projects/999999").status_code == 404


@pytest.mark.parametrize("by", ["month", "sector", "place", "investor", "stage"])
def test_stats_groups(client: TestClient, by: str) -> None:
    body = client.get(f"/api/stats?by={by}").json()
    assert body["by"] == by and body["rows"]
    assert body["total"]["records"] == 4


def test_stats_by_month_add_up_to_the_total(client: TestClient) -> None:
    body = client.get("/api/stats?by=month").json()
    by_month = {r["key"]: r for r in body["rows"]}
    assert set(by_month) == {"2020-07", "2020-08"}
    assert sum(Decimal(str(r["total_cny"])) for r in body["rows"]) == Decimal(str(body["total"]["total_cny"]))
    assert by_month["2020-08"]["records"] == 3


def test_stats_refuses_an_unknown_grouping(client: TestClient) -> None:
    assert client.get("/api/stats?by=password").status_code == 422


@pytest.mark.parametrize(
    "path",
    ["/api/documents", "/api/findings", "/api/organisations", "/api/reviews", "/api/findings?kind=conversion_mismatch"],
)
def test_lists_answer(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.json()["total"] >= 1 or path == "/api/reviews"


def test_findings_filter_by_kind(client: TestClient) -> None:
    rows = client.get("/api/findings?kind=conversion_mismatch").json()["rows"]
    assert [r["kind"] for r in rows] == ["conversion_mismatch"]
    assert rows[0]["quote"] == "$7300 million"


def test_organisations_list_names_and_totals(client: TestClient) -> None:
    rows = client.get("/api/organisations?limit=200").json()["rows"]
    names = {r["name"] for r in rows}
    assert {"Tencent", "NetEase"} <= names


def test_openapi_and_offline_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/projects" in schema["paths"] and "/api/ingest" in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/api/projects/{project_id}" in docs.text
    assert "cdn" not in docs.text.lower()


# ---- writes ----------------------------------------------------------------------------------------------------


def test_confirm_with_token_writes_the_audit_log(writer: TestClient, fresh_url: str) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    r = writer.post(f"/api/projects/{pid}/confirm", headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "confirmed"
    log = writer.get(f"/api/reviews?project_id={pid}").json()["rows"]
    assert [(e["action"], e["who"]) for e in log] == [("confirm", "api")]


def test_edit_then_reject(writer: TestClient, fresh_url: str) -> None:
    pid = ids_by_investor(fresh_url)["NetEase"]
    r = writer.post(f"/api/projects/{pid}/edit", headers=AUTH, json={"field": "place", "value": "Tianfu New Area"})
    assert r.status_code == 200, r.text
    assert "Tianfu New Area" in r.json()["place"] and "place" in r.json()["edited_fields"]  # canonical name
    assert writer.post(f"/api/projects/{pid}/reject", headers=AUTH).json()["status"] == "rejected"
    # rejected projects leave the default list
    assert "NetEase" not in investors(writer.get("/api/projects").json())


def test_edit_refuses_an_unknown_field(writer: TestClient, fresh_url: str) -> None:
    pid = ids_by_investor(fresh_url)["Tencent"]
    r = writer.post(f"/api/projects/{pid}/edit", headers=AUTH, json={"field": "id", "value": "1"})
    assert r.status_code == 422


def test_ingest_pasted_text(writer: TestClient) -> None:
    text = "On 3 September 2020, Acme Robotics signed with Chengdu Hi-Tech Zone to invest RMB 800 million in a plant."
    r = writer.post("/api/ingest", headers=AUTH, json={"text": text, "published": "2020-09-05"})
    assert r.status_code == 200, r.text
    body = r.json()
    [result] = body["results"]
    assert result["status"] == "new" and result["document_id"]
    assert isinstance(body["projects"], list)
    again = writer.post("/api/ingest", headers=AUTH, json={"text": text, "published": "2020-09-05"}).json()
    assert [r["status"] for r in again["results"]] == ["unchanged"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"url": "https://a.example", "text": "both"},
        {"url": "file:///etc/passwd"},
        {"text": "x", "published": "soon"},
        {"url": "http://127.0.0.1:5432/"},
        {"url": "http://169.254.169.254/latest/meta-data/"},
    ],
)
def test_ingest_refuses_bad_bodies(writer: TestClient, body: dict) -> None:
    r = writer.post("/api/ingest", headers=AUTH, json=body)
    assert r.status_code in (400, 422), r.text


def test_reads_can_require_the_token(ledger_url: str) -> None:
    with TestClient(create_app(settings_for(ledger_url, read_requires_token=True))) as c:
        assert c.get("/api/projects").status_code == 401
        assert c.get("/api/projects", headers=AUTH).status_code == 200
        assert c.get("/projects").status_code == 401  # the page answers with the login form
        assert "token" in c.get("/projects").text
        assert c.get("/static/app.css").status_code == 200  # the login page still has its style
        # and people can log in, then read the pages
        login = c.get("/login")
        assert login.status_code == 200
        csrf = re.search(r'name="csrf" value="([^"]+)"', login.text)
        assert csrf
        r = c.post("/login", data={"token": TOKEN, "csrf": csrf.group(1), "next": "/projects"}, follow_redirects=False)
        assert r.status_code == 303
        assert c.get("/projects").status_code == 200
