"""Salesforce REST client: Account, Contact, Lead, Opportunity (CONTRACTS.md section 2).

Reads: SOQL over `/queryAll` (so Recycle Bin rows come back with `IsDeleted = true` and become deleted records),
as keyset pages: `WHERE SystemModstamp >= <cursor> ORDER BY SystemModstamp ASC LIMIT 2000`, each page a fresh query
from the compound cursor (SystemModstamp, ids emitted at that instant; those ids are dropped when re-read). The
cursor is never taken from a query locator's later batches: a locator hands rows back as they are when a batch is
fetched, so a row changed mid-read would arrive with a new SystemModstamp ahead of rows not read yet (a test shows
the loss). When one instant holds a full page (a bulk load), the read narrows to `SystemModstamp = T AND Id > last`
ordered by Id until the instant is exhausted, then goes on with `> T`. INITIAL starts with no WHERE clause;
INCREMENTAL at the saved cursor minus the look-back (transactions commit after their stamp).

State: {"v": 1, "run": "initial"|"incremental", "phase": "query"|"done", "since": <ms or null: the WHERE bound>,
        "cursor": {"ts": <ms>, "ids": [<ids emitted at ts>], "gt": <bool>} | null,
        "tie": {"ts": <ms>, "id": <last Id or null>} | null, "total": <COUNT() of a full read, for progress>}

Sessions have no `expires_in`: a 401 INVALID_SESSION_ID asks the auth object to refresh, then the request is
retried. 403 REQUEST_LIMIT_EXCEEDED (the org's 24-hour allocation) stops the job with a FatalError.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from lumio_desktop.auth.redact import redact_text
from lumio_desktop.sync.errors import ConfigError, FatalError, SyncError
from lumio_desktop.sync.http import Action, CursorExpired, ErrorRule, ErrorTable, ProviderHttp
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

OBJECTS = ("Account", "Contact", "Lead", "Opportunity")
ENTITY = {"Account": "company", "Contact": "lead", "Lead": "lead", "Opportunity": "deal"}
SYSTEM = ["Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp"]
DEFAULT_FIELDS = {
    "Account": ["Name", "Website", "Phone", "Industry", "BillingCity", "BillingState", "BillingCountry",
                "NumberOfEmployees", "AnnualRevenue", "OwnerId"],
    "Contact": ["AccountId", "FirstName", "LastName", "Email", "Phone", "MobilePhone", "Title", "MailingCity",
                "MailingState", "MailingCountry", "OwnerId", "LeadSource"],
    "Lead": ["FirstName", "LastName", "Company", "Email", "Phone", "Title", "Status", "LeadSource", "City",
             "Country", "OwnerId", "IsConverted"],
    "Opportunity": ["AccountId", "Name", "StageName", "Amount", "CloseDate", "Probability", "IsClosed", "IsWon",
                    "OwnerId", "LeadSource", "Type"],
}
EXTERNAL_ID = "Lumio_ID__c"
BATCH = 200  # sObject Collections
PAGE = 2000  # a query's default (and largest) batch


def _literal(ms: int) -> str:
    """A SOQL datetime literal; whole seconds (real stamps) without a fraction, others with their milliseconds."""
    return ms_to_iso(ms, millis=bool(ms % 1000))


def _quote(value: str) -> str:
    return str(value).replace("\\", "").replace("'", "")


def _code(body: Any) -> str | None:
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return body[0].get("errorCode")
    if isinstance(body, dict):
        return body.get("errorCode") or body.get("error")
    return None


def _detail(body: Any) -> str | None:
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return body[0].get("message")
    if isinstance(body, dict):
        return body.get("message") or body.get("error_description")
    return None


ERRORS = ErrorTable("Salesforce", [  # the sentences: sync/providers/words.py
    ErrorRule(400, Action.RESTART, code="INVALID_QUERY_LOCATOR", message=W.SF_CURSOR_EXPIRED),
    ErrorRule(400, Action.RETRY, code="QUERY_TIMEOUT", message=W.SF_QUERY_TIMEOUT),
    ErrorRule(400, Action.CONFIG, code="INVALID_FIELD", message=W.SF_NO_FIELD),
    ErrorRule(400, Action.CONFIG, code="INVALID_TYPE", message=W.SF_NO_OBJECT),
    ErrorRule(400, Action.FATAL, message=W.SF_REFUSED),
    ErrorRule(401, Action.REFRESH, message=W.SF_EXPIRED),
    ErrorRule(403, Action.FATAL, code="REQUEST_LIMIT_EXCEEDED", message=W.SF_LIMIT),
    ErrorRule(403, Action.CONFIG, code="API_DISABLED_FOR_ORG", message=W.SF_API_DISABLED),
    ErrorRule(403, Action.CONFIG, message=W.SF_FORBIDDEN),
    ErrorRule(404, Action.NOT_FOUND),
    ErrorRule(406, Action.RETRY, message=W.SF_FORMAT),
    ErrorRule(420, Action.RATE_LIMITED, message=W.SF_RATE_LIMITED),
    ErrorRule(429, Action.RATE_LIMITED, message=W.SF_RATE_LIMITED),
    ErrorRule("5xx", Action.RETRY, message=W.SF_TROUBLE),
], code_of=_code, detail_of=_detail)


class SalesforceClient(ClientBase):
    provider = "salesforce"
    label = "Salesforce"
    ENTITY = ENTITY

    def __init__(self, http: ProviderHttp, *, objects: Sequence[str] | None = None, api_version: str = "59.0",
                 fields: dict[str, list[str]] | None = None, lookback_s: float = 300.0, cache_ttl: float = 900.0,
                 page_size: int = PAGE):
        self.http = http
        self.objects = tuple(o for o in OBJECTS if objects is None or o in objects)
        self.api = f"/services/data/v{api_version.lstrip('v')}"
        # Extra fields (the field maps' sources, a connection's own) are selected beside the defaults.
        self.fields = {o: list(dict.fromkeys(SYSTEM + DEFAULT_FIELDS[o] + list((fields or {}).get(o) or ())))
                       for o in OBJECTS}
        self.lookback_ms = int(lookback_s * 1000)
        self.page_size = page_size
        self.cache = TTLCache(http.stats, cache_ttl)
        self.account_hint: str | None = None  # what the connection already knows (portal id, shop, host)

    # -- reads ------------------------------------------------------------------------------------------------
    def _soql(self, obj: str, since_ms: int | None, where: str | None = None, order: str = "SystemModstamp ASC",
              limit: int | None = None) -> str:
        q = f"SELECT {', '.join(self.fields[obj])} FROM {obj}"
        if where:
            q += f" WHERE {where}"
        elif since_ms is not None:
            q += f" WHERE SystemModstamp >= {_literal(since_ms)}"
        q += f" ORDER BY {order}"
        return q + (f" LIMIT {limit}" if limit else "")

    def _start(self, mode: Mode, state: dict[str, Any] | None) -> dict[str, Any]:
        resumed, since = plan_run(mode, state, self.lookback_ms)
        if resumed is not None:
            return resumed
        return {"v": STATE_VERSION, "run": "initial" if since is None else "incremental", "phase": "query",
                "since": since, "cursor": None}

    def _convert(self, obj: str, rows: list[Any]) -> tuple[list[RemoteRecord], list, list[int]]:
        records, rejected, stamps = [], [], []
        for raw in rows:
            try:
                dt, ms = parse_ts(raw["SystemModstamp"])
                records.append(RemoteRecord(obj, raw["Id"], dt, raw, raw.get("IsDeleted") is True))
                stamps.append(ms)
            except (KeyError, TypeError, ValueError) as e:
                rejected.append((raw, W.SF_UNREADABLE(object=obj, said=f"{type(e).__name__}: {e}")))
        return records, rejected, stamps

    async def pages(self, object_type: str, mode: Mode, state: dict[str, Any] | None) -> AsyncIterator[Page]:
        obj = self._obj(object_type)
        st = self._start(Mode(mode), state)
        if st["run"] == "initial" and st.get("cursor") is None and "total" not in st:
            # One COUNT() for the progress bar of a full read (incrementals skip it: a no-op stays one call).
            reply = await self.http.request("GET", f"{self.api}/queryAll", params={"q": f"SELECT COUNT() FROM {obj}"})
            size = reply.body.get("totalSize") if isinstance(reply.body, dict) else None
            st["total"] = size if isinstance(size, int) else None
        ahead = Prefetch()
        try:
            while st["phase"] != "done":
                q = self._page_query(obj, st)
                reply = await ahead.take(q, self._get(q))
                body = reply.body
                if not isinstance(body, dict) or not isinstance(body.get("records"), list):
                    raise FatalError(W.SF_NO_RECORDS(object=obj))
                page = self._step(obj, st, body)
                if st["phase"] != "done" and st.get("tie") is None and page is not None:
                    q = self._page_query(obj, st)  # the next keyset query is known: send it while this page is stored
                    ahead.start(q, self._get(q))
                if page is not None:
                    yield page
        finally:
            ahead.cancel()

    def _page_query(self, obj: str, st: dict[str, Any]) -> str:
        """Keyset pages: every page is a fresh query from the compound cursor, never a query locator. (A locator
        hands back rows as they are when the page is fetched, so a row changed mid-read arrives with a newer
        SystemModstamp ahead of rows not yet read, and a cursor taken from it would skip them.)"""
        tie, cur = st.get("tie"), st.get("cursor")
        if tie is not None:
            where = f"SystemModstamp = {_literal(tie['ts'])}"
            if tie.get("id"):
                where += f" AND Id > '{_quote(tie['id'])}'"
            return self._soql(obj, None, where=where, order="Id ASC", limit=self.page_size)
        if cur is not None:
            op = ">" if cur.get("gt") else ">="
            return self._soql(obj, None, where=f"SystemModstamp {op} {_literal(cur['ts'])}", limit=self.page_size)
        return self._soql(obj, st.get("since"), limit=self.page_size)

    def _step(self, obj: str, st: dict[str, Any], body: dict[str, Any]) -> Page | None:
        """One answer -> the page to hand over (None while switching to the narrowing mode) and the next state."""
        rows = body["records"]
        records, rejected, stamps = self._convert(obj, rows)
        # Salesforce may answer a LIMIT query in smaller batches (nextRecordsUrl): that is "more", read by keyset.
        more = len(rows) >= self.page_size or bool(body.get("nextRecordsUrl"))
        tie, cur = st.get("tie"), st.get("cursor")
        if tie is not None:
            seen = set(cur["ids"]) if cur and cur["ts"] == tie["ts"] and not cur.get("gt") else set()
            fresh = [r for r in records if r.external_id not in seen]
            if rows:
                tie = {"ts": tie["ts"], "id": str(rows[-1].get("Id") or tie.get("id"))}
            if more:
                st["tie"] = tie
            else:  # every record of that instant is read: go on after it
                st["tie"] = None
                st["cursor"] = {"ts": tie["ts"], "ids": [], "gt": True}
            return Page(fresh, dict(st), total=st.get("total"), rejected=rejected)
        if more and stamps and len(set(stamps)) == 1 and not rejected:
            # A full page at one instant (a bulk load): more may share it; narrow to it, ordered by Id.
            st["tie"] = {"ts": stamps[0], "id": None}
            return None
        before = cur
        records, stamps, nxt = advance(cur, records, stamps)
        if nxt is not None:
            st["cursor"] = {**nxt, "gt": bool(nxt is cur and cur.get("gt"))}
        if not more:
            st["phase"] = "done"
            if st.get("cursor") is None:
                st["cursor"] = {"ts": st.get("since") or 0, "ids": [], "gt": False}
        elif not records and st.get("cursor") == before:
            raise FatalError(W.SF_NO_PROGRESS(object=obj))
        return Page(records, dict(st), total=st.get("total"), rejected=rejected)

    def _get(self, q: str):
        return lambda: self.http.request("GET", f"{self.api}/queryAll", params={"q": q})

    async def fetch(self, object_type: str, external_ids: Sequence[str]) -> list[RemoteRecord]:
        """SOQL `Id IN (...)` over queryAll: one call per 200 ids, and Recycle Bin rows come back deleted."""
        obj = self._obj(object_type)
        ids = [str(i) for i in dict.fromkeys(external_ids)]
        found: dict[str, RemoteRecord] = {}
        for part in chunks(ids, BATCH):
            quoted = ", ".join("'" + i.replace("\\", "").replace("'", "") + "'" for i in part)
            first = f"{self.api}/queryAll", {"q": self._soql(obj, None, where=f"Id IN ({quoted})")}
            url, params = first
            while True:
                try:
                    reply = await self.http.request("GET", url, params=params)
                except CursorExpired:
                    url, params = first  # the locator expired between batches: ask again (results are keyed by id)
                    continue
                records, _rejected, _ = self._convert(obj, (reply.body or {}).get("records", []))
                for r in records:
                    found[r.external_id] = r
                    if len(r.external_id) == 18:
                        found.setdefault(r.external_id[:15], r)
                nxt = (reply.body or {}).get("nextRecordsUrl")
                if not nxt:
                    break
                url, params = nxt, None
        return [found.get(i) or RemoteRecord(obj, i, None, {"Id": i}, deleted=True) for i in ids]

    # -- writes -----------------------------------------------------------------------------------------------
    async def push(self, object_type: str, changes: Sequence[PushChange]) -> list[PushResult]:
        """Updates by Id through PATCH /composite/sobjects; creates as upserts on the external id Lumio_ID__c
        (so a retried create cannot make a duplicate) through PATCH /composite/sobjects/{obj}/Lumio_ID__c."""
        obj = self._obj(object_type)
        out: dict[int, PushResult] = {}
        updates = [c for c in changes if c.external_id]
        creates = [c for c in changes if not c.external_id]
        for part in chunks(updates, BATCH):
            records = [{"attributes": {"type": obj}, **c.fields, "id": c.external_id} for c in part]
            await self._collection(obj, f"{self.api}/composite/sobjects", part, records, out)
        for part in chunks(creates, BATCH):
            records = [{"attributes": {"type": obj}, **c.fields,
                        EXTERNAL_ID: str(c.fields.get(EXTERNAL_ID) or c.local_id)} for c in part]
            await self._collection(obj, f"{self.api}/composite/sobjects/{obj}/{EXTERNAL_ID}", part, records, out)
        written = [r.external_id for r in out.values() if r.ok and r.external_id]
        if written:
            # Collections answer ids only: read the rows back once (one call per 200) so the caller stores the
            # provider's new SystemModstamp and does not take its own write for a remote change.
            now = {r.external_id: r for r in await self.fetch(obj, written) if not r.deleted}
            for key, res in out.items():
                rec = now.get(res.external_id or "")
                if res.ok and rec is not None:
                    out[key] = PushResult(res.local_id, True, res.external_id, rec.modified_at, raw=rec.raw)
        return [out[id(c)] for c in changes]

    async def _collection(self, obj: str, url: str, part: Sequence[PushChange], records: list[dict],
                          out: dict[int, PushResult]) -> None:
        try:
            reply = await self.http.request("PATCH", url, json_body={"allOrNone": False, "records": records})
        except FatalError as e:
            if e.status != 400:
                raise
            for c in part:
                out[id(c)] = PushResult(c.local_id, False, c.external_id, error=e.message)
            return
        results = reply.body if isinstance(reply.body, list) else []
        for n, c in enumerate(part):
            r = results[n] if n < len(results) and isinstance(results[n], dict) else None
            if r is not None and r.get("success"):
                out[id(c)] = PushResult(c.local_id, True, r.get("id") or c.external_id, raw=r)
            else:
                errs = (r or {}).get("errors") or []
                msg = "; ".join(f"{e.get('statusCode', '')}: {e.get('message', '')}".strip(": ") for e in errs)
                out[id(c)] = PushResult(c.local_id, False, c.external_id, raw=r,
                                        error=W.SF_REJECTED(said=redact_text(msg)) if msg else W.SF_NOT_CONFIRMED())

    # -- precheck and reference data ----------------------------------------------------------------------------
    async def precheck(self) -> Precheck:
        try:
            reply = await self.http.request("GET", f"{self.api}/limits/")
        except SyncError as e:
            return Precheck(False, e.message)
        daily = (reply.body or {}).get("DailyApiRequests") if isinstance(reply.body, dict) else None
        account = self.account_hint
        try:
            info = await self.http.request("GET", "/services/oauth2/userinfo", allow=(404,))
            if info.status == 200 and isinstance(info.body, dict):
                account = info.body.get("organization_id") or account
        except SyncError:
            pass
        if isinstance(daily, dict) and daily.get("Max"):
            left, mx = daily.get("Remaining", 0), daily["Max"]
            if left <= 0:
                return Precheck(False, W.SF_ALLOCATION_USED(n_max=mx), account)
            return Precheck(True, W.SF_REACHABLE_BUDGET(n_left=left, n_max=mx), account)
        return Precheck(True, W.SF_REACHABLE(), account)

    async def users(self) -> dict[str, dict[str, Any]]:
        """Owner (User) id -> {Name, Email}, cached for the TTL (OwnerId values resolve through it)."""
        async def load() -> dict[str, dict[str, Any]]:
            out: dict[str, dict[str, Any]] = {}
            url, params = f"{self.api}/query", {"q": "SELECT Id, Name, Email FROM User"}
            while True:
                try:
                    reply = await self.http.request("GET", url, params=params)
                except (FatalError, ConfigError):
                    return out  # User not queryable here (INVALID_TYPE / no access): owner ids stay ids
                for r in (reply.body or {}).get("records", []):
                    out[r["Id"]] = {"name": r.get("Name"), "email": r.get("Email")}
                nxt = (reply.body or {}).get("nextRecordsUrl")
                if not nxt:
                    return out
                url, params = nxt, None
        return await self.cache.get("users", load)

    async def reference(self, kind: str) -> dict[str, Any]:
        if kind in ("owners", "users"):
            return await self.users()
        raise FatalError(W.SF_NO_REFERENCE(kind=repr(kind)))
