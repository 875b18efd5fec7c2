"""`lumio-sync edit leads|companies|deals ID --set field=value ...`: edit a local record (who/when recorded, marked
changed since its last sync, pushed at the next sync of a two-way connection)."""

from __future__ import annotations

import getpass

from lumio_desktop.store.edits import EditError, edit_record, editable_fields, entity_name


def register(sub) -> None:
    p = sub.add_parser("edit", help="edit a lead, company or deal in Lumio")
    p.add_argument("entity", choices=("leads", "companies", "deals"), help="the kind of record")
    p.add_argument("id", type=int, help="the record's id in Lumio")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="FIELD=VALUE",
                   help="a field and its new value (repeatable); an empty value clears the field")
    p.add_argument("--by", default=None, help="who made the change (default: the system user name)")
    p.add_argument("--json", action="store_true", help="print what changed as one JSON object")
    p.set_defaults(handler=run)


def parse_sets(entity: str, sets: list[str]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for item in sets:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise EditError(f"--set needs field=value, not {item!r}; fields of {entity_name(entity)}: "
                            f"{', '.join(editable_fields(entity))}")
        changes[name.strip()] = value
    return changes


def actor_name(explicit: str | None) -> str:
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): still record that it was a person
        return "cli"


def run(args, ctx) -> int:
    changes = parse_sets(args.entity, args.sets)
    if not changes:
        raise EditError("nothing to change: give at least one --set field=value")
    result = edit_record(ctx.store, args.entity, args.id, changes, actor=actor_name(args.by))
    changed = {k: {"old": _j(o), "new": _j(n)} for k, (o, n) in result.changed.items()}
    if args.json:
        ctx.print_json({"entity": result.entity, "id": result.local_id, "changed": changed})
        return 0
    if not changed:
        print(f"{result.entity} {result.local_id}: nothing changed (the values were already those)")
        return 0
    for name, c in changed.items():
        print(f"{result.entity} {result.local_id} {name}: {c['old']!r} -> {c['new']!r}")
    return 0


def _j(v):
    return v.isoformat() if hasattr(v, "isoformat") else v
