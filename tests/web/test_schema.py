"""schemathesis against the API's own OpenAPI schema: no generated request gets a server error (5xx).

Reads and writes are both exercised, writes with the token, on a ledger of this module's own.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.web.conftest import TOKEN, settings_for
from zonewatch.web.app import create_app

EXAMPLES = int(
    os.environ.get("ZW_SCHEMA_EXAMPLES", "12")
)  # per operation; enough to hit every parameter's edge cases, small enough to stay fast
SAFE_TEXT = {"text": "On 1 May 2020, Foo Ltd signed to invest RMB 1 billion in Bar Park."}


def test_no_generated_request_gets_a_server_error(fresh_url: str) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings_for(fresh_url)))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def check(case: Any) -> None:
            if isinstance(case.body, dict) and case.body.get("url"):
                case.body = SAFE_TEXT  # the test makes no network requests
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
            case.validate_response(response, checks=[not_a_server_error])

        check()


def test_alias_with_a_non_ascii_capital(fresh_url: str) -> None:
    with TestClient(create_app(settings_for(fresh_url)), raise_server_exceptions=False) as c:
        r = c.post(
            "/api/organisations/aliases",
            json={"organisation": "5Ù", "alias": "area"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 200
