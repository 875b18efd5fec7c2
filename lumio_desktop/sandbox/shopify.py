"""Shopify Admin emulator: REST customers with Link-header page_info paging, events, leaky bucket (CONTRACTS §3).

Timestamps are whole seconds (as Shopify renders them) in the shop's UTC offset. Deleted customers are gone from
every endpoint; they stay in the store as archived for /_sandbox/state and events.json `verb=destroy`.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from lumio_desktop.sandbox.data import timeline
from lumio_desktop.sandbox.errors import ApiError, shopify_error
from lumio_desktop.sandbox.routing import json_response, read_json, route
from lumio_desktop.sandbox.store import Collection, Record

ID_BASE = 7_000_000_000_000
INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)"
WRITABLE = {"email", "first_name", "last_name", "phone", "tags", "note", "verified_email", "tax_exempt", "state",
            "addresses", "default_address", "accepts_marketing", "email_marketing_consent", "sms_marketing_consent",
            "multipass_identifier", "currency", "password", "password_confirmation", "send_email_invite",
            "send_email_welcome", "metafields", "id", "admin_graphql_api_id", "created_at", "updated_at"}
TAGS = ("vip", "wholesale", "newsletter", "atacado", "cliente fiel", "b2b", "promo-2025")
TAG_SETS = ("", "", "", *TAGS, "vip, wholesale", "atacado, cliente fiel", "b2b, newsletter")
STATES = ("disabled", "enabled", "invited", "disabled")
STREETS = ("Rua Augusta", "Main St", "Av. Paulista", "Chestnut Street")


def canonical_object(obj: str) -> str:
    if obj.lower() in ("customers", "customer"):
        return "customers"
    raise KeyError(obj)


def make_collections() -> dict[str, Collection]:
    c = Collection("shopify", "customers", str, lambda s: int(s) if s.isdigit() and len(s) < 19 else None)
    c.next_num = ID_BASE
    return {"customers": c}


class ShopifyState:
    def __init__(self, world):
        self.world = world
        self.emails: dict[str, int] = {}
        self.webhooks: dict[int, dict[str, Any]] = {}
        self.next_webhook = 1_100_000_000
        self.events: list[dict[str, Any]] = []

    def index(self, rec: Record) -> None:
        e = rec.data.get("email")
        if e and not rec.archived:
            self.emails.setdefault(e.lower(), rec.num)

    def unindex(self, rec: Record) -> None:
        e = rec.data.get("email")
        if e and self.emails.get(e.lower()) == rec.num:
            del self.emails[e.lower()]


def _sec(ms: int) -> int:
    return ms - ms % 1000


def generate(world, rng, n: int) -> None:
    from lumio_desktop.sandbox.people import people_for

    coll = world.collections["shopify"]["customers"]
    recs = []
    rnd = rng.random
    seen: set[str] = set()
    for i, ((c, m), p) in enumerate(zip(timeline(rng, n), people_for(world, "shopify", n), strict=True)):
        email = p.email or None
        if email and email.lower() in seen:  # Shopify keeps emails unique per shop
            email = None
        if email:
            seen.add(email.lower())
        d = int(rnd() * 1e15)
        data = {"email": email, "first_name": p.first or None, "last_name": p.last or None,
                "phone": None, "tags": TAG_SETS[d % len(TAG_SETS)], "state": STATES[d // 7 % 4], "note": None,
                "verified_email": d // 29 % 5 != 0, "tax_exempt": False, "orders_count": d // 149 % 12,
                "total_spent": f"{d // 1801 % 200000 / 100:.2f}", "currency": "BRL" if p.locale == "pt_BR" else "USD",
                "address": {"address1": f"{1 + d // 360200003 % 998} {STREETS[d // 9 % 4]}",
                            "city": p.city, "province": p.state, "country": p.country,
                            "zip": f"{10000 + d // 3613 % 89999}", "phone": p.phone or None}}
        num = coll.next_num + i * 13  # ids are sparse, as in a real shop
        deleted = rnd() < 0.02
        rec = Record(num, str(num), _sec(c), _sec(m), data, deleted, _sec(m) if deleted else None)
        recs.append(rec)
    coll.bulk_load(recs)
    coll.next_num = (recs[-1].num + 13) if recs else coll.next_num
    for r in recs:
        world.shopify.index(r)
        if r.archived:
            _destroy_event(world, r)


def bulk_generate(world, obj: str, count: int, *, modified: int | None, fields: dict) -> list[Record]:
    from lumio_desktop.sandbox.people import extra_people

    coll = world.collection("shopify", obj)
    now = _sec(world.clock.now_ms())
    mod = _sec(modified) if modified is not None else now
    recs = []
    for i, p in enumerate(extra_people(world, "shopify", count)):
        email = p.email if p.email and p.email.lower() not in world.shopify.emails else None
        data = {"email": email, "first_name": p.first or None, "last_name": p.last or None, "state": "disabled",
                "tags": "", "verified_email": True, "tax_exempt": False, "orders_count": 0, "total_spent": "0.00",
                "currency": "USD", **fields}
        num = coll.next_num + i
        recs.append(Record(num, str(num), min(mod, now), mod, data))
    coll.bulk_load(recs)
    for r in recs:
        world.shopify.index(r)
    return recs


def new_record(world, coll: Collection, fields: dict, *, created: int | None = None,
               modified: int | None = None) -> Record:
    now = _sec(world.clock.now_ms())
    num = coll.new_num()
    data = {"state": "disabled", "tags": "", "verified_email": False, "tax_exempt": False, "orders_count": 0,
            "total_spent": "0.00", "currency": "USD", **fields}
    rec = Record(num, str(num), _sec(created) if created is not None else (_sec(modified) if modified else now),
                 _sec(modified) if modified is not None else now, data)
    coll.add(rec)
    world.shopify.index(rec)
    return rec


def apply_update(world, coll: Collection, rec: Record, fields: dict, modified: int) -> None:
    world.shopify.unindex(rec)
    coll.touch(rec, _sec(modified), data={**rec.data, **fields})
    world.shopify.index(rec)


def before_archive(world, coll: Collection, rec: Record) -> None:
    world.shopify.unindex(rec)
    _destroy_event(world, rec)


def after_restore(world, coll: Collection, rec: Record) -> None:
    world.shopify.index(rec)


def _destroy_event(world, rec: Record) -> None:
    at = rec.archived_at or world.clock.now_ms()
    st = world.shopify
    st.events.append({"id": 98_000_000_000 + len(st.events), "subject_id": rec.num, "created_at": shop_time(world, at),
                      "subject_type": "Customer", "verb": "destroy", "arguments": [], "body": None,
                      "message": "Customer was deleted.", "author": "Shopify", "description": "Customer was deleted.",
                      "path": f"/admin/customers/{rec.num}", "_ms": at})


def shop_time(world, ms: int) -> str:
    """Whole seconds in the shop's UTC offset, e.g. 2015-05-27T18:11:24-04:00."""
    off = world.config.shopify_utc_offset_minutes
    sign = "-" if off < 0 else "+"
    return (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000 + off * 60))
            + f"{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}")


def utc_time(ms: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ms // 1000))


def parse_time(value: str) -> int | None:
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp() * 1000)


def render_customer(world, rec: Record) -> dict[str, Any]:
    d = rec.data
    out = {"id": rec.num, "email": d.get("email"), "created_at": shop_time(world, rec.created),
           "updated_at": shop_time(world, rec.modified), "first_name": d.get("first_name"),
           "last_name": d.get("last_name"), "orders_count": d.get("orders_count", 0), "state": d.get("state", "disabled"),
           "total_spent": d.get("total_spent", "0.00"), "last_order_id": None, "note": d.get("note"),
           "verified_email": d.get("verified_email", False), "multipass_identifier": None,
           "tax_exempt": d.get("tax_exempt", False), "tags": d.get("tags", ""), "last_order_name": None,
           "currency": d.get("currency", "USD"), "phone": d.get("phone"),
           "addresses": [], "accepts_marketing": False,
           "email_marketing_consent": {"state": "not_subscribed", "opt_in_level": "single_opt_in",
                                       "consent_updated_at": None} if d.get("email") else None,
           "sms_marketing_consent": None, "admin_graphql_api_id": f"gid://shopify/Customer/{rec.num}"}
    addr = d.get("address")
    if addr:
        a = {"id": rec.num + 1, "customer_id": rec.num, "first_name": d.get("first_name"),
             "last_name": d.get("last_name"), "company": None, "address1": addr.get("address1"), "address2": "",
             "city": addr.get("city"), "province": addr.get("province"), "country": addr.get("country"),
             "zip": addr.get("zip"), "phone": addr.get("phone"),
             "name": " ".join(x for x in (d.get("first_name"), d.get("last_name")) if x),
             "province_code": addr.get("province"), "country_code": "BR" if addr.get("country") == "Brazil" else "US",
             "country_name": addr.get("country"), "default": True}
        out["addresses"] = [a]
        out["default_address"] = a
    return out


def render_full(world, obj: str, rec: Record) -> dict[str, Any]:
    return render_customer(world, rec)


# -- auth, limits, errors --------------------------------------------------------------------------------------
def presented_token(request: Request) -> str | None:
    return request.headers.get("x-shopify-access-token")


def expired_error(world, tok) -> ApiError:
    return shopify_error(401, INVALID_TOKEN)


def authenticate(world, request: Request, need: Any):
    value = presented_token(request)
    tok = world.tokens.access.get(value) if value else None
    if tok is None or tok.provider != "shopify" or tok.revoked or world.tokens.is_expired(tok):
        raise shopify_error(401, INVALID_TOKEN)
    if need in ("read", "write") and "*" not in tok.scopes:
        scope = f"{need}_customers"
        if scope not in tok.scopes and not (need == "read" and "write_customers" in tok.scopes):
            raise shopify_error(403, f"[API] This action requires merchant approval for {scope} scope.")
    tok.last_used = world.clock.now()
    return tok


def _leak(world) -> float:
    lim = world.limits
    now = world.clock.now()
    lim.shopify_level = max(0.0, lim.shopify_level - (now - lim.shopify_t) * world.config.shopify_leak_rate)
    lim.shopify_t = now
    return lim.shopify_level


def check_rate(world, request: Request, tok, path: str) -> dict[str, str]:
    if path.endswith("graphql.json"):
        return {}  # GraphQL has its own cost bucket
    cfg = world.config
    with world.limits._lock:
        level = _leak(world)
        if cfg.rate_limits and level + 1 > cfg.shopify_bucket_size:
            raise rate_limited_error(world, request)
        world.limits.shopify_level = level + 1
        used = math.ceil(world.limits.shopify_level)
    if not cfg.rate_limits:
        return {}  # no bucket enforced, none advertised
    return {"X-Shopify-Shop-Api-Call-Limit": f"{min(used, cfg.shopify_bucket_size)}/{cfg.shopify_bucket_size}"}


def rate_limited_error(world, request: Request, retry_after: bool = True) -> ApiError:
    cfg = world.config
    headers = {"X-Shopify-Shop-Api-Call-Limit": f"{cfg.shopify_bucket_size}/{cfg.shopify_bucket_size}"}
    if retry_after:
        headers["Retry-After"] = cfg.shopify_retry_after
    return shopify_error(429, f"Exceeded {cfg.shopify_leak_rate:g} calls per second for api client. Reduce request "
                              "rates to resume uninterrupted service.", headers)


def server_error(status: int) -> ApiError:
    return shopify_error(status, {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
                                  504: "Gateway Timeout"}.get(status, "Error"))


def common_headers(world, request: Request) -> dict[str, str]:
    return {"X-Request-Id": request.headers.get("x-request-id", "sandbox")}


def bad_request(message: str) -> ApiError:
    return shopify_error(400, message)


# -- REST customers --------------------------------------------------------------------------------------------
ORDERS = {"id asc": ("id", False), "id desc": ("id", True), "updated_at asc": ("updated_at", False),
          "updated_at desc": ("updated_at", True), "created_at asc": ("created_at", False),
          "created_at desc": ("created_at", True)}
FILTERS = ("ids", "since_id", "created_at_min", "created_at_max", "updated_at_min", "updated_at_max")


def _version(request: Request) -> str:
    v = request.path_params.get("version", "")
    if not re.fullmatch(r"\d{4}-\d{2}|unstable", v):
        raise shopify_error(404, "Not Found")
    return v


def _parse_filters(request: Request) -> dict[str, Any]:
    q = request.query_params
    f: dict[str, Any] = {}
    for name in ("created_at_min", "created_at_max", "updated_at_min", "updated_at_max"):
        if name in q:
            ms = parse_time(q[name])
            if ms is None:
                raise shopify_error(400, {name: ["is not a valid date-time"]})
            f[name] = ms
    if "since_id" in q:
        if not q["since_id"].isdigit():
            raise shopify_error(400, {"since_id": ["must be an integer"]})
        f["since_id"] = int(q["since_id"])
    if "ids" in q:
        try:
            f["ids"] = sorted({int(x) for x in q["ids"].split(",") if x.strip()})
        except ValueError:
            raise shopify_error(400, {"ids": ["must be a comma-separated list of integers"]}) from None
    return f


def _matches(rec: Record, f: dict[str, Any]) -> bool:
    if "ids" in f and rec.num not in f["ids"]:
        return False
    if "since_id" in f and rec.num <= f["since_id"]:
        return False
    if "created_at_min" in f and rec.created < f["created_at_min"]:
        return False
    if "created_at_max" in f and rec.created > f["created_at_max"]:
        return False
    if "updated_at_min" in f and rec.modified < f["updated_at_min"]:
        return False
    return not ("updated_at_max" in f and rec.modified > f["updated_at_max"])


def _key(order: str, rec: Record) -> tuple[int, int]:
    if order == "id":
        return (rec.num, rec.num)
    return (rec.modified if order == "updated_at" else rec.created, rec.num)


def _walk(coll: Collection, order: str, desc: bool, f: dict, anchor: tuple[int, int] | None):
    """Records in the listing order strictly after `anchor` (or from the start), filtered."""
    if order == "id":
        if not desc:
            start = anchor[1] if anchor else max(f.get("since_id", 0), 0)
            it = coll.iter_by_id((False,), after_num=start)
        else:
            it = coll.iter_by_id((False,), descending=True, before_num=anchor[1] if anchor else None)
    elif order == "updated_at":
        if not desc:
            start = anchor if anchor else ((f["updated_at_min"], -1) if "updated_at_min" in f else None)
            it = coll.iter_by_modified((False,), start=start, inclusive=anchor is None,
                                       stop_ms=f.get("updated_at_max"))
        else:
            start = anchor if anchor else ((f["updated_at_max"], 1 << 62) if "updated_at_max" in f else None)
            it = coll.iter_by_modified((False,), start=start, inclusive=anchor is None, descending=True,
                                       stop_ms=f.get("updated_at_min"))
    else:
        rows = sorted(coll.iter_by_id((False,)), key=lambda r: (r.created, r.num), reverse=desc)
        if anchor:
            rows = [r for r in rows if ((r.created, r.num) < anchor if desc else (r.created, r.num) > anchor)]
        it = iter(rows)
    for r in it:
        if _matches(r, f):
            yield r


def _encode_cursor(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_cursor(raw: str) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        if not isinstance(data, dict) or data.get("d") not in ("n", "p"):
            raise ValueError
        return data
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise shopify_error(400, {"page_info": ["Invalid value."]}) from None


def _base(world, request: Request) -> str:
    return (world.config.public_base_url or str(request.base_url)).rstrip("/")


def _fields(request: Request) -> list[str] | None:
    f = request.query_params.get("fields")
    return [x.strip() for x in f.split(",") if x.strip()] if f else None


def _select(body: dict, fields: list[str] | None) -> dict:
    return body if not fields else {k: v for k, v in body.items() if k in fields}


def _limit(request: Request, default: int = 50) -> int:
    raw = request.query_params.get("limit")
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise shopify_error(400, {"limit": ["must be an integer between 1 and 250"]})
    return min(int(raw), 250)


async def customers_list(request: Request, world, _tok) -> Response:
    version = _version(request)
    q = request.query_params
    limit = _limit(request)
    coll = world.collection("shopify", "customers")
    if "page_info" in q:
        extra = [k for k in q if k not in ("page_info", "limit", "fields")]
        if extra:
            raise shopify_error(400, {"page_info": [f"Cannot use page_info with {', '.join(sorted(extra))}: only "
                                                    "limit and fields are allowed with page_info."]})
        cur = _decode_cursor(q["page_info"])
        order, desc, f = cur["o"], cur["r"], cur["f"]
        if order not in ("id", "updated_at", "created_at"):
            raise shopify_error(400, {"page_info": ["Invalid value."]})
        anchor = tuple(cur["k"])
        if cur["d"] == "p":  # walk the other way, then put the page back in listing order
            rows = []
            for r in _walk(coll, order, not desc, f, anchor):
                rows.append(r)
                if len(rows) > limit:
                    break
            has_prev = len(rows) > limit
            page = rows[:limit][::-1]
            has_next = True
        else:
            rows = []
            for r in _walk(coll, order, desc, f, anchor):
                rows.append(r)
                if len(rows) > limit:
                    break
            page, has_next, has_prev = rows[:limit], len(rows) > limit, True
    else:
        order_raw = q.get("order", "id asc").strip().lower()
        if order_raw not in ORDERS:
            raise shopify_error(400, {"order": [f"must be one of: {', '.join(ORDERS)}"]})
        order, desc = ORDERS[order_raw]
        f = _parse_filters(request)
        rows = []
        for r in _walk(coll, order, desc, f, None):
            rows.append(r)
            if len(rows) > limit:
                break
        page, has_next, has_prev = rows[:limit], len(rows) > limit, False
    fields = _fields(request)
    links = []
    base = f"{_base(world, request)}/admin/api/{version}/customers.json"
    extra_q = {"limit": str(limit)}
    if fields:
        extra_q["fields"] = ",".join(fields)
    if page and has_prev:
        cur = _encode_cursor({"o": order, "r": desc, "f": f, "k": list(_key(order, page[0])), "d": "p"})
        links.append(f'<{base}?{urlencode({"page_info": cur, **extra_q})}>; rel="previous"')
    if page and has_next:
        cur = _encode_cursor({"o": order, "r": desc, "f": f, "k": list(_key(order, page[-1])), "d": "n"})
        links.append(f'<{base}?{urlencode({"page_info": cur, **extra_q})}>; rel="next"')
    headers = {"Link": ", ".join(links)} if links else None
    if fields:
        return json_response({"customers": [_select(render_customer(world, r), fields) for r in page]}, headers=headers)
    raw = b'{"customers":[' + b",".join(_customer_json(world, r) for r in page) + b"]}"
    return Response(raw, 200, headers=headers, media_type="application/json")


def _customer_json(world, rec: Record) -> bytes:
    """A customer's JSON, kept until the record changes: the full listing is the hot path of a Shopify sync."""
    key = (rec.extra.get("rev", 0), rec.modified, world.config.shopify_utc_offset_minutes)
    cached = rec.extra.get("json")
    if cached is None or cached[0] != key:
        cached = (key, json.dumps(render_customer(world, rec), ensure_ascii=False, separators=(",", ":")).encode())
        rec.extra["json"] = cached
    return cached[1]


async def customers_count(request: Request, world, _tok) -> Response:
    _version(request)
    f = _parse_filters(request)
    coll = world.collection("shopify", "customers")
    if not f:
        return json_response({"count": coll.count(False)})
    return json_response({"count": sum(1 for _ in _walk(coll, "id", False, f, None))})


def _customer(world, request: Request) -> Record:
    rec = world.collection("shopify", "customers").get(request.path_params["id"])
    if rec is None or rec.archived:
        raise shopify_error(404, "Not Found")
    return rec


async def customer_get(request: Request, world, _tok) -> Response:
    _version(request)
    return json_response({"customer": _select(render_customer(world, _customer(world, request)), _fields(request))})


def _validate(world, body: Any, rec: Record | None) -> dict[str, Any]:
    c = body.get("customer") if isinstance(body, dict) else None
    if not isinstance(c, dict):
        raise shopify_error(400, {"customer": "Required parameter missing or invalid"})
    errs: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    for k, v in c.items():
        if k not in WRITABLE or k in ("id", "admin_graphql_api_id", "created_at", "updated_at", "password",
                                      "password_confirmation", "send_email_invite", "send_email_welcome", "metafields"):
            continue  # Shopify ignores attributes it does not know or will not write
        if k == "email" and v not in (None, ""):
            if not isinstance(v, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", v):
                errs.setdefault("email", []).append("is invalid")
                continue
            other = world.shopify.emails.get(v.lower())
            if other is not None and (rec is None or other != rec.num):
                errs.setdefault("email", []).append("has already been taken")
                continue
        if k == "phone" and v not in (None, "") and (not isinstance(v, str) or not re.fullmatch(r"\+?[\d\s\-().]{7,20}", v)):
            errs.setdefault("phone", []).append("is invalid")
            continue
        if k == "state" and v not in ("disabled", "invited", "enabled", "declined"):
            errs.setdefault("state", []).append("is not included in the list")
            continue
        if k == "tags":
            if isinstance(v, list):
                v = ", ".join(str(t).strip() for t in v)
            elif not isinstance(v, str):
                errs.setdefault("tags", []).append("is invalid")
                continue
        if k in ("first_name", "last_name", "note") and v is not None and not isinstance(v, str):
            errs.setdefault(k, []).append("is invalid")
            continue
        if k in ("verified_email", "tax_exempt", "accepts_marketing") and not isinstance(v, bool):
            errs.setdefault(k, []).append("is invalid")
            continue
        if k in ("addresses", "default_address"):
            a = v[0] if isinstance(v, list) and v else v
            if a is not None and not isinstance(a, dict):
                errs.setdefault(k, []).append("is invalid")
                continue
            if isinstance(a, dict):
                out["address"] = {x: a.get(x) for x in ("address1", "city", "province", "country", "zip", "phone")}
            continue
        if k in ("email_marketing_consent", "sms_marketing_consent", "accepts_marketing", "multipass_identifier",
                 "currency"):
            continue
        out[k] = v if v != "" else None
    if rec is None and not errs and not any(out.get(k) for k in ("email", "phone", "first_name", "last_name")):
        errs["customer"] = ["must have a name, phone number or email address"]
    if errs:
        raise shopify_error(422, errs)
    return out


async def customer_create(request: Request, world, _tok) -> Response:
    _version(request)
    body = await read_json(request, bad_request)
    with world.lock:
        fields = _validate(world, body, None)
        rec = world.create("shopify", "customers", fields, notify=True)
    return json_response({"customer": render_customer(world, rec)}, 201)


async def customer_update(request: Request, world, _tok) -> Response:
    _version(request)
    body = await read_json(request, bad_request)
    with world.lock:
        rec = _customer(world, request)
        fields = _validate(world, body, rec)
        world.update("shopify", "customers", rec.id, fields, notify=True)
    return json_response({"customer": render_customer(world, rec)})


async def customer_delete(request: Request, world, _tok) -> Response:
    _version(request)
    with world.lock:
        rec = _customer(world, request)
        world.archive("shopify", "customers", rec.id, notify=True)
    return json_response({})


async def customers_search(request: Request, world, _tok) -> Response:
    _version(request)
    query = request.query_params.get("query", "").strip().lower()
    limit = _limit(request)
    terms = [t for t in query.split() if t]
    rows = []
    for r in world.collection("shopify", "customers").iter_by_id((False,)):
        hay = {"email": (r.data.get("email") or "").lower(), "first_name": (r.data.get("first_name") or "").lower(),
               "last_name": (r.data.get("last_name") or "").lower()}
        ok = True
        for t in terms:
            field, _, val = t.partition(":")
            if val and field in hay:
                ok = ok and val.strip("'\"") in hay[field]
            else:
                ok = ok and any(t in v for v in hay.values())
        if ok:
            rows.append(r)
            if len(rows) >= limit:
                break
    return json_response({"customers": [render_customer(world, r) for r in rows]})


async def events(request: Request, world, _tok) -> Response:
    _version(request)
    q = request.query_params
    limit = _limit(request)
    rows = world.shopify.events
    if q.get("filter") and q["filter"].lower() != "customer":
        rows = []
    elif not world.config.shopify_events_include_customers:
        rows = []
    if q.get("verb") and q["verb"] != "destroy":
        rows = []
    if "created_at_min" in q:
        ms = parse_time(q["created_at_min"])
        if ms is None:
            raise shopify_error(400, {"created_at_min": ["is not a valid date-time"]})
        rows = [e for e in rows if e["_ms"] >= ms]
    if "since_id" in q and q["since_id"].isdigit():
        rows = [e for e in rows if e["id"] > int(q["since_id"])]
    rows = sorted(rows, key=lambda e: e["id"])[:limit]
    return json_response({"events": [{k: v for k, v in e.items() if k != "_ms"} for e in rows]})


async def shop(request: Request, world, _tok) -> Response:
    _version(request)
    d = world.config.shopify_shop
    return json_response({"shop": {"id": 548380009, "name": "Lumio Sandbox", "email": "owner@lumio-sandbox.example",
                                   "domain": d, "myshopify_domain": d, "country_code": "US", "currency": "USD",
                                   "iana_timezone": "America/New_York", "plan_name": "basic",
                                   "created_at": shop_time(world, 1_704_067_200_000)}})


async def api_permissions_current(request: Request, world, tok) -> Response:
    """The app uninstalls itself: the token (and every token of this app) stops working."""
    world.tokens.revoke("shopify", tok.value)
    return json_response({})


def random_fields(world, obj: str, rng, rec: Record | None) -> dict[str, Any]:
    from lumio_desktop.sandbox.people import extra_people

    if rec is None:
        p = extra_people(world, "shopify", 1)[0]
        email = p.email if p.email and "@" in p.email and p.email.lower() not in world.shopify.emails else None
        return {"email": email, "first_name": p.first or None, "last_name": p.last or "Cliente"}
    return rng.choice(({"tags": ", ".join(sorted(set(rng.sample(TAGS, 2))))}, {"note": f"Atualizado {rng.randrange(999)}"},
                       {"state": rng.choice(("enabled", "disabled"))}))


def routes() -> list:
    from lumio_desktop.sandbox import graphql

    b = "/admin/api/{version}"
    r = route
    return [
        r(b + "/customers.json", customers_list, ["GET"], "shopify", auth="read"),
        r(b + "/customers.json", customer_create, ["POST"], "shopify", auth="write"),
        r(b + "/customers/count.json", customers_count, ["GET"], "shopify", auth="read"),
        r(b + "/customers/search.json", customers_search, ["GET"], "shopify", auth="read"),
        r(b + "/customers/{id}.json", customer_get, ["GET"], "shopify", auth="read"),
        r(b + "/customers/{id}.json", customer_update, ["PUT"], "shopify", auth="write"),
        r(b + "/customers/{id}.json", customer_delete, ["DELETE"], "shopify", auth="write"),
        r(b + "/events.json", events, ["GET"], "shopify", auth="read"),
        r(b + "/shop.json", shop, ["GET"], "shopify"),
        r(b + "/graphql.json", graphql.endpoint, ["POST"], "shopify", auth="read"),
        r("/admin/api_permissions/current.json", api_permissions_current, ["DELETE"], "shopify"),
        r(b + "/api_permissions/current.json", api_permissions_current, ["DELETE"], "shopify"),
    ]
