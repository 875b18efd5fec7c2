"""Hygiene: old jobs and their logs go, removed connections are settled as chosen, unseen records are flagged stale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from lumio_desktop.store.models import (
    Alert,
    Connection,
    JobLog,
    JobStatus,
    Lead,
    Provider,
    RecordLink,
    RejectedRecord,
    SyncJob,
)
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.hygiene import HygieneService, disconnect, run_hygiene
from tests.background.conftest import add_connection, add_job

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def add_lead(store, cid, ext, *, seen_job=None, provider=Provider.HUBSPOT, remote_deleted=False, stale=False) -> int:
    with store.session() as s, s.begin():
        lead = Lead(email=f"{ext}@example.com", stale=stale)
        s.add(lead)
        s.flush()
        s.add(RecordLink(connection_id=cid, provider=provider, object_type="contacts", external_id=str(ext),
                         entity="lead", local_id=lead.id, last_seen_job_id=seen_job, remote_deleted=remote_deleted))
        return lead.id


def link(store, cid, lead_id, ext, seen_job=None):
    with store.session() as s, s.begin():
        s.add(RecordLink(connection_id=cid, provider=Provider.HUBSPOT, object_type="contacts", external_id=str(ext),
                         entity="lead", local_id=lead_id, last_seen_job_id=seen_job))


def count(store, model, *where):
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_old_jobs_and_their_logs_are_removed(store):
    cid = add_connection(store)
    old = add_job(store, cid, created_at=NOW - timedelta(days=31))
    stuck = add_job(store, cid, created_at=NOW - timedelta(days=40), status=JobStatus.RUNNING)
    recent = add_job(store, cid, created_at=NOW - timedelta(days=29))
    with store.session() as s, s.begin():
        s.add_all([JobLog(job_id=old, message="old line"), JobLog(job_id=recent, message="recent line"),
                   RejectedRecord(job_id=old, connection_id=cid, object_type="contacts", raw="{}", reason="bad"),
                   Alert(kind="sync_failed", message="old, seen", created_at=NOW - timedelta(days=31),
                         acknowledged_at=NOW - timedelta(days=30)),
                   Alert(kind="sync_failed", message="old, unseen", created_at=NOW - timedelta(days=31))])
    report = run_hygiene(store, now=NOW)
    assert (report.jobs_removed, report.logs_removed, report.alerts_removed) == (1, 1, 1)
    with store.session() as s:
        assert {j.id for j in s.scalars(select(SyncJob))} == {stuck, recent}
        assert [line.message for line in s.scalars(select(JobLog))] == ["recent line"]
        assert s.scalars(select(RejectedRecord)).one().job_id is None  # the raw payload is kept
        assert [a.message for a in s.scalars(select(Alert))] == ["old, unseen"]


def test_records_not_seen_by_the_last_full_sync_are_flagged_stale(store):
    cid = add_connection(store)
    before = add_job(store, cid, created_at=NOW - timedelta(days=2), sync_type="initial")
    full = add_job(store, cid, created_at=NOW - timedelta(days=1), sync_type="initial", processed_records=2)
    later = add_job(store, cid, created_at=NOW - timedelta(hours=1), processed_records=1)
    seen = add_lead(store, cid, 1, seen_job=full)
    seen_later = add_lead(store, cid, 2, seen_job=later)
    gone = add_lead(store, cid, 3, seen_job=before)
    never = add_lead(store, cid, 4, seen_job=None)
    deleted = add_lead(store, cid, 5, seen_job=before, remote_deleted=True)
    back = add_lead(store, cid, 6, seen_job=full, stale=True)  # was stale, seen again
    with store.session() as s, s.begin():
        s.get(SyncJob, full).processed_records = 3
    report = run_hygiene(store, now=NOW)
    with store.session() as s:
        stale = {lead.id for lead in s.scalars(select(Lead).where(Lead.stale.is_(True)))}
    assert stale == {gone, never}
    assert seen not in stale and seen_later not in stale and deleted not in stale and back not in stale
    assert (report.stale_flagged, report.stale_cleared) == (2, 1)
    assert run_hygiene(store, now=NOW).stale_flagged == 0  # idempotent


def test_no_stale_flags_from_a_full_job_that_did_not_stamp_what_it_saw(store):
    cid = add_connection(store)
    full = add_job(store, cid, created_at=NOW - timedelta(days=1), sync_type="initial", processed_records=50)
    add_lead(store, cid, 1, seen_job=full)
    add_lead(store, cid, 2, seen_job=None)
    report = run_hygiene(store, now=NOW)
    assert report.stale_flagged == 0 and report.stale_skipped == [f"{cid}:contacts"]


def test_removed_connections_are_settled_as_the_user_chose(store):
    keep = add_connection(store, name="keep")
    drop = add_connection(store, name="drop")
    other = add_connection(store, name="other")
    kept_lead = add_lead(store, keep, 1)
    only_drop = add_lead(store, drop, 2)
    shared = add_lead(store, drop, 3)
    link(store, other, shared, 33)
    add_job(store, drop, created_at=NOW)
    disconnect(store, keep, keep_records=True, now=NOW)
    disconnect(store, drop, keep_records=False, now=NOW)
    with store.session() as s:
        assert not s.get(Connection, keep).enabled
    report = run_hygiene(store, now=NOW)
    assert (report.connections_removed, report.records_deleted) == (2, 1)
    with store.session() as s:
        assert {c.name for c in s.scalars(select(Connection))} == {"other"}
        assert s.get(Lead, kept_lead).deleted_at is None  # kept, unlinked
        assert s.get(Lead, only_drop).deleted_at is not None  # soft-deleted: recoverable
        assert s.get(Lead, shared).deleted_at is None  # still linked to another connection
        assert [r.connection_id for r in s.scalars(select(RecordLink))] == [other]
        assert s.scalar(select(func.count()).select_from(SyncJob)) == 0


async def test_hygiene_service_runs_now_and_announces_changes(store):
    cid = add_connection(store)
    disconnect(store, cid, keep_records=False)
    hub = EventHub()
    events = []
    hub.subscribe("connections_changed", lambda: events.append("connections"))
    svc = HygieneService(store, hub)
    await svc.start(wait=True)
    assert svc.last_report.connections_removed == 1 and events == ["connections"]


def test_soft_deleted_unlinked_records_are_purged_after_the_retention(store):
    from lumio_desktop.store.models import Company, Deal, RecordEdit

    cid = add_connection(store)
    linked_deleted = add_lead(store, cid, 1)
    with store.session() as s, s.begin():
        old = NOW - timedelta(days=31)
        orphan = Lead(email="gone@example.com", deleted_at=old)
        recent = Lead(email="recent@example.com", deleted_at=NOW - timedelta(days=2))
        merged = Lead(email="merged@example.com", deleted_at=old, merged_into_id=linked_deleted)
        company = Company(name="Gone Inc", deleted_at=old)
        s.add_all([orphan, recent, merged, company])
        s.flush()
        deal = Deal(name="Big one", company_id=company.id, lead_id=orphan.id)
        s.add(deal)
        s.get(Lead, linked_deleted).deleted_at = old  # deleted in the provider: the link keeps it
        s.add(RecordEdit(entity="lead", local_id=orphan.id, field="email", source="edit"))
        ids = (orphan.id, recent.id, merged.id, company.id, deal.id)
    report = run_hygiene(store, now=NOW)
    orphan, recent, merged, company, deal = ids
    assert report.records_purged == 2
    with store.session() as s:
        assert {lead.id for lead in s.scalars(select(Lead))} == {linked_deleted, recent, merged}
        assert s.get(Company, company) is None
        d = s.get(Deal, deal)
        assert (d.company_id, d.lead_id) == (None, None)
        assert s.scalar(select(func.count()).select_from(RecordEdit)) == 0


async def test_a_record_a_full_sync_no_longer_sees_becomes_stale(store, settings, memory_keyring):
    """Real engine against the in-process sandbox: a contact purged in HubSpot (no archive trail) is missing from
    the next full read, so hygiene flags its local lead stale; the others stay fresh."""
    import httpx

    from lumio_desktop.auth.connections import ConnectionService
    from lumio_desktop.auth.vault import TokenVault
    from lumio_desktop.sandbox import SandboxConfig, create_app
    from lumio_desktop.sync.engine import SyncService

    app = create_app(SandboxConfig.for_tests(seed=4, records=8))
    world = app.state.sandbox
    base = "http://sandbox.test"
    vault = TokenVault(memory_keyring)
    cid = ConnectionService(store, vault).create_static(
        "hubspot", world.static_tokens["hubspot"], name="hs", base_url=base).id
    service = SyncService(store, settings, EventHub(), vault=vault, transport=httpx.ASGITransport(app=app))
    await service.start()
    try:
        assert (await service.run(cid, "initial", "cli", ["contacts"])).status == JobStatus.COMPLETED
        gone = world.records("hubspot", "contacts")[0]
        world.purge("hubspot", "contacts", gone.id)
        assert (await service.run(cid, "initial", "cli", ["contacts"])).status == JobStatus.COMPLETED
    finally:
        await service.aclose()
    report = run_hygiene(store)
    with store.session() as s:
        stale = {link.external_id for link in s.scalars(select(RecordLink)) if s.get(Lead, link.local_id).stale}
    assert stale == {gone.id} and report.stale_flagged == 1 and not report.stale_skipped
