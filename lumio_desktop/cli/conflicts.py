"""`lumio-sync conflicts`: open conflicts side by side; `conflicts resolve ID... --keep lumio|provider`;
`conflicts undo ID`. A resolution that needs the provider to change is pushed at the connection's next sync
(`--push` runs that sync now)."""

from __future__ import annotations

import asyncio
import json

from lumio_desktop.cli.edit import actor_name
from lumio_desktop.sync import conflicts as cf


def register(sub) -> None:
    p = sub.add_parser("conflicts", help="fields changed on both sides: list, resolve, undo")
    p.add_argument("--json", action="store_true", help="print the conflicts as one JSON object")
    p.add_argument("--status", default="open", choices=("open", "resolved", "auto", "undone", "all"),
                   help="which conflicts to list (default: open)")
    p.add_argument("--limit", type=int, default=200, help="at most this many (default 200)")
    p.set_defaults(handler=run_list)
    csub = p.add_subparsers(dest="conflicts_command", metavar="ACTION")
    r = csub.add_parser("resolve", help="decide one or more conflicts")
    r.add_argument("ids", type=int, nargs="+", metavar="ID")
    how = r.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", choices=("lumio", "provider"), help="which side's value to keep")
    how.add_argument("--value", help="keep this value instead of either side's (JSON, or plain text)")
    r.add_argument("--push", action="store_true", help="sync the connection now so the provider gets the value")
    r.add_argument("--by", default=None, help="who decided (default: the system user name)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=run_resolve)
    u = csub.add_parser("undo", help="undo a resolution: the record gets its value back, the conflict reopens")
    u.add_argument("id", type=int, metavar="ID")
    u.add_argument("--push", action="store_true", help="sync the connection now so the provider gets its value back")
    u.add_argument("--by", default=None)
    u.add_argument("--json", action="store_true")
    u.set_defaults(handler=run_undo)


def _short(v, width: int = 28) -> str:
    text = "(empty)" if v is None or v == "" else str(v)
    return text if len(text) <= width else text[: width - 1] + "…"


def run_list(args, ctx) -> int:
    status = None if args.status == "all" else args.status
    views = cf.list_conflicts(ctx.store, status=status, limit=args.limit)
    if args.json:
        ctx.print_json({"count": len(views), "conflicts": [v.to_dict() for v in views]})
        return 0
    if not views:
        print("no open conflicts" if status == "open" else "no conflicts")
        return 0
    for v in views:
        who = f"{v.lumio_modified_by or 'Lumio'}, {v.lumio_modified_at:%d %b %H:%M}" if v.lumio_modified_at else \
            (v.lumio_modified_by or "Lumio")
        when = f"{v.provider_modified_at:%d %b %H:%M}" if v.provider_modified_at else "time unknown"
        state = v.status if v.status == "open" else f"{v.status}, kept {v.winner}"
        print(f"#{v.id} {v.record_label} ({v.entity} {v.local_id}) · {v.connection_name} {v.object_type} "
              f"{v.external_id} · {v.field} [{state}]")
        print(f"    base {_short(v.base_value)!s:<30} Lumio {_short(v.lumio_value)} ({who})")
        print(f"    {'':<35} {v.provider or 'provider'} {_short(v.provider_value)} ({when})")
    print(f"{len(views)} shown" + ("; decide with `lumio-sync conflicts resolve ID... --keep lumio|provider`"
                                  if status == "open" else "; undo a resolution with `lumio-sync conflicts undo ID`"))
    return 0


def _push_now(ctx, connection_ids) -> list[str]:
    """A push-only job per connection, in its lane, waited for."""
    from lumio_desktop.store.models import Trigger
    from lumio_desktop.sync.engine import SyncService
    from lumio_desktop.sync.events import EventHub

    async def go():
        service = SyncService(ctx.store, ctx.settings, EventHub())
        out = []
        try:
            await service.start(resume=False)
            for cid in connection_ids:
                job_id = service.push_now(cid, Trigger.CLI)
                status = await service.wait(job_id)
                m = await service.metrics(job_id)
                out.append(f"push to connection {cid}: {status}" + (f" ({m.error_message})" if m.error_message
                                                                        else ""))
        finally:
            await service.aclose()
        return out

    return asyncio.run(go())


def run_resolve(args, ctx) -> int:
    if args.value is not None:
        try:
            value = json.loads(args.value)
        except json.JSONDecodeError:
            value = args.value
        report = cf.resolve(ctx.store, [], values={i: value for i in args.ids}, actor=actor_name(args.by))
    else:
        report = cf.resolve(ctx.store, args.ids, args.keep, actor=actor_name(args.by))
    pushed = _push_now(ctx, sorted(report.push_connections)) if args.push and report.push_connections else []
    if args.json:
        ctx.print_json({"outcomes": [{"id": o.conflict_id, "status": o.status, "winner": o.winner,
                                      "message": o.message} for o in report.outcomes],
                        "push_connections": sorted(report.push_connections), "pushed": pushed})
    else:
        for o in report.outcomes:
            print(f"#{o.conflict_id}: {o.status}: {o.message}")
        for line in pushed:
            print(line)
        if report.push_connections and not args.push:
            print("the provider gets the value at the connection's next sync (or add --push to sync now)")
    return 0 if report.ok else 1


def run_undo(args, ctx) -> int:
    out = cf.undo(ctx.store, args.id, actor=actor_name(args.by))
    pushed = _push_now(ctx, [out.push_connection]) if args.push and out.push_connection else []
    if args.json:
        ctx.print_json({"id": out.conflict_id, "status": out.status, "reopened": out.new_conflict_id,
                        "message": out.message, "push_connection": out.push_connection, "pushed": pushed})
    else:
        print(f"#{out.conflict_id}: {out.message}")
        for line in pushed:
            print(line)
        if out.push_connection and not args.push:
            print("the provider gets its value back at the connection's next sync (or add --push)")
    return 0
