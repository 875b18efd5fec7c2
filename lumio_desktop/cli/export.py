"""`lumio-sync export leads|companies|deals [--format jsonl|csv]`: every local record with its provider links.

Each record carries `deleted` (archived or deleted in the provider: `deleted_at` is set) and `links`: the provider
records it is tied to (connection, provider, object type, external id, and whether that provider deleted it).
Streams in id order, a batch at a time, so memory stays flat however big the store is.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select

from lumio_desktop.store.models import ENTITY_MODELS, Connection, RecordLink

ENTITIES = {"leads": "lead", "companies": "company", "deals": "deal"}
BATCH = 1000


def register(sub) -> None:
    p = sub.add_parser("export", help="write local records with their provider links (JSON lines or CSV)")
    p.add_argument("what", choices=sorted(ENTITIES))
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--output", "-o", help="a file to write (default: standard output)")
    p.set_defaults(handler=run)


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime) else v


def iter_records(store, entity: str):
    """Yield each record of `entity` as a dict with `deleted` and `links`, in id order, BATCH at a time."""
    model = ENTITY_MODELS[entity]
    table = model.__table__
    cols = list(table.c)
    with store.session() as s:
        names = dict(s.execute(select(Connection.id, Connection.name)).all())
        last = 0
        while True:
            rows = s.execute(select(*cols).where(table.c.id > last).order_by(table.c.id).limit(BATCH)).all()
            if not rows:
                return
            ids = [r.id for r in rows]
            links: dict[int, list[dict[str, Any]]] = defaultdict(list)
            lc = RecordLink.__table__.c
            for link in s.execute(select(lc.local_id, lc.connection_id, lc.provider, lc.object_type, lc.external_id,
                                         lc.remote_deleted, lc.remote_modified_at)
                                  .where(lc.entity == entity, lc.local_id.in_(ids)).order_by(lc.id)):
                links[link.local_id].append({
                    "connection": names.get(link.connection_id), "provider": str(link.provider),
                    "object_type": link.object_type, "external_id": link.external_id,
                    "remote_deleted": bool(link.remote_deleted), "remote_modified_at": _plain(link.remote_modified_at),
                })
            for r in rows:
                rec = {c.key: _plain(getattr(r, c.key)) for c in cols}
                rec["deleted"] = r.deleted_at is not None
                rec["links"] = links.get(r.id, [])
                yield rec
            last = ids[-1]


def run(args, ctx) -> int:
    entity = ENTITIES[args.what]
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format == "jsonl":
            for rec in iter_records(ctx.store, entity):
                out.write(json.dumps(rec, ensure_ascii=False, default=str))
                out.write("\n")
        else:
            cols = [c.key for c in ENTITY_MODELS[entity].__table__.c] + ["deleted", "links"]
            w = csv.DictWriter(out, fieldnames=cols)
            w.writeheader()
            for rec in iter_records(ctx.store, entity):
                rec["links"] = ";".join(
                    f"{link['connection']}:{link['object_type']}:{link['external_id']}"
                    + (":deleted" if link["remote_deleted"] else "") for link in rec["links"])
                if isinstance(rec.get("tags"), list):
                    rec["tags"] = ",".join(rec["tags"])
                w.writerow(rec)
    finally:
        if args.output:
            out.close()
    return 0
