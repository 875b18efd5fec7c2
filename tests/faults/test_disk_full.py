"""The disk fills up during a sync. Two ways to make a small disk:

- a real small filesystem: a tmpfs of 512 KiB mounted on the data folder (needs root and mount rights; skipped
  elsewhere), grown afterwards with `mount -o remount,size=` ("the next run with space");
- a size-limited file: `lumio-sync sync` in a subprocess under `RLIMIT_FSIZE` with SIGXFSZ ignored, so write()
  fails with EFBIG (works on any POSIX machine, no privileges).

In both: the job fails (or the CLI exits non-zero), `PRAGMA integrity_check` passes, nothing is half-written, and the
next run with space ends equal to the sandbox."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from lumio_desktop.config import load_settings
from lumio_desktop.store import open_store
from lumio_desktop.text import Text, parse
from tests.engine_words import unworded

from .world import FaultWorld, assert_clear_store_message, integrity, whole_store_problems

ROOT = Path(__file__).resolve().parents[2]


def _mount(path: Path, size: str, remount: bool = False) -> bool:
    opts = f"remount,size={size}" if remount else f"size={size}"
    args = ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)] if not remount else \
        ["mount", "-o", opts, str(path)]
    try:
        return subprocess.run(args, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.fixture
def small_disk(tmp_path):
    """A 512 KiB tmpfs for the data folder, or a skip where mounting is not allowed."""
    mnt = tmp_path / "small-disk"
    mnt.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or not _mount(mnt, "512k"):
        pytest.skip("cannot mount a small tmpfs here (needs root and mount rights); the RLIMIT_FSIZE test covers it")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=10)


HANG_S = 6  # a failed job ends within a second or two; longer means it never will


async def full_disk_run(small_disk):
    """A 1,200-contact initial sync onto the 512 KiB disk. Returns (world, store, connection id, job id, metrics or
    None when the job never ended)."""
    settings = load_settings(data_dir=small_disk / "data")
    store = open_store(settings)
    w = FaultWorld(store, settings, records=1200, seed=12)
    await w.service.start()
    cid = w.connect_static("hubspot")
    job = w.service.submit(cid, "initial", "cli")
    try:
        await asyncio.wait_for(w.service.wait(job), HANG_S)
        m = await w.service.metrics(job)
    except TimeoutError:
        m = None
    return w, store, cid, job, m


async def test_disk_full_on_a_small_filesystem_leaves_no_damage_and_the_next_run_with_space_recovers(small_disk):
    w, store, cid, job, m = await full_disk_run(small_disk)
    try:
        print("job:", None if m is None else (m.status, m.processed_records, (m.error_message or "")[:200]))
        assert m is None or m.status == "failed"
        assert integrity(store.path) == "ok"
        # The job's row may stay `running` (the bug the next test shows); everything else is whole.
        assert whole_store_problems(store, cid, job, stuck_ok=frozenset({job})) == []
        assert w.cursor_ahead("hubspot") == []
        with store.session() as s:
            from lumio_desktop.store.models import SyncJob

            assert s.get(SyncJob, job).processed_records > 0  # some pages made it before the disk filled
        assert _mount(small_disk, "64m", remount=True)
        again = await asyncio.wait_for(w.service.run(cid, "manual", "user"), 60)
        assert again.status == "completed", again.error_message
        assert whole_store_problems(store, cid, stuck_ok=frozenset({job})) == [] and w.problems("hubspot") == []
        assert not unworded(store.path), unworded(store.path)
    finally:
        await w.service.aclose()
        store.close()


async def test_disk_full_ends_the_job_failed_with_a_clear_reason(small_disk):
    w, store, cid, job, m = await full_disk_run(small_disk)
    try:
        assert m is not None, f"the job did not end within {HANG_S} s"
        assert m.status == "failed"
        assert_clear_store_message(m.error_message, "full")
        assert isinstance(parse(m.error_message), Text), m.error_message
    finally:
        await w.service.aclose()
        store.close()


# -- a size-limited file (RLIMIT_FSIZE) through the CLI ---------------------------------------------------------
def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG instead of killing us
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.fixture(scope="module")
def cli_disk_full(tmp_path_factory):
    """Connect; 1,600 contacts in HubSpot synced under a file-size limit 128 KiB above the biggest file of the data
    folder; then the same sync without the limit."""
    from lumio_desktop.sandbox import SandboxConfig, SandboxThread

    tmp = tmp_path_factory.mktemp("cli-disk-full")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("LUMIO_")}, "PYTHONPATH": str(ROOT),
           "LUMIO_DATA_DIR": str(tmp / "data"), "LUMIO_CONFIG_FILE": str(tmp / "settings.toml"),
           "LUMIO_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring",
           "TEST_FILE_KEYRING": str(tmp / "keyring.json")}

    def cli(*args, limit: int | None = None, timeout=60):
        return subprocess.run([sys.executable, "-m", "lumio_desktop.cli", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout,
                              preexec_fn=_limit_file_size(limit) if limit else None)

    with SandboxThread(SandboxConfig.for_tests(records=100, seed=13)) as sb:
        world = sb.app.state.sandbox
        info = sb.call(world.credentials, sb.base_url)
        r = cli("connect", "hubspot", "--base-url", sb.base_url, "--token", info["hubspot"]["token"], "--name", "hs")
        assert r.returncode == 0, r.stderr
        sb.call(world.create_many, "hubspot", "contacts", 1500)
        data = tmp / "data"
        biggest = max(p.stat().st_size for p in data.rglob("*") if p.is_file())
        try:
            full = cli("sync", "hs", "--json", limit=biggest + 128 * 1024, timeout=30)
        except subprocess.TimeoutExpired as e:
            full = subprocess.CompletedProcess(e.cmd, None, e.stdout or "", e.stderr or "")
        ok = integrity(data / "lumio.db")
        after = cli("sync", "hs", "--json", timeout=120)
        state = sb.call(world.state, "hubspot")["hubspot"]
    return full, ok, after, state, load_settings(data_dir=data)


@pytest.mark.slow  # `lumio-sync` in subprocesses
def test_cli_sync_with_a_size_limited_file_fails_without_damage_and_the_next_run_recovers(cli_disk_full):
    from tests.sync.sandbox_helpers import differences

    full, ok, after, state, settings = cli_disk_full
    print("exit", full.returncode, "| stdout:", full.stdout[-1500:], "| stderr:", full.stderr[-1500:])
    assert full.returncode != 0
    shown = (full.stdout + full.stderr).lower()
    assert "full" in shown or "too large" in shown or "disk i/o" in shown, shown[-2000:]
    assert ok == "ok"
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout)["status"] == "completed"
    store = open_store(settings, migrate=False)
    try:
        assert whole_store_problems(store, 1) == []
        assert differences(store, 1, "hubspot", state) == []
        assert not unworded(store.path), unworded(store.path)
    finally:
        store.close()


@pytest.mark.slow  # `lumio-sync` in subprocesses
def test_cli_sync_with_a_size_limited_file_says_what_happened(cli_disk_full):
    full = cli_disk_full[0]
    m = json.loads(full.stdout)
    assert m["status"] == "failed"
    assert_clear_store_message(m["error_message"])
    assert isinstance(parse(m["error_message"]), Text), m["error_message"]
    assert any(w in m["error_message"].lower() for w in ("full", "space", "too large", "write")), m["error_message"]
