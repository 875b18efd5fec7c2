"""Against the sandbox (real HTTP, the real Salesforce client): Contacts and Opportunities end up linked to their
Accounts, whatever order the object types' pages were written in (they run in parallel)."""

from __future__ import annotations

from sqlalchemy import select

from lumio_desktop.store.models import Deal, Lead, RecordLink

from .test_e2e_sandbox import Env


def linked(store, cid, obj, model) -> dict[str, str | None]:
    """external id -> the external id of the Account its local company_id points at."""
    with store.session() as s:
        accounts = {lk.local_id: lk.external_id for lk in s.scalars(select(RecordLink).where(
            RecordLink.connection_id == cid, RecordLink.object_type == "Account"))}
        return {lk.external_id: accounts.get(rec.company_id) for lk, rec in s.execute(
            select(RecordLink, model).join(model, model.id == RecordLink.local_id)
            .where(RecordLink.connection_id == cid, RecordLink.object_type == obj))}


async def test_salesforce_contacts_and_opportunities_point_at_their_accounts(store, settings):
    env = Env(store, settings, records=60, seed=5)
    await env.service.start()
    try:
        cid = env.ids["salesforce"]
        # Contacts and Opportunities alone first: their Accounts are not stored yet.
        m = await env.service.run(cid, "initial", "cli", ["Contact", "Opportunity"])
        assert m.status == "completed", m.error_message
        assert set(linked(store, cid, "Contact", Lead).values()) == {None}
        m = await env.service.run(cid, "initial", "cli", ["Account"])
        assert m.status == "completed", m.error_message
        for obj, model in (("Contact", Lead), ("Opportunity", Deal)):
            want = {r.id: r.data.get("AccountId") for r in env.world.records("salesforce", obj, archived=None)}
            got = linked(store, cid, obj, model)
            assert got == want, obj
            assert sum(v is not None for v in got.values()) > len(got) // 2, obj
    finally:
        await env.service.aclose()
