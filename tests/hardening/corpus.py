"""Small generated corpora and `zonewatch` subprocesses for the crash, concurrency and backup tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus import write

from tests.conftest import ROOT


def make_corpus(folder: Path, docs: int, seed: int = 7) -> list[Path]:
    """``docs`` synthetic announcements (English and Chinese, ~3 KB each) as .txt files, sorted."""
    write(folder, docs, seed=seed, lang="both", labels=False)
    return sorted(folder.glob("*.txt"))


def zonewatch(*args: str) -> subprocess.Popen[bytes]:
    """Start ``zonewatch ARGS`` in a process of its own (so a test can kill it)."""
    code = "import sys; from zonewatch.cli import main; sys.argv = ['zonewatch', *sys.argv[1:]]; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "200", "ZONEWATCH_CONFIG": os.devnull},
    )


def run_zonewatch(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    proc = zonewatch(*args)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())
