"""The sandbox's world: records, credentials, tokens, faults, rate limits, counters and webhook targets.

Tests reach it as `app.state.sandbox` (a Sandbox) and read or change everything directly; the HTTP control API
under /_sandbox/ does the same for a sandbox running in another process.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from lumio_desktop.sandbox.config import PROVIDERS, FaultRule, SandboxConfig, parse_faults
from lumio_desktop.sandbox.data import seed_rng
from lumio_desktop.sandbox.store import Collection, Record


class Clock:
    """Wall clock plus an offset tests can advance (token expiry, rate windows) without sleeping."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@dataclass
class Token:
    value: str
    provider: str
    kind: str  # "static" | "oauth" | "client_credentials"
    client_id: str | None
    scopes: list[str]
    issued_at: float
    expires_at: float | None  # None: no fixed lifetime (static tokens, Salesforce sessions)
    last_used: float
    refresh_token: str | None = None
    revoked: bool = False
    expired: bool = False  # forced by a test or an `expire` fault


@dataclass
class RefreshToken:
    value: str
    provider: str
    client_id: str
    scopes: list[str]
    revoked: bool = False
    created_at: float = 0.0
    successors: list[str] = field(default_factory=list)  # Shopify: valid until one of these is first used
    used: bool = False


@dataclass
class AuthCode:
    value: str
    provider: str
    client_id: str
    redirect_uri: str | None
    scopes: list[str]
    challenge: str | None
    challenge_method: str | None
    expires_at: float
    used: bool = False
    extra: dict = field(default_factory=dict)


@dataclass
class OAuthClient:
    client_id: str
    client_secret: str


class TokenStore:
    def __init__(self, world: Sandbox):
        self.world = world
        self.access: dict[str, Token] = {}
        self.refresh: dict[str, RefreshToken] = {}
        self.codes: dict[str, AuthCode] = {}
        self._lock = threading.Lock()

    def _rand(self, nbytes: int) -> str:
        with self._lock:
            return self.world.rng.getrandbits(nbytes * 8).to_bytes(nbytes, "big").hex()

    def new_value(self, provider: str, what: str) -> str:
        h = self._rand(20)
        if provider == "hubspot":
            return {"access": f"CK{h}", "refresh": f"na1-{h[:4]}-{h[4:8]}-{h[8:12]}-{h[12:16]}-{h[16:28]}",
                    "code": f"na1-{h[:8]}-{h[8:12]}-{h[12:24]}"}[what]
        if provider == "salesforce":
            b = base64.b64encode(bytes.fromhex(h)).decode().replace("+", "9").replace("/", "x").rstrip("=")
            org = self.world.salesforce_org_id
            return {"access": f"{org}!AR{b}", "refresh": f"5Aep861{b}", "code": f"aPrx{b}"}[what]
        return {"access": f"shpat_{h[:32]}", "refresh": f"shprt_{h[:32]}", "code": h[:32]}[what]

    def issue_access(self, provider: str, kind: str, client_id: str | None, scopes: list[str],
                     ttl: float | None, refresh_token: str | None = None, value: str | None = None) -> Token:
        now = self.world.clock.now()
        tok = Token(value or self.new_value(provider, "access"), provider, kind, client_id, list(scopes), now,
                    None if ttl is None else now + ttl, now, refresh_token)
        self.access[tok.value] = tok
        return tok

    def issue_refresh(self, provider: str, client_id: str, scopes: list[str]) -> RefreshToken:
        rt = RefreshToken(self.new_value(provider, "refresh"), provider, client_id, list(scopes),
                          created_at=self.world.clock.now())
        self.refresh[rt.value] = rt
        return rt

    def issue_code(self, provider: str, client_id: str, redirect_uri: str | None, scopes: list[str],
                   challenge: str | None, method: str | None, ttl: float = 600, **extra) -> AuthCode:
        code = AuthCode(self.new_value(provider, "code"), provider, client_id, redirect_uri, list(scopes),
                        challenge, method, self.world.clock.now() + ttl, extra=extra)
        self.codes[code.value] = code
        return code

    def expire(self, provider: str | None = None, token: str | None = None) -> int:
        """Expire one access token, or every token of a provider (static ones included). Returns how many."""
        n = 0
        for t in self.access.values():
            if (token is None or t.value == token) and (provider is None or t.provider == provider):
                t.expired = True
                n += 1
        return n

    def revoke(self, provider: str | None = None, token: str | None = None) -> int:
        """Revoke access and refresh tokens (a user removed the app). Returns how many."""
        n = 0
        for t in list(self.access.values()) + list(self.refresh.values()):
            if (token is None or t.value == token) and (provider is None or t.provider == provider):
                t.revoked = True
                n += 1
        return n

    def is_expired(self, t: Token) -> bool:
        now = self.world.clock.now()
        if t.expired:
            return True
        if t.expires_at is not None and now >= t.expires_at:
            return True
        if t.provider == "salesforce" and t.kind != "static":
            return now - t.last_used > self.world.config.salesforce_session_timeout
        return False


def pkce_s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class Faults:
    """Fault rules, drawn deterministically: one seeded random stream per provider."""

    def __init__(self, world: Sandbox, rules: list[FaultRule]):
        self.world = world
        self.rules: list[FaultRule] = [dataclasses.replace(r, fired=0) for r in rules]  # counters per sandbox
        self._rng = {p: seed_rng(world.config.seed, f"faults:{p}") for p in PROVIDERS}
        self._lock = threading.Lock()

    def add(self, provider: str, kind: str, rate: float = 1.0, count: int | None = None, path: str = "") -> FaultRule:
        rule = FaultRule(provider, kind, rate, count, path)
        with self._lock:
            self.rules.append(rule)
        return rule

    def add_spec(self, spec: str) -> list[FaultRule]:
        rules = parse_faults(spec)
        with self._lock:
            self.rules.extend(rules)
        return rules

    def clear(self, provider: str | None = None) -> None:
        with self._lock:
            self.rules = [r for r in self.rules if provider is not None and r.provider != provider]

    def draw(self, provider: str, path: str) -> str | None:
        with self._lock:
            for rule in self.rules:
                if rule.provider not in ("*", provider) or not path.startswith(rule.path):
                    continue
                if rule.count is not None and rule.fired >= rule.count:
                    continue
                if rule.rate >= 1.0 or self._rng[provider].random() < rule.rate:
                    rule.fired += 1
                    return rule.kind
        return None


class RateLimits:
    """HubSpot rolling windows, Salesforce daily allocation, Shopify leaky buckets (REST and GraphQL cost)."""

    def __init__(self, world: Sandbox):
        self.world = world
        self.hubspot_burst: deque[float] = deque()
        self.hubspot_search: dict[str, deque[float]] = {}
        self.hubspot_daily = 0
        self.hubspot_429s = 0
        self.salesforce_used: deque[float] = deque()
        self.shopify_level = 0.0
        self.shopify_t = 0.0
        self.graphql_available: float | None = None
        self.graphql_t = 0.0
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self.hubspot_burst.clear()
            self.hubspot_search.clear()
            self.hubspot_daily = 0
            self.salesforce_used.clear()
            self.shopify_level = 0.0
            self.graphql_available = None


class Sandbox:
    """Everything one sandbox holds. Build it with `Sandbox(config)`; `create_app` wraps it in a Starlette app."""

    def __init__(self, config: SandboxConfig | None = None):
        from lumio_desktop.sandbox import hubspot, salesforce, shopify

        self.config = config or SandboxConfig()
        self.clock = Clock()
        self.rng = seed_rng(self.config.seed, "world")
        self.lock = threading.RLock()
        crng = seed_rng(self.config.seed, "credentials")

        def hexs(n: int) -> str:
            return crng.getrandbits(n * 4).to_bytes((n * 4 + 7) // 8, "big").hex()[:n]

        self.hubspot_portal_id = self.config.hubspot_portal_id or 40_000_000 + crng.randrange(9_000_000)
        self.hubspot_app_id = self.config.hubspot_app_id or 1_000_000 + crng.randrange(8_000_000)
        self.salesforce_org_id = "00D" + _base62(crng.getrandbits(60), 12)
        self.clients: dict[str, OAuthClient] = {
            "hubspot": OAuthClient(f"{hexs(8)}-{hexs(4)}-{hexs(4)}-{hexs(4)}-{hexs(12)}", f"{hexs(8)}-{hexs(4)}-"
                                   f"{hexs(4)}-{hexs(4)}-{hexs(12)}"),
            "salesforce": OAuthClient("3MVG9" + _base62(crng.getrandbits(256), 80), hexs(64).upper()),
            "shopify": OAuthClient(hexs(32), "shpss_" + hexs(32)),
        }
        self.hubspot_developer_api_key = f"{hexs(8)}-{hexs(4)}-{hexs(4)}-{hexs(4)}-{hexs(12)}"
        self.tokens = TokenStore(self)
        h = hexs(32)
        self.static_tokens = {
            "hubspot": f"pat-na1-{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}",
            "salesforce": f"{self.salesforce_org_id}!AR" + _base62(crng.getrandbits(512), 80),
            "shopify": "shpat_" + hexs(32),
        }
        for provider, value in self.static_tokens.items():
            self.tokens.issue_access(provider, "static", None, ["*"], None, value=value)

        self.faults = Faults(self, self.config.fault_rules)
        self.limits = RateLimits(self)
        self.requests: Counter[str] = Counter()
        self.webhook_targets: list[dict[str, Any]] = []
        self.webhook_log: deque[dict[str, Any]] = deque(maxlen=1000)
        self.webhook_transport = None  # an httpx transport for every delivery (tests: httpx.ASGITransport(receiver))
        self.pending_consents: dict[str, dict] = {}
        self.internal_errors: list[str] = []  # handler bugs; tests assert this stays empty
        self.on_socket = False  # set by serve(): decides how a `reset` fault breaks the connection

        self.collections: dict[str, dict[str, Collection]] = {
            "hubspot": hubspot.make_collections(),
            "salesforce": salesforce.make_collections(self.salesforce_org_id),
            "shopify": shopify.make_collections(),
        }
        self.modules = {"hubspot": hubspot, "salesforce": salesforce, "shopify": shopify}
        self.hubspot = hubspot.HubSpotState(self)
        self.salesforce = salesforce.SalesforceState(self)
        self.shopify = shopify.ShopifyState(self)
        # Seed data is made per provider on first use (a test of one provider never pays for the others).
        self._generated: set[str] = set()
        self._gen_lock = threading.Lock()

    def ensure_data(self, provider: str | None = None) -> None:
        """Generate the seed data of one provider (or all) now, instead of on first use."""
        for p in (provider,) if provider else PROVIDERS:
            if p in self._generated:
                continue
            with self._gen_lock:
                if p not in self._generated:
                    self._generated.add(p)
                    self.modules[p].generate(self, seed_rng(self.config.seed, p), self.config.records)

    # -- credentials ----------------------------------------------------------------------------------------
    def credentials(self, base_url: str) -> dict[str, Any]:
        """What `sandbox serve` prints: base URL, static tokens and OAuth client credentials per provider."""
        c = self.clients
        return {
            "base_url": base_url,
            "hubspot": {"token": self.static_tokens["hubspot"], "client_id": c["hubspot"].client_id,
                        "client_secret": c["hubspot"].client_secret, "portal_id": self.hubspot_portal_id,
                        "app_id": self.hubspot_app_id, "developer_api_key": self.hubspot_developer_api_key},
            "salesforce": {"token": self.static_tokens["salesforce"], "instance_url": base_url,
                           "client_id": c["salesforce"].client_id, "client_secret": c["salesforce"].client_secret},
            "shopify": {"shop": self.config.shopify_shop, "token": self.static_tokens["shopify"],
                        "client_id": c["shopify"].client_id, "client_secret": c["shopify"].client_secret},
        }

    # -- data access for tests --------------------------------------------------------------------------------
    def collection(self, provider: str, obj: str) -> Collection:
        if provider not in self._generated:
            self.ensure_data(provider)
        try:
            return self.collections[provider][self.modules[provider].canonical_object(obj)]
        except KeyError:
            raise KeyError(f"unknown object {provider}/{obj}") from None

    def records(self, provider: str, obj: str, archived: bool | None = False) -> list[Record]:
        """Records of one object in id order; archived=None gives live and archived/deleted ones."""
        states = (False, True) if archived is None else (archived,)
        return list(self.collection(provider, obj).iter_by_id(states))

    def get(self, provider: str, obj: str, id: str) -> Record | None:
        return self.collection(provider, obj).get(str(id))

    def create(self, provider: str, obj: str, fields: dict[str, Any] | None = None, *, modified: int | None = None,
               created: int | None = None, archived: bool = False, notify: bool = False) -> Record:
        """Create a record with provider-native field names; timestamps in epoch ms default to now."""
        with self.lock:
            rec = self.modules[provider].new_record(self, self.collection(provider, obj), dict(fields or {}),
                                                    created=created, modified=modified)
            if archived:
                self.collection(provider, obj).touch(rec, rec.modified, archived=True, archived_at=rec.modified)
        if notify:
            self.notify(provider, obj, "create", rec)
        return rec

    def create_many(self, provider: str, obj: str, count: int, *, modified: int | None = None,
                    fields: dict[str, Any] | None = None) -> list[Record]:
        """Create `count` generated records at once (e.g. 12,000 HubSpot contacts sharing one lastmodifieddate)."""
        with self.lock:
            return self.modules[provider].bulk_generate(self, obj, count, modified=modified, fields=fields or {})

    def update(self, provider: str, obj: str, id: str, fields: dict[str, Any], *, modified: int | None = None,
               notify: bool = False) -> Record:
        with self.lock:
            coll = self.collection(provider, obj)
            rec = coll.get(str(id))
            if rec is None:
                raise KeyError(f"{provider}/{obj}/{id} not found")
            self.modules[provider].apply_update(self, coll, rec, dict(fields),
                                                modified if modified is not None else self.clock.now_ms())
        if notify:
            self.notify(provider, obj, "update", rec, changed=list(fields))
        return rec

    def edit(self, provider: str, obj: str, id: str, fields: dict[str, Any], *, notify: bool = True) -> Record:
        """A person changes a record in the provider: fields change, the modification time moves to now, and the
        provider's webhooks are queued (deliver them with `await deliver_pending(sb)` or use emit_change)."""
        return self.update(provider, obj, id, fields, notify=notify)

    def archive(self, provider: str, obj: str, id: str, *, at: int | None = None, notify: bool = False) -> Record:
        """Archive (HubSpot), send to the Recycle Bin (Salesforce) or delete (Shopify) one record."""
        with self.lock:
            coll = self.collection(provider, obj)
            rec = coll.get(str(id))
            if rec is None or rec.archived:
                raise KeyError(f"{provider}/{obj}/{id} not found or already archived")
            at = at if at is not None else self.clock.now_ms()
            self.remember_for_search(rec)
            self._hook(provider, "before_archive", coll, rec)
            coll.touch(rec, at, archived=True, archived_at=at)
        if notify:
            self.notify(provider, obj, "delete", rec)
        return rec

    delete = archive

    def restore(self, provider: str, obj: str, id: str, *, at: int | None = None) -> Record:
        with self.lock:
            coll = self.collection(provider, obj)
            rec = coll.get(str(id))
            if rec is None or not rec.archived:
                raise KeyError(f"{provider}/{obj}/{id} not archived")
            coll.touch(rec, at if at is not None else self.clock.now_ms(), archived=False)
            self._hook(provider, "after_restore", coll, rec)
            return rec

    def purge(self, provider: str, obj: str, id: str) -> None:
        with self.lock:
            coll = self.collection(provider, obj)
            rec = coll.get(str(id))
            if rec is not None:
                self._hook(provider, "before_archive", coll, rec)
                coll.purge(rec)

    def _hook(self, provider: str, name: str, coll: Collection, rec: Record) -> None:
        fn = getattr(self.modules[provider], name, None)
        if fn is not None:
            fn(self, coll, rec)

    def render(self, provider: str, obj: str, rec: Record) -> dict[str, Any]:
        """The record as the provider's API shows it (all properties)."""
        return self.modules[provider].render_full(self, obj, rec)

    def state(self, provider: str | None = None, obj: str | None = None, with_records: bool = True,
              ) -> dict[str, Any]:
        """Every record of every object, live and archived/deleted, as the control API's /_sandbox/state
        (with_records=False leaves out the rendered record: ids, flags and timestamps only)."""
        out: dict[str, Any] = {}
        self.ensure_data(provider)
        for p, colls in self.collections.items():
            if provider and p != provider:
                continue
            out[p] = {}
            for name, coll in colls.items():
                if obj and name != self.modules[p].canonical_object(obj):
                    continue
                rows = []
                for r in coll.iter_by_id((False, True)):
                    row = {"id": r.id, "archived": r.archived, "deleted": r.archived, "archived_at": r.archived_at,
                           "created": r.created, "modified": r.modified}
                    if with_records:
                        row["record"] = self.render(p, name, r)
                    rows.append(row)
                out[p][name] = rows
        return out

    def remember_for_search(self, rec: Record, new: bool = False) -> None:
        """Keep the version search still shows while a write is being indexed (hubspot_index_delay)."""
        delay = self.config.hubspot_index_delay
        if delay <= 0:
            return
        now = self.clock.now()
        if now - rec.extra.get("written_at", float("-inf")) >= delay:  # the last write is already indexed
            rec.extra["search_prev"] = None if new else (dict(rec.data), rec.modified, rec.archived)
        rec.extra["written_at"] = now

    # -- counters -----------------------------------------------------------------------------------------------
    def count_request(self, key: str) -> None:
        self.requests[key] += 1

    def request_count(self, contains: str = "") -> int:
        return sum(v for k, v in self.requests.items() if contains in k)

    # -- webhooks -----------------------------------------------------------------------------------------------
    def add_webhook_target(self, provider: str, url: str, **extra) -> dict[str, Any]:
        target = {"provider": provider, "url": url, **extra}
        self.webhook_targets.append(target)
        return target

    def notify(self, provider: str, obj: str, kind: str, rec: Record, changed: list[str] | None = None) -> None:
        from lumio_desktop.sandbox.webhooks import enqueue

        enqueue(self, provider, obj, kind, rec, changed or [])

    def simulate_change(self, provider: str, obj: str | None = None, kind: str | None = None,
                        id: str | None = None) -> dict[str, Any]:
        """One change as if a person made it in the provider, queued as webhooks. Deterministic from the seed."""
        from lumio_desktop.sandbox.webhooks import simulate_change

        return simulate_change(self, provider, obj, kind, id)

    async def emit_change(self, provider: str, obj: str | None = None, kind: str | None = None,
                          id: str | None = None) -> dict[str, Any]:
        """simulate_change, then deliver the queued webhooks now; returns the change with `deliveries`."""
        from lumio_desktop.sandbox.webhooks import deliver_pending

        change = self.simulate_change(provider, obj, kind, id)
        change["deliveries"] = await deliver_pending(self)
        return change


_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _base62(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, 62)
        out.append(_B62[r])
    return "".join(reversed(out))
