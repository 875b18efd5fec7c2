"""Another process holds the SQLite file with `BEGIN EXCLUSIVE` for longer than the store's busy timeout: before a
sync starts, and between two pages of a running one. A clear error, no corruption, and the next run recovers.

In-process tests shorten the busy timeout (the store's own 5 s would make each case wait 5-10 s); the CLI test keeps
the real one and shows what a person reads."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lumio_desktop.store import db as store_db
from lumio_desktop.store import open_store
from lumio_desktop.text import Text, parse
from tests.engine_words import unworded

from .world import (
    FaultWorld,
    assert_clear_store_message,
    count_links,
    cursors,
    integrity,
    whole_store_problems,
)

ROOT = Path(__file__).resolve().parents[2]
LOCKER = textwrap.dedent("""
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    con.execute("ROLLBACK")
    con.close()
""")
BUSY_MS = 300


def assert_worded(db, *shown) -> None:
    """Every sentence stored for people (job reasons and log lines, health reasons) and each reason shown from memory
    is one of the engine's declared templates: the UI can show it in the person's language."""
    left = unworded(db)
    assert not left, f"sentences no template makes: {left}"
    for message in shown:
        assert isinstance(parse(message), Text), f"no template makes: {message}"


def hold_lock(path: Path, seconds: float) -> subprocess.Popen:
    """A second process takes the write lock and keeps it `seconds`; returns once it holds it."""
    proc = subprocess.Popen([sys.executable, "-c", LOCKER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


@pytest.fixture
def short_busy_store(settings, monkeypatch):
    """The real store, with a busy timeout of BUSY_MS instead of 5 s (set on every new connection)."""
    original = store_db._on_sqlite_connect

    def connect(dbapi_conn, record):
        original(dbapi_conn, record)
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")

    monkeypatch.setattr(store_db, "_on_sqlite_connect", connect)
    s = open_store(settings)
    yield s
    s.close()


async def world(short_busy_store, settings) -> FaultWorld:
    w = FaultWorld(short_busy_store, settings, records=300, seed=5)
    await w.service.start()
    return w


async def test_locked_before_the_sync_starts(short_busy_store, settings):
    w = await world(short_busy_store, settings)
    try:
        cid = w.connect_static("hubspot")
        locker = hold_lock(short_busy_store.path, 2 * BUSY_MS / 1000 + 0.5)
        try:
            m = await asyncio.wait_for(w.service.run(cid, "initial", "cli"), 10)
        finally:
            locker.wait(10)
        assert m.status == "failed"
        assert_clear_store_message(m.error_message, "locked")
        assert m.error_message.startswith("the sync did not start: ")
        assert_worded(short_busy_store.path, m.error_message)
    finally:
        await asyncio.wait_for(w.service.aclose(), 10)


async def test_locked_before_the_sync_starts_leaves_the_store_whole_and_the_next_run_works(short_busy_store,
                                                                                             settings):
    w = await world(short_busy_store, settings)
    try:
        cid = w.connect_static("hubspot")
        locker = hold_lock(short_busy_store.path, 2 * BUSY_MS / 1000 + 0.5)
        try:  # a failed job (test_locked_before_the_sync_starts); whatever the outcome, never a hang
            await asyncio.wait_for(asyncio.gather(w.service.run(cid, "initial", "cli"), return_exceptions=True), 10)
        finally:
            locker.wait(10)
        assert integrity(short_busy_store.path) == "ok"
        again = await asyncio.wait_for(w.service.run(cid, "manual", "user"), 30)
        assert again.status == "completed", again.error_message
        assert whole_store_problems(short_busy_store, cid) == [] and w.problems("hubspot") == []
    finally:
        await asyncio.wait_for(w.service.aclose(), 10)


async def locked_mid_sync(short_busy_store, settings, hold_s: float, timeout: float = 8):
    """Before the 6th API request (pages 1-5 or so are written) another process takes the lock for hold_s.
    Returns (world, connection id, metrics, or None when the job did not end within `timeout`)."""
    w = await world(short_busy_store, settings)
    lockers: list[subprocess.Popen] = []
    cid = w.connect_static("hubspot")
    w.tap.at[6] = lambda: lockers.append(hold_lock(short_busy_store.path, hold_s))
    try:
        m = await asyncio.wait_for(w.service.run(cid, "initial", "cli"), timeout)
    except TimeoutError:
        m = None
    finally:
        for p in lockers:
            p.wait(10)
    assert lockers, "the lock was never taken"
    return w, cid, m


async def test_locked_between_pages_fails_the_job_and_the_next_run_resumes(short_busy_store, settings):
    """The lock outlasts the page write's wait, not the job's end: the job fails, no page is half-written."""
    w, cid, m = await locked_mid_sync(short_busy_store, settings, BUSY_MS / 1000 * 1.5)
    try:
        assert m.status == "failed" and "database is locked" in m.error_message
        assert m.processed_records > 0
        assert integrity(short_busy_store.path) == "ok"
        assert whole_store_problems(short_busy_store, cid, m.job_id) == [] and w.cursor_ahead("hubspot") == []
        assert any(not v["complete"] for v in cursors(short_busy_store, cid).values())
        again = await asyncio.wait_for(w.service.run(cid, "manual", "user"), 30)
        assert again.status == "completed", again.error_message
        assert again.processed_records < count_links(short_busy_store, cid)  # resumed, not started over
        assert whole_store_problems(short_busy_store, cid) == [] and w.problems("hubspot") == []
        assert_worded(short_busy_store.path, m.error_message)
    finally:
        await asyncio.wait_for(w.service.aclose(), 10)


async def test_locked_between_pages_the_reason_is_clear_and_carries_no_data(short_busy_store, settings):
    w, cid, m = await locked_mid_sync(short_busy_store, settings, BUSY_MS / 1000 * 1.5)
    try:
        assert m.status == "failed"
        assert_clear_store_message(m.error_message, "locked")
    finally:
        await asyncio.wait_for(w.service.aclose(), 10)


async def test_a_lock_outlasting_the_job_end_still_ends_the_job(short_busy_store, settings):
    w, cid, m = await locked_mid_sync(short_busy_store, settings, BUSY_MS / 1000 * 5, timeout=4)
    try:
        assert m is not None, "SyncService.run() did not return: the job never ended"
        assert m.status == "failed"
        assert whole_store_problems(short_busy_store, cid) == []
        assert_worded(short_busy_store.path, m.error_message)
    finally:
        await asyncio.wait_for(w.service.aclose(), 10)


@pytest.fixture(scope="module")
def cli_locked(tmp_path_factory):
    """`lumio-sync sync` against a sandbox on loopback while another process holds the file for longer than the
    store's real 5 s busy timeout; then the same command once the lock is gone. Run once for the two tests below."""
    from lumio_desktop.sandbox import SandboxConfig, SandboxThread

    tmp = tmp_path_factory.mktemp("cli-locked")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("LUMIO_")}, "PYTHONPATH": str(ROOT),
           "LUMIO_DATA_DIR": str(tmp / "data"), "LUMIO_CONFIG_FILE": str(tmp / "settings.toml"),
           "LUMIO_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring",
           "TEST_FILE_KEYRING": str(tmp / "keyring.json")}

    def cli(*args, timeout=60):
        return subprocess.run([sys.executable, "-m", "lumio_desktop.cli", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout)

    with SandboxThread(SandboxConfig.for_tests(records=100, seed=8)) as sb:
        info = sb.call(sb.app.state.sandbox.credentials, sb.base_url)
        r = cli("connect", "hubspot", "--base-url", sb.base_url, "--token", info["hubspot"]["token"], "--name", "hs")
        assert r.returncode == 0, r.stderr
        db = tmp / "data" / "lumio.db"
        locker = hold_lock(db, 60.0)
        try:
            locked = cli("sync", "hs", timeout=40)
        finally:
            locker.kill()  # the kernel drops its lock; its transaction wrote nothing
            locker.wait(20)
        ok = integrity(db)
        after = cli("sync", "hs", "--json")
    return locked, ok, after


@pytest.mark.slow  # `lumio-sync` in subprocesses
def test_cli_sync_on_a_locked_database_fails_without_damage_and_the_next_run_works(cli_locked):
    locked, ok, after = cli_locked
    print("exit", locked.returncode, "| stdout:", locked.stdout[-500:], "| stderr:", locked.stderr[-1500:])
    assert locked.returncode != 0 and "locked" in locked.stdout + locked.stderr
    assert ok == "ok"
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout)["status"] == "completed"


@pytest.mark.slow  # `lumio-sync` in subprocesses
def test_cli_sync_on_a_locked_database_says_so_in_one_line(cli_locked):
    locked, _, _ = cli_locked
    err = locked.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) <= 2, err[-1500:]
    assert "locked" in (locked.stdout + err).lower()
