"""Ledger benchmarks: streaming ingest into SQLite / PostgreSQL, and query latency at 10k-1M projects."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def add_parsers(sub: Any) -> None:
    pass


def dispatch(args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    raise SystemExit(f"unknown section {args.section}")


def run_all_ledger(quick: bool, sub: Callable[[list[str]], None]) -> None:
    pass
