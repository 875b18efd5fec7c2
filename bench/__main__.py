from __future__ import annotations

import argparse
from pathlib import Path

from bench import benches  # noqa: F401 - registers the benchmarks
from bench.runner import BENCHMARKS, run


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench", description="Lumio Desktop benchmarks (JSON + a table)")
    p.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="run only these")
    p.add_argument("--size", choices=["quick", "full", "tiny"], default="quick",
                   help="quick (a couple of minutes in all), full (the sizes the targets name: 10k, 100k, 1M) "
                        "or tiny (the smoke test's sizes: checks the harness, measures nothing useful)")
    p.add_argument("--out", type=Path, help="where to write the JSON (default bench/results/bench-<time>.json)")
    args = p.parse_args()
    run(args.only or list(BENCHMARKS), args.size, args.out)


if __name__ == "__main__":
    main()
