"""Quality gate: score.py on ../shared's gold-labelled articles must not fall below the pinned floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FLOOR = json.loads((ROOT / "tests" / "quality_floor.json").read_text(encoding="utf-8"))
ZONEWATCH = Path(sys.executable).with_name("zonewatch")


def _score(shared: Path, lang: str) -> dict[str, float]:
    corpora = [shared / "corpus" / "dev"] + ([shared / "corpus" / "seed"] if lang == "en" else [])
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            *map(str, corpora),
            "--lang",
            lang,
            "--json",
            "--cmd",
            f"{ZONEWATCH} extract --format jsonl",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(next(line for line in proc.stdout.splitlines() if line.startswith("{")))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_quality_does_not_drop_below_the_floor(shared: Path, lang: str) -> None:
    got = _score(shared, lang)
    floor = FLOOR[lang]
    short = {k: (got[k], v) for k, v in floor.items() if k in got and got[k] < v}
    negatives = got["negatives_taken"] / got["negatives"] if got["negatives"] else 0.0
    assert not short, f"{lang}: below the floor (got, floor): {short}; full score: {got}"
    assert negatives <= floor["max_negatives_share"], f"{lang}: took {negatives:.2f} of labelled non-investments"
