from __future__ import annotations

import argparse
from pathlib import Path

from bench import benches  # noqa: F401 - registers the benchmarks
from bench.runner import BENCHMARKS, run


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench", description="Lumio Desktop benchmarks (JSON + a table)")
    p.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="run only these")
    p.add_argument("--size", choices=["quick", "full"], default="quick",
                   help="quick (about a minute in all) or full (the sizes the targets name: 100k, 1M)")
    p.add_argument("--out", type=Path, help="where to write the JSON (default bench/results/bench-<time>.json)")
    args = p.parse_args()
    run(args.only or list(BENCHMARKS), args.size, args.out)


if __name__ == "__main__":
    main()
