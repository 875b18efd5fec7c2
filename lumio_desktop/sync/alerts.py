"""Alerts: a sync failed, ran slow, or rejected too many records. Stored, announced, optionally mailed and posted.

Public API:
- `AlertService(store, settings, hub, *, vault=None, transport=None)`; `await start()` (listens to the hub's
  sync_started / sync_finished), `await aclose()`.
- `list_alerts(store, *, include_acknowledged=False, limit=100) -> list[dict]`, `acknowledge(store, alert_id)`,
  `acknowledge_all(store)` (also as AlertService methods).
- `set_smtp_password(vault, password)`: the SMTP password lives in the keychain, never in settings.toml.

Rules (thresholds in Settings.alerts):
- `sync_failed`: a job ended `failed` -> an alert (severity error) with the job's reason in words.
- `sync_slow`: a job still running `slow_sync_seconds` after it started (or that ended after running longer) -> a
  warning line in the job's log and an alert.
- `error_rate`: a job whose rejected / processed records exceed `error_rate` -> an alert.
Each kind fires at most once per job. Every alert is published as `alert_raised(alert_id, kind, message)` (the tray
shows a notification) and, when configured, sent by email (Settings.smtp) and to a Slack incoming webhook
(Settings.slack_webhook_url). Delivery runs in its own task after the job has ended, with timeouts: a dead mail
server or a failing Slack endpoint is recorded in `Alert.delivered` and logged, and never touches the job.
A connection that fails every 10 minutes must not send an email every 10 minutes: while an alert of the same kind and
connection is unacknowledged and younger than REPEAT_QUIET_SECONDS, a new one is stored and announced in the app but
not emailed or posted again (`delivered` says so).
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import threading
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
from sqlalchemy import select, update

from lumio_desktop.store.models import Alert, Connection, JobLog, JobStatus, SyncJob
from lumio_desktop.text import QT_TRANSLATE_NOOP, Text

log = logging.getLogger(__name__)

SMTP_KEYCHAIN_USER = "smtp"
SLACK_TIMEOUT = 10.0
REPEAT_QUIET_SECONDS = 3600.0
MAX_TIMER = 86400.0

# What people read: alerts.message, the alert_raised event (tray, status bar) and the slow-sync job log line are
# templates the UI translates (text.py). Mail and Slack get the same sentences in English.
SYNC_FAILED = QT_TRANSLATE_NOOP("engine", "The sync of {connection} failed: {reason}")
NO_REASON = QT_TRANSLATE_NOOP("engine", "no reason was recorded")
A_CONNECTION = QT_TRANSLATE_NOOP("engine", "a connection")  # a job whose connection is gone
# The slow-sync sentences per unit of time (the unit of the threshold, minutes from 120 seconds on). The unit is
# part of each sentence rather than a "{n} minutes" template of its own: a template that starts with a value would
# also match any sentence ending in "minutes" (an untranslated one would pass for translated).
SLOW_RUNNING = {
    "minutes": QT_TRANSLATE_NOOP("engine", "The sync of {connection} has been running for over {n} minutes."
                                           " The provider may be slow or rate-limiting; the job's log shows where"
                                           " the time went."),
    "seconds": QT_TRANSLATE_NOOP("engine", "The sync of {connection} has been running for over {n} seconds."
                                           " The provider may be slow or rate-limiting; the job's log shows where"
                                           " the time went."),
}
SLOW_TOOK = {
    "minutes": QT_TRANSLATE_NOOP("engine", "The sync of {connection} took {n} minutes (over {n_limit} minutes)."
                                           " The provider may be slow or rate-limiting; the job's log shows where"
                                           " the time went."),
    "seconds": QT_TRANSLATE_NOOP("engine", "The sync of {connection} took {n} seconds (over {n_limit} seconds)."
                                           " The provider may be slow or rate-limiting; the job's log shows where"
                                           " the time went."),
}
LOG_SLOW_RUNNING = {"minutes": QT_TRANSLATE_NOOP("engine", "slow sync: has been running for over {n} minutes"),
                    "seconds": QT_TRANSLATE_NOOP("engine", "slow sync: has been running for over {n} seconds")}
LOG_SLOW_TOOK = {"minutes": QT_TRANSLATE_NOOP("engine", "slow sync: took {n} minutes (over {n_limit} minutes)"),
                 "seconds": QT_TRANSLATE_NOOP("engine", "slow sync: took {n} seconds (over {n_limit} seconds)")}
ERROR_RATE = QT_TRANSLATE_NOOP(
    "engine", "The sync of {connection} rejected {n_failed} of {total} records ({pct}, more than {limit}). "
              "The rejected records and their reasons are in the job's details.")
# The kind of an alert in words: the mail subject, and for the UI wherever it names a kind.
KIND_TITLES = {"sync_failed": QT_TRANSLATE_NOOP("engine", "a sync failed"),
               "sync_slow": QT_TRANSLATE_NOOP("engine", "a sync is slow"),
               "error_rate": QT_TRANSLATE_NOOP("engine", "many records rejected")}


def kind_title(kind: str) -> Text | str:
    """An alert kind in words (a Text the UI translates); an unknown kind as it is."""
    t = KIND_TITLES.get(kind)
    return t() if t is not None else kind


def _utcnow() -> datetime:
    return datetime.now(UTC)


# -- the SMTP password in the keychain -----------------------------------------------------------------------------
def smtp_password(vault) -> str | None:
    if vault is None:
        return None
    try:
        return vault.backend.get_password(vault.service, SMTP_KEYCHAIN_USER)
    except Exception as e:  # noqa: BLE001 - no password: the mail is tried without login and the error recorded
        log.warning("cannot read the SMTP password from the keychain: %s", type(e).__name__)
        return None


def set_smtp_password(vault, password: str | None) -> None:
    if password:
        from lumio_desktop.auth.redact import register_secret

        register_secret(password)
        vault.backend.set_password(vault.service, SMTP_KEYCHAIN_USER, password)
    else:
        try:
            vault.backend.delete_password(vault.service, SMTP_KEYCHAIN_USER)
        except Exception:  # noqa: BLE001 - nothing to delete
            pass


# -- store helpers (blocking; call them in a thread from the loop) ---------------------------------------------
def alert_dict(a: Alert, names: dict[int, str] | None = None) -> dict[str, Any]:
    return {
        "id": a.id, "kind": a.kind, "severity": a.severity, "connection_id": a.connection_id,
        "connection": (names or {}).get(a.connection_id) if a.connection_id else None, "job_id": a.job_id,
        "message": a.message, "created_at": a.created_at.isoformat() if a.created_at else None,
        "acknowledged_at": a.acknowledged_at.isoformat() if a.acknowledged_at else None,
        "delivered": a.delivered or {},
    }


def list_alerts(store, *, include_acknowledged: bool = False, limit: int = 100) -> list[dict[str, Any]]:
    """Newest first."""
    with store.session() as s:
        q = select(Alert).order_by(Alert.created_at.desc(), Alert.id.desc()).limit(limit)
        if not include_acknowledged:
            q = q.where(Alert.acknowledged_at.is_(None))
        rows = list(s.scalars(q))
        names = dict(s.execute(select(Connection.id, Connection.name)).all())
        return [alert_dict(a, names) for a in rows]


def acknowledge(store, alert_id: int, *, now: datetime | None = None) -> bool:
    """True when the alert exists (acknowledging twice is fine and keeps the first time)."""
    with store.session() as s, s.begin():
        a = s.get(Alert, int(alert_id))
        if a is None:
            return False
        if a.acknowledged_at is None:
            a.acknowledged_at = now or _utcnow()
        return True


def acknowledge_all(store, *, now: datetime | None = None) -> int:
    with store.session() as s, s.begin():
        r = s.execute(update(Alert).where(Alert.acknowledged_at.is_(None)).values(acknowledged_at=now or _utcnow()))
        return r.rowcount or 0


def unacknowledged_count(store) -> int:
    from sqlalchemy import func

    with store.session() as s:
        return s.scalar(select(func.count(Alert.id)).where(Alert.acknowledged_at.is_(None))) or 0


# -- delivery --------------------------------------------------------------------------------------------------------
def send_email(smtp_settings, password: str | None, subject: str, body: str) -> None:
    """Blocking; raises on any failure (the caller records it)."""
    sender = smtp_settings.sender or smtp_settings.username
    if not sender:
        raise ValueError("set smtp.sender (or smtp.username) to send alert emails")
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = ", ".join(smtp_settings.to)
    msg.set_content(body)
    cls = smtplib.SMTP_SSL if smtp_settings.ssl else smtplib.SMTP
    with cls(smtp_settings.host, smtp_settings.port, timeout=smtp_settings.timeout) as client:
        if smtp_settings.starttls and not smtp_settings.ssl:
            client.starttls()
        if smtp_settings.username and password:
            client.login(smtp_settings.username, password)
        client.send_message(msg)


def _describe(e: BaseException) -> str:
    text = str(e) or type(e).__name__
    return f"{type(e).__name__}: {text}"[:300]


class AlertService:
    def __init__(self, store, settings, hub, *, vault=None, transport: httpx.AsyncBaseTransport | None = None):
        self.store = store
        self.settings = settings
        self.hub = hub
        self.vault = vault
        self.transport = transport
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._unsubs: list = []
        self._slow_timers: dict[str, asyncio.TimerHandle] = {}
        self._fired: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._tasks: set[asyncio.Task] = set()

    # -- life cycle ------------------------------------------------------------------------------------------------
    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._unsubs = [
            self.hub.subscribe("sync_started", self._on_started),
            self.hub.subscribe("sync_finished", self._on_finished),
        ]
        # Jobs already running when we start (e.g. resumed at start-up) get their slow timer too.
        for job_id, started in await asyncio.to_thread(self._running_jobs):
            self._arm_slow(job_id, started)

    async def aclose(self) -> None:
        for u in self._unsubs:
            u()
        self._unsubs = []
        for h in self._slow_timers.values():
            h.cancel()
        self._slow_timers.clear()
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def drain(self) -> None:
        """Wait until every alert being written or delivered is done (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # -- the API the UI uses -------------------------------------------------------------------------------------
    def list(self, *, include_acknowledged: bool = False, limit: int = 100) -> list[dict[str, Any]]:
        return list_alerts(self.store, include_acknowledged=include_acknowledged, limit=limit)

    def acknowledge(self, alert_id: int) -> bool:
        return acknowledge(self.store, alert_id)

    def acknowledge_all(self) -> int:
        return acknowledge_all(self.store)

    # -- hub handlers (quick: the real work happens in tasks on the loop) -----------------------------------------
    def _post(self, fn, *args) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if threading.get_ident() == self._loop_thread:
            fn(*args)
        else:
            loop.call_soon_threadsafe(fn, *args)

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _on_started(self, job_id: str, connection_id: int) -> None:
        self._post(self._arm_slow, job_id, None)

    def _on_finished(self, job_id: str, connection_id: int, status: str) -> None:
        self._post(self._finished, job_id, connection_id, str(status))

    def _arm_slow(self, job_id: str, started: datetime | None) -> None:
        limit = self.settings.alerts.slow_sync_seconds
        elapsed = (_utcnow() - started).total_seconds() if started else 0.0
        old = self._slow_timers.pop(job_id, None)
        if old:
            old.cancel()
        # At most a day per timer: qasync's timers overflow past ~24.8 days (compat.py); the check re-arms.
        self._slow_timers[job_id] = self._loop.call_later(
            min(max(0.0, limit - elapsed), MAX_TIMER), lambda: self._spawn(self._check_slow_running(job_id)))

    def _finished(self, job_id: str, connection_id: int, status: str) -> None:
        h = self._slow_timers.pop(job_id, None)
        if h:
            h.cancel()
        if status in (JobStatus.SKIPPED, JobStatus.CANCELLED, JobStatus.INTERRUPTED):
            return
        self._spawn(self._check_finished(job_id))

    # -- rules -------------------------------------------------------------------------------------------------------
    def _running_jobs(self) -> list[tuple[str, datetime | None]]:
        with self.store.session() as s:
            return [(j.id, j.started_at) for j in s.scalars(select(SyncJob).where(SyncJob.status == JobStatus.RUNNING))]

    def _job(self, job_id: str) -> tuple[SyncJob | None, str | None]:
        with self.store.session() as s:
            j = s.get(SyncJob, job_id)
            name = s.get(Connection, j.connection_id).name if j is not None and j.connection_id else None
            return j, name

    async def _check_slow_running(self, job_id: str) -> None:
        self._slow_timers.pop(job_id, None)
        job, name = await asyncio.to_thread(self._job, job_id)
        if job is None or job.status != JobStatus.RUNNING:
            return
        started = job.started_at or job.created_at
        if started is not None and (_utcnow() - started).total_seconds() < self.settings.alerts.slow_sync_seconds:
            self._arm_slow(job_id, started)  # a threshold longer than one timer: wait on
            return
        await self._slow(job, name)

    async def _slow(self, job: SyncJob, name: str | None) -> None:
        limit = self.settings.alerts.slow_sync_seconds
        unit = _unit(limit)
        connection = name or A_CONNECTION()
        if job.status != JobStatus.RUNNING and job.duration_ms is not None:
            took = _in(unit, job.duration_ms / 1000)
            message = SLOW_TOOK[unit](connection=connection, n=took, n_limit=_in(unit, limit))
            line = LOG_SLOW_TOOK[unit](n=took, n_limit=_in(unit, limit))
        else:
            message = SLOW_RUNNING[unit](connection=connection, n=_in(unit, limit))
            line = LOG_SLOW_RUNNING[unit](n=_in(unit, limit))
        await self.raise_alert("sync_slow", job, name, "warning", message, job_log=line)

    async def _check_finished(self, job_id: str) -> None:
        job, name = await asyncio.to_thread(self._job, job_id)
        if job is None:
            return
        a = self.settings.alerts
        if job.status == JobStatus.FAILED:
            # The job's reason is a sentence of its own (a template when the engine wrote it): the UI translates it
            # inside this one.
            reason = job.error_message or NO_REASON()
            await self.raise_alert("sync_failed", job, name, "error",
                                   SYNC_FAILED(connection=name or A_CONNECTION(), reason=reason))
        if job.duration_ms is not None and job.duration_ms / 1000 > a.slow_sync_seconds:
            await self._slow(job, name)
        processed, failed = job.processed_records or 0, job.failed_records or 0
        if processed and failed / processed > a.error_rate:
            await self.raise_alert(
                "error_rate", job, name, "warning",
                ERROR_RATE(connection=name or A_CONNECTION(), n_failed=failed, total=processed,
                           pct=f"{failed / processed:.0%}", limit=f"{a.error_rate:.0%}"),
            )

    # -- raising and delivering ----------------------------------------------------------------------------------
    async def raise_alert(self, kind: str, job: SyncJob | None, name: str | None, severity: str, message: str, *,
                          job_log: str | None = None, connection_id: int | None = None) -> int | None:
        """Store and announce one alert; None when this kind already fired for this job."""
        job_id = job.id if job is not None else None
        key = (job_id or f"conn-{connection_id}", kind)
        with self._lock:
            if job_id is not None and key in self._fired:
                return None
            self._fired.add(key)
        cid = job.connection_id if job is not None else connection_id
        stored = await asyncio.to_thread(self._store_alert, kind, severity, cid, job_id, message, job_log)
        if stored is None:
            return None
        alert_id, quiet_since = stored
        self.hub.publish("alert_raised", alert_id, kind, message)
        if quiet_since is not None:
            await asyncio.to_thread(self._store_delivery, alert_id, {
                ch: f"not sent again: alert #{quiet_since} about the same problem is not acknowledged yet"
                for ch in self._channels()})
        else:
            self._spawn(self._deliver(alert_id, kind, name, message))
        return alert_id

    def _channels(self) -> list[str]:
        out = []
        if self.settings.smtp.host and self.settings.smtp.to:
            out.append("email")
        if self.settings.slack_webhook_url:
            out.append("slack")
        return out

    def _store_alert(self, kind, severity, cid, job_id, message, job_log) -> tuple[int, int | None] | None:
        """(alert id, id of an unacknowledged recent alert of the same kind and connection, if any)."""
        now = _utcnow()
        with self.store.session() as s, s.begin():
            if job_id is not None and s.scalar(select(Alert.id).where(Alert.job_id == job_id, Alert.kind == kind)):
                return None  # another process (or an earlier run of this one) already raised it
            quiet_since = None
            if cid is not None:
                quiet_since = s.scalar(select(Alert.id).where(
                    Alert.kind == kind, Alert.connection_id == cid, Alert.acknowledged_at.is_(None),
                    Alert.created_at >= now - timedelta(seconds=REPEAT_QUIET_SECONDS),
                ).order_by(Alert.id).limit(1))
            a = Alert(kind=kind, severity=severity, connection_id=cid, job_id=job_id, message=message, created_at=now)
            s.add(a)
            if job_log and job_id is not None and s.get(SyncJob, job_id) is not None:
                s.add(JobLog(job_id=job_id, at=now, level="warning", message=job_log))
            s.flush()
            return a.id, quiet_since

    async def _deliver(self, alert_id: int, kind: str, name: str | None, message: str) -> None:
        results: dict[str, str] = {}
        subject = f"Lumio: {kind_title(kind)}" + (f" ({name})" if name else "")
        senders = {"email": lambda: self._send_email(subject, message),
                   "slack": lambda: self._send_slack(f"*{subject}*\n{message}")}
        jobs = [(ch, senders[ch]()) for ch in self._channels()]
        for channel, coro in jobs:
            try:
                await coro
                results[channel] = "ok"
            except Exception as e:  # noqa: BLE001 - a failed channel is recorded, never raised into a sync
                results[channel] = _describe(e)
                log.warning("alert %s: %s delivery failed: %s", alert_id, channel, results[channel])
        if results:
            try:
                await asyncio.to_thread(self._store_delivery, alert_id, results)
            except Exception:  # noqa: BLE001
                log.exception("could not record the delivery of alert %s", alert_id)

    async def _send_email(self, subject: str, body: str) -> None:
        password = await asyncio.to_thread(smtp_password, self.vault)
        await asyncio.wait_for(asyncio.to_thread(send_email, self.settings.smtp, password, subject, body),
                               timeout=self.settings.smtp.timeout * 3)

    async def _send_slack(self, text: str) -> None:
        async with httpx.AsyncClient(transport=self.transport, timeout=SLACK_TIMEOUT) as client:
            r = await client.post(self.settings.slack_webhook_url, json={"text": text})
        if r.status_code >= 300:
            raise RuntimeError(f"Slack answered {r.status_code}: {r.text[:100]}")

    def _store_delivery(self, alert_id: int, results: dict[str, str]) -> None:
        with self.store.session() as s, s.begin():
            a = s.get(Alert, alert_id)
            if a is not None:
                a.delivered = {**(a.delivered or {}), **results}


def _unit(seconds: float) -> str:
    return "minutes" if seconds >= 120 else "seconds"


def _in(unit: str, seconds: float) -> int | str:
    """A duration as a number of `unit`: whole (the UI groups its digits); under 10 seconds (tests) one decimal."""
    if unit == "minutes":
        return round(seconds / 60)
    return round(seconds) if seconds >= 10 else f"{seconds:.1f}"
