"""Salesforce REST emulator: SOQL subset, sObject CRUD and upsert, collections, getUpdated/getDeleted (CONTRACTS §2).

Paths live under /services/data/vNN.N/ (any version is accepted). Records keep native JSON types; datetimes are
rendered "2013-05-20T20:49:32.000+0000". IsDeleted records are the Recycle Bin: visible to queryAll only.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from lumio_desktop.sandbox.data import DAY_MS, INDUSTRIES, PRODUCTS, company_name, pick, timeline
from lumio_desktop.sandbox.errors import ApiError, sf_error
from lumio_desktop.sandbox.routing import json_response, read_json, route
from lumio_desktop.sandbox.soql import Query, format_datetime, malformed, parse, parse_datetime_literal
from lumio_desktop.sandbox.store import Collection, Record

OBJECTS: dict[str, dict[str, Any]] = {
    "Contact": {"prefix": "003", "required": ["LastName"], "fields": {
        "FirstName": "string", "LastName": "string", "Email": "email", "Phone": "string", "MobilePhone": "string",
        "Title": "string", "MailingStreet": "string", "MailingCity": "string", "MailingState": "string",
        "MailingPostalCode": "string", "MailingCountry": "string", "AccountId": "reference:Account",
        "OwnerId": "id", "LeadSource": "string", "MasterRecordId": "readonly", "Lumio_ID__c": "string"}},
    "Lead": {"prefix": "00Q", "required": ["LastName", "Company"], "fields": {
        "FirstName": "string", "LastName": "string", "Company": "string", "Email": "email", "Phone": "string",
        "Title": "string", "Status": "string", "LeadSource": "string", "City": "string", "Country": "string",
        "IsConverted": "boolean", "ConvertedContactId": "readonly", "ConvertedAccountId": "readonly",
        "ConvertedOpportunityId": "readonly", "ConvertedDate": "readonly", "OwnerId": "id",
        "Lumio_ID__c": "string"}},
    "Account": {"prefix": "001", "required": ["Name"], "fields": {
        "Name": "string", "Website": "string", "Phone": "string", "Industry": "string", "BillingStreet": "string",
        "BillingCity": "string", "BillingState": "string", "BillingPostalCode": "string", "BillingCountry": "string",
        "NumberOfEmployees": "int", "AnnualRevenue": "double", "OwnerId": "id", "ParentId": "reference:Account",
        "Lumio_ID__c": "string"}},
    "Opportunity": {"prefix": "006", "required": ["Name", "StageName", "CloseDate"], "fields": {
        "AccountId": "reference:Account", "Name": "string", "StageName": "string", "Amount": "double",
        "CloseDate": "date", "Probability": "double", "IsClosed": "readonly", "IsWon": "readonly", "OwnerId": "id",
        "LeadSource": "string", "Type": "string", "Lumio_ID__c": "string"}},
}
SYSTEM_FIELDS = {"Id": "id", "IsDeleted": "boolean", "CreatedDate": "datetime", "CreatedById": "id",
                 "LastModifiedDate": "datetime", "LastModifiedById": "id", "SystemModstamp": "datetime"}
EXTERNAL_ID_FIELDS = ("Lumio_ID__c",)
STAGES = ("Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review",
          "Closed Won", "Closed Lost")
PROBABILITY = {"Prospecting": 10.0, "Qualification": 20.0, "Needs Analysis": 30.0, "Proposal/Price Quote": 60.0,
               "Negotiation/Review": 80.0, "Closed Won": 100.0, "Closed Lost": 0.0}
LEAD_STATUSES = ("Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted")
USER_ID = "005Hs00000AbCdEIAV"
VERSIONS = ("55.0", "56.0", "57.0", "58.0", "59.0", "60.0", "61.0", "62.0", "63.0", "64.0", "65.0", "66.0")
_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_B62_PAIRS = [a + b for a in _B62 for b in _B62]
_VERSION = re.compile(r"^v(\d{2}\.\d)$")


_UPPER_BITS = str.maketrans({c: "1" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"} | {
    c: "0" for c in "0123456789abcdefghijklmnopqrstuvwxyz"})


def _suffix(id15: str) -> str:
    """The real 15->18 character case-safe suffix: one character per 5-character chunk's uppercase bitmap."""
    bits = id15.translate(_UPPER_BITS)
    return "".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[int(bits[i:i + 5][::-1], 2)] for i in (0, 5, 10))


def make_id_fn(prefix: str):
    def make(num: int) -> str:
        n, out = num, ""
        for _ in range(5):
            n, r = divmod(n, 3844)
            out = _B62_PAIRS[r] + out
        id15 = prefix + "Hs" + out
        return id15 + _suffix(id15)

    def parse_id(s: str) -> int | None:
        if len(s) not in (15, 18) or not s.startswith(prefix) or s[3:5] != "Hs":
            return None
        if len(s) == 18 and _suffix(s[:15]) != s[15:].upper():
            return None
        n = 0
        for ch in s[5:15]:
            i = _B62.find(ch)
            if i < 0:
                return None
            n = n * 62 + i
        return n

    return make, parse_id


def canonical_object(obj: str) -> str:
    for name in OBJECTS:
        if name.lower() == obj.lower():
            return name
    raise KeyError(obj)


def make_collections(org_id: str) -> dict[str, Collection]:
    out = {}
    for name, meta in OBJECTS.items():
        mk, parse_id = make_id_fn(meta["prefix"])
        c = Collection("salesforce", name, mk, parse_id)
        c.next_num = 1_000_000
        out[name] = c
    return out


class SalesforceState:
    def __init__(self, world):
        self.world = world
        self.cursors: dict[str, dict[str, Any]] = {}
        self.next_cursor = 1
        self.ext: dict[str, dict[str, set[int]]] = {o: {} for o in OBJECTS}

    def index_ext(self, obj: str, rec: Record) -> None:
        v = rec.data.get("Lumio_ID__c")
        if v:
            self.ext[obj].setdefault(str(v), set()).add(rec.num)

    def unindex_ext(self, obj: str, rec: Record) -> None:
        v = rec.data.get("Lumio_ID__c")
        if v and v in self.ext[obj]:
            self.ext[obj][v].discard(rec.num)
            if not self.ext[obj][v]:
                del self.ext[obj][v]


# -- data ----------------------------------------------------------------------------------------------------
def generate(world, rng, n: int) -> None:
    from lumio_desktop.sandbox.people import people_for

    rnd = rng.random

    colls = world.collections["salesforce"]
    nacc = max(1, n // 5) if n else 0
    accounts = colls["Account"]
    recs = []
    for i, (c, m) in enumerate(timeline(rng, nacc)):
        name, domain, br = company_name(rng)
        recs.append(_gen(accounts, accounts.next_num + i, c, m, rng, {
            "Name": name, "Website": f"https://www.{domain}", "Industry": pick(rnd(), INDUSTRIES) or None,
            "BillingCity": "São Paulo" if br else "Chicago", "BillingCountry": "Brazil" if br else "USA",
            "NumberOfEmployees": pick(rnd(), (8, 30, 250, 1200, None)), "Phone": "+1 312 555 0199",
            "BillingState": "SP" if br else "IL", "AnnualRevenue": pick(rnd(), (250000.0, 1.2e6, 8e6, None))}))
    accounts.bulk_load(recs)
    acc_ids = [r.id for r in recs if not r.archived]
    leads = colls["Lead"]
    recs = []
    for i, ((c, m), p) in enumerate(zip(timeline(rng, n), people_for(world, "salesforce", n), strict=True)):
        recs.append(_gen(leads, leads.next_num + i, c, m, rng, {
            "FirstName": p.first or None, "LastName": p.last or "[not provided]", "Email": p.email or None,
            "Company": company_name(rng)[0] if rnd() < 0.9 else "[not provided]", "Phone": p.phone or None,
            "Title": p.job or None, "Status": pick(rnd(), LEAD_STATUSES), "LeadSource": pick(rnd(), ("Web", "Phone Inquiry",
                                                                                                  "Partner Referral", None)),
            "City": p.city, "Country": p.country, "IsConverted": False}))
    leads.bulk_load(recs)
    ncont = n // 2
    contacts = colls["Contact"]
    recs = []
    people = people_for(world, "salesforce", n)
    for i, (c, m) in enumerate(timeline(rng, ncont)):
        p = people[(i * 7919) % n] if n else None
        recs.append(_gen(contacts, contacts.next_num + i, c, m, rng, {
            "FirstName": p.first or None, "LastName": p.last or "Unknown", "Email": p.email or None,
            "Phone": p.phone or None, "Title": p.job or None, "MailingCity": p.city, "MailingCountry": p.country,
            "LeadSource": pick(rnd(), ("Web", "Partner Referral", None)),
            "AccountId": pick(rnd(), acc_ids) if acc_ids and rnd() < 0.8 else None}))
    contacts.bulk_load(recs)
    nopp = max(1, n // 4) if n else 0
    opps = colls["Opportunity"]
    recs = []
    for i, (c, m) in enumerate(timeline(rng, nopp)):
        stage = pick(rnd(), STAGES)
        recs.append(_gen(opps, opps.next_num + i, c, m, rng, {
            "Name": f"{pick(rnd(), PRODUCTS)} {i}", "StageName": stage,
            "Amount": pick(rnd(), (1500.0, 9800.0, 25000.0, None)),
            "CloseDate": date.fromtimestamp((c + int(rnd() * 120) * DAY_MS) / 1000).isoformat(),
            "AccountId": pick(rnd(), acc_ids) if acc_ids else None, "Probability": PROBABILITY[stage],
            "Type": pick(rnd(), ("New Business", "Existing Business", None))}))
    opps.bulk_load(recs)
    for name, coll in colls.items():
        for r in coll.by_num.values():
            world.salesforce.index_ext(name, r)


def _gen(coll: Collection, num: int, created: int, modified: int, rng, data: dict) -> Record:
    deleted = rng.random() < 0.02
    rec = Record(num, coll.make_id(num), created, modified, data, deleted, modified if deleted else None)
    if rng.random() < 0.04:
        # An automated process touched it: SystemModstamp moved, LastModifiedDate did not (CONTRACTS §2.2).
        rec.extra["lmd"] = max(created, modified - rng.randrange(1, 30 * DAY_MS))
    return rec


def bulk_generate(world, obj: str, count: int, *, modified: int | None, fields: dict) -> list[Record]:
    from lumio_desktop.sandbox.people import extra_people

    obj = canonical_object(obj)
    coll = world.collection("salesforce", obj)
    now = world.clock.now_ms()
    mod = modified if modified is not None else now
    recs = []
    for i, p in enumerate(extra_people(world, "salesforce", count)):
        data = {"Contact": {"FirstName": p.first, "LastName": p.last or "Unknown", "Email": p.email},
                "Lead": {"FirstName": p.first, "LastName": p.last or "Unknown", "Company": "Bulk Import Ltda",
                         "Email": p.email, "Status": LEAD_STATUSES[0]},
                "Account": {"Name": f"{p.last or 'Nameless'} {i} S.A."},
                "Opportunity": {"Name": f"Bulk {i}", "StageName": STAGES[0], "CloseDate": "2026-12-31"}}[obj]
        data.update(fields)
        num = coll.next_num + i
        recs.append(Record(num, coll.make_id(num), min(mod, now), mod, data))
    coll.bulk_load(recs)
    for r in recs:
        world.salesforce.index_ext(obj, r)
    return recs


def new_record(world, coll: Collection, fields: dict, *, created: int | None = None,
               modified: int | None = None) -> Record:
    now = world.clock.now_ms()
    num = coll.new_num()
    rec = Record(num, coll.make_id(num), created if created is not None else (modified or now),
                 modified if modified is not None else now, {k: v for k, v in fields.items()})
    if coll.name == "Lead":
        rec.data.setdefault("Status", LEAD_STATUSES[0])
        rec.data.setdefault("IsConverted", False)
    coll.add(rec)
    world.salesforce.index_ext(coll.name, rec)
    return rec


def apply_update(world, coll: Collection, rec: Record, fields: dict, modified: int) -> None:
    world.salesforce.unindex_ext(coll.name, rec)
    rec.extra.pop("lmd", None)
    coll.touch(rec, modified, data={**rec.data, **fields})
    world.salesforce.index_ext(coll.name, rec)


def field_value(obj: str, rec: Record, name: str) -> Any:
    if name == "Id":
        return rec.id
    if name == "IsDeleted":
        return rec.archived
    if name == "CreatedDate":
        return rec.created
    if name == "SystemModstamp":
        return rec.modified
    if name == "LastModifiedDate":
        return rec.extra.get("lmd", rec.modified)
    if name in ("CreatedById", "LastModifiedById"):
        return USER_ID
    if obj == "Opportunity" and name in ("IsClosed", "IsWon"):
        stage = rec.data.get("StageName", "")
        return stage.startswith("Closed") if name == "IsClosed" else stage == "Closed Won"
    if name == "OwnerId":
        return rec.data.get("OwnerId", USER_ID)
    return rec.data.get(name)


def field_kind(obj: str, name: str) -> str | None:
    return SYSTEM_FIELDS.get(name) or OBJECTS[obj]["fields"].get(name)


def all_fields(obj: str) -> list[str]:
    return ["Id", "IsDeleted", *OBJECTS[obj]["fields"], "CreatedDate", "CreatedById", "LastModifiedDate",
            "LastModifiedById", "SystemModstamp"]


def render(obj: str, rec: Record, fields: list[str], version: str) -> dict[str, Any]:
    out: dict[str, Any] = {"attributes": {"type": obj, "url": f"/services/data/v{version}/sobjects/{obj}/{rec.id}"}}
    for f in fields:
        v = field_value(obj, rec, f)
        if field_kind(obj, f) == "datetime" and v is not None:
            v = format_datetime(v)
        out[f] = v
    return out


def render_full(world, obj: str, rec: Record) -> dict[str, Any]:
    obj = canonical_object(obj)
    return render(obj, rec, all_fields(obj), "59.0")


def before_archive(world, coll: Collection, rec: Record) -> None:
    pass  # external ids keep matching records in the Recycle Bin only through queryAll; nothing to unindex


# -- auth, limits, errors -------------------------------------------------------------------------------------
def presented_token(request: Request) -> str | None:
    h = request.headers.get("authorization", "")
    for scheme in ("bearer ", "oauth "):
        if h[:len(scheme)].lower() == scheme:
            return h[len(scheme):].strip()
    return None


def expired_error(world, tok) -> ApiError:
    return sf_error(401, "INVALID_SESSION_ID", "Session expired or invalid")


def authenticate(world, request: Request, need: Any):
    value = presented_token(request)
    tok = world.tokens.access.get(value) if value else None
    if tok is None or tok.provider != "salesforce" or tok.revoked or world.tokens.is_expired(tok):
        raise expired_error(world, tok)
    tok.last_used = world.clock.now()
    return tok


def _usage(world) -> int:
    dq = world.limits.salesforce_used
    cutoff = world.clock.now() - 86400
    while dq and dq[0] < cutoff:
        dq.popleft()
    return len(dq)


def check_rate(world, request: Request, tok, path: str) -> dict[str, str]:
    lim = world.limits
    with lim._lock:
        used = _usage(world)
        if world.config.rate_limits and used >= world.config.salesforce_daily_limit:
            raise sf_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        lim.salesforce_used.append(world.clock.now())
    return {}


def rate_limited_error(world, request: Request, retry_after: bool = True) -> ApiError:
    return sf_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")


def server_error(status: int) -> ApiError:
    if status == 503:
        return sf_error(503, "SERVER_UNAVAILABLE", "Server is busy; try again later.")
    if status == 504:
        return sf_error(504, "REQUEST_RUNNING_TOO_LONG", "Your request was running for too long, and has been "
                                                         "stopped.")
    return sf_error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you "
                                              "contact support: 1234567890-12345 (-1234567890)")


def common_headers(world, request: Request) -> dict[str, str]:
    used = len(world.limits.salesforce_used)
    return {"Sforce-Limit-Info": f"api-usage={used}/{world.config.salesforce_daily_limit}"}


# -- helpers ---------------------------------------------------------------------------------------------------
def _version(request: Request) -> str:
    m = _VERSION.match(request.path_params.get("version", ""))
    if not m:
        raise sf_error(404, "NOT_FOUND", "The requested resource does not exist")
    return m.group(1)


def _sobject(request: Request) -> str:
    raw = request.path_params["sobject"]
    try:
        return canonical_object(raw)
    except KeyError:
        raise sf_error(404, "NOT_FOUND", "The requested resource does not exist") from None


def _bad_json(message: str) -> ApiError:
    return sf_error(400, "JSON_PARSER_ERROR", message)


def _err(code: str, message: str, fields: list[str]) -> dict:
    return {"statusCode": code, "message": message, "fields": fields}


def validate(world, obj: str, body: Any, creating: bool) -> tuple[dict[str, Any], list[dict]]:
    """Clean field values, or the errors Salesforce would list for this record."""
    if not isinstance(body, dict):
        return {}, [_err("JSON_PARSER_ERROR", "The record must be a JSON object", [])]
    defs = OBJECTS[obj]["fields"]
    out: dict[str, Any] = {}
    errors: list[dict] = []
    for name, value in body.items():
        if name == "attributes":
            continue
        kind = defs.get(name)
        if kind is None and name in SYSTEM_FIELDS or kind == "readonly":
            errors.append(_err("INVALID_FIELD_FOR_INSERT_UPDATE", f"Unable to create/update fields: {name}. Please "
                               "check the security settings of this field and verify that it is read/write for your "
                               "profile or permission set.", [name]))
            continue
        if kind is None:
            errors.append(_err("INVALID_FIELD", f"No such column '{name}' on sobject of type {obj}", [name]))
            continue
        if value is None or value == "":
            out[name] = None
            continue
        if kind in ("string", "email", "id") or kind.startswith("reference"):
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                errors.append(_err("JSON_PARSER_ERROR", f"Cannot deserialize instance of string from {type(value).__name__} "
                                   f"value for field {name}", [name]))
                continue
            value = str(value)
            if kind == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
                errors.append(_err("INVALID_EMAIL_ADDRESS", f"Email: invalid email address: {value}", [name]))
                continue
            if kind.startswith("reference:"):
                target = world.collection("salesforce", kind.split(":")[1]).get(value)
                if target is None or target.archived:
                    errors.append(_err("INVALID_CROSS_REFERENCE_KEY", f"invalid cross reference id: {value}", [name]))
                    continue
                value = target.id
            if len(value) > 255:
                errors.append(_err("STRING_TOO_LONG", f"{name}: data value too large: {value[:40]}... (max length=255)",
                                   [name]))
                continue
        elif kind in ("int", "double"):
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                errors.append(_err("JSON_PARSER_ERROR", f"Cannot deserialize instance of {kind} for field {name}",
                                   [name]))
                continue
            try:
                value = int(value) if kind == "int" else float(value)
            except ValueError:
                errors.append(_err("JSON_PARSER_ERROR", f"Cannot deserialize instance of {kind} from VALUE_STRING "
                                   f"value {value}", [name]))
                continue
        elif kind == "boolean":
            if not isinstance(value, bool):
                errors.append(_err("JSON_PARSER_ERROR", f"Cannot deserialize instance of boolean for field {name}",
                                   [name]))
                continue
        elif kind == "date":
            try:
                value = date.fromisoformat(str(value)).isoformat()
            except ValueError:
                errors.append(_err("JSON_PARSER_ERROR", f"Cannot deserialize value of type date from String "
                                   f"\"{value}\": expected format \"yyyy-MM-dd\"", [name]))
                continue
        out[name] = value
    if creating and not errors:
        missing = [f for f in OBJECTS[obj]["required"] if out.get(f) in (None, "")]
        if missing:
            errors.append(_err("REQUIRED_FIELD_MISSING", f"Required fields are missing: [{', '.join(missing)}]",
                               missing))
    return out, errors


def _raise_first(errors: list[dict]) -> None:
    if errors:
        raise ApiError(400, [{"message": e["message"], "errorCode": e["statusCode"], "fields": e["fields"]}
                             for e in errors])


def _live(world, obj: str, rid: str) -> Record:
    rec = world.collection("salesforce", obj).get(rid)
    if rec is None or rec.archived:
        raise sf_error(404, "NOT_FOUND", "The requested resource does not exist")
    return rec


# -- query -----------------------------------------------------------------------------------------------------
def _check_literal(obj: str, cond) -> None:
    kind = field_kind(obj, cond.field)
    if kind is None:
        raise sf_error(400, "INVALID_FIELD", f"No such column '{cond.field}' on entity '{obj}'. If you are "
                       "attempting to use a custom field, be sure to append the '__c' after the custom field name.")
    lk = cond.kind
    if cond.op == "IN":
        lk = "list" if cond.kind == "mixed" else cond.kind
    if lk == "null":
        if cond.op not in ("=", "!="):
            raise malformed("null can only be compared with = or !=")
        return
    if kind == "datetime" and lk != "datetime":
        raise sf_error(400, "INVALID_FIELD", f"value of filter criterion for field '{cond.field}' must be of type "
                       "dateTime and should not be enclosed in quotes")
    if kind == "date" and lk != "date":
        raise sf_error(400, "INVALID_FIELD", f"value of filter criterion for field '{cond.field}' must be of type "
                       "date and should not be enclosed in quotes")
    if kind == "boolean" and lk != "bool":
        raise sf_error(400, "INVALID_FIELD", f"value of filter criterion for field '{cond.field}' must be of type "
                       "boolean and should not be enclosed in quotes")
    if kind in ("int", "double") and lk != "number":
        raise sf_error(400, "INVALID_FIELD", f"value of filter criterion for field '{cond.field}' must be of type "
                       f"{kind} and should not be enclosed in quotes")
    if kind not in ("datetime", "date", "boolean", "int", "double") and lk not in ("string",):
        raise sf_error(400, "INVALID_FIELD", f"value of filter criterion for field '{cond.field}' must be of type "
                       "string and should be enclosed in quotes")


def _predicate(obj: str, cond):
    f, op, x = cond.field, cond.op, cond.value
    if op == "IN":
        xs = set(x)
        return lambda r: field_value(obj, r, f) in xs
    if x is None:
        return (lambda r: field_value(obj, r, f) is None) if op == "=" else (lambda r: field_value(obj, r, f) is not None)

    def cmp(r):
        v = field_value(obj, r, f)
        if v is None:
            return op == "!="
        if op == "=":
            return v == x
        if op == "!=":
            return v != x
        if op == ">":
            return v > x
        if op == ">=":
            return v >= x
        if op == "<":
            return v < x
        return v <= x

    return cmp


_BIG = 1 << 62


def _index_only(world, obj: str, q: Query, include_deleted: bool) -> list[int] | None:
    """Record numbers straight from the (SystemModstamp, id) index when every condition is a SystemModstamp bound
    or IsDeleted and the order is SystemModstamp ASC (or none): a bisect and a slice, no per-record work."""
    if q.order and [(f, d) for f, d, _n in q.order] != [("SystemModstamp", False)]:
        return None
    states = [False, True] if include_deleted else [False]
    lo, hi = (-1, -1), (_BIG, _BIG)
    for c in q.where:
        if c.field == "IsDeleted" and c.op == "=" and c.kind == "bool":
            states = [st for st in states if st is c.value]
        elif c.field == "SystemModstamp" and c.kind == "datetime" and c.op in (">", ">=", "<", "<=", "="):
            v = c.value
            if c.op in (">", ">=", "="):
                lo = max(lo, (v, _BIG) if c.op == ">" else (v, -1))
            if c.op in ("<", "<=", "="):
                hi = min(hi, (v, -1) if c.op == "<" else (v, _BIG))
        else:
            return None
    coll = world.collection("salesforce", obj)
    keys: list[tuple[int, int]] = []
    cap = None if q.limit is None or len(states) > 1 else q.offset + q.limit  # LIMIT: slice no further
    for st in states:
        mods = coll._mods[st]
        i, j = bisect.bisect_left(mods, lo), bisect.bisect_left(mods, hi)
        keys += mods[i:j if cap is None else min(j, i + cap)]
    if len(states) > 1:
        keys.sort()
    nums = [n for _m, n in keys]
    if q.offset:
        nums = nums[q.offset:]
    if q.limit is not None:
        nums = nums[:q.limit]
    return nums


def execute(world, q: Query, include_deleted: bool) -> list[int]:
    """The record numbers a query selects, in order (a snapshot, as Salesforce's query cursors are)."""
    try:
        obj = canonical_object(q.sobject)
    except KeyError:
        raise sf_error(400, "INVALID_TYPE", f"sObject type '{q.sobject}' is not supported. If you are attempting "
                       "to use a custom object, be sure to append the '__c' after the entity name.") from None
    q.sobject = obj
    for f in q.fields:
        if field_kind(obj, f) is None:
            raise sf_error(400, "INVALID_FIELD", f"No such column '{f}' on entity '{obj}'. If you are attempting to "
                           "use a custom field, be sure to append the '__c' after the custom field name.")
    for c in q.where:
        _check_literal(obj, c)
    for f, _d, _n in q.order:
        if field_kind(obj, f) is None:
            raise sf_error(400, "INVALID_FIELD", f"No such column '{f}' on entity '{obj}'.")
    fast = _index_only(world, obj, q, include_deleted)
    if fast is not None:
        return fast
    coll = world.collection("salesforce", obj)
    states = (False, True) if include_deleted else (False,)
    lo = None
    for c in q.where:
        # LastModifiedDate <= SystemModstamp, so a lower bound on either bounds SystemModstamp from below.
        if c.field in ("SystemModstamp", "LastModifiedDate") and c.op in (">", ">=", "=") and c.kind == "datetime":
            lo = c.value if lo is None else max(lo, c.value)
    hi = None
    for c in q.where:
        if c.field == "SystemModstamp" and c.op in ("<", "<=", "=") and c.kind == "datetime":
            hi = c.value if hi is None else min(hi, c.value)
    if lo is not None or hi is not None:
        candidates = coll.iter_by_modified(states, start=(lo, -1) if lo is not None else None, stop_ms=hi)
        presorted = "SystemModstamp"
    else:
        candidates = coll.iter_by_id(states)
        presorted = "Id"
    preds = [_predicate(obj, c) for c in q.where]
    rows = [r for r in candidates if all(p(r) for p in preds)]
    if q.order:
        if not (len(q.order) == 1 and q.order[0][0] == presorted and not q.order[0][1]):
            for f, desc, nulls_first in reversed(q.order):
                nf = (not desc) if nulls_first is None else nulls_first  # SF default: nulls first ascending

                def key(r, f=f, nf=nf, desc=desc):
                    v = field_value(obj, r, f)
                    isnull = v is None
                    return ((not isnull) if nf != desc else isnull, v if v is not None else 0)

                rows.sort(key=key, reverse=desc)
    elif presorted == "SystemModstamp":
        rows.sort(key=lambda r: r.num)
    if q.offset:
        rows = rows[q.offset:]
    if q.limit is not None:
        rows = rows[:q.limit]
    return [r.num for r in rows]


def _batch_size(world, request: Request) -> int:
    size = world.config.salesforce_query_batch
    m = re.search(r"batchSize=(\d+)", request.headers.get("sforce-query-options", ""))
    if m:
        size = max(200, min(2000, int(m.group(1))))
    return size


def _page(world, cursor_id: str, start: int, version: str) -> dict:
    cur = world.salesforce.cursors[cursor_id]
    nums, obj, fields, batch = cur["nums"], cur["obj"], cur["fields"], cur["batch"]
    coll = world.collection("salesforce", obj)
    chunk = nums[start:start + batch]
    records = [render(obj, coll.by_num[n], fields, version) for n in chunk if n in coll.by_num]
    body: dict[str, Any] = {"totalSize": len(nums), "done": start + batch >= len(nums), "records": records}
    if not body["done"]:
        body["nextRecordsUrl"] = f"/services/data/v{version}/{cur['kind']}/{cursor_id}-{start + batch}"
    else:
        world.salesforce.cursors.pop(cursor_id, None)
    return body


async def query(request: Request, world, _tok) -> Response:
    version = _version(request)
    kind = "queryAll" if request.url.path.rstrip("/").endswith("queryAll") else "query"
    q = request.query_params.get("q")
    if q is None:
        raise malformed("The 'q' parameter is required")
    parsed = parse(q)
    nums = execute(world, parsed, include_deleted=kind == "queryAll")
    if parsed.count_only:
        return json_response({"totalSize": len(nums), "done": True, "records": []})
    st = world.salesforce
    cid = f"01gHs{st.next_cursor:010d}AAA"
    st.next_cursor += 1
    if len(st.cursors) > 200:  # old cursors expire (real ones after 15 min of inactivity)
        for k in list(st.cursors)[:100]:
            del st.cursors[k]
    st.cursors[cid] = {"nums": nums, "obj": parsed.sobject, "fields": parsed.fields,
                       "batch": _batch_size(world, request), "kind": kind}
    return json_response(_page(world, cid, 0, version))


async def query_more(request: Request, world, _tok) -> Response:
    version = _version(request)
    loc = request.path_params["locator"]
    cid, _, start = loc.rpartition("-")
    if cid not in world.salesforce.cursors or not start.isdigit():
        raise sf_error(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
    return json_response(_page(world, cid, int(start), version))


# -- sObjects --------------------------------------------------------------------------------------------------
async def sobject_create(request: Request, world, _tok) -> Response:
    _version(request)
    obj = _sobject(request)
    body = await read_json(request, _bad_json)
    clean, errors = validate(world, obj, body, creating=True)
    _raise_first(errors)
    rec = world.create("salesforce", obj, {k: v for k, v in clean.items() if v is not None})
    return json_response({"id": rec.id, "success": True, "errors": []}, 201)


async def sobject_get(request: Request, world, _tok) -> Response:
    version = _version(request)
    obj = _sobject(request)
    rid = request.path_params["id"]
    if rid in ("updated", "deleted"):
        return await (get_updated if rid == "updated" else get_deleted)(request, world, _tok)
    if rid == "describe":
        return await describe(request, world, _tok)
    rec = _live(world, obj, rid)
    fields = request.query_params.get("fields")
    names = [f.strip() for f in fields.split(",") if f.strip()] if fields else all_fields(obj)
    for f in names:
        if field_kind(obj, f) is None:
            raise sf_error(400, "INVALID_FIELD", f"No such column '{f}' on sobject of type {obj}")
    return json_response(render(obj, rec, names, version))


async def sobject_update(request: Request, world, _tok) -> Response:
    _version(request)
    obj = _sobject(request)
    rec = _live(world, obj, request.path_params["id"])
    body = await read_json(request, _bad_json)
    clean, errors = validate(world, obj, body, creating=False)
    _raise_first(errors)
    world.update("salesforce", obj, rec.id, clean)
    return Response(status_code=204)


async def sobject_delete(request: Request, world, _tok) -> Response:
    _version(request)
    obj = _sobject(request)
    rec = _live(world, obj, request.path_params["id"])
    world.archive("salesforce", obj, rec.id)
    return Response(status_code=204)


def _ext_field(obj: str, name: str) -> str:
    if name != "Id" and name not in EXTERNAL_ID_FIELDS:
        raise sf_error(404, "NOT_FOUND", "The requested resource does not exist")
    return name


def _find_ext(world, obj: str, field: str, value: str) -> list[Record]:
    coll = world.collection("salesforce", obj)
    if field == "Id":
        rec = coll.get(value)
        return [rec] if rec is not None and not rec.archived else []
    return [coll.by_num[n] for n in sorted(world.salesforce.ext[obj].get(value, ())) if not coll.by_num[n].archived]


def _upsert_one(world, obj: str, field: str, value: str, body: Any, update_only: bool, version: str,
                ) -> tuple[int, dict | list | None]:
    if isinstance(body, dict) and field in body and str(body[field]) != value:
        return 400, [_err("INVALID_FIELD", f"The external ID field {field} in the body must match the URL", [field])]
    clean, errors = validate(world, obj, {k: v for k, v in (body or {}).items() if k != field}
                             if isinstance(body, dict) else body, creating=False)
    if errors:
        return 400, errors
    matches = _find_ext(world, obj, field, value)
    if len(matches) > 1:
        return 300, [f"/services/data/v{version}/sobjects/{obj}/{r.id}" for r in matches]
    if not matches:
        if update_only or field == "Id":
            return 404, [_err("NOT_FOUND", "The requested resource does not exist", [])]
        clean2, errors = validate(world, obj, {**clean, field: value}, creating=True)
        if errors:
            return 400, errors
        rec = world.create("salesforce", obj, {k: v for k, v in clean2.items() if v is not None})
        return 201, {"id": rec.id, "success": True, "errors": [], "created": True}
    rec = matches[0]
    world.update("salesforce", obj, rec.id, clean)
    return 200, {"id": rec.id, "success": True, "errors": [], "created": False}


async def sobject_upsert(request: Request, world, _tok) -> Response:
    version = _version(request)
    obj = _sobject(request)
    field = _ext_field(obj, request.path_params["field"])
    body = await read_json(request, _bad_json)
    update_only = request.query_params.get("updateOnly", "false").lower() == "true"
    status, result = _upsert_one(world, obj, field, request.path_params["value"], body, update_only, version)
    if status == 400:
        _raise_first(result)
    if status == 404:
        raise sf_error(404, "NOT_FOUND", "The requested resource does not exist")
    if status == 200 and world.config.salesforce_upsert_update_status == 204:
        return Response(status_code=204)
    return json_response(result, status)


async def sobject_get_by_ext(request: Request, world, _tok) -> Response:
    version = _version(request)
    obj = _sobject(request)
    field = _ext_field(obj, request.path_params["field"])
    matches = _find_ext(world, obj, field, request.path_params["value"])
    if not matches:
        raise sf_error(404, "NOT_FOUND", "The requested resource does not exist")
    if len(matches) > 1:
        return json_response([f"/services/data/v{version}/sobjects/{obj}/{r.id}" for r in matches], 300)
    return json_response(render(obj, matches[0], all_fields(obj), version))


def _window(request: Request, max_days: int, world) -> tuple[int, int]:
    try:
        start = parse_datetime_literal(request.query_params["start"].replace(" ", "+"))
        end = parse_datetime_literal(request.query_params["end"].replace(" ", "+"))
    except (KeyError, ValueError):
        raise sf_error(400, "INVALID_REPLICATION_DATE", "start and end are required ISO-8601 date-times") from None
    if end <= start:
        raise sf_error(400, "INVALID_REPLICATION_DATE", "end must be after start")
    if world.clock.now_ms() - start > max_days * DAY_MS:
        raise sf_error(400, "INVALID_REPLICATION_DATE", f"startDate cannot be more than {max_days} days ago")
    return start, end


async def get_updated(request: Request, world, _tok) -> Response:
    _version(request)
    obj = _sobject(request)
    start, end = _window(request, 30, world)
    coll = world.collection("salesforce", obj)
    latest = min(end, world.clock.now_ms()) // 60000 * 60000  # covered up to the last whole minute
    ids = [r.id for r in coll.iter_by_modified((False,), start=(start, -1), stop_ms=latest - 1)]
    if len(ids) > 600_000:
        raise sf_error(400, "EXCEEDED_ID_LIMIT", "record limit reached. narrow the date range")
    return json_response({"ids": ids, "latestDateCovered": format_datetime(latest)})


async def get_deleted(request: Request, world, _tok) -> Response:
    _version(request)
    obj = _sobject(request)
    start, end = _window(request, 15, world)
    coll = world.collection("salesforce", obj)
    latest = min(end, world.clock.now_ms()) // 60000 * 60000
    deleted = [r for r in coll.iter_by_modified((True,), start=(start, -1), stop_ms=latest - 1)
               if r.archived_at is not None and start <= r.archived_at < latest]
    earliest = max(world.clock.now_ms() - 15 * DAY_MS, start)
    return json_response({"deletedRecords": [{"id": r.id, "deletedDate": format_datetime(r.archived_at)}
                                             for r in deleted],
                          "earliestDateAvailable": format_datetime(earliest // 60000 * 60000),
                          "latestDateCovered": format_datetime(latest)})


async def describe(request: Request, world, _tok) -> Response:
    _version(request)
    obj = _sobject(request)
    kinds = {"string": "string", "email": "email", "id": "id", "int": "int", "double": "double", "date": "date",
             "boolean": "boolean", "datetime": "datetime", "readonly": "string"}
    fields = []
    for f in all_fields(obj):
        k = field_kind(obj, f) or "string"
        fields.append({"name": f, "type": "reference" if k.startswith("reference") else kinds.get(k, "string"),
                       "externalId": f in EXTERNAL_ID_FIELDS, "nillable": f not in OBJECTS[obj]["required"],
                       "updateable": f not in SYSTEM_FIELDS and k != "readonly",
                       "createable": f not in SYSTEM_FIELDS and k != "readonly"})
    return json_response({"name": obj, "label": obj, "keyPrefix": OBJECTS[obj]["prefix"], "fields": fields,
                          "queryable": True, "retrieveable": True, "replicateable": True})


# -- composite sObject collections -------------------------------------------------------------------------------
def _collection_records(body: Any) -> tuple[list, bool]:
    if not isinstance(body, dict) or not isinstance(body.get("records"), list):
        raise sf_error(400, "INVALID_FIELD", "The request body needs a 'records' array")
    recs = body["records"]
    if len(recs) > 200:
        raise sf_error(400, "EXCEEDED_ID_LIMIT", "record limit reached: a collection holds at most 200 records")
    all_or_none = body.get("allOrNone", False)
    if not isinstance(all_or_none, bool):
        raise _bad_json("allOrNone must be a boolean")
    return recs, all_or_none


def _type_of(rec: Any) -> str | None:
    try:
        return canonical_object(rec["attributes"]["type"])
    except (KeyError, TypeError, AttributeError):
        return None


ROLLED_BACK = {"statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK", "message": "Record rolled back because not all "
               "records were valid and the request was using AllOrNone header", "fields": []}


async def composite_write(request: Request, world, _tok) -> Response:
    _version(request)
    body = await read_json(request, _bad_json)
    creating = request.method == "POST"
    recs, all_or_none = _collection_records(body)
    plans: list[tuple[str | None, dict | None, Record | None, list]] = []
    for r in recs:
        obj = _type_of(r)
        if obj is None:
            plans.append((None, None, None, [_err("INVALID_TYPE", "Must specify a valid attributes.type", [])]))
            continue
        target = None
        if not creating:
            rid = r.get("id") or r.get("Id") if isinstance(r, dict) else None
            target = world.collection("salesforce", obj).get(str(rid)) if rid else None
            if target is None or target.archived:
                plans.append((obj, None, None, [_err("MALFORMED_ID" if not rid else "ENTITY_IS_DELETED",
                                                     f"invalid record id: {rid}", ["Id"])]))
                continue
            r = {k: v for k, v in r.items() if k not in ("id", "Id")}
        elif isinstance(r, dict) and ("id" in r or "Id" in r):
            plans.append((obj, None, None, [_err("INVALID_FIELD", "cannot specify Id in an insert call", ["Id"])]))
            continue
        clean, errors = validate(world, obj, r, creating=creating)
        plans.append((obj, clean, target, errors))
    failed = any(p[3] for p in plans)
    results = []
    with world.lock:
        for obj, clean, target, errors in plans:
            if errors:
                results.append({"success": False, "errors": errors})
            elif failed and all_or_none:
                results.append({"success": False, "errors": [ROLLED_BACK]})
            elif creating:
                rec = world.create("salesforce", obj, {k: v for k, v in clean.items() if v is not None})
                results.append({"id": rec.id, "success": True, "errors": []})
            else:
                world.update("salesforce", obj, target.id, clean)
                results.append({"id": target.id, "success": True, "errors": []})
    return json_response(results)


async def composite_upsert(request: Request, world, _tok) -> Response:
    version = _version(request)
    obj = _sobject(request)
    field = _ext_field(obj, request.path_params["field"])
    if field == "Id":
        raise sf_error(400, "INVALID_FIELD", "Upsert through a collection takes external ids, never record ids")
    body = await read_json(request, _bad_json)
    recs, all_or_none = _collection_records(body)
    checks = []
    for r in recs:
        if _type_of(r) != obj:
            checks.append([_err("INVALID_TYPE", f"Every record must have attributes.type {obj}", [])])
        elif not isinstance(r, dict) or r.get(field) in (None, ""):
            checks.append([_err("MISSING_ARGUMENT", f"{field} not specified", [field])])
        else:
            _, errs = validate(world, obj, {k: v for k, v in r.items() if k != field}, creating=False)
            checks.append(errs)
    failed = any(checks)
    results = []
    with world.lock:
        for r, errs in zip(recs, checks, strict=True):
            if errs:
                results.append({"success": False, "errors": errs})
            elif failed and all_or_none:
                results.append({"success": False, "errors": [ROLLED_BACK]})
            else:
                status, out = _upsert_one(world, obj, field, str(r[field]), r, False, version)
                if status in (200, 201):
                    results.append(out)
                elif status == 300:
                    results.append({"success": False, "errors": [_err("DUPLICATE_EXTERNAL_ID", "Duplicate external id "
                                                                      f"specified: {r[field]}", [field])]})
                else:
                    results.append({"success": False, "errors": out})
    return json_response(results)


async def composite_delete(request: Request, world, _tok) -> Response:
    _version(request)
    ids = [i for i in request.query_params.get("ids", "").split(",") if i]
    if not ids:
        raise sf_error(400, "MISSING_ARGUMENT", "ids is required")
    if len(ids) > 200:
        raise sf_error(400, "EXCEEDED_ID_LIMIT", "record limit reached: at most 200 ids")
    all_or_none = request.query_params.get("allOrNone", "false").lower() == "true"
    targets = []
    for i in ids:
        found = None
        for name in OBJECTS:
            rec = world.collection("salesforce", name).get(i)
            if rec is not None:
                found = (name, rec)
                break
        targets.append(found)
    failed = any(t is None or t[1].archived for t in targets)
    results = []
    with world.lock:
        for i, t in zip(ids, targets, strict=True):
            if t is None or t[1].archived:
                results.append({"id": i, "success": False, "errors": [_err("ENTITY_IS_DELETED" if t else
                                                                            "MALFORMED_ID", "entity is deleted"
                                                                            if t else f"malformed id {i}", [])]})
            elif failed and all_or_none:
                results.append({"id": i, "success": False, "errors": [ROLLED_BACK]})
            else:
                world.archive("salesforce", t[0], t[1].id)
                results.append({"id": t[1].id, "success": True, "errors": []})
    return json_response(results)


async def composite_get(request: Request, world, _tok) -> Response:
    version = _version(request)
    obj = _sobject(request)
    ids = [i for i in request.query_params.get("ids", "").split(",") if i]
    fields = [f for f in request.query_params.get("fields", "").split(",") if f] or all_fields(obj)
    for f in fields:
        if field_kind(obj, f) is None:
            raise sf_error(400, "INVALID_FIELD", f"No such column '{f}' on sobject of type {obj}")
    if len(ids) > 2000:
        raise sf_error(400, "EXCEEDED_ID_LIMIT", "at most 2000 ids")
    coll = world.collection("salesforce", obj)
    out = []
    for i in ids:
        rec = coll.get(i)
        out.append(render(obj, rec, fields, version) if rec is not None and not rec.archived else None)
    return json_response(out)


# -- misc ------------------------------------------------------------------------------------------------------
async def versions(request: Request, world, _tok) -> Response:
    return json_response([{"label": f"v{v}", "url": f"/services/data/v{v}", "version": v} for v in VERSIONS])


async def resources(request: Request, world, _tok) -> Response:
    v = _version(request)
    base = f"/services/data/v{v}"
    return json_response({k: f"{base}/{k}" for k in ("sobjects", "query", "queryAll", "composite", "limits")})


async def limits(request: Request, world, _tok) -> Response:
    _version(request)
    used = _usage(world)
    cap = world.config.salesforce_daily_limit
    return json_response({"DailyApiRequests": {"Max": cap, "Remaining": max(0, cap - used)},
                          "DailyBulkV2QueryJobs": {"Max": 10000, "Remaining": 10000}})


def random_fields(world, obj: str, rng, rec: Record | None) -> dict[str, Any]:
    from lumio_desktop.sandbox.people import extra_people

    if rec is None:
        p = extra_people(world, "salesforce", 1)[0]
        return {"Contact": {"FirstName": p.first or None, "LastName": p.last or "Unknown", "Email": p.email or None},
                "Lead": {"FirstName": p.first or None, "LastName": p.last or "Unknown", "Company": company_name(rng)[0],
                         "Email": p.email or None},
                "Account": {"Name": company_name(rng)[0]},
                "Opportunity": {"Name": f"{rng.choice(PRODUCTS)} (new)", "StageName": STAGES[0],
                                "CloseDate": "2027-01-31"}}[obj]
    return {"Contact": {"Title": rng.choice(("CEO", "Buyer", "Analista"))},
            "Lead": {"Status": rng.choice(LEAD_STATUSES)},
            "Account": {"NumberOfEmployees": rng.randrange(1, 5000)},
            "Opportunity": {"StageName": rng.choice(STAGES)}}[obj]


def routes() -> list:
    b = "/services/data/{version}"
    s = b + "/sobjects/{sobject}"
    r = route
    return [
        r("/services/data", versions, ["GET"], "salesforce", auth=False),
        r("/services/data/", versions, ["GET"], "salesforce", auth=False),
        r(b, resources, ["GET"], "salesforce"),
        r(b + "/", resources, ["GET"], "salesforce"),
        r(b + "/limits", limits, ["GET"], "salesforce"),
        r(b + "/limits/", limits, ["GET"], "salesforce"),
        r(b + "/query", query, ["GET"], "salesforce"),
        r(b + "/query/", query, ["GET"], "salesforce"),
        r(b + "/queryAll", query, ["GET"], "salesforce"),
        r(b + "/queryAll/", query, ["GET"], "salesforce"),
        r(b + "/query/{locator}", query_more, ["GET"], "salesforce"),
        r(b + "/queryAll/{locator}", query_more, ["GET"], "salesforce"),
        r(s, sobject_create, ["POST"], "salesforce"),
        r(s + "/", sobject_create, ["POST"], "salesforce"),
        r(s + "/updated/", get_updated, ["GET"], "salesforce"),
        r(s + "/deleted/", get_deleted, ["GET"], "salesforce"),
        r(s + "/describe/", describe, ["GET"], "salesforce"),
        r(s + "/{id}", sobject_get, ["GET"], "salesforce"),
        r(s + "/{id}", sobject_update, ["PATCH"], "salesforce"),
        r(s + "/{id}", sobject_delete, ["DELETE"], "salesforce"),
        r(s + "/{field}/{value}", sobject_upsert, ["PATCH"], "salesforce"),
        r(s + "/{field}/{value}", sobject_get_by_ext, ["GET"], "salesforce"),
        r(b + "/composite/sobjects", composite_write, ["POST", "PATCH"], "salesforce"),
        r(b + "/composite/sobjects", composite_delete, ["DELETE"], "salesforce"),
        r(b + "/composite/sobjects/{sobject}", composite_get, ["GET"], "salesforce"),
        r(b + "/composite/sobjects/{sobject}/{field}", composite_upsert, ["PATCH"], "salesforce"),
    ]

