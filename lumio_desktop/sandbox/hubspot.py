"""HubSpot CRM v3 emulator: contacts, companies, deals (CONTRACTS.md §1).

Paths: /crm/v3/objects/{object}[...] and the date-versioned alias /crm/objects/{YYYY-MM}/{object}[...];
{object} is contacts|companies|deals or the type ids 0-1|0-2|0-3 (the deals spec uses /crm/v3/objects/0-3).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import fnmatch
import json
import re
import time
import uuid
from collections import deque
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import Response

from lumio_desktop.sandbox.data import DAY_MS, INDUSTRIES, PRODUCTS, company_name, pick, timeline
from lumio_desktop.sandbox.errors import (
    ApiError,
    correlation_id,
    hubspot_error,
    hubspot_not_found,
    hubspot_validation,
)
from lumio_desktop.sandbox.routing import json_response, read_json, route
from lumio_desktop.sandbox.store import Collection, Record

OBJECTS: dict[str, dict[str, Any]] = {
    "contacts": {
        "type_id": "0-1", "singular": "contact", "upper": "CONTACT", "modprop": "lastmodifieddate", "base": 1001,
        "defaults": ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
        "search_text": ["firstname", "lastname", "email", "phone", "company"],
        "unique": ["email", "lumio_id"],
        "props": {"email": "email", "firstname": "string", "lastname": "string", "phone": "string",
                  "mobilephone": "string", "company": "string", "jobtitle": "string", "city": "string",
                  "state": "string", "country": "string", "website": "string", "hubspot_owner_id": "number",
                  "lifecyclestage": "enum:subscriber,lead,marketingqualifiedlead,salesqualifiedlead,opportunity,"
                                    "customer,evangelist,other",
                  "hs_lead_status": "enum:NEW,OPEN,IN_PROGRESS,OPEN_DEAL,UNQUALIFIED,ATTEMPTED_TO_CONTACT,"
                                    "CONNECTED,BAD_TIMING",
                  "hs_language": "string", "lumio_id": "string", "notes": "string",
                  "hs_analytics_source": "enum:ORGANIC_SEARCH,PAID_SEARCH,EMAIL_MARKETING,SOCIAL_MEDIA,REFERRALS,"
                                         "OTHER_CAMPAIGNS,DIRECT_TRAFFIC,OFFLINE,PAID_SOCIAL"},
    },
    "companies": {
        "type_id": "0-2", "singular": "company", "upper": "COMPANY", "modprop": "hs_lastmodifieddate",
        "base": 50_000_001,
        "defaults": ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
        "search_text": ["name", "domain", "phone", "website"],
        "unique": ["lumio_id"],
        "props": {"name": "string", "domain": "string", "city": "string", "state": "string", "country": "string",
                  "phone": "string", "website": "string", "industry": "string", "hubspot_owner_id": "number",
                  "lifecyclestage": "enum:subscriber,lead,marketingqualifiedlead,salesqualifiedlead,opportunity,"
                                    "customer,evangelist,other",
                  "numberofemployees": "number", "annualrevenue": "number", "description": "string",
                  "lumio_id": "string"},
    },
    "deals": {
        "type_id": "0-3", "singular": "deal", "upper": "DEAL", "modprop": "hs_lastmodifieddate", "base": 90_000_001,
        "defaults": ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate",
                     "hs_object_id", "pipeline"],
        "search_text": ["dealname"],
        "unique": ["lumio_id"],
        "props": {"dealname": "string", "amount": "number", "pipeline": "enum:default",
                  "dealstage": "enum:appointmentscheduled,qualifiedtobuy,presentationscheduled,"
                               "decisionmakerboughtin,contractsent,closedwon,closedlost",
                  "closedate": "datetime", "hubspot_owner_id": "number", "dealtype": "string",
                  "description": "string", "lumio_id": "string", "deal_currency_code": "string",
                  "hs_deal_stage_probability": "number"},
    },
}
ALIASES = {"0-1": "contacts", "0-2": "companies", "0-3": "deals", "contact": "contacts", "company": "companies",
           "deal": "deals"}
SYSTEM_PROPS = {"hs_object_id": "number", "createdate": "datetime", "lastmodifieddate": "datetime",
                "hs_lastmodifieddate": "datetime"}
READ_ONLY = {"hs_object_id", "lastmodifieddate", "hs_lastmodifieddate"}
OPERATORS = {"EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY",
             "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"}
# associationTypeId -> (from, to); 279 is confirmed, the others are ❓ (from memory, CONTRACTS §1.4).
ASSOCIATION_TYPES = {279: ("contacts", "companies"), 1: ("contacts", "companies"), 4: ("contacts", "deals"),
                     280: ("companies", "contacts"), 2: ("companies", "contacts"), 342: ("companies", "deals"),
                     3: ("deals", "contacts"), 341: ("deals", "companies"), 5: ("deals", "companies")}
LIFECYCLE = ("subscriber", "lead", "lead", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity",
             "customer")
LEAD_STATUS = ("NEW", "OPEN", "IN_PROGRESS", "ATTEMPTED_TO_CONTACT", "CONNECTED", "UNQUALIFIED", "")
SOURCES = ("ORGANIC_SEARCH", "PAID_SEARCH", "EMAIL_MARKETING", "SOCIAL_MEDIA", "REFERRALS", "DIRECT_TRAFFIC",
           "OFFLINE")
OWNERS = ("", "", "75012345", "75012346", "75012347")
STAGE_PROBABILITY = {"appointmentscheduled": "0.2", "qualifiedtobuy": "0.4", "presentationscheduled": "0.6",
                     "decisionmakerboughtin": "0.8", "contractsent": "0.9", "closedwon": "1.0", "closedlost": "0.0"}
DEAL_STAGES = ("appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin",
               "contractsent", "closedwon", "closedlost")


def canonical_object(obj: str) -> str:
    obj = ALIASES.get(obj, obj)
    if obj not in OBJECTS:
        raise KeyError(obj)
    return obj


def make_collections() -> dict[str, Collection]:
    out = {}
    for name, meta in OBJECTS.items():
        c = Collection("hubspot", name, str, _parse_num)
        c.next_num = meta["base"]
        out[name] = c
    return out


def _parse_num(s: str) -> int | None:
    return int(s) if s.isdigit() and len(s) < 19 else None


def iso_ms(ms: int) -> str:
    sec, frac = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)) + f".{frac:03d}Z"


def parse_time_ms(value: str) -> int | None:
    """Epoch-ms strings or ISO-8601 date(-time)s, as HubSpot accepts them in filters and date properties."""
    v = value.strip()
    if re.fullmatch(r"-?\d{1,16}", v):
        return int(v)
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp() * 1000)


class HubSpotState:
    def __init__(self, world):
        self.world = world
        self.unique: dict[str, dict[str, dict[str, int]]] = {o: {p: {} for p in m["unique"]} for o, m in OBJECTS.items()}
        self.assoc: dict[tuple[str, int], dict[str, set[int]]] = {}
        self.search_cache: dict[str, tuple[int, list[Record]]] = {}
        self.webhook_settings: dict[str, Any] | None = None
        self.subscriptions: dict[int, dict[str, Any]] = {}
        self.next_subscription = 1001
        self.event_seq = 100_000_000

    def index_unique(self, obj: str, rec: Record) -> None:
        if rec.archived:
            return
        for p, idx in self.unique[obj].items():
            v = rec.data.get(p)
            if v:
                idx.setdefault(v.lower(), rec.num)

    def unindex_unique(self, obj: str, rec: Record) -> None:
        for p, idx in self.unique[obj].items():
            v = rec.data.get(p)
            if v and idx.get(v.lower()) == rec.num:
                del idx[v.lower()]

    def find_unique(self, obj: str, prop: str, value: str) -> Record | None:
        num = self.unique[obj].get(prop, {}).get(str(value).lower())
        return None if num is None else self.world.collection("hubspot", obj).by_num.get(num)

    def associate(self, a_obj: str, a: int, b_obj: str, b: int) -> None:
        self.assoc.setdefault((a_obj, a), {}).setdefault(b_obj, set()).add(b)
        self.assoc.setdefault((b_obj, b), {}).setdefault(a_obj, set()).add(a)

    def associations_of(self, obj: str, num: int, to: str) -> list[int]:
        return sorted(self.assoc.get((obj, num), {}).get(to, ()))


# -- data ----------------------------------------------------------------------------------------------------
def generate(world, rng, n: int) -> None:
    from lumio_desktop.sandbox.people import people_for

    rnd = rng.random

    st = world.hubspot
    people = people_for(world, "hubspot", n)
    ncomp = max(1, n // 5) if n else 0
    ndeal = max(1, n // 4) if n else 0
    comps = world.collections["hubspot"]["companies"]
    recs = []
    for i, (created, modified) in enumerate(timeline(rng, ncomp)):
        name, domain, br = company_name(rng)
        data = {"name": name, "domain": domain, "city": "São Paulo" if br else "Austin", "website": f"https://{domain}",
                "hubspot_owner_id": pick(rnd(), OWNERS), "phone": "+55 11 3000-0000" if br else "+1 512 555 0100",
                "country": "Brazil" if br else "United States", "industry": pick(rnd(), INDUSTRIES),
                "numberofemployees": str(pick(rnd(), (5, 12, 40, 120, 800, 2500))), "lifecyclestage": "customer"}
        recs.append(_gen_record(comps, comps.next_num + i, created, modified, data, rng))
    comps.bulk_load(recs)
    comp_nums = [r.num for r in recs]
    contacts = world.collections["hubspot"]["contacts"]
    recs = []
    for i, ((created, modified), p) in enumerate(zip(timeline(rng, n), people, strict=True)):
        data = {"email": p.email, "firstname": p.first, "lastname": p.last, "phone": p.phone,
                "jobtitle": p.job, "city": p.city, "state": p.state, "country": p.country,
                "lifecyclestage": pick(rnd(), LIFECYCLE), "hs_lead_status": pick(rnd(), LEAD_STATUS),
                "hs_language": "pt-br" if p.locale == "pt_BR" else "en", "hs_analytics_source": pick(rnd(), SOURCES),
                "hubspot_owner_id": pick(rnd(), OWNERS)}
        rec = _gen_record(contacts, contacts.next_num + i, created, modified, data, rng)
        if comp_nums and rnd() < 0.7:
            c = pick(rnd(), comp_nums)
            rec.data["company"] = comps.by_num[c].data["name"]
            st.associate("contacts", rec.num, "companies", c)
        recs.append(rec)
    contacts.bulk_load(recs)
    contact_nums = [r.num for r in recs]
    deals = world.collections["hubspot"]["deals"]
    recs = []
    for i, (created, modified) in enumerate(timeline(rng, ndeal)):
        c = pick(rnd(), comp_nums)
        stage = pick(rnd(), DEAL_STAGES)
        data = {"dealname": f"{comps.by_num[c].data['name']} - {pick(rnd(), PRODUCTS)}",
                "amount": str(pick(rnd(), (500, 1200, 4999.9, 15000, 72000))), "pipeline": "default",
                "dealstage": stage, "closedate": str(created + int(rnd() * 90) * DAY_MS),
                "hs_deal_stage_probability": STAGE_PROBABILITY[stage], "hubspot_owner_id": pick(rnd(), OWNERS),
                "deal_currency_code": pick(rnd(), ("USD", "USD", "BRL"))}
        rec = _gen_record(deals, deals.next_num + i, created, modified, data, rng)
        st.associate("deals", rec.num, "companies", c)
        if contact_nums:
            st.associate("deals", rec.num, "contacts", pick(rnd(), contact_nums))
        recs.append(rec)
    deals.bulk_load(recs)
    for obj in OBJECTS:
        for r in world.collections["hubspot"][obj].by_num.values():
            st.index_unique(obj, r)


def _gen_record(coll: Collection, num: int, created: int, modified: int, data: dict, rng) -> Record:
    data = {k: v for k, v in data.items() if v != ""}
    archived = rng.random() < 0.02
    return Record(num, str(num), created, modified, data, archived, modified if archived else None)


def bulk_generate(world, obj: str, count: int, *, modified: int | None, fields: dict) -> list[Record]:
    from lumio_desktop.sandbox.people import extra_people

    obj = canonical_object(obj)
    coll = world.collection("hubspot", obj)
    now = world.clock.now_ms()
    mod = modified if modified is not None else now
    recs = []
    for i, p in enumerate(extra_people(world, "hubspot", count)):
        if obj == "contacts":
            data = {"email": p.email if "@" in p.email and p.email.count("@") == 1 else "",
                    "firstname": p.first, "lastname": p.last}
        elif obj == "companies":
            data = {"name": f"{p.last or 'Nameless'} {i} Ltda"}
        else:
            data = {"dealname": f"Deal {p.last} {i}", "pipeline": "default", "dealstage": "appointmentscheduled"}
        data.update({k: str(v) for k, v in fields.items()})
        data = {k: v for k, v in data.items() if v != ""}
        num = coll.next_num + i
        recs.append(Record(num, str(num), min(mod, now), mod, data))
    coll.bulk_load(recs)
    for r in recs:
        world.hubspot.index_unique(obj, r)
    return recs


def before_archive(world, coll: Collection, rec: Record) -> None:
    world.hubspot.unindex_unique(coll.name, rec)


def after_restore(world, coll: Collection, rec: Record) -> None:
    world.hubspot.index_unique(coll.name, rec)


def new_record(world, coll: Collection, fields: dict, *, created: int | None = None,
               modified: int | None = None) -> Record:
    now = world.clock.now_ms()
    num = coll.new_num()
    data = {k: _to_str(v) for k, v in fields.items() if v not in (None, "")}
    if "createdate" in data:  # writable on create (imports keep their original dates); lives in Record.created
        created = parse_time_ms(data.pop("createdate"))
    rec = Record(num, str(num), created if created is not None else (modified or now),
                 modified if modified is not None else now, data)
    world.remember_for_search(rec, new=True)
    coll.add(rec)
    world.hubspot.index_unique(coll.name, rec)
    return rec


def apply_update(world, coll: Collection, rec: Record, fields: dict, modified: int) -> None:
    st = world.hubspot
    st.unindex_unique(coll.name, rec)
    world.remember_for_search(rec)
    data = dict(rec.data)
    for k, v in fields.items():
        if v is None or v == "":
            data.pop(k, None)  # an empty string clears the value
        else:
            data[k] = _to_str(v)
    coll.touch(rec, modified, data=data)
    st.index_unique(coll.name, rec)


def _to_str(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def all_props(obj: str, rec: Record, data: dict | None = None, modified: int | None = None) -> dict[str, str]:
    props = dict(rec.data if data is None else data)
    mod = rec.modified if modified is None else modified
    props["hs_object_id"] = rec.id
    props["createdate"] = iso_ms(rec.created)
    props[OBJECTS[obj]["modprop"]] = iso_ms(mod)
    return props


def render(world, obj: str, rec: Record, props: list[str] | None = None, history: list[str] | None = None,
           associations: list[str] | None = None) -> dict[str, Any]:
    allp = all_props(obj, rec)
    if props is None:
        names = OBJECTS[obj]["defaults"]
    else:
        names = list(dict.fromkeys([*props, "hs_object_id", "createdate", OBJECTS[obj]["modprop"]]))
    out_props: dict[str, Any] = {}
    for n in names:
        v = allp.get(n)
        if v is not None:
            out_props[n] = v
        elif props is not None and world.config.hubspot_null_properties and n in OBJECTS[obj]["props"]:
            out_props[n] = None
    out: dict[str, Any] = {"id": rec.id, "properties": out_props, "createdAt": iso_ms(rec.created),
                           "updatedAt": iso_ms(rec.modified), "archived": rec.archived}
    if rec.archived and rec.archived_at is not None:
        out["archivedAt"] = iso_ms(rec.archived_at)
    if history:
        out["propertiesWithHistory"] = {
            h: [{"value": allp[h], "timestamp": iso_ms(rec.modified), "sourceType": "CRM_UI", "sourceId": "userId:1"}]
            for h in history if h in allp
        }
    if associations:
        assoc = {}
        for a in associations:
            try:
                to = canonical_object(a.strip())
            except KeyError:
                continue  # unknown association types are ignored (spec)
            ids = world.hubspot.associations_of(obj, rec.num, to)
            if ids:
                label = f"{OBJECTS[obj]['singular']}_to_{OBJECTS[to]['singular']}"
                assoc[a.strip()] = {"results": [{"id": str(i), "type": label} for i in ids]}
        if assoc:
            out["associations"] = assoc
    return out


def render_full(world, obj: str, rec: Record) -> dict[str, Any]:
    return render(world, canonical_object(obj), rec, props=sorted(all_props(canonical_object(obj), rec)))


# -- auth, limits, errors -------------------------------------------------------------------------------------
AUTH_NOT_FOUND = ("Authentication credentials not found. This API supports both API Key and OAuth 2.0 "
                  "authentication and you can find more details at "
                  "https://developers.hubspot.com/docs/methods/auth/oauth-overview")


def presented_token(request: Request) -> str | None:
    h = request.headers.get("authorization", "")
    return h[7:].strip() if h[:7].lower() == "bearer " else None


def expired_error(world, tok) -> ApiError:
    exp = tok.expires_at if tok.expires_at is not None else world.clock.now()
    ago = max(0, int(world.clock.now() - exp))
    return hubspot_error(401, "EXPIRED_AUTHENTICATION",
                         f"The OAuth token used to make this call expired {ago} second(s) ago.",
                         context={"expire time": [iso_ms(int(exp * 1000))]})


def authenticate(world, request: Request, need: Any):
    value = presented_token(request)
    tok = world.tokens.access.get(value) if value else None
    if tok is None or tok.provider != "hubspot":
        raise hubspot_error(401, "INVALID_AUTHENTICATION", AUTH_NOT_FOUND,
                            headers={"x-hubspot-auth-failure": "401 Unauthorized"})
    if tok.revoked:
        raise hubspot_error(401, "INVALID_AUTHENTICATION", "The OAuth token used to make this call has been revoked.",
                            headers={"x-hubspot-auth-failure": "401 Unauthorized"})
    if world.tokens.is_expired(tok):
        raise expired_error(world, tok)
    tok.last_used = world.clock.now()
    if need in ("read", "write") and "*" not in tok.scopes:
        obj = request.path_params.get("object")
        try:
            obj = canonical_object(obj) if obj else None
        except KeyError:
            obj = None
        if obj:
            scope = f"crm.objects.{obj}.{need}"
            if scope not in tok.scopes:
                raise hubspot_error(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to "
                                    "make this call. Read more about required scopes here: "
                                    "https://developers.hubspot.com/scopes.",
                                    errors=[{"message": "One or more of the following scopes are required.",
                                             "context": {"requiredScopes": [scope]}}])
    return tok


def rate_limited_error(world, request: Request, retry_after: bool = True, policy: str = "TEN_SECONDLY_ROLLING"
                       ) -> ApiError:
    msg = {"DAILY": "You have reached your daily limit.",
           "TEN_SECONDLY_ROLLING": "You have reached your ten_secondly_rolling limit.",
           "SECONDLY": "You have reached your secondly limit."}[policy]
    lim = world.limits
    lim.hubspot_429s += 1
    headers = {}
    mode = world.config.hubspot_retry_after
    if retry_after and (mode == "always" or (mode == "sometimes" and lim.hubspot_429s % 2 == 1)):
        headers["Retry-After"] = "1" if policy == "SECONDLY" else str(int(world.config.hubspot_burst_window))
    body = {"status": "error", "message": msg, "errorType": "RATE_LIMIT", "correlationId": correlation_id(),
            "policyName": policy, "requestId": str(uuid.uuid4()), "category": "RATE_LIMITS"}
    return ApiError(429, body, headers)


def check_rate(world, request: Request, tok, path: str) -> dict[str, str]:
    cfg = world.config
    lim = world.limits
    now = world.clock.now()
    with lim._lock:
        if path.endswith("/search"):
            dq = lim.hubspot_search.setdefault(tok.value, deque())
            while dq and now - dq[0] >= 1.0:
                dq.popleft()
            if cfg.rate_limits and len(dq) >= cfg.hubspot_search_rps:
                raise rate_limited_error(world, request, policy="SECONDLY")
            dq.append(now)
            if not cfg.hubspot_search_rate_headers:
                return {}
        win = lim.hubspot_burst
        while win and now - win[0] >= cfg.hubspot_burst_window:
            win.popleft()
        daily = tok.kind == "static"  # OAuth calls have no daily limit
        if cfg.rate_limits and daily and lim.hubspot_daily >= cfg.hubspot_daily_limit:
            raise rate_limited_error(world, request, policy="DAILY")
        if cfg.rate_limits and len(win) >= cfg.hubspot_burst_limit:
            raise rate_limited_error(world, request)
        win.append(now)
        if daily:
            lim.hubspot_daily += 1
        remaining = max(0, cfg.hubspot_burst_limit - len(win))
    if not cfg.rate_limits:
        return {}  # an account that enforces no limit advertises none (HubSpot omits them when it has no data)
    per_sec = max(1, int(cfg.hubspot_burst_limit / cfg.hubspot_burst_window))
    headers = {"X-HubSpot-RateLimit-Secondly": str(per_sec),
               "X-HubSpot-RateLimit-Secondly-Remaining": str(max(0, min(per_sec, remaining)))}
    if cfg.hubspot_extra_rate_headers:
        headers.update({"X-HubSpot-RateLimit-Max": str(cfg.hubspot_burst_limit),
                        "X-HubSpot-RateLimit-Remaining": str(remaining),
                        "X-HubSpot-RateLimit-Interval-Milliseconds": str(int(cfg.hubspot_burst_window * 1000))})
    if daily:
        headers["X-HubSpot-RateLimit-Daily"] = str(cfg.hubspot_daily_limit)
        headers["X-HubSpot-RateLimit-Daily-Remaining"] = str(max(0, cfg.hubspot_daily_limit - lim.hubspot_daily))
    return headers


def server_error(status: int) -> ApiError:
    msgs = {500: "internal error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "The request timed out; processing limits were hit"}
    return hubspot_error(status, "INTERNAL_ERROR" if status == 500 else "SERVICE_UNAVAILABLE",
                         msgs.get(status, "error"))


def common_headers(world, request: Request) -> dict[str, str]:
    return {"X-HubSpot-Correlation-Id": correlation_id()}


# -- request parsing --------------------------------------------------------------------------------------------
def _obj(request: Request) -> str:
    raw = request.path_params["object"]
    try:
        return canonical_object(raw)
    except KeyError:
        raise hubspot_validation(f"Unable to infer object type from: {raw}") from None


def _list_param(request: Request, name: str) -> list[str] | None:
    vals = request.query_params.getlist(name)
    if not vals:
        return None
    return [p for v in vals for p in (s.strip() for s in v.split(",")) if p]


def _bool_param(request: Request, name: str) -> bool:
    v = request.query_params.get(name, "false").lower()
    if v not in ("true", "false"):
        raise hubspot_validation(f"Invalid value for {name}: {v!r}; expected true or false")
    return v == "true"


def _int_param(request: Request, name: str, default: int) -> int:
    v = request.query_params.get(name)
    if v is None:
        return default
    try:
        return int(v)
    except ValueError:
        raise hubspot_validation(f"Invalid value for {name}: {v!r}; expected an integer") from None


def encode_after(num: int) -> str:
    return base64.b64encode(f"{num}\n".encode()).decode().replace("=", "%3D")


def decode_after(raw: str) -> int:
    s = raw
    for _ in range(3):
        if "%" not in s:
            break
        s = unquote(s)
    try:
        return int(base64.b64decode(s, validate=True).decode().strip())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise hubspot_validation(f"Invalid paging cursor (after): {raw!r}") from None


def _lookup(world, obj: str, raw_id: str, id_property: str | None, archived: bool = False) -> Record | None:
    coll = world.collection("hubspot", obj)
    if id_property and id_property != "hs_object_id":
        if id_property not in OBJECTS[obj]["unique"]:
            raise hubspot_validation(f"Property {id_property!r} is not a unique identifier property for {obj}",
                                     sub_category="INVALID_ID_PROPERTY")
        if archived:
            return next((r for r in coll.iter_by_id((True,))
                         if str(r.data.get(id_property, "")).lower() == raw_id.lower()), None)
        return world.hubspot.find_unique(obj, id_property, raw_id)
    rec = coll.get(raw_id)
    if rec is None or rec.archived != archived:
        return None
    return rec


def validate_properties(world, obj: str, props: Any) -> dict[str, str]:
    if not isinstance(props, dict):
        raise hubspot_validation("Invalid input JSON: properties must be an object of name to value")
    problems = []
    out = {}
    defs = OBJECTS[obj]["props"]
    for name, value in props.items():
        kind = defs.get(name) or ("datetime" if name == "createdate" else None)
        if kind is None:
            problems.append({"isValid": False, "message": f'Property "{name}" does not exist',
                             "error": "PROPERTY_DOESNT_EXIST", "name": name})
            continue
        if name in READ_ONLY:
            problems.append({"isValid": False, "message": f"{name} is a read only property; its value cannot "
                             "be set.", "error": "READ_ONLY_VALUE", "name": name})
            continue
        if value is None:
            out[name] = ""
            continue
        if isinstance(value, dict | list):
            problems.append({"isValid": False, "message": f"{json.dumps(value)} is not a valid value",
                             "error": "INVALID_VALUE", "name": name})
            continue
        s = _to_str(value)
        if s == "":
            out[name] = ""
            continue
        if kind != "string" and kind != "email" and s != s.strip():
            problems.append({"isValid": False, "message": f"{s!r} has leading or trailing whitespace",
                             "error": "INVALID_VALUE", "name": name})
            continue
        if kind == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", s):
            problems.append({"isValid": False, "message": f"Email address {s} is invalid", "error": "INVALID_EMAIL",
                             "name": name})
            continue
        if kind == "number":
            try:
                float(s)
            except ValueError:
                problems.append({"isValid": False, "message": f"{s} was not a valid number.",
                                 "error": "INVALID_INTEGER", "name": name})
                continue
        if kind == "datetime" and parse_time_ms(s) is None:
            problems.append({"isValid": False, "message": f"{s} was not a valid long or date.",
                             "error": "INVALID_DATE", "name": name})
            continue
        if kind.startswith("enum:") and s not in kind[5:].split(","):
            problems.append({"isValid": False, "message": f"{s} was not one of the allowed options: "
                             f"[{kind[5:].replace(',', ', ')}]", "error": "INVALID_OPTION", "name": name})
            continue
        if kind == "datetime" and not s.isdigit():
            s = str(parse_time_ms(s))
        out[name] = s
    if problems:
        raise hubspot_validation("Property values were not valid: " + json.dumps(problems),
                                 errors=[{"message": p["message"], "code": p["error"], "in": p["name"]}
                                         for p in problems])
    return out


def _conflict(existing: Record) -> ApiError:
    return hubspot_error(409, "CONFLICT", f"Contact already exists. Existing ID: {existing.id}")


def _check_unique(world, obj: str, props: dict[str, str], self_num: int | None = None) -> None:
    for p in OBJECTS[obj]["unique"]:
        v = props.get(p)
        if v:
            other = world.hubspot.find_unique(obj, p, v)
            if other is not None and other.num != self_num:
                if obj == "contacts" and p == "email":
                    raise _conflict(other)
                raise hubspot_error(409, "CONFLICT", f"A {OBJECTS[obj]['singular']} with {p}={v} already exists. "
                                    f"Existing ID: {other.id}")


def _apply_associations(world, obj: str, rec: Record, assocs: Any) -> None:
    if assocs in (None, []):
        return
    if not isinstance(assocs, list):
        raise hubspot_validation("associations must be a list")
    for a in assocs:
        try:
            to_id = str(a["to"]["id"])
            types = a["types"]
            type_ids = [int(t["associationTypeId"]) for t in types]
        except (KeyError, TypeError, ValueError):
            raise hubspot_validation("Invalid association: expected {to:{id}, types:[{associationCategory, "
                                     "associationTypeId}]}") from None
        for tid in type_ids:
            pair = ASSOCIATION_TYPES.get(tid)
            if pair is None or pair[0] != obj:
                raise hubspot_validation(f"associationTypeId {tid} is not valid from {obj}",
                                         sub_category="INVALID_ASSOCIATION_TYPE")
            target = world.collection("hubspot", pair[1]).get(to_id)
            if target is None or target.archived:
                raise hubspot_validation(f"{OBJECTS[pair[1]]['upper']}={to_id} is not valid",
                                         sub_category="INVALID_OBJECT_IDS")
            world.hubspot.associate(obj, rec.num, pair[1], target.num)


def _write_common(world, obj: str, props: dict, rec: Record | None) -> Record:
    if rec is None:
        _check_unique(world, obj, props)
        return world.create("hubspot", obj, props, notify=True)
    _check_unique(world, obj, props, rec.num)
    return world.update("hubspot", obj, rec.id, props, notify=True)


# -- endpoints -----------------------------------------------------------------------------------------------
async def list_objects(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    limit = _int_param(request, "limit", 10)
    if limit < 1:
        raise hubspot_validation(f"limit must be at least 1, got {limit}")
    limit = min(limit, world.config.hubspot_list_max_limit)
    archived = _bool_param(request, "archived")
    after_raw = request.query_params.get("after")
    after = decode_after(after_raw) if after_raw else 0
    props = _list_param(request, "properties")
    history = _list_param(request, "propertiesWithHistory")
    assoc = _list_param(request, "associations")
    coll = world.collection("hubspot", obj)
    page = coll.page_by_id(archived, after, limit + 1)
    body: dict[str, Any] = {"results": [render(world, obj, r, props, history, assoc) for r in page[:limit]]}
    if len(page) > limit:
        nxt = encode_after(page[limit - 1].num)
        body["paging"] = {"next": {"after": nxt, "link": f"?after={nxt}"}}
    return json_response(body)


async def get_object(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    rec = _lookup(world, obj, request.path_params["id"], request.query_params.get("idProperty"),
                  _bool_param(request, "archived"))
    if rec is None:
        raise hubspot_not_found()
    return json_response(render(world, obj, rec, _list_param(request, "properties"),
                                _list_param(request, "propertiesWithHistory"), _list_param(request, "associations")))


async def create_object(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict) or "properties" not in body:
        raise hubspot_validation("Invalid input JSON: a 'properties' object is required")
    props = validate_properties(world, obj, body["properties"])
    with world.lock:
        rec = _write_common(world, obj, props, None)
        _apply_associations(world, obj, rec, body.get("associations"))
    return json_response(render(world, obj, rec, list(props)), 201)


async def update_object(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict) or "properties" not in body:
        raise hubspot_validation("Invalid input JSON: a 'properties' object is required")
    props = validate_properties(world, obj, body["properties"])
    with world.lock:
        rec = _lookup(world, obj, request.path_params["id"], request.query_params.get("idProperty"))
        if rec is None:
            raise hubspot_not_found()
        rec = _write_common(world, obj, props, rec)
    return json_response(render(world, obj, rec, list(props)))


async def archive_object(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    rec = _lookup(world, obj, request.path_params["id"], None)
    if rec is not None:
        with world.lock:
            world.archive("hubspot", obj, rec.id, notify=True)
    return Response(status_code=204)  # archiving something already gone is not an error


def _inputs(world, body: Any, max_inputs: int) -> list:
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        raise hubspot_validation("Invalid input JSON: an 'inputs' array is required")
    inputs = body["inputs"]
    if len(inputs) > max_inputs:
        raise hubspot_validation(f"Too many inputs: {len(inputs)}. The maximum number of inputs supported in a "
                                 f"batch request is {max_inputs}.", context={"maxInputs": [str(max_inputs)]})
    for i in inputs:
        if not isinstance(i, dict):
            raise hubspot_validation("Invalid input JSON: every input must be an object")
    return inputs


def _batch_body(world, results: list, errors: list, started: int) -> tuple[dict, int]:
    now = iso_ms(world.clock.now_ms())
    body: dict[str, Any] = {"status": "COMPLETE", "results": results, "requestedAt": iso_ms(started),
                            "startedAt": iso_ms(started), "completedAt": now, "links": {}}
    if errors:
        body["numErrors"] = len(errors)
        body["errors"] = errors
        return body, 207
    return body, 200


def _not_found_error(obj: str, ids: list[str], verb: str = "get") -> dict:
    return {"status": "error", "category": "OBJECT_NOT_FOUND",
            "message": f"Could not {verb} some {OBJECTS[obj]['upper']} objects, they may be deleted or not exist. "
                       "Check that ids are valid.", "context": {"ids": ids}, "errors": [], "links": {}}


async def batch_read(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    started = world.clock.now_ms()
    body = await read_json(request, hubspot_validation)
    history = body.get("propertiesWithHistory") if isinstance(body, dict) else None
    max_inputs = world.config.hubspot_batch_history_max if history else world.config.hubspot_batch_max
    if history and isinstance(body.get("inputs"), list) and len(body["inputs"]) > max_inputs:
        raise hubspot_validation("The maximum number of inputs supported in a batch request for property "
                                 f"histories is {max_inputs}")
    inputs = _inputs(world, body, max_inputs)
    props = body.get("properties")
    if props is not None and not (isinstance(props, list) and all(isinstance(p, str) for p in props)):
        raise hubspot_validation("properties must be a list of property names")
    if history is not None and not (isinstance(history, list) and all(isinstance(p, str) for p in history)):
        raise hubspot_validation("propertiesWithHistory must be a list of property names")
    id_prop = body.get("idProperty")
    archived = _bool_param(request, "archived")
    results, missing = [], []
    for i in inputs:
        raw = str(i.get("id", ""))
        rec = _lookup(world, obj, raw, id_prop, archived) if raw else None
        if rec is None:
            missing.append(raw)
        else:
            results.append(render(world, obj, rec, props or None, history))
    errors = [_not_found_error(obj, missing)] if missing else []
    out, status = _batch_body(world, results, errors, started)
    return json_response(out, status)


async def batch_create(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    started = world.clock.now_ms()
    inputs = _inputs(world, await read_json(request, hubspot_validation), world.config.hubspot_batch_max)
    checked = [validate_properties(world, obj, i.get("properties")) for i in inputs]
    with world.lock:
        seen: dict[str, int] = {}
        for props in checked:  # the whole batch fails on the first duplicate (CONTRACTS §1.2)
            _check_unique(world, obj, props)
            for p in OBJECTS[obj]["unique"]:
                if props.get(p):
                    key = f"{p}:{props[p].lower()}"
                    if key in seen:
                        raise hubspot_validation(f"Duplicate {p} in batch input: {props[p]}")
                    seen[key] = 1
        results = []
        for i, props in zip(inputs, checked, strict=True):
            rec = _write_common(world, obj, props, None)
            _apply_associations(world, obj, rec, i.get("associations"))
            results.append(render(world, obj, rec, list(props)))
    out, _ = _batch_body(world, results, [], started)
    return json_response(out, 201)


async def batch_update(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    started = world.clock.now_ms()
    inputs = _inputs(world, await read_json(request, hubspot_validation), world.config.hubspot_batch_max)
    checked = [validate_properties(world, obj, i.get("properties")) for i in inputs]
    results, missing = [], []
    with world.lock:
        for i, props in zip(inputs, checked, strict=True):
            raw = str(i.get("id", ""))
            rec = _lookup(world, obj, raw, i.get("idProperty")) if raw else None
            if rec is None:
                missing.append(raw)
                continue
            rec = _write_common(world, obj, props, rec)
            results.append(render(world, obj, rec, list(props)))
    out, status = _batch_body(world, results, [_not_found_error(obj, missing, "update")] if missing else [],
                              started)
    return json_response(out, status)


async def batch_upsert(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    started = world.clock.now_ms()
    inputs = _inputs(world, await read_json(request, hubspot_validation), world.config.hubspot_batch_max)
    checked = []
    for i in inputs:
        id_prop = i.get("idProperty")
        if not id_prop or id_prop not in OBJECTS[obj]["unique"]:
            raise hubspot_validation(f"idProperty must be a unique-value property of {obj} "
                                     f"({', '.join(OBJECTS[obj]['unique'])}); got {id_prop!r}")
        if not i.get("id"):
            raise hubspot_validation("Every upsert input needs an id (the value of idProperty)")
        checked.append(validate_properties(world, obj, i.get("properties")))
    results = []
    with world.lock:
        for i, props in zip(inputs, checked, strict=True):
            id_prop, value = i["idProperty"], str(i["id"])
            rec = world.hubspot.find_unique(obj, id_prop, value)
            props = {**props, id_prop: props.get(id_prop) or value}
            is_new = rec is None
            rec = _write_common(world, obj, props, rec)
            results.append({**render(world, obj, rec, list(props)), "new": is_new})
    out, _ = _batch_body(world, results, [], started)
    return json_response(out)


async def batch_archive(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    inputs = _inputs(world, await read_json(request, hubspot_validation), world.config.hubspot_batch_max)
    with world.lock:
        for i in inputs:
            rec = _lookup(world, obj, str(i.get("id", "")), None)
            if rec is not None:
                world.archive("hubspot", obj, rec.id, notify=True)
    return Response(status_code=204)


async def merge_objects(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict) or "primaryObjectId" not in body or "objectIdToMerge" not in body:
        raise hubspot_validation("primaryObjectId and objectIdToMerge are required")
    with world.lock:
        primary = _lookup(world, obj, str(body["primaryObjectId"]), None)
        other = _lookup(world, obj, str(body["objectIdToMerge"]), None)
        if primary is None or other is None:
            raise hubspot_not_found()
        if primary.num == other.num:
            raise hubspot_validation("Cannot merge an object into itself")
        fill = {k: v for k, v in other.data.items() if k not in primary.data and k not in OBJECTS[obj]["unique"]}
        world.archive("hubspot", obj, other.id)
        other.extra["merged_into"] = primary.id
        world.update("hubspot", obj, primary.id, fill)
        for to, nums in list(world.hubspot.assoc.get((obj, other.num), {}).items()):
            for n in nums:
                world.hubspot.associate(obj, primary.num, to, n)
    from lumio_desktop.sandbox.webhooks import enqueue

    enqueue(world, "hubspot", obj, "merge", primary, [], merged=[other.num])
    return json_response(render(world, obj, primary))


async def gdpr_delete(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    if obj != "contacts":
        raise hubspot_validation("gdpr-delete is only available for contacts")
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict) or "objectId" not in body:
        raise hubspot_validation("objectId is required")
    rec = _lookup(world, obj, str(body["objectId"]), body.get("idProperty"))
    if rec is None:
        raise hubspot_not_found()
    with world.lock:
        from lumio_desktop.sandbox.webhooks import enqueue

        enqueue(world, "hubspot", obj, "privacyDeletion", rec, [])
        world.purge("hubspot", obj, rec.id)
    return Response(status_code=204)


# -- search ----------------------------------------------------------------------------------------------------
def _prop_kind(obj: str, name: str) -> str:
    return SYSTEM_PROPS.get(name) or OBJECTS[obj]["props"].get(name, "string")


def _value_of(obj: str, rec: Record, name: str, data: dict, modified: int) -> Any:
    if name == "hs_object_id":
        return rec.num
    if name == "createdate":
        return rec.created
    if name == OBJECTS[obj]["modprop"]:
        return modified
    v = data.get(name)
    if v is None:
        return None
    kind = _prop_kind(obj, name)
    if kind == "number":
        try:
            return float(v)
        except ValueError:
            return None
    if kind == "datetime":
        return parse_time_ms(v)
    return v.lower()


def _coerce(obj: str, name: str, value: Any, what: str = "value") -> Any:
    if value is None:
        raise hubspot_validation(f"Filter on {name} needs a {what}")
    kind = _prop_kind(obj, name)
    s = str(value)
    if kind == "number":
        try:
            return float(s)
        except ValueError:
            raise hubspot_validation(f"{s!r} is not a valid number for {name}") from None
    if kind == "datetime":
        ms = parse_time_ms(s)
        if ms is None:
            raise hubspot_validation(f"{s!r} is not a valid date for {name}") from None
        return ms
    return s.lower()


_TOKEN_SPLIT = re.compile(r"[\s@.,;:_\-/+()]+")


def _compile_filter(obj: str, f: Any):
    if not isinstance(f, dict) or not isinstance(f.get("propertyName"), str) or "operator" not in f:
        raise hubspot_validation("Every filter needs propertyName and operator")
    name, op = f["propertyName"], f["operator"]
    if op not in OPERATORS:
        raise hubspot_validation(f"Unknown operator {op!r}; one of {', '.join(sorted(OPERATORS))}")
    if op in ("HAS_PROPERTY", "NOT_HAS_PROPERTY"):
        want = op == "HAS_PROPERTY"
        return name, op, None, lambda v: (v is not None and v != "") == want
    if op in ("IN", "NOT_IN"):
        vals = f.get("values")
        if not isinstance(vals, list) or not vals:
            raise hubspot_validation(f"Operator {op} needs a non-empty 'values' list")
        vs = {_coerce(obj, name, v) for v in vals}
        if op == "IN":
            return name, op, None, lambda v: v in vs
        return name, op, None, lambda v: v not in vs
    if op in ("CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"):
        pat = str(f.get("value", "")).lower()
        if not pat:
            raise hubspot_validation(f"Operator {op} needs a value")

        def contains(v: Any, pat=pat) -> bool:
            if v is None:
                return False
            s = str(v)
            if "*" in pat:
                return fnmatch.fnmatchcase(s, pat) or any(fnmatch.fnmatchcase(t, pat) for t in _TOKEN_SPLIT.split(s))
            return pat in _TOKEN_SPLIT.split(s) or s == pat

        if op == "CONTAINS_TOKEN":
            return name, op, None, contains
        return name, op, None, lambda v: not contains(v)
    x = _coerce(obj, name, f.get("value"))
    if op == "BETWEEN":
        hi = _coerce(obj, name, f.get("highValue"), "highValue")
        return name, op, (x, hi), lambda v: v is not None and x <= v <= hi
    fn = {"EQ": lambda v: v == x, "NEQ": lambda v: v != x,
          "LT": lambda v: v is not None and v < x, "LTE": lambda v: v is not None and v <= x,
          "GT": lambda v: v is not None and v > x, "GTE": lambda v: v is not None and v >= x}[op]
    rng = {"EQ": (x, x), "LT": (None, x), "LTE": (None, x), "GT": (x, None), "GTE": (x, None)}.get(op)
    return name, op, rng, fn


def _parse_sorts(obj: str, sorts: Any, max_sorts: int) -> list[tuple[str, bool]]:
    if sorts in (None, []):
        return []
    if not isinstance(sorts, list):
        raise hubspot_validation("sorts must be a list")
    if len(sorts) > max_sorts:
        raise hubspot_validation(f"Too many sorts: at most {max_sorts} sort rule(s) allowed")
    out = []
    for s in sorts:
        if isinstance(s, str):
            desc = s.startswith("-")
            out.append((s.lstrip("-+"), desc))
        elif isinstance(s, dict) and isinstance(s.get("propertyName"), str):
            d = s.get("direction", "ASCENDING")
            if d not in ("ASCENDING", "DESCENDING"):
                raise hubspot_validation(f"Sort direction must be ASCENDING or DESCENDING, got {d!r}")
            out.append((s["propertyName"], d == "DESCENDING"))
        else:
            raise hubspot_validation("Every sort is a property name or {propertyName, direction}")
    return out


def _search_view(world, rec: Record) -> tuple[dict, int, bool] | None:
    """What search sees of a record: the version before a write still being indexed (hubspot_index_delay)."""
    delay = world.config.hubspot_index_delay
    if delay > 0 and world.clock.now() - rec.extra.get("written_at", float("-inf")) < delay:
        prev = rec.extra.get("search_prev")
        return prev  # None: created too recently to be searchable
    return rec.data, rec.modified, rec.archived


def run_search(world, obj: str, body: dict) -> list[Record]:
    cfg = world.config
    groups = body.get("filterGroups") or []
    if not isinstance(groups, list):
        raise hubspot_validation("filterGroups must be a list")
    if len(groups) > cfg.hubspot_search_max_groups:
        raise hubspot_validation(f"Too many filter groups: at most {cfg.hubspot_search_max_groups} allowed")
    compiled = []
    total_filters = 0
    for g in groups:
        if not isinstance(g, dict) or not isinstance(g.get("filters", []), list):
            raise hubspot_validation("Every filter group is {\"filters\": [...]}")
        fs = g.get("filters", [])
        if len(fs) > cfg.hubspot_search_max_filters_per_group:
            raise hubspot_validation(f"Too many filters in a group: at most "
                                     f"{cfg.hubspot_search_max_filters_per_group} allowed")
        total_filters += len(fs)
        compiled.append([_compile_filter(obj, f) for f in fs])
    if total_filters > cfg.hubspot_search_max_filters:
        raise hubspot_validation(f"Too many filters: at most {cfg.hubspot_search_max_filters} allowed in total")
    sorts = _parse_sorts(obj, body.get("sorts"), cfg.hubspot_search_max_sorts)
    query = body.get("query")
    if query is not None and (not isinstance(query, str) or len(query) > 3000):
        raise hubspot_validation("query must be a string of at most 3000 characters")
    key = json.dumps([obj, groups, body.get("sorts"), query], sort_keys=True, default=str)
    coll = world.collection("hubspot", obj)
    delay = cfg.hubspot_index_delay > 0
    cached = world.hubspot.search_cache.get(key)
    if cached is not None and cached[0] == coll.version and not delay:
        return cached[1]

    modprop = OBJECTS[obj]["modprop"]
    # Candidates from the (modified, id) index when one group bounds the modification time; else all records.
    candidates = None
    presorted_mod = False
    if not delay and len(compiled) == 1:
        lo = hi = None
        for name, _op, rng, _fn in compiled[0]:
            if name == modprop and rng is not None:
                if rng[0] is not None:
                    lo = rng[0] if lo is None else max(lo, rng[0])
                if rng[1] is not None:
                    hi = rng[1] if hi is None else min(hi, rng[1])
        if lo is not None or hi is not None:
            start = (int(lo), -1) if lo is not None else None
            candidates = coll.iter_by_modified((False,), start=start, stop_ms=int(hi) if hi is not None else None)
            presorted_mod = True
    if candidates is None:
        states = (False, True) if delay else (False,)
        candidates = coll.iter_by_id(states)
    qtokens = [t for t in _TOKEN_SPLIT.split(query.lower()) if t] if query else []
    text_props = OBJECTS[obj]["search_text"]
    matched: list[Record] = []
    for rec in candidates:
        view = _search_view(world, rec) if delay else (rec.data, rec.modified, rec.archived)
        if view is None or view[2]:
            continue  # search never returns archived records
        data, modified = view[0], view[1]
        if compiled and not any(all(fn(_value_of(obj, rec, name, data, modified)) for name, _o, _r, fn in g)
                                for g in compiled):
            continue
        if qtokens:
            hay = " ".join(str(data.get(p, "")) for p in text_props).lower()
            toks = _TOKEN_SPLIT.split(hay)
            if not all(any(t.startswith(q) for t in toks) for q in qtokens):
                continue
        matched.append(rec)
    if sorts:
        name, desc = sorts[0]
        if not (presorted_mod and name == modprop and not desc):
            def sort_key(r: Record, name=name):
                v = _value_of(obj, r, name, r.data, r.modified)
                return (v is None, v if v is not None else 0, r.num)
            matched.sort(key=sort_key, reverse=desc)
    elif presorted_mod:
        matched.sort(key=lambda r: r.num)
    if not delay:
        cache = world.hubspot.search_cache
        if len(cache) > 32:
            cache.clear()
        cache[key] = (coll.version, matched)
    return matched


_BIG = 1 << 62


def _index_page(world, obj: str, body: dict, after: int, limit: int) -> tuple[int, list[Record]] | None:
    """The common delta searches straight from the sorted indexes, no per-record work: no filter (by id or by
    modification time), or one group of range filters on the modification time sorted by it. Anything else: None."""
    cfg = world.config
    if cfg.hubspot_index_delay > 0 or body.get("query"):
        return None
    groups = body.get("filterGroups") or []
    sorts = _parse_sorts(obj, body.get("sorts"), cfg.hubspot_search_max_sorts)
    modprop = OBJECTS[obj]["modprop"]
    coll = world.collection("hubspot", obj)
    if not groups and (not sorts or sorts[0][0] == "hs_object_id"):
        ids = coll._ids[False]
        desc = bool(sorts) and sorts[0][1]
        n = len(ids)
        nums = ids[max(0, n - after - limit):max(0, n - after)][::-1] if desc else ids[after:after + limit]
        return len(ids), [coll.by_num[n] for n in nums]
    if not sorts or sorts[0][0] != modprop or len(groups) > 1:
        return None
    lo, hi = (-1, -1), (_BIG, _BIG)
    if groups:
        g = groups[0]
        if not isinstance(g, dict) or not isinstance(g.get("filters"), list):
            return None
        for f in g["filters"]:
            _compile_filter(obj, f)  # the same validation and errors as the general path
            if f["propertyName"] != modprop or f["operator"] not in ("EQ", "GT", "GTE", "LT", "LTE", "BETWEEN"):
                return None
            x = int(_coerce(obj, modprop, f.get("value")))
            op = f["operator"]
            if op in ("GT", "GTE", "EQ", "BETWEEN"):
                lo = max(lo, (x, _BIG) if op == "GT" else (x, -1))
            if op in ("LT", "LTE", "EQ"):
                hi = min(hi, (x, -1) if op == "LT" else (x, _BIG))
            if op == "BETWEEN":
                hi = min(hi, (int(_coerce(obj, modprop, f.get("highValue"), "highValue")), _BIG))
    mods = coll._mods[False]
    i, j = bisect.bisect_left(mods, lo), bisect.bisect_left(mods, hi)
    total = max(0, j - i)
    if sorts[0][1]:
        keys = mods[max(i, j - after - limit):max(i, j - after)][::-1]
    else:
        keys = mods[i + after:min(j, i + after + limit)]
    return total, [coll.by_num[n] for _m, n in keys]


async def search(request: Request, world, _tok) -> Response:
    obj = _obj(request)
    cfg = world.config
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict):
        raise hubspot_validation("Invalid input JSON: the search request must be an object")
    limit = body.get("limit", 10)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise hubspot_validation(f"limit must be a non-negative integer, got {limit!r}")
    if limit > cfg.hubspot_search_max_limit:
        raise hubspot_validation(f"limit must be at most {cfg.hubspot_search_max_limit}, got {limit}")
    after_raw = body.get("after", "0")
    try:
        after = int(str(after_raw or "0"))
        if after < 0:
            raise ValueError
    except ValueError:
        raise hubspot_validation(f"after must be a numeric offset, got {after_raw!r}") from None
    if after + limit > cfg.hubspot_search_cap:
        raise hubspot_validation(f"Search results are limited to {cfg.hubspot_search_cap} total results; "
                                 f"after ({after}) + limit ({limit}) exceeds it. Narrow the filters instead.",
                                 context={"after": [str(after)], "limit": [str(limit)]})
    props = body.get("properties")
    if props is not None and not (isinstance(props, list) and all(isinstance(p, str) for p in props)):
        raise hubspot_validation("properties must be a list of property names")
    fast = _index_page(world, obj, body, after, limit)
    if fast is not None:
        total, page = fast
    else:
        matched = run_search(world, obj, body)
        total, page = len(matched), matched[after:after + limit]
    out: dict[str, Any] = {"total": total, "results": [render(world, obj, r, props or None) for r in page]}
    if after + limit < total and limit > 0:
        nxt = str(after + limit)
        out["paging"] = {"next": {"after": nxt, "link": f"?after={nxt}"}}
    return json_response(out)


def _type_ids(frm: str, to: str) -> list[int]:
    return [tid for tid, pair in ASSOCIATION_TYPES.items() if pair == (frm, to)][:1]


def _v4_to(world, frm: str, num: int, to: str) -> list[dict]:
    return [{"toObjectId": n, "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": tid, "label": None}
                                                    for tid in _type_ids(frm, to)]}
            for n in world.hubspot.associations_of(frm, num, to)]


async def v4_associations(request: Request, world, _tok) -> Response:
    """GET /crm/v4/objects/{object}/{id}/associations/{to} (CONTRACTS §1.4)."""
    frm = _obj(request)
    try:
        to = canonical_object(request.path_params["to"])
    except KeyError:
        raise hubspot_validation(f"Unable to infer object type from: {request.path_params['to']}") from None
    rec = _lookup(world, frm, request.path_params["id"], None)
    if rec is None:
        raise hubspot_not_found()
    return json_response({"results": _v4_to(world, frm, rec.num, to)})


async def v4_batch_read(request: Request, world, _tok) -> Response:
    """POST /crm/v4/associations/{from}/{to}/batch/read with {"inputs": [{"id": ...}]}."""
    try:
        frm = canonical_object(request.path_params["from"])
        to = canonical_object(request.path_params["to"])
    except KeyError:
        raise hubspot_validation("Unable to infer object type from the path") from None
    started = world.clock.now_ms()
    inputs = _inputs(world, await read_json(request, hubspot_validation), 1000)
    results, missing = [], []
    coll = world.collection("hubspot", frm)
    for i in inputs:
        rec = coll.get(str(i.get("id", "")))
        if rec is None or rec.archived:
            missing.append(str(i.get("id", "")))
            continue
        results.append({"from": {"id": rec.id}, "to": _v4_to(world, frm, rec.num, to)})
    out, status = _batch_body(world, results, [_not_found_error(frm, missing)] if missing else [], started)
    return json_response(out, status)


OWNER_NAMES = {"75012345": ("Ana", "Ribeiro"), "75012346": ("Mark", "Taylor"), "75012347": ("Júlia", "Santos")}


async def owners(request: Request, world, _tok) -> Response:
    created = iso_ms(1_704_067_200_000)
    return json_response({"results": [
        {"id": oid, "email": f"{first.lower()}.{last.lower()}@lumio-sandbox.example", "firstName": first,
         "lastName": last, "userId": int(oid) - 75000000, "createdAt": created, "updatedAt": created, "archived": False}
        for oid, (first, last) in OWNER_NAMES.items()]})


async def deal_pipelines(request: Request, world, _tok) -> Response:
    created = iso_ms(1_704_067_200_000)
    stages = [{"id": sid, "label": sid.replace("appointmentscheduled", "Appointment scheduled").capitalize(),
               "displayOrder": i, "metadata": {"isClosed": str(sid.startswith("closed")).lower(),
                                                "probability": STAGE_PROBABILITY[sid]},
               "createdAt": created, "updatedAt": created, "archived": False} for i, sid in enumerate(DEAL_STAGES)]
    return json_response({"results": [{"id": "default", "label": "Sales Pipeline", "displayOrder": 0,
                                       "stages": stages, "createdAt": created, "updatedAt": created,
                                       "archived": False}]})


async def account_details(request: Request, world, _tok) -> Response:
    return json_response({"portalId": world.hubspot_portal_id, "accountType": "STANDARD", "timeZone": "US/Eastern",
                          "companyCurrency": "USD", "additionalCurrencies": ["BRL"], "utcOffset": "-05:00",
                          "utcOffsetMilliseconds": -18_000_000, "uiDomain": "app.hubspot.com",
                          "dataHostingLocation": "na1"})


def routes() -> list:
    out = [
        route("/crm/v3/owners", owners, ["GET"], "hubspot"),
        route("/crm/v3/owners/", owners, ["GET"], "hubspot"),
        route("/crm/v3/pipelines/deals", deal_pipelines, ["GET"], "hubspot"),
        route("/account-info/v3/details", account_details, ["GET"], "hubspot"),
        route("/crm/v4/objects/{object}/{id}/associations/{to}", v4_associations, ["GET"], "hubspot", auth="read"),
        route("/crm/v4/associations/{from}/{to}/batch/read", v4_batch_read, ["POST"], "hubspot"),
    ]
    for base in ("/crm/v3/objects/{object}", "/crm/objects/{version:str}/{object}"):
        out += [
            route(base, list_objects, ["GET"], "hubspot", auth="read"),
            route(base, create_object, ["POST"], "hubspot", auth="write"),
            route(base + "/batch/read", batch_read, ["POST"], "hubspot", auth="read"),
            route(base + "/batch/create", batch_create, ["POST"], "hubspot", auth="write"),
            route(base + "/batch/update", batch_update, ["POST"], "hubspot", auth="write"),
            route(base + "/batch/upsert", batch_upsert, ["POST"], "hubspot", auth="write"),
            route(base + "/batch/archive", batch_archive, ["POST"], "hubspot", auth="write"),
            route(base + "/search", search, ["POST"], "hubspot", auth="read"),
            route(base + "/merge", merge_objects, ["POST"], "hubspot", auth="write"),
            route(base + "/gdpr-delete", gdpr_delete, ["POST"], "hubspot", auth="write"),
            route(base + "/{id}", get_object, ["GET"], "hubspot", auth="read"),
            route(base + "/{id}", update_object, ["PATCH"], "hubspot", auth="write"),
            route(base + "/{id}", archive_object, ["DELETE"], "hubspot", auth="write"),
        ]
    return out


def random_fields(world, obj: str, rng, rec: Record | None) -> dict[str, str]:
    """Fields of one simulated edit: a new record's (rec is None) or a change to rec."""
    from lumio_desktop.sandbox.people import extra_people

    if rec is None:
        p = extra_people(world, "hubspot", 1)[0]
        if obj == "contacts":
            return {"email": f"{p.email.split('@')[0] or 'someone'}@example.com", "firstname": p.first,
                    "lastname": p.last, "lifecyclestage": "lead"}
        if obj == "companies":
            name, domain, _ = company_name(rng)
            return {"name": name, "domain": domain}
        return {"dealname": f"{p.last or 'New'} - {rng.choice(PRODUCTS)}", "pipeline": "default",
                "dealstage": "appointmentscheduled", "amount": str(rng.choice((900, 2500, 12000)))}
    if obj == "contacts":
        return rng.choice(({"lifecyclestage": rng.choice(LIFECYCLE)}, {"jobtitle": rng.choice(("CEO", "Buyer"))},
                           {"hs_lead_status": rng.choice(LEAD_STATUS[:-1])}, {"phone": f"+1 555 {rng.randrange(10**4):04d}"}))
    if obj == "companies":
        return rng.choice(({"numberofemployees": str(rng.randrange(1, 5000))}, {"industry": rng.choice(INDUSTRIES[:-1])}))
    return rng.choice(({"dealstage": rng.choice(DEAL_STAGES)}, {"amount": str(rng.randrange(100, 90000))}))
