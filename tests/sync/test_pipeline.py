"""The page pipeline and the job queue over a real SQLite store, with an in-test provider client (fakes.py)."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy import event, func, select, text, update

from lumio_desktop.store.models import (
    Company,
    ConnectionHealth,
    JobLog,
    JobStatus,
    Lead,
    RecordLink,
    RejectedRecord,
    SyncCursor,
    SyncJob,
)
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.errors import ConfigError, RetryableError
from lumio_desktop.sync.events import EVENTS, EventHub
from tests.engine_words import unworded

from .fakes import ListClient, add_connection, company, contact


class Recorder:
    def __init__(self, hub: EventHub):
        self.events: list[tuple] = []
        self.threads: set[str] = set()
        for name in EVENTS:
            hub.subscribe(name, lambda *a, _n=name: self._on(_n, a))

    def _on(self, name, args):
        self.events.append((name, *args))
        self.threads.add(threading.current_thread().name)

    def names(self, job_id=None):
        return [e[0] for e in self.events if job_id is None or (len(e) > 1 and e[1] == job_id)]


@pytest.fixture(params=["fast", "core"])
def sql_path(request, monkeypatch):
    """Both write paths: the raw SQLite one (FastSQL) and the portable Core statements (PostgreSQL)."""
    from lumio_desktop.sync import pipeline

    monkeypatch.setattr(pipeline, "FAST_SQLITE", request.param == "fast")
    return request.param


@pytest.fixture
def hub():
    return EventHub()


@pytest.fixture
def rec(hub):
    return Recorder(hub)


@pytest.fixture
def client():
    return ListClient({"companies": [company(i, modified=i) for i in range(1, 16)],
                       "contacts": [contact(i, modified=i) for i in range(1, 26)]}, page_size=10)


@pytest.fixture
async def service(store, settings, hub, client):
    svc = SyncService(store, settings, hub, client_factory=lambda conn: client)
    await svc.start()
    yield svc
    await svc.aclose()


def count(store, model, *where):
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


async def until(cond, timeout=5.0):
    for _ in range(int(timeout / 0.01)):
        if cond():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met in time")


def cursor(store, cid, obj):
    with store.session() as s:
        c = s.get(SyncCursor, (cid, obj))
        return None if c is None else c.value


async def test_initial_then_incremental_without_duplicates(store, service, client, rec, sql_path):
    cid = add_connection(store)
    m = await service.run(cid, "initial", "cli")
    assert m.status == "completed", m.error_message
    assert (m.processed_records, m.created_records, m.failed_records) == (40, 40, 0)
    assert m.api_calls == client.stats.api_calls > 0 and m.success_rate == 1.0
    assert count(store, Lead) == 25 and count(store, Company) == 15
    assert count(store, RecordLink) == 40
    cur = cursor(store, cid, "contacts")
    assert cur["complete"] is True and cur["state"]["pos"] == 25
    names = rec.names(m.job_id)
    assert names[0] == "sync_queued" and names[1] == "sync_started" and names[-1] == "sync_finished"
    assert names.count("sync_progress") == 5  # two company pages, three contact pages
    assert ("records_changed", "lead") in rec.events
    assert ("health_changed", cid, "healthy", None) in rec.events

    # Changes in the provider: one edit, one archived, one new; the delta re-reads its boundary record.
    client.data["contacts"][0].update(_modified=100, properties={**client.data["contacts"][0]["properties"],
                                                                  "firstname": "Renamed"})
    client.data["contacts"][1].update(_modified=101, archived=True)
    client.data["contacts"].append(contact(99, modified=102))
    m2 = await service.run(cid, "manual", "user")
    assert m2.status == "completed"
    assert client.calls[-1][1] == "incremental"
    assert (m2.created_records, m2.updated_records) == (1, 2)
    assert count(store, Lead) == 26 and count(store, RecordLink) == 41
    with store.session() as s:
        renamed = s.scalar(select(Lead).join(RecordLink, RecordLink.local_id == Lead.id).where(
            RecordLink.entity == "lead", RecordLink.external_id == "1"))
        assert renamed.first_name == "Renamed" and renamed.deleted_at is None
        gone = s.scalar(select(RecordLink).where(RecordLink.external_id == "2", RecordLink.object_type == "contacts"))
        assert gone.remote_deleted and s.get(Lead, gone.local_id).deleted_at is not None
        assert gone.snapshot["first_name"] == "First2"

    # A no-op incremental: re-read boundary records change nothing.
    m3 = await service.run(cid, "incremental", "schedule")
    assert m3.status == "completed" and (m3.created_records, m3.updated_records) == (0, 0)


async def test_invalid_records_become_rejected_rows_and_the_job_completes(store, service, client, sql_path,
                                                                           settings):
    cid = add_connection(store)
    client.data["contacts"][3] = {"id": "not-a-number", "properties": {}, "_modified": 4}
    client.data["contacts"][5]["properties"] = "broken"
    client.data["companies"][2]["properties"]["numberofemployees"] = "a dozen"
    m = await service.run(cid, "initial", "cli")
    assert m.status == "completed"
    assert m.failed_records == 3 and m.processed_records == 40
    assert m.success_rate == pytest.approx(37 / 40)
    assert count(store, Lead) == 23 and count(store, Company) == 14
    with store.session() as s:
        rows = s.scalars(select(RejectedRecord).order_by(RejectedRecord.id)).all()
        reasons = {r.external_id: r.reason for r in rows}
        assert reasons["3"] == 'employees: "a dozen" is not a whole number'  # the store's field name
        assert reasons["not-a-number"] == 'external_id: "not-a-number" is malformed'
        assert reasons["6"] == 'properties: "broken" is not a JSON object'  # a field Lumio does not store: as sent
        assert all(r.job_id == m.job_id and r.raw.startswith("{") for r in rows)
    missing = unworded(settings.database_path)
    assert not missing, f"sentences no template makes (they would show in English): {missing}"


async def test_duplicates_within_a_page_last_wins(store, service, client):
    cid = add_connection(store)
    client.data = {"contacts": [contact(1, modified=1), contact(1, modified=2, firstname="Second")]}
    client.objects = ["contacts"]
    m = await service.run(cid, "initial", "cli")
    assert m.status == "completed" and m.created_records == 1
    with store.session() as s:
        assert s.scalar(select(Lead.first_name)) == "Second"


async def test_a_failure_mid_page_leaves_no_half_page_and_the_cursor_unchanged(store, service, client, sql_path):
    cid = add_connection(store)
    client.objects = ["contacts"]
    # The store itself refuses the link of contact 15 (page 2): the leads of page 2 were inserted in the same
    # transaction, before the links, and must vanish with it.
    with store.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER boom BEFORE INSERT ON record_links WHEN NEW.external_id = '15' "
                          "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"))
    m = await service.run(cid, "initial", "cli")
    assert m.status == "failed" and "disk says no" in m.error_message
    assert count(store, Lead) == 10 and count(store, RecordLink) == 10
    assert cursor(store, cid, "contacts")["state"]["pos"] == 10
    assert m.processed_records == 10  # progress is part of the page's transaction too
    with store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER boom"))
    m2 = await service.run(cid, "manual", "user")
    assert m2.status == "completed"
    assert client.calls[-1][1] == "initial" and client.calls[-1][2]["pos"] == 10
    assert count(store, Lead) == 25 and count(store, RecordLink) == 25
    assert m2.created_records == 15  # resumed from page 2, nothing read twice


async def test_a_failing_cursor_write_rolls_back_the_records(store, service, client):
    cid = add_connection(store)
    client.objects = ["contacts"]
    with store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TRIGGER boom BEFORE UPDATE ON sync_cursors WHEN NEW.value LIKE '%\"pos\":20,%' "
                             "BEGIN SELECT RAISE(ABORT, 'cursor refused'); END")
    m = await service.run(cid, "initial", "cli")
    assert m.status == "failed"
    assert count(store, Lead) == 10 and cursor(store, cid, "contacts")["state"]["pos"] == 10


async def test_provider_errors_set_the_connection_light(store, service, client, rec):
    cid = add_connection(store)
    client.fail_at["contacts"] = (1, ConfigError("HubSpot says the app lost the contacts scope; reconnect"))
    m = await service.run(cid, "initial", "cli")
    assert m.status == "failed" and "reconnect" in m.error_message
    assert ("health_changed", cid, "config_error", m.error_message) in rec.events
    client.fail_at["contacts"] = (0, RetryableError("HubSpot kept answering 503 after 5 tries"))
    m = await service.run(cid, "manual", "user")
    assert ("health_changed", cid, "transient", "HubSpot kept answering 503 after 5 tries") in rec.events
    client.fail_at.clear()
    m = await service.run(cid, "manual", "user")
    assert m.status == "completed"
    with store.session() as s:
        from lumio_desktop.store.models import Connection

        assert s.get(Connection, cid).health == ConnectionHealth.HEALTHY
    assert count(store, Lead) == 25


async def test_object_types_run_in_parallel(store, service, client):
    cid = add_connection(store)
    await service.run(cid, "initial", "cli")
    assert client.max_active == 2


async def test_cancel_a_queued_and_a_running_job(store, service, client, rec):
    cid = add_connection(store)
    client.objects = ["contacts"]
    client.block_at["contacts"] = 1
    running = service.submit(cid, "initial", "user")
    await asyncio.wait_for(client.blocked.wait(), 5)
    queued = service.submit(cid, "manual", "user")
    assert service.cancel(queued) is True
    assert await service.wait(queued) == JobStatus.CANCELLED
    assert service.cancel(running) is True
    assert await service.wait(running) == JobStatus.CANCELLED
    assert service.cancel(running) is False
    # The store holds whole pages only, and the cursor matches them.
    assert count(store, Lead) == 10 and cursor(store, cid, "contacts")["state"]["pos"] == 10
    m = await service.metrics(running)
    assert m.processed_records == 10 and m.ended_at is not None
    with store.session() as s:
        assert s.get(SyncJob, queued).started_at is None
    client.block_at.clear()
    m = await service.run(cid, "manual", "user")
    assert m.status == "completed" and count(store, Lead) == 25


async def test_cancel_from_another_process_stops_at_the_next_page(store, service, client):
    cid = add_connection(store)
    client.objects = ["contacts"]
    client.block_at["contacts"] = 1
    job = service.submit(cid, "initial", "cli")
    await asyncio.wait_for(client.blocked.wait(), 5)
    await until(lambda: count(store, Lead) == 10)  # page 0 is written (the fetch of page 1 may run ahead of it)
    with store.engine.begin() as conn:  # what `lumio-sync job cancel` does
        conn.execute(update(SyncJob.__table__).where(SyncJob.id == job).values(status=JobStatus.CANCELLED))
    client.release.set()
    assert await service.wait(job) == JobStatus.CANCELLED
    assert count(store, Lead) == 10


async def test_lane_serialises_jobs_of_one_connection(store, service, client):
    cid = add_connection(store)
    other = add_connection(store, "other")
    client.objects = ["contacts"]
    client.block_at["contacts"] = 1
    first = service.submit(cid, "initial", "schedule")
    await asyncio.wait_for(client.blocked.wait(), 5)
    now = service.submit(cid, "manual", "user")  # Sync Now while a run is going: waits its turn
    again = service.submit(cid, "manual", "user")  # one is already waiting: recorded as skipped
    tick = service.submit(other, "incremental", "schedule")  # another connection is not held up
    assert await service.wait(again) == JobStatus.SKIPPED
    with store.session() as s:
        assert s.get(SyncJob, now).status == JobStatus.QUEUED
        assert "already waiting" in s.get(SyncJob, again).error_message
    client.block_at.clear()
    client.release.set()
    assert await service.wait(first) == JobStatus.COMPLETED
    assert await service.wait(now) == JobStatus.COMPLETED
    assert await service.wait(tick) == JobStatus.COMPLETED
    with store.session() as s:
        a, b = s.get(SyncJob, first), s.get(SyncJob, now)
        assert b.started_at >= a.ended_at  # never concurrent on one account
    late = service.submit(cid, "incremental", "schedule")
    assert await service.wait(late) == JobStatus.COMPLETED


async def test_scheduled_run_is_skipped_while_busy(store, service, client):
    cid = add_connection(store)
    client.objects = ["contacts"]
    client.block_at["contacts"] = 0
    first = service.submit(cid, "initial", "user")
    await asyncio.wait_for(client.blocked.wait(), 5)
    tick = service.submit(cid, "incremental", "schedule")
    assert await service.wait(tick) == JobStatus.SKIPPED
    with store.session() as s:
        assert "already running" in s.get(SyncJob, tick).error_message
    client.release.set()
    assert await service.wait(first) == JobStatus.COMPLETED


async def test_interrupted_at_start_up_then_resumed(store, settings, hub, client):
    cid = add_connection(store)
    client.objects = ["contacts"]
    client.block_at["contacts"] = 2
    dead = SyncService(store, settings, hub, client_factory=lambda conn: client)  # the process that "dies"
    job = dead.submit(cid, "initial", "schedule")
    await asyncio.wait_for(client.blocked.wait(), 5)
    await until(lambda: count(store, Lead) == 20)

    dead.jobs.locks.release(cid)  # what the kernel does for a killed process
    fresh = ListClient({"contacts": client.data["contacts"]}, page_size=10)
    svc = SyncService(store, settings, hub, client_factory=lambda conn: fresh)
    found = await svc.start()
    assert [f["job_id"] for f in found] == [job]
    with store.session() as s:
        assert s.get(SyncJob, job).status == JobStatus.INTERRUPTED
    resumed = found[0]["resumed_by"]
    assert await svc.wait(resumed) == JobStatus.COMPLETED
    m = await svc.metrics(resumed)
    assert m.resumed_from == job and m.trigger == "startup" and m.sync_type == "initial"
    assert fresh.calls[0][1] == "initial" and fresh.calls[0][2]["pos"] == 20  # from its checkpoint
    assert m.created_records == 5
    assert count(store, Lead) == 25 and count(store, RecordLink) == 25
    await svc.aclose()
    client.release.set()
    await dead.aclose()


async def test_a_connection_busy_in_another_process_is_skipped_not_run_twice(store, settings, hub, client):
    cid = add_connection(store)
    client.objects = ["contacts"]
    client.block_at["contacts"] = 1
    other = SyncService(store, settings, hub, client_factory=lambda conn: client)  # "the app"
    running = other.submit(cid, "initial", "schedule")
    await asyncio.wait_for(client.blocked.wait(), 5)
    cli = SyncService(store, settings, hub, client_factory=lambda conn: ListClient(client.data))  # "lumio-sync"
    assert await cli.start() == []  # the app's job is alive: not marked interrupted
    m = await cli.run(cid, "manual", "cli")
    assert m.status == "skipped" and "another Lumio process" in m.error_message
    client.release.set()
    assert await other.wait(running) == JobStatus.COMPLETED
    assert (await cli.run(cid, "manual", "cli")).status == "completed"
    await cli.aclose()
    await other.aclose()


async def test_close_marks_running_jobs_interrupted(store, settings, hub, client):
    cid = add_connection(store)
    client.objects = ["contacts"]
    client.block_at["contacts"] = 1
    svc = SyncService(store, settings, hub, client_factory=lambda conn: client)
    job = svc.submit(cid, "initial", "user")
    await asyncio.wait_for(client.blocked.wait(), 5)
    queued = svc.submit(cid, "manual", "user")
    await svc.aclose()
    with store.session() as s:
        assert s.get(SyncJob, job).status == JobStatus.INTERRUPTED
        assert s.get(SyncJob, queued).status == JobStatus.INTERRUPTED
        assert s.scalar(select(func.count()).select_from(JobLog).where(JobLog.job_id == job)) >= 1
    assert client.closed


async def test_database_writes_never_run_on_the_loop_thread(store, service, client, rec):
    cid = add_connection(store)
    loop_thread = threading.current_thread().name
    writers: set[str] = set()

    @event.listens_for(store.engine, "before_cursor_execute")
    def spy(conn, cursor, statement, params, context, executemany):
        writers.add(threading.current_thread().name)

    try:
        m = await service.run(cid, "initial", "cli")
    finally:
        event.remove(store.engine, "before_cursor_execute", spy)
    assert m.status == "completed"
    assert writers and all(w.startswith("lumio-db-writer") for w in writers), writers
    assert loop_thread not in writers
    assert rec.threads == {loop_thread}  # events reach listeners on the loop thread


async def test_unknown_connection_and_unknown_object(store, service, client):
    job = service.submit(999, "manual", "user")
    assert await service.wait(job) == JobStatus.FAILED
    cid = add_connection(store)
    m = await service.run(cid, "manual", "cli", objects=["tickets"])
    assert m.status == "failed" and "tickets" in m.error_message


async def test_targeted_job_fetches_records_by_id_and_keeps_the_cursor(store, service, client):
    cid = add_connection(store)
    client.objects = ["contacts"]
    await service.run(cid, "initial", "cli")
    before = cursor(store, cid, "contacts")
    fetched = []

    async def fetch(object_type, ids):
        from .fakes import fetch_from

        fetched.append((object_type, list(ids)))
        return fetch_from(client, object_type, ids)

    client.fetch = fetch
    client.data["contacts"][0]["properties"]["firstname"] = "Hooked"
    assert service.is_busy(cid) is None
    job = service.submit(cid, "webhook", "webhook", ids={"contacts": ["1", "404"]})
    assert service.is_busy(cid) == job
    assert await service.wait(job) == JobStatus.COMPLETED
    assert fetched == [("contacts", ["1", "404"])]
    assert cursor(store, cid, "contacts") == before
    with store.session() as s:
        assert s.scalar(select(Lead.first_name).join(RecordLink, RecordLink.local_id == Lead.id).where(
            RecordLink.external_id == "1")) == "Hooked"
    m = await service.metrics(job)
    assert m.updated_records == 1 and m.created_records == 0 and m.sync_type == "webhook"


async def test_webhook_ids_join_the_waiting_targeted_job(store, service, client):
    from .fakes import fetch_from

    cid = add_connection(store)
    client.objects = ["contacts"]
    fetched = []

    async def fetch(object_type, ids):
        fetched.append((object_type, list(ids)))
        return fetch_from(client, object_type, ids)

    client.fetch = fetch
    client.block_at["contacts"] = 1
    first = service.submit(cid, "initial", "user")
    await asyncio.wait_for(client.blocked.wait(), 5)
    a = service.submit(cid, "webhook", "webhook", ids={"contacts": ["1"]})
    b = service.submit(cid, "webhook", "webhook", ids={"contacts": ["1", "2"]})
    assert a == b  # merged, nothing dropped
    client.block_at.clear()
    client.release.set()
    assert await service.wait(first) == JobStatus.COMPLETED
    assert await service.wait(a) == JobStatus.COMPLETED
    assert fetched == [("contacts", ["1", "2"])]


async def test_a_full_read_stamps_unchanged_links_as_seen(store, service, client):
    cid = add_connection(store)
    await service.run(cid, "initial", "cli")
    again = await service.run(cid, "initial", "cli")
    assert (again.created_records, again.updated_records) == (0, 0)
    assert count(store, RecordLink, RecordLink.last_seen_job_id != again.job_id) == 0


async def test_a_field_changed_on_both_sides_becomes_a_conflict(store, service, client, rec, sql_path):
    from lumio_desktop.store.models import Conflict, ConflictStatus
    from lumio_desktop.store.types import utcnow

    cid = add_connection(store)
    client.objects = ["contacts"]
    await service.run(cid, "initial", "cli")
    with store.session() as s, s.begin():
        link = s.scalar(select(RecordLink).where(RecordLink.external_id == "1"))
        lead = s.get(Lead, link.local_id)
        lead.first_name, lead.dirty, lead.local_modified_at = "Mine", True, utcnow()
        local_id = lead.id
    c = client.data["contacts"][0]
    c.update(_modified=200, properties={**c["properties"], "firstname": "Theirs", "lastname": "NewLast"})
    m = await service.run(cid, "manual", "user")
    assert m.status == "completed", m.error_message
    with store.session() as s:
        lead = s.get(Lead, local_id)
        assert lead.first_name == "Mine"  # the manual strategy keeps Lumio's edit until a person decides
        assert lead.last_name == "NewLast"  # changed on one side only: merged
        conflict = s.scalar(select(Conflict).where(Conflict.local_id == local_id))
        assert conflict.status == ConflictStatus.OPEN and conflict.field == "first_name"
        assert (conflict.lumio_value, conflict.provider_value, conflict.base_value) == ("Mine", "Theirs", "First1")
    assert ("conflict_detected", cid, 1) in rec.events


async def test_a_waiting_push_job_does_not_swallow_a_pull_and_vice_versa(store, service, client):
    cid = add_connection(store)
    client.objects = ["contacts"]
    client.block_at["contacts"] = 1
    first = service.submit(cid, "initial", "user")
    await asyncio.wait_for(client.blocked.wait(), 5)
    push = service.push_now(cid)
    pull = service.submit(cid, "manual", "user")  # not covered by the waiting push: queued
    full = service.submit(cid, "initial", "user")  # a full read asked for: not covered by a waiting manual
    again = service.submit(cid, "manual", "user")  # covered by the waiting manual
    push2 = service.push_now(cid)  # covered by the waiting push
    assert await service.wait(again) == JobStatus.SKIPPED
    assert await service.wait(push2) == JobStatus.SKIPPED
    client.block_at.clear()
    client.release.set()
    for job in (first, push, pull, full):
        assert await service.wait(job) == JobStatus.COMPLETED, job
