"""The fault-survival suite's world: the real sandbox in-process (httpx.ASGITransport), the real provider clients,
the real SyncService over a real SQLite file, and checks that say whether the store is whole.

`Tap` sits between the clients and the sandbox only to fire a sandbox control (expire, revoke, lock the database)
before the n-th API request, so a fault lands mid-sync at a known moment; it never changes what the sandbox answers
unless a test gives it a `rewrite` (the one thing the sandbox cannot send on its own: a page repeating an id)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select, text

from lumio_desktop.sandbox import SandboxConfig, create_app
from lumio_desktop.store.models import (
    ENTITY_MODELS,
    Connection,
    JobStatus,
    RecordLink,
    RejectedRecord,
    SyncCursor,
    SyncJob,
)
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.http import RetryPolicy
from tests.sync.sandbox_helpers import OBJECTS, differences

BASE = "http://sandbox.test"
PROVIDERS = ("hubspot", "salesforce", "shopify")
# Small pages: a 300-record sandbox then costs dozens of requests per sync, so a 10% fault rate really bites.
SMALL_PAGES = {"list_limit": 15, "search_limit": 15, "page_size": 15}


async def no_wait(_seconds: float) -> None:
    await asyncio.sleep(0)


def fast_retry(**kw) -> RetryPolicy:
    """The engine's own retry policy with its real bounds (5 attempts, 8 rate-limited answers, 2 refreshes), but
    without sleeping through the backoff: the suite stays fast, the decisions stay the production ones."""
    return RetryPolicy(base_delay=0.001, max_delay=0.002, sleep=no_wait, **kw)


class Tap(httpx.AsyncBaseTransport):
    """Counts API requests (token endpoints aside) and runs `at[n]()` just before the n-th one is sent."""

    def __init__(self, inner: httpx.AsyncBaseTransport):
        self.inner = inner
        self.n = 0
        self.at: dict[int, Callable[[], Any]] = {}
        self.rewrite: Callable[[httpx.Request, httpx.Response], Any] | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if "oauth" not in request.url.path and not request.url.path.startswith("/_sandbox"):
            self.n += 1
            fn = self.at.pop(self.n, None)
            if fn is not None:
                fn()
        response = await self.inner.handle_async_request(request)
        if self.rewrite is not None:
            response = await self.rewrite(request, response)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class FaultWorld:
    """One sandbox, its connections in the store, and the engine that syncs them."""

    def __init__(self, store, settings, *, client_options: dict[str, Any] | None = None, **config):
        from lumio_desktop.auth.connections import ConnectionService
        from lumio_desktop.auth.vault import TokenVault

        config.setdefault("fault_timeout_seconds", 0.05)
        self.app = create_app(SandboxConfig.for_tests(**config))
        self.sb = self.app.state.sandbox
        self.tap = Tap(httpx.ASGITransport(app=self.app))
        self.store = store
        self.settings = settings
        self.vault = TokenVault()
        self.connections = ConnectionService(store, self.vault, transport=self.tap)
        self.client_options = {"retry": fast_retry(), **SMALL_PAGES, **(client_options or {})}
        self.service = SyncService(store, settings, EventHub(), vault=self.vault, transport=self.tap,
                                   client_options=self.client_options)
        self.ids: dict[str, int] = {}

    def connect_static(self, provider: str) -> int:
        creds = self.sb.credentials(BASE)[provider]
        info = self.connections.create_static(provider, creds["token"], name=provider, base_url=BASE,
                                              shop=creds.get("shop"))
        self.ids[provider] = info.id
        return info.id

    async def connect_oauth(self, provider: str, *, reconnect: int | None = None) -> int:
        """The whole sign-in: authorize page (auto-approved), redirect to the real loopback catcher, code exchange."""
        creds = self.sb.credentials(BASE)[provider]
        flow = self.connections.begin_oauth(provider, creds["client_id"], creds["client_secret"], base_url=BASE,
                                            shop=creds.get("shop"),
                                            name=None if reconnect is not None else f"{provider}-oauth")

        async def browse() -> None:
            url = await flow.start()
            async with httpx.AsyncClient(transport=self.tap) as browser:
                r = await browser.get(url)
            assert r.status_code in (302, 303, 307), r.text[:300]
            async with httpx.AsyncClient() as real:  # the catcher is a real socket
                await real.get(r.headers["location"])

        _, info = await asyncio.gather(browse(), self.connections.finish_oauth(
            flow, name=f"{provider}-oauth", reconnect=reconnect))
        assert info.auth_kind == "oauth"
        self.ids[provider] = info.id
        return info.id

    def problems(self, provider: str) -> list[str]:
        """[] when the store holds exactly what the sandbox holds (sandbox's own data, read directly)."""
        return differences(self.store, self.ids[provider], provider, self.sb.state(provider)[provider])

    def cursor_ahead(self, provider: str) -> list[str]:
        """Records an unfinished read's saved cursor claims were read, but the store holds neither as a record nor
        as a rejected row (a cursor ahead of the store); [] when there are none. Read from the sandbox's own data:
        HubSpot's list cursor `after` is the last listed record's number; Salesforce's and Shopify's keyset cursors
        cover every record modified before `ts`, and those at `ts` whose ids they name."""
        from lumio_desktop.sandbox.hubspot import decode_after

        cid = self.ids[provider]
        with self.store.session() as s:
            have = set(s.execute(select(RecordLink.object_type, RecordLink.external_id)
                                 .where(RecordLink.connection_id == cid)).all())
            have |= set(s.execute(select(RejectedRecord.object_type, RejectedRecord.external_id)
                                  .where(RejectedRecord.connection_id == cid)).all())
        out: list[str] = []
        for obj, cur in cursors(self.store, cid).items():
            st = cur.get("state") or {}
            if cur.get("complete"):
                continue
            if provider == "hubspot" and st.get("phase") == "list" and st.get("after"):
                n = decode_after(st["after"])
                claimed = [r.id for r in self.sb.records(provider, obj) if r.num <= n]
            elif provider in ("salesforce", "shopify") and st.get("cursor"):
                ts, ids = st["cursor"]["ts"], set(st["cursor"]["ids"])
                # Shopify shows updated_at in whole seconds.
                when = (lambda r: r.modified // 1000 * 1000) if provider == "shopify" else (lambda r: r.modified)
                archived = None if provider == "salesforce" else False  # queryAll reads the Recycle Bin too
                claimed = [r.id for r in self.sb.records(provider, obj, archived=archived)
                           if when(r) < ts or (when(r) == ts and r.id in ids)]
            else:
                continue
            out += [f"{obj} {ext}: behind the saved cursor, not stored" for ext in claimed if (obj, ext) not in have]
        return out[:20]

    def fired(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.sb.faults.rules:
            out[f"{r.provider}:{r.kind}"] = out.get(f"{r.provider}:{r.kind}", 0) + r.fired
        return out


# -- is the store whole? ---------------------------------------------------------------------------------------
def integrity(path: Path) -> str:
    con = sqlite3.connect(path, timeout=10)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def whole_store_problems(store, connection_id: int, job_id: str | None = None, *,
                         stuck_ok: frozenset[str] = frozenset()) -> list[str]:
    """What a half-written page would leave behind, in words; [] when there is none.

    - the file passes `PRAGMA integrity_check`;
    - every link points at an existing local record, and every local record has a link (no orphan from half a page);
    - one link per (connection, object, external id): nothing duplicated;
    - with `job_id` (a job that started from an empty store): its progress counter equals the links it stamped plus
      its rejected rows, because counts, records, links and rejected rows commit in the same transaction;
    - no job is left `running` or `queued` (but those in `stuck_ok`, a known bug's leftovers)."""
    problems: list[str] = []
    if store.path is not None:
        ok = integrity(store.path)
        if ok != "ok":
            problems.append(f"integrity_check: {ok}")
    with store.session() as s:
        for entity, model in ENTITY_MODELS.items():
            table = model.__table__
            dangling = s.scalar(select(func.count()).select_from(RecordLink).where(
                RecordLink.entity == entity, ~RecordLink.local_id.in_(select(table.c.id))))
            if dangling:
                problems.append(f"{dangling} {entity} links point at no record")
            orphans = s.scalar(select(func.count()).select_from(table).where(
                ~table.c.id.in_(select(RecordLink.local_id).where(RecordLink.entity == entity))))
            if orphans:
                problems.append(f"{orphans} {entity} records have no link (half a page?)")
        dups = s.execute(select(RecordLink.object_type, RecordLink.external_id, func.count())
                         .where(RecordLink.connection_id == connection_id)
                         .group_by(RecordLink.object_type, RecordLink.external_id)
                         .having(func.count() > 1)).all()
        if dups:
            problems.append(f"duplicate links: {dups[:5]}")
        if job_id is not None:
            job = s.get(SyncJob, job_id)
            stamped = s.scalar(select(func.count()).select_from(RecordLink).where(
                RecordLink.last_seen_job_id == job_id))
            rejected = s.scalar(select(func.count()).select_from(RejectedRecord).where(
                RejectedRecord.job_id == job_id))
            if job.processed_records != stamped + rejected:
                problems.append(f"job {job_id}: {job.processed_records} processed but {stamped} links stamped and "
                                f"{rejected} rejected (records and counts not in one transaction)")
        stuck = [j for j in s.scalars(select(SyncJob.id).where(
            SyncJob.status.in_([JobStatus.RUNNING, JobStatus.QUEUED]))) if j not in stuck_ok]
        if stuck:
            problems.append(f"jobs left running/queued: {stuck}")
    return problems


def assert_clear_store_message(message: str | None, *words: str) -> None:
    """What a person should read when the database refuses a write (locked, full): one short line, in words, with
    what happened; never SQLAlchemy's text (the SQL statement, the page's values - names, emails - or its
    "Background on this error" link), and not "unexpected error" for an expected condition."""
    assert message, "no reason was recorded"
    for w in words:
        assert w in message.lower(), message[:600]
    assert "\n" not in message and len(message) < 300, message[:600]
    for bad in ("unexpected error", "sqlalche.me", "[SQL", "INSERT ", "UPDATE ", "@"):
        assert bad not in message, f"{bad!r} in: {message[:600]}"


def cursors(store, connection_id: int) -> dict[str, Any]:
    with store.session() as s:
        return {c.object_type: c.value for c in s.scalars(
            select(SyncCursor).where(SyncCursor.connection_id == connection_id))}


def health(store, connection_id: int) -> tuple[str, str | None]:
    with store.session() as s:
        c = s.get(Connection, connection_id)
        return str(c.health), c.health_reason


def count_links(store, connection_id: int) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(RecordLink).where(
            RecordLink.connection_id == connection_id))


def raw_sql(store, sql: str) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


__all__ = ["BASE", "assert_clear_store_message", "OBJECTS", "PROVIDERS", "FaultWorld", "Tap", "count_links", "cursors", "fast_retry", "health",
           "integrity", "no_wait", "raw_sql", "whole_store_problems"]
