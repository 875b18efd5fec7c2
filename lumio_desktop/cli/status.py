"""`lumio-sync status`: each connection's health and its last job."""

from __future__ import annotations

from sqlalchemy import func, select

from lumio_desktop.store.models import Connection, SyncJob


def register(sub) -> None:
    p = sub.add_parser("status", help="connections and their last sync")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def collect(store) -> dict:
    with store.session() as s:
        latest = (
            select(SyncJob.connection_id, func.max(SyncJob.created_at).label("at"))
            .group_by(SyncJob.connection_id)
            .subquery()
        )
        last_jobs = {
            j.connection_id: j
            for j in s.scalars(
                select(SyncJob).join(
                    latest, (SyncJob.connection_id == latest.c.connection_id) & (SyncJob.created_at == latest.c.at)
                )
            )
        }
        out = []
        for c in s.scalars(select(Connection).order_by(Connection.name)):
            job = last_jobs.get(c.id)
            out.append(
                {
                    "name": c.name,
                    "provider": c.provider.value,
                    "health": c.health.value,
                    "reason": c.health_reason,
                    "last_job": None
                    if job is None
                    else {
                        "id": job.id,
                        "status": job.status.value,
                        "sync_type": job.sync_type.value,
                        "started_at": job.started_at.isoformat() if job.started_at else None,
                        "ended_at": job.ended_at.isoformat() if job.ended_at else None,
                        "processed_records": job.processed_records,
                        "failed_records": job.failed_records,
                        "error": job.error_message,
                    },
                }
            )
    return {"database": str(store.path or store.engine.url.render_as_string(hide_password=True)), "connections": out}


def run(args, ctx) -> int:
    report = collect(ctx.store)
    if args.json:
        ctx.print_json(report)
        return 0
    if not report["connections"]:
        print("no connections yet: add one with `lumio-sync connect` or in the app")
        return 0
    for c in report["connections"]:
        job = c["last_job"]
        last = "never synced" if job is None else f"last sync {job['status']} at {job['ended_at'] or job['started_at'] or '-'}"
        reason = f" ({c['reason']})" if c["reason"] else ""
        print(f"{c['name']:<24} {c['provider']:<11} {c['health']:<13} {last}{reason}")
    return 0
