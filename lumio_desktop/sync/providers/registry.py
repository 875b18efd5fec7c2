"""Build the right provider client for a connection.

    client = build_client(connection, auth, transport=None)       # -> HubSpotClient | SalesforceClient | ShopifyClient
    async for page in client.pages("contacts", Mode.INCREMENTAL, saved_state): ...
    await client.aclose()

- `connection`: a `lumio_desktop.store.models.Connection` (or anything with `provider`, `base_url`, `objects`,
  `settings`, `shop`). `base_url` is the real host or the sandbox: HubSpot `https://api.hubapi.com`, Salesforce the
  instance URL, Shopify `https://{shop}.myshopify.com`.
- `auth`: an object with `async auth_headers()` and `async on_unauthorized(response)` (see `sync.http.Auth`):
  `ConnectionService.auth_for(connection.id)` in the app, `StaticTokenAuth` in tests. The auth object picks the
  header (Shopify's is `X-Shopify-Access-Token`).
- `transport`: an httpx transport, e.g. `httpx.ASGITransport(sandbox_app)` in tests; None for real sockets.
- `retry`, `stats`, `timeout`, `limiter`: optional overrides (tests pass a `RetryPolicy` with tiny delays). Without
  `limiter`, clients built with the same auth object (the app keeps one per connection) share one limiter.
- Options from `connection.settings` (all optional, overridable by keyword): `lookback_seconds` (300),
  `api_version` (Salesforce "59.0", Shopify "2025-01"), `properties` (HubSpot {object: [names]}), `fields`
  (Salesforce {object: [names]}) - requested beside the defaults and beside what the field maps read
  (`sync.mapping.source_fields`), `list_limit` / `search_limit` (HubSpot page sizes, 100 / 200), `page_size`
  (Salesforce 2000, Shopify 250), `archived_scan_seconds` (HubSpot: read the whole archived listing at most this often; 0 = every
  run, the default), `rate_limit` ({"burst": 100, "window_s": 10, "search_rps": 4} for HubSpot;
  {"bucket_size": 40, "leak_rate": 2.0} for Shopify, e.g. 20.0 on Shopify Plus; {"enabled": false} turns pacing
  off, for a sandbox started without limits: it still sends rate-limit headers, which the limiter would obey).
"""

from __future__ import annotations

import json
import weakref
from typing import Any
from urllib.parse import urlsplit

import httpx

from lumio_desktop.auth.words import UNKNOWN_PROVIDER
from lumio_desktop.sync.errors import ConfigError
from lumio_desktop.sync.http import Auth, ProviderHttp, RetryPolicy
from lumio_desktop.sync.providers import hubspot, salesforce, shopify, words
from lumio_desktop.sync.providers.base import CallStats, ProviderClient
from lumio_desktop.sync.ratelimit import RateLimiter, hubspot_limiter, salesforce_limiter, shopify_limiter

PROVIDERS = ("hubspot", "salesforce", "shopify")


def make_limiter(connection: Any, *, sleep: Any = None, **options: Any) -> RateLimiter:
    """The limiter `build_client` would make. Keep one per connection and pass it as `limiter=` to every client of
    that connection (successive jobs then share what the provider's headers taught, and a 429's pause)."""
    provider = str(getattr(connection.provider, "value", connection.provider)).lower()
    rate = dict({**(connection.settings or {}), **options}.get("rate_limit") or {})
    kw = {"sleep": sleep} if sleep is not None else {}
    if rate.pop("enabled", True) is False and provider != "salesforce":
        # No pacing (a sandbox started without limits advertises headers it does not enforce): 429s still pause.
        return RateLimiter(**kw)
    factory = {"hubspot": hubspot_limiter, "salesforce": salesforce_limiter, "shopify": shopify_limiter}[provider]
    return factory(**kw, **rate)


# One limiter per connection across jobs: keyed on the auth object, which the app keeps one of per connection
# (`ConnectionService.auth_for`), so what the headers taught and a 429's pause outlive a job; a new auth object (a
# test, a reconnect) starts fresh, and nothing keeps an auth object alive.
_LIMITERS: weakref.WeakKeyDictionary[Any, dict[tuple, RateLimiter]] = weakref.WeakKeyDictionary()


def _shared_limiter(connection: Any, auth: Auth, retry: RetryPolicy, options: dict[str, Any]) -> RateLimiter:
    rate = {**(connection.settings or {}), **options}.get("rate_limit") or {}
    key = (str(getattr(connection.provider, "value", connection.provider)), connection.base_url,
           json.dumps(rate, sort_keys=True, default=str), id(retry.sleep))
    try:
        per_auth = _LIMITERS.setdefault(auth, {})
    except TypeError:  # an auth object that cannot be weakly referenced: no sharing
        return make_limiter(connection, sleep=retry.sleep, **options)
    limiter = per_auth.get(key)
    if limiter is None:
        limiter = per_auth[key] = make_limiter(connection, sleep=retry.sleep, **options)
    return limiter


def build_client(connection: Any, auth: Auth, *, transport: httpx.AsyncBaseTransport | None = None,
                 retry: RetryPolicy | None = None, stats: CallStats | None = None,
                 timeout: httpx.Timeout | float | None = None, limiter: RateLimiter | None = None,
                 **options: Any) -> ProviderClient:
    provider = str(getattr(connection.provider, "value", connection.provider)).lower()
    if provider not in PROVIDERS:
        raise ConfigError(UNKNOWN_PROVIDER(provider=repr(provider), choices=", ".join(PROVIDERS)))
    if not connection.base_url:
        raise ConfigError(words.NO_BASE_URL(provider=provider))
    opts = {**(connection.settings or {}), **options}
    objects = connection.objects or None
    lookback = float(opts.get("lookback_seconds", 300.0))
    retry = retry or RetryPolicy()
    if limiter is None:
        limiter = _shared_limiter(connection, auth, retry, options)
    table = {"hubspot": hubspot.ERRORS, "salesforce": salesforce.ERRORS, "shopify": shopify.ERRORS}[provider]
    if timeout is None and provider == "salesforce":
        timeout = httpx.Timeout(120.0, connect=10.0)  # a large SOQL page can take a while to start answering
    http = ProviderHttp(provider=provider, base_url=connection.base_url, auth=auth, table=table, limiter=limiter,
                        stats=stats, transport=transport, retry=retry, timeout=timeout)
    client = _make(provider, http, objects, opts, lookback)
    portal = (connection.settings or {}).get("portal_id")
    host = urlsplit(connection.base_url).hostname
    client.account_hint = {"hubspot": str(portal) if portal else None, "salesforce": host,
                           "shopify": getattr(connection, "shop", None) or host}[provider]
    return client


def _wanted(provider: str, objects: Any, extra: dict[str, list[str]] | None) -> dict[str, list[str]]:
    """What each object's field map reads, plus a connection's own extra fields: requested beside the defaults."""
    from lumio_desktop.sync.mapping import source_fields

    out: dict[str, list[str]] = {}
    for obj in objects:
        try:
            mapped = source_fields(provider, obj)
        except KeyError:  # no map for this object (yet): the defaults alone
            mapped = []
        out[obj] = list(dict.fromkeys([*mapped, *((extra or {}).get(obj) or [])]))
    return out


def _make(provider: str, http: ProviderHttp, objects: Any, opts: dict[str, Any], lookback: float) -> Any:
    if provider == "hubspot":
        props = _wanted(provider, hubspot.OBJECTS, opts.get("properties"))
        return hubspot.HubSpotClient(http, objects=objects, properties=props, lookback_s=lookback,
                                     list_limit=int(opts.get("list_limit", hubspot.LIST_LIMIT)),
                                     search_limit=int(opts.get("search_limit", hubspot.SEARCH_LIMIT)),
                                     archived_every_s=float(opts.get("archived_scan_seconds", 0.0)))
    if provider == "salesforce":
        return salesforce.SalesforceClient(http, objects=objects, api_version=str(opts.get("api_version", "59.0")),
                                           fields=_wanted(provider, salesforce.OBJECTS, opts.get("fields")),
                                           lookback_s=lookback, page_size=int(opts.get("page_size", salesforce.PAGE)))
    return shopify.ShopifyClient(http, objects=objects, api_version=str(opts.get("api_version", "2025-01")),
                                 lookback_s=lookback, page_size=int(opts.get("page_size", shopify.PAGE)))
