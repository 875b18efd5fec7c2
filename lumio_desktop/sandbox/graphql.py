"""Shopify GraphQL Admin subset: `customers` (first/last, after/before, query, sortKey, reverse), `customer(id)`,
`customersCount`, `shop`; query cost in `extensions.cost` with a restoring bucket and THROTTLED (CONTRACTS §3.3, §3.5).

The parser covers operations with variables, aliases, arguments, inline fragments and named fragments; mutations
and other root fields answer a GraphQL error (HTTP 200), never a crash.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from lumio_desktop.sandbox.errors import ApiError
from lumio_desktop.sandbox.routing import json_response, read_json
from lumio_desktop.sandbox.shopify import bad_request, parse_time, utc_time
from lumio_desktop.sandbox.store import Record


class GraphQLError(Exception):
    def __init__(self, message: str, code: str = "BAD_REQUEST", path: list | None = None):
        super().__init__(message)
        self.code = code
        self.path = path


_TOKENS = re.compile(r'''\s*(?:(?P<comment>\#[^\n]*)|(?P<spread>\.\.\.)|(?P<punct>[{}()\[\]:!$=@,|&])
    |(?P<string>"(?:[^"\\]|\\.)*")|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<name>[_A-Za-z][_0-9A-Za-z]*))''',
                     re.VERBOSE)


def _lex(src: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(src):
        if src[pos:].strip() == "":
            break
        m = _TOKENS.match(src, pos)
        if not m or m.end() == pos:
            raise GraphQLError(f"Parse error on \"{src[pos:pos + 10].strip()}\"", "PARSE_ERROR")
        pos = m.end()
        kind = m.lastgroup
        if kind == "comment" or (kind == "punct" and m.group(kind) == ","):
            continue
        out.append((kind, m.group(kind)))
    return out


class _P:
    def __init__(self, toks):
        self.t = toks
        self.i = 0

    def peek(self, value: str | None = None) -> bool:
        return self.i < len(self.t) and (value is None or self.t[self.i][1] == value)

    def take(self, value: str | None = None) -> tuple[str, str]:
        if self.i >= len(self.t) or (value is not None and self.t[self.i][1] != value):
            got = self.t[self.i][1] if self.i < len(self.t) else "end of file"
            raise GraphQLError(f"Parse error on \"{got}\"" + (f" (expected {value})" if value else ""), "PARSE_ERROR")
        self.i += 1
        return self.t[self.i - 1]

    def name(self) -> str:
        kind, v = self.take()
        if kind != "name":
            raise GraphQLError(f"Parse error on \"{v}\" (expected a name)", "PARSE_ERROR")
        return v

    def value(self) -> Any:
        kind, v = self.take()
        if kind == "punct" and v == "$":
            return ("$", self.name())
        if kind == "string":
            return json.loads(v)
        if kind == "number":
            return float(v) if any(c in v for c in ".eE") else int(v)
        if kind == "punct" and v == "[":
            items = []
            while not self.peek("]"):
                items.append(self.value())
            self.take("]")
            return items
        if kind == "punct" and v == "{":
            obj = {}
            while not self.peek("}"):
                k = self.name()
                self.take(":")
                obj[k] = self.value()
            self.take("}")
            return obj
        if kind == "name":
            if v in ("true", "false", "null"):
                return {"true": True, "false": False, "null": None}[v]
            return ("enum", v)
        raise GraphQLError(f"Parse error on \"{v}\"", "PARSE_ERROR")

    def selection_set(self) -> list:
        self.take("{")
        sels = []
        while not self.peek("}"):
            if self.peek("..."):
                self.take("...")
                if self.peek("on"):
                    self.take("on")
                    self.name()
                    sels.append(("inline", self.selection_set()))
                else:
                    sels.append(("spread", self.name()))
                continue
            name = self.name()
            alias = name
            if self.peek(":"):
                self.take(":")
                name = self.name()
            args = {}
            if self.peek("("):
                self.take("(")
                while not self.peek(")"):
                    k = self.name()
                    self.take(":")
                    args[k] = self.value()
                self.take(")")
            while self.peek("@"):  # directives are accepted and ignored
                self.take("@")
                self.name()
                if self.peek("("):
                    while not self.peek(")"):
                        self.i += 1
                    self.take(")")
            sub = self.selection_set() if self.peek("{") else None
            sels.append(("field", alias, name, args, sub))
        self.take("}")
        return sels


def _skip_type(p: _P) -> None:
    """Variable types (Int!, [String!]!) only matter to a real schema; skip them."""
    if p.peek("["):
        p.take("[")
        _skip_type(p)
        p.take("]")
    else:
        p.name()
    if p.peek("!"):
        p.take("!")


def parse_document(src: str) -> tuple[list[dict], dict[str, list]]:
    p = _P(_lex(src))
    ops, frags = [], {}
    while p.peek():
        if p.peek("{"):
            ops.append({"type": "query", "name": None, "vars": {}, "sel": p.selection_set()})
            continue
        kw = p.name()
        if kw == "fragment":
            fname = p.name()
            p.take("on")
            p.name()
            frags[fname] = p.selection_set()
            continue
        if kw not in ("query", "mutation", "subscription"):
            raise GraphQLError(f"Parse error on \"{kw}\"", "PARSE_ERROR")
        name = p.name() if p.peek() and p.t[p.i][0] == "name" else None
        defaults = {}
        if p.peek("("):
            p.take("(")
            while not p.peek(")"):
                p.take("$")
                var = p.name()
                p.take(":")
                _skip_type(p)
                if p.peek("="):
                    p.take("=")
                    defaults[var] = p.value()
            p.take(")")
        ops.append({"type": kw, "name": name, "vars": defaults, "sel": p.selection_set()})
    if not ops:
        raise GraphQLError("No operation given", "PARSE_ERROR")
    return ops, frags


# -- execution -------------------------------------------------------------------------------------------------
class _Ctx:
    def __init__(self, world, variables: dict, frags: dict):
        self.world = world
        self.vars = variables
        self.frags = frags
        self.requested = 0
        self.actual = 0


def _arg(ctx: _Ctx, v: Any) -> Any:
    if isinstance(v, tuple):
        if v[0] == "$":
            return ctx.vars.get(v[1])
        return v[1]
    if isinstance(v, list):
        return [_arg(ctx, x) for x in v]
    if isinstance(v, dict):
        return {k: _arg(ctx, x) for k, x in v.items()}
    return v


def _fields(ctx: _Ctx, sels: list) -> list:
    out = []
    for s in sels or []:
        if s[0] == "field":
            out.append(s)
        elif s[0] == "inline":
            out += _fields(ctx, s[1])
        else:
            if s[1] not in ctx.frags:
                raise GraphQLError(f"Fragment {s[1]} was used, but not defined", "undefinedFragment")
            out += _fields(ctx, ctx.frags[s[1]])
    return out


def _undefined(type_name: str, field: str) -> GraphQLError:
    return GraphQLError(f"Field '{field}' doesn't exist on type '{type_name}'", "undefinedField")


def _resolve_obj(ctx: _Ctx, type_name: str, value: dict[str, Any], sels: list, path: list) -> dict:
    out = {}
    for _, alias, name, _args, sub in _fields(ctx, sels):
        if name == "__typename":
            out[alias] = type_name
            continue
        if name not in value:
            raise _undefined(type_name, name)
        v = value[name]
        if isinstance(v, dict) and sub is not None:
            out[alias] = _resolve_obj(ctx, v.get("__type", type_name), v, sub, path + [alias])
        elif isinstance(v, dict) and sub is None:
            raise GraphQLError(f"Field must have selections (field '{name}' returns {v.get('__type')} but has no "
                               "selections)", "selectionMismatch")
        else:
            out[alias] = v
    return out


def _customer_value(world, rec: Record) -> dict[str, Any]:
    d = rec.data
    addr = d.get("address")
    name = " ".join(x for x in (d.get("first_name"), d.get("last_name")) if x)
    return {
        "__type": "Customer", "id": f"gid://shopify/Customer/{rec.num}", "legacyResourceId": str(rec.num),
        "email": d.get("email"), "firstName": d.get("first_name"), "lastName": d.get("last_name"),
        "displayName": name or d.get("email") or "", "phone": d.get("phone"),
        "tags": [t.strip() for t in (d.get("tags") or "").split(",") if t.strip()],
        "state": (d.get("state") or "disabled").upper(), "note": d.get("note"),
        "verifiedEmail": d.get("verified_email", False), "taxExempt": d.get("tax_exempt", False),
        "createdAt": utc_time(rec.created), "updatedAt": utc_time(rec.modified),
        "numberOfOrders": str(d.get("orders_count", 0)),
        "amountSpent": {"__type": "MoneyV2", "amount": d.get("total_spent", "0.00"),
                        "currencyCode": d.get("currency", "USD")},
        "defaultAddress": None if not addr else {
            "__type": "MailingAddress", "id": f"gid://shopify/MailingAddress/{rec.num + 1}?model_name=CustomerAddress",
            "address1": addr.get("address1"), "address2": None, "city": addr.get("city"),
            "province": addr.get("province"), "provinceCode": addr.get("province"), "country": addr.get("country"),
            "countryCodeV2": "BR" if addr.get("country") == "Brazil" else "US", "zip": addr.get("zip"),
            "phone": addr.get("phone"), "company": None, "firstName": d.get("first_name"),
            "lastName": d.get("last_name"), "name": name},
        "emailMarketingConsent": None if not d.get("email") else {
            "__type": "CustomerEmailMarketingConsentState", "marketingState": "NOT_SUBSCRIBED",
            "marketingOptInLevel": "SINGLE_OPT_IN", "consentUpdatedAt": None},
    }


_TERM = re.compile(r"^(?P<field>[a-z_]+):(?P<op><=|>=|<|>)?(?P<value>'[^']*'|\"[^\"]*\"|\S+)$")


def _query_filter(query: str | None):
    """Shopify search syntax subset: `updated_at:>=X AND created_at:<Y AND email:x AND id:>N`; free text matches
    name or email. Unknown fields are ignored, like Shopify's lenient search."""
    if not query:
        return lambda r: True
    preds = []
    for raw in re.split(r"\s+AND\s+|\s+", query.strip()):
        if not raw or raw.upper() == "AND":
            continue
        m = _TERM.match(raw)
        if not m:
            text = raw.strip("'\"").lower()
            preds.append(lambda r, t=text: t in " ".join(str(r.data.get(k) or "") for k in
                                                          ("first_name", "last_name", "email")).lower())
            continue
        field, op, value = m["field"], m["op"] or "=", m["value"].strip("'\"")
        if field in ("updated_at", "created_at"):
            ms = parse_time(value)
            if ms is None:
                continue

            def tp(r, f=field, op=op, ms=ms):
                v = r.modified if f == "updated_at" else r.created
                return {"=": v == ms, ">": v > ms, ">=": v >= ms, "<": v < ms, "<=": v <= ms}[op]

            preds.append(tp)
        elif field == "id" and value.isdigit():
            n = int(value)
            preds.append(lambda r, op=op, n=n: {"=": r.num == n, ">": r.num > n, ">=": r.num >= n, "<": r.num < n,
                                                "<=": r.num <= n}[op])
        elif field in ("email", "first_name", "last_name", "state"):
            needle = value.lower()
            preds.append(lambda r, f=field, v=needle: v in str(r.data.get(f) or "").lower())
    return lambda r: all(p(r) for p in preds)


def _cursor(key: tuple) -> str:
    return base64.b64encode(json.dumps({"last_id": key[1], "last_value": key[0]}).encode()).decode()


def _uncursor(raw: str) -> tuple:
    try:
        d = json.loads(base64.b64decode(raw))
        return (d["last_value"], int(d["last_id"]))
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise GraphQLError(f"Invalid cursor for current pagination sort: {raw}", "BAD_REQUEST") from None


def _per_node_cost(ctx: _Ctx, sels: list) -> int:
    cost = 1
    for _, _a, name, _args, sub in _fields(ctx, sels):
        if sub is not None and name in ("defaultAddress", "amountSpent", "emailMarketingConsent"):
            cost += 1
    return cost


def _customers(ctx: _Ctx, args: dict, sels: list, path: list) -> dict:
    world = ctx.world
    first, last = _arg(ctx, args.get("first")), _arg(ctx, args.get("last"))
    after, before = _arg(ctx, args.get("after")), _arg(ctx, args.get("before"))
    if (first is None) == (last is None):
        raise GraphQLError("you must provide one of first or last", "BAD_REQUEST", path)
    n = first if first is not None else last
    if not isinstance(n, int) or n < 0 or n > 250:
        raise GraphQLError("The first/last argument must be an integer between 0 and 250", "BAD_REQUEST", path)
    sort_key = _arg(ctx, args.get("sortKey")) or "ID"
    if sort_key not in ("ID", "UPDATED_AT", "CREATED_AT", "RELEVANCE", "NAME", "LOCATION"):
        raise GraphQLError(f"Argument 'sortKey' on Field 'customers' has an invalid value ({sort_key}).",
                           "argumentLiteralsIncompatible", path)
    reverse = bool(_arg(ctx, args.get("reverse")))
    pred = _query_filter(_arg(ctx, args.get("query")))
    coll = world.collection("shopify", "customers")
    sub = {s[2]: s for s in _fields(ctx, sels)}
    node_sels = None
    if "edges" in sub:
        node_sel = {s[2]: s for s in _fields(ctx, sub["edges"][4] or [])}.get("node")
        node_sels = node_sel[4] if node_sel else None
    if "nodes" in sub:
        node_sels = (node_sels or []) + (sub["nodes"][4] or [])
    per_node = _per_node_cost(ctx, node_sels or [])
    ctx.requested += 2 + n * per_node

    def keyf(r: Record):
        if sort_key == "UPDATED_AT":
            return (r.modified, r.num)
        if sort_key == "CREATED_AT":
            return (r.created, r.num)
        if sort_key == "NAME":
            return (" ".join(x for x in (r.data.get("first_name"), r.data.get("last_name")) if x).lower(), r.num)
        return (r.num, r.num)

    desc = reverse if first is not None else not reverse  # `last` walks from the end
    anchor = _uncursor(after if first is not None else before) if (after if first is not None else before) else None
    if sort_key == "UPDATED_AT":
        if anchor is not None and not isinstance(anchor[0], int):
            raise GraphQLError("Invalid cursor for current pagination sort", "BAD_REQUEST", path)
        it = coll.iter_by_modified((False,), start=tuple(anchor) if anchor else None, inclusive=anchor is None,
                                   descending=desc)
    elif sort_key in ("ID", "RELEVANCE", "LOCATION"):
        if desc:
            it = coll.iter_by_id((False,), descending=True, before_num=anchor[1] if anchor else None)
        else:
            it = coll.iter_by_id((False,), after_num=anchor[1] if anchor else 0)
    else:
        rows = sorted(coll.iter_by_id((False,)), key=keyf, reverse=desc)
        if anchor:
            rows = [r for r in rows if (keyf(r) < tuple(anchor) if desc else keyf(r) > tuple(anchor))]
        it = iter(rows)
    page: list[Record] = []
    more = False
    for r in it:
        if not pred(r):
            continue
        if len(page) == n:
            more = True
            break
        page.append(r)
    if last is not None:
        page.reverse()
    ctx.actual += 2 + len(page) * per_node
    out: dict[str, Any] = {}
    for _, alias, name, _a, s in _fields(ctx, sels):
        if name == "edges":
            edges = []
            for r in page:
                e = {}
                for _, ea, en, _x, es in _fields(ctx, s or []):
                    if en == "cursor":
                        e[ea] = _cursor(keyf(r))
                    elif en == "node":
                        e[ea] = _resolve_obj(ctx, "Customer", _customer_value(world, r), es, path + [alias])
                    elif en == "__typename":
                        e[ea] = "CustomerEdge"
                    else:
                        raise _undefined("CustomerEdge", en)
                edges.append(e)
            out[alias] = edges
        elif name == "nodes":
            out[alias] = [_resolve_obj(ctx, "Customer", _customer_value(world, r), s, path + [alias]) for r in page]
        elif name == "pageInfo":
            info = {"hasNextPage": more if first is not None else bool(after),
                    "hasPreviousPage": more if last is not None else bool(after),
                    "startCursor": _cursor(keyf(page[0])) if page else None,
                    "endCursor": _cursor(keyf(page[-1])) if page else None}
            if first is None:
                info["hasNextPage"] = bool(before)
            out[alias] = _resolve_obj(ctx, "PageInfo", info, s, path + [alias])
        elif name == "__typename":
            out[alias] = "CustomerConnection"
        else:
            raise _undefined("CustomerConnection", name)
    return out


def execute(world, src: str, variables: dict | None, operation: str | None) -> tuple[dict | None, list, _Ctx]:
    ops, frags = parse_document(src)
    if operation:
        op = next((o for o in ops if o["name"] == operation), None)
        if op is None:
            raise GraphQLError(f"No operation named \"{operation}\"", "BAD_REQUEST")
    elif len(ops) > 1:
        raise GraphQLError("An operation name is required when the document has several operations", "BAD_REQUEST")
    else:
        op = ops[0]
    if op["type"] != "query":
        raise GraphQLError(f"{op['type'].capitalize()}s are outside the sandbox's GraphQL subset", "BAD_REQUEST")
    ctx = _Ctx(world, {**{k: _arg(_Ctx(world, {}, {}), v) for k, v in op["vars"].items()}, **(variables or {})},
               frags)
    data: dict[str, Any] = {}
    for _, alias, name, args, sels in _fields(ctx, op["sel"]):
        path = [alias]
        if name == "customers":
            if sels is None:
                raise GraphQLError("Field must have selections (field 'customers' returns CustomerConnection!)",
                                   "selectionMismatch", path)
            data[alias] = _customers(ctx, args, sels, path)
        elif name == "customer":
            gid = _arg(ctx, args.get("id"))
            m = re.fullmatch(r"gid://shopify/Customer/(\d+)", str(gid or ""))
            if not m:
                raise GraphQLError(f"Invalid global id '{gid}'", "argumentLiteralsIncompatible", path)
            rec = world.collection("shopify", "customers").get(m.group(1))
            ctx.requested += 1
            ctx.actual += 1
            data[alias] = None if rec is None or rec.archived else _resolve_obj(
                ctx, "Customer", _customer_value(world, rec), sels, path)
        elif name == "customersCount":
            pred = _query_filter(_arg(ctx, args.get("query")))
            coll = world.collection("shopify", "customers")
            count = sum(1 for r in coll.iter_by_id((False,)) if pred(r))
            limit = _arg(ctx, args.get("limit"))
            cap = 10_000 if limit is None else int(limit)
            value = {"count": min(count, cap), "precision": "AT_LEAST" if count > cap else "EXACT"}
            ctx.requested += 1
            ctx.actual += 1
            data[alias] = _resolve_obj(ctx, "Count", value, sels, path)
        elif name == "shop":
            value = {"name": "Lumio Sandbox", "myshopifyDomain": world.config.shopify_shop,
                     "currencyCode": "USD", "ianaTimezone": "America/New_York", "id": "gid://shopify/Shop/1"}
            ctx.requested += 1
            ctx.actual += 1
            data[alias] = _resolve_obj(ctx, "Shop", value, sels, path)
        elif name == "__typename":
            data[alias] = "QueryRoot"
        else:
            raise _undefined("QueryRoot", name)
    return data, [], ctx


def _cost(world, requested: int, actual: int | None) -> dict:
    lim = world.limits
    cfg = world.config
    return {"requestedQueryCost": requested, "actualQueryCost": actual,
            "throttleStatus": {"maximumAvailable": cfg.shopify_graphql_max,
                               "currentlyAvailable": round(lim.graphql_available or cfg.shopify_graphql_max, 1),
                               "restoreRate": cfg.shopify_graphql_restore}}


def _restore(world) -> float:
    lim = world.limits
    cfg = world.config
    now = world.clock.now()
    if lim.graphql_available is None:
        lim.graphql_available = cfg.shopify_graphql_max
    else:
        lim.graphql_available = min(cfg.shopify_graphql_max,
                                    lim.graphql_available + (now - lim.graphql_t) * cfg.shopify_graphql_restore)
    lim.graphql_t = now
    return lim.graphql_available


async def endpoint(request: Request, world, _tok) -> Response:
    from lumio_desktop.sandbox.shopify import _version

    _version(request)
    ctype = request.headers.get("content-type", "")
    if "application/graphql" in ctype:
        body: Any = {"query": (await request.body()).decode("utf-8", "replace")}
    else:
        body = await read_json(request, bad_request)
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        raise ApiError(400, {"errors": {"query": "Required parameter missing or invalid"}})
    variables = body.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise ApiError(400, {"errors": {"variables": "must be an object"}})
    try:
        data, _errors, ctx = execute(world, body["query"], variables, body.get("operationName"))
    except GraphQLError as e:
        err: dict[str, Any] = {"message": str(e), "extensions": {"code": e.code}}
        if e.path:
            err["path"] = e.path
        return json_response({"errors": [err]})
    cfg = world.config
    with world.limits._lock:
        available = _restore(world)
        if ctx.requested > cfg.shopify_graphql_max:
            return json_response({"errors": [{"message": f"Query cost is {ctx.requested}, which exceeds the single "
                                              f"query max cost limit ({cfg.shopify_graphql_max:g}).",
                                              "extensions": {"code": "MAX_COST_EXCEEDED", "cost": ctx.requested,
                                                             "maxCost": cfg.shopify_graphql_max}}]})
        if cfg.rate_limits and ctx.requested > available:
            return json_response({"errors": [{"message": "Throttled", "extensions": {
                "code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}],
                "extensions": {"cost": _cost(world, ctx.requested, None)}}, cfg.shopify_graphql_throttle_status)
        world.limits.graphql_available = available - ctx.actual
        cost = _cost(world, ctx.requested, ctx.actual)
    return json_response({"data": data, "extensions": {"cost": cost}})
