"""Scheduled incremental syncs: APScheduler 3 (AsyncIOScheduler + AsyncIOExecutor) inside the running loop.

Public API (what the dashboard and the daemon use):
- `SyncScheduler(store, settings, hub, service, *, timezone=None, clock=None)`
- `await start(paused=False)` (from inside the running loop; catches up missed runs once, or at the first resume()
  when started paused), `await aclose()`
- `pause()`, `resume()`, `paused`
- `next_run_time(connection_id) -> datetime | None` (None: paused, disabled or not scheduled)
- `entries() -> list[ScheduleEntry]` (each connection's cron, where it came from, next run, a cron error if any)
- `reload()`: re-read the connections (also done on the hub's `connections_changed`, and every 5 minutes for
  changes made by another process)
- `add_daily(job_id, coro_fn, hour, minute)`: a daily housekeeping job (hygiene) on the same scheduler

Each connection's cron is Connection.schedule, else Settings.salesforce_schedule for Salesforce (it has no push a
desktop app can receive, so it is polled more often), else Settings.default_schedule. A run whose connection's lane is
busy is recorded as a `skipped` job (Vorta's habit: every run is a row). Runs missed while the app was closed are
caught up once at start-up, measured from the connection's last job; runs missed while the app was open but the
computer slept (later than the misfire grace time) are caught up once on waking.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_MISSED
from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func, select

from lumio_desktop.compat import WallClockAsyncIOScheduler, crontab_trigger, shutdown_scheduler
from lumio_desktop.store.models import (
    Connection,
    ConnectionHealth,
    JobLog,
    JobStatus,
    Provider,
    SyncJob,
    SyncType,
    Trigger,
)
from lumio_desktop.sync.jobs import ANOTHER_PROCESS, SKIPPED_BUSY, SKIPPED_BUSY_JOB, SKIPPED_BUSY_WHY
from lumio_desktop.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# A connection's own cron that does not parse (`lumio-sync schedule` and the settings page show it).
BAD_CRON = QT_TRANSLATE_NOOP("engine", "the connection's schedule '{schedule}' is not valid ({said}); using '{default}'")

RELOAD_SECONDS = 300  # re-read connections changed by another process this often
MISFIRE_GRACE_SECONDS = 15 * 60  # a laptop that wakes up 10 minutes late still runs the sync it slept through
JOB_PREFIX = "sync-"


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    connection_id: int
    name: str
    provider: str
    cron: str
    source: str  # connection | salesforce_default | default
    enabled: bool
    next_run: datetime | None
    error: str | None = None  # the connection's own cron was invalid; the default is used instead

    def as_dict(self) -> dict[str, Any]:
        return {
            "connection_id": self.connection_id, "name": self.name, "provider": self.provider, "cron": self.cron,
            "source": self.source, "enabled": self.enabled,
            "next_run": self.next_run.isoformat() if self.next_run else None, "error": self.error,
        }


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _local_timezone():
    try:
        import tzlocal

        return tzlocal.get_localzone()
    except Exception:  # noqa: BLE001 - a machine without a zone setting still gets schedules, in UTC
        return UTC


def cron_for(conn: Connection, settings) -> tuple[str, str, str | None]:
    """(cron, source, error) for a connection: its own valid cron, else the provider's default."""
    default = settings.salesforce_schedule if conn.provider == Provider.SALESFORCE else settings.default_schedule
    source = "salesforce_default" if conn.provider == Provider.SALESFORCE else "default"
    if conn.schedule:
        try:
            crontab_trigger(conn.schedule, UTC)
            return conn.schedule, "connection", None
        except ValueError as e:
            return default, source, BAD_CRON(schedule=conn.schedule, said=str(e), default=default)
    return default, source, None


def last_job_time(store, connection_id: int) -> datetime | None:
    with store.session() as s:
        return s.scalar(select(func.max(SyncJob.created_at)).where(SyncJob.connection_id == connection_id))


def _skipped_reason(busy: str | bool):
    """Why a scheduled run was skipped: `busy` is the running job's id, or a sentence saying who holds the lane."""
    if not isinstance(busy, str):
        return SKIPPED_BUSY()
    return SKIPPED_BUSY_WHY(reason=busy) if " " in busy else SKIPPED_BUSY_JOB(job=busy)


def lane_busy(store, connection_id: int) -> str | None:
    """The id of a queued or running job of this connection, if any."""
    with store.session() as s:
        return s.scalar(
            select(SyncJob.id)
            .where(SyncJob.connection_id == connection_id,
                   SyncJob.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]))
            .limit(1)
        )


def record_skipped(store, hub, connection_id: int, *, sync_type: SyncType, trigger: Trigger, reason: str,
                   now: datetime | None = None) -> str:
    """A job row with status `skipped` and its reason in the log, announced like any finished job."""
    now = now or _utcnow()
    job_id = str(uuid.uuid4())
    with store.session() as s, s.begin():
        conn = s.get(Connection, connection_id)
        s.add(SyncJob(
            id=job_id, connection_id=connection_id, integration=conn.provider.value if conn else "unknown",
            sync_type=sync_type, trigger=trigger, status=JobStatus.SKIPPED, created_at=now, started_at=now,
            ended_at=now, duration_ms=0, error_message=reason,
        ))
        s.flush()
        s.add(JobLog(job_id=job_id, at=now, level="info", message=reason))
    if hub is not None:
        hub.publish("sync_finished", job_id, connection_id, JobStatus.SKIPPED.value)
    return job_id


class SyncScheduler:
    def __init__(self, store, settings, hub, service, *, timezone=None,
                 clock: Callable[[], datetime] | None = None, max_wait: float | None = None):
        self.store = store
        self.settings = settings
        self.hub = hub
        self.service = service
        self.timezone = timezone or _local_timezone()
        self.clock = clock or _utcnow
        self._max_wait = max_wait
        self._scheduler: WallClockAsyncIOScheduler | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._crons: dict[int, str] = {}
        self._errors: dict[int, str] = {}
        self._unsubscribe: Callable[[], None] | None = None
        self._tasks: set[asyncio.Task] = set()
        self.catch_ups: list[str] = []  # job ids submitted by the start-up catch-up (for the log and tests)
        self._catch_up_pending = False
        self._reload_lock = threading.Lock()

    # -- life cycle ------------------------------------------------------------------------------------------------
    async def start(self, *, paused: bool = False, catch_up: bool = True) -> None:
        """Start on the running loop (APScheduler 3.11 takes it from get_running_loop(): see compat.py)."""
        if self._scheduler is not None:
            return
        self._loop = asyncio.get_running_loop()
        sched = WallClockAsyncIOScheduler(
            event_loop=self._loop,
            executors={"default": AsyncIOExecutor()},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
            timezone=self.timezone,
        )
        if self._max_wait is not None:
            sched.max_wait = self._max_wait
        self._scheduler = sched
        sched.add_listener(self._on_missed, EVENT_JOB_MISSED)
        await asyncio.to_thread(self._reload_jobs)
        # Another process (`lumio-sync connect`, `schedule --set`) changes connections without our hub hearing it.
        sched.add_job(self._reload_async, IntervalTrigger(seconds=RELOAD_SECONDS, timezone=self.timezone),
                      id="reload-connections", replace_existing=True)
        sched.start(paused=paused)
        if self.hub is not None:
            self._unsubscribe = self.hub.subscribe("connections_changed", self._on_connections_changed)
        if catch_up and paused:
            self._catch_up_pending = True  # a person paused the schedules: catch up when they resume
        elif catch_up:
            await self.catch_up()

    async def aclose(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        if self._scheduler is not None:
            shutdown_scheduler(self._scheduler)
            self._scheduler = None
            await asyncio.sleep(0)  # the shutdown runs through call_soon_threadsafe
        for t in list(self._tasks):
            t.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    # -- what the dashboard uses -----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._scheduler is not None

    @property
    def paused(self) -> bool:
        from apscheduler.schedulers.base import STATE_PAUSED

        return self._scheduler is not None and self._scheduler.state == STATE_PAUSED

    def pause(self) -> None:
        """Stop starting scheduled runs (running jobs go on). Webhooks and Sync Now are not affected."""
        if self._scheduler is not None and not self.paused:
            self._scheduler.pause()

    def resume(self) -> None:
        """Start scheduled runs again; a run missed while paused (within the grace time) runs once."""
        if self._scheduler is not None and self.paused:
            self._scheduler.resume()
            if self._catch_up_pending:
                self._catch_up_pending = False
                self._spawn(self.catch_up())

    def next_run_time(self, connection_id: int) -> datetime | None:
        if self._scheduler is None or self.paused:
            return None
        job = self._scheduler.get_job(f"{JOB_PREFIX}{connection_id}")
        return job.next_run_time if job is not None else None

    def entries(self) -> list[ScheduleEntry]:
        return list_schedule(self.store, self.settings, timezone=self.timezone, now=self.clock(),
                             next_run=self.next_run_time if self._scheduler is not None else None)

    def reload(self) -> None:
        """Re-read the connections: new ones get a job, removed or disabled ones lose theirs, changed crons move."""
        if self._loop is None:
            return
        self._spawn(asyncio.to_thread(self._reload_jobs))

    def add_daily(self, job_id: str, fn: Callable[[], Awaitable[Any]], *, hour: int = 3, minute: int = 17) -> None:
        """A daily job on this scheduler (hygiene). Pausing the syncs pauses it too."""
        assert self._scheduler is not None, "start() first"
        self._scheduler.add_job(fn, CronTrigger(hour=hour, minute=minute, timezone=self.timezone), id=job_id,
                                replace_existing=True, misfire_grace_time=24 * 3600)

    # -- internals ---------------------------------------------------------------------------------------------------
    def _spawn(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _on_missed(self, event) -> None:
        """A run later than the grace time (the computer slept through it): run once now, as at start-up.
        Coalescing means one event however many runs were missed."""
        if not str(event.job_id).startswith(JOB_PREFIX) or self._loop is None or self._loop.is_closed():
            return
        cid = int(str(event.job_id)[len(JOB_PREFIX):])
        log.info("the sync of connection %s due at %s was missed (asleep?): running it now", cid,
                 event.scheduled_run_time)
        self._loop.call_soon_threadsafe(lambda: self._spawn(self._scheduled_run(cid)))

    def _on_connections_changed(self, *_args) -> None:
        # The hub calls handlers in the publisher's thread, which may be the engine's writer thread.
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.reload)

    async def _reload_async(self) -> None:
        await asyncio.to_thread(self._reload_jobs)

    def _reload_jobs(self) -> None:
        with self._reload_lock:  # two quick connections_changed events must not interleave
            self._reload_jobs_locked()

    def _reload_jobs_locked(self) -> None:
        sched = self._scheduler
        if sched is None:
            return
        with self.store.session() as s:
            conns = list(s.scalars(select(Connection)))
        wanted: dict[int, str] = {}
        errors: dict[int, str] = {}
        for c in conns:
            if not c.enabled:
                continue
            cron, _source, error = cron_for(c, self.settings)
            wanted[c.id] = cron
            if error:
                errors[c.id] = error
                log.warning("connection %s: %s", c.name, error)
        for cid in set(self._crons) - set(wanted):
            if sched.get_job(f"{JOB_PREFIX}{cid}") is not None:
                sched.remove_job(f"{JOB_PREFIX}{cid}")
        for cid, cron in wanted.items():
            if self._crons.get(cid) == cron and sched.get_job(f"{JOB_PREFIX}{cid}") is not None:
                continue
            sched.add_job(self._scheduled_run, crontab_trigger(cron, self.timezone), args=[cid],
                          id=f"{JOB_PREFIX}{cid}", name=f"incremental sync of connection {cid}",
                          replace_existing=True)
        self._crons = wanted
        self._errors = errors

    async def _scheduled_run(self, connection_id: int) -> str | None:
        try:
            return await self.run_now(connection_id, trigger=Trigger.SCHEDULE)
        except Exception:  # noqa: BLE001 - one connection's bad run must not stop the others' schedules
            log.exception("the scheduled sync of connection %s could not start", connection_id)
            return None

    async def run_now(self, connection_id: int, *, trigger: Trigger = Trigger.SCHEDULE,
                      record_skip: bool = True) -> str | None:
        """Submit one incremental sync unless the connection's lane is busy (then record it as skipped).

        Returns the job id (submitted or skipped); None when the connection cannot be synced at all, or when it is
        busy and `record_skip` is False.
        """
        conn = await asyncio.to_thread(self._load_connection, connection_id)
        if conn is None or not conn.enabled:
            return None
        if conn.health == ConnectionHealth.CONFIG_ERROR:
            # It would fail the same way every time (and alert every time) until a person reconnects it.
            log.info("not syncing %s on schedule: it needs to be reconnected (%s)", conn.name, conn.health_reason)
            return None
        busy = await self._busy(connection_id)
        if busy and not record_skip:
            return None
        if busy:
            reason = _skipped_reason(busy)
            job_id = await asyncio.to_thread(
                record_skipped, self.store, None, connection_id, sync_type=SyncType.INCREMENTAL,
                trigger=trigger, reason=reason, now=self.clock())
            if self.hub is not None:  # published from the loop thread, like the engine's own events
                self.hub.publish("sync_finished", job_id, connection_id, JobStatus.SKIPPED.value)
            return job_id
        result = self.service.submit(connection_id, SyncType.INCREMENTAL, trigger)
        if inspect.isawaitable(result):
            result = await result
        return result

    def _load_connection(self, connection_id: int) -> Connection | None:
        with self.store.session() as s:
            return s.get(Connection, connection_id)

    async def _busy(self, connection_id: int) -> str | bool | None:
        is_busy = getattr(self.service, "is_busy", None)
        if callable(is_busy):
            r = is_busy(connection_id)
            if inspect.isawaitable(r):
                r = await r
            if r:
                return r
        locks = getattr(getattr(self.service, "jobs", None), "locks", None)
        if locks is not None:
            # The engine's per-connection OS lock tells a live process's sync (a `lumio-sync sync` while the app
            # runs) from a `running` row a killed process left behind, which must not skip every run from now on.
            # Checked on the loop thread, so it cannot interleave with this process's own job taking the lock.
            return None if locks.is_free(connection_id) else ANOTHER_PROCESS()
        # Without the engine's locks (another service implementation), the jobs table is the best evidence.
        return await asyncio.to_thread(lane_busy, self.store, connection_id)

    async def catch_up(self) -> list[str]:
        """Once at start-up: a connection whose cron fired since its last job (the app was closed) syncs now."""
        now = self.clock()
        due = await asyncio.to_thread(self._missed_connections, now)
        out = []
        for cid in due:
            # A busy lane at start-up is the engine resuming an interrupted job: that job is the catch-up.
            job_id = await self.run_now(cid, trigger=Trigger.STARTUP, record_skip=False)
            if job_id:
                out.append(job_id)
        self.catch_ups.extend(out)
        return out

    def _missed_connections(self, now: datetime) -> list[int]:
        with self.store.session() as s:
            conns = [c for c in s.scalars(select(Connection).order_by(Connection.id)) if c.enabled]
        due = []
        for c in conns:
            last = last_job_time(self.store, c.id) or c.created_at
            if last is None:
                continue
            cron, _source, _error = cron_for(c, self.settings)
            trigger = crontab_trigger(cron, self.timezone)
            missed = trigger.get_next_fire_time(None, last + timedelta(seconds=1))
            if missed is not None and missed <= now:
                due.append(c.id)
        return due


def list_schedule(store, settings, *, timezone=None, now: datetime | None = None,
                  next_run: Callable[[int], datetime | None] | None = None) -> list[ScheduleEntry]:
    """Every connection's cron and next run. Without a running scheduler, the next run is computed from the cron."""
    tz = timezone or _local_timezone()
    now = now or _utcnow()
    with store.session() as s:
        conns = list(s.scalars(select(Connection).order_by(Connection.name)))
    out = []
    for c in conns:
        cron, source, error = cron_for(c, settings)
        if not c.enabled:
            nxt = None
        elif next_run is not None:
            nxt = next_run(c.id)
        else:
            nxt = crontab_trigger(cron, tz).get_next_fire_time(None, now.astimezone(tz))
        out.append(ScheduleEntry(c.id, c.name, c.provider.value, cron, source, c.enabled, nxt, error))
    return out
