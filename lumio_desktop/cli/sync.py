"""`lumio-sync sync NAME`: run one sync of a connection, wait for it, print its SyncMetrics.

Exit code 0 when the job completed, 1 when it failed (or was cancelled or skipped): the job is in `lumio-sync jobs`
with its reason. Exit code 2 (one line on stderr, nothing written) when the store itself refused before a job could
be recorded, e.g. the database file locked by another program or its disk full: a store problem the person fixes
before syncing again. A previous `lumio-sync` killed mid-sync left its job `running`: it is marked `interrupted`,
and this run continues from the last saved page.
"""

from __future__ import annotations

import asyncio
import sys
import time

from sqlalchemy import select

from lumio_desktop.errors import LumioError, StoreError
from lumio_desktop.store.models import Connection, JobStatus, SyncType, Trigger

MODES = ("initial", "incremental", "manual")


class UnknownConnection(LumioError):
    pass


def register(sub) -> None:
    p = sub.add_parser("sync", help="sync one connection now and wait for it")
    p.add_argument("name", help="the connection's name (see `lumio-sync connections`)")
    p.add_argument("--mode", choices=MODES, default="manual",
                   help="initial: a full read; incremental: changes since the last sync; manual (default): "
                        "changes since the last sync, or a full read when there was none")
    p.add_argument("--objects", help="comma-separated object types, e.g. contacts,deals (default: all)")
    p.add_argument("--json", action="store_true", help="print the job's SyncMetrics as one JSON object, no progress bar")
    p.set_defaults(handler=run)


def find_connection(store, name: str) -> Connection:
    with store.session() as s:
        q = select(Connection).where(Connection.name == name)
        if name.isdigit():
            q = select(Connection).where((Connection.name == name) | (Connection.id == int(name)))
        c = s.scalars(q).first()
        if c is None:
            names = ", ".join(s.scalars(select(Connection.name).order_by(Connection.name))) or "none yet"
            raise UnknownConnection(f"no connection named {name!r} (connections: {names}); "
                                    "add one with `lumio-sync connect`")
        return c


class ProgressBar:
    """One line on stderr, redrawn at most 10 times a second."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr  # looked up now, not at import (tests and the app may swap stderr)
        self.width = width
        self._last = 0.0
        self._drawn = False

    def __call__(self, job_id, connection_id, progress, processed, total) -> None:
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        if not total:  # the provider gave no total: a count, not a bar stuck at 0%
            self.stream.write(f"\r{processed} records")
        else:
            filled = int(self.width * progress)
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {progress:4.0%} {processed}/{total} "
                              "records")
        self.stream.flush()
        self._drawn = True

    def done(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()


async def _sync(ctx, connection: Connection, mode: str, objects: list[str] | None, bar: ProgressBar | None):
    from lumio_desktop.sync.engine import SyncService
    from lumio_desktop.sync.events import EventHub

    hub = EventHub()
    if bar is not None:
        hub.subscribe("sync_progress", bar)
    from lumio_desktop.sync.jobs import describe_store_error

    service = SyncService(ctx.store, ctx.settings, hub)
    try:
        found = await service.start(resume=False)  # this run is the resume of this connection's interrupted job
        mine = [j["job_id"] for j in found if j["connection_id"] == connection.id]
        metrics = await service.run(connection.id, SyncType(mode), Trigger.CLI, objects,
                                    resumed_from=mine[-1] if mine else None)
        unrecorded = service.unrecorded(metrics.job_id)
        if unrecorded:
            raise StoreError(unrecorded)
        return metrics
    except Exception as e:
        reason = describe_store_error(e, getattr(ctx.store, "path", None))
        if reason is None:
            raise
        raise StoreError(reason) from None  # never SQLAlchemy's text: it carries SQL and the records' values
    finally:
        await service.aclose()


def run(args, ctx) -> int:
    connection = find_connection(ctx.store, args.name)
    objects = [o.strip() for o in args.objects.split(",") if o.strip()] if args.objects else None
    bar = None if args.json else ProgressBar()
    try:
        metrics = asyncio.run(_sync(ctx, connection, args.mode, objects, bar))
    finally:
        if bar is not None:
            bar.done()
    if args.json:
        ctx.print_json(metrics.to_json())
    else:
        m = metrics
        print(f"{connection.name}: {m.status} in {(m.duration_ms or 0) / 1000:.1f}s: {m.processed_records} records "
              f"({m.created_records} new, {m.updated_records} updated, {m.failed_records} rejected), "
              f"{m.api_calls} API calls")
        if m.error_message:
            print(f"  {m.error_message}")
        if m.failed_records:
            print(f"  see the rejected records with `lumio-sync job show {m.job_id}`")
    return 0 if metrics.status == JobStatus.COMPLETED else 1
