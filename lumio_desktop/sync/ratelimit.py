"""A rate limiter per connection: token buckets with the provider's documented defaults, corrected by the
rate-limit headers each provider sends, so a steady sync paces itself below the limit instead of meeting 429s.

Public API:
- `TokenBucket(rate, capacity)`: a reservation bucket (a caller takes its tokens at once and waits for the deficit,
  so concurrent callers queue fairly without polling). `rate=None` means unlimited.
- `RateLimiter`: named buckets shared by every object type of one connection. `await acquire(names, cost)`,
  `observe(response, names)` (provider-specific header reading), `pause(seconds)` after a 429 (everyone waits),
  `check()` raises when the provider said the allocation is used up.
- `hubspot_limiter()`, `salesforce_limiter()`, `shopify_limiter()`: the per-provider policies (see each docstring).

Why the bucket sizes: for a rolling window of N requests per W seconds, a bucket of capacity C filling at r/s lets
at most C + floor(r*W) requests into any window, so we pick C = 3% of N (at least 1) and r*W a little below
N - C + 1. That gives 96% of HubSpot's 100 per 10 s (9.6/s) and 90% of its 4 searches per second (3.6/s) and, by
construction, no 429 in steady state.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import httpx

from lumio_desktop.sync.errors import FatalError
from lumio_desktop.sync.providers import words

Sleep = Callable[[float], Awaitable[Any]]
SAFETY = 0.97


class TokenBucket:
    __slots__ = ("rate", "capacity", "tokens", "updated", "learned", "enabled", "_clock")

    def __init__(self, rate: float | None, capacity: float, *, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.capacity = max(1.0, float(capacity))
        self.tokens = self.capacity
        self._clock = clock
        self.updated = clock()
        self.learned = False  # True once a header told us the provider's real numbers
        self.enabled = rate is not None

    def _refill(self, now: float) -> None:
        if self.rate:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def reserve(self, cost: float = 1.0) -> float:
        """Take `cost` tokens now; return how long the caller must wait before sending (0 when it may go)."""
        if not self.enabled or not self.rate:
            return 0.0
        now = self._clock()
        self._refill(now)
        self.tokens -= cost
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate

    def configure(self, *, rate: float | None = None, capacity: float | None = None) -> None:
        now = self._clock()
        self._refill(now)
        if rate is not None:
            self.rate = rate
        if capacity is not None:
            self.capacity = max(1.0, float(capacity))
            self.tokens = min(self.tokens, self.capacity)
        self.enabled = bool(self.rate)

    def clamp(self, available: float) -> None:
        """The provider says only `available` calls are left in its window: never believe we have more."""
        self._refill(self._clock())
        if available < self.tokens:
            self.tokens = available


def window_bucket(limit: float, window_s: float, *, clock: Callable[[], float] = time.monotonic) -> TokenBucket:
    """A bucket that never lets more than `limit` requests into any rolling `window_s` (see the module doc)."""
    capacity = max(1.0, round(limit * (1.0 - SAFETY)))
    # A full bucket sends C at once, then one every 1/r: at most C + floor(r*W) land in any window, so r*W must stay
    # below N - C + 1. The margin keeps 2% of N, and at least 0.1 s, of slack for requests that arrive late.
    margin = max(0.2, 0.02 * limit, 0.1 * limit / window_s)
    rate = max(limit - capacity + 1.0 - margin, 0.5) / window_s
    return TokenBucket(rate, capacity, clock=clock)


class RateLimiter:
    """The buckets of one connection. Subclasses read their provider's headers in `observe`."""

    provider = "generic"

    def __init__(self, buckets: dict[str, TokenBucket] | None = None, *, sleep: Sleep = asyncio.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.buckets = buckets or {}
        self.sleep = sleep
        self.clock = clock
        self.paused_until = 0.0
        self.waited = 0.0  # seconds spent waiting in acquire (a metric for benchmarks)

    def bucket(self, name: str) -> TokenBucket | None:
        return self.buckets.get(name)

    async def acquire(self, names: Iterable[str] = ("default",), cost: float = 1.0) -> None:
        self.check()
        wait = 0.0
        for name in names:
            b = self.buckets.get(name)
            if b is not None:
                wait = max(wait, b.reserve(cost))
        pause = self.paused_until - self.clock()
        wait = max(wait, pause)
        if wait > 0:
            self.waited += wait
            await self.sleep(wait)

    def pause(self, seconds: float) -> None:
        """After a 429 every request of the connection waits, not just the one that was refused."""
        self.paused_until = max(self.paused_until, self.clock() + max(0.0, seconds))
        for b in self.buckets.values():
            if b.rate:
                b.enabled = True  # a 429 proves the provider limits us even if its headers were silent
                b.tokens = min(b.tokens, 0.0)

    def observe(self, response: httpx.Response, names: Iterable[str] = ("default",)) -> None:
        """Adjust the buckets from a response's headers (default: nothing to read)."""

    def check(self) -> None:
        """Raise before sending when the provider said its allocation is used up."""


# -- HubSpot ------------------------------------------------------------------------------------------------
class HubSpotLimiter(RateLimiter):
    """HubSpot: a rolling burst window per account (private apps Free/Starter 100 per 10 s, OAuth apps 110 per
    10 s) plus search at 4 requests/second per token (CONTRACTS 1.3, 1.5).

    Headers read: `X-HubSpot-RateLimit-Max` / `-Remaining` / `-Interval-Milliseconds` (the sliding window) and
    `X-HubSpot-RateLimit-Secondly` / `-Secondly-Remaining`; `-Daily-Remaining` of 0 stops the job before it sends.
    Search answers carry no rate-limit headers, so the search bucket keeps its documented default. When a
    non-search response carries no rate-limit header at all the provider is not limiting us (e.g. an unthrottled
    sandbox) and the burst bucket is switched off until a header or a 429 says otherwise.
    """

    provider = "hubspot"

    def __init__(self, *, burst: int = 100, window_s: float = 10.0, search_rps: float = 4.0, **kw):
        clock = kw.get("clock", time.monotonic)
        super().__init__({"default": window_bucket(burst, window_s, clock=clock),
                          "search": window_bucket(search_rps, 1.0, clock=clock)}, **kw)
        self.daily_remaining: int | None = None
        self._shape: tuple[int, float] | None = None

    def observe(self, response: httpx.Response, names: Iterable[str] = ("default",)) -> None:
        h = response.headers
        b = self.buckets["default"]
        mx = h.get("x-hubspot-ratelimit-max")
        interval = h.get("x-hubspot-ratelimit-interval-milliseconds")
        remaining = h.get("x-hubspot-ratelimit-remaining")
        if mx is None and h.get("x-hubspot-ratelimit-secondly") is not None:
            # Legacy headers: a per-second figure. Treat it as a 1-second window.
            mx, interval, remaining = h.get("x-hubspot-ratelimit-secondly"), "1000", h.get(
                "x-hubspot-ratelimit-secondly-remaining")
        daily = h.get("x-hubspot-ratelimit-daily-remaining")
        if daily is not None and daily.isdigit():
            self.daily_remaining = int(daily)
        if mx is None:
            if response.status_code < 400 and not b.learned:
                b.enabled = False
            return
        try:
            limit, window = int(mx), int(interval or 10000) / 1000.0
        except ValueError:
            return
        if self._shape != (limit, window) and limit > 0 and window > 0:
            fresh = window_bucket(limit, window, clock=self.clock)
            b.configure(rate=fresh.rate, capacity=fresh.capacity)
            self._shape = (limit, window)
        b.learned = True
        b.enabled = True
        if remaining is not None and remaining.lstrip("-").isdigit():
            b.clamp(int(remaining) - 1)

    def check(self) -> None:
        if self.daily_remaining is not None and self.daily_remaining <= 0:
            raise FatalError(words.HUBSPOT_DAILY_USED(), provider_code="DAILY")


# -- Salesforce ---------------------------------------------------------------------------------------------
_SF_USAGE = re.compile(r"api-usage=(\d+)/(\d+)")


class SalesforceLimiter(RateLimiter):
    """Salesforce has no per-second limit for REST, only a rolling 24 h allocation shown on every response as
    `Sforce-Limit-Info: api-usage=used/max`. Nothing is paced; `check()` stops the job before it burns the last
    calls of the org (other integrations share them) once usage reaches `stop_fraction` of the allocation."""

    provider = "salesforce"

    def __init__(self, *, stop_fraction: float = 0.98, **kw):
        super().__init__({}, **kw)
        self.used: int | None = None
        self.max: int | None = None
        self.stop_fraction = stop_fraction

    def observe(self, response: httpx.Response, names: Iterable[str] = ("default",)) -> None:
        info = response.headers.get("sforce-limit-info")
        if info:
            m = _SF_USAGE.search(info)
            if m:
                self.used, self.max = int(m.group(1)), int(m.group(2))

    def check(self) -> None:
        if self.used is not None and self.max and self.used >= self.max * self.stop_fraction:
            raise FatalError(words.SALESFORCE_NEARLY_USED(n_used=self.used, n_max=self.max),
                             provider_code="REQUEST_LIMIT_EXCEEDED")


# -- Shopify ------------------------------------------------------------------------------------------------
_CALL_LIMIT = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class ShopifyLimiter(RateLimiter):
    """Shopify REST: a leaky bucket per app and store, 40 calls that leak at 2/s on Standard plans (4, 20, 40 on
    larger plans: `leak_rate`). `X-Shopify-Shop-Api-Call-Limit: used/size` tells the level after each call; we
    keep our own bucket at or below what the shop says is free, so we never overflow it.

    GraphQL: cost points; `observe_graphql_cost(extensions.cost)` sets the "graphql" bucket from throttleStatus
    (maximumAvailable, currentlyAvailable, restoreRate). The customers client uses REST; this is ready for any
    GraphQL call and is tested on its own.
    """

    provider = "shopify"

    def __init__(self, *, bucket_size: int = 40, leak_rate: float = 2.0, graphql_max: float = 1000.0,
                 graphql_restore: float = 100.0, **kw):
        clock = kw.get("clock", time.monotonic)
        super().__init__({"default": TokenBucket(leak_rate, bucket_size, clock=clock),
                          "graphql": TokenBucket(graphql_restore, graphql_max, clock=clock)}, **kw)

    def observe(self, response: httpx.Response, names: Iterable[str] = ("default",)) -> None:
        b = self.buckets["default"]
        raw = response.headers.get("x-shopify-shop-api-call-limit")
        m = _CALL_LIMIT.match(raw) if raw else None
        if not m:
            if response.status_code < 400 and not b.learned:
                b.enabled = False  # no header: this shop (or sandbox) does not limit us
            return
        used, size = int(m.group(1)), int(m.group(2))
        if size != b.capacity:
            b.configure(capacity=size)
        b.learned = True
        b.enabled = True
        b.clamp(size - used - 1)  # keep one slot of headroom for a request another task has in flight

    def observe_graphql_cost(self, cost: dict[str, Any] | None) -> None:
        status = (cost or {}).get("throttleStatus") or {}
        b = self.buckets["graphql"]
        try:
            mx = float(status["maximumAvailable"])
            restore = float(status["restoreRate"])
            available = float(status["currentlyAvailable"])
        except (KeyError, TypeError, ValueError):
            return
        b.configure(rate=restore, capacity=mx)
        b.learned = True
        b.clamp(available)


def hubspot_limiter(**kw) -> HubSpotLimiter:
    return HubSpotLimiter(**kw)


def salesforce_limiter(**kw) -> SalesforceLimiter:
    return SalesforceLimiter(**kw)


def shopify_limiter(**kw) -> ShopifyLimiter:
    return ShopifyLimiter(**kw)
