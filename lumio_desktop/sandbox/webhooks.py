"""Webhook sender: HubSpot event arrays signed v1 + v3, Shopify topics with a base64 HMAC of the raw body.

Targets come from the real registration contracts (HubSpot `PUT /webhooks/v3/{appId}/settings` plus
subscriptions; Shopify `POST /admin/api/{version}/webhooks.json`) or from the control API / Python API
(`Sandbox.add_webhook_target`, every event of that provider). Deliveries are queued by writes and sent by
`deliver_pending` (the activity loop calls it; tests await it through `Sandbox.emit_change`).
Retries: `webhook_retries` (default 0) attempts more, `webhook_retry_delay` apart, instead of HubSpot's 10 over 24 h
(⚠️) and Shopify's 8 over 4 h, so tests can exercise retried deliveries in seconds.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import Response

from lumio_desktop.sandbox.data import seed_rng
from lumio_desktop.sandbox.errors import hubspot_error, hubspot_not_found, hubspot_validation, shopify_error
from lumio_desktop.sandbox.routing import json_response, read_json, route

log = logging.getLogger("lumio_desktop.sandbox.webhooks")

HUBSPOT_KIND = {"create": "creation", "update": "propertyChange", "delete": "deletion", "merge": "merge",
                "privacyDeletion": "privacyDeletion", "restore": "restore"}
SHOPIFY_TOPIC = {"create": "customers/create", "update": "customers/update", "delete": "customers/delete"}


def hubspot_signature_v3(secret: str, method: str, uri: str, body: str, timestamp: str) -> str:
    source = f"{method}{uri}{body}{timestamp}"
    return base64.b64encode(hmac.new(secret.encode(), source.encode(), hashlib.sha256).digest()).decode()


def hubspot_signature_v1(secret: str, body: str) -> str:
    return hashlib.sha256((secret + body).encode()).hexdigest()


def shopify_hmac(secret: str, raw_body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), raw_body, hashlib.sha256).digest()).decode()


def _queue(world) -> list:
    q = getattr(world, "_webhook_queue", None)
    if q is None:
        q = world._webhook_queue = []
    return q


def enqueue(world, provider: str, obj: str, kind: str, rec, changed: list[str], merged: list[int] | None = None,
            ) -> None:
    """Queue the webhook events one write produces, for every target that wants them."""
    if provider == "hubspot":
        _enqueue_hubspot(world, obj, kind, rec, changed, merged)
    elif provider == "shopify" and obj == "customers" and kind in SHOPIFY_TOPIC:
        _enqueue_shopify(world, kind, rec)


def _enqueue_hubspot(world, obj: str, kind: str, rec, changed: list[str], merged: list[int] | None) -> None:
    from lumio_desktop.sandbox.hubspot import OBJECTS, all_props

    st = world.hubspot
    singular = OBJECTS[obj]["singular"]
    sub_type = f"{singular}.{HUBSPOT_KIND.get(kind, kind)}"
    now = world.clock.now_ms()
    props = all_props(obj, rec)
    events: list[dict] = []

    def event(sub_id: int, extra: dict) -> dict:
        st.event_seq += 1
        return {"eventId": st.event_seq, "subscriptionId": sub_id, "portalId": world.hubspot_portal_id,
                "appId": world.hubspot_app_id, "occurredAt": now, "subscriptionType": sub_type, "attemptNumber": 0,
                "objectId": rec.num, "changeSource": "CRM_UI", "sourceId": "userId:1", **extra}

    def extras() -> list[dict]:
        if kind == "update":
            return [{"propertyName": p, "propertyValue": props.get(p, "")} for p in changed] or [{}]
        if kind == "create":
            return [{"changeFlag": "CREATED"}]
        if kind == "delete":
            return [{"changeFlag": "DELETED"}]
        if kind == "merge":
            return [{"primaryObjectId": rec.num, "mergedObjectIds": list(merged or [])}]
        return [{}]

    # Targets registered through the webhooks v3 API receive only what an active subscription asks for.
    settings = st.webhook_settings
    if settings:
        for sub in st.subscriptions.values():
            if not sub["active"] or sub["eventType"] != sub_type:
                continue
            for ex in extras():
                if kind == "update" and sub.get("propertyName") and ex.get("propertyName") != sub["propertyName"]:
                    continue
                events.append(event(int(sub["id"]), ex))
        if events:
            _queue(world).append(("hubspot", settings["targetUrl"], None, events))
    for target in world.webhook_targets:
        if target["provider"] == "hubspot":
            _queue(world).append(("hubspot", target["url"], target.get("app"), [event(0, ex) for ex in extras()]))


def _enqueue_shopify(world, kind: str, rec) -> None:
    from lumio_desktop.sandbox.shopify import render_customer

    topic = SHOPIFY_TOPIC[kind]
    if kind == "delete":
        payload: dict[str, Any] = {"id": rec.num}
    else:
        payload = render_customer(world, rec)
        for k in ("tags", "email_marketing_consent", "sms_marketing_consent"):  # removed from webhooks in 2025-01
            payload.pop(k, None)
    event_id = str(uuid.uuid4())
    for hook in world.shopify.webhooks.values():
        if hook["topic"] == topic:
            _queue(world).append(("shopify", hook["address"], None, (topic, payload, event_id, hook["api_version"])))
    for target in world.webhook_targets:
        if target["provider"] == "shopify":
            _queue(world).append(("shopify", target["url"], target.get("app"), (topic, payload, event_id, "2025-07")))


def build_request(world, provider: str, url: str, payload: Any, attempt: int = 0,
                  webhook_id: str | None = None) -> tuple[bytes, dict[str, str]]:
    """The exact bytes and headers of one delivery attempt (tests can verify signatures on them)."""
    if provider == "hubspot":
        events = [{**e, "attemptNumber": attempt} for e in payload]
        body = json.dumps(events, separators=(",", ":"))
        ts = str(int(time.time() * 1000))  # delivery time on the wall clock: receivers check it against their own
        secret = world.clients["hubspot"].client_secret
        return body.encode(), {
            "Content-Type": "application/json",
            "User-Agent": "HubSpot Connect 2.0 (http://dev.hubspot.com/) (lumio-sandbox)",
            "X-HubSpot-Signature": hubspot_signature_v1(secret, body),
            "X-HubSpot-Signature-Version": "v1",
            "X-HubSpot-Signature-v3": hubspot_signature_v3(secret, "POST", url, body, ts),
            "X-HubSpot-Request-Timestamp": ts,
            "X-HubSpot-Timeout-Millis": "10000",
        }
    topic, data, event_id, version = payload
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return raw, {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": shopify_hmac(world.clients["shopify"].client_secret, raw),
        "X-Shopify-Shop-Domain": world.config.shopify_shop,
        "X-Shopify-API-Version": version,
        "X-Shopify-Webhook-Id": webhook_id or str(uuid.uuid4()),
        "X-Shopify-Event-Id": event_id,
        "X-Shopify-Triggered-At": datetime.fromtimestamp(time.time(), UTC).isoformat(),
    }


async def deliver_pending(world) -> list[dict[str, Any]]:
    """Send every queued delivery; a failed one (not 2xx, or no answer) is retried `webhook_retries` times,
    `webhook_retry_delay` seconds apart, with the same payload (HubSpot: attemptNumber + 1; Shopify: the same
    X-Shopify-Webhook-Id). Returns one entry per delivery: {provider, url, status | error, attempts, body, headers}."""
    queue = _queue(world)
    items, queue[:] = list(queue), []
    results = []
    for provider, url, app, payload in items:
        webhook_id = str(uuid.uuid4())
        for attempt in range(world.config.webhook_retries + 1):
            if attempt:
                await asyncio.sleep(world.config.webhook_retry_delay)
            raw, headers = build_request(world, provider, url, payload, attempt, webhook_id)
            entry: dict[str, Any] = {"provider": provider, "url": url, "body": raw.decode(), "headers": headers,
                                     "attempts": attempt + 1}
            try:
                transport = httpx.ASGITransport(app=app) if app is not None else world.webhook_transport
                async with httpx.AsyncClient(transport=transport, timeout=world.config.webhook_timeout) as client:
                    resp = await client.post(url, content=raw, headers=headers)
                entry["status"] = resp.status_code
            except (httpx.HTTPError, OSError) as e:
                entry["error"] = repr(e)
                log.info("webhook delivery to %s failed: %r", url, e)
            world.webhook_log.append(entry)
            if 200 <= entry.get("status", 0) < 300:
                break
        results.append(entry)
    return results


# -- simulated activity ----------------------------------------------------------------------------------------
OBJECT_WEIGHTS = {"hubspot": (("contacts", 6), ("companies", 2), ("deals", 2)),
                  "salesforce": (("Lead", 4), ("Contact", 3), ("Account", 1), ("Opportunity", 2)),
                  "shopify": (("customers", 1),)}


def _rng(world):
    r = getattr(world, "_activity_rng", None)
    if r is None:
        r = world._activity_rng = seed_rng(world.config.seed, "activity")
    return r


def simulate_change(world, provider: str, obj: str | None, kind: str | None, id: str | None) -> dict[str, Any]:
    rng = _rng(world)
    with world.lock:
        if obj is None:
            names, weights = zip(*OBJECT_WEIGHTS[provider], strict=True)
            obj = rng.choices(names, weights)[0]
        coll = world.collection(provider, obj)
        obj = coll.name
        live = coll._ids[False]
        if kind is None:
            kind = rng.choices(("create", "update", "delete"), (3, 6, 1))[0]
        if kind != "create" and not live and id is None:
            kind = "create"
        mod = world.modules[provider]
        if kind == "create":
            rec = world.create(provider, obj, mod.random_fields(world, obj, rng, None), notify=True)
            return {"provider": provider, "object": obj, "kind": kind, "id": rec.id}
        rec = coll.get(str(id)) if id is not None else coll.by_num[live[rng.randrange(len(live))]]
        if rec is None:
            raise KeyError(f"{provider}/{obj}/{id} not found")
        if kind == "update":
            fields = mod.random_fields(world, obj, rng, rec)
            world.update(provider, obj, rec.id, fields, notify=True)
            return {"provider": provider, "object": obj, "kind": kind, "id": rec.id, "fields": fields}
        if kind == "delete":
            world.archive(provider, obj, rec.id, notify=True)
            return {"provider": provider, "object": obj, "kind": kind, "id": rec.id}
    raise ValueError(f"unknown change kind {kind!r} (create, update, delete)")


async def activity_loop(world) -> None:
    """--activity N: N changes a minute, spread over the providers, each delivered as webhooks."""
    rng = seed_rng(world.config.seed, "activity:providers")
    while True:
        rate = world.config.activity
        if rate <= 0:
            await asyncio.sleep(1.0)
            continue
        await asyncio.sleep(60.0 / rate)
        try:
            world.simulate_change(rng.choice(("hubspot", "salesforce", "shopify")))
            await deliver_pending(world)
        except Exception:  # keep the loop alive; a bug here must not stop the server
            log.exception("activity step failed")


# -- HubSpot webhooks v3 management API ---------------------------------------------------------------------------
def _hs_dev_auth(world, request: Request) -> None:
    key = request.query_params.get("hapikey")
    if key is not None:
        if key != world.hubspot_developer_api_key:
            raise hubspot_error(401, "INVALID_AUTHENTICATION", "The developer API key is invalid.")
    else:
        from lumio_desktop.sandbox.hubspot import authenticate

        authenticate(world, request, True)
    try:
        app_id = int(request.path_params["appId"])
    except ValueError:
        raise hubspot_validation("appId must be an integer") from None
    if app_id != world.hubspot_app_id:
        raise hubspot_not_found(f"App {app_id} not found")


def _iso(world, ms: int | None = None) -> str:
    from lumio_desktop.sandbox.hubspot import iso_ms

    return iso_ms(ms if ms is not None else world.clock.now_ms())


async def hs_settings(request: Request, world, _tok) -> Response:
    _hs_dev_auth(world, request)
    st = world.hubspot
    if request.method == "GET":
        if not st.webhook_settings:
            raise hubspot_not_found("No webhook settings for this app")
        return json_response(st.webhook_settings)
    if request.method == "DELETE":
        st.webhook_settings = None
        return Response(status_code=204)
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict) or not isinstance(body.get("targetUrl"), str) or not isinstance(
            body.get("throttling"), dict):
        raise hubspot_validation("targetUrl and throttling are required")
    url = body["targetUrl"]
    if not url.startswith(("http://", "https://")):
        raise hubspot_validation(f"targetUrl must be an http(s) URL, got {url!r}")
    thr = body["throttling"]
    if not isinstance(thr.get("maxConcurrentRequests"), int):
        raise hubspot_validation("throttling.maxConcurrentRequests must be an integer")
    created = st.webhook_settings["createdAt"] if st.webhook_settings else _iso(world)
    st.webhook_settings = {"targetUrl": url, "throttling": {"maxConcurrentRequests": thr["maxConcurrentRequests"],
                                                            "period": thr.get("period", "SECONDLY")},
                           "createdAt": created, "updatedAt": _iso(world)}
    return json_response(st.webhook_settings)


async def hs_subscriptions(request: Request, world, _tok) -> Response:
    _hs_dev_auth(world, request)
    st = world.hubspot
    if request.method == "GET":
        return json_response({"results": list(st.subscriptions.values())})
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict) or not isinstance(body.get("eventType"), str):
        raise hubspot_validation("eventType is required")
    et = body["eventType"]
    obj, _, action = et.partition(".")
    if obj not in ("contact", "company", "deal") or action not in set(HUBSPOT_KIND.values()) | {"associationChange"}:
        raise hubspot_validation(f"Unsupported eventType {et!r}")
    if action == "propertyChange" and not body.get("propertyName"):
        raise hubspot_validation("propertyChange subscriptions must name one propertyName")
    sub = {"id": str(st.next_subscription), "eventType": et, "active": bool(body.get("active", False)),
           "createdAt": _iso(world), "updatedAt": _iso(world)}
    if body.get("propertyName"):
        sub["propertyName"] = str(body["propertyName"])
    st.subscriptions[st.next_subscription] = sub
    st.next_subscription += 1
    return json_response(sub, 201)


async def hs_subscription(request: Request, world, _tok) -> Response:
    _hs_dev_auth(world, request)
    st = world.hubspot
    try:
        sub = st.subscriptions[int(request.path_params["subscriptionId"])]
    except (KeyError, ValueError):
        raise hubspot_not_found("Subscription not found") from None
    if request.method == "GET":
        return json_response(sub)
    if request.method == "DELETE":
        del st.subscriptions[int(sub["id"])]
        return Response(status_code=204)
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict) or not isinstance(body.get("active", True), bool):
        raise hubspot_validation("active must be a boolean")
    if "active" in body:
        sub["active"] = body["active"]
    sub["updatedAt"] = _iso(world)
    return json_response(sub)


async def hs_subscriptions_batch(request: Request, world, _tok) -> Response:
    _hs_dev_auth(world, request)
    st = world.hubspot
    body = await read_json(request, hubspot_validation)
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        raise hubspot_validation("inputs is required")
    started = _iso(world)
    results, errors = [], []
    for i in body["inputs"]:
        if not isinstance(i, dict) or not isinstance(i.get("id"), int) or not isinstance(i.get("active"), bool):
            raise hubspot_validation("Every input is {id: integer, active: boolean}")
        sub = st.subscriptions.get(i["id"])
        if sub is None:
            errors.append({"status": "error", "category": "OBJECT_NOT_FOUND", "message": f"Subscription {i['id']} "
                           "not found", "context": {"ids": [str(i["id"])]}, "errors": [], "links": {}})
            continue
        sub["active"] = i["active"]
        sub["updatedAt"] = _iso(world)
        results.append(sub)
    out: dict[str, Any] = {"status": "COMPLETE", "results": results, "requestedAt": started, "startedAt": started,
                           "completedAt": _iso(world)}
    if errors:
        out["numErrors"] = len(errors)
        out["errors"] = errors
        return json_response(out, 207)
    return json_response(out)


# -- Shopify webhooks.json ----------------------------------------------------------------------------------------
def _shopify_hook_json(hook: dict) -> dict:
    return {k: hook[k] for k in ("id", "address", "topic", "created_at", "updated_at", "format", "fields",
                                 "metafield_namespaces", "api_version", "private_metafield_namespaces")}


async def shopify_webhooks(request: Request, world, _tok) -> Response:
    from lumio_desktop.sandbox.shopify import bad_request, shop_time

    st = world.shopify
    if request.method == "GET":
        return json_response({"webhooks": [_shopify_hook_json(h) for h in st.webhooks.values()]})
    body = await read_json(request, bad_request)
    hook = body.get("webhook") if isinstance(body, dict) else None
    if not isinstance(hook, dict):
        raise bad_request("Required parameter missing or invalid: webhook")
    errs: dict[str, list[str]] = {}
    topic, address = hook.get("topic"), hook.get("address")
    if topic not in SHOPIFY_TOPIC.values():
        errs["topic"] = ["Invalid topic specified. Topics allowed: " + ", ".join(SHOPIFY_TOPIC.values())]
    if not isinstance(address, str) or not address.startswith(("http://", "https://")):
        errs["address"] = ["is invalid"]
    elif any(h["address"] == address and h["topic"] == topic for h in st.webhooks.values()):
        errs["address"] = ["for this topic has already been taken"]
    if errs:
        raise shopify_error(422, errs)
    now = shop_time(world, world.clock.now_ms())
    new = {"id": st.next_webhook, "address": address, "topic": topic, "created_at": now, "updated_at": now,
           "format": hook.get("format", "json"), "fields": hook.get("fields") or [], "metafield_namespaces": [],
           "private_metafield_namespaces": [], "api_version": request.path_params.get("version", "2025-07")}
    st.webhooks[new["id"]] = new
    st.next_webhook += 1
    return json_response({"webhook": _shopify_hook_json(new)}, 201)


async def shopify_webhook(request: Request, world, _tok) -> Response:
    st = world.shopify
    try:
        hook = st.webhooks[int(request.path_params["id"])]
    except (KeyError, ValueError):
        raise shopify_error(404, "Not Found") from None
    if request.method == "DELETE":
        del st.webhooks[hook["id"]]
        return json_response({})
    return json_response({"webhook": _shopify_hook_json(hook)})


def routes() -> list:
    base = "/webhooks/v3/{appId}"
    return [
        route(base + "/settings", hs_settings, ["GET", "PUT", "DELETE"], "hubspot", auth=False),
        route(base + "/subscriptions", hs_subscriptions, ["GET", "POST"], "hubspot", auth=False),
        route(base + "/subscriptions/batch/update", hs_subscriptions_batch, ["POST"], "hubspot", auth=False),
        route(base + "/subscriptions/{subscriptionId}", hs_subscription, ["GET", "PATCH", "DELETE"], "hubspot",
              auth=False),
        route("/admin/api/{version}/webhooks.json", shopify_webhooks, ["GET", "POST"], "shopify"),
        route("/admin/api/{version}/webhooks/{id}.json", shopify_webhook, ["GET", "DELETE"], "shopify"),
    ]
