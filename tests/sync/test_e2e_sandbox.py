"""End to end against the sandbox in-process (httpx.ASGITransport, real HTTP semantics, the real provider clients),
through SyncService and `lumio-sync export`."""

from __future__ import annotations

import json

import httpx
import pytest

from lumio_desktop.sandbox import SandboxConfig, create_app
from lumio_desktop.store.models import JobStatus, RejectedRecord
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.events import EventHub
from tests.engine_words import unworded

from .sandbox_helpers import OBJECTS, differences

BASE = "http://sandbox.test"


class Env:
    def __init__(self, store, settings, client_options=None, **config):
        from lumio_desktop.auth.connections import ConnectionService
        from lumio_desktop.auth.vault import TokenVault

        self.app = create_app(SandboxConfig.for_tests(**config))
        self.world = self.app.state.sandbox
        self.transport = httpx.ASGITransport(app=self.app)
        self.vault = TokenVault()
        self.store = store
        creds = self.world.credentials(BASE)
        cs = ConnectionService(store, self.vault, transport=self.transport)
        self.ids = {p: cs.create_static(p, creds[p]["token"], name=p, base_url=BASE, shop=creds[p].get("shop")).id
                    for p in OBJECTS}
        self.service = SyncService(store, settings, EventHub(), vault=self.vault, transport=self.transport,
                                   client_options=client_options)

    def problems(self, provider, exported=None):
        return differences(self.store, self.ids[provider], provider, self.world.state(provider)[provider], exported)


@pytest.fixture
async def env(store, settings):
    e = Env(store, settings, records=120, seed=3)
    await e.service.start()
    yield e
    await e.service.aclose()


def select_link(obj, archived=False):
    from sqlalchemy import select

    from lumio_desktop.store.models import RecordLink

    return select(RecordLink.local_id).where(RecordLink.object_type == obj,
                                             RecordLink.remote_deleted.is_(archived)).limit(1)


def exported(capsys, data_dir) -> dict:
    from lumio_desktop.cli import main

    out = {}
    for what, entity in (("leads", "lead"), ("companies", "company"), ("deals", "deal")):
        assert main(["--data-dir", str(data_dir), "export", what]) == 0
        recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        out[entity] = {f"{lk['object_type']}:{lk['external_id']}": r for r in recs for lk in r["links"]}
    return out


async def test_three_providers_sync_and_export_equals_the_sandbox(env, store, data_dir, capsys):
    for p, cid in env.ids.items():
        m = await env.service.run(cid, "initial", "cli")
        assert m.status == "completed", (p, m.error_message)
        assert m.api_calls > 0 and m.failed_records == 0
        assert env.problems(p) == [], p

    # People change things in the providers: edits, archives/deletions, new records.
    w = env.world
    w.edit("hubspot", "contacts", w.records("hubspot", "contacts")[0].id, {"firstname": "Changed"}, notify=False)
    w.archive("hubspot", "deals", w.records("hubspot", "deals")[0].id)
    w.create("hubspot", "contacts", {"email": "new.person@example.com", "firstname": "New"})
    w.edit("salesforce", "Lead", w.records("salesforce", "Lead")[0].id, {"Status": "Working - Contacted"},
           notify=False)
    w.archive("salesforce", "Account", w.records("salesforce", "Account")[0].id)
    w.archive("shopify", "customers", w.records("shopify", "customers")[0].id)
    w.edit("shopify", "customers", w.records("shopify", "customers")[1].id, {"tags": "vip, new"}, notify=False)
    w.clock.advance(1)
    for p, cid in env.ids.items():
        m = await env.service.run(cid, "manual", "user")
        assert m.status == "completed", (p, m.error_message)
        assert m.updated_records + m.created_records >= 1, p
    out = exported(capsys, data_dir)
    for p in env.ids:
        assert env.problems(p, out) == [], p
    assert not unworded(store.path), unworded(store.path)  # every job's log lines, in words the UI translates

    # The comparison can fail: a local field that differs, an unmarked deletion, a lost record.
    from sqlalchemy import delete, update

    from lumio_desktop.store.models import Company, Lead

    with store.engine.begin() as conn:
        lead_id = conn.execute(select_link("contacts")).scalar()
        conn.execute(update(Lead).where(Lead.id == lead_id).values(first_name="Tampered"))
        gone = conn.execute(select_link("Account", archived=True)).scalar()
        conn.execute(update(Company).where(Company.id == gone).values(deleted_at=None))
        lost = conn.execute(select_link("customers")).scalar()
        conn.execute(delete(Lead).where(Lead.id == lost))
    assert any("Tampered" in p for p in env.problems("hubspot"))
    assert any("not marked" in p for p in env.problems("salesforce"))
    assert any("missing" in p for p in env.problems("shopify"))


async def test_invalid_records_from_the_provider_become_rejected_rows(env, store):
    w = env.world
    bad = w.records("hubspot", "deals")[1].id
    w.edit("hubspot", "deals", bad, {"amount": "twelve thousand"}, notify=False)
    m = await env.service.run(env.ids["hubspot"], "initial", "cli")
    assert m.status == "completed" and m.failed_records == 1
    with store.session() as s:
        from sqlalchemy import select

        from lumio_desktop.text import Text, parse

        r = s.scalar(select(RejectedRecord))
        assert r.external_id == bad and "twelve thousand" in r.raw
        assert r.reason == 'amount: "twelve thousand" is not a number'  # the store's field name, a sentence of ours
        assert isinstance(parse(r.reason), Text)  # so the UI shows it in the person's language


async def test_a_revoked_token_turns_the_light_red(env, store):
    from lumio_desktop.store.models import Connection, ConnectionHealth

    env.world.tokens.revoke("hubspot")
    m = await env.service.run(env.ids["hubspot"], "manual", "user")
    assert m.status == JobStatus.FAILED
    with store.session() as s:
        c = s.get(Connection, env.ids["hubspot"])
        assert c.health == ConnectionHealth.CONFIG_ERROR and c.health_reason
    assert not unworded(store.path), unworded(store.path)  # the red light's reason and the job's error


async def test_faults_on_every_provider_and_the_store_still_equals_the_sandbox(store, settings):
    """429 storms (with and without Retry-After), 5xx, connection resets and truncated JSON bodies."""
    import asyncio

    from lumio_desktop.sync.http import RetryPolicy

    async def no_wait(_seconds):
        await asyncio.sleep(0)

    # Each provider's first requests fail in a row (a storm the retries must absorb), then faults stay random.
    # (Salesforce answers "429" as its daily allocation used up, which rightly fails a job: no 429s there.)
    faults = ",".join(
        ("" if p == "salesforce" else f"{p}:429@1x5,{p}:429-no-retry-after@1x3,")
        + f"{p}:500@1x2,{p}:reset@1x2,{p}:malformed@1x2,{p}:503@0.05"
        for p in ("hubspot", "salesforce", "shopify"))
    retry = RetryPolicy(max_attempts=12, max_rate_limited=30, base_delay=0.001, max_delay=0.002, sleep=no_wait)
    e = Env(store, settings, client_options={"retry": retry}, records=150, seed=9, faults=faults)
    await e.service.start()
    try:
        for p, cid in e.ids.items():
            m = await e.service.run(cid, "initial", "cli")
            assert m.status == "completed", (p, m.error_message)
            assert e.problems(p) == [], p
        unfired = [f"{r.provider}:{r.kind}" for r in e.world.faults.rules if r.count and r.fired < r.count]
        assert unfired == [], unfired
        assert not unworded(store.path), unworded(store.path)
    finally:
        await e.service.aclose()


async def test_an_oauth_token_expiring_mid_sync_is_refreshed_and_nothing_is_lost(store, settings):
    import asyncio

    from lumio_desktop.auth.connections import ConnectionService

    e = Env(store, settings, records=300, seed=4, auto_approve=True)
    creds = e.world.credentials(BASE)["hubspot"]
    cs = ConnectionService(store, e.vault, transport=e.transport)
    flow = cs.begin_oauth("hubspot", creds["client_id"], creds["client_secret"], base_url=BASE, name="hs-oauth")

    async def browse():
        url = await flow.start()
        async with httpx.AsyncClient(transport=e.transport) as browser:
            r = await browser.get(url)
        assert r.status_code in (302, 303, 307), r.text[:300]
        async with httpx.AsyncClient() as real:  # the loopback catcher is a real socket
            await real.get(r.headers["location"])

    _, info = await asyncio.gather(browse(), cs.finish_oauth(flow, name="hs-oauth"))
    assert info.auth_kind == "oauth"
    # The access token dies twice during the read (premature expiry, HubSpot's 401 EXPIRED_AUTHENTICATION).
    e.world.faults.add("hubspot", "expire", rate=0.3, count=2, path="/crm/v3/objects")
    await e.service.start()
    try:
        m = await e.service.run(info.id, "initial", "cli")
        assert m.status == "completed", m.error_message
        assert [r.fired for r in e.world.faults.rules] == [2]
        assert differences(store, info.id, "hubspot", e.world.state("hubspot")["hubspot"]) == []
    finally:
        await e.service.aclose()
