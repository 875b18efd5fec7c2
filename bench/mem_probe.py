"""Benchmark 5 in its own process: the RSS of a Lumio process syncing N HubSpot contacts (initial, unthrottled)
through SyncService. `python -m bench.mem_probe '{"info": {...sandbox line...}}'` prints one JSON line:
RSS after start-up, peak RSS (VmHWM), RSS at the end, records stored."""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import threading
import time


async def main_async(spec: dict) -> dict:
    from bench.support import UNTHROTTLED, Lumio, rss_mb, timed_run

    lumio = Lumio()
    try:
        cid = lumio.connect("hubspot", spec["info"], UNTHROTTLED)
        service = await lumio.start()
        gc.collect()
        base = rss_mb()
        peak = [base]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.02):
                peak[0] = max(peak[0], rss_mb() or 0)

        threading.Thread(target=sample, daemon=True).start()
        wall, m = await timed_run(service, cid, "initial", ["contacts"])
        stop.set()
        end = rss_mb()
        return {"baseline_mb": base, "peak_mb": max(peak[0], end), "end_mb": end,
                "records": m.processed_records, "sync_s": wall}
    finally:
        await lumio.aclose()


def main() -> None:
    import keyring

    from lumio_desktop.auth.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    t0 = time.perf_counter()
    out = asyncio.run(main_async(json.loads(sys.argv[1])))
    out["process_s"] = time.perf_counter() - t0
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
