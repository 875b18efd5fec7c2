"""The per-connection limiter: pacing below rolling windows, learning from headers, pausing after 429."""

from __future__ import annotations

from collections import deque

import httpx
import pytest

from lumio_desktop.sync.errors import FatalError
from lumio_desktop.sync.ratelimit import (
    HubSpotLimiter,
    SalesforceLimiter,
    ShopifyLimiter,
    window_bucket,
)


def resp(headers: dict[str, str], status: int = 200) -> httpx.Response:
    return httpx.Response(status, headers=headers)


async def _send_many(limiter, fake_time, n: int, names=("default",)) -> list[float]:
    times = []
    for _ in range(n):
        await limiter.acquire(names)
        times.append(fake_time.now)
    return times


def _max_in_window(times: list[float], window: float) -> int:
    q: deque[float] = deque()
    worst = 0
    for t in times:
        q.append(t)
        while q and t - q[0] >= window:
            q.popleft()
        worst = max(worst, len(q))
    return worst


async def test_hubspot_burst_pacing_never_exceeds_the_rolling_window(fake_time):
    lim = HubSpotLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    times = await _send_many(lim, fake_time, 1000)
    assert _max_in_window(times, 10.0) <= 100
    rate = len(times) / (times[-1] - times[0])
    assert rate >= 0.95 * 10  # at least 95% of 100 requests / 10 s


async def test_hubspot_search_pacing_stays_within_four_per_second(fake_time):
    lim = HubSpotLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    times = await _send_many(lim, fake_time, 200, names=("search", "default"))
    assert _max_in_window(times, 1.0) <= 4


async def test_hubspot_learns_from_headers_and_turns_off_without_them(fake_time):
    lim = HubSpotLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    lim.observe(resp({}))  # an unthrottled server: no rate-limit headers at all
    times = await _send_many(lim, fake_time, 500)
    assert times[-1] == times[0]  # no pacing
    lim.observe(resp({"X-HubSpot-RateLimit-Max": "190", "X-HubSpot-RateLimit-Remaining": "0",
                      "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"}))
    b = lim.bucket("default")
    assert b.enabled and b.learned and b.rate == pytest.approx(window_bucket(190, 10.0).rate)
    start = fake_time.now
    await lim.acquire()
    assert fake_time.now > start  # Remaining 0: wait for the window to free a slot


async def test_hubspot_daily_remaining_zero_stops_before_sending(fake_time):
    lim = HubSpotLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    lim.observe(resp({"X-HubSpot-RateLimit-Daily-Remaining": "0", "X-HubSpot-RateLimit-Max": "100",
                      "X-HubSpot-RateLimit-Remaining": "50"}))
    with pytest.raises(FatalError, match="daily"):
        await lim.acquire()


async def test_shopify_leaky_bucket_follows_the_call_limit_header(fake_time):
    lim = ShopifyLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    lim.observe(resp({"X-Shopify-Shop-Api-Call-Limit": "39/40"}))
    start = fake_time.now
    await lim.acquire()
    assert fake_time.now - start == pytest.approx(0.5)  # one slot of headroom kept: wait for one to leak at 2/s
    times = await _send_many(lim, fake_time, 100)
    assert (times[-1] - times[0]) / 99 == pytest.approx(0.5)  # steady state at the leak rate


async def test_shopify_bucket_off_when_the_shop_sends_no_header(fake_time):
    lim = ShopifyLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    lim.observe(resp({}))
    times = await _send_many(lim, fake_time, 300)
    assert times[-1] == times[0]
    lim.pause(2.0)  # a 429 proves limits exist after all
    await lim.acquire()
    assert fake_time.now - times[-1] >= 2.0


async def test_shopify_graphql_cost_sets_the_points_bucket(fake_time):
    lim = ShopifyLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    lim.observe_graphql_cost({"requestedQueryCost": 252, "actualQueryCost": 12, "throttleStatus": {
        "maximumAvailable": 1000.0, "currentlyAvailable": 100.0, "restoreRate": 50.0}})
    start = fake_time.now
    await lim.acquire(("graphql",), cost=250)
    assert fake_time.now - start == pytest.approx(3.0)  # 150 missing points at 50/s


async def test_salesforce_stops_near_the_daily_allocation(fake_time):
    lim = SalesforceLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    lim.observe(resp({"Sforce-Limit-Info": "api-usage=18/5000"}))
    await lim.acquire()
    lim.observe(resp({"Sforce-Limit-Info": "api-usage=4999/5000; api-bursts=1/750"}))
    with pytest.raises(FatalError, match="4999 of 5000"):
        await lim.acquire()


@pytest.mark.parametrize(("limit", "window"), [(100, 10.0), (4, 1.0), (20, 2.0), (190, 10.0), (110, 10.0)])
async def test_window_buckets_use_most_of_the_limit_and_never_exceed_it(fake_time, limit, window):
    b = window_bucket(limit, window, clock=fake_time.clock)
    assert b.capacity + int(b.rate * window) <= limit
    assert b.rate * window >= 0.9 * limit
    lim = HubSpotLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    lim.buckets = {"default": b}
    times = await _send_many(lim, fake_time, 400)
    assert _max_in_window(times, window) <= limit
