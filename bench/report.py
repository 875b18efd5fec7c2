"""Markdown tables of one or more benchmark JSON files, for docs/performance.md:
`python -m bench.report bench/results/quick.json [bench/results/full.json ...]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def table(path: Path) -> str:
    d = json.loads(path.read_text())
    m = d["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    out = [f"**{d['size']}** run of {m['when']} (git {m['git']}): {m['cpu']} x{m['cpu_count']}, "
           f"{m['memory_mb']} MB, {m['platform']}, {m['implementation']} {m['python']}; {libs}.", "",
           "| benchmark | status | figures | target |", "|---|---|---|---|"]
    for r in d["results"]:
        status = "ERROR" if r.get("error") else {True: "met", False: "**missed**", None: "-"}[r["met"]]
        figs = r.get("error") or "<br>".join(f"{k} = {v}" for k, v in r["figures"].items())
        out.append(f"| {r['name']} | {status} | {figs} | {r['target']} |")
    return "\n".join(out)


if __name__ == "__main__":
    print("\n\n".join(table(Path(p)) for p in sys.argv[1:]))
