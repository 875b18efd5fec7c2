"""Fault injection (deterministic from the seed) and the webhook sender's signatures and headers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lumio_desktop.sandbox import SandboxConfig, create_app, parse_faults
from lumio_desktop.sandbox.routing import SandboxResetError


def test_fault_spec_parsing():
    rules = parse_faults("hubspot:429@0.25x3~/crm, *:reset@0.01 salesforce:expirex1 shopify:malformed")
    assert [(r.provider, r.kind, r.rate, r.count, r.path) for r in rules] == [
        ("hubspot", "429", 0.25, 3, "/crm"), ("*", "reset", 0.01, None, ""), ("salesforce", "expire", 1.0, 1, ""),
        ("shopify", "malformed", 1.0, None, "")]
    for bad in ("hubspot", "hubspot:418", "zendesk:500", "hubspot:500@2"):
        with pytest.raises(ValueError):
            parse_faults(bad)


async def _statuses(make_client, spec: str, seed: int, n: int = 40) -> list[int]:
    app = create_app(SandboxConfig.for_tests(seed=seed, records=5, faults=spec))
    sb = app.state.sandbox
    h = {"Authorization": f"Bearer {sb.static_tokens['hubspot']}"}
    async with make_client(app) as c:
        return [(await c.get("/crm/v3/objects/contacts", headers=h)).status_code for _ in range(n)]


async def test_fault_rate_is_deterministic_from_seed(make_client):
    a = await _statuses(make_client, "hubspot:500@0.3", seed=1)
    b = await _statuses(make_client, "hubspot:500@0.3", seed=1)
    c = await _statuses(make_client, "hubspot:500@0.3", seed=2)
    assert a == b and a != c
    assert 3 < a.count(500) < 25 and set(a) == {200, 500}


async def test_each_fault_kind(client, sb, hs, sf, sh):
    sb.faults.add("hubspot", "429", count=1)
    r = await client.get("/crm/v3/objects/contacts", headers=hs)
    assert r.status_code == 429 and r.json()["policyName"] == "TEN_SECONDLY_ROLLING"
    sb.faults.add("hubspot", "429-no-retry-after", count=1)
    r = await client.get("/crm/v3/objects/contacts", headers=hs)
    assert r.status_code == 429 and "Retry-After" not in r.headers
    sb.faults.add("salesforce", "503", count=1)
    r = await client.get("/services/data/v59.0/limits", headers=sf)
    assert r.status_code == 503 and r.json()[0]["errorCode"] == "SERVER_UNAVAILABLE"
    assert r.headers["Sforce-Limit-Info"].startswith("api-usage=")  # on every response, faults included
    sb.faults.add("shopify", "malformed", count=1)
    r = await client.get("/admin/api/2025-07/customers.json", headers=sh)
    assert r.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        r.json()
    sb.faults.add("shopify", "timeout", count=1)
    assert (await client.get("/admin/api/2025-07/customers.json", headers=sh)).status_code == 504
    sb.faults.add("*", "reset", count=1)
    with pytest.raises(httpx.ReadError):
        await client.get("/services/data/v59.0/limits", headers=sf)
    assert issubclass(SandboxResetError, httpx.TransportError)
    assert (await client.get("/services/data/v59.0/limits", headers=sf)).status_code == 200


async def test_premature_expiry_fault_expires_the_oauth_token(client, sb):
    tok = sb.tokens.issue_access("hubspot", "oauth", sb.clients["hubspot"].client_id, ["crm.objects.contacts.read"],
                                 1800)
    h = {"Authorization": f"Bearer {tok.value}"}
    sb.faults.add("hubspot", "expire", count=1)
    r = await client.get("/crm/v3/objects/contacts", headers=h)
    assert r.status_code == 401 and r.json()["category"] == "EXPIRED_AUTHENTICATION"
    assert (await client.get("/crm/v3/objects/contacts", headers=h)).status_code == 401  # stays expired
    static = {"Authorization": f"Bearer {sb.static_tokens['hubspot']}"}
    sb.faults.add("hubspot", "expire", count=1)
    assert (await client.get("/crm/v3/objects/contacts", headers=static)).status_code == 401
    assert (await client.get("/crm/v3/objects/contacts", headers=static)).status_code == 200


class Receiver:
    def __init__(self) -> None:
        self.got: list[tuple[str, bytes, dict[str, str]]] = []

        async def hook(request: Request) -> Response:
            self.got.append((str(request.url), await request.body(), dict(request.headers)))
            return Response(status_code=204)

        self.app = Starlette(routes=[Route("/hook/{name}", hook, methods=["POST"])])


async def test_hubspot_webhooks_via_settings_and_subscriptions_signed_v3(client, sb, hs):
    rx = Receiver()
    sb.webhook_transport = httpx.ASGITransport(app=rx.app)
    key = {"hapikey": sb.hubspot_developer_api_key}
    base = f"/webhooks/v3/{sb.hubspot_app_id}"
    url = "https://receiver.test/hook/hubspot"
    await client.put(f"{base}/settings", params=key, json={"targetUrl": url, "throttling": {"maxConcurrentRequests": 5}})
    await client.post(f"{base}/subscriptions", params=key, json={"eventType": "contact.propertyChange",
                                                                  "propertyName": "firstname", "active": True})
    rec = sb.records("hubspot", "contacts")[0]
    r = await client.patch(f"/crm/v3/objects/contacts/{rec.id}", json={"properties": {"firstname": "Zé",
                                                                                      "jobtitle": "CEO"}}, headers=hs)
    assert r.status_code == 200
    change = await sb.emit_change("hubspot", "contacts", "update", id=rec.id)  # jobtitle etc.: no subscription
    assert [d["status"] for d in change["deliveries"]] == [204]
    (got_url, body, headers), = rx.got
    assert got_url == url
    events = json.loads(body)
    assert [(e["subscriptionType"], e["propertyName"], e["propertyValue"]) for e in events] == [
        ("contact.propertyChange", "firstname", "Zé")]
    assert events[0]["objectId"] == int(rec.id) and events[0]["portalId"] == sb.hubspot_portal_id
    ts = headers["x-hubspot-request-timestamp"]
    secret = sb.clients["hubspot"].client_secret
    expected = base64.b64encode(hmac.new(secret.encode(), f"POST{url}{body.decode()}{ts}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert headers["x-hubspot-signature-v3"] == expected
    assert headers["x-hubspot-signature"] == hashlib.sha256((secret + body.decode()).encode()).hexdigest()
    assert abs(int(ts) - sb.clock.now_ms()) < 60_000


async def test_shopify_webhooks_registered_through_admin_api(client, sb, sh):
    rx = Receiver()
    sb.webhook_transport = httpx.ASGITransport(app=rx.app)
    url = "https://receiver.test/hook/shopify"
    for topic in ("customers/create", "customers/update", "customers/delete"):
        r = await client.post("/admin/api/2025-07/webhooks.json",
                              json={"webhook": {"topic": topic, "address": url, "format": "json"}}, headers=sh)
        assert r.status_code == 201
    r = await client.post("/admin/api/2025-07/webhooks.json",
                          json={"webhook": {"topic": "orders/create", "address": url}}, headers=sh)
    assert r.status_code == 422
    created = (await sb.emit_change("shopify", kind="create"))
    deleted = (await sb.emit_change("shopify", kind="delete", id=created["id"]))
    assert [d["status"] for d in created["deliveries"] + deleted["deliveries"]] == [204, 204]
    secret = sb.clients["shopify"].client_secret.encode()
    for _url, body, headers in rx.got:
        assert headers["x-shopify-hmac-sha256"] == base64.b64encode(
            hmac.new(secret, body, hashlib.sha256).digest()).decode()
        assert headers["x-shopify-shop-domain"] == sb.config.shopify_shop
        assert headers["x-shopify-webhook-id"] and headers["x-shopify-event-id"] and headers["x-shopify-triggered-at"]
    assert [h["x-shopify-topic"] for _u, _b, h in rx.got] == ["customers/create", "customers/delete"]
    assert json.loads(rx.got[1][1]) == {"id": int(created["id"])}
    assert "tags" not in json.loads(rx.got[0][1])  # removed from customer webhooks in 2025-01


async def test_simulated_changes_are_deterministic():
    async def run(seed):
        app = create_app(SandboxConfig.for_tests(seed=seed, records=30))
        sb = app.state.sandbox
        return [sb.simulate_change(p) for p in ("hubspot", "salesforce", "shopify") * 5]

    assert await run(3) == await run(3)
    assert await run(3) != await run(4)


async def test_python_target_receives_every_event_in_process(sb):
    rx = Receiver()
    sb.add_webhook_target("hubspot", "https://receiver.test/hook/all", app=rx.app)
    change = await sb.emit_change("hubspot", "deals", "create")
    assert change["deliveries"][0]["status"] == 204
    events = json.loads(rx.got[0][1])
    assert events[0]["subscriptionType"] == "deal.creation" and events[0]["changeFlag"] == "CREATED"


async def test_failed_deliveries_are_retried_with_the_same_ids(sb):
    got: list[tuple[bytes, dict]] = []

    async def flaky(request: Request) -> Response:
        got.append((await request.body(), dict(request.headers)))
        return Response(status_code=500 if len(got) == 1 else 200)

    rx = Starlette(routes=[Route("/h", flaky, methods=["POST"])])
    sb.config.webhook_retries, sb.config.webhook_retry_delay = 2, 0.0
    sb.add_webhook_target("shopify", "https://receiver.test/h", app=rx)
    change = await sb.emit_change("shopify", kind="create")
    assert change["deliveries"][0]["status"] == 200 and change["deliveries"][0]["attempts"] == 2
    assert got[0][1]["x-shopify-webhook-id"] == got[1][1]["x-shopify-webhook-id"] and got[0][0] == got[1][0]
    got.clear()
    sb.add_webhook_target("hubspot", "https://receiver.test/h", app=rx)
    await sb.emit_change("hubspot", "contacts", "create")
    assert [json.loads(b)[0]["attemptNumber"] for b, _h in got] == [0, 1]
