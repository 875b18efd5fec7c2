"""The store's tables. Local records (leads, companies, deals) know nothing of providers; RecordLink ties them to
provider records and keeps the last-synced snapshot that three-way merges are made against."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from lumio_desktop.store.types import JSONText, UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _enum(cls: type[enum.Enum]) -> Enum:
    # Store the values (readable in SQL, stable across renames of the Python names), as plain strings.
    return Enum(cls, values_callable=lambda c: [m.value for m in c], native_enum=False, length=32,
                validate_strings=True)


class Provider(enum.StrEnum):
    HUBSPOT = "hubspot"
    SALESFORCE = "salesforce"
    SHOPIFY = "shopify"


class ConnectionHealth(enum.StrEnum):
    """Drives the traffic light: config error (reconnect) = red, transient = amber, healthy = green."""

    UNKNOWN = "unknown"
    HEALTHY = "healthy"
    TRANSIENT = "transient"
    CONFIG_ERROR = "config_error"


class Strategy(enum.StrEnum):
    PROVIDER = "provider"
    LUMIO = "lumio"
    LAST_MODIFIED = "last_modified"
    MANUAL = "manual"


class Direction(enum.StrEnum):
    PULL = "pull"
    BOTH = "both"


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"
    SKIPPED = "skipped"


class SyncType(enum.StrEnum):
    INITIAL = "initial"
    INCREMENTAL = "incremental"
    MANUAL = "manual"
    WEBHOOK = "webhook"
    PUSH = "push"


class Trigger(enum.StrEnum):
    USER = "user"
    SCHEDULE = "schedule"
    WEBHOOK = "webhook"
    CLI = "cli"
    STARTUP = "startup"


class Connection(Base):
    __tablename__ = "connections"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    provider: Mapped[Provider] = mapped_column(_enum(Provider))
    base_url: Mapped[str] = mapped_column(String(500))
    shop: Mapped[str | None] = mapped_column(String(255))
    auth_kind: Mapped[str] = mapped_column(String(20), default="static")  # static | oauth
    account_label: Mapped[str | None] = mapped_column(String(255))
    objects: Mapped[list[str] | None] = mapped_column(JSONText)  # None = every object the provider has
    schedule: Mapped[str | None] = mapped_column(String(100))  # cron; None = the settings' default
    strategy: Mapped[Strategy] = mapped_column(_enum(Strategy), default=Strategy.MANUAL)
    field_strategies: Mapped[dict[str, str] | None] = mapped_column(JSONText)
    direction: Mapped[Direction] = mapped_column(_enum(Direction), default=Direction.PULL)
    health: Mapped[ConnectionHealth] = mapped_column(_enum(ConnectionHealth), default=ConnectionHealth.UNKNOWN)
    health_reason: Mapped[str | None] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    settings: Mapped[dict[str, Any] | None] = mapped_column(JSONText)  # never secrets: those live in the keyring
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class _LocalRecord:
    """Columns every local record has."""

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by a person's edit in Lumio; cleared when the edit has been pushed or settled.
    local_modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    local_modified_by: Mapped[str | None] = mapped_column(String(200))
    dirty: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # archived/deleted everywhere it came from
    stale: Mapped[bool] = mapped_column(Boolean, default=False)  # not seen by the last full sync
    merged_into_id: Mapped[int | None] = mapped_column(Integer)  # set on the loser of a dedupe merge


class Company(_LocalRecord, Base):
    __tablename__ = "companies"

    name: Mapped[str | None] = mapped_column(String(500), index=True)
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    phone: Mapped[str | None] = mapped_column(String(100))
    industry: Mapped[str | None] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(200))
    employees: Mapped[int | None] = mapped_column(Integer)
    annual_revenue: Mapped[float | None] = mapped_column(Float)
    owner: Mapped[str | None] = mapped_column(String(200))


class Lead(_LocalRecord, Base):
    __tablename__ = "leads"

    email: Mapped[str | None] = mapped_column(String(320), index=True)
    first_name: Mapped[str | None] = mapped_column(String(200))
    last_name: Mapped[str | None] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(100))
    company_name: Mapped[str | None] = mapped_column(String(500))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"))
    job_title: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(200))
    tags: Mapped[list[str] | None] = mapped_column(JSONText)
    lead_score: Mapped[int | None] = mapped_column(Integer)
    owner: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(200))
    accepts_marketing: Mapped[bool | None] = mapped_column(Boolean)
    total_spent: Mapped[float | None] = mapped_column(Float)
    orders_count: Mapped[int | None] = mapped_column(Integer)


class Deal(_LocalRecord, Base):
    __tablename__ = "deals"

    name: Mapped[str | None] = mapped_column(String(500))
    amount: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    stage: Mapped[str | None] = mapped_column(String(200))
    pipeline: Mapped[str | None] = mapped_column(String(200))
    close_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    probability: Mapped[float | None] = mapped_column(Float)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"))
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="SET NULL"))
    owner: Mapped[str | None] = mapped_column(String(200))


ENTITY_MODELS: dict[str, type[_LocalRecord]] = {"lead": Lead, "company": Company, "deal": Deal}


class RecordLink(Base):
    """provider record <-> local record, with the last-synced snapshot of the mapped fields.

    Unique per connection (not per provider): two HubSpot accounts may both have a contact 512.
    """

    __tablename__ = "record_links"
    __table_args__ = (
        UniqueConstraint("connection_id", "object_type", "external_id", name="uq_record_links_remote"),
        Index("ix_record_links_local", "entity", "local_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    provider: Mapped[Provider] = mapped_column(_enum(Provider))
    object_type: Mapped[str] = mapped_column(String(100))  # the provider's name: contacts, Lead, customers...
    external_id: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(20))  # lead | company | deal
    local_id: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSONText)  # mapped fields as last agreed by both sides
    remote_modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    remote_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seen_job_id: Mapped[str | None] = mapped_column(String(36))
    # Provider ids this record points to: {local column: [provider object type, external id]} (sync/pipeline.py).
    refs: Mapped[dict[str, Any] | None] = mapped_column(JSONText)


class SyncJob(Base):
    """One run, with every SyncMetrics field. A row exists before the run starts (queued)."""

    __tablename__ = "sync_jobs"
    __table_args__ = (Index("ix_sync_jobs_connection_created", "connection_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # uuid4 hex with dashes
    connection_id: Mapped[int | None] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    integration: Mapped[str] = mapped_column(String(50))  # the provider
    sync_type: Mapped[SyncType] = mapped_column(_enum(SyncType))
    trigger: Mapped[Trigger] = mapped_column(_enum(Trigger))
    status: Mapped[JobStatus] = mapped_column(_enum(JobStatus), default=JobStatus.QUEUED, index=True)
    objects: Mapped[list[str] | None] = mapped_column(JSONText)
    progress: Mapped[float] = mapped_column(Float, default=0.0)  # 0..1
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    total_records: Mapped[int] = mapped_column(Integer, default=0)
    processed_records: Mapped[int] = mapped_column(Integer, default=0)
    created_records: Mapped[int] = mapped_column(Integer, default=0)
    updated_records: Mapped[int] = mapped_column(Integer, default=0)
    failed_records: Mapped[int] = mapped_column(Integer, default=0)
    success_rate: Mapped[float | None] = mapped_column(Float)
    errors: Mapped[list[str] | None] = mapped_column(JSONText)
    error_message: Mapped[str | None] = mapped_column(Text)  # the reason in words, for the traffic light
    api_calls: Mapped[int] = mapped_column(Integer, default=0)
    cache_hits: Mapped[int] = mapped_column(Integer, default=0)
    cache_misses: Mapped[int] = mapped_column(Integer, default=0)
    cache_hit_rate: Mapped[float | None] = mapped_column(Float)
    resumed_from: Mapped[str | None] = mapped_column(String(36))


class JobLog(Base):
    __tablename__ = "job_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("sync_jobs.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    level: Mapped[str] = mapped_column(String(10), default="info")
    message: Mapped[str] = mapped_column(Text)


class RejectedRecord(Base):
    __tablename__ = "rejected_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str | None] = mapped_column(ForeignKey("sync_jobs.id", ondelete="SET NULL"), index=True)
    connection_id: Mapped[int | None] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    object_type: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str | None] = mapped_column(String(100))
    direction: Mapped[str] = mapped_column(String(10), default="pull")  # pull | push
    raw: Mapped[str] = mapped_column(Text)  # the payload as received, untouched
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncCursor(Base):
    """Where a connection's object stream stands. Written in the same transaction as the page it follows."""

    __tablename__ = "sync_cursors"

    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"), primary_key=True)
    object_type: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict[str, Any] | None] = mapped_column(JSONText)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ConflictStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"  # by a person
    AUTO = "auto"  # settled by the connection's strategy; kept for audit and undo
    UNDONE = "undone"


class Conflict(Base):
    """The same field changed on both sides. Both values, the base and who/when, are kept whatever wins."""

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int | None] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    link_id: Mapped[int | None] = mapped_column(ForeignKey("record_links.id", ondelete="SET NULL"))
    job_id: Mapped[str | None] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(20))
    local_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(100))
    base_value: Mapped[Any | None] = mapped_column(JSONText)
    lumio_value: Mapped[Any | None] = mapped_column(JSONText)
    provider_value: Mapped[Any | None] = mapped_column(JSONText)
    lumio_modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lumio_modified_by: Mapped[str | None] = mapped_column(String(200))
    provider_modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    strategy: Mapped[Strategy] = mapped_column(_enum(Strategy))
    status: Mapped[ConflictStatus] = mapped_column(_enum(ConflictStatus), default=ConflictStatus.OPEN)
    winner: Mapped[str | None] = mapped_column(String(20))  # lumio | provider | custom
    resolved_value: Mapped[Any | None] = mapped_column(JSONText)
    previous_value: Mapped[Any | None] = mapped_column(JSONText)  # the local value before the resolution, for undo
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(200))


class Alert(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(50))  # sync_failed | sync_slow | error_rate | ...
    severity: Mapped[str] = mapped_column(String(10), default="warning")  # info | warning | error
    connection_id: Mapped[int | None] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    job_id: Mapped[str | None] = mapped_column(String(36))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered: Mapped[dict[str, Any] | None] = mapped_column(JSONText)  # channel -> ok / error text


class RecordEdit(Base):
    """History of a local record: who changed which field from what to what, and how (edit, sync, merge...)."""

    __tablename__ = "record_edits"
    __table_args__ = (Index("ix_record_edits_record", "entity", "local_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    local_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(100))
    old_value: Mapped[Any | None] = mapped_column(JSONText)
    new_value: Mapped[Any | None] = mapped_column(JSONText)
    source: Mapped[str] = mapped_column(String(50))  # edit | sync:<connection> | conflict | merge | undo
    actor: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
