"""Shopify Admin REST client: customers (CONTRACTS.md section 3).

Reads: `GET /admin/api/{version}/customers.json?limit=250&order=updated_at asc[&updated_at_min=...]`, then the
`Link: <...page_info=...>; rel="next"` URL as given (Shopify forbids filters beside page_info; they are baked into
the cursor). Timestamps carry the shop's UTC offset and are converted to UTC. The compound cursor is (updated_at,
ids emitted at that second); `updated_at_min` is inclusive, so a resumed or next run re-reads that second and drops
the ids it already emitted. A new incremental starts `lookback` seconds before the cursor.

Deletions: Shopify's REST reads carry no deleted flag (a deleted customer is simply gone), so
- every run ends with the Events API, `events.json?filter=Customer&verb=destroy&created_at_min=...`: each event's
  `subject_id` becomes a deleted record. An INITIAL run first notes the newest `updated_at` in the shop (one probe
  call, Shopify's clock) and asks for destroy events from there, so a customer deleted while the scan runs is still
  reported; an incremental asks from its cursor minus the look-back (any deletion the previous run did not report
  happened after that run's newest update);
- a completed INITIAL run is a full id scan: ids the store links to this connection that it did not return are
  gone (the pipeline may mark them deleted or stale);
- `customers/delete` webhooks name the id; `fetch()` of an id Shopify no longer has returns it deleted.

State: {"v": 1, "run": "initial"|"incremental", "phase": "probe"|"customers"|"deleted"|"done",
        "since": <ms or null: updated_at_min of this run>, "events_since": <ms or null>,
        "events_after": <last destroy event id read, while paging events by since_id>,
        "total": <customers/count.json of a full read, for progress>,
        "cursor": {"ts": <ms>, "ids": [<ids emitted at ts>]} | null}
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from typing import Any

from lumio_desktop.sync.errors import FatalError, SkippableRecord, SyncError
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
    advance,
    chunks,
    ms_to_iso,
    parse_ts,
    plan_run,
)

OBJECTS = ("customers",)
ENTITY = {"customers": "lead"}
PAGE = 250  # CONTRACTS 3.2: max limit


def _code(body: Any) -> str | None:
    return None  # Shopify's REST errors have no code, only text


def _detail(body: Any) -> str | None:
    if isinstance(body, dict):
        e = body.get("errors") or body.get("error_description") or body.get("error")
        if e is None:
            return None
        return e if isinstance(e, str) else json.dumps(e, ensure_ascii=False)
    return None


ERRORS = ErrorTable("Shopify", [  # the sentences: sync/providers/words.py
    ErrorRule(400, Action.FATAL, message=W.SH_REFUSED),
    ErrorRule(401, Action.REFRESH, message=W.SH_TOKEN_REFUSED),
    ErrorRule(402, Action.CONFIG, message=W.SH_FROZEN),
    ErrorRule(403, Action.CONFIG, message=W.SH_SCOPE),
    ErrorRule(404, Action.NOT_FOUND),
    ErrorRule(406, Action.FATAL, message=W.SH_FORMAT),
    ErrorRule(422, Action.RATE_LIMITED, contains="too many requests", message=W.SH_RATE_LIMITED),
    ErrorRule(422, Action.SKIP, message=W.SH_REJECTED),
    ErrorRule(423, Action.FATAL, message=W.SH_LOCKED),
    ErrorRule(429, Action.RATE_LIMITED, message=W.SH_RATE_LIMITED),
    ErrorRule("5xx", Action.RETRY, message=W.SH_TROUBLE),
], code_of=_code, detail_of=_detail)


def _iso(ms: int) -> str:
    return ms_to_iso(ms - ms % 1000, millis=False)  # Shopify stamps are whole seconds


class ShopifyClient(ClientBase):
    provider = "shopify"
    label = "Shopify"
    ENTITY = ENTITY

    def __init__(self, http: ProviderHttp, *, objects: Sequence[str] | None = None, api_version: str = "2025-01",
                 lookback_s: float = 300.0, page_size: int = PAGE, cache_ttl: float = 900.0):
        self.http = http
        self.objects = tuple(o for o in OBJECTS if objects is None or o in objects)
        self.api = f"/admin/api/{api_version}"
        self.lookback_ms = int(lookback_s * 1000)
        self.page_size = page_size
        self.cache = TTLCache(http.stats, cache_ttl)
        self.account_hint: str | None = None  # what the connection already knows (portal id, shop, host)

    def _start(self, mode: Mode, state: dict[str, Any] | None) -> dict[str, Any]:
        resumed, since = plan_run(mode, state, self.lookback_ms)
        if resumed is not None:
            return resumed
        if since is None:
            return {"v": STATE_VERSION, "run": "initial", "phase": "probe", "since": None, "events_since": None,
                    "cursor": None}
        return {"v": STATE_VERSION, "run": "incremental", "phase": "customers", "since": since,
                "events_since": since, "cursor": None}

    def _record(self, raw: dict[str, Any]) -> tuple[RemoteRecord, int]:
        dt, ms = parse_ts(raw["updated_at"])
        return RemoteRecord("customers", str(raw["id"]), dt, raw), ms

    async def pages(self, object_type: str, mode: Mode, state: dict[str, Any] | None) -> AsyncIterator[Page]:
        self._obj(object_type)
        st = self._start(Mode(mode), state)
        if st["phase"] == "probe":
            reply = await self.http.request("GET", f"{self.api}/customers.json",
                                            params={"limit": 1, "order": "updated_at desc",
                                                    "fields": "id,updated_at"})
            newest = self._list(reply.body, "customers")
            try:
                st["events_since"] = max(0, parse_ts(newest[0]["updated_at"])[1] - self.lookback_ms)
            except (IndexError, KeyError, TypeError, ValueError):  # no customers yet, or no readable stamp
                st["events_since"] = 0  # then every destroy event Shopify still keeps
            count = await self.http.request("GET", f"{self.api}/customers/count.json", allow=(404,))
            n = count.body.get("count") if isinstance(count.body, dict) else None
            st["total"] = n if isinstance(n, int) else None  # the full read's progress total
            st["phase"] = "customers"
        if st["phase"] == "customers":
            async for page in self._customers(st):
                yield page
        if st["phase"] == "deleted":
            async for page in self._deleted(st):
                yield page

    def _list(self, body: Any, key: str) -> list[dict[str, Any]]:
        items = body.get(key) if isinstance(body, dict) else None
        if not isinstance(items, list):
            raise FatalError(W.SH_NO_LIST(object=key))
        return items

    async def _customers(self, st: dict[str, Any]) -> AsyncIterator[Page]:
        cur = st.get("cursor")
        since = cur["ts"] if cur else st.get("since")
        params: dict[str, Any] | None = {"limit": self.page_size, "order": "updated_at asc"}
        if since is not None:
            params["updated_at_min"] = _iso(since)
        ahead = Prefetch()
        try:
            async for page in self._customer_pages(st, f"{self.api}/customers.json", params, ahead):
                yield page
        finally:
            ahead.cancel()

    def _get(self, url: str, params: dict[str, Any] | None):
        return lambda: self.http.request("GET", url, params=params)

    async def _customer_pages(self, st: dict[str, Any], url: str, params: dict[str, Any] | None,
                              ahead: Prefetch) -> AsyncIterator[Page]:
        previous = None
        last = None  # the newest stamp of the previous page: the read must never go back in time
        while True:
            reply = await ahead.take(url, self._get(url, params))
            raw_items = self._list(reply.body, "customers")
            records, stamps, rejected = [], [], []
            for raw in raw_items:
                try:
                    rec, ms = self._record(raw)
                except (KeyError, TypeError, ValueError) as e:
                    rejected.append((raw, W.SH_UNREADABLE_CUSTOMER(said=f"{type(e).__name__}: {e}")))
                    continue
                records.append(rec)
                stamps.append(ms)
            if any(b < a for a, b in zip(stamps, stamps[1:], strict=False)) or (
                    stamps and last is not None and stamps[0] < last):
                # The cursor is only safe over an ascending read; refuse to guess.
                raise FatalError(W.SH_OUT_OF_ORDER())
            if stamps:
                last = stamps[-1]
            records, stamps, st["cursor"] = advance(st.get("cursor"), records, stamps)
            nxt = (reply.response.links.get("next") or {}).get("url")
            if not nxt:
                st["phase"] = "deleted"
                if st.get("cursor") is None:
                    st["cursor"] = {"ts": st.get("since") or 0, "ids": []}
                if st.get("events_since") is None:
                    st["events_since"] = st["cursor"]["ts"]
            else:
                if nxt == previous:
                    raise FatalError(W.SH_SAME_CUSTOMERS_LINK())
                previous = url = nxt
                params = None  # page_info carries the filters; Shopify refuses them beside it
                ahead.start(url, self._get(url, params))
            yield Page(records, dict(st), total=st.get("total"), rejected=rejected)
            if not nxt:
                return

    async def _deleted(self, st: dict[str, Any]) -> AsyncIterator[Page]:
        """Destroy events, paged by the Link header when Shopify sends one, else by `since_id` (event ids grow)."""
        base: dict[str, Any] = {"filter": "Customer", "verb": "destroy", "limit": self.page_size}
        if st.get("events_since"):
            base["created_at_min"] = _iso(st["events_since"])
        url, params = f"{self.api}/events.json", dict(base)
        if st.get("events_after"):
            params["since_id"] = st["events_after"]
        previous = None
        while True:
            reply = await self.http.request("GET", url, params=params, allow=(404,))
            if reply.status == 404:  # no Events API here: deletions come from webhooks and full scans only
                st["phase"] = "done"
                yield Page([], dict(st))
                return
            records, rejected = [], []
            events = self._list(reply.body, "events")
            for ev in events:
                try:
                    if ev.get("subject_type", "Customer") != "Customer" or ev.get("verb", "destroy") != "destroy":
                        continue
                    when = parse_ts(ev["created_at"])[0] if ev.get("created_at") else None
                    # A thin customer (like fetch()'s for a vanished id) with the event kept beside it.
                    raw = {"id": ev["subject_id"], "deleted_at": ev.get("created_at"), "event": ev}
                    records.append(RemoteRecord("customers", str(ev["subject_id"]), when, raw, deleted=True))
                except (KeyError, TypeError, ValueError) as e:
                    rejected.append((ev, W.SH_UNREADABLE_EVENT(said=f"{type(e).__name__}: {e}")))
            nxt = (reply.response.links.get("next") or {}).get("url")
            ids = [e["id"] for e in events if isinstance(e, dict) and isinstance(e.get("id"), int)]
            if nxt:
                if nxt == previous:
                    raise FatalError(W.SH_SAME_EVENTS_LINK())
                previous = url = nxt
                params = None
            elif len(events) >= self.page_size and ids:
                st["events_after"] = max(ids)
                params = {**base, "since_id": st["events_after"]}
            else:
                st["phase"] = "done"
                st.pop("events_after", None)
            yield Page(records, dict(st), rejected=rejected)
            if st["phase"] == "done":
                return

    async def fetch(self, object_type: str, external_ids: Sequence[str]) -> list[RemoteRecord]:
        """`customers.json?ids=...` (250 a call); ids Shopify no longer has come back deleted."""
        self._obj(object_type)
        ids = [str(i) for i in dict.fromkeys(external_ids)]
        found: dict[str, RemoteRecord] = {}
        for part in chunks(ids, PAGE):
            reply = await self.http.request("GET", f"{self.api}/customers.json",
                                            params={"ids": ",".join(part), "limit": PAGE})
            for raw in self._list(reply.body, "customers"):
                rec, _ = self._record(raw)
                found[rec.external_id] = rec
        return [found.get(i) or RemoteRecord("customers", i, None, {"id": i}, deleted=True) for i in ids]

    async def push(self, object_type: str, changes: Sequence[PushChange]) -> list[PushResult]:
        """One call per customer (Shopify REST has no batch write): PUT /customers/{id}.json, POST for new ones."""
        self._obj(object_type)
        out = []
        for c in changes:
            try:
                if c.external_id:
                    reply = await self.http.request("PUT", f"{self.api}/customers/{c.external_id}.json",
                                                    json_body={"customer": {"id": _int_id(c.external_id),
                                                                            **c.fields}})
                    if reply.status == 404:
                        out.append(PushResult(c.local_id, False, c.external_id, error=W.SH_GONE()))
                        continue
                else:
                    reply = await self.http.request("POST", f"{self.api}/customers.json",
                                                    json_body={"customer": dict(c.fields)})
            except SkippableRecord as e:
                out.append(PushResult(c.local_id, False, c.external_id, error=e.message))
                continue
            raw = (reply.body or {}).get("customer") if isinstance(reply.body, dict) else None
            if not isinstance(raw, dict) or "id" not in raw:
                out.append(PushResult(c.local_id, False, c.external_id, error=W.SH_NOT_CONFIRMED()))
                continue
            rec, _ = self._record(raw)
            out.append(PushResult(c.local_id, True, rec.external_id, rec.modified_at, raw=raw))
        return out

    async def precheck(self) -> Precheck:
        try:
            reply = await self.http.request("GET", f"{self.api}/shop.json", allow=(404,))
            if reply.status == 404:
                await self.http.request("GET", f"{self.api}/customers/count.json")
                return Precheck(True, W.SH_REACHABLE_TOKEN(), self.account_hint)
        except SyncError as e:
            return Precheck(False, e.message)
        shop = (reply.body or {}).get("shop") or {}
        account = shop.get("myshopify_domain") or shop.get("domain") or shop.get("name") or self.account_hint
        name = shop.get("name") or account
        return Precheck(True, W.SH_REACHABLE_SHOP(shop=name) if name else W.SH_REACHABLE(), account)

    async def reference(self, kind: str) -> dict[str, Any]:
        if kind == "shop":
            async def load() -> dict[str, Any]:
                reply = await self.http.request("GET", f"{self.api}/shop.json", allow=(404,))
                return (reply.body or {}).get("shop") or {} if reply.status == 200 else {}
            return await self.cache.get("shop", load)
        raise FatalError(W.SH_NO_REFERENCE(kind=repr(kind)))


def _int_id(value: str) -> int | str:
    return int(value) if str(value).isdigit() else value
