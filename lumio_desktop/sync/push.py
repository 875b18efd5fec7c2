"""Pushing Lumio's changes to a provider: collect, map in reverse, write, settle the links.

What is pushed, per record link of a `direction = both` connection whose local record is dirty:
  * each pushable field whose local value differs from the link's snapshot (changed only in Lumio, or a conflict
    Lumio won), except fields with an open conflict (Lumio keeps its value until a person decides);
  * for a field with an open conflict whose snapshot differs from the conflict's provider value, that provider value
    (an undone "keep Lumio" puts the provider's own value back).
After a successful write the link's snapshot takes the values written and `remote_modified_at` the provider's new
modification time, so reading our own value back on the next pull is not a change (no ping-pong). A record the
provider refused becomes a RejectedRecord (direction `push`) with the provider's own message; its snapshot is left
alone, so it is tried again on the next push. A record stops being dirty once no `both` link has anything left to
push.

Database work runs through `db` (the engine's writer thread); HTTP runs on the loop. Salesforce creates go by
upsert on the external id `Lumio_ID__c` and updates by Id (which stamps `Lumio_ID__c`), 200 a call in sObject
collections; HubSpot batch update/upsert, 100 a call; Shopify customer update. The clients own those wire details.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from lumio_desktop.store.models import (
    ENTITY_MODELS,
    Conflict,
    ConflictStatus,
    Connection,
    Direction,
    RecordLink,
    RejectedRecord,
)
from lumio_desktop.store.types import utcnow
from lumio_desktop.sync.mapping import get_map
from lumio_desktop.sync.merge import canon, to_json
from lumio_desktop.sync.providers.base import PushChange, PushResult
from lumio_desktop.text import QT_TRANSLATE_NOOP, Text, parse

SF_EXTERNAL_ID = "Lumio_ID__c"

# What a push says to people (the job's log lines, a refused record's reason): see lumio_desktop/text.py.
GONE = QT_TRANSLATE_NOOP("engine", "the connection no longer exists")
PULL_ONLY = QT_TRANSLATE_NOOP("engine", "{connection} is pull-only: Lumio's edits stay in Lumio")
NOTHING = QT_TRANSLATE_NOOP("engine", "nothing to push")
REFUSED = QT_TRANSLATE_NOOP("engine", "the provider refused the write")
REFUSED_SAID = QT_TRANSLATE_NOOP("engine", "the provider refused the write: {said}")
RECORD_REFUSED = QT_TRANSLATE_NOOP("engine", "push refused for {object_type} record {external_id}: {error}")

# Never pushed: computed in Lumio (lead_score), derived from another field (domain from website), provider-owned
# ids (owners), or read-only in the provider (Shopify's order totals and account state; its address lives in a
# separate resource). The docs table in docs/conflicts-and-dedupe.md lists them.
NOT_PUSHED_ANY = frozenset({"lead_score", "owner", "domain"})
NOT_PUSHED: dict[tuple[str, str], frozenset[str]] = {
    ("hubspot", "contacts"): frozenset({"tags", "source"}),  # hs_lead_status is an enumeration; analytics source is read-only
    ("shopify", "customers"): frozenset({"orders_count", "total_spent", "status", "accepts_marketing", "company_name",
                                         "city", "country"}),
}

# Lumio's lead statuses (HubSpot lifecycle stages, lower-cased, and common words) in Salesforce's Lead Status picklist.
SF_LEAD_STATUS = {
    "new": "Open - Not Contacted", "open": "Open - Not Contacted", "subscriber": "Open - Not Contacted",
    "lead": "Open - Not Contacted", "working": "Working - Contacted", "contacted": "Working - Contacted",
    "marketingqualifiedlead": "Working - Contacted", "salesqualifiedlead": "Working - Contacted",
    "qualified": "Working - Contacted", "opportunity": "Working - Contacted", "customer": "Closed - Converted",
    "converted": "Closed - Converted", "evangelist": "Closed - Converted", "unqualified": "Closed - Not Converted",
    "disqualified": "Closed - Not Converted", "lost": "Closed - Not Converted", "other": "Closed - Not Converted",
}


# Salesforce's Lead Status words as HubSpot lifecycle stages (a lead linked to both keeps one meaning).
HUBSPOT_LIFECYCLE = {
    "open - not contacted": "lead", "working - contacted": "salesqualifiedlead",
    "closed - converted": "customer", "closed - not converted": "other", "qualified": "salesqualifiedlead",
    "new": "lead", "unqualified": "other", "disqualified": "other", "converted": "customer",
}


def hubspot_lifecycle(v: Any) -> Any:
    """Lumio's status as a HubSpot lifecycle stage (lower-case internal names); HubSpot's own pass unchanged."""
    if not isinstance(v, str):
        return v
    key = v.strip().lower()
    return HUBSPOT_LIFECYCLE.get(key, key)


def sf_lead_status(v: Any) -> Any:
    """Lumio's status in Salesforce's words; Salesforce's own values (and unknown ones) pass unchanged."""
    if not isinstance(v, str):
        return v
    return SF_LEAD_STATUS.get(v.strip().lower().replace(" ", "").replace("-", "").replace("_", ""), v)


def equivalence(provider: str, object_type: str) -> dict[str, Callable[[Any], Any]]:
    """Per field, how to compare a Lumio value with the provider's (merge_record's `equivalence`)."""
    if (provider, object_type) == ("salesforce", "Lead"):
        return {"status": sf_lead_status}
    if (provider, object_type) == ("hubspot", "contacts"):
        return {"status": hubspot_lifecycle}
    return {}


def _provider_value(provider: str, object_type: str, name: str, v: Any) -> Any:
    if provider == "salesforce" and object_type == "Lead" and name == "status":
        return sf_lead_status(v)
    if provider == "hubspot" and object_type == "contacts" and name == "status":
        return hubspot_lifecycle(v)
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    if isinstance(v, datetime):
        if provider == "salesforce":
            return v.date().isoformat()  # CloseDate is a date field
        if provider == "hubspot":
            return str(int(v.timestamp() * 1000))  # HubSpot date properties are epoch ms
        return v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def pushable_fields(provider: str, object_type: str) -> dict[str, str]:
    """local field -> provider field, for the fields Lumio can write back."""
    skip = NOT_PUSHED_ANY | NOT_PUSHED.get((provider, object_type), frozenset())
    out: dict[str, str] = {}
    for rule in get_map(provider, object_type).rules:
        if rule.target in skip or "|" in rule.source:
            continue
        path = rule.source.split(".")
        if len(path) == 2 and path[0] == "properties":
            out[rule.target] = path[1]  # HubSpot: the client wraps properties itself
        elif len(path) == 1:
            out[rule.target] = path[0]
    return out


def to_provider(provider: str, object_type: str, local: dict[str, Any]) -> dict[str, Any]:
    """Local field values -> provider field values (reverse of the field map); fields it cannot write are dropped."""
    fields = pushable_fields(provider, object_type)
    return {fields[k]: _provider_value(provider, object_type, k, v) for k, v in local.items() if k in fields}


@dataclass(slots=True)
class Pending:
    link_id: int
    object_type: str
    external_id: str
    entity: str
    local_id: int
    values: dict[str, Any]  # local field -> the value the provider must hold afterwards


@dataclass(slots=True)
class PushReport:
    connection_id: int
    pushed: int = 0  # records written
    fields: int = 0  # field values written
    rejected: int = 0
    restored: int = 0  # provider values put back for undone resolutions
    skipped: Text | None = None  # why nothing was attempted
    errors: list[Text] = field(default_factory=list)  # a line for the job log per refused record


def _same(provider: str, object_type: str, name: str, a: Any, b: Any) -> bool:
    norm = equivalence(provider, object_type).get(name)
    if norm is not None:
        a, b = norm(a), norm(b)
    return canon(a) == canon(b)


def collect(store, connection_id: int) -> tuple[Connection | None, list[Pending], int]:
    """What the connection's provider must be told. Returns (connection, pending, restores)."""
    with store.session() as s:
        conn = s.get(Connection, connection_id)
        if conn is None:
            return None, [], 0
        s.expunge(conn)
        pending: list[Pending] = []
        restores = 0
        provider = conn.provider.value
        for entity, model in ENTITY_MODELS.items():
            rows = s.execute(
                select(RecordLink, model).join(model, model.id == RecordLink.local_id)
                .where(RecordLink.connection_id == connection_id, RecordLink.entity == entity,
                       RecordLink.remote_deleted.is_(False), model.dirty.is_(True),
                       model.merged_into_id.is_(None), model.deleted_at.is_(None))).all()
            if not rows:
                continue
            open_: dict[int, dict[str, Any]] = {}
            for c in s.scalars(select(Conflict).where(Conflict.connection_id == connection_id,
                                                      Conflict.status == ConflictStatus.OPEN,
                                                      Conflict.entity == entity)):
                open_.setdefault(c.link_id, {})[c.field] = c.provider_value
            for link, rec in rows:
                try:
                    fields = pushable_fields(provider, link.object_type)
                except KeyError:
                    continue
                snap = link.snapshot or {}
                values: dict[str, Any] = {}
                for name in fields:
                    if name not in snap:
                        continue  # never pulled: no agreed value to compare against
                    conflicted = open_.get(link.id, {})
                    if name in conflicted:
                        if not _same(provider, link.object_type, name, snap[name], conflicted[name]):
                            values[name] = conflicted[name]
                            restores += 1
                        continue
                    local = getattr(rec, name)
                    if not _same(provider, link.object_type, name, local, snap[name]):
                        values[name] = local
                if values:
                    pending.append(Pending(link.id, link.object_type, link.external_id, entity, rec.id, values))
        return conn, pending, restores


def refusal(error: str | None) -> Text:
    """A refused write's reason in words: the client's own sentence, or the provider's words wrapped in ours."""
    if not error:
        return REFUSED()
    worded = parse(str(error))
    return worded if isinstance(worded, Text) else REFUSED_SAID(said=str(error))


def _settle(store, connection_id: int, job_id: str | None, done: list[tuple[Pending, PushChange, PushResult]]) -> None:
    """One transaction: snapshots of what was written, rejected rows, dirty flags."""
    now = utcnow()
    with store.session.begin() as s:
        touched: set[tuple[str, int]] = set()
        for p, change, result in done:
            touched.add((p.entity, p.local_id))
            link = s.get(RecordLink, p.link_id)
            if result.ok and link is not None:
                link.snapshot = {**(link.snapshot or {}), **{k: to_json(v) for k, v in p.values.items()}}
                link.remote_modified_at = result.modified_at or link.remote_modified_at
                link.synced_at = now
            elif not result.ok:
                s.add(RejectedRecord(job_id=job_id, connection_id=connection_id, object_type=p.object_type,
                                     external_id=p.external_id, direction="push",
                                     raw=json.dumps({"local_id": p.local_id, "fields": change.fields},
                                                    ensure_ascii=False, default=str),
                                     reason=refusal(result.error), at=now))
        s.flush()
        by_entity: dict[str, list[int]] = {}
        for entity, local_id in touched:
            by_entity.setdefault(entity, []).append(local_id)
        for entity, ids in by_entity.items():
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                pending = _still_pending(s, entity, chunk)
                model = ENTITY_MODELS[entity]
                for rec in s.scalars(select(model).where(model.id.in_(chunk))):
                    if rec.id not in pending:
                        rec.dirty = False


def _still_pending(s, entity: str, local_ids: list[int]) -> set[int]:
    """Of these records, those with a `both` link that still differs from them (or needs a provider value back)."""
    model = ENTITY_MODELS[entity]
    recs = {r.id: r for r in s.scalars(select(model).where(model.id.in_(local_ids)))}
    rows = s.execute(select(RecordLink, Connection).join(Connection, Connection.id == RecordLink.connection_id)
                     .where(RecordLink.entity == entity, RecordLink.local_id.in_(local_ids),
                            RecordLink.remote_deleted.is_(False), Connection.direction == Direction.BOTH)).all()
    open_: dict[int, dict[str, Any]] = {}
    if rows:
        for c in s.scalars(select(Conflict).where(Conflict.link_id.in_([lk.id for lk, _ in rows]),
                                                  Conflict.status == ConflictStatus.OPEN)):
            open_.setdefault(c.link_id, {})[c.field] = c.provider_value
    out: set[int] = set()
    for link, conn in rows:
        rec = recs.get(link.local_id)
        if rec is None or rec.id in out:
            continue
        provider = conn.provider.value
        try:
            fields = pushable_fields(provider, link.object_type)
        except KeyError:
            continue
        snap = link.snapshot or {}
        conflicted = open_.get(link.id, {})
        for name in fields:
            if name not in snap:
                continue
            target = conflicted[name] if name in conflicted else getattr(rec, name)
            if not _same(provider, link.object_type, name, target, snap[name]):
                out.add(rec.id)
                break
    return out


async def _default_db(fn, *args):
    return await asyncio.to_thread(fn, *args)


async def push_connection(store, connection_id: int, client, *, job_id: str | None = None,
                          db: Callable[..., Awaitable[Any]] | None = None, hub=None) -> PushReport:
    """Push everything pending for one connection through its provider client. Run it in the connection's lane.

    Whole-call failures (auth, rate limits past retries, a fatal error) raise the client's SyncError for the job to
    report; per-record refusals become rejected rows.
    """
    db = db or _default_db
    report = PushReport(connection_id)
    conn, pending, restores = await db(collect, store, connection_id)
    if conn is None:
        report.skipped = GONE()
        return report
    if conn.direction is not Direction.BOTH:
        report.skipped = PULL_ONLY(connection=conn.name)
        return report
    if not pending:
        report.skipped = NOTHING()
        return report
    provider = conn.provider.value
    by_type: dict[str, list[tuple[Pending, PushChange]]] = {}
    for p in pending:
        fields = to_provider(provider, p.object_type, p.values)
        if not fields:
            continue
        if provider == "salesforce":
            fields[SF_EXTERNAL_ID] = str(p.local_id)  # stamps the record so later creates/upserts find it
        by_type.setdefault(p.object_type, []).append((p, PushChange(p.object_type, p.local_id, p.external_id, fields)))
    done: list[tuple[Pending, PushChange, PushResult]] = []
    for object_type in client.objects if hasattr(client, "objects") else list(by_type):
        items = by_type.pop(object_type, [])
        if items:
            results = await client.push(object_type, [c for _, c in items])
            done.extend((p, c, r) for (p, c), r in zip(items, results, strict=True))
    for object_type, items in by_type.items():  # types the client does not list (should not happen)
        results = await client.push(object_type, [c for _, c in items])
        done.extend((p, c, r) for (p, c), r in zip(items, results, strict=True))
    await db(_settle, store, connection_id, job_id, done)
    for p, _c, r in done:
        if r.ok:
            report.pushed += 1
            report.fields += len(p.values)
        else:
            report.rejected += 1
            report.errors.append(RECORD_REFUSED(object_type=p.object_type, external_id=p.external_id,
                                                error=refusal(r.error)))
    report.restored = restores
    if hub is not None and done:
        hub.publish("records_changed", done[0][0].entity)
    return report
