"""Leads and deals linked to their companies: provider references (HubSpot associations, Salesforce AccountId)
resolved through record_links when a page is written, and, for records that arrived before their company, by the
pass at the end of each read."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lumio_desktop.store.models import Company, Lead, RecordLink
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.mapping import get_map

from .fakes import ListClient, add_connection, company, contact


@pytest.fixture(params=["fast", "core"])
def sql_path(request, monkeypatch):
    from lumio_desktop.sync import pipeline

    monkeypatch.setattr(pipeline, "FAST_SQLITE", request.param == "fast")
    return request.param


def with_company(c: dict, company_id: str | None) -> dict:
    if company_id is not None:
        c["associations"] = {"companies": {"results": [{"id": company_id, "type": "contact_to_company"}]}}
    return c


def lead_companies(store) -> dict[str, str | None]:
    """contact external id -> its company's external id, through the local foreign key."""
    with store.session() as s:
        by_local = {lk.local_id: lk.external_id for lk in s.scalars(
            select(RecordLink).where(RecordLink.object_type == "companies"))}
        out = {}
        for lk, lead in s.execute(select(RecordLink, Lead).join(Lead, Lead.id == RecordLink.local_id)
                                  .where(RecordLink.object_type == "contacts")):
            out[lk.external_id] = by_local.get(lead.company_id) if lead.company_id is not None else None
        return out


@pytest.fixture
def client():
    contacts = [with_company(contact(i, modified=i), str(i % 3 + 1) if i % 4 else None) for i in range(1, 13)]
    return ListClient({"companies": [company(i, modified=i) for i in range(1, 4)], "contacts": contacts},
                      page_size=5)


@pytest.fixture
async def service(store, settings, client):
    svc = SyncService(store, settings, EventHub(), client_factory=lambda conn: client)
    await svc.start()
    yield svc
    await svc.aclose()


def expected(client) -> dict[str, str | None]:
    return {c["id"]: (c["associations"]["companies"]["results"][0]["id"] if "associations" in c else None)
            for c in client.data["contacts"]}


async def test_companies_first_then_contacts_are_linked_when_written(store, service, client, sql_path):
    cid = add_connection(store)
    assert (await service.run(cid, "initial", "cli", ["companies"])).status == "completed"
    m = await service.run(cid, "initial", "cli", ["contacts"])
    assert m.status == "completed", m.error_message
    got = lead_companies(store)
    assert got == expected(client)
    assert sum(v is not None for v in got.values()) == 9  # every 4th contact has no company


async def test_contacts_before_their_companies_are_linked_at_the_end_of_the_companies_read(
        store, service, client, sql_path):
    cid = add_connection(store)
    assert (await service.run(cid, "initial", "cli", ["contacts"])).status == "completed"
    assert set(lead_companies(store).values()) == {None}  # nothing to point at yet
    assert (await service.run(cid, "initial", "cli", ["companies"])).status == "completed"
    assert lead_companies(store) == expected(client)
    with store.session() as s:
        assert s.scalar(select(Company.id).where(Company.name == "Company 1")) is not None


async def test_a_contact_that_moves_to_another_company_is_relinked_and_an_unchanged_reread_is_not_rewritten(
        store, service, client, sql_path):
    cid = add_connection(store)
    assert (await service.run(cid, "initial", "cli")).status == "completed"
    assert lead_companies(store) == expected(client)
    c1 = next(c for c in client.data["contacts"] if c["id"] == "1")
    c1["associations"]["companies"]["results"][0]["id"] = "3"  # same properties, another company
    c2 = next(c for c in client.data["contacts"] if c["id"] == "2")
    del c2["associations"]  # no company any more
    m = await service.run(cid, "initial", "cli", ["contacts"])
    assert m.status == "completed", m.error_message
    got = lead_companies(store)
    assert got["1"] == "3" and got["2"] is None
    assert got == expected(client)
    assert m.updated_records == 0  # the fields did not change: only the reference did


def test_the_maps_read_the_references():
    sf = get_map("salesforce", "Contact")
    ref = {r.target: r for r in sf.refs}["company_id"]
    assert ref.object_type == "Account" and ref.get({"AccountId": "001000000000001AAA"}) == "001000000000001AAA"
    assert ref.get({"AccountId": None}) is None
    deal = {r.target: r for r in get_map("hubspot", "deals").refs}
    raw = {"associations": {"companies": {"results": [{"id": 42}]}, "contacts": {"results": []}}}
    assert deal["company_id"].get(raw) == "42" and deal["lead_id"].get(raw) is None
    assert {r.target for r in get_map("salesforce", "Opportunity").refs} == {"company_id"}
