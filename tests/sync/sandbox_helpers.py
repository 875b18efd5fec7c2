"""Comparing the store with what the sandbox holds: what `export` must equal (no duplicate, nothing missing,
archived/deleted marked, every mapped field as the provider has it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from lumio_desktop.store.models import ENTITY_MODELS, RecordLink
from lumio_desktop.sync.mapping import get_map, snapshot_value

OBJECTS = {"hubspot": ("companies", "contacts", "deals"), "salesforce": ("Account", "Contact", "Lead", "Opportunity"),
           "shopify": ("customers",)}


def requested(provider: str, obj: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The record as the client asked for it (HubSpot sends only the properties a client names)."""
    if provider == "hubspot":
        from lumio_desktop.sync.providers.hubspot import DEFAULT_PROPERTIES

        props = raw.get("properties") or {}
        return {**raw, "properties": {k: v for k, v in props.items() if k in DEFAULT_PROPERTIES[obj]}}
    return raw


def differences(store, connection_id: int, provider: str, state: dict[str, list[dict[str, Any]]],
                exported: dict[str, dict[str, dict[str, Any]]] | None = None) -> list[str]:
    """Problems, in words; [] when the store holds exactly the sandbox's records.

    `exported`: {entity: {"<object>:<external id>": exported record}} from `lumio-sync export` (optional)."""
    problems: list[str] = []
    with store.session() as s:
        for obj in OBJECTS[provider]:
            m = get_map(provider, obj)
            table = ENTITY_MODELS[m.entity].__table__
            rows = s.execute(
                select(RecordLink.external_id, RecordLink.snapshot, RecordLink.remote_deleted, table.c.deleted_at,
                       *(table.c[c] for c in m.columns))
                .join(table, table.c.id == RecordLink.local_id)
                .where(RecordLink.connection_id == connection_id, RecordLink.object_type == obj)).all()
            local = {r.external_id: r for r in rows}
            n_links = s.scalar(select(func.count()).select_from(RecordLink).where(
                RecordLink.connection_id == connection_id, RecordLink.object_type == obj))
            if n_links != len(local):
                problems.append(f"{obj}: {n_links - len(local)} links point at no local record")
            remote = {e["id"]: e for e in state.get(obj, [])}
            for ext in local.keys() - remote.keys():
                problems.append(f"{obj} {ext}: in the store, not in the sandbox")
            for ext, e in remote.items():
                r = local.get(ext)
                if e["archived"]:
                    if r is not None and not (r.remote_deleted and r.deleted_at is not None):
                        problems.append(f"{obj} {ext}: archived/deleted in the sandbox, not marked in the store")
                    continue
                if r is None:
                    problems.append(f"{obj} {ext}: missing from the store")
                    continue
                if r.remote_deleted or r.deleted_at is not None:
                    problems.append(f"{obj} {ext}: live in the sandbox, marked deleted in the store")
                want = {k: snapshot_value(v) for k, v in m.map(requested(provider, obj, e["record"])).items()}
                have = {c: snapshot_value(getattr(r, c)) for c in m.columns}
                if have != want:
                    diff = {k: (have[k], want[k]) for k in want if have[k] != want[k]}
                    problems.append(f"{obj} {ext}: fields differ (store, sandbox): {diff}")
                if exported is not None:
                    x = exported.get(m.entity, {}).get(f"{obj}:{ext}")
                    if x is None or x["deleted"] or {c: x[c] for c in m.columns} != want:
                        problems.append(f"{obj} {ext}: export differs from the sandbox: {x}")
        for entity in {get_map(provider, o).entity for o in OBJECTS[provider]}:
            model = ENTITY_MODELS[entity]
            n_records = s.scalar(select(func.count()).select_from(model))
            n = s.scalar(select(func.count(func.distinct(RecordLink.local_id))).where(RecordLink.entity == entity))
            if n_records != n:
                problems.append(f"{entity}: {n_records} records but {n} linked (orphans or duplicates)")
    return problems[:20]
