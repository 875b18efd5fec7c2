"""`lumio-sync dedupe [--strategy keep_latest|keep_provider|manual] [--entity leads|companies] [--dry-run] [--json]`:
find duplicates within and across providers and merge them; `--merge ID... --into ID` for a person's choice;
`--undo MERGE_ID`; `--history`."""

from __future__ import annotations

from lumio_desktop.cli.edit import actor_name
from lumio_desktop.sync import dedupe as dd


def register(sub) -> None:
    p = sub.add_parser("dedupe", help="find and merge duplicate leads or companies (within and across providers)")
    p.add_argument("--strategy", choices=dd.STRATEGIES, default="manual",
                   help="keep_latest: keep the most recently changed; keep_provider: keep the one from "
                        f"{' > '.join(dd.PROVIDER_ORDER)}; manual (default): only list the groups")
    p.add_argument("--entity", choices=("leads", "companies"), default="leads",
                   help="leads (default; by email, then name + company/phone) or companies (by web domain, then name + "
                        "city/phone)")
    p.add_argument("--dry-run", action="store_true", help="show what would be merged, change nothing")
    p.add_argument("--merge", type=int, nargs="+", metavar="ID", help="merge these leads ... (with --into)")
    p.add_argument("--into", type=int, metavar="ID", help="... into this one")
    p.add_argument("--undo", metavar="MERGE_ID", help="undo a merge")
    p.add_argument("--history", action="store_true", help="list recent merges")
    p.add_argument("--by", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    actor = actor_name(args.by)
    if args.undo:
        out = dd.undo_merge(ctx.store, args.undo, actor=actor)
        if args.json:
            ctx.print_json(out)
        else:
            print(f"merge {out['merge_id']} undone: {', '.join(map(str, out['restored']))} stand alone again")
            for k in out["kept"]:
                print(f"  kept {k}")
        return 0
    if args.history:
        rows = dd.merges(ctx.store)
        if args.json:
            ctx.print_json({"merges": rows})
        else:
            for m in rows:
                print(f"{m['merge_id']} {m['at']} by {m['actor']}: {m['entity']} {m['merged']} -> {m['survivor']}"
                      + (" (undone)" if m["undone"] else ""))
        return 0
    if args.merge or args.into:
        if not (args.merge and args.into):
            raise dd.DedupeError("--merge ID... needs --into ID (the lead that stays)")
        plan = dd.merge_group(ctx.store, args.into, args.merge, actor=actor, dry_run=args.dry_run, entity=args.entity)
        if args.json:
            ctx.print_json({"dry_run": args.dry_run, "merge": plan.to_dict()})
        else:
            verb = "would merge" if args.dry_run else "merged"
            print(f"{verb} {plan.merged} into {plan.survivor} (merge id {plan.merge_id}; {len(plan.links)} provider "
                  f"links moved, {len(plan.fills)} empty fields filled)")
        return 0
    report = dd.dedupe(ctx.store, strategy=args.strategy, dry_run=args.dry_run, actor=actor, entity=args.entity)
    if args.json:
        ctx.print_json(report.to_dict())
        return 0
    if not report.groups:
        print("no duplicates found")
        return 0
    plans = {m.survivor: m for m in report.merges}
    for n, g in enumerate(report.groups, 1):
        names = "; ".join(f"{i} {g.labels[i]}" for i in g.members)
        where = ", ".join(sorted(set(g.providers))) or "Lumio only"
        print(f"group {n}: {names} [{where}] — {', '.join(g.reasons)}")
        if g.survivor is not None:
            m = plans.get(g.survivor)
            verb = "would keep" if args.dry_run else "kept"
            print(f"    {verb} {g.survivor}" + (f" (merge id {m.merge_id})" if m and not args.dry_run else ""))
    if args.strategy == "manual":
        print(f"{len(report.groups)} groups; merge with `lumio-sync dedupe --merge ID... --into ID`, or choose "
              "--strategy keep_latest|keep_provider")
    elif args.dry_run:
        print(f"{len(report.merges)} merges would be made; run again without --dry-run to make them")
    else:
        print(f"{len(report.merges)} merges made; undo one with `lumio-sync dedupe --undo MERGE_ID`")
    return 0
