"""The store refuses a job's final write for longer than its bounded retries (a lock held for minutes, a disk that
stays full): the job still ends. Waiters hear `failed` with the store's reason, sync_finished goes out, the row
(still `running`) is repaired by this process before its next job (or by the next start-up)."""

from __future__ import annotations

import asyncio
import sqlite3

from lumio_desktop.store.models import SyncJob
from lumio_desktop.sync import jobs
from lumio_desktop.text import Text, parse
from tests.engine_words import unworded

from .world import FaultWorld, assert_clear_store_message, whole_store_problems


async def test_a_final_write_that_never_goes_in_still_ends_the_job_and_the_row_is_repaired(store, settings,
                                                                                          monkeypatch):
    w = FaultWorld(store, settings, records=30, seed=3)
    await w.service.start()
    try:
        cid = w.connect_static("hubspot")
        finished: list[tuple] = []
        w.service.hub.subscribe("sync_finished", lambda *a: finished.append(a))
        tries: list[str] = []

        def refused(self, h, *args):
            tries.append(h.job_id)
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(jobs, "END_RETRY_DELAYS", (0.01, 0.01))
        with monkeypatch.context() as m:
            m.setattr(jobs.JobManager, "_end_job", refused)
            first = await asyncio.wait_for(w.service.run(cid, "initial", "cli"), 20)
        assert len(tries) == 3  # the first write and two retries
        assert first.status == "failed"
        assert_clear_store_message(first.error_message, "locked")
        assert (first.job_id, cid, "failed") in finished
        with store.session() as s:
            assert s.get(SyncJob, first.job_id).status == "running"  # nothing could be written

        second = await asyncio.wait_for(w.service.run(cid, "manual", "user"), 20)
        assert second.status == "completed", second.error_message
        with store.session() as s:
            row = s.get(SyncJob, first.job_id)
            assert row.status == "failed" and "locked" in row.error_message
            stored = row.error_message
        assert (await w.service.metrics(first.job_id)).status == "failed"
        assert whole_store_problems(store, cid) == [] and w.problems("hubspot") == []
        assert not unworded(store.path), unworded(store.path)
        assert isinstance(parse(first.error_message), Text) and isinstance(parse(stored), Text)
    finally:
        await asyncio.wait_for(w.service.aclose(), 10)
