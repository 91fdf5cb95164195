"""``python -m zonewatch`` and ``python -m zonewatch.cli`` run the same app as the ``zonewatch`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent.parent / "examples" / "en" / "01-single-signing.txt"


@pytest.mark.parametrize("module", ["zonewatch", "zonewatch.cli"])
def test_python_dash_m_extracts_like_the_command(module: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", module, "extract", "--format", "jsonl", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    record = json.loads(out)
    assert record["source"].endswith("01-single-signing.txt") and record["projects"]
