"""The benchmark runner: machine facts, a registry, JSON output and a readable table."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"

LIBS = ("pyside6-essentials", "httpx", "sqlalchemy", "starlette", "uvicorn", "pydantic", "qasync", "hubspot-api-client")


@dataclass
class Result:
    name: str
    figures: dict[str, Any] = field(default_factory=dict)
    target: str = ""
    met: bool | None = None  # None: no target, or not measurable here
    note: str = ""
    error: str | None = None


BENCHMARKS: dict[str, Callable[[str], Result]] = {}


def benchmark(name: str):
    def deco(fn: Callable[[str], Result]) -> Callable[[str], Result]:
        BENCHMARKS[name] = fn
        return fn

    return deco


def machine_facts() -> dict[str, Any]:
    versions = {}
    for lib in LIBS:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = None
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), platform.processor())
    except OSError:
        cpu = platform.processor()
    mem = None
    try:
        mem = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal"))) // 1024
    except (OSError, StopIteration):
        pass
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_mb": mem,
        "libraries": versions,
        "git": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip(),
    }


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def percentile(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def run(names: list[str], size: str, out: Path | None) -> dict[str, Any]:
    report: dict[str, Any] = {"machine": machine_facts(), "size": size, "results": []}
    for name in names:
        fn = BENCHMARKS[name]
        print(f"== {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            res = fn(size)
        except Exception as e:  # noqa: BLE001 - one broken benchmark must not hide the others
            res = Result(name, error=f"{type(e).__name__}: {e}")
        res.figures.setdefault("wall_s", round(time.perf_counter() - t0, 2))
        report["results"].append(res.__dict__)
        print(format_row(res), file=sys.stderr, flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = out or RESULTS / f"bench-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps(report, indent=2, default=str))
    print(format_table(report))
    print(f"\nJSON: {out}")
    return report


def format_row(r: Result) -> str:
    mark = {True: "met", False: "MISSED", None: "-"}[r.met]
    if r.error:
        return f"{r.name:<28} ERROR {r.error}"
    figs = ", ".join(f"{k}={v}" for k, v in r.figures.items())
    return f"{r.name:<28} {mark:<7} {figs}" + (f"  [target: {r.target}]" if r.target else "") + (f"  ({r.note})" if r.note else "")


def format_table(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [f"machine: {m['cpu']} x{m['cpu_count']}, {m['memory_mb']} MB, Python {m['python']}, git {m['git']}"]
    for r in report["results"]:
        lines.append(format_row(Result(**r)))
    return "\n".join(lines)
