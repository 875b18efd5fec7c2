"""The local webhook receiver: Starlette on uvicorn, inside the app's own event loop.

    POST /webhooks/hubspot   signature v3 (HMAC-SHA256 over method + URI + body + timestamp, base64), 5-minute window
    POST /webhooks/shopify   X-Shopify-Hmac-Sha256 (HMAC-SHA256 of the raw body, base64)
    GET  /webhooks/health    200 "ok": lets a person check the tunnel end to end

A webhook is only ever a *hint*: its payload is never written to the store. The events name objects; those are
coalesced per connection for a short window and handed to `dispatch(connection_id, {object_type: [ids]})`, which
queues a targeted fetch through the connection's lane (the engine reads the records from the provider, so a forged or
replayed event could at worst cause a harmless re-read). The handler answers at once, long before the providers'
5-second limit, whatever the lane is doing.

Refused with 401 (logged, nothing changes): a missing or wrong signature, a HubSpot timestamp older than 5 minutes
(or more than 5 minutes ahead), a HubSpot request whose exact signature was already seen (a replay), a request no
connection can verify (no HubSpot connection with a secret; a shop no Shopify connection has). A body over 1 MB gets
413 without being read further. Acknowledged with 200 but dropped (so the provider stops retrying): HubSpot events
already seen by (subscriptionId, eventId, occurredAt), Shopify deliveries whose X-Shopify-Webhook-Id was already seen
(Shopify's own retries carry the same id), events of a portal no connection has, of a paused connection, or of an
object type the connection does not sync.

Which connection: HubSpot's `portalId` matched to Connection.settings["portal_id"] (one HubSpot connection with no
portal recorded takes its app's events); Shopify's X-Shopify-Shop-Domain matched to Connection.shop (or the host of
its base URL). The signing secret is the app's client secret, read from the vault (Credentials.client_secret).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import socket
import time
from collections import OrderedDict, defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from lumio_desktop.store.models import Connection, Provider
from lumio_desktop.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# Shown by the app when the receiver cannot start (the rest of the background runs). A refused webhook's reason goes
# to the provider and the log, not to a person: it stays plain English.
CANNOT_LISTEN = QT_TRANSLATE_NOOP("engine", "the webhook receiver cannot listen on {address} ({said}); choose another "
                                            "port with the webhook_port setting (0 picks a free one)")

HUBSPOT_MAX_AGE_MS = 5 * 60 * 1000
DEDUPE_TTL_SECONDS = 26 * 3600  # HubSpot retries for about 24 h, Shopify for 4 h
DEDUPE_MAX = 50_000
TARGETS_REFRESH = 10.0
MAX_BODY = 1_000_000  # HubSpot sends at most 100 events a request, Shopify one customer: far below this
DEFAULT_DEBOUNCE = 0.02  # merges a burst; the engine also merges ids into a waiting webhook job

Dispatch = Callable[[int, dict[str, list[str]]], Awaitable[Any] | Any]

# HubSpot subscription types and generic objectTypeIds -> the client's object type names.
_HUBSPOT_OBJECTS = {"contact": "contacts", "company": "companies", "deal": "deals"}
_HUBSPOT_TYPE_IDS = {"0-1": "contacts", "0-2": "companies", "0-3": "deals"}
_SHOPIFY_TOPICS = {"customers": "customers"}


# -- signatures --------------------------------------------------------------------------------------------------------
def hubspot_v3_signature(secret: str, method: str, uri: str, body: bytes | str, timestamp: str) -> str:
    # Bytes throughout: a body that is not valid UTF-8 must fail the comparison, not raise.
    raw = body if isinstance(body, bytes) else body.encode()
    source = method.encode() + uri.encode() + raw + timestamp.encode()
    return base64.b64encode(hmac.new(secret.encode(), source, hashlib.sha256).digest()).decode()


def shopify_signature(secret: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def _equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def verify_hubspot_v3(secret: str, method: str, uris: Iterable[str], body: bytes, timestamp: str,
                      signature: str) -> bool:
    """True when `signature` matches any of the URIs the provider may have signed (raw or URL-decoded)."""
    for uri in uris:
        for candidate in dict.fromkeys((uri, unquote(uri))):
            if _equal(hubspot_v3_signature(secret, method, candidate, body, timestamp), signature):
                return True
    return False


def verify_shopify(secret: str, body: bytes, signature: str) -> bool:
    return _equal(shopify_signature(secret, body), signature)


# -- dedupe ------------------------------------------------------------------------------------------------------------
class SeenSet:
    """Keys seen within `ttl` seconds, at most `maxlen` of them (oldest forgotten first). In memory: a duplicate that
    slips through after a restart only causes one more harmless targeted read."""

    def __init__(self, ttl: float, maxlen: int = DEDUPE_MAX, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.maxlen = maxlen
        self.clock = clock
        self._seen: OrderedDict[Any, float] = OrderedDict()

    def check_and_add(self, key: Any) -> bool:
        """True when the key is new (and remember it); False for a duplicate."""
        now = self.clock()
        while self._seen:
            oldest, expiry = next(iter(self._seen.items()))
            if expiry > now and len(self._seen) < self.maxlen:
                break
            self._seen.pop(oldest)
        if key in self._seen:
            return False
        self._seen[key] = now + self.ttl
        return True

    def __len__(self) -> int:
        return len(self._seen)


# -- coalescing --------------------------------------------------------------------------------------------------------
class Coalescer:
    """Collects object ids per connection for `window` seconds, then dispatches one batch per connection."""

    def __init__(self, dispatch: Dispatch, window: float = DEFAULT_DEBOUNCE):
        self.dispatch = dispatch
        self.window = window
        self._pending: dict[int, dict[str, set[str]]] = {}
        self._timers: dict[int, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task] = set()
        self.batches = 0

    def add(self, connection_id: int, object_type: str, ids: Iterable[str]) -> None:
        bucket = self._pending.setdefault(connection_id, defaultdict(set))
        bucket[object_type].update(str(i) for i in ids)
        if connection_id not in self._timers:
            loop = asyncio.get_running_loop()
            self._timers[connection_id] = loop.call_later(self.window, self._flush, connection_id)

    def _flush(self, connection_id: int) -> None:
        self._timers.pop(connection_id, None)
        bucket = self._pending.pop(connection_id, None)
        if not bucket:
            return
        batch = {obj: sorted(ids) for obj, ids in bucket.items() if ids}
        self.batches += 1
        task = asyncio.ensure_future(self._run(connection_id, batch))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, connection_id: int, batch: dict[str, list[str]]) -> None:
        try:
            result = self.dispatch(connection_id, batch)
            if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
                await result
        except Exception:  # noqa: BLE001 - one failed dispatch must not stop the receiver
            log.exception("could not queue the webhook sync of connection %s", connection_id)

    async def flush_all(self) -> None:
        for cid in list(self._timers):
            self._timers.pop(cid).cancel()
            self._flush(cid)
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def cancel(self) -> None:
        for handle in self._timers.values():
            handle.cancel()
        self._timers.clear()
        self._pending.clear()


# -- connections and secrets -------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Target:
    connection_id: int
    provider: Provider
    secret: str | None
    portal_id: str | None = None
    shop_domains: set[str] = field(default_factory=set)
    objects: set[str] | None = None  # the object types the person chose to sync; None = all
    # A paused connection still verifies and acknowledges its webhooks (a refusal would make Shopify delete the
    # subscription after 8 failures); their events are dropped: the first sync after resuming brings the changes.
    enabled: bool = True

    def wants(self, object_type: str) -> bool:
        return self.enabled and (self.objects is None or object_type in self.objects)


def normalize_shop(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().lower()
    if "://" in v:
        v = urlsplit(v).hostname or ""
    v = v.split("/")[0].rstrip(".")
    if v and "." not in v:
        v = f"{v}.myshopify.com"
    return v or None


def load_targets(store, vault) -> list[Target]:
    """Every HubSpot/Shopify connection with its signing secret (a blocking read: call it in a thread)."""
    with store.session() as s:
        conns = list(s.scalars(select(Connection).where(Connection.provider.in_([Provider.HUBSPOT, Provider.SHOPIFY]))))
    out = []
    for c in conns:
        secret = None
        if vault is not None:
            try:
                creds = vault.get(c.id)
                secret = creds.client_secret if creds else None
            except Exception as e:  # noqa: BLE001 - a locked keychain refuses this connection's webhooks, not all
                log.warning("cannot read the webhook secret of connection %s: %s", c.id, e)
        settings = c.settings or {}
        t = Target(c.id, c.provider, secret, objects=set(c.objects) if c.objects else None, enabled=c.enabled)
        if c.provider == Provider.HUBSPOT:
            pid = settings.get("portal_id") or settings.get("hub_id")
            t.portal_id = str(pid) if pid is not None else None
        else:
            for v in (c.shop, settings.get("shop_domain"), c.base_url):
                n = normalize_shop(v)
                if n:
                    t.shop_domains.add(n)
        out.append(t)
    return out


# -- the receiver ------------------------------------------------------------------------------------------------------
class WebhookRefused(Exception):
    def __init__(self, reason: str, status: int = 401):
        super().__init__(reason)
        self.reason = reason
        self.status = status


class WebhookReceiver:
    """See the module docstring. `dispatch(connection_id, {object_type: [ids]})` queues the targeted sync."""

    def __init__(self, store, settings, *, vault=None, dispatch: Dispatch, hub=None,
                 debounce: float = DEFAULT_DEBOUNCE, wall_clock: Callable[[], float] = time.time):
        self.store = store
        self.settings = settings
        self.vault = vault
        self.hub = hub
        self.wall_clock = wall_clock
        self.coalescer = Coalescer(dispatch, debounce)
        self.hubspot_events = SeenSet(DEDUPE_TTL_SECONDS)
        self.hubspot_signatures = SeenSet(2 * HUBSPOT_MAX_AGE_MS / 1000)  # a replay is only possible in the window
        self.shopify_deliveries = SeenSet(DEDUPE_TTL_SECONDS)
        self.stats: dict[str, int] = defaultdict(int)
        self.last_accepted_at: float | None = None  # wall time of the last genuine webhook (the UI: "tunnel works")
        self._targets: list[Target] | None = None
        self._targets_at = 0.0
        self._unsubscribe = hub.subscribe("connections_changed", self._invalidate) if hub is not None else None
        self._server = None
        self._serve_task: asyncio.Task | None = None
        self.port: int | None = None
        self.host: str = settings.webhook_host
        self.app = Starlette(routes=[
            Route("/webhooks/hubspot", self._hubspot, methods=["POST"]),
            Route("/webhooks/shopify", self._shopify, methods=["POST"]),
            Route("/webhooks/health", self._health, methods=["GET"]),
        ])

    # -- serving -------------------------------------------------------------------------------------------------
    @property
    def url(self) -> str | None:
        if self.port is None:
            return None
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def start(self) -> int:
        """Bind (port 0 = a free one) and serve on the running loop; returns the bound port."""
        import uvicorn

        from lumio_desktop.compat import EmbeddedServer

        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # so asyncio sets TCP_NODELAY
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.settings.webhook_port))
            sock.listen(128)
            sock.setblocking(False)
        except OSError as e:
            sock.close()
            from lumio_desktop.errors import LumioError

            raise LumioError(CANNOT_LISTEN(address=f"{self.host}:{self.settings.webhook_port}",
                                           said=str(e.strerror or e))) from None
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, lifespan="off", log_level="warning", access_log=False,
                                timeout_graceful_shutdown=2)
        self._server = EmbeddedServer(config)
        self._serve_task = asyncio.ensure_future(self._server.serve(sockets=[sock]))
        while not self._server.started:
            if self._serve_task.done():
                self._serve_task.result()  # re-raise what stopped it
                raise RuntimeError("the webhook receiver stopped while starting")
            await asyncio.sleep(0.005)
        log.info("webhook receiver listening on %s", self.url)
        return self.port

    async def aclose(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        if self._server is not None:
            self._server.should_exit = True
            if self._serve_task is not None:
                await asyncio.gather(self._serve_task, return_exceptions=True)
            self._server = None
        await self.coalescer.flush_all()

    # -- targets -------------------------------------------------------------------------------------------------
    def _invalidate(self, *_a) -> None:
        self._targets = None

    async def targets(self, *, refresh: bool = False) -> list[Target]:
        """The connections and their secrets, cached until `connections_changed`. `refresh` re-reads them when the
        cache is older than TARGETS_REFRESH seconds: a connection added by `lumio-sync connect` in another process
        publishes nothing here, so a request that matches nothing gets one fresh look (rate-limited, so a flood of
        forged requests cannot hammer the keychain)."""
        now = time.monotonic()
        if refresh and self._targets is not None and now - self._targets_at >= TARGETS_REFRESH:
            self._targets = None
        if self._targets is None:
            self._targets = await asyncio.to_thread(load_targets, self.store, self.vault)
            self._targets_at = now
        return self._targets

    # -- handlers ------------------------------------------------------------------------------------------------
    async def _health(self, request: Request):
        return PlainTextResponse("ok")

    def _refuse(self, request: Request, provider: str, reason: str, status: int = 401) -> JSONResponse:
        self.stats[f"{provider}_refused"] += 1
        client = request.client.host if request.client else "?"
        log.warning("refused a %s webhook from %s: %s", provider, client, reason)
        return JSONResponse({"error": reason}, status_code=status)

    def _signed_uris(self, request: Request) -> list[str]:
        """The URLs HubSpot may have signed: ours as seen, as the tunnel forwarded it, and the configured public one."""
        seen = str(request.url)
        out = [seen]
        proto = request.headers.get("x-forwarded-proto")
        host = request.headers.get("x-forwarded-host") or request.headers.get("host")
        path_q = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if host:
            for scheme in dict.fromkeys([proto or request.url.scheme, "https"]):
                out.append(f"{scheme}://{host}{path_q}")
        public = self.settings.webhook_public_url
        if public:  # a base URL ("https://x.example"), or the full URL of this endpoint
            base = public.rstrip("/")
            if base.endswith(request.url.path):
                base = base[: -len(request.url.path)]
            out.append(base + path_q)
        return list(dict.fromkeys(out))

    async def _body(self, request: Request) -> bytes | None:
        """The raw body, or None when it is larger than MAX_BODY (read no further than that)."""
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
            return None
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    async def _hubspot(self, request: Request):
        body = await self._body(request)
        if body is None:
            return self._refuse(request, "hubspot", "the body is too large", status=413)
        self.stats["hubspot_received"] += 1
        signature = request.headers.get("x-hubspot-signature-v3")
        timestamp = request.headers.get("x-hubspot-request-timestamp")
        if not signature or not timestamp:
            return self._refuse(request, "hubspot", "missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp")
        try:
            ts_ms = int(timestamp)
        except ValueError:
            return self._refuse(request, "hubspot", "the request timestamp is not a number")
        now_ms = int(self.wall_clock() * 1000)
        if now_ms - ts_ms > HUBSPOT_MAX_AGE_MS:
            return self._refuse(request, "hubspot", "the request is older than 5 minutes")
        if ts_ms - now_ms > HUBSPOT_MAX_AGE_MS:
            return self._refuse(request, "hubspot", "the request timestamp is in the future")
        uris = self._signed_uris(request)
        targets, good = [], None
        for refresh in (False, True):
            targets = [t for t in await self.targets(refresh=refresh) if t.provider == Provider.HUBSPOT and t.secret]
            secrets = list(dict.fromkeys(t.secret for t in targets))
            good = next((s for s in secrets
                         if verify_hubspot_v3(s, request.method, uris, body, timestamp, signature)), None)
            if good is not None:
                break
        if not targets:
            return self._refuse(request, "hubspot", "no HubSpot connection has an app client secret to verify with")
        if good is None:
            return self._refuse(request, "hubspot", "bad signature")
        if not self.hubspot_signatures.check_and_add(signature):
            return self._refuse(request, "hubspot", "replayed request (this exact signature was already received)")
        try:
            events = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return self._refuse(request, "hubspot", "the body is not JSON", status=400)
        if isinstance(events, dict):
            events = [events]
        if not isinstance(events, list):
            return self._refuse(request, "hubspot", "the body is not an array of events", status=400)
        owners = [t for t in targets if t.secret == good]
        accepted = duplicates = ignored = 0
        for ev in events:
            if not isinstance(ev, dict):
                ignored += 1
                continue
            key = (ev.get("subscriptionId"), ev.get("eventId"), ev.get("occurredAt"))
            if not self.hubspot_events.check_and_add(key):
                duplicates += 1
                continue
            target = self._hubspot_owner(owners, ev.get("portalId"))
            parsed = {o: ids for o, ids in hubspot_objects(ev).items() if target is not None and target.wants(o)}
            if target is None or not parsed:
                ignored += 1  # another portal, an object type this connection does not sync, or not a CRM object
                continue
            for obj, ids in parsed.items():
                self.coalescer.add(target.connection_id, obj, ids)
            accepted += 1
        self.stats["hubspot_accepted"] += accepted
        self.last_accepted_at = self.wall_clock()
        self.stats["hubspot_duplicates"] += duplicates
        self.stats["hubspot_ignored"] += ignored
        return JSONResponse({"accepted": accepted, "duplicates": duplicates, "ignored": ignored})

    @staticmethod
    def _hubspot_owner(owners: list[Target], portal_id: Any) -> Target | None:
        pid = str(portal_id) if portal_id is not None else None
        for t in owners:
            if t.portal_id is not None and t.portal_id == pid:
                return t
        unknown = [t for t in owners if t.portal_id is None]
        if len(unknown) == 1 and not any(t.portal_id == pid for t in owners):
            return unknown[0]  # the only connection of this app that has not recorded its portal yet
        return None

    async def _shopify(self, request: Request):
        body = await self._body(request)
        if body is None:
            return self._refuse(request, "shopify", "the body is too large", status=413)
        self.stats["shopify_received"] += 1
        signature = request.headers.get("x-shopify-hmac-sha256")
        shop = normalize_shop(request.headers.get("x-shopify-shop-domain"))
        if not signature or not shop:
            return self._refuse(request, "shopify", "missing X-Shopify-Hmac-Sha256 or X-Shopify-Shop-Domain")
        owners, owner = [], None
        for refresh in (False, True):
            owners = [t for t in await self.targets(refresh=refresh)
                      if t.provider == Provider.SHOPIFY and t.secret and shop in t.shop_domains]
            owner = next((t for t in owners if verify_shopify(t.secret, body, signature)), None)
            if owner is not None:
                break
        if not owners:
            return self._refuse(request, "shopify", f"no Shopify connection for the shop {shop}")
        if owner is None:
            return self._refuse(request, "shopify", "bad signature")
        delivery = request.headers.get("x-shopify-webhook-id")
        if delivery and not self.shopify_deliveries.check_and_add((shop, delivery)):
            self.stats["shopify_duplicates"] += 1
            return JSONResponse({"accepted": 0, "duplicates": 1, "ignored": 0})
        topic = request.headers.get("x-shopify-topic", "")
        obj = _SHOPIFY_TOPICS.get(topic.split("/")[0])
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return self._refuse(request, "shopify", "the body is not JSON", status=400)
        rid = payload.get("id") if isinstance(payload, dict) else None
        if obj is None or rid is None or not owner.wants(obj):
            self.stats["shopify_ignored"] += 1
            return JSONResponse({"accepted": 0, "duplicates": 0, "ignored": 1})
        self.coalescer.add(owner.connection_id, obj, [str(rid)])
        self.stats["shopify_accepted"] += 1
        self.last_accepted_at = self.wall_clock()
        return JSONResponse({"accepted": 1, "duplicates": 0, "ignored": 0})


def hubspot_objects(ev: dict[str, Any]) -> dict[str, list[str]]:
    """The objects one HubSpot event names: {object_type: [ids]} (merges name the survivor and the merged ones)."""
    sub = str(ev.get("subscriptionType") or "")
    prefix = sub.split(".")[0]
    obj = _HUBSPOT_OBJECTS.get(prefix)
    if prefix == "object":
        obj = _HUBSPOT_TYPE_IDS.get(str(ev.get("objectTypeId")))
    if obj is None:
        return {}
    ids = [ev.get("objectId"), ev.get("primaryObjectId"), *(ev.get("mergedObjectIds") or [])]
    ids = [str(i) for i in ids if i is not None]
    return {obj: list(dict.fromkeys(ids))} if ids else {}


class EngineDispatch:
    """Turns one coalesced batch into a job on the connection's lane (trigger `webhook`).

    When `SyncService.submit` accepts `ids=` it is a targeted fetch of exactly those records; until then it is an
    incremental WEBHOOK job limited to the named object types (same pipeline, same lane, reads a little more).
    """

    def __init__(self, service):
        import inspect

        self.service = service
        try:
            params = inspect.signature(service.submit).parameters
        except (TypeError, ValueError):
            params = {}
        self.targeted = "ids" in params
        self.jobs: list[str] = []

    def __call__(self, connection_id: int, batch: dict[str, list[str]]):
        from lumio_desktop.store.models import SyncType, Trigger

        kwargs = {"ids": batch} if self.targeted else {}
        job_id = self.service.submit(connection_id, SyncType.WEBHOOK, Trigger.WEBHOOK, sorted(batch), **kwargs)
        self.jobs.append(job_id)
        return job_id
