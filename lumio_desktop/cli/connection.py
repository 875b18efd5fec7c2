"""`lumio-sync connection set NAME --strategy ... [--direction pull|both] [--field-strategy field=strategy]`."""

from __future__ import annotations

from lumio_desktop.cli.sync import find_connection
from lumio_desktop.errors import LumioError
from lumio_desktop.store.edits import editable_fields
from lumio_desktop.store.models import Connection, Direction, Strategy

STRATEGY_HELP = ("provider: the provider's value wins; lumio: Lumio's value wins and is pushed; last_modified: the "
                 "newer change wins (a tie goes to a person); manual: Lumio keeps its value until a person decides")


def register(sub) -> None:
    p = sub.add_parser("connection", help="a connection's conflict strategy and sync direction")
    csub = p.add_subparsers(dest="connection_command", metavar="ACTION", required=True)
    s = csub.add_parser("set", help="set the strategy and/or direction")
    s.add_argument("name", help="the connection's name")
    s.add_argument("--strategy", choices=[x.value for x in Strategy], help=STRATEGY_HELP)
    s.add_argument("--direction", choices=[x.value for x in Direction],
                   help="pull: Lumio only reads; both: Lumio's edits are pushed too")
    s.add_argument("--field-strategy", action="append", default=[], metavar="FIELD=STRATEGY",
                   help="override the strategy for one field (repeatable); FIELD= removes the override")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=run_set)
    g = csub.add_parser("show", help="the strategy, per-field overrides and direction")
    g.add_argument("name")
    g.add_argument("--json", action="store_true")
    g.set_defaults(handler=run_show)


def _describe(c: Connection) -> dict:
    return {"name": c.name, "provider": str(c.provider), "strategy": str(c.strategy),
            "field_strategies": c.field_strategies or {}, "direction": str(c.direction)}


def run_set(args, ctx) -> int:
    if not (args.strategy or args.direction or args.field_strategy):
        raise LumioError("nothing to set: give --strategy, --direction or --field-strategy")
    found = find_connection(ctx.store, args.name)
    fields = set()
    for entity in ("lead", "company", "deal"):
        fields.update(editable_fields(entity))
    with ctx.store.session.begin() as s:
        c = s.get(Connection, found.id)
        if args.strategy:
            c.strategy = Strategy(args.strategy)
        if args.direction:
            c.direction = Direction(args.direction)
        overrides = dict(c.field_strategies or {})
        for item in args.field_strategy:
            name, eq, value = item.partition("=")
            name = name.strip()
            if not eq or name not in fields:
                raise LumioError(f"--field-strategy needs FIELD=STRATEGY with a known field, not {item!r}")
            if not value:
                overrides.pop(name, None)
            elif value not in {x.value for x in Strategy}:
                raise LumioError(f"unknown strategy {value!r} for {name}: use provider, lumio, last_modified or manual")
            else:
                overrides[name] = value
        c.field_strategies = overrides or None
        out = _describe(c)
    if args.json:
        ctx.print_json(out)
    else:
        extra = "".join(f", {k}: {v}" for k, v in out["field_strategies"].items())
        print(f"{out['name']}: strategy {out['strategy']}{extra}; direction {out['direction']}")
    return 0


def run_show(args, ctx) -> int:
    out = _describe(find_connection(ctx.store, args.name))
    if args.json:
        ctx.print_json(out)
    else:
        extra = "".join(f", {k}: {v}" for k, v in out["field_strategies"].items())
        print(f"{out['name']}: strategy {out['strategy']}{extra}; direction {out['direction']}")
    return 0
