"""HubSpot CRM v3 client: contacts, companies, deals (CONTRACTS.md section 1).

Reads
- INITIAL: a probe (search, newest first, limit 1) notes the newest modification time M; then the list endpoint
  (`GET /crm/v3/objects/{object}?limit=100&after=...`) pages through every live record, then the `archived=true`
  listing reports archived ones as deleted. The run ends with the search cursor at M: anything changed after the
  probe has a modification time >= M, so the next incremental sees it (HubSpot's clock, never ours).
- INCREMENTAL: keyset pages over search, sorted ascending by `lastmodifieddate` (contacts) /
  `hs_lastmodifieddate` (companies, deals), filter `>= ts` on the compound cursor (ts, ids already emitted at ts).
  Every page is a fresh query at `after=0`, so offsets never shift under concurrent edits and the 10,000-result cap
  is never reached. When one instant holds a full page of records (bulk imports), the client narrows to that
  instant: `ts EQ T AND hs_object_id GT last_id`, sorted by `hs_object_id`, until the instant is exhausted, then
  goes on with `ts GT T`. A new run starts `lookback` seconds before the saved cursor (search is eventually
  consistent, about 10-60 s). Then the archived listing, keeping records archived at or after the run's start.

State (the JSON the pipeline stores with each page; see `docs/architecture.md`):
    {"v": 1, "run": "initial"|"incremental", "phase": "list"|"archived"|"search"|"done",
     "after": <list cursor or null>, "watermark": <ms or null: initial's M>,
     "cursor": {"ts": <ms>, "ids": [<ids emitted at ts>], "gt": <bool: every record at ts was emitted>} | null,
     "tie": {"ts": <ms>, "id": <last id or null>} | null, "archived_since": <ms or null>,
     "archived_at": <wall time of the last archived scan>, "archived_pending": <ms: a skipped scan's window>,
     "total": <records this run reads, for progress: the probe's or the first search's total>}
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from lumio_desktop.auth.redact import redact_text
from lumio_desktop.sync.errors import ConfigError, FatalError, SkippableRecord, SyncError
from lumio_desktop.sync.http import Action, ErrorRule, ErrorTable, ProviderHttp
from lumio_desktop.sync.providers import words as W
from lumio_desktop.sync.providers.base import (
    Mode,
    Page,
    Precheck,
    PushChange,
    PushResult,
    RemoteRecord,
)
from lumio_desktop.sync.providers.common import (
    STATE_VERSION,
    ClientBase,
    Prefetch,
    TTLCache,
    chunks,
    parse_ts,
    plan_run,
)

OBJECTS = ("companies", "contacts", "deals")
ENTITY = {"companies": "company", "contacts": "lead", "deals": "deal"}
MODIFIED = {"contacts": "lastmodifieddate", "companies": "hs_lastmodifieddate", "deals": "hs_lastmodifieddate"}
DEFAULT_PROPERTIES = {
    "contacts": ["email", "firstname", "lastname", "phone", "mobilephone", "company", "jobtitle", "city", "state",
                 "country", "website", "lifecyclestage", "hs_lead_status", "hubspot_owner_id", "hs_language",
                 "hs_analytics_source", "lumio_id", "createdate", "lastmodifieddate"],
    "companies": ["name", "domain", "city", "state", "country", "phone", "website", "industry", "lifecyclestage",
                  "numberofemployees", "annualrevenue", "hubspot_owner_id", "description", "lumio_id",
                  "createdate", "hs_lastmodifieddate"],
    "deals": ["dealname", "amount", "deal_currency_code", "pipeline", "dealstage", "hs_deal_stage_probability",
              "closedate", "dealtype", "hubspot_owner_id", "description", "lumio_id", "createdate",
              "hs_lastmodifieddate"],
}
LIST_LIMIT = 100  # CONTRACTS 1.2: the practical max of the list endpoint
SEARCH_LIMIT = 200  # CONTRACTS 1.3
BATCH = 100
UPSERT_KEYS = {"contacts": ("lumio_id", "email"), "companies": ("lumio_id",), "deals": ("lumio_id",)}


def _code(body: Any) -> str | None:
    if isinstance(body, dict):
        return body.get("category") or body.get("policyName") or body.get("error")
    return None


def _detail(body: Any) -> str | None:
    if isinstance(body, dict):
        return body.get("message") or body.get("error_description")
    return None


ERRORS = ErrorTable("HubSpot", [  # the sentences: sync/providers/words.py
    ErrorRule(400, Action.FATAL, contains="limited to 10000", message=W.HS_SEARCH_CAP),
    ErrorRule(400, Action.SKIP, code="VALIDATION_ERROR", message=W.HS_REJECTED),
    ErrorRule(400, Action.FATAL, message=W.HS_REFUSED),
    ErrorRule(401, Action.REFRESH, message=W.HS_EXPIRED),
    ErrorRule(403, Action.CONFIG, code="MISSING_SCOPES", message=W.HS_SCOPE),
    ErrorRule(403, Action.CONFIG, message=W.HS_FORBIDDEN),
    ErrorRule(404, Action.NOT_FOUND),
    ErrorRule(409, Action.SKIP, message=W.HS_CONFLICT),
    ErrorRule(414, Action.FATAL, message=W.HS_TOO_LONG),
    ErrorRule(429, Action.FATAL, code="DAILY", message=W.HS_DAILY),
    ErrorRule(429, Action.RATE_LIMITED, message=W.HS_RATE_LIMITED),
    ErrorRule(530, Action.CONFIG, message=W.HS_TOKEN_UNREADABLE),
    ErrorRule("5xx", Action.RETRY, message=W.HS_TROUBLE),
], code_of=_code, detail_of=_detail)


class HubSpotClient(ClientBase):
    provider = "hubspot"
    label = "HubSpot"
    ENTITY = ENTITY

    def __init__(self, http: ProviderHttp, *, objects: Sequence[str] | None = None,
                 properties: dict[str, list[str]] | None = None, lookback_s: float = 300.0,
                 list_limit: int = LIST_LIMIT, search_limit: int = SEARCH_LIMIT, cache_ttl: float = 900.0,
                 archived_every_s: float = 0.0, wall: Callable[[], float] = time.time):
        self.http = http
        self.objects = tuple(o for o in OBJECTS if objects is None or o in objects)
        # Extra properties (the field maps' sources, a connection's own) are requested beside the defaults.
        self.properties = {o: list(dict.fromkeys(DEFAULT_PROPERTIES[o] + list((properties or {}).get(o) or ())))
                           for o in OBJECTS}
        self.lookback_ms = int(lookback_s * 1000)
        self.list_limit = list_limit
        self.search_limit = search_limit
        self.cache = TTLCache(http.stats, cache_ttl)
        self.account_hint: str | None = None  # what the connection already knows (portal id, shop, host)
        # HubSpot has no delta for archived records: the archived listing is read whole (1 call per 100 archived).
        # archived_every_s > 0 reads it at most that often; skipped windows are owed to the next scan, not lost.
        self.archived_every_s = archived_every_s
        self.wall = wall

    # -- reads ------------------------------------------------------------------------------------------------
    def _record(self, obj: str, raw: dict[str, Any], deleted: bool = False) -> RemoteRecord:
        props = raw.get("properties") or {}
        stamp = props.get(MODIFIED[obj]) or raw.get("updatedAt")
        modified = parse_ts(stamp)[0] if stamp else None
        return RemoteRecord(obj, str(raw["id"]), modified, raw, deleted or bool(raw.get("archived")))

    def _parse_results(self, obj: str, body: Any, what: str) -> list[dict[str, Any]]:
        results = body.get("results") if isinstance(body, dict) else None
        if not isinstance(results, list):
            raise FatalError(W.HS_NO_RESULTS[what](object=obj))
        return results

    def _convert(self, obj: str, results: list[Any], deleted: bool = False) -> tuple[list[RemoteRecord], list]:
        records, rejected = [], []
        for raw in results:
            try:
                records.append(self._record(obj, raw, deleted))
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                rejected.append((raw, W.HS_UNREADABLE(object=obj, said=f"{type(e).__name__}: {e}")))
        return records, rejected

    def _start(self, mode: Mode, state: dict[str, Any] | None) -> dict[str, Any]:
        resumed, lo = plan_run(mode, state, self.lookback_ms)
        if resumed is not None:
            return resumed
        if lo is not None:
            pending = state.get("archived_pending")  # a skipped archived scan: its window is still owed
            return {"v": STATE_VERSION, "run": "incremental", "phase": "search", "after": None, "watermark": None,
                    "cursor": {"ts": lo, "ids": [], "gt": False}, "tie": None,
                    "archived_since": lo if pending is None else min(int(pending), lo),
                    "archived_at": state.get("archived_at")}
        return {"v": STATE_VERSION, "run": "initial", "phase": "probe", "after": None, "watermark": None,
                "cursor": None, "tie": None, "archived_since": None}

    async def pages(self, object_type: str, mode: Mode, state: dict[str, Any] | None) -> AsyncIterator[Page]:
        obj = self._obj(object_type)
        st = self._start(Mode(mode), state)
        ahead = Prefetch()
        try:
            while st["phase"] != "done":
                phase = st["phase"]
                if phase == "probe":
                    st["watermark"], st["total"] = await self._probe(obj)
                    st["phase"] = "list"
                    continue
                if phase in ("list", "archived"):
                    page = await self._list_page(obj, st, ahead)
                else:
                    page = await self._search_page(obj, st)
                if page is not None:
                    yield page
        finally:
            ahead.cancel()

    async def _probe(self, obj: str) -> tuple[int | None, int | None]:
        """(newest modification time, how many live records): the initial's watermark and its progress total."""
        body = {"filterGroups": [], "sorts": [{"propertyName": MODIFIED[obj], "direction": "DESCENDING"}],
                "properties": [MODIFIED[obj]], "limit": 1}
        reply = await self.http.request("POST", f"/crm/v3/objects/{obj}/search", json_body=body,
                                        buckets=("search", "default"), observe=False)
        results = self._parse_results(obj, reply.body, "search")
        total = reply.body.get("total") if isinstance(reply.body.get("total"), int) else None
        if not results:
            return None, total
        return parse_ts(results[0]["properties"].get(MODIFIED[obj]) or results[0]["updatedAt"])[1], total

    def _list_call(self, obj: str, archived: bool, after: str | None):
        params = {"limit": self.list_limit, "properties": ",".join(self.properties[obj])}
        if archived:
            params["archived"] = "true"
        if after:
            params["after"] = after
        return (obj, archived, after), lambda: self.http.request("GET", f"/crm/v3/objects/{obj}", params=params)

    async def _list_page(self, obj: str, st: dict[str, Any], ahead: Prefetch) -> Page:
        archived = st["phase"] == "archived"
        reply = await ahead.take(*self._list_call(obj, archived, st.get("after")))
        results = self._parse_results(obj, reply.body, "archived listing" if archived else "listing")
        records, rejected = self._convert(obj, results, deleted=archived)
        since = st.get("archived_since")
        if archived and since is not None:
            # Records archived before this run began were reported by an earlier run.
            records = [r for r in records if _archived_ms(r.raw) is None or _archived_ms(r.raw) >= since]
        nxt = ((reply.body.get("paging") or {}).get("next") or {}).get("after")
        new = dict(st)
        if nxt:
            if nxt == st.get("after"):
                raise FatalError(W.HS_SAME_CURSOR(object=obj))
            new["after"] = str(nxt)
            ahead.start(*self._list_call(obj, archived, new["after"]))
        elif not archived:
            new.update(phase="archived", after=None, archived_started=self.wall())
        else:
            new.update(phase="done", after=None, archived_at=st.get("archived_started") or self.wall())
            new.pop("archived_pending", None)
            new.pop("archived_started", None)
            if st["run"] == "initial":
                wm = st.get("watermark")
                new["cursor"] = {"ts": wm, "ids": [], "gt": False} if wm is not None else {"ts": 0, "ids": [],
                                                                                          "gt": False}
        st.clear()
        st.update(new)
        return Page(records, dict(new), total=new.get("total"), rejected=rejected)

    async def _search_page(self, obj: str, st: dict[str, Any]) -> Page | None:
        mod = MODIFIED[obj]
        tie = st.get("tie")
        cur = st["cursor"]
        if tie is not None:
            filters = [{"propertyName": mod, "operator": "EQ", "value": str(tie["ts"])}]
            if tie.get("id") is not None:
                filters.append({"propertyName": "hs_object_id", "operator": "GT", "value": str(tie["id"])})
            sorts = [{"propertyName": "hs_object_id", "direction": "ASCENDING"}]
        else:
            filters = [{"propertyName": mod, "operator": "GT" if cur.get("gt") else "GTE", "value": str(cur["ts"])}]
            sorts = [{"propertyName": mod, "direction": "ASCENDING"}]
        body = {"filterGroups": [{"filters": filters}], "sorts": sorts, "properties": self.properties[obj],
                "limit": self.search_limit}
        reply = await self.http.request("POST", f"/crm/v3/objects/{obj}/search", json_body=body,
                                        buckets=("search", "default"), observe=False)
        results = self._parse_results(obj, reply.body, "search")
        if tie is None and "total" not in st and isinstance(reply.body, dict):
            # The first query of the run counts the whole read; later keyset queries count only what is left.
            st["total"] = reply.body.get("total")
        total = st.get("total")
        records, rejected = self._convert(obj, results)
        # More may follow when the page is full OR HubSpot says so: a short page can still carry paging.next
        # (CONTRACTS 4.2, the Airbyte bug of stopping early on short pages).
        paging_next = isinstance(reply.body, dict) and bool((reply.body.get("paging") or {}).get("next") or {})
        full = len(results) >= self.search_limit or paging_next
        seen = set(cur["ids"]) if cur else set()
        ms = [_mod_ms(r) for r in records]

        if tie is not None:
            fresh = [r for r in records if not (tie["ts"] == cur["ts"] and r.external_id in seen)]
            if results:
                tie = {"ts": tie["ts"], "id": str(results[-1].get("id", tie.get("id")))}
            if full:
                st["tie"] = tie
            else:  # the instant is exhausted: go on after it
                st["tie"] = None
                st["cursor"] = {"ts": tie["ts"], "ids": [], "gt": True}
            return Page(fresh, dict(st), total=total, rejected=rejected)

        if full and records and len(set(ms)) == 1 and not rejected:
            # A full page at one instant: more may share it; narrow to that instant, ordered by id.
            st["tie"] = {"ts": ms[0], "id": None}
            return None
        fresh = [r for r, m in zip(records, ms, strict=True) if not (m == cur["ts"] and r.external_id in seen)]
        if records:
            top = max(ms)
            at_top = [r.external_id for r, m in zip(records, ms, strict=True) if m == top]
            ids = (cur["ids"] + at_top) if top == cur["ts"] and not cur.get("gt") else at_top
            st["cursor"] = {"ts": top, "ids": ids[-2 * self.search_limit:], "gt": False}
        if not full:
            last_scan = st.get("archived_at")
            if self.archived_every_s > 0 and last_scan and self.wall() - last_scan < self.archived_every_s:
                st["phase"] = "done"  # scanned recently: the next run owes this run's archived window too
                st["archived_pending"] = st["archived_since"]
            else:
                st.update(phase="archived", after=None, archived_started=self.wall())
        elif not fresh and st["cursor"] == cur:
            raise FatalError(W.HS_NO_PROGRESS(object=obj, ts=cur["ts"]))
        return Page(fresh, dict(st), total=total, rejected=rejected)

    # -- targeted reads ---------------------------------------------------------------------------------------
    async def fetch(self, object_type: str, external_ids: Sequence[str]) -> list[RemoteRecord]:
        obj = self._obj(object_type)
        found: dict[str, RemoteRecord] = {}
        ids = [str(i) for i in dict.fromkeys(external_ids)]
        for archived in (False, True):
            wanted = [i for i in ids if i not in found]
            for part in chunks(wanted, BATCH):
                reply = await self.http.request(
                    "POST", f"/crm/v3/objects/{obj}/batch/read", params={"archived": "true" if archived else "false"},
                    json_body={"inputs": [{"id": i} for i in part], "properties": self.properties[obj]},
                    ok=(200, 207))
                for raw in self._parse_results(obj, reply.body, "batch read"):
                    rec = self._record(obj, raw, deleted=archived)
                    found[rec.external_id] = rec
            if len(found) == len(ids):
                break
        # Neither live nor archived: purged (GDPR delete, 90 days after archiving) -> deleted.
        return [found.get(i) or RemoteRecord(obj, i, None, {"id": i}, deleted=True) for i in ids]

    # -- writes -----------------------------------------------------------------------------------------------
    async def push(self, object_type: str, changes: Sequence[PushChange]) -> list[PushResult]:
        """Updates: batch/update by id. Creates: batch/upsert on a unique property the change carries (`lumio_id`,
        or `email` for contacts) so a retried create cannot duplicate; batch/create when it carries neither.
        100 inputs a call. HubSpot fails a whole batch for one invalid input: the batch is then written one record
        at a time so every change gets its own answer."""
        obj = self._obj(object_type)
        out: dict[int, PushResult] = {}
        groups: dict[tuple[str, str | None], list[PushChange]] = {}
        for c in changes:
            if c.external_id:
                key = ("update", None)
            else:
                id_prop = next((p for p in UPSERT_KEYS[obj] if c.fields.get(p)), None)
                key = ("upsert", id_prop) if id_prop else ("create", None)
            groups.setdefault(key, []).append(c)
        for (verb, id_prop), group in groups.items():
            for part in chunks(group, BATCH):
                await self._batch_write(obj, verb, id_prop, part, out)
        return [out[id(c)] for c in changes]

    async def _batch_write(self, obj: str, verb: str, id_prop: str | None, part: Sequence[PushChange],
                           out: dict[int, PushResult]) -> None:
        if verb == "update":
            inputs = [{"id": str(c.external_id), "properties": _props(c.fields)} for c in part]
        elif verb == "upsert":
            inputs = [{"id": str(c.fields[id_prop]), "idProperty": id_prop, "properties": _props(c.fields)}
                      for c in part]
        else:
            inputs = [{"properties": _props(c.fields), "objectWriteTraceId": str(c.local_id)} for c in part]
        try:
            reply = await self.http.request("POST", f"/crm/v3/objects/{obj}/batch/{verb}",
                                            json_body={"inputs": inputs}, ok=(200, 201, 207))
        except SkippableRecord:
            for c in part:
                out[id(c)] = await self._single_write(obj, c)
            return
        body = reply.body if isinstance(reply.body, dict) else {}
        results = [r for r in body.get("results", []) if isinstance(r, dict) and "id" in r]
        errors = body.get("errors") or []
        why = "; ".join(str(e.get("message", "")) for e in errors if isinstance(e, dict) and e.get("message"))
        if verb == "update":
            index = {str(r["id"]): r for r in results}
            keys = [str(c.external_id) for c in part]
        elif verb == "upsert":
            index = {str((r.get("properties") or {}).get(id_prop, "")).lower(): r for r in results}
            keys = [str(c.fields[id_prop]).lower() for c in part]
        else:
            index = {str(r.get("objectWriteTraceId")): r for r in results if r.get("objectWriteTraceId")}
            keys = [str(c.local_id) for c in part]
            if not index and len(results) == len(part):  # no trace ids echoed: results follow the inputs
                index = dict(zip(keys, results, strict=True))
        for c, key in zip(part, keys, strict=True):
            raw = index.get(key)
            if raw is None:
                out[id(c)] = PushResult(c.local_id, False, c.external_id,
                                        error=W.HS_REJECTED(said=redact_text(why)) if why else W.HS_NOT_CONFIRMED())
            else:
                rec = self._record(obj, raw)
                out[id(c)] = PushResult(c.local_id, True, rec.external_id, rec.modified_at, raw=raw)

    async def _single_write(self, obj: str, c: PushChange) -> PushResult:
        try:
            if c.external_id:
                reply = await self.http.request("PATCH", f"/crm/v3/objects/{obj}/{c.external_id}",
                                                json_body={"properties": _props(c.fields)})
                if reply.status == 404:
                    return PushResult(c.local_id, False, c.external_id, error=W.HS_GONE())
            else:
                reply = await self.http.request("POST", f"/crm/v3/objects/{obj}",
                                                json_body={"properties": _props(c.fields)})
        except SkippableRecord as e:
            return PushResult(c.local_id, False, c.external_id, error=e.message)
        rec = self._record(obj, reply.body)
        return PushResult(c.local_id, True, rec.external_id, rec.modified_at, raw=reply.body)

    # -- precheck and reference data ----------------------------------------------------------------------------
    async def precheck(self) -> Precheck:
        try:
            reply = await self.http.request("GET", "/crm/v3/objects/contacts", params={"limit": 1})
            account = self.account_hint
            info = await self.http.request("GET", "/account-info/v3/details", allow=(404,))
            if info.status == 200 and isinstance(info.body, dict):
                account = str(info.body.get("portalId") or "") or account
        except SyncError as e:
            return Precheck(False, e.message)
        left = reply.headers.get("x-hubspot-ratelimit-daily-remaining")
        message = W.HS_REACHABLE_BUDGET(n=int(left) if left.isdigit() else left) if left else W.HS_REACHABLE()
        return Precheck(True, message, account)

    async def owners(self) -> dict[str, dict[str, Any]]:
        """Owner id -> owner (name, email), cached for the TTL (`hubspot_owner_id` values resolve through it)."""
        async def load() -> dict[str, dict[str, Any]]:
            out: dict[str, dict[str, Any]] = {}
            after = None
            while True:
                params = {"limit": 100, **({"after": after} if after else {})}
                try:
                    reply = await self.http.request("GET", "/crm/v3/owners", params=params, allow=(404,))
                except (ConfigError, FatalError):  # e.g. no crm.objects.owners.read scope: names are optional
                    return out
                if reply.status == 404 or not isinstance(reply.body, dict):
                    return out  # not served (e.g. an older sandbox): no owner names, ids stay as they are
                for o in reply.body.get("results", []):
                    out[str(o.get("id"))] = o
                after = ((reply.body.get("paging") or {}).get("next") or {}).get("after")
                if not after:
                    return out
        return await self.cache.get("owners", load)

    async def pipelines(self, obj: str = "deals") -> dict[str, dict[str, Any]]:
        """Pipeline id -> {label, stages: {stage id: label}}, cached for the TTL."""
        async def load() -> dict[str, dict[str, Any]]:
            try:
                reply = await self.http.request("GET", f"/crm/v3/pipelines/{obj}", allow=(404,))
            except (ConfigError, FatalError):  # labels are optional: stage ids stay ids
                return {}
            if reply.status == 404 or not isinstance(reply.body, dict):
                return {}
            return {str(p.get("id")): {"label": p.get("label"),
                                       "stages": {str(s.get("id")): s.get("label") for s in p.get("stages", [])}}
                    for p in reply.body.get("results", [])}
        return await self.cache.get(f"pipelines:{obj}", load)

    async def reference(self, kind: str) -> dict[str, Any]:
        if kind == "owners":
            return await self.owners()
        if kind in ("pipelines", "stages"):
            return await self.pipelines()
        raise FatalError(W.HS_NO_REFERENCE(kind=repr(kind)))


def _props(fields: dict[str, Any]) -> dict[str, str]:
    # HubSpot property values are strings; None clears a value (an empty string does that on the wire).
    return {k: "" if v is None else ("true" if v is True else "false" if v is False else str(v))
            for k, v in fields.items()}


def _mod_ms(rec: RemoteRecord) -> int:
    stamp = (rec.raw.get("properties") or {}).get(MODIFIED[rec.object_type]) or rec.raw.get("updatedAt")
    return parse_ts(stamp)[1]


def _archived_ms(raw: dict[str, Any]) -> int | None:
    at = raw.get("archivedAt")
    try:
        return parse_ts(at)[1] if at else None
    except ValueError:
        return None

