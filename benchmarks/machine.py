"""What a benchmark ran on and how much it used: machine facts, peak RSS, and the result file format."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import shlex
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    """nproc, memory, CPU model, Python; and the load average, since this machine is shared and noisy."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        memory_gb = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:  # psutil comes with distributed; without it the figure is just missing
        memory_gb = None
    return {
        "nproc": os.cpu_count(),
        "memory_gb": memory_gb,
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def save(name: str, result: dict[str, Any]) -> Path:
    """Write ``results/NAME.json`` with the machine and the exact command that produced it."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {
        "name": name,
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": "python -m benchmarks.run " + shlex.join(sys.argv[1:]),
        "machine": machine(),
        **result,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
