"""The scheduler on a hand-moved wall clock: runs on the cron, a busy lane gives a skipped job, catch-up once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from lumio_desktop.compat import crontab_dow_to_names
from lumio_desktop.store.models import Connection, JobStatus, Provider, SyncJob
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.scheduler import SyncScheduler, list_schedule
from lumio_desktop.text import Text, parse
from tests.background.conftest import StubService, add_connection, add_job, until
from tests.engine_words import unworded


def make(store, settings, clock, service=None, hub=None):
    return SyncScheduler(store, settings, hub or EventHub(), service or StubService(store), timezone=UTC,
                         clock=clock.now, max_wait=0.01)


async def test_two_runs_on_the_cron_and_one_skipped_because_busy(store, settings, clock):
    cid = add_connection(store, created_at=clock.now())
    svc = StubService(store)
    hub = EventHub()
    finished = []
    hub.subscribe("sync_finished", lambda *a: finished.append(a))
    sched = make(store, settings, clock, svc, hub)
    await sched.start()
    try:
        assert sched.next_run_time(cid) == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
        clock.advance(minutes=30)  # 09:30:30
        await until(lambda: len(svc.submitted) == 1)
        assert svc.submitted[0] == (cid, "incremental", "schedule")
        clock.advance(minutes=30)  # 10:00:30
        await until(lambda: len(svc.submitted) == 2)
        svc.busy.add(cid)
        clock.advance(minutes=30)  # 10:30:30: the lane is busy
        await until(lambda: finished)
        assert len(svc.submitted) == 2
        with store.session() as s:
            job = s.scalars(select(SyncJob)).one()
        assert job.status == JobStatus.SKIPPED and job.trigger == "schedule"
        assert "still running" in job.error_message
        assert finished == [(job.id, cid, "skipped")]
        assert sched.next_run_time(cid) == datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
        assert not unworded(store.path), unworded(store.path)  # the skipped reason and its log line translate
    finally:
        await sched.aclose()


async def test_busy_lane_is_read_from_the_jobs_table(store, settings, clock):
    cid = add_connection(store, created_at=clock.now())
    add_job(store, cid, created_at=clock.now(), status=JobStatus.RUNNING, job_id="running-1")
    sched = make(store, settings, clock)
    await sched.start(catch_up=False)
    try:
        job_id = await sched.run_now(cid)
        with store.session() as s:
            assert s.get(SyncJob, job_id).status == JobStatus.SKIPPED
            assert "running-1" in s.get(SyncJob, job_id).error_message
        assert not unworded(store.path), unworded(store.path)
    finally:
        await sched.aclose()


async def test_missed_runs_are_caught_up_once_at_start_up(store, settings, clock):
    long_ago = clock.now() - timedelta(hours=5)
    down = add_connection(store, name="was-down", created_at=long_ago - timedelta(days=1))
    add_job(store, down, created_at=long_ago)  # last job 5 h ago: ten runs missed
    fresh = add_connection(store, name="fresh", created_at=long_ago)
    add_job(store, fresh, created_at=clock.now() - timedelta(seconds=20))  # 09:00:10: nothing missed since
    svc = StubService(store)
    sched = make(store, settings, clock, svc)
    await sched.start()
    try:
        assert svc.submitted == [(down, "incremental", "startup")]
        assert len(sched.catch_ups) == 1
    finally:
        await sched.aclose()


async def test_pause_resume_and_reload_on_connections_changed(store, settings, clock):
    hub = EventHub()
    cid = add_connection(store, created_at=clock.now())
    svc = StubService(store)
    sched = make(store, settings, clock, svc, hub)
    await sched.start()
    try:
        sched.pause()
        assert sched.paused and sched.next_run_time(cid) is None
        sched.resume()
        assert sched.next_run_time(cid) is not None
        with store.session() as s, s.begin():
            s.get(Connection, cid).schedule = "0 * * * *"
        sf = add_connection(store, name="sf", provider=Provider.SALESFORCE, created_at=clock.now())
        hub.publish("connections_changed")
        await until(lambda: sched.next_run_time(sf) is not None)
        assert sched.next_run_time(cid) == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
        assert sched.next_run_time(sf) == datetime(2026, 3, 2, 9, 10, tzinfo=UTC)  # salesforce_schedule */10
        with store.session() as s, s.begin():
            s.get(Connection, cid).enabled = False
        hub.publish("connections_changed")
        await until(lambda: sched.next_run_time(cid) is None)
    finally:
        await sched.aclose()


def test_list_schedule_without_a_running_scheduler(store, settings):
    add_connection(store, name="a", schedule="15 9 * * 1-5")
    add_connection(store, name="b", schedule="not a cron")
    now = datetime(2026, 3, 6, 10, 0, tzinfo=UTC)  # a Friday, after 09:15
    entries = {e.name: e for e in list_schedule(store, settings, timezone=UTC, now=now)}
    assert entries["a"].next_run == datetime(2026, 3, 9, 9, 15, tzinfo=UTC)  # Monday: crontab's 1 is Monday
    assert entries["b"].cron == "*/30 * * * *" and "not valid" in entries["b"].error
    assert isinstance(parse(entries["b"].error), Text)


def test_crontab_day_numbers():
    assert crontab_dow_to_names("1-5") == "mon,tue,wed,thu,fri"
    assert crontab_dow_to_names("0") == crontab_dow_to_names("7") == "sun"
    assert crontab_dow_to_names("*/2") == "sun,tue,thu,sat"


async def test_started_paused_catches_up_at_the_first_resume(store, settings, clock):
    cid = add_connection(store, created_at=clock.now() - timedelta(days=1))
    add_job(store, cid, created_at=clock.now() - timedelta(hours=3))
    svc = StubService(store)
    sched = make(store, settings, clock, svc)
    await sched.start(paused=True)
    try:
        assert svc.submitted == [] and sched.next_run_time(cid) is None
        sched.resume()
        await until(lambda: svc.submitted)
        assert svc.submitted == [(cid, "incremental", "startup")]
        sched.pause()
        sched.resume()
        await asyncio.sleep(0.05)
        assert len(svc.submitted) == 1  # once
    finally:
        await sched.aclose()


async def test_with_the_real_engine_a_busy_lane_gives_a_skipped_job(store, settings, clock):
    from lumio_desktop.sync.engine import SyncService
    from tests.background.conftest import OnePageClient

    cid = add_connection(store, created_at=clock.now())
    release = asyncio.Event()
    hub = EventHub()
    service = SyncService(store, settings, hub, client_factory=lambda c: OnePageClient(release=release))
    await service.start()
    sched = make(store, settings, clock, service, hub)
    await sched.start()
    try:
        manual = service.submit(cid, "manual", "user")  # a person's Sync Now holds the lane
        await until(lambda: service.is_busy(cid))
        clock.advance(minutes=30)
        await until(lambda: store_jobs(store, JobStatus.SKIPPED))
        skipped = store_jobs(store, JobStatus.SKIPPED)[0]
        assert skipped.trigger == "schedule" and manual in skipped.error_message
        release.set()
        assert await service.wait(manual) == JobStatus.COMPLETED
        clock.advance(minutes=30)  # the lane is free: the next tick runs
        await until(lambda: len(store_jobs(store, JobStatus.COMPLETED)) == 2, timeout=10)
        assert not unworded(store.path), unworded(store.path)  # skipped reason, job log lines, health
    finally:
        await sched.aclose()
        await service.aclose()


def store_jobs(store, status):
    with store.session() as s:
        return list(s.scalars(select(SyncJob).where(SyncJob.status == status)))


async def test_catch_up_leaves_a_busy_lane_alone(store, settings, clock):
    cid = add_connection(store, created_at=clock.now() - timedelta(days=1))
    add_job(store, cid, created_at=clock.now() - timedelta(hours=3))
    svc = StubService(store)
    svc.busy.add(cid)  # the engine is resuming this connection's interrupted job
    sched = make(store, settings, clock, svc)
    await sched.start()
    try:
        assert svc.submitted == [] and sched.catch_ups == []
        with store.session() as s:
            assert s.scalars(select(SyncJob).where(SyncJob.status == JobStatus.SKIPPED)).first() is None
    finally:
        await sched.aclose()


async def test_runs_slept_through_are_caught_up_once_on_waking(store, settings, clock):
    cid = add_connection(store, created_at=clock.now())
    svc = StubService(store)
    sched = make(store, settings, clock, svc)
    await sched.start()
    try:
        clock.advance(hours=3, minutes=20)  # 12:20:30: six runs missed, the last by 20 minutes (> the grace time)
        await until(lambda: svc.submitted)
        await asyncio.sleep(0.1)
        assert svc.submitted == [(cid, "incremental", "schedule")]
        assert sched.next_run_time(cid) == datetime(2026, 3, 2, 12, 30, tzinfo=UTC)
    finally:
        await sched.aclose()


async def test_a_running_row_left_by_a_killed_process_does_not_block_the_schedule(store, settings, clock):
    from lumio_desktop.sync.engine import SyncService
    from tests.background.conftest import OnePageClient

    cid = add_connection(store, created_at=clock.now())
    service = SyncService(store, settings, EventHub(), client_factory=lambda c: OnePageClient())
    await service.start()
    # A `lumio-sync sync` killed with SIGKILL after this app started: its row stays `running`, its lock is gone.
    add_job(store, cid, created_at=clock.now(), status=JobStatus.RUNNING, job_id="dead-cli-job")
    sched = make(store, settings, clock, service)
    await sched.start(catch_up=False)
    try:
        job_id = await sched.run_now(cid)
        assert await service.wait(job_id) == JobStatus.COMPLETED
        # ... while a live process holding the connection's lock does skip the run.
        other = type(service.jobs.locks)(service.jobs.locks.folder)
        assert other.acquire(cid)
        try:
            skipped = await sched.run_now(cid)
        finally:
            other.release(cid)
        with store.session() as s:
            job = s.get(SyncJob, skipped)
            assert job.status == JobStatus.SKIPPED and "another Lumio process" in job.error_message
        assert not unworded(store.path), unworded(store.path)  # the engine's job and the scheduler's skip
    finally:
        await sched.aclose()
        await service.aclose()


def test_bad_day_of_week_fields_say_what_is_wrong():
    import pytest

    from lumio_desktop.compat import crontab_trigger

    for expr, words in (("0 0 * * sun#1", "not 0-7 or a day name"), ("* * * * 5-1", "runs backwards"),
                        ("* * * * */x", "not a number"), ("@daily", "five fields")):
        with pytest.raises(ValueError, match=words):
            crontab_trigger(expr, UTC)
    assert crontab_dow_to_names("monday-friday") == "mon,tue,wed,thu,fri"


async def test_connections_added_by_another_process_are_picked_up(store, settings, clock):
    sched = make(store, settings, clock)
    await sched.start()
    try:
        cid = add_connection(store, name="from-the-cli", created_at=clock.now())  # no hub event in this process
        assert sched.next_run_time(cid) is None
        clock.advance(minutes=5)
        await until(lambda: sched.next_run_time(cid) is not None)
    finally:
        await sched.aclose()
