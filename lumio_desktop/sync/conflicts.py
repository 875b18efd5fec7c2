"""Conflicts: writing what the merge found, listing them with provenance, resolving (one or many), undoing.

A conflict row keeps the base value, Lumio's value with who/when, and the provider's value with when, whatever wins.
Resolving never loses a value either: the local value before the resolution is kept (`previous_value`) and the
record's history (RecordEdit) gets a row. Undo puts the record back, marks the resolution `undone` and opens the
conflict again (a new row, so the undone decision stays in the audit trail); if the resolution had pushed Lumio's
value, the next push writes the provider's value back (push.py restores open conflicts' provider values).

Resolving and undoing only touch the store; the provider is written by push.py inside the connection's lane.
`ResolveReport.push_connections` names the connections that now have something to push.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lumio_desktop.errors import LumioError
from lumio_desktop.store.edits import apply_changes
from lumio_desktop.store.models import (
    ENTITY_MODELS,
    Conflict,
    ConflictStatus,
    Connection,
    Direction,
    RecordEdit,
    RecordLink,
    Strategy,
)
from lumio_desktop.store.types import utcnow
from lumio_desktop.sync.merge import (
    CUSTOM,
    LUMIO,
    MISSING,
    PROVIDER,
    MergePolicy,
    MergeResult,
    resolve_values,
    same,
    to_json,
)
from lumio_desktop.text import QT_TRANSLATE_NOOP


class ConflictError(LumioError):
    pass


# What resolving and undoing say to people (outcomes and errors the conflicts page shows): see lumio_desktop/text.py.
# {state} is a conflict's status word (resolved, auto, undone), {winner} lumio, provider, custom or same.
NO_CONFLICT = QT_TRANSLATE_NOOP("engine", "there is no conflict {id}")
NO_CONFLICT_CLI = QT_TRANSLATE_NOOP("engine", "there is no conflict {id}; list them with `lumio-sync conflicts`")
NO_LINK = QT_TRANSLATE_NOOP("engine", "there is no record link {id}")
LINKED_GONE = QT_TRANSLATE_NOOP("engine", "{entity} #{local_id} linked to {external_id} no longer exists")
NONE_GIVEN = QT_TRANSLATE_NOOP("engine", "no conflict given: name at least one conflict id")
CHOOSE = QT_TRANSLATE_NOOP("engine", "conflict {id}: choose what to keep: lumio or provider (or give a value)")
SAME_WAY = QT_TRANSLATE_NOOP("engine", "already resolved that way")
ALREADY = QT_TRANSLATE_NOOP("engine", "conflict {id} is already {state}; undo it first to decide again")
ALREADY_KEPT = QT_TRANSLATE_NOOP("engine", "conflict {id} is already {state} (kept {winner}); undo it first to decide "
                                           "again")
RECORD_GONE = QT_TRANSLATE_NOOP("engine", "{entity} #{local_id} no longer exists")
RECORD_MERGED = QT_TRANSLATE_NOOP("engine", "{entity} #{local_id} was merged into #{merged_into}; undo the merge first")
# A resolution's outcome, per value kept: (nothing to push, pushed to {connection}, kept in Lumio only). Whole
# sentences, not "{kept}; ...": a sentence whose first words are a placeholder can be read back the wrong way round.
KEPT = {
    LUMIO: (QT_TRANSLATE_NOOP("engine", "kept Lumio's value for {field}"),
            QT_TRANSLATE_NOOP("engine", "kept Lumio's value for {field}; it will be pushed to {connection}"),
            QT_TRANSLATE_NOOP("engine", "kept Lumio's value for {field}; kept in Lumio only (the connection is "
                                        "pull-only)")),
    PROVIDER: (QT_TRANSLATE_NOOP("engine", "kept the provider's value for {field}"),
               QT_TRANSLATE_NOOP("engine", "kept the provider's value for {field}; it will be pushed to {connection}"),
               QT_TRANSLATE_NOOP("engine", "kept the provider's value for {field}; kept in Lumio only (the "
                                           "connection is pull-only)")),
    CUSTOM: (QT_TRANSLATE_NOOP("engine", "kept a value of your own for {field}"),
             QT_TRANSLATE_NOOP("engine", "kept a value of your own for {field}; it will be pushed to {connection}"),
             QT_TRANSLATE_NOOP("engine", "kept a value of your own for {field}; kept in Lumio only (the connection "
                                         "is pull-only)")),
}
UNDONE = QT_TRANSLATE_NOOP("engine", "undone; conflict {id} is open again")
NOTHING_TO_UNDO = QT_TRANSLATE_NOOP("engine", "conflict {id} is {state}: there is no resolution to undo")
NOT_ON_ITS_OWN = QT_TRANSLATE_NOOP("engine", "{entity} #{local_id} no longer stands on its own (deleted or merged); "
                                             "undo the merge first")
# A record's label when it has no name of its own (the conflicts list shows the record's name).
DELETED_RECORD = QT_TRANSLATE_NOOP("engine", "(deleted record)")
UNNAMED = QT_TRANSLATE_NOOP("engine", "unnamed {entity} #{id}")
CHANGED_SINCE = QT_TRANSLATE_NOOP("engine", "{field} of {entity} #{local_id} was changed after this resolution (now "
                                            "{said}); edit it directly instead")


# --- writing what a merge found -------------------------------------------------------------------------------

def record_merge(session: Session, link: RecordLink, result: MergeResult, *, job_id: str | None = None,
                 at: datetime | None = None, lumio_modified_by: Mapping[str, str | None] | str | None = None) -> int:
    """Write a merge's conflicts for one linked record (inside the page's transaction). Returns new open conflicts.

    Open conflicts are one row per (link, field): a later sync refreshes their values instead of adding rows.
    Settled ones (by the strategy) are written as `auto`, with the losing value kept for audit and undo.
    """
    at = at or utcnow()
    new_open = 0
    existing: dict[str, Conflict] = {}
    if result.conflicts or result.closed:
        for c in session.scalars(select(Conflict).where(Conflict.link_id == link.id,
                                                        Conflict.status == ConflictStatus.OPEN)):
            existing[c.field] = c
    for name in result.closed:
        c = existing.get(name)
        if c is not None:
            c.status, c.winner = ConflictStatus.AUTO, "same"
            c.resolved_value = to_json(result.snapshot.get(name))
            c.resolved_at, c.resolved_by = at, "both sides now agree"
    for fc in result.conflicts:
        if fc.update_of_open and fc.field in existing:
            c = existing[fc.field]
            c.lumio_value, c.provider_value = to_json(fc.lumio), to_json(fc.provider)
            c.provider_modified_at = fc.provider_modified_at or c.provider_modified_at
            continue
        c = Conflict(connection_id=link.connection_id, link_id=link.id, job_id=job_id, entity=link.entity,
                     local_id=link.local_id, field=fc.field, base_value=to_json(fc.base),
                     lumio_value=to_json(fc.lumio), provider_value=to_json(fc.provider),
                     lumio_modified_at=fc.lumio_modified_at, provider_modified_at=fc.provider_modified_at,
                     lumio_modified_by=lumio_modified_by.get(fc.field) if isinstance(lumio_modified_by, Mapping)
                     else lumio_modified_by, strategy=fc.strategy, detected_at=at)
        if fc.open:
            c.status = ConflictStatus.OPEN
            new_open += 1
        else:
            c.status, c.winner = ConflictStatus.AUTO, fc.winner
            c.resolved_value = to_json(fc.lumio if fc.winner == LUMIO else fc.provider)
            c.previous_value = to_json(fc.lumio)
            c.resolved_at, c.resolved_by = at, f"strategy: {fc.strategy.value}"
        session.add(c)
    return new_open


def open_conflict_values(session: Session, link_ids: Iterable[int]) -> dict[int, dict[str, tuple[Any, Any]]]:
    """link id -> {field: (lumio, provider)} of its open conflicts: what merge_record's `open_conflicts` takes."""
    ids = list(link_ids)
    out: dict[int, dict[str, tuple[Any, Any]]] = {}
    for i in range(0, len(ids), 500):
        for link_id, name, lv, pv in session.execute(
                select(Conflict.link_id, Conflict.field, Conflict.lumio_value, Conflict.provider_value)
                .where(Conflict.link_id.in_(ids[i:i + 500]), Conflict.status == ConflictStatus.OPEN)):
            out.setdefault(link_id, {})[name] = (lv, pv)
    return out


def merge_linked(session: Session, link: RecordLink, remote: Mapping[str, Any], *, connection: Connection,
                 remote_modified_at: datetime | None = None, job_id: str | None = None,
                 at: datetime | None = None) -> MergeResult:
    """Merge one provider record (already mapped to local field names) into its linked local record, in the
    caller's transaction: local updates, the new snapshot, conflicts. The ORM path, for one record at a time
    (webhooks, tests); a page-at-a-time caller can run merge_record itself and write in bulk."""
    from lumio_desktop.store.edits import field_edits
    from lumio_desktop.sync.merge import merge_record

    at = at or utcnow()
    rec = session.get(ENTITY_MODELS[link.entity], link.local_id)
    if rec is None:
        raise ConflictError(LINKED_GONE(entity=link.entity, local_id=link.local_id, external_id=link.external_id))
    local = {name: getattr(rec, name) for name in remote if hasattr(rec, name)}
    edits = field_edits(session, link.entity, [rec.id]).get(rec.id, {})
    # A field a person edited: that edit's time; any other (e.g. taken from another provider): the record's last write.
    local_times = {name: edits[name][0] if name in edits else rec.updated_at for name in remote}
    local_by = {name: edits[name][1] if name in edits else None for name in remote}
    result = merge_record(
        link.snapshot, local, remote, strategy=connection.strategy, field_strategies=connection.field_strategies,
        direction=connection.direction, local_modified_at=local_times, provider_modified_at=remote_modified_at,
        open_conflicts=open_conflict_values(session, [link.id]).get(link.id, {}), local_dirty=rec.dirty)
    for name, value in result.local_updates.items():
        setattr(rec, name, value)
    if result.local_updates:
        rec.updated_at = at
    if result.push or (result.local_updates and session.scalars(
            _other_two_way_links(link.entity, [rec.id], link.connection_id)).first() is not None):
        rec.dirty = True  # push.py collects dirty records
    link.snapshot = dict(result.snapshot)
    link.remote_modified_at = remote_modified_at or link.remote_modified_at
    link.synced_at = at
    record_merge(session, link, result, job_id=job_id, at=at, lumio_modified_by=local_by)
    return result


# --- listing ----------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class ConflictView:
    id: int
    status: str
    entity: str
    local_id: int
    record_label: str
    field: str
    base_value: Any
    lumio_value: Any
    provider_value: Any
    lumio_modified_at: datetime | None
    lumio_modified_by: str | None
    provider_modified_at: datetime | None
    connection_id: int | None
    connection_name: str | None
    provider: str | None
    object_type: str | None
    external_id: str | None
    strategy: str
    winner: str | None
    resolved_value: Any
    previous_value: Any
    detected_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None
    link_id: int | None = None  # for record_view(): the whole record side by side

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__slots__}
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in d.items()}


def record_label(rec) -> str:
    if rec is None:
        return DELETED_RECORD()
    if hasattr(rec, "email"):
        name = " ".join(p for p in (rec.first_name, rec.last_name) if p)
        return name or rec.email or UNNAMED(entity="lead", id=rec.id)
    return rec.name or UNNAMED(entity=type(rec).__name__.lower(), id=rec.id)


def _views(session: Session, rows: list[Conflict]) -> list[ConflictView]:
    links = {lk.id: lk for lk in session.scalars(select(RecordLink).where(
        RecordLink.id.in_({c.link_id for c in rows if c.link_id})))} if rows else {}
    conns = {c.id: c for c in session.scalars(select(Connection))} if rows else {}
    records: dict[tuple[str, int], Any] = {}
    for entity in {c.entity for c in rows}:
        ids = {c.local_id for c in rows if c.entity == entity}
        model = ENTITY_MODELS[entity]
        for rec in session.scalars(select(model).where(model.id.in_(ids))):
            records[(entity, rec.id)] = rec
    out = []
    for c in rows:
        link = links.get(c.link_id)
        conn = conns.get(c.connection_id)
        out.append(ConflictView(
            id=c.id, status=c.status.value, entity=c.entity, local_id=c.local_id,
            record_label=record_label(records.get((c.entity, c.local_id))), field=c.field,
            base_value=c.base_value, lumio_value=c.lumio_value, provider_value=c.provider_value,
            lumio_modified_at=c.lumio_modified_at, lumio_modified_by=c.lumio_modified_by,
            provider_modified_at=c.provider_modified_at, connection_id=c.connection_id,
            connection_name=conn.name if conn else None, provider=conn.provider.value if conn else None,
            object_type=link.object_type if link else None, external_id=link.external_id if link else None,
            strategy=c.strategy.value, winner=c.winner, resolved_value=c.resolved_value,
            previous_value=c.previous_value, detected_at=c.detected_at, resolved_at=c.resolved_at,
            resolved_by=c.resolved_by, link_id=c.link_id))
    return out


def list_conflicts(store, *, status: str | Iterable[str] | None = "open", connection_id: int | None = None,
                   entity: str | None = None, local_id: int | None = None, limit: int | None = None,
                   offset: int = 0) -> list[ConflictView]:
    """Conflicts, newest first. status: open | resolved | auto | undone, several, or None for all."""
    q = select(Conflict)
    if status is not None:
        statuses = [status] if isinstance(status, str) else list(status)
        q = q.where(Conflict.status.in_([ConflictStatus(s) for s in statuses]))
    if connection_id is not None:
        q = q.where(Conflict.connection_id == connection_id)
    if entity is not None:
        q = q.where(Conflict.entity == entity)
    if local_id is not None:
        q = q.where(Conflict.local_id == local_id)
    q = q.order_by(Conflict.detected_at.desc(), Conflict.id.desc()).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    with store.session() as s:
        return _views(s, list(s.scalars(q)))


def count_open(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == ConflictStatus.OPEN))


def get_conflict(store, conflict_id: int) -> ConflictView:
    with store.session() as s:
        c = s.get(Conflict, conflict_id)
        if c is None:
            raise ConflictError(NO_CONFLICT_CLI(id=conflict_id))
        return _views(s, [c])[0]


def conflict_groups(store, *, connection_id: int | None = None) -> list[dict[str, Any]]:
    """Open conflicts grouped by linked record, for the list on the left of the conflicts page
    ("Ana Souza · Salesforce · 2 fields"): link_id, record, connection, the conflict ids and fields."""
    groups: dict[Any, dict[str, Any]] = {}
    for v in list_conflicts(store, connection_id=connection_id):
        g = groups.setdefault(v.link_id or (v.entity, v.local_id, v.connection_id), {
            "link_id": v.link_id, "entity": v.entity, "local_id": v.local_id, "record_label": v.record_label,
            "connection_id": v.connection_id, "connection_name": v.connection_name, "provider": v.provider,
            "object_type": v.object_type, "external_id": v.external_id, "conflict_ids": [], "fields": []})
        g["conflict_ids"].append(v.id)
        g["fields"].append(v.field)
    return list(groups.values())


@dataclass(slots=True)
class FieldRow:
    """One line of the side-by-side view (design/conflicts.png)."""

    field: str
    base: Any
    lumio: Any
    provider: Any
    state: str  # conflict | lumio_only (will be pushed / kept) | same
    conflict_id: int | None = None
    lumio_modified_at: datetime | None = None
    lumio_modified_by: str | None = None
    provider_modified_at: datetime | None = None


def record_view(store, link_id: int) -> list[FieldRow]:
    """Every mapped field of one linked record: base | Lumio | provider, and which need a choice."""
    with store.session() as s:
        link = s.get(RecordLink, link_id)
        if link is None:
            raise ConflictError(NO_LINK(id=link_id))
        rec = s.get(ENTITY_MODELS[link.entity], link.local_id)
        open_ = {c.field: c for c in s.scalars(select(Conflict).where(
            Conflict.link_id == link_id, Conflict.status == ConflictStatus.OPEN))}
        rows = []
        for name, snap in (link.snapshot or {}).items():
            local = to_json(getattr(rec, name, None)) if rec is not None else None
            c = open_.get(name)
            if c is not None:
                rows.append(FieldRow(name, c.base_value, c.lumio_value, c.provider_value, "conflict", c.id,
                                     c.lumio_modified_at, c.lumio_modified_by, c.provider_modified_at))
            elif not same(local, snap):
                rows.append(FieldRow(name, snap, local, snap, "lumio_only", None,
                                     rec.local_modified_at, rec.local_modified_by))
            else:
                rows.append(FieldRow(name, snap, local, snap, "same"))
        return rows


# --- resolving --------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Outcome:
    conflict_id: int
    status: str  # resolved | unchanged (already resolved that way) | refused | undone
    message: str
    winner: str | None = None
    new_conflict_id: int | None = None  # undo: the reopened conflict
    push_connection: int | None = None  # undo: the connection whose provider must get its value back
    entity: str | None = None


@dataclass(slots=True)
class ResolveReport:
    outcomes: list[Outcome] = field(default_factory=list)
    push_connections: set[int] = field(default_factory=set)  # have something to push now

    @property
    def ok(self) -> bool:
        return all(o.status != "refused" for o in self.outcomes)


def _set_snapshot(link: RecordLink, name: str, value: Any) -> None:
    link.snapshot = {**(link.snapshot or {}), name: to_json(value)}  # a new dict: JSONText tracks no mutation


def resolve(store, conflict_ids: Iterable[int], keep: str | None = None, *, choices: Mapping[int, str] | None = None,
            values: Mapping[int, Any] | None = None, actor: str | None = None, hub=None) -> ResolveReport:
    """Resolve open conflicts in one transaction.

    keep: lumio | provider for every id without a choice of its own; `choices` {id: lumio|provider} per field;
    `values` {id: custom value}. Resolving an already resolved conflict the same way changes nothing; another way is
    refused (undo it first). Returns per-conflict outcomes and the connections that now have something to push.
    """
    choices = dict(choices or {})
    values = dict(values or {})
    ids = list(dict.fromkeys([*conflict_ids, *choices, *values]))
    if not ids:
        raise ConflictError(NONE_GIVEN())
    report = ResolveReport()
    at = utcnow()
    with store.session.begin() as s:
        for cid in ids:
            if cid in values:
                how, custom = CUSTOM, values[cid]
            else:
                how, custom = choices.get(cid, keep), MISSING
            if how not in (LUMIO, PROVIDER, CUSTOM):
                raise ConflictError(CHOOSE(id=cid))
            c = s.get(Conflict, cid)
            if c is None:
                report.outcomes.append(Outcome(cid, "refused", NO_CONFLICT(id=cid)))
                continue
            if c.status is not ConflictStatus.OPEN:
                target = custom if how == CUSTOM else c.lumio_value if how == LUMIO else c.provider_value
                if c.status in (ConflictStatus.RESOLVED, ConflictStatus.AUTO) and c.winner == how and (
                        same(c.resolved_value, target)):
                    report.outcomes.append(Outcome(cid, "unchanged", SAME_WAY(), c.winner))
                else:
                    report.outcomes.append(Outcome(
                        cid, "refused", ALREADY_KEPT(id=cid, state=c.status.value, winner=c.winner) if c.winner
                        else ALREADY(id=cid, state=c.status.value)))
                continue
            report.outcomes.append(_resolve_one(s, c, how, custom, actor, at, report))
    if hub is not None:
        hub.publish("conflicts_changed")
        for e in {o.entity for o in report.outcomes if o.status == "resolved" and o.entity}:
            hub.publish("records_changed", e)
    return report


def _resolve_one(s: Session, c: Conflict, how: str, custom: Any, actor: str | None, at: datetime,
                 report: ResolveReport) -> Outcome:
    res = resolve_values(c.lumio_value, c.provider_value, how, custom)
    rec = s.get(ENTITY_MODELS[c.entity], c.local_id)
    if rec is None:
        return Outcome(c.id, "refused", RECORD_GONE(entity=c.entity, local_id=c.local_id))
    if rec.merged_into_id is not None:
        return Outcome(c.id, "refused", RECORD_MERGED(entity=c.entity, local_id=c.local_id,
                                                      merged_into=rec.merged_into_id))
    link = s.get(RecordLink, c.link_id) if c.link_id else None
    c.previous_value = to_json(getattr(rec, c.field))
    edit = apply_changes(s, c.entity, c.local_id, {c.field: res.local_value}, actor=actor, source="conflict", at=at,
                         mark_dirty=False)
    message = KEPT[how][0](field=c.field)
    if edit.changed:
        # Lumio's value changed: its other two-way providers must hear of it too.
        for other in s.scalars(_other_two_way_links(c.entity, [c.local_id], link.connection_id if link else None)):
            rec.dirty = True
            report.push_connections.add(other)
    if link is not None:
        _set_snapshot(link, c.field, c.provider_value)  # what the provider holds until the push
        conn = s.get(Connection, link.connection_id)
        if res.needs_push:
            rec.dirty = True
            if conn is not None and conn.direction is Direction.BOTH:
                report.push_connections.add(conn.id)
                message = KEPT[how][1](field=c.field, connection=conn.name)
            else:
                message = KEPT[how][2](field=c.field)
    c.status, c.winner = ConflictStatus.RESOLVED, res.winner
    c.resolved_value = to_json(res.local_value)
    c.resolved_at, c.resolved_by = at, actor
    return Outcome(c.id, "resolved", message, res.winner, entity=c.entity)


def undo(store, conflict_id: int, *, actor: str | None = None, hub=None) -> Outcome:
    """Undo a resolution (a person's or a strategy's): the record gets its value back and the conflict is open again.

    Refused, with the reason, when the field was changed after the resolution (undo would lose that change).
    """
    at = utcnow()
    with store.session.begin() as s:
        c = s.get(Conflict, conflict_id)
        if c is None:
            raise ConflictError(NO_CONFLICT(id=conflict_id))
        if c.status not in (ConflictStatus.RESOLVED, ConflictStatus.AUTO) or c.winner not in (LUMIO, PROVIDER, CUSTOM):
            raise ConflictError(NOTHING_TO_UNDO(id=conflict_id, state=c.status.value))
        rec = s.get(ENTITY_MODELS[c.entity], c.local_id)
        if rec is None or rec.merged_into_id is not None:
            raise ConflictError(NOT_ON_ITS_OWN(entity=c.entity, local_id=c.local_id))
        current = getattr(rec, c.field)
        if not same(current, c.resolved_value):
            raise ConflictError(CHANGED_SINCE(field=c.field, entity=c.entity, local_id=c.local_id,
                                              said=repr(to_json(current))))
        edit = apply_changes(s, c.entity, c.local_id, {c.field: c.previous_value}, actor=actor, source="undo", at=at,
                             mark_dirty=False)
        if edit.changed and s.scalars(_other_two_way_links(c.entity, [c.local_id], c.connection_id)).first():
            rec.dirty = True  # the record's other two-way providers had been given the resolved value
        c.status = ConflictStatus.UNDONE
        reopened = Conflict(connection_id=c.connection_id, link_id=c.link_id, job_id=c.job_id, entity=c.entity,
                            local_id=c.local_id, field=c.field, base_value=c.base_value,
                            lumio_value=c.previous_value if c.previous_value is not None else c.lumio_value,
                            provider_value=c.provider_value, lumio_modified_at=c.lumio_modified_at,
                            lumio_modified_by=c.lumio_modified_by, provider_modified_at=c.provider_modified_at,
                            strategy=Strategy.MANUAL, status=ConflictStatus.OPEN, detected_at=at)
        s.add(reopened)
        push_to = None
        link = s.get(RecordLink, c.link_id) if c.link_id else None
        if link is not None and not same((link.snapshot or {}).get(c.field), c.provider_value):
            rec.dirty = True  # the provider holds the undone winner: push.py writes its old value back
            conn = s.get(Connection, link.connection_id)
            if conn is not None and conn.direction is Direction.BOTH:
                push_to = conn.id
        s.flush()
        out = Outcome(c.id, "undone", UNDONE(id=reopened.id), None, reopened.id,
                      push_to, c.entity)
    if hub is not None:
        hub.publish("conflicts_changed")
        hub.publish("records_changed", out.entity)
    return out


# --- the page-at-a-time path (pipeline, Core connection) ------------------------------------------------------

def policy_for(connection: Connection, object_type: str) -> MergePolicy:
    from lumio_desktop.sync.push import equivalence

    return MergePolicy(Strategy(connection.strategy), connection.field_strategies or None,
                       Direction(connection.direction), equivalence(str(connection.provider), object_type) or None)


def load_merge_state(conn, entity: str, columns: Iterable[str], links: Iterable[Any]) -> None:
    """Fill the page's LinkStates (reconcile.LinkState) with what the merge needs, in a few queries per page:
    the local values of the map's columns, dirty, per-field edit times and actors, and open conflicts."""
    links = [lk for lk in links if lk is not None]
    if not links:
        return
    table = ENTITY_MODELS[entity].__table__
    cols = [c for c in columns if c in table.c]
    by_local: dict[int, list[Any]] = {}
    for lk in links:
        by_local.setdefault(lk.local_id, []).append(lk)
    ids = list(by_local)
    edits_t = RecordEdit.__table__
    conflicts_t = Conflict.__table__
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for row in conn.execute(select(table.c.id, table.c.dirty, table.c.updated_at, *(table.c[c] for c in cols))
                                .where(table.c.id.in_(chunk))):
            m = row._mapping
            for lk in by_local[m["id"]]:
                lk.local = {c: m[c] for c in cols}
                lk.local_dirty = bool(m["dirty"])
                # A field a person edited gets that edit's time below; any other the record's last write.
                lk.local_times = {c: m["updated_at"] for c in cols}
                lk.local_by = {c: None for c in cols}
        dirty_ids = [i for i in chunk if any(lk.local_dirty for lk in by_local[i])]
        if dirty_ids:
            for local_id, name, at, actor in conn.execute(
                    select(edits_t.c.local_id, edits_t.c.field, edits_t.c.at, edits_t.c.actor)
                    .where(edits_t.c.entity == entity, edits_t.c.local_id.in_(dirty_ids), edits_t.c.source == "edit")
                    .order_by(edits_t.c.at)):
                for lk in by_local[local_id]:
                    if lk.local_times is not None:
                        lk.local_times[name] = at
                        lk.local_by[name] = actor
    link_ids = {lk.id: lk for lk in links}
    keys = list(link_ids)
    for i in range(0, len(keys), 500):
        for link_id, name, lv, pv in conn.execute(
                select(conflicts_t.c.link_id, conflicts_t.c.field, conflicts_t.c.lumio_value,
                       conflicts_t.c.provider_value)
                .where(conflicts_t.c.link_id.in_(keys[i:i + 500]), conflicts_t.c.status == ConflictStatus.OPEN)):
            lk = link_ids[link_id]
            if lk.open_conflicts is None:
                lk.open_conflicts = {}
            lk.open_conflicts[name] = (lv, pv)


def write_merge_outcomes(conn, connection_id: int, entity: str, items: Iterable[tuple[Any, MergeResult]], *,
                         job_id: str | None = None, at: datetime | None = None) -> int:
    """After the page's records are written (same transaction): conflicts of each merged record, and dirty marks for
    records with something to push. items: (LinkState, MergeResult). Returns the number of new open conflicts."""
    from sqlalchemy import update

    at = at or utcnow()
    conflicts_t = Conflict.__table__
    table = ENTITY_MODELS[entity].__table__
    new_rows: list[dict[str, Any]] = []
    to_dirty: list[int] = []
    applied: list[int] = []  # took a provider's value: other two-way providers of the record must get it
    new_open = 0

    js = to_json  # the JSONText columns serialise on the way in

    for lk, res in items:
        if res.push:
            to_dirty.append(lk.local_id)
        elif res.local_updates:
            applied.append(lk.local_id)
        for name in res.closed:
            conn.execute(update(conflicts_t).where(
                conflicts_t.c.link_id == lk.id, conflicts_t.c.field == name,
                conflicts_t.c.status == ConflictStatus.OPEN).values(
                status=ConflictStatus.AUTO, winner="same", resolved_value=js(res.snapshot.get(name)),
                resolved_at=at, resolved_by="both sides now agree"))
        for fc in res.conflicts:
            if fc.update_of_open:
                conn.execute(update(conflicts_t).where(
                    conflicts_t.c.link_id == lk.id, conflicts_t.c.field == fc.field,
                    conflicts_t.c.status == ConflictStatus.OPEN).values(
                    lumio_value=js(fc.lumio), provider_value=js(fc.provider),
                    provider_modified_at=fc.provider_modified_at))
                continue
            by = (getattr(lk, "local_by", None) or {}).get(fc.field)
            row = {"connection_id": connection_id, "link_id": lk.id, "job_id": job_id, "entity": entity,
                   "local_id": lk.local_id, "field": fc.field, "base_value": js(fc.base), "lumio_value": js(fc.lumio),
                   "provider_value": js(fc.provider), "lumio_modified_at": fc.lumio_modified_at,
                   "lumio_modified_by": by, "provider_modified_at": fc.provider_modified_at,
                   "strategy": fc.strategy, "detected_at": at, "winner": None, "resolved_value": None,
                   "previous_value": None, "resolved_at": None, "resolved_by": None,
                   "status": ConflictStatus.OPEN}
            if fc.open:
                new_open += 1
            else:
                row.update(status=ConflictStatus.AUTO, winner=fc.winner,
                           resolved_value=js(fc.lumio if fc.winner == LUMIO else fc.provider),
                           previous_value=js(fc.lumio), resolved_at=at,
                           resolved_by=f"strategy: {fc.strategy.value}")
            new_rows.append(row)
    if new_rows:
        conn.execute(conflicts_t.insert(), new_rows)
    for i in range(0, len(applied), 500):
        to_dirty.extend(conn.execute(_other_two_way_links(entity, applied[i:i + 500], connection_id,
                                                          column=RecordLink.local_id)).scalars())
    to_dirty = sorted(set(to_dirty))
    for i in range(0, len(to_dirty), 500):
        conn.execute(update(table).where(table.c.id.in_(to_dirty[i:i + 500])).values(dirty=True))
    return new_open


def _other_two_way_links(entity: str, local_ids: list[int], connection_id: int | None, *, column=None):
    """SELECT (connection ids, or `column`) of the records' links on other `direction = both` connections."""
    col = column if column is not None else RecordLink.connection_id
    q = (select(col).distinct().join(Connection, Connection.id == RecordLink.connection_id)
         .where(RecordLink.entity == entity, RecordLink.local_id.in_(local_ids), RecordLink.remote_deleted.is_(False),
                Connection.direction == Direction.BOTH))
    if connection_id is not None:
        q = q.where(RecordLink.connection_id != connection_id)
    return q
