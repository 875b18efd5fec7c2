"""Fixtures for the background layer: a controllable wall clock for APScheduler, connections, a stand-in engine."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from lumio_desktop.store.models import Connection, JobStatus, Provider, SyncJob


class FakeClock:
    """A wall clock the test moves by hand. APScheduler reads it through the `datetime` names it imported."""

    def __init__(self, start: datetime):
        self.now_value = start

    def now(self) -> datetime:
        return self.now_value

    def advance(self, **delta) -> datetime:
        self.now_value += timedelta(**delta)
        return self.now_value

    def install(self, monkeypatch) -> None:
        import apscheduler.executors.base as ex_base
        import apscheduler.schedulers.base as sched_base
        import apscheduler.triggers.interval as interval

        clock = self

        class _Datetime(datetime):
            @classmethod
            def now(cls, tz=None):
                v = clock.now_value
                return v.astimezone(tz) if tz is not None else v.replace(tzinfo=None)

        monkeypatch.setattr(sched_base, "datetime", _Datetime)
        monkeypatch.setattr(ex_base, "datetime", _Datetime)
        monkeypatch.setattr(interval, "datetime", _Datetime)


@pytest.fixture
def clock(monkeypatch):
    c = FakeClock(datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC))
    c.install(monkeypatch)
    return c


def add_connection(store, *, name="hs", provider=Provider.HUBSPOT, schedule=None, created_at=None, settings=None,
                   shop=None, base_url="http://sandbox.test") -> int:
    with store.session() as s, s.begin():
        c = Connection(name=name, provider=provider, base_url=base_url, schedule=schedule, settings=settings,
                       shop=shop)
        if created_at is not None:
            c.created_at = created_at
        s.add(c)
        s.flush()
        return c.id


def add_job(store, connection_id, *, created_at, status=JobStatus.COMPLETED, sync_type="incremental",
            trigger="schedule", job_id=None, **kw) -> str:
    import uuid

    jid = job_id or str(uuid.uuid4())
    with store.session() as s, s.begin():
        s.add(SyncJob(id=jid, connection_id=connection_id, integration="hubspot", sync_type=sync_type,
                      trigger=trigger, status=status, created_at=created_at, **kw))
    return jid


class StubService:
    """Stands in for SyncService where a test is about the scheduler alone: records submits, can hold a lane."""

    def __init__(self, store):
        self.store = store
        self.submitted: list[tuple[int, str, str]] = []
        self.busy: set[int] = set()

    def is_busy(self, connection_id):
        return connection_id in self.busy

    def submit(self, connection_id, sync_type, trigger, objects=None):
        self.submitted.append((connection_id, str(sync_type), str(trigger)))
        return f"job-{len(self.submitted)}"


async def until(pred, timeout=5.0, interval=0.01):
    """Wait (on the loop) until pred() is true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not pred():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)


# -- a provider client for engine-driven tests (the engine's client_factory) --------------------------------------
class OnePageClient:
    """One page of HubSpot contacts per read; can fail, wait for a release, or carry rejected rows."""

    provider = "hubspot"
    objects = ("contacts",)

    def __init__(self, good: int = 3, rejected: int = 0, fail: Exception | None = None,
                 release: asyncio.Event | None = None):
        from lumio_desktop.sync.providers.base import CallStats

        self.good, self.rejected, self.fail, self.release = good, rejected, fail, release
        self.stats = CallStats()

    def entity_for(self, object_type):
        return "lead"

    async def pages(self, object_type, mode, state):
        from lumio_desktop.sync.providers.base import Page, RemoteRecord

        self.stats.api_calls += 1
        if self.release is not None:
            await self.release.wait()
        if self.fail is not None:
            raise self.fail
        now = datetime.now(UTC)
        recs = [RemoteRecord("contacts", str(n), now, {"id": str(n), "properties": {
            "email": f"p{n}@example.com", "firstname": f"F{n}", "lastname": f"L{n}"}, "archived": False})
            for n in range(1, self.good + 1)]
        yield Page(recs, {"done": True}, total=self.good + self.rejected,
                   rejected=[(f"garbage {i}", "not a JSON object") for i in range(self.rejected)])

    async def fetch(self, object_type, ids):
        return []

    async def push(self, object_type, changes):
        return []

    async def precheck(self):
        raise NotImplementedError

    async def aclose(self):
        pass
