"""The receiver over a real loopback socket: signatures, stale and replayed requests, duplicates, coalescing."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from lumio_desktop.auth.vault import Credentials, TokenVault
from lumio_desktop.store.models import Provider
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.webhooks import (
    WebhookReceiver,
    hubspot_objects,
    hubspot_v3_signature,
    shopify_signature,
)
from tests.background.conftest import add_connection, until

SECRET = "hs-app-secret"
SHOP_SECRET = "shop-app-secret"


@pytest.fixture
def vault(memory_keyring):
    return TokenVault(memory_keyring)


@pytest.fixture
def conns(store, vault):
    hs = add_connection(store, name="hs", settings={"portal_id": 4242})
    sh = add_connection(store, name="shop", provider=Provider.SHOPIFY, shop="lumio-test.myshopify.com")
    vault.set(hs, Credentials(access_token="a", client_secret=SECRET))
    vault.set(sh, Credentials(access_token="b", client_secret=SHOP_SECRET))
    return hs, sh


@pytest.fixture
async def receiver(store, settings, vault, conns):
    settings = settings.model_copy(update={"webhook_port": 0})
    batches: list[tuple[int, dict]] = []
    r = WebhookReceiver(store, settings, vault=vault, dispatch=lambda cid, b: batches.append((cid, b)),
                        hub=EventHub(), debounce=0.05)
    r.batches = batches
    await r.start()
    yield r
    await r.aclose()


def hs_event(obj_id, event_id=1, sub="contact.propertyChange", portal=4242, **kw):
    return {"eventId": event_id, "subscriptionId": 77, "portalId": portal, "appId": 1, "occurredAt": 1700000000000 + event_id,
            "subscriptionType": sub, "attemptNumber": 0, "objectId": obj_id, "propertyName": "firstname",
            "propertyValue": "Jane", "changeSource": "CRM_UI", **kw}


async def post_hubspot(client, url, events, *, secret=SECRET, ts=None, signed_url=None, sig=None):
    body = json.dumps(events)
    ts = str(ts if ts is not None else int(time.time() * 1000))
    full = url + "/webhooks/hubspot"
    sig = sig or hubspot_v3_signature(secret, "POST", signed_url or full, body, ts)
    return await client.post(full, content=body, headers={
        "Content-Type": "application/json", "X-HubSpot-Signature-v3": sig, "X-HubSpot-Signature-Version": "v3",
        "X-HubSpot-Request-Timestamp": ts,
    }), sig, ts, body


async def post_shopify(client, url, payload, *, secret=SHOP_SECRET, webhook_id="w-1", topic="customers/update",
                       shop="lumio-test.myshopify.com"):
    body = json.dumps(payload).encode()
    return await client.post(url + "/webhooks/shopify", content=body, headers={
        "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": shopify_signature(secret, body),
        "X-Shopify-Shop-Domain": shop, "X-Shopify-Topic": topic, "X-Shopify-Webhook-Id": webhook_id,
        "X-Shopify-API-Version": "2025-01",
    })


async def test_hubspot_signed_events_are_coalesced_per_connection(receiver, conns):
    hs, _ = conns
    async with httpx.AsyncClient() as client:
        r, *_ = await post_hubspot(client, receiver.url, [hs_event(11, 1), hs_event(11, 2), hs_event(12, 3),
                                                          hs_event(5, 4, sub="company.creation"),
                                                          hs_event(13, 5, sub="deal.deletion")])
        assert r.status_code == 200 and r.json() == {"accepted": 5, "duplicates": 0, "ignored": 0}
    await until(lambda: receiver.batches)
    await asyncio.sleep(0.1)
    assert receiver.batches == [(hs, {"contacts": ["11", "12"], "companies": ["5"], "deals": ["13"]})]


async def test_hubspot_forged_stale_and_replayed_requests_are_refused(receiver, caplog):
    async with httpx.AsyncClient() as client:
        r, *_ = await post_hubspot(client, receiver.url, [hs_event(1)], secret="not-the-secret")
        assert r.status_code == 401 and r.json()["error"] == "bad signature"
        old = int(time.time() * 1000) - 5 * 60 * 1000 - 1000
        r, *_ = await post_hubspot(client, receiver.url, [hs_event(2, 2)], ts=old)
        assert r.status_code == 401 and "older than 5 minutes" in r.json()["error"]
        r, sig, ts, body = await post_hubspot(client, receiver.url, [hs_event(3, 3)])
        assert r.status_code == 200
        replay = await client.post(receiver.url + "/webhooks/hubspot", content=body, headers={
            "X-HubSpot-Signature-v3": sig, "X-HubSpot-Request-Timestamp": ts})
        assert replay.status_code == 401 and "replayed" in replay.json()["error"]
        # A body changed under a valid signature is a forgery too.
        tampered = await client.post(receiver.url + "/webhooks/hubspot", content=body.replace("3", "4"), headers={
            "X-HubSpot-Signature-v3": sig, "X-HubSpot-Request-Timestamp": ts})
        assert tampered.status_code == 401
        r = await client.post(receiver.url + "/webhooks/hubspot", content=b"[]")
        assert r.status_code == 401
    await asyncio.sleep(0.1)
    assert [b for _, b in receiver.batches] == [{"contacts": ["3"]}]  # only the genuine one
    assert receiver.stats["hubspot_refused"] == 5
    assert "refused a hubspot webhook" in caplog.text and SECRET not in caplog.text


async def test_hubspot_retry_with_the_same_events_is_dropped_as_duplicates(receiver):
    async with httpx.AsyncClient() as client:
        await post_hubspot(client, receiver.url, [hs_event(1, 9)])
        await asyncio.sleep(0.002)
        r, *_ = await post_hubspot(client, receiver.url, [hs_event(1, 9)], ts=int(time.time() * 1000) + 1)
    assert r.status_code == 200 and r.json()["duplicates"] == 1
    await until(lambda: receiver.batches)


async def test_hubspot_signature_over_the_public_tunnel_url(store, settings, vault, conns):
    settings = settings.model_copy(update={"webhook_port": 0, "webhook_public_url": "https://abc.tunnel.example"})
    batches = []
    r = WebhookReceiver(store, settings, vault=vault, dispatch=lambda cid, b: batches.append(b), debounce=0.01)
    await r.start()
    try:
        async with httpx.AsyncClient() as client:
            resp, *_ = await post_hubspot(client, r.url, [hs_event(1)],
                                          signed_url="https://abc.tunnel.example/webhooks/hubspot")
            assert resp.status_code == 200
            # ngrok and cloudflared keep the public Host header: that URL verifies even without the setting.
            resp, *_ = await post_hubspot(client, r.url, [hs_event(2, 2)],
                                          signed_url="https://other.example/webhooks/hubspot")
            assert resp.status_code == 401
    finally:
        await r.aclose()


async def test_shopify_hmac_duplicates_and_unknown_shops(receiver, conns):
    _, sh = conns
    async with httpx.AsyncClient() as client:
        r = await post_shopify(client, receiver.url, {"id": 207119551, "email": "a@b.c"})
        assert r.status_code == 200 and r.json()["accepted"] == 1
        r = await post_shopify(client, receiver.url, {"id": 207119551, "email": "a@b.c"})  # Shopify's retry
        assert r.status_code == 200 and r.json()["duplicates"] == 1
        r = await post_shopify(client, receiver.url, {"id": 1}, secret="forged", webhook_id="w-2")
        assert r.status_code == 401
        r = await post_shopify(client, receiver.url, {"id": 1}, shop="someone-else.myshopify.com", webhook_id="w-3")
        assert r.status_code == 401
        r = await post_shopify(client, receiver.url, {"id": 5}, topic="orders/create", webhook_id="w-4")
        assert r.status_code == 200 and r.json()["ignored"] == 1
        r = await post_shopify(client, receiver.url, {"id": 8}, topic="customers/delete", webhook_id="w-5")
        assert r.status_code == 200
    await until(lambda: receiver.batches)
    await asyncio.sleep(0.1)
    assert {cid for cid, _ in receiver.batches} == {sh}
    assert sorted(i for _, b in receiver.batches for i in b["customers"]) == ["207119551", "8"]


async def test_receiver_answers_while_dispatch_is_slow(store, settings, vault, conns):
    settings = settings.model_copy(update={"webhook_port": 0})
    release = asyncio.Event()

    async def slow_dispatch(cid, batch):
        await release.wait()  # a lane busy with a long sync

    r = WebhookReceiver(store, settings, vault=vault, dispatch=slow_dispatch, debounce=0.0)
    await r.start()
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            for i in range(5):
                resp, *_ = await post_hubspot(client, r.url, [hs_event(i, i + 100)])
                assert resp.status_code == 200
                await asyncio.sleep(0.01)
    finally:
        release.set()
        await r.aclose()


async def test_bound_port_is_reported_and_a_busy_port_is_a_clear_error(receiver, store, settings):
    from lumio_desktop.errors import LumioError

    assert receiver.port and receiver.url.endswith(str(receiver.port))
    other = WebhookReceiver(store, settings.model_copy(update={"webhook_port": receiver.port}), dispatch=print)
    with pytest.raises(LumioError, match="cannot listen"):
        await other.start()
    async with httpx.AsyncClient() as client:
        assert (await client.get(receiver.url + "/webhooks/health")).text == "ok"


def test_hubspot_event_objects():
    assert hubspot_objects({"subscriptionType": "contact.merge", "objectId": 1, "primaryObjectId": 1,
                            "mergedObjectIds": [2, 3]}) == {"contacts": ["1", "2", "3"]}
    assert hubspot_objects({"subscriptionType": "object.propertyChange", "objectTypeId": "0-3",
                            "objectId": 9}) == {"deals": ["9"]}
    assert hubspot_objects({"subscriptionType": "ticket.creation", "objectId": 9}) == {}


async def test_a_connection_added_by_another_process_is_found(receiver, store, vault, monkeypatch):
    import lumio_desktop.sync.webhooks as wh

    monkeypatch.setattr(wh, "TARGETS_REFRESH", 0.0)
    async with httpx.AsyncClient() as client:
        r = await post_shopify(client, receiver.url, {"id": 1}, shop="second.myshopify.com", webhook_id="x-1")
        assert r.status_code == 401
        # `lumio-sync connect` in another process: a row and a keychain item, no event in this process.
        cid = add_connection(store, name="second", provider=Provider.SHOPIFY, shop="second.myshopify.com")
        vault.set(cid, Credentials(access_token="c", client_secret=SHOP_SECRET))
        r = await post_shopify(client, receiver.url, {"id": 1}, shop="second.myshopify.com", webhook_id="x-2")
        assert r.status_code == 200


async def test_an_oversized_body_is_refused_unread(receiver):
    async with httpx.AsyncClient() as client:
        r = await client.post(receiver.url + "/webhooks/shopify", content=b"x" * 1_000_001,
                              headers={"X-Shopify-Hmac-Sha256": "x", "X-Shopify-Shop-Domain": "lumio-test"})
    assert r.status_code == 413 and receiver.batches == []


async def test_a_body_that_is_not_utf8_is_refused_not_a_crash(receiver):
    ts = str(int(time.time() * 1000))
    async with httpx.AsyncClient() as client:
        r = await client.post(receiver.url + "/webhooks/hubspot", content=b"\xff\xfe[]", headers={
            "X-HubSpot-Signature-v3": "abc", "X-HubSpot-Request-Timestamp": ts})
    assert r.status_code == 401


async def test_events_for_object_types_the_connection_does_not_sync_are_ignored(receiver, store, conns):
    from lumio_desktop.store.models import Connection

    hs, _ = conns
    with store.session() as s, s.begin():
        s.get(Connection, hs).objects = ["contacts"]
    receiver._targets = None  # as after connections_changed
    async with httpx.AsyncClient() as client:
        r, *_ = await post_hubspot(client, receiver.url, [hs_event(1, 1), hs_event(2, 2, sub="deal.creation")])
    assert r.json() == {"accepted": 1, "duplicates": 0, "ignored": 1}
    await until(lambda: receiver.batches)
    assert receiver.batches == [(hs, {"contacts": ["1"]})]


async def test_a_paused_connection_acknowledges_its_webhooks_and_drops_them(receiver, store, conns):
    from lumio_desktop.store.models import Connection

    _, sh = conns
    with store.session() as s, s.begin():
        s.get(Connection, sh).enabled = False
    receiver._targets = None
    async with httpx.AsyncClient() as client:
        r = await post_shopify(client, receiver.url, {"id": 3}, webhook_id="p-1")
        assert r.status_code == 200 and r.json()["ignored"] == 1
        r = await post_shopify(client, receiver.url, {"id": 3}, secret="forged", webhook_id="p-2")
        assert r.status_code == 401  # still verified
    await asyncio.sleep(0.1)
    assert receiver.batches == []
