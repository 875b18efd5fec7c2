"""`SyncService`: the engine's one facade, for the CLI, the app's controllers, the scheduler and the webhooks.

    service = SyncService(store, settings, hub, vault=vault, transport=None)
    await service.start()                  # marks jobs a dead process left running as interrupted, resumes them
    job_id = service.submit(connection_id, "manual", "user", objects=None)   # returns at once
    status = await service.wait(job_id)    # JobStatus
    metrics = await service.run(connection_id, "manual", "cli")              # submit + wait -> SyncMetrics
    service.cancel(job_id)                 # queued or running -> True
    service.push_now(connection_id)        # a push-only job (two-way connections) in the lane
    service.is_busy(connection_id)         # the running/waiting job id on that lane, or None
    service.submit(cid, "webhook", "webhook", ids={"contacts": ["512"]})   # targeted: just those records
    await service.aclose()                 # running jobs end `interrupted` (resumed at the next start)

Everything is called on the event loop thread. Events go out on the EventHub from that thread: sync_queued,
sync_started, sync_progress (per page), sync_finished, health_changed, records_changed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lumio_desktop.store.models import Connection, JobStatus, SyncJob, SyncType, Trigger
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.jobs import ClientFactory, JobManager, SyncMetrics
from lumio_desktop.sync.pipeline import Writer

__all__ = ["JobStatus", "SyncMetrics", "SyncService", "SyncType", "Trigger"]


class SyncService:
    def __init__(self, store, settings, hub: EventHub, *, vault=None, transport=None,
                 client_factory: ClientFactory | None = None, client_options: dict[str, Any] | None = None):
        """`transport`: an httpx transport for every client (tests: the sandbox in-process). `client_factory`
        (Connection -> ProviderClient, or an awaitable of one) replaces the provider registry, for unit tests.
        `client_options`: keyword arguments for `registry.build_client` (e.g. a RetryPolicy with short delays)."""
        self.client_options = dict(client_options or {})
        self.store = store
        self.settings = settings
        self.hub = hub
        self.vault = vault
        self.transport = transport
        self.writer = Writer()
        self._connections = None
        lock_folder = getattr(settings, "data_dir", None)
        self.jobs = JobManager(store, self.writer, hub, client_factory or self._build_client,
                               Path(lock_folder) / "locks" if lock_folder else None)
        self._closed = False

    # -- clients ---------------------------------------------------------------------------------------------
    def _connection_service(self):
        if self._connections is None:
            from lumio_desktop.auth.connections import ConnectionService
            from lumio_desktop.auth.vault import TokenVault

            vault = self.vault or TokenVault.from_settings(self.settings)
            self._connections = ConnectionService(self.store, vault, transport=self.transport)
        return self._connections

    def _build_client(self, connection: Connection):
        from lumio_desktop.sync.providers import registry

        return registry.build_client(connection, self._connection_service().auth_for(connection.id),
                                     transport=self.transport, **self.client_options)

    # -- the API ---------------------------------------------------------------------------------------------
    async def start(self, *, resume: bool = True) -> list[dict[str, Any]]:
        """Jobs a previous process left `running` (or `queued`) become `interrupted`; with `resume`, the latest of
        each connection is submitted again (trigger `startup`, `resumed_from` set) and continues from its cursor.
        Returns the interrupted jobs (job_id, connection_id, sync_type, objects, trigger, resumed_by)."""
        found = await self.writer.call(self.jobs.mark_interrupted)
        latest: dict[int, dict[str, Any]] = {}
        for j in found:
            self.hub.publish("sync_finished", j["job_id"], j["connection_id"], str(JobStatus.INTERRUPTED))
            if j["connection_id"] is not None:
                latest[j["connection_id"]] = j
        for j in found:
            j["resumed_by"] = None
        if resume:
            for cid, j in latest.items():
                j["resumed_by"] = self.submit(cid, j["sync_type"], Trigger.STARTUP, j["objects"],
                                              resumed_from=j["job_id"])
        return found

    def submit(self, connection_id: int, sync_type: SyncType | str = SyncType.MANUAL,
               trigger: Trigger | str = Trigger.USER, objects: Sequence[str] | None = None, *,
               resumed_from: str | None = None, ids: dict[str, Sequence[str]] | None = None) -> str:
        """Record a job (status `queued`, or `skipped` with its reason when the lane is busy) and return its id at
        once. `ids` = {object type: [external ids]} makes it a targeted fetch of those records (webhooks)."""
        return self.jobs.submit(connection_id, sync_type, trigger, objects, resumed_from=resumed_from, ids=ids)

    def push_now(self, connection_id: int, trigger: Trigger | str = Trigger.USER) -> str:
        """A push-only job (Lumio's pending edits to the provider) in the connection's lane."""
        return self.submit(connection_id, SyncType.PUSH, trigger)

    def is_busy(self, connection_id: int) -> str | None:
        """The job running or waiting on this connection's lane in this process, None when it is free."""
        return self.jobs.busy(connection_id)

    async def wait(self, job_id: str) -> JobStatus:
        return await self.jobs.wait(job_id)

    async def run(self, connection_id: int, sync_type: SyncType | str = SyncType.MANUAL,
                  trigger: Trigger | str = Trigger.USER, objects: Sequence[str] | None = None, *,
                  resumed_from: str | None = None) -> SyncMetrics:
        job_id = self.submit(connection_id, sync_type, trigger, objects, resumed_from=resumed_from)
        await self.wait(job_id)
        return await self.metrics(job_id)

    def cancel(self, job_id: str) -> bool:
        return self.jobs.cancel(job_id)

    async def metrics(self, job_id: str) -> SyncMetrics:
        """The job's row as SyncMetrics. A job the store refused to record (database locked or full) has no row, or
        a row still `running`: then its status and reason come from memory (`unrecorded()` tells which)."""
        h = self.jobs.unsaved(job_id)

        def read():
            with self.store.session() as s:
                j = s.get(SyncJob, job_id)
                if j is not None:
                    m = SyncMetrics.from_row(j)
                    if h is not None:
                        m.status, m.error_message = str(h.status), h.reason
                        m.errors = [h.reason] if h.reason and h.status == JobStatus.FAILED else m.errors
                    return m
                if h is None:
                    raise KeyError(f"no job {job_id}")
                provider = s.scalar(select(Connection.provider).where(Connection.id == h.connection_id))
                return _unrecorded_metrics(h, str(provider) if provider is not None else "unknown")

        try:
            return await self.writer.call(read)
        except KeyError:
            raise
        except Exception:  # the store cannot even be read: what this process knows is all there is
            if h is None:
                raise
            return _unrecorded_metrics(h, "unknown")

    def unrecorded(self, job_id: str) -> str | None:
        """Why a finished job of this process has no row in the store (the store refused to write it), else None."""
        h = self.jobs.unsaved(job_id)
        return h.reason if h is not None and not h.recorded else None

    async def connection_id(self, name_or_id: str | int) -> int | None:
        """A connection's id from its name (or id), None when there is none."""
        def read():
            with self.store.session() as s:
                q = select(Connection.id).where(Connection.name == str(name_or_id))
                if isinstance(name_or_id, int) or str(name_or_id).isdigit():
                    q = select(Connection.id).where((Connection.id == int(name_or_id))
                                                    | (Connection.name == str(name_or_id)))
                return s.scalars(q).first()

        return await self.writer.call(read)

    def active_jobs(self) -> list[str]:
        return self.jobs.active()

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self.jobs.aclose()
        await asyncio.to_thread(self.writer.shutdown)


def _unrecorded_metrics(h, integration: str) -> SyncMetrics:
    return SyncMetrics(h.job_id, h.connection_id, integration, str(h.sync_type), str(h.trigger), str(h.status),
                       h.objects, None, None, None, None, 0, 0, 0, 0, 0, None, 0, 0, 0, None,
                       [h.reason] if h.reason else None, h.reason, h.resumed_from)
