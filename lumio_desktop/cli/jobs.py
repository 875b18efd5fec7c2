"""`lumio-sync jobs` and `lumio-sync job show|logs|cancel ID`: the job history, one job's metrics and log, cancel.

A job id may be shortened to any unique prefix. `job cancel` works across processes: it writes the `cancelled`
status, and the process running the job stops before its next page (every page written so far is kept).
"""

from __future__ import annotations

from sqlalchemy import select, update

from lumio_desktop.errors import LumioError
from lumio_desktop.store.models import Connection, JobLog, JobStatus, RejectedRecord, SyncJob
from lumio_desktop.store.types import utcnow


class UnknownJob(LumioError):
    pass


def register(sub) -> None:
    p = sub.add_parser("jobs", help="recent sync jobs")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    p.add_argument("--connection", help="only this connection's jobs")
    p.set_defaults(handler=list_jobs)

    j = sub.add_parser("job", help="one job: show, logs, cancel")
    jsub = j.add_subparsers(dest="job_command", metavar="ACTION", required=True)
    s = jsub.add_parser("show", help="a job's metrics and its rejected records")
    s.add_argument("id")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=show)
    lg = jsub.add_parser("logs", help="a job's log")
    lg.add_argument("id")
    lg.add_argument("--json", action="store_true")
    lg.set_defaults(handler=logs)
    c = jsub.add_parser("cancel", help="cancel a queued or running job")
    c.add_argument("id")
    c.set_defaults(handler=cancel)


def _names(s) -> dict[int, str]:
    return dict(s.execute(select(Connection.id, Connection.name)).all())


def _job(s, job_id: str) -> SyncJob:
    rows = s.scalars(select(SyncJob).where(SyncJob.id.startswith(job_id, autoescape=True)).limit(2)).all()
    if not rows:
        raise UnknownJob(f"no job {job_id!r}; list them with `lumio-sync jobs`")
    if len(rows) > 1:
        raise UnknownJob(f"{job_id!r} names more than one job; give more of its id")
    return rows[0]


def _summary(j: SyncJob, names: dict[int, str]) -> dict:
    from lumio_desktop.sync.jobs import SyncMetrics

    out = SyncMetrics.from_row(j).to_json()
    out["connection"] = names.get(j.connection_id)
    out["progress"] = j.progress
    return out


def list_jobs(args, ctx) -> int:
    with ctx.store.session() as s:
        names = _names(s)
        q = select(SyncJob).order_by(SyncJob.created_at.desc()).limit(args.limit)
        if args.connection:
            ids = [i for i, n in names.items() if n == args.connection]
            if not ids:
                raise UnknownJob(f"no connection named {args.connection!r}")
            q = q.where(SyncJob.connection_id == ids[0])
        jobs = [_summary(j, names) for j in s.scalars(q)]
    if args.json:
        ctx.print_json({"jobs": jobs})
        return 0
    if not jobs:
        print("no sync jobs yet: run one with `lumio-sync sync NAME`")
        return 0
    for j in jobs:
        took = f"{j['duration_ms'] / 1000:.1f}s" if j["duration_ms"] is not None else "-"
        print(f"{j['job_id'][:8]}  {j['created_at'][:19]}  {j['connection'] or '-':<16} {j['sync_type']:<11} "
              f"{j['status']:<11} {j['processed_records']:>7} records {took:>8}"
              + (f"  {j['error_message']}" if j["error_message"] else ""))
    return 0


def show(args, ctx) -> int:
    with ctx.store.session() as s:
        j = _job(s, args.id)
        out = _summary(j, _names(s))
        rejected = s.scalars(select(RejectedRecord).where(RejectedRecord.job_id == j.id)
                             .order_by(RejectedRecord.id).limit(100)).all()
        out["rejected"] = [{"object_type": r.object_type, "external_id": r.external_id, "reason": r.reason,
                            "raw": r.raw} for r in rejected]
    if args.json:
        ctx.print_json(out)
        return 0
    for k, v in out.items():
        if k != "rejected":
            print(f"{k:<18} {v}")
    if out["rejected"]:
        print(f"rejected records (first {len(out['rejected'])}):")
        for r in out["rejected"]:
            print(f"  {r['object_type']} {r['external_id'] or '?'}: {r['reason']}")
    return 0


def logs(args, ctx) -> int:
    with ctx.store.session() as s:
        j = _job(s, args.id)
        lines = [{"at": line.at.isoformat(), "level": line.level, "message": line.message}
                 for line in s.scalars(select(JobLog).where(JobLog.job_id == j.id).order_by(JobLog.id))]
    if args.json:
        ctx.print_json({"job_id": j.id, "logs": lines})
        return 0
    for line in lines:
        print(f"{line['at'][:19]} {line['level']:<7} {line['message']}")
    return 0


def cancel(args, ctx) -> int:
    from lumio_desktop.sync.jobs import CANCEL_ASKED_CLI, CANCELLED_CLI

    with ctx.store.session() as s, s.begin():
        j = _job(s, args.id)
        if j.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
            print(f"job {j.id} is already {j.status}; nothing to cancel")
            return 1
        was = j.status
        s.execute(update(SyncJob).where(SyncJob.id == j.id, SyncJob.status == was).values(
            status=JobStatus.CANCELLED, error_message=CANCELLED_CLI()))
        s.add(JobLog(job_id=j.id, at=utcnow(), level="info", message=CANCEL_ASKED_CLI()))
    print(f"job {j.id} cancelled" + ("; it stops before its next page" if was == JobStatus.RUNNING else ""))
    return 0
