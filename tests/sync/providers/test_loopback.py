"""The clients over a real loopback socket (uvicorn), where a reset is a dropped TCP connection."""

from __future__ import annotations

from types import SimpleNamespace

from lumio_desktop.sandbox import SandboxConfig, serve
from lumio_desktop.sync.http import StaticTokenAuth
from lumio_desktop.sync.providers.base import Mode
from lumio_desktop.sync.providers.registry import build_client
from lumio_desktop.sync.ratelimit import hubspot_limiter, shopify_limiter

from .conftest import read_all


async def test_hubspot_and_shopify_over_a_socket_with_resets(fake_time, fast_retry):
    async with serve(SandboxConfig.for_tests(records=400)) as running:
        w = running.sandbox
        fake_time.worlds.append(w)
        w.faults.add("*", "reset", rate=0.2, count=4)
        w.faults.add("*", "503", rate=0.2, count=2)
        for provider, obj, limiter in (("hubspot", "contacts", hubspot_limiter), ("shopify", "customers",
                                                                                  shopify_limiter)):
            header = "X-Shopify-Access-Token" if provider == "shopify" else "Authorization"
            conn = SimpleNamespace(provider=provider, base_url=running.base_url, objects=None, settings={}, shop=None)
            client = build_client(conn, StaticTokenAuth(w.static_tokens[provider], header=header), retry=fast_retry,
                                  limiter=limiter(sleep=fake_time.sleep, clock=fake_time.clock),
                                  **({"page_size": 50} if provider == "shopify" else {}))
            records, state, _ = await read_all(client, obj, Mode.INITIAL)
            want = {r.id for r in w.records(provider, obj)}
            got = [r.external_id for r in records if not r.deleted]
            assert len(got) == len(set(got)) and set(got) == want
            assert state["phase"] == "done"
            await client.aclose()
        assert sum(r.fired for r in w.faults.rules if r.kind == "reset") >= 1
        assert not w.internal_errors


async def test_hubspot_steady_sync_under_the_burst_limit_sees_no_429(fake_time, fast_retry):
    cfg = SandboxConfig.for_tests(records=3000, rate_limits=True, hubspot_burst_limit=20, hubspot_burst_window=2.0)
    async with serve(cfg) as running:
        w = running.sandbox
        fake_time.worlds.append(w)
        conn = SimpleNamespace(provider="hubspot", base_url=running.base_url, objects=None, settings={}, shop=None)
        client = build_client(conn, StaticTokenAuth(w.static_tokens["hubspot"]), retry=fast_retry,
                              limiter=hubspot_limiter(sleep=fake_time.sleep, clock=fake_time.clock), list_limit=50)
        start = fake_time.now
        records, _, _ = await read_all(client, "contacts", Mode.INITIAL)
        assert len({r.external_id for r in records}) == len(w.records("hubspot", "contacts", archived=None))
        assert client.stats.rate_limited == 0 and w.limits.hubspot_429s == 0
        per_s = client.stats.api_calls / (fake_time.now - start)
        assert per_s >= 0.9 * 20 / 2.0  # paced close to the limit, not far below it
        await client.aclose()


async def test_hubspot_search_paced_below_four_per_second_sees_no_429(fake_time, fast_retry):
    cfg = SandboxConfig.for_tests(records=200, rate_limits=True)
    async with serve(cfg) as running:
        w = running.sandbox
        fake_time.worlds.append(w)
        conn = SimpleNamespace(provider="hubspot", base_url=running.base_url, objects=None, settings={}, shop=None)
        client = build_client(conn, StaticTokenAuth(w.static_tokens["hubspot"]), retry=fast_retry,
                              limiter=hubspot_limiter(sleep=fake_time.sleep, clock=fake_time.clock), search_limit=50)
        _, state, _ = await read_all(client, "contacts", Mode.INITIAL)
        t = w.clock.now_ms() + 60_000
        for n in range(40):
            w.create_many("hubspot", "contacts", 25, modified=t + n * 1000)
        start = fake_time.now
        records, _, _ = await read_all(client, "contacts", Mode.INCREMENTAL, state)
        assert len({r.external_id for r in records}) >= 1000
        assert client.stats.rate_limited == 0 and w.limits.hubspot_429s == 0
        assert w.request_count("/search") / (fake_time.now - start) >= 3.0
        await client.aclose()
