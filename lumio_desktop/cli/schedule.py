"""`lumio-sync schedule`: each connection's cron and its next run."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("schedule", help="each connection's sync schedule and next run")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from lumio_desktop.sync.scheduler import list_schedule

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
