"""The job queue: one serial lane per connection, jobs persisted before they run, cancel, resume.

- A job row (status `queued`) is written before the job can run; a request for a busy connection is queued or
  recorded as `skipped` with its reason, so two jobs never run on one account. Scheduled runs are skipped while the
  lane is busy (the next tick covers them); a person's Sync Now, the CLI, a webhook burst or a start-up resume wait
  their turn, unless a waiting job already covers them (`covers`); webhook ids join a waiting targeted job.
- Within a job the connection's object types run in parallel over one client, so they share its rate limiter.
- Cancel works on queued jobs (removed from the lane) and running ones (the task is cancelled; a page being written
  finishes or rolls back as a whole first, so the store stays consistent). Another process cancels by writing the
  `cancelled` status, which the running job reads before each page.
- A running job knows where each object stands from sync_cursors, written with each page: resuming a job, or the
  next job on the connection, continues from there.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import sqlite3
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy import insert, select, update

from lumio_desktop.auth.errors import ReconnectRequired, TransientAuthError
from lumio_desktop.store.models import (
    Connection,
    ConnectionHealth,
    Direction,
    JobLog,
    JobStatus,
    SyncCursor,
    SyncJob,
    SyncType,
    Trigger,
)
from lumio_desktop.store.types import utcnow
from lumio_desktop.sync.errors import Cancelled, ConfigError, SyncError
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.mapping import MAPS
from lumio_desktop.sync.pipeline import JobCounters, PageWriter, Writer
from lumio_desktop.sync.providers.base import Mode, Page, ProviderClient
from lumio_desktop.text import QT_TRANSLATE_NOOP, Template, Text

log = logging.getLogger(__name__)

# The sentences a job says to people (its reason, its log lines, the connection's health reason): declared here so
# the UI can translate them (lumio_desktop/text.py). The stored English stays these sentences.
DB = QT_TRANSLATE_NOOP("engine", "the Lumio database")
DB_AT = QT_TRANSLATE_NOOP("engine", "the Lumio database {path}")
STORE_LOCKED = QT_TRANSLATE_NOOP("engine", "{db} is locked by another program (database is locked); close that program "
                                           "and sync again: it resumes from the last saved page")
STORE_FULL = QT_TRANSLATE_NOOP("engine", "the disk holding {db} is full (database or disk is full); free some space "
                                         "and sync again: it resumes from the last saved page")
STORE_IOERR = QT_TRANSLATE_NOOP("engine", "writing {db} failed (disk I/O error: the disk may be full, over a quota or "
                                          "a file-size limit); free some space and sync again: it resumes from the "
                                          "last saved page")
STORE_READONLY = QT_TRANSLATE_NOOP("engine", "{db} is read-only (attempt to write a readonly database); check its "
                                             "permissions and sync again: it resumes from the last saved page")
STORE_CORRUPT = QT_TRANSLATE_NOOP("engine", "{db} is damaged (database disk image is malformed); restore the newest "
                                            "backup beside it")
STORE_CANTOPEN = QT_TRANSLATE_NOOP("engine", "Lumio could not open {db} (unable to open database file); check that its "
                                             "folder exists and is writable")
STORE_REFUSED = QT_TRANSLATE_NOOP("engine", "{db} refused a write ({said}); sync again: it resumes from the last saved "
                                            "page")
# The same for a person's own action in the app (a record saved, a merge): "try again", not "sync again".
STORE_LOCKED_TRY = QT_TRANSLATE_NOOP("engine", "{db} is locked by another program (database is locked); close that "
                                               "program and try again")
STORE_FULL_TRY = QT_TRANSLATE_NOOP("engine", "the disk holding {db} is full (database or disk is full); free some space "
                                             "and try again")
STORE_IOERR_TRY = QT_TRANSLATE_NOOP("engine", "writing {db} failed (disk I/O error: the disk may be full, over a quota "
                                              "or a file-size limit); free some space and try again")
STORE_READONLY_TRY = QT_TRANSLATE_NOOP("engine", "{db} is read-only (attempt to write a readonly database); check its "
                                                 "permissions and try again")
STORE_REFUSED_TRY = QT_TRANSLATE_NOOP("engine", "{db} refused a write ({said}); try again")
UNEXPECTED = QT_TRANSLATE_NOOP("engine", "unexpected error: {said}")
NOT_RECORDED = QT_TRANSLATE_NOOP("engine", "Lumio could not record this sync in its database ({said}); sync again")
DID_NOT_START = QT_TRANSLATE_NOOP("engine", "the sync did not start: {reason}")
END_NOT_SAVED = QT_TRANSLATE_NOOP("engine", "every page was saved, but the end of this sync was not: {reason}")
NO_OBJECT_TYPE = QT_TRANSLATE_NOOP("engine", "{provider} has no object type {unknown} (it has {available})")
NO_FIELD_MAP = QT_TRANSLATE_NOOP("engine", "no field map for {provider} object type {objects}")
# Why a job did not run, or stopped.
WAITING = QT_TRANSLATE_NOOP("engine", "a sync of this connection is already waiting to run (job {job})")
RUNNING = QT_TRANSLATE_NOOP("engine", "a sync of this connection is already running (job {job})")
NO_CONNECTION = QT_TRANSLATE_NOOP("engine", "there is no connection {connection_id}")
PAUSED = QT_TRANSLATE_NOOP("engine", "the connection is paused; resume it to sync")
CANCELLED_UNSTARTED = QT_TRANSLATE_NOOP("engine", "cancelled before it ran")
CANCELLED = QT_TRANSLATE_NOOP("engine", "cancelled; every page written so far is kept")
CANCELLED_CLI = QT_TRANSLATE_NOOP("engine", "cancelled from the command line")  # lumio-sync job cancel
CANCEL_ASKED_CLI = QT_TRANSLATE_NOOP("engine", "cancel requested from the command line")
CLOSED_UNSTARTED = QT_TRANSLATE_NOOP("engine", "the app closed before this sync ran")
CLOSED_RUNNING = QT_TRANSLATE_NOOP("engine", "the app closed during this sync; it resumes from its last saved page")
STOPPED_RUNNING = QT_TRANSLATE_NOOP("engine", "the app stopped during this sync; it resumes from its last saved page")
STOPPED_UNSTARTED = QT_TRANSLATE_NOOP("engine", "the app stopped before this sync ran")
OTHER_PROCESS = QT_TRANSLATE_NOOP("engine", "another Lumio process is syncing this connection; this run was skipped")
SERVICE_CLOSING = QT_TRANSLATE_NOOP("engine", "the sync service is closing")
# The scheduler's skipped runs (sync/scheduler.py writes them; declared here with the other job reasons, so whoever
# imports the engine can read them back).
ANOTHER_PROCESS = QT_TRANSLATE_NOOP("engine", "another Lumio process is syncing this connection")
SKIPPED_BUSY = QT_TRANSLATE_NOOP("engine", "skipped: another sync of this connection was still running")
SKIPPED_BUSY_JOB = QT_TRANSLATE_NOOP("engine", "skipped: another sync of this connection was still running (job {job})")
SKIPPED_BUSY_WHY = QT_TRANSLATE_NOOP("engine", "skipped: another sync of this connection was still running ({reason})")
# The job's log lines.
LOG_FULL = QT_TRANSLATE_NOOP("engine", "{object_type}: full read")
LOG_RESUMED = {Mode.INITIAL: QT_TRANSLATE_NOOP("engine", "{object_type}: resumed initial read"),
               Mode.INCREMENTAL: QT_TRANSLATE_NOOP("engine", "{object_type}: resumed incremental read")}
LOG_CHANGES = QT_TRANSLATE_NOOP("engine", "{object_type}: changes since the last sync")
LOG_BY_ID = QT_TRANSLATE_NOOP("engine", "{object_type}: {n} records by id")
LOG_END = QT_TRANSLATE_NOOP("engine", "{status}: {n} records, {n_rejected} rejected")
LOG_END_WHY = QT_TRANSLATE_NOOP("engine", "{status}: {n} records, {n_rejected} rejected ({reason})")
LOG_PUSHED = QT_TRANSLATE_NOOP("engine", "push: {n} records ({n_values} values) written, {n_refused} refused, "
                                         "{n_restored} restored")
LOG_PUSH_SKIPPED = QT_TRANSLATE_NOOP("engine", "push skipped: {reason}")

ClientFactory = Callable[[Connection], ProviderClient | Awaitable[ProviderClient]]
PREFETCH = 2  # pages fetched ahead while one is written
# The job's final write, when the store refuses it (locked by another program, disk full): tried again after these
# pauses (each attempt also waits out the busy timeout), then the job ends in memory and the row is repaired later.
END_RETRY_DELAYS = (0.1, 0.2, 0.4, 0.8, 1.6)
FINISHED = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.INTERRUPTED,
                      JobStatus.SKIPPED})


@dataclass(slots=True)
class SyncMetrics:
    """What a finished job reports (the CLI prints it as one JSON object)."""

    job_id: str
    connection_id: int | None
    integration: str
    sync_type: str
    trigger: str
    status: str
    objects: list[str] | None
    created_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    duration_ms: int | None
    total_records: int
    processed_records: int
    created_records: int
    updated_records: int
    failed_records: int
    success_rate: float | None
    api_calls: int
    cache_hits: int
    cache_misses: int
    cache_hit_rate: float | None
    errors: list[str] | None
    error_message: str | None
    resumed_from: str | None

    @classmethod
    def from_row(cls, j: SyncJob) -> SyncMetrics:
        return cls(j.id, j.connection_id, j.integration, str(j.sync_type), str(j.trigger), str(j.status), j.objects,
                   j.created_at, j.started_at, j.ended_at, j.duration_ms, j.total_records, j.processed_records,
                   j.created_records, j.updated_records, j.failed_records, j.success_rate, j.api_calls,
                   j.cache_hits, j.cache_misses, j.cache_hit_rate, j.errors, j.error_message, j.resumed_from)

    def to_json(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in asdict(self).items()}


@dataclass(eq=False)
class JobHandle:
    job_id: str
    connection_id: int
    sync_type: SyncType
    trigger: Trigger
    objects: list[str] | None
    resumed_from: str | None
    done: asyncio.Future
    ids: dict[str, list[str]] | None = None  # a targeted job (webhook events): just these records
    persisted: asyncio.Future | None = None
    task: asyncio.Task | None = None
    status: JobStatus = JobStatus.QUEUED
    # When the store refused the job's row (never written) or its end (left `running`): what wait() and metrics()
    # report instead of the row, and why.
    reason: str | None = None
    recorded: bool = True
    end_saved: bool = True
    end_error: str | None = None


@dataclass
class Lane:
    queue: deque[JobHandle] = field(default_factory=deque)
    running: JobHandle | None = None
    worker: asyncio.Task | None = None


class ConnectionLocks:
    """One OS file lock per connection, held by the process whose job is running on it.

    Lanes serialise jobs inside a process; this lock does it across processes (the app and a `lumio-sync sync`),
    and tells a dead process's `running` job (its lock is free: the kernel released it) from a live one's."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._held: dict[int, Any] = {}

    def acquire(self, connection_id: int) -> bool:
        if self.folder is None:
            return True
        self.folder.mkdir(parents=True, exist_ok=True)
        f = open(self.folder / f"connection-{connection_id}.lock", "a+b")  # noqa: SIM115 - held for the job
        if not _try_lock(f):
            f.close()
            return False
        self._held[connection_id] = f
        return True

    def release(self, connection_id: int) -> None:
        f = self._held.pop(connection_id, None)
        if f is not None:
            _unlock(f)
            f.close()

    def is_free(self, connection_id: int) -> bool:
        """True when no process holds the connection's lock (checked by taking and dropping it)."""
        if connection_id in self._held:
            return False
        if not self.acquire(connection_id):
            return False
        self.release(connection_id)
        return True


def _try_lock(f) -> bool:
    try:
        import fcntl

        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    except OSError:
        return False


def _unlock(f) -> None:
    try:
        import fcntl

        fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    except ImportError:
        import msvcrt

        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)


class JobFailed(Exception):
    def __init__(self, message: str, health: ConnectionHealth):
        super().__init__(message)
        self.message = message
        self.health = health


# SQLite primary result codes (extended codes carry them in their low byte).
_SQLITE_WORDS = {5: "locked", 6: "locked", 8: "readonly", 10: "ioerr", 11: "corrupt", 13: "full", 14: "cantopen",
                 26: "corrupt"}
_SQLITE_TEXTS = (("database is locked", "locked"), ("database table is locked", "locked"),
                 ("database or disk is full", "full"), ("disk i/o error", "ioerr"), ("readonly database", "readonly"),
                 ("disk image is malformed", "corrupt"), ("unable to open database", "cantopen"))


def _database_error(e: BaseException) -> BaseException | None:
    """The driver error behind `e` (SQLAlchemy's DBAPIError wraps it; FastSQL raises sqlite3's own), or None."""
    seen = 0
    while e is not None and seen < 5:
        if isinstance(e, sqlalchemy_exc.DBAPIError):
            return e.orig if e.orig is not None else e
        if isinstance(e, sqlite3.Error):
            return e
        e, seen = e.__cause__ or e.__context__, seen + 1
    return None


def describe_store_error(e: BaseException, path: Path | str | None = None, *, sync: bool = True) -> Text | None:
    """A database error in words with what to do, or None when `e` is not one. Never SQLAlchemy's text: it carries
    the SQL statement and its parameters (a page's names, emails and phones) and a web link. `sync=False`: the
    failed write was a person's action in the app, so the advice is to try again, not to sync again."""
    orig = _database_error(e)
    if orig is None:
        return None
    db = DB_AT(path=str(path)) if path else DB()
    kind = None
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        kind = _SQLITE_WORDS.get(code & 0xFF)
    if kind is None:
        first = (str(orig).splitlines() or [""])[0].lower()
        kind = next((k for text, k in _SQLITE_TEXTS if text in first), None)
    worded = ({"locked": STORE_LOCKED, "full": STORE_FULL, "ioerr": STORE_IOERR, "readonly": STORE_READONLY} if sync
              else {"locked": STORE_LOCKED_TRY, "full": STORE_FULL_TRY, "ioerr": STORE_IOERR_TRY,
                    "readonly": STORE_READONLY_TRY}).get(kind)
    worded = worded or {"corrupt": STORE_CORRUPT, "cantopen": STORE_CANTOPEN}.get(kind)
    if worded is not None:
        return worded(db=db)
    # The driver's own first line only (SQLite's names a constraint or a trigger's words, never the values; a
    # server's DETAIL line can quote them).
    said = (str(orig).splitlines() or [""])[0][:120]
    return (STORE_REFUSED if sync else STORE_REFUSED_TRY)(db=db, said=f"{type(orig).__name__}: {said}")


def classify(e: BaseException, db_path: Path | str | None = None) -> tuple[str, ConnectionHealth]:
    """An exception -> (the reason in words, the light it turns the connection to)."""
    stored = describe_store_error(e, db_path)
    if stored is not None:  # the store's trouble, not the connection's: amber, and the words say what to do
        return stored, ConnectionHealth.TRANSIENT
    if isinstance(e, ConfigError | ReconnectRequired):
        return getattr(e, "message", str(e)), ConnectionHealth.CONFIG_ERROR
    if isinstance(e, SyncError | TransientAuthError):
        return getattr(e, "message", str(e)), ConnectionHealth.TRANSIENT
    if isinstance(e, JobFailed):
        return e.message, e.health
    return UNEXPECTED(said=f"{type(e).__name__}: {e}"), ConnectionHealth.TRANSIENT


def covers(waiting: JobHandle, new: JobHandle) -> bool:
    """Does a job that has not started yet do everything `new` would? Then `new` is recorded as skipped."""
    if (waiting.sync_type == SyncType.PUSH) != (new.sync_type == SyncType.PUSH):
        return False  # a push-only job reads nothing; a pull job does not push a pull-only connection's edits
    if new.sync_type == SyncType.PUSH:
        return True
    if waiting.ids is not None:
        return False  # a targeted job reads only its records
    if new.sync_type == SyncType.INITIAL and waiting.sync_type != SyncType.INITIAL:
        return False  # a person asked for a full read
    return waiting.objects is None or (new.objects is not None and set(new.objects) <= set(waiting.objects))


class JobManager:
    """Lanes and job execution. Lives on the event loop thread; every database call goes through `writer`."""

    def __init__(self, store, writer: Writer, hub: EventHub, client_factory: ClientFactory,
                 lock_folder: Path | None = None):
        self.store = store
        self.locks = ConnectionLocks(lock_folder)
        self.writer = writer
        self.hub = hub
        self.client_factory = client_factory
        self._lanes: dict[int, Lane] = {}
        self._jobs: dict[str, JobHandle] = {}
        self._unsaved_ends: dict[str, JobHandle] = {}
        self._closing = False

    # -- submitting ------------------------------------------------------------------------------------------
    def submit(self, connection_id: int, sync_type: SyncType | str, trigger: Trigger | str,
               objects: Sequence[str] | None = None, *, resumed_from: str | None = None,
               ids: dict[str, Sequence[str]] | None = None) -> str:
        """Record a job and queue it on its connection's lane; returns its id at once. Call on the loop thread.

        `ids` ({object type: [external id, ...]}) makes a targeted job: the client fetches just those records
        (deleted ones come back deleted) and the pipeline writes them like a page, leaving the cursors alone."""
        loop = asyncio.get_running_loop()
        if self._closing:
            raise RuntimeError(SERVICE_CLOSING())
        h = JobHandle(str(uuid.uuid4()), int(connection_id), SyncType(sync_type), Trigger(trigger),
                      list(objects) if objects else (sorted(ids) if ids else None), resumed_from, loop.create_future(),
                      {k: [str(i) for i in v] for k, v in ids.items()} if ids else None)
        self._jobs[h.job_id] = h
        lane = self._lanes.setdefault(h.connection_id, Lane())
        busy = lane.running is not None or bool(lane.queue)
        skip_reason = None
        waiting = next((w for w in lane.queue if w.ids is not None), None)
        if waiting is not None and h.ids:
            # Webhook events must not be dropped: they join the targeted job that has not started yet.
            for obj, ids in h.ids.items():
                have = waiting.ids.setdefault(obj, [])
                have.extend(i for i in ids if i not in set(have))
            waiting.objects = sorted(waiting.ids)
            del self._jobs[h.job_id]
            return waiting.job_id
        cover = next((w for w in lane.queue if covers(w, h)), None)
        if cover is not None:
            skip_reason = WAITING(job=cover.job_id)
        elif busy and h.trigger == Trigger.SCHEDULE and h.sync_type != SyncType.PUSH:
            skip_reason = RUNNING(job=lane.running.job_id)
        if skip_reason:
            h.status = JobStatus.SKIPPED
            fut = asyncio.wrap_future(self.writer.submit(self._persist, h, skip_reason))
            fut.add_done_callback(lambda f: self._settle_skipped(h, f))
            return h.job_id
        h.persisted = asyncio.wrap_future(self.writer.submit(self._persist, h, None))
        lane.queue.append(h)
        self.hub.publish("sync_queued", h.job_id, h.connection_id)
        if lane.worker is None or lane.worker.done():
            lane.worker = loop.create_task(self._drain(lane), name=f"lumio-lane-{h.connection_id}")
        return h.job_id

    def _settle_skipped(self, h: JobHandle, fut: asyncio.Future) -> None:
        if fut.cancelled() or fut.exception() is not None:
            log.error("could not record skipped job %s: %r", h.job_id, None if fut.cancelled() else fut.exception())
        self._finish(h, JobStatus.SKIPPED)

    def _persist(self, h: JobHandle, skip_reason: str | None) -> JobStatus:
        with self.store.engine.begin() as conn:
            row = conn.execute(select(Connection.provider, Connection.enabled).where(
                Connection.id == h.connection_id)).first()
            status, reason = (JobStatus.SKIPPED, skip_reason) if skip_reason else (JobStatus.QUEUED, None)
            if row is None:
                status, reason = JobStatus.FAILED, NO_CONNECTION(connection_id=h.connection_id)
            elif not row.enabled and not skip_reason:
                status, reason = JobStatus.SKIPPED, PAUSED()
            now = utcnow()
            conn.execute(insert(SyncJob.__table__).values(
                id=h.job_id, connection_id=h.connection_id if row else None,
                integration=str(row.provider) if row else "unknown", sync_type=h.sync_type, trigger=h.trigger,
                status=status, objects=h.objects, progress=0.0, created_at=now, error_message=reason,
                ended_at=None if status == JobStatus.QUEUED else now, resumed_from=h.resumed_from,
                total_records=0, processed_records=0, created_records=0, updated_records=0, failed_records=0,
                api_calls=0, cache_hits=0, cache_misses=0))
            if reason:
                conn.execute(insert(JobLog.__table__).values(job_id=h.job_id, at=now, level="info", message=reason))
            return status

    # -- lanes -----------------------------------------------------------------------------------------------
    async def _drain(self, lane: Lane) -> None:
        while lane.queue and not self._closing:
            h = lane.queue.popleft()
            lane.running = h
            try:
                h.task = asyncio.get_running_loop().create_task(self._execute(h), name=f"lumio-job-{h.job_id}")
                await asyncio.wait([h.task])
            finally:
                if lane.running is h:
                    lane.running = None

    def cancel(self, job_id: str) -> bool:
        """Cancel a queued or running job of this process. False when it is unknown here or already finished."""
        h = self._jobs.get(job_id)
        if h is None or h.done.done():
            return False
        lane = self._lanes.get(h.connection_id)
        if lane is not None and h in lane.queue:
            lane.queue.remove(h)
            asyncio.get_running_loop().create_task(self._end_unstarted(h, JobStatus.CANCELLED, CANCELLED_UNSTARTED()))
            return True
        if h.task is not None and not h.task.done():
            h.task.cancel()
            return True
        return False

    async def _end_unstarted(self, h: JobHandle, status: JobStatus, reason: str) -> None:
        if h.persisted is not None:
            await asyncio.gather(h.persisted, return_exceptions=True)
        h.status, h.reason = status, reason
        try:
            await self._write_end(h, self._write_end_unstarted, h.job_id, status, reason)
        finally:
            self._finish(h, status)

    async def _write_end(self, h: JobHandle, fn, *args):
        """Run a job's final write, again with backoff while the store refuses it; if it never goes in, the job
        still ends (in memory: wait() returns, sync_finished goes out) and its row is repaired later: by this
        process before its next job, or by the next start-up, which marks a `running` row nobody holds
        `interrupted`. Returns fn's result, or None when it could not be written."""
        for delay in (*END_RETRY_DELAYS, None):
            try:
                return await self.writer.call(fn, *args)
            except Exception as e:  # noqa: BLE001 - a job must end whatever its last write meets
                reason = describe_store_error(e, self._db_path)
                if reason is None:
                    log.exception("could not record the end of sync job %s", h.job_id)
                elif delay is not None:
                    log.info("sync job %s: its end cannot be written yet (%s); trying again", h.job_id, reason)
                    await asyncio.sleep(delay)
                    continue
                else:
                    log.warning("sync job %s: its end could not be written (%s)", h.job_id, reason)
                h.end_saved, h.end_error = False, reason or UNEXPECTED(said=type(e).__name__)
                self._unsaved_ends[h.job_id] = h
                return None
        return None

    @property
    def _db_path(self) -> Path | None:
        return getattr(self.store, "path", None)

    def _repair_unsaved_ends(self, handles: list[JobHandle]) -> list[str]:
        """Writer thread: rows of jobs of this process whose end could not be written get it now."""
        done = []
        with self.store.engine.begin() as conn:
            now = utcnow()
            for h in handles:
                conn.execute(update(SyncJob.__table__).where(
                    (SyncJob.id == h.job_id) & SyncJob.status.in_([JobStatus.RUNNING, JobStatus.QUEUED])).values(
                    status=h.status, ended_at=now, error_message=h.reason,
                    errors=[h.reason] if h.reason and h.status == JobStatus.FAILED else None))
                done.append(h.job_id)
        return done

    async def _repair(self) -> None:
        if not self._unsaved_ends:
            return
        try:
            done = await self.writer.call(self._repair_unsaved_ends, list(self._unsaved_ends.values()))
        except Exception as e:  # noqa: BLE001 - still refused: the next job, or the next start, tries again
            log.info("the end of %d earlier sync jobs still cannot be written (%s)", len(self._unsaved_ends),
                     describe_store_error(e, self._db_path) or type(e).__name__)
            return
        for job_id in done:
            h = self._unsaved_ends.pop(job_id, None)
            if h is not None:
                h.end_saved = True

    def _write_end_unstarted(self, job_id: str, status: JobStatus, reason: str) -> None:
        with self.store.engine.begin() as conn:
            now = utcnow()
            conn.execute(update(SyncJob.__table__).where(SyncJob.id == job_id).values(
                status=status, ended_at=now, error_message=reason))
            conn.execute(insert(JobLog.__table__).values(job_id=job_id, at=now, level="info", message=reason))

    def _finish(self, h: JobHandle, status: JobStatus) -> None:
        h.status = status
        lane = self._lanes.get(h.connection_id)
        if lane is not None and lane.running is h:  # free the lane before anyone hears the job ended
            lane.running = None
        if not h.done.done():
            h.done.set_result(status)
        self.hub.publish("sync_finished", h.job_id, h.connection_id, str(status))
        self._forget_old()

    def _forget_old(self, keep: int = 200) -> None:
        """An app runs for days: keep the handles of recent finished jobs only (wait() reads older ones' rows)."""
        finished = [k for k, v in self._jobs.items() if v.done.done()]
        for k in finished[:-keep] if len(finished) > keep else ():
            del self._jobs[k]

    async def wait(self, job_id: str) -> JobStatus:
        h = self._jobs.get(job_id)
        if h is not None:
            return await asyncio.shield(h.done)
        status = await self.writer.call(self._read_status, job_id)
        if status is None:
            raise KeyError(f"no job {job_id}")
        return status

    def _read_status(self, job_id: str) -> JobStatus | None:
        with self.store.engine.connect() as conn:
            return conn.execute(select(SyncJob.status).where(SyncJob.id == job_id)).scalar_one_or_none()

    def unsaved(self, job_id: str) -> JobHandle | None:
        """The handle of a finished job whose row the store refused (never written, or its end not written), else
        None: its status and reason are only in memory."""
        h = self._jobs.get(job_id)
        if h is None or not h.done.done() or (h.recorded and h.end_saved):
            return None
        return h

    def busy(self, connection_id: int) -> str | None:
        """The id of the job running (or else waiting) on this connection's lane, None when the lane is free."""
        lane = self._lanes.get(connection_id)
        if lane is None:
            return None
        if lane.running is not None:
            return lane.running.job_id
        return lane.queue[0].job_id if lane.queue else None

    def active(self) -> list[str]:
        return [h.job_id for h in self._jobs.values() if not h.done.done()]

    # -- running one job -------------------------------------------------------------------------------------
    async def _execute(self, h: JobHandle) -> None:
        try:
            status = await h.persisted
        except Exception as e:  # noqa: BLE001 - the store refused the job row: say so to whoever waits, run nothing
            h.recorded = False
            h.reason = describe_store_error(e, self._db_path)
            if h.reason is None:
                log.exception("could not record sync job %s", h.job_id)
                h.reason = NOT_RECORDED(said=type(e).__name__)
            else:
                log.info("could not record sync job %s: %s", h.job_id, h.reason)  # the CLI/app says it
            h.reason = DID_NOT_START(reason=h.reason)
            self._finish(h, JobStatus.FAILED)
            return
        if status != JobStatus.QUEUED:  # failed or skipped when it was recorded (no connection, paused)
            self._finish(h, status)
            return
        if self._closing:
            await self._end_unstarted(h, JobStatus.INTERRUPTED, CLOSED_UNSTARTED())
            return
        await self._repair()
        started = utcnow()
        run = _JobRun(self, h, None, {})
        status, reason, health = JobStatus.COMPLETED, None, ConnectionHealth.HEALTHY
        try:
            started_row = await self.writer.call(self._start_job, h, started)
            if started_row is None:  # cancelled by another process while it waited
                self._finish(h, JobStatus.CANCELLED)
                return
            if started_row is JobStatus.SKIPPED:  # another process holds the connection
                self._finish(h, JobStatus.SKIPPED)
                return
            run.conn_row, run.cursors = started_row
            h.status = JobStatus.RUNNING
            self.hub.publish("sync_started", h.job_id, h.connection_id)
            await run.go()
        except asyncio.CancelledError:
            status = JobStatus.INTERRUPTED if self._closing else JobStatus.CANCELLED
            reason = CLOSED_RUNNING() if self._closing else CANCELLED()
            health = None
        except Cancelled:
            status, reason, health = JobStatus.CANCELLED, CANCELLED(), None
        except Exception as e:  # noqa: BLE001 - every failure ends the job with its reason, never a dead task
            reason, health = classify(e, self._db_path)
            status = JobStatus.FAILED
            if describe_store_error(e) is not None:  # no traceback: SQLAlchemy's text carries the page's data
                log.info("sync job %s failed: %s", h.job_id, reason)  # the job's reason; the log keeps it too
            elif health == ConnectionHealth.TRANSIENT and not isinstance(e, SyncError | TransientAuthError | JobFailed):
                log.exception("sync job %s failed", h.job_id)
        finally:
            await run.close_client()
            if run.conn_row is None:  # never started: nothing to end, but never keep the lock
                self.locks.release(h.connection_id)
        h.status, h.reason = status, reason
        changed = None
        try:
            changed = await self._write_end(h, self._end_job, h, run, status, reason, health, started)
            if not h.end_saved:  # the waiters hear `failed` (the row is repaired later); the card still shows why
                if status in (JobStatus.COMPLETED, JobStatus.FAILED):
                    status, health = JobStatus.FAILED, ConnectionHealth.TRANSIENT
                    reason = reason or END_NOT_SAVED(reason=h.end_error)
                h.status, h.reason = status, reason
                if health is not None:
                    changed = (health, reason)
        finally:
            self.locks.release(h.connection_id)
            if changed is not None:
                self.hub.publish("health_changed", h.connection_id, str(changed[0]), changed[1])
            self._finish(h, status)

    def _start_job(self, h: JobHandle, started: datetime):
        with self.store.session() as s, s.begin():
            if s.scalar(select(SyncJob.status).where(SyncJob.id == h.job_id)) == JobStatus.CANCELLED:
                return None
            if not self.locks.acquire(h.connection_id):
                reason = OTHER_PROCESS()
                s.execute(update(SyncJob).where(SyncJob.id == h.job_id).values(
                    status=JobStatus.SKIPPED, ended_at=started, error_message=reason))
                s.add(JobLog(job_id=h.job_id, at=started, level="info", message=reason))
                return JobStatus.SKIPPED
            conn_row = s.get(Connection, h.connection_id)
            s.execute(update(SyncJob).where(SyncJob.id == h.job_id).values(
                status=JobStatus.RUNNING, started_at=started, objects=h.objects))
            cursors = {c.object_type: c.value for c in s.scalars(
                select(SyncCursor).where(SyncCursor.connection_id == h.connection_id))}
            s.expunge(conn_row)
            return conn_row, cursors

    def _end_job(self, h: JobHandle, run: _JobRun, status: JobStatus, reason: str | None,
                 health: ConnectionHealth | None, started: datetime):
        now = utcnow()
        stats = run.stats()
        with self.store.engine.begin() as conn:
            j = conn.execute(select(SyncJob.processed_records, SyncJob.failed_records)
                             .where(SyncJob.id == h.job_id)).one()
            processed, failed = j
            hits, misses = stats.get("cache_hits", 0), stats.get("cache_misses", 0)
            values: dict[str, Any] = dict(
                status=status, ended_at=now, duration_ms=int((now - started).total_seconds() * 1000),
                success_rate=(processed - failed) / processed if processed else 1.0,
                cache_hit_rate=hits / (hits + misses) if hits + misses else None,
                error_message=reason, errors=[reason] if reason and status == JobStatus.FAILED else None, **stats,
            )
            if status == JobStatus.COMPLETED:
                values["progress"] = 1.0
            conn.execute(update(SyncJob.__table__).where(SyncJob.id == h.job_id).values(**values))
            end = (LOG_END_WHY(status=str(status), n=processed, n_rejected=failed, reason=reason) if reason
                   else LOG_END(status=str(status), n=processed, n_rejected=failed))
            lines = [*run.log_lines, end]
            conn.execute(insert(JobLog.__table__), [
                {"job_id": h.job_id, "at": now, "level": "error" if status == JobStatus.FAILED else "info",
                 "message": m} for m in lines])
            if health is None:
                return None
            old = conn.execute(select(Connection.health, Connection.health_reason)
                               .where(Connection.id == h.connection_id)).first()
            if old is not None and (old[0], old[1]) != (health, reason):
                conn.execute(update(Connection.__table__).where(Connection.id == h.connection_id).values(
                    health=health, health_reason=reason, updated_at=now))
                return health, reason
            return None

    # -- start-up and shutdown -------------------------------------------------------------------------------
    def mark_interrupted(self) -> list[dict[str, Any]]:
        """Writer thread: jobs a previous process left running or queued become `interrupted`."""
        with self.store.engine.begin() as conn:
            rows = conn.execute(select(SyncJob.id, SyncJob.connection_id, SyncJob.sync_type, SyncJob.objects,
                                       SyncJob.status, SyncJob.trigger)
                                .where(SyncJob.status.in_([JobStatus.RUNNING, JobStatus.QUEUED]))
                                .order_by(SyncJob.created_at)).all()
            out = []
            now = utcnow()
            for r in rows:
                if r.id in self._jobs:  # ours, alive
                    continue
                if r.status == JobStatus.RUNNING and r.connection_id is not None \
                        and not self.locks.is_free(r.connection_id):
                    continue  # a live process (the app, another lumio-sync) is running it
                reason = STOPPED_RUNNING() if r.status == JobStatus.RUNNING else STOPPED_UNSTARTED()
                conn.execute(update(SyncJob.__table__).where(SyncJob.id == r.id).values(
                    status=JobStatus.INTERRUPTED, ended_at=now, error_message=reason))
                conn.execute(insert(JobLog.__table__).values(job_id=r.id, at=now, level="warning", message=reason))
                out.append({"job_id": r.id, "connection_id": r.connection_id, "sync_type": r.sync_type,
                            "objects": r.objects, "trigger": r.trigger})
            return out

    async def aclose(self) -> None:
        self._closing = True
        tasks = []
        for lane in self._lanes.values():
            while lane.queue:
                h = lane.queue.popleft()
                tasks.append(asyncio.get_running_loop().create_task(
                    self._end_unstarted(h, JobStatus.INTERRUPTED, CLOSED_UNSTARTED())))
            if lane.running is not None and lane.running.task is not None:
                lane.running.task.cancel()
                tasks.append(lane.running.task)
            if lane.worker is not None:
                tasks.append(lane.worker)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        await self._repair()


class _JobRun:
    """The work of one running job: a client, its object types in parallel, each a stream of pages."""

    def __init__(self, mgr: JobManager, h: JobHandle, conn_row: Connection | None, cursors: dict[str, Any]):
        self.mgr = mgr
        self.h = h
        self.conn_row = conn_row
        self.cursors = cursors
        self.client: ProviderClient | None = None
        self.totals: dict[str, int] = {}
        self.processed: dict[str, int] = {}
        self.log_lines: list[Text] = []

    def stats(self) -> dict[str, int]:
        if self.client is None:
            return {}
        s = self.client.stats
        return {"api_calls": s.api_calls, "cache_hits": s.cache_hits, "cache_misses": s.cache_misses}

    async def close_client(self) -> None:
        if self.client is not None:
            try:
                await self.client.aclose()
            except Exception:  # noqa: BLE001 - closing must not hide the job's own outcome
                log.exception("closing the provider client failed")

    def _objects(self) -> list[str]:
        provider = str(self.conn_row.provider)
        available = list(self.client.objects)
        wanted = self.h.objects or self.conn_row.objects or available
        unknown = [o for o in wanted if o not in available]
        if unknown:
            raise JobFailed(NO_OBJECT_TYPE(provider=provider, unknown=", ".join(unknown), available=", ".join(available)),
                            ConnectionHealth.CONFIG_ERROR if not self.h.objects else ConnectionHealth.TRANSIENT)
        unmapped = [o for o in wanted if (provider, o) not in MAPS]
        if unmapped:
            raise JobFailed(NO_FIELD_MAP(provider=provider, objects=", ".join(unmapped)), ConnectionHealth.TRANSIENT)
        return [o for o in available if o in wanted]  # the client's dependency order

    def _plan(self, object_type: str) -> tuple[Mode, dict[str, Any] | None, Template]:
        """(mode for the client, state to give it, the log line's template) from the saved cursor and the job type."""
        cur = self.cursors.get(object_type)
        if not cur or cur.get("state") is None:
            return Mode.INITIAL, None, LOG_FULL
        mode = Mode(cur.get("mode", Mode.INITIAL))
        fresh_full = self.h.sync_type == SyncType.INITIAL and self.h.resumed_from is None
        if not cur.get("complete") and not (fresh_full and mode == Mode.INCREMENTAL):
            return mode, cur["state"], LOG_RESUMED[mode]  # an unfinished full read goes on, whatever was asked
        if fresh_full:
            return Mode.INITIAL, None, LOG_FULL
        return Mode.INCREMENTAL, cur["state"], LOG_CHANGES

    async def go(self) -> None:
        # Built on the writer thread: the registry reads the connection's auth (store, keyring), never on the loop.
        made = await self.mgr.writer.call(self.mgr.client_factory, self.conn_row)
        self.client = await made if inspect.isawaitable(made) else made
        if self.h.sync_type == SyncType.PUSH:
            await self._push()
            return
        objects = self._objects()
        work = self._targeted if self.h.ids else self._object
        tasks = [asyncio.get_running_loop().create_task(work(o), name=f"lumio-{self.h.job_id}-{o}")
                 for o in objects]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        finally:
            for t in tasks:
                if not t.done():
                    t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        for t in tasks:
            if not t.cancelled() and t.exception() is not None:
                raise t.exception()
        if self.conn_row.direction == Direction.BOTH:
            await self._push()

    async def _push(self) -> None:
        """Lumio's edits to the provider, in this lane (two-way connections; sync/push.py decides what)."""
        from lumio_desktop.sync.push import push_connection

        report = await push_connection(self.mgr.store, self.h.connection_id, self.client, job_id=self.h.job_id,
                                       db=self.mgr.writer.call, hub=self.mgr.hub)
        if report.skipped:
            self.log_lines.append(LOG_PUSH_SKIPPED(reason=report.skipped))
        else:
            self.log_lines.append(LOG_PUSHED(n=report.pushed, n_values=report.fields, n_refused=report.rejected,
                                             n_restored=report.restored))
        self.log_lines.extend(report.errors)  # one line per refused record, worded by push.py

    def counters(self) -> JobCounters:
        total = sum(self.totals.values())
        done = sum(self.processed.values())
        s = self.stats()
        return JobCounters(total=total, progress=min(1.0, done / total) if total else 0.0,
                           api_calls=s.get("api_calls", 0), cache_hits=s.get("cache_hits", 0),
                           cache_misses=s.get("cache_misses", 0))

    def _page_writer(self, object_type: str, mode: Mode) -> PageWriter:
        from lumio_desktop.sync.conflicts import policy_for

        return PageWriter(self.mgr.store.engine, connection_id=self.h.connection_id,
                          provider=str(self.conn_row.provider), object_type=object_type, job_id=self.h.job_id,
                          mode=str(mode), policy=policy_for(self.conn_row, object_type))

    def _published(self, res) -> None:
        self.mgr.hub.publish("sync_progress", self.h.job_id, self.h.connection_id, self.counters().progress,
                             sum(self.processed.values()), sum(self.totals.values()))
        if res.created or res.updated:
            self.mgr.hub.publish("records_changed", res.entity)
        if res.conflicts:
            self.mgr.hub.publish("conflict_detected", self.h.connection_id, res.conflicts)

    async def _object(self, object_type: str) -> None:
        mode, state, how = self._plan(object_type)
        self.log_lines.append(how(object_type=object_type))
        writer = self._page_writer(object_type, mode)
        queue: asyncio.Queue = asyncio.Queue(maxsize=PREFETCH)
        end = object()
        pages = self.client.pages(object_type, mode, state)

        async def produce() -> None:
            try:
                async for page in pages:
                    await queue.put(page)
                await queue.put(end)
            except asyncio.CancelledError:
                raise
            except BaseException as e:  # noqa: BLE001 - handed to the consumer, which raises it in order
                await queue.put(e)
            finally:
                aclose = getattr(pages, "aclose", None)
                if aclose is not None:
                    await aclose()

        producer = asyncio.get_running_loop().create_task(produce())
        last_state = state
        self.processed.setdefault(object_type, 0)
        try:
            while True:
                item = await queue.get()
                if item is end:
                    break
                if isinstance(item, BaseException):
                    raise item
                page: Page = item
                if page.total is not None:
                    self.totals[object_type] = page.total
                res = await self.mgr.writer.call(writer.write, page, self._counters_after(object_type, page))
                self.processed[object_type] += res.received
                last_state = page.state
                self._published(res)
            if last_state is not None:
                await self.mgr.writer.call(writer.mark_complete, last_state)
        finally:
            producer.cancel()
            await asyncio.gather(producer, return_exceptions=True)

    async def _targeted(self, object_type: str) -> None:
        ids = self.h.ids.get(object_type) or []
        self.log_lines.append(LOG_BY_ID(object_type=object_type, n=len(ids)))
        writer = self._page_writer(object_type, Mode.INCREMENTAL)
        self.processed.setdefault(object_type, 0)
        self.totals[object_type] = len(ids)
        for start in range(0, len(ids), 100):
            records = await self.client.fetch(object_type, ids[start:start + 100])
            page = Page(records, {})
            res = await self.mgr.writer.call(
                functools.partial(writer.write, save_cursor=False), page, self._counters_after(object_type, page))
            self.processed[object_type] += res.received
            self._published(res)

    def _counters_after(self, object_type: str, page: Page) -> JobCounters:
        # The counters the page's transaction writes: as they will be once this page is in.
        before = self.processed[object_type]
        self.processed[object_type] = before + len(page.records) + len(page.rejected)
        try:
            return self.counters()
        finally:
            self.processed[object_type] = before
