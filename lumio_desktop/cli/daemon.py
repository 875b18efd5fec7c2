"""`lumio-sync daemon`: the scheduler and the webhook receiver, headless, until SIGTERM or Ctrl+C (exit 0).

It runs what the app runs in the background (lumio_desktop.sync.background.Background) on a plain asyncio loop.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from lumio_desktop.errors import LumioError, SettingsError


def register(sub) -> None:
    p = sub.add_parser("daemon", help="run scheduled syncs and the webhook receiver until stopped (SIGTERM/Ctrl+C)")
    p.add_argument("--host", help="address the webhook receiver binds (default: the webhook_host setting, 127.0.0.1)")
    p.add_argument("--port", type=int, help="webhook receiver port (default: the webhook_port setting; 0 = any free)")
    p.add_argument("--no-webhooks", action="store_true", help="scheduled syncs only, no receiver")
    p.add_argument("--no-catch-up", action="store_true", help="do not run syncs missed while nothing was running")
    p.set_defaults(handler=run)


def _say(text: str) -> None:
    print(f"lumio-sync daemon: {text}", flush=True)


async def _main(ctx, args) -> int:
    from lumio_desktop.logs import setup_logging, teardown_logging
    from lumio_desktop.sync.background import BackgroundLock

    settings = ctx.settings
    updates = {k: v for k, v in (("webhook_host", args.host), ("webhook_port", args.port)) if v is not None}
    if not 0 <= updates.get("webhook_port", 0) <= 65535:
        raise SettingsError(f"--port {args.port} is not a port number (0-65535; 0 picks a free one)")
    if updates:
        settings = settings.model_copy(update=updates)
    lock = BackgroundLock(settings.data_dir)
    if not lock.acquire():
        raise LumioError(f"another Lumio process (the app or a daemon) already runs the schedules and the webhook "
                         f"receiver for {settings.data_dir}; stop it first, or use another --data-dir")
    log_path = setup_logging(settings.log_dir)  # refused webhooks, alert deliveries, job failures: all in the log
    try:
        return await _serve(ctx, args, settings, log_path)
    finally:
        teardown_logging()
        lock.release()


async def _serve(ctx, args, settings, log_path) -> int:
    from lumio_desktop.auth.vault import TokenVault
    from lumio_desktop.compat import add_stop_signal_handlers
    from lumio_desktop.sync.background import Background
    from lumio_desktop.sync.engine import SyncService
    from lumio_desktop.sync.events import EventHub

    vault = TokenVault.from_settings(settings)
    if vault.warning:
        print(f"lumio-sync: {vault.warning}", file=sys.stderr)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    add_stop_signal_handlers(loop, stop.set, (signal.SIGTERM, signal.SIGINT))

    hub = EventHub()
    hub.subscribe("alert_raised", lambda _id, kind, message: _say(f"alert ({kind}): {message}"))
    hub.subscribe("sync_finished", lambda job_id, cid, status: _say(f"job {job_id} of connection {cid}: {status}"))
    service = SyncService(ctx.store, settings, hub, vault=vault)
    bg = Background(ctx.store, settings, hub, service, vault=vault, webhooks=not args.no_webhooks)
    await service.start()
    try:
        await bg.start(strict=True, catch_up=not args.no_catch_up)
        if bg.receiver is not None:
            _say(f"webhook receiver listening on {bg.receiver.url} (POST /webhooks/hubspot, /webhooks/shopify)")
        _say(f"log: {log_path}")
        entries = bg.scheduler.entries()
        _say(f"scheduler started: {sum(1 for e in entries if e.enabled)} connection(s) scheduled")
        for e in entries:
            if e.enabled and e.next_run:
                _say(f"  {e.name}: {e.cron} (next {e.next_run.isoformat(timespec='minutes')})")
        await stop.wait()
        _say("stopping")
    finally:
        await bg.aclose()
        await service.aclose()
    _say("stopped")
    return 0


def run(args, ctx) -> int:
    _ = ctx.store  # open (and migrate) before the loop starts: a bad database is a one-line error, exit 2
    return asyncio.run(_main(ctx, args))
