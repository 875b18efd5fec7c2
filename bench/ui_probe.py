"""Benchmark 4 in its own process, wired like `lumio-desktop` (app.py): QApplication (offscreen), the qasync loop,
SyncService, the EventBridge, the AppController and the real main window; a 10 ms QTimer probe measures how late
the Qt thread gets to it while a big initial sync runs (started through the controller, as Sync Now does).

A watchdog thread samples the Qt thread's stack whenever the probe is more than 40 ms late, so a stall names the
code that caused it. `python -m bench.ui_probe '{"info": {...sandbox line...}, "records": N}'` prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
import traceback
from collections import Counter

LATE = 0.040


def _where(frame) -> str:
    stack = traceback.extract_stack(frame)
    ours = [f for f in stack if "lumio_desktop" in f.filename]
    inner = stack[-1]
    mine = ours[-1] if ours else None
    head = f"{mine.filename.split('lumio_desktop/')[-1]}:{mine.lineno} {mine.name}" if mine else "-"
    return f"{head} <- ... -> {inner.filename.rsplit('/', 2)[-1]}:{inner.lineno} {inner.name}"


async def main_async(app, spec: dict) -> dict:
    from PySide6.QtCore import QTimer

    from bench.support import UNTHROTTLED, Lumio
    from lumio_desktop.sync.engine import SyncService
    from lumio_desktop.sync.events import EventHub
    from lumio_desktop.ui.bridge import EventBridge
    from lumio_desktop.ui.controller import AppController
    from lumio_desktop.ui.window import build_window

    lumio = Lumio()
    cid = lumio.connect("hubspot", spec["info"], UNTHROTTLED)
    hub = EventHub()
    service = SyncService(lumio.store, lumio.settings, hub, vault=lumio.vault)
    await service.start(resume=False)
    bridge = EventBridge(hub)
    controller = AppController(lumio.store, lumio.settings, hub, service=service)
    win = build_window(controller, bridge)
    win.show()
    controller.refresh_dashboard()

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()

    main_id = threading.main_thread().ident
    samples: Counter[str] = Counter()
    stop = threading.Event()

    def watchdog() -> None:
        while not stop.wait(0.005):
            if ticks and time.perf_counter() - ticks[-1] > LATE:
                frame = sys._current_frames().get(main_id)
                if frame is not None:
                    samples[_where(frame)] += 1

    threading.Thread(target=watchdog, daemon=True).start()
    await asyncio.sleep(1.5)  # idle: the probe's own jitter, and the first dashboard read out of the way
    idle_end = time.perf_counter()

    done: asyncio.Future = asyncio.get_running_loop().create_future()

    def finished(job_id: str, connection_id: int, status: str) -> None:
        if not done.done():
            done.set_result((job_id, status))

    bridge.sync_finished.connect(finished)
    t0 = time.perf_counter()
    controller.sync_now(cid, "initial")
    job_id, status = await done
    t1 = time.perf_counter()
    await asyncio.sleep(0.5)  # the dashboard refresh that follows the end of the job
    t2 = time.perf_counter()
    stop.set()
    timer.stop()
    m = await service.metrics(job_id)

    def gaps(a: float, b: float) -> list[float]:
        xs = [t for t in ticks if a <= t <= b]
        return [(y - x - 0.010) * 1000 for x, y in zip(xs, xs[1:], strict=False)]

    idle, busy = gaps(0, idle_end), gaps(t0, t2)
    win.shutdown()
    bridge.close()
    await controller.aclose()
    await service.aclose()
    lumio.close()
    return {"status": status, "records": m.processed_records, "sync_s": t1 - t0, "idle": idle, "busy": busy,
            "late_samples": samples.most_common(8)}


def main() -> None:
    spec = json.loads(sys.argv[1])
    import keyring
    import qasync
    from PySide6.QtWidgets import QApplication

    from lumio_desktop.auth.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        out = loop.run_until_complete(main_async(app, spec))
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
