"""Shared test fixtures: where ../shared is, and the rule that CI never skips what it must run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need_or_skip(ok: bool, reason: str) -> None:
    """Skip when a resource is missing on a user's machine; fail under CI=true, where it must be there."""
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared() -> Path:
    need_or_skip((SHARED / "eval" / "score.py").exists(), f"{SHARED} is not here (a fresh clone without ../shared)")
    return SHARED
