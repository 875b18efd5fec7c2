"""`lumio-sync schedule`: each connection's cron and its next run; set or reset one connection's cron."""

from __future__ import annotations

from lumio_desktop.errors import LumioError


class BadSchedule(LumioError):
    pass


def register(sub) -> None:
    p = sub.add_parser("schedule", help="each connection's sync schedule and next run; --set NAME CRON to change one")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--set", nargs=2, metavar=("NAME", "CRON"),
                   help='give a connection its own schedule, e.g. --set hubspot "*/15 * * * *" (crontab syntax)')
    g.add_argument("--reset", metavar="NAME", help="back to the default schedule")
    p.set_defaults(handler=run)


def _change(ctx, name: str, cron: str | None) -> str:
    from lumio_desktop.cli.sync import find_connection
    from lumio_desktop.compat import crontab_trigger
    from lumio_desktop.store.models import Connection

    if cron is not None:
        try:
            crontab_trigger(cron, "UTC")
        except ValueError as e:
            raise BadSchedule(f"{cron!r} is not a schedule: {e}") from None
    conn = find_connection(ctx.store, name)
    with ctx.store.session() as s, s.begin():
        s.get(Connection, conn.id).schedule = cron
    # A running app or daemon re-reads connections within 5 minutes (or at once, for changes made in the app).
    return conn.name


def run(args, ctx) -> int:
    from lumio_desktop.sync.scheduler import list_schedule

    if args.set or args.reset:
        name = _change(ctx, *(args.set if args.set else (args.reset, None)))
        if not args.json:
            print(f"{name}: schedule {'set to ' + repr(args.set[1]) if args.set else 'reset to the default'} "
                  "(a running app or daemon picks it up within 5 minutes)")
    entries = list_schedule(ctx.store, ctx.settings)
    if args.json:
        ctx.print_json({"connections": [e.as_dict() for e in entries],
                        "default_schedule": ctx.settings.default_schedule,
                        "salesforce_schedule": ctx.settings.salesforce_schedule})
        return 0
    if not entries:
        print("no connections yet: add one with `lumio-sync connect` or in the app")
        return 0
    for e in entries:
        when = e.next_run.astimezone().strftime("%Y-%m-%d %H:%M %Z") if e.next_run else "not scheduled (paused)"
        origin = {"connection": "its own", "salesforce_default": "Salesforce default",
                  "default": "default"}[e.source]
        print(f"{e.name:<24} {e.provider:<11} {e.cron:<16} ({origin})  next: {when}")
        if e.error:
            print(f"  {e.error}")
    return 0
