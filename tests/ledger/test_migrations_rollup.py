"""Migration 0003 on a ledger that already holds projects: the rollup is back-filled, and it goes away cleanly."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import PG_ADMIN_URL, _pg_reachable, need_or_skip
from tests.ledger.factory import tencent_en, tencent_zh
from tests.ledger.test_rollup import check, rollup_table
from tests.ledger.test_store import aggregate
from zonewatch.ledger.db import current_revision, open_ledger, upgrade
from zonewatch.ledger.query import edit, list_projects, store_extraction, totals


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def bare_url(request, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """An empty database with no migration applied yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    problem = _pg_reachable(PG_ADMIN_URL)
    need_or_skip(problem is None, problem or "")
    name = f"zw_mig_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def downgrade(ledger, revision: str) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from zonewatch.ledger.db import _alembic_config

    cfg = _alembic_config(ledger)
    with ledger.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
        conn.commit()


def test_upgrade_from_0002_backfills_the_rollup(bare_url: str) -> None:
    ledger = open_ledger(bare_url, migrate=False)
    try:
        upgrade(ledger, "0002")
        assert current_revision(ledger) == "0002"
        store_extraction(ledger, aggregate())
        store_extraction(ledger, tencent_en())
        store_extraction(ledger, tencent_zh())
        tencent = next(r.id for r in list_projects(ledger).rows if r.investors == ("Tencent",))
        edit(ledger, tencent, "sectors", "finance, logistics", who="ana")
        assert "stat_rollup" not in inspect(ledger.engine).get_table_names()

        upgrade(ledger, "0003")
        assert current_revision(ledger) == "0003"
        check(ledger)  # rollup == live query, and == a fresh back-fill
        assert totals(ledger).total_cny > 0 and len(rollup_table(ledger)) > 5
        # and the triggers are live from then on
        edit(ledger, tencent, "place", "Wuhan", who="ana")
        check(ledger)

        downgrade(ledger, "0002")  # table, triggers and functions gone; writes still work
        assert "stat_rollup" not in inspect(ledger.engine).get_table_names()
        edit(ledger, tencent, "place", "Hefei", who="ana")
        upgrade(ledger)
        check(ledger)
    finally:
        ledger.dispose()
