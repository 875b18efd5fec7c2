"""Two-way sync end to end: the sandbox in-process (httpx.ASGITransport), the real provider clients, SyncService's
lanes, a real SQLite store. Edit in Lumio and in the provider, sync, see the conflict, resolve, push, read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from lumio_desktop.sandbox import SandboxConfig, create_app
from lumio_desktop.store.edits import edit_record
from lumio_desktop.store.models import (
    Connection,
    Direction,
    JobStatus,
    Lead,
    RecordLink,
    RejectedRecord,
    Strategy,
)
from lumio_desktop.sync import conflicts as cf
from lumio_desktop.sync import dedupe as dd
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.events import EventHub
from lumio_desktop.text import Text, parse
from tests.engine_words import unworded

BASE = "http://sandbox.test"
# provider -> (object, its field for a lead's job title / phone, the Lumio field)
TARGET = {"hubspot": ("contacts", "jobtitle", "job_title"), "salesforce": ("Contact", "Title", "job_title"),
          "shopify": ("customers", "phone", "phone")}


class Env:
    def __init__(self, store, settings, providers, **config):
        from lumio_desktop.auth.connections import ConnectionService
        from lumio_desktop.auth.vault import TokenVault

        self.app = create_app(SandboxConfig.for_tests(**config))
        self.world = self.app.state.sandbox
        self.transport = httpx.ASGITransport(app=self.app)
        self.store = store
        self.creds = self.world.credentials(BASE)
        self.vault = vault = TokenVault()
        cs = ConnectionService(store, vault, transport=self.transport)
        self.ids = {p: cs.create_static(p, self.creds[p]["token"], name=p, base_url=BASE,
                                        shop=self.creds[p].get("shop")).id for p in providers}
        self.hub = EventHub()
        self.detected: list[tuple[int, int]] = []
        self.hub.subscribe("conflict_detected", lambda cid, n: self.detected.append((cid, n)))
        self.service = SyncService(store, settings, self.hub, vault=vault, transport=self.transport)

    def configure(self, provider, strategy, direction=Direction.BOTH):
        with self.store.session.begin() as s:
            c = s.get(Connection, self.ids[provider])
            c.strategy, c.direction = strategy, direction

    async def sync(self, provider):
        m = await self.service.run(self.ids[provider], "manual", "user")
        assert m.status == JobStatus.COMPLETED, m.error_message
        return m

    async def push(self, provider):
        job = self.service.push_now(self.ids[provider])
        assert await self.service.wait(job) == JobStatus.COMPLETED

    def linked_lead(self, provider, n=0):
        """A synced record of the provider and its local lead id (one with a usable email and name)."""
        obj = TARGET[provider][0]
        with self.store.session() as s:
            for rec in self.world.records(provider, obj)[n:]:
                local_id = s.scalar(select(RecordLink.local_id).where(
                    RecordLink.connection_id == self.ids[provider], RecordLink.object_type == obj,
                    RecordLink.external_id == str(rec.id)))
                if local_id is not None:
                    return rec.id, local_id
        raise AssertionError("no linked record")

    async def read_back(self, provider, ext_id):
        """The field as the provider's own API returns it now."""
        obj, field, _ = TARGET[provider]
        token = self.creds[provider]["token"]
        async with httpx.AsyncClient(transport=self.transport, base_url=BASE) as http:
            if provider == "hubspot":
                r = await http.get(f"/crm/v3/objects/{obj}/{ext_id}", params={"properties": field},
                                   headers={"Authorization": f"Bearer {token}"})
                return r.json()["properties"].get(field)
            if provider == "salesforce":
                r = await http.get(f"/services/data/v59.0/sobjects/{obj}/{ext_id}",
                                   headers={"Authorization": f"Bearer {token}"})
                return r.json()[field]
        rec = self.world.get(provider, obj, ext_id)
        return rec.data.get(field)

    def edit_in_provider(self, provider, ext_id, value, *, at: datetime | None = None):
        obj, field, _ = TARGET[provider]
        self.world.clock.advance(2)
        modified = int(at.timestamp() * 1000) if at else None
        self.world.update(provider, obj, ext_id, {field: value}, modified=modified)

    def local(self, lead_id, field):
        with self.store.session() as s:
            return getattr(s.get(Lead, lead_id), field)


@pytest.fixture
async def env(store, settings, request):
    params = getattr(getattr(request.node, "callspec", None), "params", {})
    # Only the providers a test uses are synced (keeps the suite quick).
    providers = getattr(request, "param", None) or ((params["provider"],) if "provider" in params
                                                    else ("hubspot", "salesforce"))
    e = Env(store, settings, providers, records=20, seed=5)
    await e.service.start()
    for p in providers:
        m = await e.service.run(e.ids[p], "initial", "cli")
        assert m.status == JobStatus.COMPLETED, m.error_message
    yield e
    await e.service.aclose()


@pytest.mark.parametrize("provider", ["salesforce", "hubspot"])
async def test_conflict_keep_lumio_pushes_and_undo_restores(env, provider):
    ext, lead_id = env.linked_lead(provider)
    _, _, field = TARGET[provider]
    env.configure(provider, Strategy.MANUAL)
    edit_record(env.store, "lead", lead_id, {field: "VP Sales"}, actor="you")
    env.edit_in_provider(provider, ext, "Sales Director")
    await env.sync(provider)

    (c,) = cf.list_conflicts(env.store)
    assert (c.field, c.lumio_value, c.provider_value, c.lumio_modified_by) == (field, "VP Sales", "Sales Director", "you")
    assert c.external_id == str(ext) and c.connection_name == provider and c.provider_modified_at is not None
    assert env.detected == [(env.ids[provider], 1)]
    assert env.local(lead_id, field) == "VP Sales"  # manual: Lumio keeps its value until a person decides
    assert await env.read_back(provider, ext) == "Sales Director"  # ... and nothing was pushed

    report = cf.resolve(env.store, [c.id], "lumio", actor="you")
    assert report.push_connections == {env.ids[provider]}
    await env.push(provider)
    assert await env.read_back(provider, ext) == "VP Sales"

    # Reading our own value back is not a change: no new conflict, nothing pushed again, nothing rejected.
    m = await env.sync(provider)
    assert cf.count_open(env.store) == 0 and env.local(lead_id, field) == "VP Sales"
    assert m.failed_records == 0
    with env.store.session() as s:
        assert s.get(Lead, lead_id).dirty is False

    out = cf.undo(env.store, c.id, actor="you")
    assert out.push_connection == env.ids[provider]
    await env.push(provider)
    assert await env.read_back(provider, ext) == "Sales Director"  # the provider's value is back
    assert env.local(lead_id, field) == "VP Sales" and cf.count_open(env.store) == 1  # and the conflict is open again
    await env.sync(provider)
    assert cf.count_open(env.store) == 1 and await env.read_back(provider, ext) == "Sales Director"
    assert isinstance(parse(out.message), Text)
    assert not unworded(env.store.path), unworded(env.store.path)  # job reasons, push log lines, health


@pytest.mark.parametrize("provider", ["salesforce", "hubspot"])
@pytest.mark.parametrize("strategy", list(Strategy))
async def test_each_strategy_end_to_end(env, provider, strategy):
    ext, lead_id = env.linked_lead(provider, 1)
    _, _, field = TARGET[provider]
    env.configure(provider, strategy)
    now = datetime.fromtimestamp(env.world.clock.now(), UTC)
    # last_modified: Lumio's edit is the newer one here (the provider's is dated ten minutes earlier).
    edit_record(env.store, "lead", lead_id, {field: "VP Sales"}, actor="you", at=now)
    env.edit_in_provider(provider, ext, "Sales Director",
                         at=now - timedelta(minutes=10) if strategy is Strategy.LAST_MODIFIED else None)
    await env.sync(provider)
    views = cf.list_conflicts(env.store, status=None)
    assert len(views) == 1 and (views[0].lumio_value, views[0].provider_value) == ("VP Sales", "Sales Director")
    expected = {Strategy.PROVIDER: ("Sales Director", "Sales Director", "auto"),
                Strategy.LUMIO: ("VP Sales", "VP Sales", "auto"),
                Strategy.LAST_MODIFIED: ("VP Sales", "VP Sales", "auto"),
                Strategy.MANUAL: ("VP Sales", "Sales Director", "open")}[strategy]
    assert (env.local(lead_id, field), await env.read_back(provider, ext), views[0].status) == expected
    # The loser is kept: an automatic decision can be undone like a person's.
    if views[0].status == "auto":
        cf.undo(env.store, views[0].id)
        await env.push(provider)
        assert env.local(lead_id, field) == "VP Sales" and await env.read_back(provider, ext) == "Sales Director"
        assert cf.count_open(env.store) == 1


@pytest.mark.parametrize("env", [("salesforce",)], indirect=True)
async def test_last_modified_provider_newer_wins(env):
    ext, lead_id = env.linked_lead("salesforce", 2)
    env.configure("salesforce", Strategy.LAST_MODIFIED)
    now = datetime.fromtimestamp(env.world.clock.now(), UTC)
    edit_record(env.store, "lead", lead_id, {"job_title": "VP Sales"}, actor="you", at=now - timedelta(hours=1))
    env.edit_in_provider("salesforce", ext, "Sales Director")
    await env.sync("salesforce")
    assert env.local(lead_id, "job_title") == "Sales Director"
    (c,) = cf.list_conflicts(env.store, status="auto")
    assert c.winner == "provider" and c.lumio_value == "VP Sales"  # the losing value is kept


@pytest.mark.parametrize("env", [("hubspot",)], indirect=True)
async def test_non_conflicting_edits_merge_and_push_errors_become_rejected_rows(env):
    ext, lead_id = env.linked_lead("hubspot", 3)
    env.configure("hubspot", Strategy.MANUAL)
    edit_record(env.store, "lead", lead_id, {"city": "Lumioville", "email": "not-an-email"}, actor="you")
    env.edit_in_provider("hubspot", ext, "Buyer")
    await env.sync("hubspot")
    assert cf.count_open(env.store) == 0
    assert env.local(lead_id, "job_title") == "Buyer" and env.local(lead_id, "city") == "Lumioville"
    with env.store.session() as s:
        rejected = s.scalars(select(RejectedRecord).where(RejectedRecord.direction == "push")).all()
    # The sandbox validates emails as HubSpot does: the record is refused, with HubSpot's own message kept.
    (r,) = rejected
    assert r.external_id == str(ext) and "INVALID_EMAIL" in r.reason and '"city": "Lumioville"' in r.raw
    with env.store.session() as s:
        assert s.get(Lead, lead_id).dirty  # still pending: tried again at the next push
    assert not unworded(env.store.path), unworded(env.store.path)  # the refused push's reason and log line
    assert await env.read_back("hubspot", ext) == "Buyer"


@pytest.mark.parametrize("env", [("shopify",)], indirect=True)
async def test_shopify_pull_only_detects_conflicts_and_pushes_nothing(env):
    ext, lead_id = env.linked_lead("shopify")
    env.configure("shopify", Strategy.MANUAL, Direction.PULL)
    edit_record(env.store, "lead", lead_id, {"phone": "+55 11 98888-0000"}, actor="you")
    env.edit_in_provider("shopify", ext, "+55 11 97777-1111")
    await env.sync("shopify")
    (c,) = cf.list_conflicts(env.store)
    assert (c.lumio_value, c.provider_value) == ("+55 11 98888-0000", "+55 11 97777-1111")
    assert env.local(lead_id, "phone") == "+55 11 98888-0000"
    report = cf.resolve(env.store, [c.id], "lumio")
    assert report.push_connections == set() and "pull-only" in report.outcomes[0].message
    assert isinstance(parse(report.outcomes[0].message), Text)
    await env.sync("shopify")
    assert await env.read_back("shopify", ext) == "+55 11 97777-1111" and cf.count_open(env.store) == 0
    assert not unworded(env.store.path), unworded(env.store.path)


@pytest.mark.parametrize("env", [("hubspot", "salesforce", "shopify")], indirect=True)
@pytest.mark.parametrize("strategy", dd.STRATEGIES)
async def test_dedupe_cross_provider_duplicates_each_strategy_with_undo(env, strategy):
    groups = dd.find_groups(env.store, strategy=strategy)
    cross = [g for g in groups if g.cross_provider]
    assert cross, "the sandbox shares people between providers"
    with env.store.session() as s:
        links_before = {(lk.connection_id, lk.external_id): lk.local_id for lk in s.scalars(select(RecordLink))}
    dry = dd.dedupe(env.store, strategy=strategy, dry_run=True)
    if strategy == "manual":
        assert dry.merges == [] and all(g.survivor is None for g in dry.groups)
        plan = dd.merge_group(env.store, cross[0].members[-1], cross[0].members[:-1], actor="you")
        plans = [plan]
    else:
        assert len(dry.merges) == len(groups)
        report = dd.dedupe(env.store, strategy=strategy, actor="you")
        plans = report.merges
        if strategy == "keep_provider":
            by_id = {g.survivor: g for g in groups}
            for p in plans:
                assert "salesforce" in by_id[p.survivor].providers or "hubspot" in by_id[p.survivor].providers
    with env.store.session() as s:
        for p in plans:
            providers = set(s.scalars(select(RecordLink.provider).where(RecordLink.entity == "lead",
                                                                        RecordLink.local_id == p.survivor)))
            assert len(providers) >= 2 or len(p.merged) >= 1
            assert all(s.get(Lead, m).merged_into_id == p.survivor for m in p.merged)
    # Syncing after a merge keeps the links on the survivor and adds no duplicate.
    for prov in env.ids:
        await env.sync(prov)
    assert not [g for g in dd.find_groups(env.store) if g.cross_provider and
                any(m in {p.survivor for p in plans} for m in g.members)]
    for p in plans:
        dd.undo_merge(env.store, p.merge_id, actor="you")
    with env.store.session() as s:
        links_after = {(lk.connection_id, lk.external_id): lk.local_id for lk in s.scalars(select(RecordLink))}
        assert links_after == links_before
        assert s.scalar(select(Lead.id).where(Lead.merged_into_id.is_not(None))) is None


@pytest.mark.parametrize("env", [("salesforce",)], indirect=True)
async def test_salesforce_lead_status_is_mapped_and_read_back_is_not_a_change(env):
    env.configure("salesforce", Strategy.MANUAL)
    with env.store.session() as s:
        link = s.scalars(select(RecordLink).where(RecordLink.connection_id == env.ids["salesforce"],
                                                  RecordLink.object_type == "Lead")).first()
    edit_record(env.store, "lead", link.local_id, {"status": "customer"}, actor="you")
    await env.sync("salesforce")  # the pull finds nothing new; the push at its end writes the status
    token = env.creds["salesforce"]["token"]
    async with httpx.AsyncClient(transport=env.transport, base_url=BASE) as http:
        r = await http.get(f"/services/data/v59.0/sobjects/Lead/{link.external_id}",
                           headers={"Authorization": f"Bearer {token}"})
    assert r.json()["Status"] == "Closed - Converted" and r.json()["Lumio_ID__c"] == str(link.local_id)
    m = await env.sync("salesforce")
    assert env.local(link.local_id, "status") == "customer" and cf.count_open(env.store) == 0
    with env.store.session() as s:
        assert s.get(Lead, link.local_id).dirty is False
    assert m.updated_records <= 1  # our own write read back once, merged as "no change"


class CountingTransport(httpx.AsyncBaseTransport):
    """The sandbox's ASGI transport, remembering each request's method and path (to count write calls)."""

    def __init__(self, inner):
        self.inner = inner
        self.calls: list[tuple[str, str]] = []

    async def handle_async_request(self, request):
        self.calls.append((request.method, request.url.path))
        return await self.inner.handle_async_request(request)


async def test_salesforce_push_goes_200_records_a_call(store, settings):
    e = Env(store, settings, ("salesforce",), records=30, seed=7)
    e.world.create_many("salesforce", "Contact", 230)
    counting = CountingTransport(e.transport)
    e.service = SyncService(store, settings, e.hub, vault=e.vault, transport=counting)
    await e.service.start()
    try:
        await e.sync("salesforce")
        e.configure("salesforce", Strategy.MANUAL)
        with store.session() as s:
            ids = list(s.scalars(select(RecordLink.local_id).where(RecordLink.object_type == "Contact")))
        assert len(ids) > 200
        for i in ids:
            edit_record(store, "lead", i, {"job_title": f"Title {i}"}, actor="bulk")
        counting.calls.clear()
        await e.push("salesforce")
        writes = [c for c in counting.calls if c[0] == "PATCH" and "/composite/sobjects" in c[1]]
        assert len(writes) == -(-len(ids) // 200)  # ceil: 200 records a call
        with store.session() as s:
            assert s.scalar(select(Lead.id).where(Lead.dirty.is_(True))) is None
        sample = e.world.get("salesforce", "Contact", next(iter(e.world.records("salesforce", "Contact"))).id)
        assert sample.data["Title"].startswith("Title ")
    finally:
        await e.service.aclose()


@pytest.mark.parametrize("env", [("shopify",)], indirect=True)
async def test_shopify_two_way_customer_update_when_turned_on(env):
    ext, lead_id = env.linked_lead("shopify", 1)
    env.configure("shopify", Strategy.LUMIO, Direction.BOTH)
    edit_record(env.store, "lead", lead_id, {"phone": "+55 11 95555-0101", "tags": ["vip", "lumio"]}, actor="you")
    env.edit_in_provider("shopify", ext, "+55 11 94444-0202")
    await env.sync("shopify")
    rec = env.world.get("shopify", "customers", ext)
    assert rec.data["phone"] == "+55 11 95555-0101" and rec.data["tags"] == "vip, lumio"
    (c,) = cf.list_conflicts(env.store, status="auto")
    assert c.winner == "lumio" and c.provider_value == "+55 11 94444-0202"
    m = await env.sync("shopify")
    assert m.failed_records == 0 and cf.count_open(env.store) == 0
    assert env.local(lead_id, "tags") == ["vip", "lumio"]


@pytest.mark.parametrize("env", [("hubspot",)], indirect=True)
async def test_field_override_beats_the_connection_strategy(env):
    ext, lead_id = env.linked_lead("hubspot", 2)
    env.configure("hubspot", Strategy.PROVIDER)
    with env.store.session.begin() as s:
        s.get(Connection, env.ids["hubspot"]).field_strategies = {"phone": "lumio"}
    edit_record(env.store, "lead", lead_id, {"job_title": "VP Sales", "phone": "+1 415 555 0101"}, actor="you")
    env.world.clock.advance(2)
    env.world.update("hubspot", "contacts", ext, {"jobtitle": "Sales Director", "phone": "+1 415 555 0202"})
    await env.sync("hubspot")
    assert env.local(lead_id, "job_title") == "Sales Director"  # the connection's strategy: provider
    assert env.local(lead_id, "phone") == "+1 415 555 0101"  # the field's override: Lumio, pushed
    token = env.creds["hubspot"]["token"]
    async with httpx.AsyncClient(transport=env.transport, base_url=BASE) as http:
        r = await http.get(f"/crm/v3/objects/contacts/{ext}", params={"properties": "phone,jobtitle"},
                           headers={"Authorization": f"Bearer {token}"})
    assert r.json()["properties"]["phone"] == "+1 415 555 0101"
    assert r.json()["properties"]["jobtitle"] == "Sales Director"
    assert {c.field: c.winner for c in cf.list_conflicts(env.store, status="auto")} == {
        "job_title": "provider", "phone": "lumio"}


async def test_a_merged_lead_carries_one_providers_change_to_the_other(env):
    """After dedupe, the survivor is linked to HubSpot and Salesforce; a change made in HubSpot reaches Salesforce."""
    group = next(g for g in dd.find_groups(env.store, strategy="keep_latest")
                 if {"hubspot", "salesforce"} <= set(g.providers))
    dd.merge_group(env.store, group.survivor, group.members)
    for p in ("hubspot", "salesforce"):
        env.configure(p, Strategy.PROVIDER)
    with env.store.session() as s:
        links = {str(lk.provider): lk for lk in s.scalars(select(RecordLink).where(
            RecordLink.entity == "lead", RecordLink.local_id == group.survivor))}
    hs, sf = links["hubspot"], links["salesforce"]
    env.world.clock.advance(2)
    env.world.update("hubspot", "contacts", hs.external_id, {"jobtitle": "Head of Partnerships"})
    await env.sync("hubspot")
    assert env.local(group.survivor, "job_title") == "Head of Partnerships"
    await env.sync("salesforce")  # nothing changed in Salesforce; its push carries Lumio's new value
    token = env.creds["salesforce"]["token"]
    async with httpx.AsyncClient(transport=env.transport, base_url=BASE) as http:
        r = await http.get(f"/services/data/v59.0/sobjects/{sf.object_type}/{sf.external_id}",
                           headers={"Authorization": f"Bearer {token}"})
    assert r.json()["Title"] == "Head of Partnerships"
    await env.sync("hubspot")
    await env.sync("salesforce")
    assert cf.count_open(env.store) == 0 and env.local(group.survivor, "job_title") == "Head of Partnerships"


@pytest.mark.parametrize("env", [("hubspot", "salesforce")], indirect=True)
async def test_company_dedupe_on_the_sandbox_with_undo(env):
    """The same company typed into HubSpot after it was in Salesforce: grouped by web domain, Salesforce's kept."""
    account = next(a for a in env.world.records("salesforce", "Account") if a.data.get("Website"))
    env.world.create("hubspot", "companies", {"name": str(account.data["Name"]).upper(),
                                              "domain": dd.normalize_domain(None, account.data["Website"])})
    await env.sync("hubspot")
    groups = dd.find_groups(env.store, strategy="keep_provider", entity="companies")
    (g,) = [g for g in groups if {"hubspot", "salesforce"} <= set(g.providers)]
    assert any("same domain" in r for r in g.reasons)
    (plan,) = [p for p in dd.dedupe(env.store, strategy="keep_provider", entity="companies").merges
               if p.survivor == g.survivor]
    with env.store.session() as s:
        assert {str(p) for p in s.scalars(select(RecordLink.provider).where(
            RecordLink.entity == "company", RecordLink.local_id == plan.survivor))} == {"hubspot", "salesforce"}
        assert str(s.scalar(select(RecordLink.provider).where(RecordLink.entity == "company",
                                                              RecordLink.local_id == plan.survivor,
                                                              RecordLink.external_id == str(account.id)))) \
            == "salesforce"
    await env.sync("hubspot")
    await env.sync("salesforce")
    for p in dd.merges(env.store):
        if not p["undone"]:
            dd.undo_merge(env.store, p["merge_id"])
    assert dd.find_groups(env.store, strategy="manual", entity="companies")
