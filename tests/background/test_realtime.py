"""End to end: the sandbox's signed webhooks reach the receiver, and the changed records appear in the store
through targeted jobs on the connections' lanes (trigger `webhook`). Registration goes through the providers' own
APIs (HubSpot webhooks v3 settings + subscriptions, Shopify webhooks.json)."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
from sqlalchemy import select

from lumio_desktop.auth.connections import ConnectionService
from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.sandbox import SandboxConfig, deliver_pending, serve
from lumio_desktop.store.models import JobStatus, Lead, RecordLink, SyncJob, Trigger
from lumio_desktop.sync.background import Background
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.events import EventHub
from tests.background.conftest import until
from tests.engine_words import unworded


def lead_for(store, connection_id, external_id) -> Lead | None:
    with store.session() as s:
        link = s.scalars(select(RecordLink).where(RecordLink.connection_id == connection_id,
                                                  RecordLink.external_id == str(external_id))).first()
        return s.get(Lead, link.local_id) if link else None


async def register(base_url, creds, receiver_url):
    hs, sh = creds["hubspot"], creds["shopify"]
    async with httpx.AsyncClient(base_url=base_url) as c:
        key = {"hapikey": hs["developer_api_key"]}
        r = await c.put(f"/webhooks/v3/{hs['app_id']}/settings", params=key, json={
            "targetUrl": f"{receiver_url}/webhooks/hubspot",
            "throttling": {"maxConcurrentRequests": 10, "period": "SECONDLY"}})
        assert r.status_code == 200, r.text
        for event, prop in (("contact.propertyChange", "firstname"), ("contact.creation", None),
                            ("contact.deletion", None)):
            body = {"eventType": event, "active": True, **({"propertyName": prop} if prop else {})}
            r = await c.post(f"/webhooks/v3/{hs['app_id']}/subscriptions", params=key, json=body)
            assert r.status_code == 201, r.text
        for topic in ("customers/create", "customers/update", "customers/delete"):
            r = await c.post("/admin/api/2025-01/webhooks.json", headers={"X-Shopify-Access-Token": sh["token"]},
                             json={"webhook": {"topic": topic, "address": f"{receiver_url}/webhooks/shopify",
                                               "format": "json"}})
            assert r.status_code == 201, r.text


@contextlib.asynccontextmanager
async def hubspot_and_shopify_with_a_receiver(sb, store, settings, vault):
    """The sandbox's HubSpot and Shopify connected (static tokens, webhook secrets), the engine, and the background
    with its webhook receiver on a free port: (world, creds, hs, sh, service, bg)."""
    world = sb.sandbox
    creds = world.credentials(sb.base_url)
    conns = ConnectionService(store, vault)
    hs = conns.create_static("hubspot", creds["hubspot"]["token"], name="hs", base_url=sb.base_url,
                             client_secret=creds["hubspot"]["client_secret"],
                             portal_id=creds["hubspot"]["portal_id"]).id
    sh = conns.create_static("shopify", creds["shopify"]["token"], name="shop", base_url=sb.base_url,
                             shop=creds["shopify"]["shop"], client_secret=creds["shopify"]["client_secret"]).id
    hub = EventHub()
    service = SyncService(store, settings, hub, vault=vault)
    await service.start()
    bg = Background(store, settings.model_copy(update={"webhook_port": 0}), hub, service, vault=vault)
    await bg.start(strict=True, catch_up=False)
    try:
        yield world, creds, hs, sh, service, bg
    finally:
        world.config.activity = 0
        await bg.aclose()
        await service.aclose()


async def test_sandbox_webhooks_bring_changes_into_the_store(store, settings, memory_keyring):
    vault = TokenVault(memory_keyring)
    async with serve(SandboxConfig.for_tests(seed=11, records=12)) as sb:
        async with hubspot_and_shopify_with_a_receiver(sb, store, settings, vault) as (world, creds, hs, sh,
                                                                                        service, bg):
            assert (await service.run(hs, "initial", "cli", ["contacts"])).status == JobStatus.COMPLETED
            assert (await service.run(sh, "initial", "cli")).status == JobStatus.COMPLETED
            await register(sb.base_url, creds, bg.receiver.url)

            edited = world.records("hubspot", "contacts")[0]
            world.edit("hubspot", "contacts", edited.id, {"firstname": "Webhooked"})
            gone = world.records("hubspot", "contacts")[1]
            world.archive("hubspot", "contacts", gone.id, notify=True)
            created = world.simulate_change("hubspot", "contacts", "create")
            customer = world.records("shopify", "customers")[0]
            world.edit("shopify", "customers", customer.id, {"first_name": "Shopped"})
            deliveries = await deliver_pending(world)
            assert deliveries and all(d.get("status") == 200 for d in deliveries), deliveries

            def landed():
                a, b, c, d = (lead_for(store, hs, edited.id), lead_for(store, hs, gone.id),
                              lead_for(store, hs, created["id"]), lead_for(store, sh, customer.id))
                return (a is not None and a.first_name == "Webhooked" and b is not None and b.deleted_at is not None
                        and c is not None and d is not None and d.first_name == "Shopped")

            await until(landed, timeout=10)
            for job_id in bg.dispatch.jobs:
                await service.wait(job_id)
            with store.session() as s:
                jobs = list(s.scalars(select(SyncJob).where(SyncJob.trigger == Trigger.WEBHOOK)))
            assert jobs and {j.status for j in jobs} == {JobStatus.COMPLETED}
            assert {j.connection_id for j in jobs} == {hs, sh}
            assert bg.receiver.stats["hubspot_refused"] == 0 and bg.receiver.stats["shopify_refused"] == 0
            assert not unworded(store.path), unworded(store.path)  # targeted jobs' log lines ("... records by id")

            # A forged delivery changes nothing: the same body with a wrong signature is refused.
            forged = next(d for d in deliveries if d["provider"] == "shopify")
            headers = {**forged["headers"], "X-Shopify-Hmac-Sha256": "AAAA" + forged["headers"]["X-Shopify-Hmac-Sha256"][4:],
                       "X-Shopify-Webhook-Id": "forged-1"}
            jobs_before = len(bg.dispatch.jobs)
            async with httpx.AsyncClient() as c:
                r = await c.post(forged["url"], content=forged["body"].encode(), headers=headers)
            assert r.status_code == 401
            await asyncio.sleep(0.1)  # well past the coalescing window: nothing was queued
            assert len(bg.dispatch.jobs) == jobs_before


async def test_the_receiver_answers_while_the_lane_is_busy(store, settings, memory_keyring):
    """A webhook during a long sync gets its 200 before that sync ends; its targeted job then runs in the lane."""
    import asyncio
    import json
    import time

    from lumio_desktop.auth.vault import Credentials
    from lumio_desktop.sync.webhooks import hubspot_v3_signature
    from tests.background.conftest import OnePageClient, add_connection

    vault = TokenVault(memory_keyring)
    cid = add_connection(store, settings={"portal_id": 7})
    vault.set(cid, Credentials(access_token="t", client_secret="s3cret"))
    release = asyncio.Event()
    hub = EventHub()
    service = SyncService(store, settings, hub, client_factory=lambda c: OnePageClient(release=release))
    await service.start()
    bg = Background(store, settings.model_copy(update={"webhook_port": 0}), hub, service, vault=vault)
    await bg.start(strict=True, catch_up=False)
    try:
        long_job = service.submit(cid, "initial", "user")
        await until(lambda: service.is_busy(cid))
        body = json.dumps([{"eventId": 1, "subscriptionId": 2, "portalId": 7, "occurredAt": 1, "objectId": 42,
                            "subscriptionType": "contact.propertyChange"}])
        ts = str(int(time.time() * 1000))
        url = f"{bg.receiver.url}/webhooks/hubspot"
        async with httpx.AsyncClient(timeout=5) as c:
            r = await c.post(url, content=body, headers={
                "X-HubSpot-Signature-v3": hubspot_v3_signature("s3cret", "POST", url, body, ts),
                "X-HubSpot-Request-Timestamp": ts})
        assert r.status_code == 200
        assert service.is_busy(cid) == long_job  # answered while the long sync still runs
        await until(lambda: bg.dispatch.jobs)
        release.set()
        assert await service.wait(long_job) == JobStatus.COMPLETED
        assert await service.wait(bg.dispatch.jobs[0]) == JobStatus.COMPLETED
        with store.session() as s:
            job = s.get(SyncJob, bg.dispatch.jobs[0])
            assert (job.trigger, job.sync_type) == (Trigger.WEBHOOK, "webhook")
    finally:
        await bg.aclose()
        await service.aclose()


async def test_sandbox_activity_is_mirrored_through_webhooks(store, settings, memory_keyring):
    """`SandboxConfig(activity=N)`: people "work" in the providers; every HubSpot contact and Shopify customer a
    delivered webhook names ends up in the store exactly as the provider now holds it (or deleted)."""
    import asyncio
    import json

    vault = TokenVault(memory_keyring)
    # 20 changes a second spread over the three providers, from the start (changes before the targets are
    # registered send nothing; only ids named by delivered webhooks are compared).
    async with serve(SandboxConfig.for_tests(seed=5, records=15, activity=1200.0)) as sb:
        async with hubspot_and_shopify_with_a_receiver(sb, store, settings, vault) as (world, creds, hs, sh,
                                                                                        service, bg):
            await service.run(hs, "initial", "cli")
            await service.run(sh, "initial", "cli")
            world.add_webhook_target("hubspot", f"{bg.receiver.url}/webhooks/hubspot")
            world.add_webhook_target("shopify", f"{bg.receiver.url}/webhooks/shopify")

            def delivered():
                return [d for d in world.webhook_log if d.get("status") == 200]

            await until(lambda: len(delivered()) >= 6, timeout=20)
            world.config.activity = 0
            await asyncio.sleep(0.3)  # a step already asleep finishes its one change and delivery
            await until(lambda: not any(service.is_busy(c) for c in (hs, sh)) and not bg.receiver.coalescer._timers,
                        timeout=20)
            await asyncio.sleep(0.1)
            await until(lambda: not any(service.is_busy(c) for c in (hs, sh)), timeout=20)
            assert all(d.get("status") == 200 for d in world.webhook_log), list(world.webhook_log)

            named: set[tuple[str, str]] = set()
            for d in delivered():
                if d["provider"] == "hubspot":
                    named |= {("contacts", str(e["objectId"])) for e in json.loads(d["body"])
                              if e["subscriptionType"].startswith("contact.")}
                else:
                    named.add(("customers", str(json.loads(d["body"])["id"])))
            assert named
            for obj, ext in sorted(named):
                provider, cid, first = (("hubspot", hs, "firstname") if obj == "contacts"
                                        else ("shopify", sh, "first_name"))
                rec = world.get(provider, obj, ext)
                lead = lead_for(store, cid, ext)
                assert lead is not None, (obj, ext)
                if rec is None or rec.archived:
                    assert lead.deleted_at is not None, (obj, ext)
                else:
                    assert lead.deleted_at is None and lead.first_name == (rec.data.get(first) or None), (obj, ext)
            with store.session() as s:
                jobs = list(s.scalars(select(SyncJob).where(SyncJob.trigger == Trigger.WEBHOOK)))
            assert jobs and all(j.status == JobStatus.COMPLETED for j in jobs)
