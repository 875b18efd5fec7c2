"""The sandbox in its own process, for the benchmarks: `python -m bench.sandbox_proc '<json spec>'`.

The same server as `lumio-sync sandbox serve` (`lumio_desktop.sandbox.serve`), with two things the CLI has no flag
for: seed data made only for the providers a benchmark reads (`serve --records 1000000` would build all three, ~7 GB
and two minutes) and settings such as `rate_limits` chosen before the first request. Prints the same first line
(JSON: base_url and credentials), then serves until SIGTERM/SIGINT.

spec: {"records": N, "seed": S, "providers": ["hubspot", ...], "config": {SandboxConfig field: value}}
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys


async def main(spec: dict) -> None:
    from lumio_desktop.sandbox import SandboxConfig, serve

    config = SandboxConfig(seed=int(spec.get("seed", 1)), records=int(spec["records"]), **spec.get("config", {}))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with serve(config) as running:
        for p in spec.get("providers") or ("hubspot", "salesforce", "shopify"):
            running.sandbox.ensure_data(p)  # before the line: the first requests must not pay for it
        sys.stdout.write(json.dumps(running.sandbox.credentials(running.base_url)) + "\n")
        sys.stdout.flush()
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
