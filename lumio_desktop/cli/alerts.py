"""`lumio-sync alerts`: alerts not yet acknowledged (failed, slow, many rejected records); acknowledge them."""

from __future__ import annotations

import getpass
import sys

from lumio_desktop.errors import LumioError


class UnknownAlert(LumioError):
    pass


def register(sub) -> None:
    p = sub.add_parser("alerts", help="list alerts; acknowledge them")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--all", action="store_true", help="include acknowledged alerts")
    p.add_argument("--limit", type=int, default=100, help="at most this many (newest first; default 100)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--ack", type=int, metavar="ID", help="acknowledge one alert")
    g.add_argument("--ack-all", action="store_true", help="acknowledge every alert")
    g.add_argument("--set-smtp-password", action="store_true",
                   help="store the SMTP password for alert emails in the OS keychain (read from stdin)")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from lumio_desktop.sync.alerts import acknowledge, acknowledge_all, list_alerts, set_smtp_password

    if args.set_smtp_password:
        from lumio_desktop.auth.vault import TokenVault

        vault = TokenVault.from_settings(ctx.settings)
        if vault.warning:
            print(f"lumio-sync: {vault.warning}", file=sys.stderr)
        pw = getpass.getpass("SMTP password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
        set_smtp_password(vault, pw)
        print("SMTP password stored in the keychain" if pw else "SMTP password removed from the keychain")
        return 0
    if args.ack is not None:
        if not acknowledge(ctx.store, args.ack):
            raise UnknownAlert(f"no alert {args.ack}; list them with `lumio-sync alerts --all`")
        if args.json:
            ctx.print_json({"acknowledged": [args.ack]})
        else:
            print(f"alert {args.ack} acknowledged")
        return 0
    if args.ack_all:
        n = acknowledge_all(ctx.store)
        if args.json:
            ctx.print_json({"acknowledged": n})
        else:
            print(f"{n} alert(s) acknowledged")
        return 0
    rows = list_alerts(ctx.store, include_acknowledged=args.all, limit=args.limit)
    if args.json:
        ctx.print_json({"alerts": rows})
        return 0
    if not rows:
        print("no alerts" if args.all else "no alerts to acknowledge")
        return 0
    for a in rows:
        ack = "  (acknowledged)" if a["acknowledged_at"] else ""
        print(f"#{a['id']:<5} {a['created_at'][:19].replace('T', ' ')}  {a['severity']:<7} {a['kind']:<12}"
              f" {a['message']}{ack}")
        failed = {k: v for k, v in (a["delivered"] or {}).items() if v != "ok"}
        for channel, err in failed.items():
            print(f"       not sent by {channel}: {err}")
    if not args.all:
        print("acknowledge with `lumio-sync alerts --ack ID` (or --ack-all)")
    return 0
