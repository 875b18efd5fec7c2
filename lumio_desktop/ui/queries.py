"""Short, paged reads for the UI (no Qt): each function opens one session, reads a bounded amount, returns plain
dataclasses. Controllers run the bigger ones (dashboard) in a worker thread; table models fetch one page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from lumio_desktop.store.models import (
    ENTITY_MODELS,
    Alert,
    Conflict,
    ConflictStatus,
    Connection,
    JobLog,
    JobStatus,
    RecordEdit,
    RecordLink,
    RejectedRecord,
    SyncJob,
)
from lumio_desktop.ui.health import HealthFacts, Verdict, traffic_light

FINISHED = (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.INTERRUPTED)
PROVIDER_NAMES = {"hubspot": "HubSpot", "salesforce": "Salesforce", "shopify": "Shopify"}
ENTITY_PLURAL = {"lead": "leads", "company": "companies", "deal": "deals"}


def provider_name(p: Any) -> str:
    v = getattr(p, "value", p)
    return PROVIDER_NAMES.get(v, str(v))


def connection_title(provider, account: str | None, name: str) -> str:
    """'HubSpot · Acme BR'; just the name when it already says the provider ('HubSpot sandbox')."""
    p = provider_name(provider)
    label = name if name and p.lower() in name.lower() else (account or name)
    if label and p.lower() in label.lower():
        return label
    return f"{p} · {label}"


def effective_schedule(conn: Connection, settings: Any) -> str | None:
    if conn.schedule:
        return conn.schedule
    if settings is None:
        return None
    if getattr(conn.provider, "value", conn.provider) == "salesforce":
        return settings.salesforce_schedule
    return settings.default_schedule


def cron_interval(expr: str | None, now: datetime) -> tuple[timedelta | None, datetime | None]:
    """(typical interval, next fire time) of a five-field cron expression; (None, None) when it cannot be read."""
    if not expr:
        return None, None
    try:
        from apscheduler.triggers.cron import CronTrigger

        trig = CronTrigger.from_crontab(expr, timezone=UTC)
        nxt = trig.get_next_fire_time(None, now)
        after = trig.get_next_fire_time(nxt, nxt) if nxt else None
    except (ValueError, TypeError):
        return None, None
    return ((after - nxt) if nxt and after else None), nxt


@dataclass(slots=True)
class ConnectionSummary:
    id: int
    name: str
    provider: str
    account: str | None
    health: str
    health_reason: str | None
    enabled: bool
    schedule: str | None
    next_run: datetime | None
    running_job: str | None = None
    queued_job: str | None = None
    progress: float | None = None
    processed: int = 0
    total: int = 0
    last_job_id: str | None = None
    last_status: str | None = None
    last_error: str | None = None
    last_success_at: datetime | None = None
    last_run_at: datetime | None = None
    success_rate: float | None = None  # of the records in the recent runs that read any
    recent_runs: int = 0
    failed_runs: int = 0  # of the recent runs: a run that failed before reading a record leaves the rate untouched
    open_conflicts: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    verdict: Verdict | None = None

    @property
    def title(self) -> str:
        return connection_title(self.provider, self.account, self.name)


def connection_summaries(store, settings=None, now: datetime | None = None,
                         next_runs: dict[int, datetime | None] | None = None) -> list[ConnectionSummary]:
    now = now or datetime.now(UTC)
    out: list[ConnectionSummary] = []
    with store.session() as s:
        conns = list(s.scalars(select(Connection).order_by(Connection.id)))
        counts: dict[int, dict[str, int]] = {}
        for cid, entity, n in s.execute(
            select(RecordLink.connection_id, RecordLink.entity, func.count())
            .where(RecordLink.remote_deleted.is_(False))
            .group_by(RecordLink.connection_id, RecordLink.entity)
        ):
            counts.setdefault(cid, {})[entity] = n
        conflicts = dict(s.execute(
            select(Conflict.connection_id, func.count()).where(Conflict.status == ConflictStatus.OPEN)
            .group_by(Conflict.connection_id)
        ).all())
        for c in conns:
            sched = effective_schedule(c, settings)
            interval, nxt = cron_interval(sched, now)
            if next_runs is not None and c.id in next_runs:
                nxt = next_runs[c.id]
            if not c.enabled:
                nxt = None
            summ = ConnectionSummary(
                id=c.id, name=c.name, provider=c.provider.value, account=c.account_label, health=c.health.value,
                health_reason=c.health_reason, enabled=c.enabled, schedule=sched, next_run=nxt,
                counts=counts.get(c.id, {}), open_conflicts=conflicts.get(c.id, 0),
            )
            active = s.execute(
                select(SyncJob.id, SyncJob.status, SyncJob.progress, SyncJob.processed_records, SyncJob.total_records)
                .where(SyncJob.connection_id == c.id, SyncJob.status.in_((JobStatus.RUNNING, JobStatus.QUEUED)))
                .order_by(SyncJob.created_at.desc()).limit(5)
            ).all()
            for jid, st, prog, processed, total in active:
                if st == JobStatus.RUNNING and summ.running_job is None:
                    summ.running_job, summ.progress, summ.processed, summ.total = jid, prog, processed, total
                elif st == JobStatus.QUEUED and summ.queued_job is None:
                    summ.queued_job = jid
            recent = s.execute(
                select(SyncJob.id, SyncJob.status, SyncJob.error_message, SyncJob.ended_at, SyncJob.success_rate,
                       SyncJob.processed_records)
                .where(SyncJob.connection_id == c.id, SyncJob.status.in_(FINISHED))
                .order_by(SyncJob.created_at.desc()).limit(10)
            ).all()
            if recent:
                summ.last_job_id, st, summ.last_error, summ.last_run_at = recent[0][0], recent[0][1], recent[0][2], recent[0][3]
                summ.last_status = st.value
                rates = [r[4] for r in recent if r[4] is not None and (r[5] or 0) > 0]
                summ.success_rate = sum(rates) / len(rates) if rates else None
                summ.recent_runs = len(recent)
                summ.failed_runs = sum(1 for r in recent if r[1] == JobStatus.FAILED)
            summ.last_success_at = s.scalar(
                select(func.max(SyncJob.ended_at))
                .where(SyncJob.connection_id == c.id, SyncJob.status == JobStatus.COMPLETED)
            )
            summ.verdict = traffic_light(facts_of(summ, now))
            out.append(summ)
    return out


def facts_of(summ: ConnectionSummary, now: datetime) -> HealthFacts:
    interval, _ = cron_interval(summ.schedule, now)
    return HealthFacts(
        now=now, health=summ.health, health_reason=summ.health_reason, running=summ.running_job is not None,
        queued=summ.queued_job is not None, progress=summ.progress, last_status=summ.last_status,
        last_error=summ.last_error, last_success_at=summ.last_success_at, schedule_interval=interval,
        success_rate=summ.success_rate, open_conflicts=summ.open_conflicts, enabled=summ.enabled,
    )


@dataclass(slots=True)
class RunPoint:
    job_id: str
    connection_id: int
    ended_at: datetime | None
    created: int
    updated: int
    failed: int
    duration_s: float | None
    success_rate: float | None
    status: str


def chart_runs(store, per_connection: int = 20) -> dict[int, list[RunPoint]]:
    """The last runs of each connection, oldest first (chart x axis)."""
    out: dict[int, list[RunPoint]] = {}
    with store.session() as s:
        ids = list(s.scalars(select(Connection.id)))
        for cid in ids:
            rows = s.execute(
                select(SyncJob.id, SyncJob.ended_at, SyncJob.created_records, SyncJob.updated_records,
                       SyncJob.failed_records, SyncJob.duration_ms, SyncJob.success_rate, SyncJob.status)
                .where(SyncJob.connection_id == cid, SyncJob.status.in_(FINISHED))
                .order_by(SyncJob.created_at.desc()).limit(per_connection)
            ).all()
            out[cid] = [
                RunPoint(r[0], cid, r[1], r[2] or 0, r[3] or 0, r[4] or 0,
                         None if r[5] is None else r[5] / 1000.0, r[6], r[7].value)
                for r in reversed(rows)
            ]
    return out


@dataclass(slots=True)
class ErrorRow:
    at: datetime | None
    connection: str  # "" when the connection was removed
    message: str  # the job's error in the engine's English ("" when none was recorded); the view translates it
    job_id: str | None
    rejected: int = 0  # > 0: a run that completed with rejected records
    reason: str | None = None  # the first rejected record's reason, in the engine's English (tr_text shows it)


def recent_errors(store, limit: int = 50) -> list[ErrorRow]:
    """Failed runs and runs with rejected records, newest first, in words."""
    out: list[ErrorRow] = []
    with store.session() as s:
        names = {c.id: connection_title(c.provider, c.account_label, c.name) for c in s.scalars(select(Connection))}
        rows = s.execute(
            select(SyncJob.id, SyncJob.connection_id, SyncJob.status, SyncJob.error_message, SyncJob.failed_records,
                   SyncJob.ended_at, SyncJob.created_at)
            .where(or_(SyncJob.status == JobStatus.FAILED, SyncJob.failed_records > 0))
            .order_by(SyncJob.created_at.desc()).limit(limit)
        ).all()
        for jid, cid, status, err, failed, ended, created in rows:
            if status == JobStatus.FAILED:
                msg, failed, reason = err or "", 0, None
            else:  # the model words "N records rejected" in the UI language
                reason = s.scalar(select(RejectedRecord.reason).where(RejectedRecord.job_id == jid).limit(1))
                msg = reason or ""
            out.append(ErrorRow(ended or created, names.get(cid, ""), msg, jid, failed or 0, reason))
    return out


# ---- jobs -------------------------------------------------------------------------------------------------------

JOB_FIELDS = (SyncJob.id, SyncJob.connection_id, SyncJob.integration, SyncJob.sync_type, SyncJob.trigger,
              SyncJob.status, SyncJob.progress, SyncJob.created_at, SyncJob.started_at, SyncJob.ended_at,
              SyncJob.duration_ms, SyncJob.processed_records, SyncJob.total_records, SyncJob.created_records,
              SyncJob.updated_records, SyncJob.failed_records, SyncJob.error_message)


@dataclass(slots=True)
class JobRow:
    id: str
    connection_id: int | None
    integration: str
    sync_type: str
    trigger: str
    status: str
    progress: float
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    duration_ms: int | None
    processed: int
    total: int
    created: int
    updated: int
    failed: int
    error: str | None


def _job_row(r) -> JobRow:
    return JobRow(r[0], r[1], r[2], r[3].value, r[4].value, r[5].value, r[6] or 0.0, r[7], r[8], r[9], r[10],
                  r[11] or 0, r[12] or 0, r[13] or 0, r[14] or 0, r[15] or 0, r[16])


def jobs_page(store, after: tuple[datetime, str] | None, limit: int, *, status: str | None = None,
              connection_id: int | None = None) -> list[JobRow]:
    """Newest first, keyset-paged on (created_at, id): page N costs the same as page 1."""
    q = select(*JOB_FIELDS)
    if status:
        q = q.where(SyncJob.status == JobStatus(status))
    if connection_id is not None:
        q = q.where(SyncJob.connection_id == connection_id)
    if after is not None:
        at, jid = after
        q = q.where(or_(SyncJob.created_at < at, and_(SyncJob.created_at == at, SyncJob.id < jid)))
    q = q.order_by(SyncJob.created_at.desc(), SyncJob.id.desc()).limit(limit)
    with store.session() as s:
        return [_job_row(r) for r in s.execute(q)]


def job_row(store, job_id: str) -> JobRow | None:
    with store.session() as s:
        r = s.execute(select(*JOB_FIELDS).where(SyncJob.id == job_id)).first()
        return _job_row(r) if r else None


def job_log(store, job_id: str, limit: int = 2000) -> list[tuple[datetime, str, str]]:
    with store.session() as s:
        return [tuple(r) for r in s.execute(
            select(JobLog.at, JobLog.level, JobLog.message).where(JobLog.job_id == job_id)
            .order_by(JobLog.id).limit(limit))]


def job_rejected(store, job_id: str, limit: int = 1000) -> list[tuple[str, str | None, str, str]]:
    with store.session() as s:
        return [tuple(r) for r in s.execute(
            select(RejectedRecord.object_type, RejectedRecord.external_id, RejectedRecord.reason, RejectedRecord.raw)
            .where(RejectedRecord.job_id == job_id).order_by(RejectedRecord.id).limit(limit))]


def connection_names(store) -> dict[int, str]:
    with store.session() as s:
        return {c.id: connection_title(c.provider, c.account_label, c.name)
                for c in s.scalars(select(Connection).order_by(Connection.id))}


# ---- records ----------------------------------------------------------------------------------------------------

RECORD_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "lead": (("first_name", "First name"), ("last_name", "Last name"), ("email", "Email"),
             ("company_name", "Company"), ("job_title", "Job title"), ("status", "Status"), ("phone", "Phone"),
             ("lead_score", "Score"), ("updated_at", "Updated")),
    "company": (("name", "Name"), ("domain", "Domain"), ("industry", "Industry"), ("city", "City"),
                ("country", "Country"), ("employees", "Employees"), ("phone", "Phone"), ("updated_at", "Updated")),
    "deal": (("name", "Name"), ("amount", "Amount"), ("currency", "Currency"), ("stage", "Stage"),
             ("pipeline", "Pipeline"), ("close_date", "Close date"), ("owner", "Owner"), ("updated_at", "Updated")),
}
SEARCH_FIELDS = {"lead": ("email", "first_name", "last_name", "company_name"), "company": ("name", "domain"),
                 "deal": ("name", "stage")}
EDITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "lead": ("first_name", "last_name", "email", "phone", "company_name", "job_title", "status", "city", "country"),
    "company": ("name", "domain", "phone", "industry", "website", "city", "state", "country"),
    "deal": ("name", "amount", "currency", "stage", "pipeline", "owner"),
}


def records_page(store, entity: str, after_id: int | None, limit: int, search: str = "") -> list[tuple]:
    """(id, dirty, *columns) ordered by id, keyset-paged; `search` is a case-insensitive substring of a few fields."""
    model = ENTITY_MODELS[entity]
    cols = [getattr(model, name) for name, _ in RECORD_COLUMNS[entity]]
    q = select(model.id, model.dirty, *cols).where(model.deleted_at.is_(None), model.merged_into_id.is_(None))
    if search.strip():
        like = f"%{search.strip().lower()}%"
        q = q.where(or_(*[func.lower(getattr(model, f)).like(like) for f in SEARCH_FIELDS[entity]]))
    if after_id is not None:
        q = q.where(model.id > after_id)
    q = q.order_by(model.id).limit(limit)
    with store.session() as s:
        return [tuple(r) for r in s.execute(q)]


def record_count(store, entity: str) -> int:
    model = ENTITY_MODELS[entity]
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None))) or 0


def record_detail(store, entity: str, local_id: int) -> dict[str, Any] | None:
    model = ENTITY_MODELS[entity]
    with store.session() as s:
        obj = s.get(model, local_id)
        if obj is None:
            return None
        return {c.key: getattr(obj, c.key) for c in model.__table__.columns}


def record_links(store, entity: str, local_id: int) -> list[tuple[str, str, str, datetime | None, bool]]:
    with store.session() as s:
        names = {c.id: connection_title(c.provider, c.account_label, c.name) for c in s.scalars(select(Connection))}
        return [(names.get(r[0], "?"), r[1], r[2], r[3], r[4]) for r in s.execute(
            select(RecordLink.connection_id, RecordLink.object_type, RecordLink.external_id, RecordLink.synced_at,
                   RecordLink.remote_deleted)
            .where(RecordLink.entity == entity, RecordLink.local_id == local_id).order_by(RecordLink.id))]


def record_history(store, entity: str, local_id: int, limit: int = 500) -> list[tuple]:
    with store.session() as s:
        return [tuple(r) for r in s.execute(
            select(RecordEdit.at, RecordEdit.field, RecordEdit.old_value, RecordEdit.new_value, RecordEdit.source,
                   RecordEdit.actor)
            .where(RecordEdit.entity == entity, RecordEdit.local_id == local_id)
            .order_by(RecordEdit.at.desc(), RecordEdit.id.desc()).limit(limit))]


# ---- conflicts and alerts ---------------------------------------------------------------------------------------

def open_conflict_count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == ConflictStatus.OPEN)) or 0


def recent_alerts(store, limit: int = 20) -> list[Alert]:
    with store.session() as s:
        return list(s.scalars(select(Alert).order_by(Alert.created_at.desc()).limit(limit)))


def conflict_links(store, conflict_ids: list[int]) -> dict[int, int | None]:
    out: dict[int, int | None] = {}
    with store.session() as s:
        for i in range(0, len(conflict_ids), 500):
            out.update(dict(s.execute(select(Conflict.id, Conflict.link_id)
                                      .where(Conflict.id.in_(conflict_ids[i:i + 500]))).all()))
    return out
