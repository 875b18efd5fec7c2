"""Editing local records (leads, companies, deals): the one API the CLI and the GUI use.

An edit records who changed which field from what to what (RecordEdit), and marks the record as changed since its
last sync (dirty + local_modified_at/by), which is what the three-way merge and the push read. Bad input raises an
EditError that names the field and what is expected; nothing is written then.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, Integer, select
from sqlalchemy.orm import Session

from lumio_desktop.errors import LumioError
from lumio_desktop.store.models import ENTITY_MODELS, Conflict, ConflictStatus, RecordEdit
from lumio_desktop.store.types import JSONText, UTCDateTime, utcnow
from lumio_desktop.text import QT_TRANSLATE_NOOP

# Columns a person never edits: identity, bookkeeping, sync state and provider-computed numbers.
SYSTEM_COLUMNS = frozenset({
    "id", "created_at", "updated_at", "local_modified_at", "local_modified_by", "dirty", "deleted_at", "stale",
    "merged_into_id",
})

ENTITY_ALIASES = {"lead": "lead", "leads": "lead", "company": "company", "companies": "company", "deal": "deal",
                  "deals": "deal"}


class EditError(LumioError):
    pass


# What a refused edit says to people (the record editor shows it): see lumio_desktop/text.py. {said} is the value as
# it was given (Python's repr: quoted text).
UNKNOWN_TYPE = QT_TRANSLATE_NOOP("engine", "unknown record type {said}: use leads, companies or deals")
NOT_EDITABLE = QT_TRANSLATE_NOOP("engine", "{entity} has no editable field '{field}'; editable: {fields}")
MUST_BE = {
    Boolean: QT_TRANSLATE_NOOP("engine", "{field} must be true or false, not {said}"),
    Integer: QT_TRANSLATE_NOOP("engine", "{field} must be a whole number, not {said}"),
    Float: QT_TRANSLATE_NOOP("engine", "{field} must be a number, not {said}"),
    JSONText: QT_TRANSLATE_NOOP("engine", "{field} must be a list (a,b,c or JSON), not {said}"),
    DateTime: QT_TRANSLATE_NOOP("engine", "{field} must be a date like 2026-01-31, not {said}"),
}
TOO_LONG = QT_TRANSLATE_NOOP("engine", "{field} is at most {n} characters; the value has {count}")
NO_RECORD = QT_TRANSLATE_NOOP("engine", "there is no {entity} #{id}")  # dedupe.py says it too
MERGED = QT_TRANSLATE_NOOP("engine", "{entity} #{local_id} was merged into {entity} #{merged_into}; edit that one (or "
                                     "undo the merge)")
NO_CHANGES = QT_TRANSLATE_NOOP("engine", "nothing to change: give at least one field=value")


def entity_name(name: str) -> str:
    try:
        return ENTITY_ALIASES[name.lower()]
    except KeyError:
        raise EditError(UNKNOWN_TYPE(said=repr(name))) from None


def editable_fields(entity: str) -> list[str]:
    model = ENTITY_MODELS[entity_name(entity)]
    return [c.key for c in model.__table__.columns if c.key not in SYSTEM_COLUMNS]


def _column(entity: str, name: str):
    model = ENTITY_MODELS[entity]
    col = model.__table__.columns.get(name)
    if col is None or name in SYSTEM_COLUMNS:
        raise EditError(NOT_EDITABLE(entity=entity, field=name, fields=", ".join(editable_fields(entity))))
    return col


def coerce(entity: str, name: str, value: Any) -> Any:
    """A value for a column, from a typed value or from text (the CLI's `--set field=value`). '' clears."""
    entity = entity_name(entity)
    col = _column(entity, name)
    t = col.type
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    try:
        if isinstance(t, Boolean):
            if isinstance(value, bool):
                return value
            v = str(value).strip().lower()
            if v in ("true", "yes", "1", "y"):
                return True
            if v in ("false", "no", "0", "n"):
                return False
            raise ValueError
        if isinstance(t, Integer):
            if isinstance(value, bool):
                raise ValueError
            f = float(value)
            if not f.is_integer():
                raise ValueError
            return int(f)
        if isinstance(t, Float):
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if isinstance(t, JSONText):  # tags: a list of strings, given as JSON or comma-separated
            if isinstance(value, (list, tuple)):
                return [str(x) for x in value]
            text = str(value).strip()
            if text.startswith("["):
                parsed = json.loads(text)
                if not isinstance(parsed, list):
                    raise ValueError
                return [str(x) for x in parsed]
            return [p.strip() for p in text.split(",") if p.strip()]
        if isinstance(t, (UTCDateTime, DateTime)):
            if isinstance(value, datetime):
                d = value
            elif isinstance(value, date):
                d = datetime(value.year, value.month, value.day, tzinfo=UTC)
            else:
                d = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
            return d if d.tzinfo else d.replace(tzinfo=UTC)
    except (ValueError, TypeError, json.JSONDecodeError):
        kind = next((k for k in (Boolean, Integer, Float, JSONText) if isinstance(t, k)), DateTime)
        raise EditError(MUST_BE[kind](field=name, said=repr(value))) from None
    text = str(value)
    length = getattr(t, "length", None)
    if length and len(text) > length:
        raise EditError(TOO_LONG(field=name, n=length, count=len(text)))
    return text


@dataclass(slots=True)
class EditResult:
    entity: str
    local_id: int
    changed: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (old, new)
    at: datetime | None = None


def _json(v: Any) -> Any:
    return v.isoformat() if isinstance(v, (datetime, date)) else v


def get_record(session: Session, entity: str, local_id: int, *, allow_merged: bool = False):
    entity = entity_name(entity)
    rec = session.get(ENTITY_MODELS[entity], local_id)
    if rec is None:
        raise EditError(NO_RECORD(entity=entity, id=local_id))
    if rec.merged_into_id is not None and not allow_merged:
        raise EditError(MERGED(entity=entity, local_id=local_id, merged_into=rec.merged_into_id))
    return rec


def apply_changes(session: Session, entity: str, local_id: int, changes: Mapping[str, Any], *, actor: str | None,
                  source: str = "edit", at: datetime | None = None, mark_dirty: bool = True,
                  allow_merged: bool = False) -> EditResult:
    """Inside a caller's transaction: set fields, write history, mark the record changed. Values are coerced."""
    entity = entity_name(entity)
    at = at or utcnow()
    rec = get_record(session, entity, local_id, allow_merged=allow_merged)
    values = {name: coerce(entity, name, v) for name, v in changes.items()}
    result = EditResult(entity, local_id, at=at)
    for name, new in values.items():
        old = getattr(rec, name)
        if _json(old) == _json(new):
            continue
        setattr(rec, name, new)
        session.add(RecordEdit(entity=entity, local_id=local_id, field=name, old_value=_json(old),
                               new_value=_json(new), source=source, actor=actor, at=at))
        result.changed[name] = (old, new)
    if result.changed:
        rec.updated_at = at
        if mark_dirty:
            rec.dirty = True
            rec.local_modified_at = at
            rec.local_modified_by = actor
        if source == "edit":
            # An open conflict on an edited field shows Lumio's newest value and who set it.
            for c in session.scalars(select(Conflict).where(
                    Conflict.entity == entity, Conflict.local_id == local_id,
                    Conflict.status == ConflictStatus.OPEN, Conflict.field.in_(list(result.changed)))):
                c.lumio_value = _json(values[c.field])
                c.lumio_modified_at = at
                c.lumio_modified_by = actor
    return result


def edit_record(store, entity: str, local_id: int, changes: Mapping[str, Any], *, actor: str | None,
                at: datetime | None = None, hub=None) -> EditResult:
    """Edit one record in its own transaction. `actor` is who (shown in conflicts: "you, 28 Nov 14:10")."""
    if not changes:
        raise EditError(NO_CHANGES())
    with store.session.begin() as s:
        result = apply_changes(s, entity, local_id, changes, actor=actor, at=at)
    if hub is not None and result.changed:
        hub.publish("records_changed", result.entity)
    return result


def field_edits(session: Session, entity: str, local_ids: list[int]) -> dict[int, dict[str, tuple[datetime, str | None]]]:
    """Who last edited each field of these records, and when: last_modified compares per field, conflicts show who."""
    out: dict[int, dict[str, tuple[datetime, str | None]]] = {}
    for i in range(0, len(local_ids), 500):
        chunk = local_ids[i:i + 500]
        for local_id, name, at, actor in session.execute(
                select(RecordEdit.local_id, RecordEdit.field, RecordEdit.at, RecordEdit.actor)
                .where(RecordEdit.entity == entity, RecordEdit.local_id.in_(chunk), RecordEdit.source == "edit")):
            d = out.setdefault(local_id, {})
            if name not in d or at > d[name][0]:
                d[name] = (at, actor)
    return out


def field_edit_times(session: Session, entity: str, local_ids: list[int]) -> dict[int, dict[str, datetime]]:
    return {i: {f: at for f, (at, _) in d.items()} for i, d in field_edits(session, entity, local_ids).items()}


def history(store, entity: str, local_id: int) -> list[dict[str, Any]]:
    entity = entity_name(entity)
    with store.session() as s:
        rows = s.scalars(select(RecordEdit).where(RecordEdit.entity == entity, RecordEdit.local_id == local_id)
                         .order_by(RecordEdit.at, RecordEdit.id))
        return [{"field": r.field, "old": r.old_value, "new": r.new_value, "source": r.source, "actor": r.actor,
                 "at": r.at.isoformat()} for r in rows]
