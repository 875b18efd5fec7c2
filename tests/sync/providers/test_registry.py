"""build_client: the right client per provider, options from the connection, the field maps' sources requested."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from lumio_desktop.store.models import Connection, Provider
from lumio_desktop.sync.errors import ConfigError
from lumio_desktop.sync.http import StaticTokenAuth
from lumio_desktop.sync.mapping import source_fields
from lumio_desktop.sync.providers.base import ProviderClient
from lumio_desktop.sync.providers.hubspot import HubSpotClient
from lumio_desktop.sync.providers.registry import build_client, make_limiter
from lumio_desktop.sync.providers.salesforce import SalesforceClient
from lumio_desktop.sync.providers.shopify import ShopifyClient
from lumio_desktop.sync.ratelimit import HubSpotLimiter, RateLimiter, ShopifyLimiter

AUTH = StaticTokenAuth("token-" + "x" * 20)


def conn(provider, **kw):
    return Connection(name=f"{provider} test", provider=Provider(provider), base_url=kw.pop("base_url", "http://x"),
                      shop=kw.pop("shop", None), objects=kw.pop("objects", None), settings=kw.pop("settings", None))


async def test_each_provider_gets_its_client_and_limiter():
    for provider, cls, lim in (("hubspot", HubSpotClient, HubSpotLimiter), ("salesforce", SalesforceClient, None),
                               ("shopify", ShopifyClient, ShopifyLimiter)):
        client = build_client(conn(provider, shop="acme.myshopify.com"), AUTH)
        assert isinstance(client, cls) and isinstance(client, ProviderClient)
        if lim is not None:
            assert isinstance(client.http.limiter, lim)
        await client.aclose()


async def test_field_maps_sources_and_connection_extras_are_requested():
    hs = build_client(conn("hubspot", settings={"properties": {"contacts": ["my_custom_prop"]}}), AUTH)
    for obj in ("contacts", "companies", "deals"):
        assert set(source_fields("hubspot", obj)) <= set(hs.properties[obj])
    assert "my_custom_prop" in hs.properties["contacts"] and "email" in hs.properties["contacts"]
    sf = build_client(conn("salesforce", objects=["Lead"]), AUTH)
    assert sf.objects == ("Lead",)
    for obj in ("Account", "Contact", "Lead", "Opportunity"):
        assert set(source_fields("salesforce", obj)) <= set(sf.fields[obj])
    await hs.aclose()
    await sf.aclose()


async def test_options_and_refusals():
    c = build_client(conn("shopify", settings={"page_size": 100, "lookback_seconds": 60,
                                               "rate_limit": {"leak_rate": 20.0, "bucket_size": 80}}), AUTH)
    assert c.page_size == 100 and c.lookback_ms == 60_000
    assert c.http.limiter.bucket("default").rate == 20.0 and c.http.limiter.bucket("default").capacity == 80
    await c.aclose()
    off = make_limiter(conn("hubspot", settings={"rate_limit": {"enabled": False}}))
    assert type(off) is RateLimiter
    with pytest.raises(ConfigError, match="unknown provider"):
        build_client(SimpleNamespace(provider="zoho", base_url="http://x", objects=None, settings={}), AUTH)
    with pytest.raises(ConfigError, match="base URL"):
        build_client(conn("hubspot", base_url=""), AUTH)


async def test_reference_data_is_cached_and_never_fails_the_sync(sandbox_env):
    env = sandbox_env(records=20)
    hs, sf, sh = env.client("hubspot"), env.client("salesforce"), env.client("shopify")
    owners = await hs.reference("owners")
    assert owners and all("email" in o for o in owners.values())
    assert "stages" in next(iter((await hs.reference("pipelines")).values()))
    await hs.reference("owners")
    assert (hs.stats.cache_hits, hs.stats.cache_misses) == (1, 2)
    assert await sf.reference("owners") == {}  # the sandbox has no User object: ids stay ids
    assert (await sh.reference("shop"))["myshopify_domain"] == env.world.config.shopify_shop
    for c in (hs, sf, sh):
        check = await c.precheck()
        assert check.ok and check.account


async def test_a_record_the_client_cannot_read_becomes_a_rejected_row_and_the_page_goes_on(fake_time, fast_retry):
    import httpx

    from lumio_desktop.sync.providers.base import Mode
    from lumio_desktop.sync.ratelimit import RateLimiter

    answers = {
        "hubspot": {"results": [
            {"id": "1", "properties": {"lastmodifieddate": "2024-01-01T00:00:00.000Z"}, "archived": False},
            {"id": "2", "properties": {"lastmodifieddate": "yesterday-ish"}, "archived": False},
            {"properties": {}}]},
        "salesforce": {"totalSize": 2, "done": True, "records": [
            {"attributes": {"type": "Lead"}, "Id": "00Q000000000001AAA", "SystemModstamp": "2024-01-01T00:00:00.000+0000"},
            {"attributes": {"type": "Lead"}, "Id": "00Q000000000002AAA"}]},
        "shopify": {"customers": [{"id": 1, "updated_at": "2024-01-01T00:00:00-04:00"}, {"id": 2}]},
    }
    for provider, obj in (("hubspot", "contacts"), ("salesforce", "Lead"), ("shopify", "customers")):
        def handler(request: httpx.Request, provider=provider) -> httpx.Response:
            if "search" in request.url.path:
                return httpx.Response(200, json={"total": 0, "results": []})
            return httpx.Response(200, json=answers[provider] if "events" not in request.url.path else {"events": []})

        c = build_client(conn(provider), AUTH, transport=httpx.MockTransport(handler), retry=fast_retry,
                         limiter=RateLimiter(sleep=fake_time.sleep, clock=fake_time.clock))
        first = None
        async for page in c.pages(obj, Mode.INITIAL, None):
            first = page
            break
        want = ["00Q000000000001AAA"] if provider == "salesforce" else ["1"]
        assert first is not None and [r.external_id for r in first.records] == want
        assert first.rejected and all("cannot read" in reason for _raw, reason in first.rejected)
        await c.aclose()


async def test_full_reads_carry_the_provider_total_for_progress(sandbox_env):
    from lumio_desktop.sync.providers.base import Mode

    env = sandbox_env(records=120)
    w = env.world
    for provider, obj, archived in (("hubspot", "contacts", False), ("salesforce", "Lead", None),
                                    ("shopify", "customers", False)):
        c = env.client(provider)
        async for page in c.pages(obj, Mode.INITIAL, None):
            assert page.total == len(w.records(provider, obj, archived=archived)), provider
            break
        await c.aclose()


async def test_clients_of_one_auth_object_share_one_limiter():
    a, b = StaticTokenAuth("a" * 20), StaticTokenAuth("b" * 20)
    c1, c2, c3 = (build_client(conn("shopify"), auth) for auth in (a, a, b))
    assert c1.http.limiter is c2.http.limiter  # the next job of the connection keeps what the headers taught
    assert c3.http.limiter is not c1.http.limiter
    c1.http.limiter.pause(30)
    assert c2.http.limiter.paused_until == c1.http.limiter.paused_until
    for c in (c1, c2, c3):
        await c.aclose()
