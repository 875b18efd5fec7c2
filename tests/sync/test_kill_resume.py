"""THE crash test: `lumio-sync sync` killed with SIGKILL at 20 random (seeded) moments against `lumio-sync sandbox
serve`, each time rerun, and each time the store must equal the sandbox: no duplicate, nothing missing, every
deletion marked, every field as the provider has it. Real processes, real loopback HTTP, a real SQLite file."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from lumio_desktop.config import load_settings
from lumio_desktop.store import open_store
from lumio_desktop.store.models import JobStatus, SyncJob
from tests.engine_words import unworded

from .sandbox_helpers import differences

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
SEED = 20261129


def cli(env, *args, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lumio_desktop.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def serve(tmp_path, records: int):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LUMIO_DATA_DIR": str(tmp_path / "data"),
           "LUMIO_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring",
           "TEST_FILE_KEYRING": str(tmp_path / "keyring.json")}
    proc = subprocess.Popen([sys.executable, "-m", "lumio_desktop.cli", "sandbox", "serve", "--records",
                             str(records), "--seed", "5"], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        if not line:
            pytest.fail(f"the sandbox did not start: {proc.stderr.read()[-2000:]}")
        info = json.loads(line)
        yield env, info
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def sandbox(tmp_path):
    yield from serve(tmp_path, 1000)


@pytest.fixture
def small_sandbox(tmp_path):
    yield from serve(tmp_path, 150)


def test_three_providers_through_the_cli_and_export_equals_the_sandbox(small_sandbox, tmp_path):
    env, info = small_sandbox
    base = info["base_url"]
    http = httpx.Client(base_url=base, timeout=30)
    settings = load_settings(data_dir=tmp_path / "data")
    names = {"hubspot": "hs", "salesforce": "sf", "shopify": "shop"}
    for provider, name in names.items():
        extra = ("--shop", info["shopify"]["shop"]) if provider == "shopify" else ()
        r = cli(env, "connect", provider, "--base-url", base, "--token", info[provider]["token"], "--name", name,
                *extra)
        assert r.returncode == 0, r.stderr
        r = cli(env, "sync", name, "--json")
        assert r.returncode == 0, r.stderr
        m = json.loads(r.stdout)
        assert m["status"] == "completed" and m["processed_records"] > 0 and m["api_calls"] > 0
    exported: dict = {}
    for what, entity in (("leads", "lead"), ("companies", "company"), ("deals", "deal")):
        r = cli(env, "export", what)
        assert r.returncode == 0, r.stderr
        recs = [json.loads(line) for line in r.stdout.splitlines()]
        exported[entity] = {f"{lk['object_type']}:{lk['external_id']}": x for x in recs for lk in x["links"]}
    store = open_store(settings, migrate=False)
    try:
        for cid, provider in enumerate(names, start=1):
            state = http.get("/_sandbox/state", params={"provider": provider}).json()[provider]
            assert differences(store, cid, provider, state, exported) == [], provider
    finally:
        store.close()
    r = cli(env, "jobs", "--json")
    assert [j["status"] for j in json.loads(r.stdout)["jobs"]] == ["completed"] * 3


@pytest.mark.slow
def test_sync_killed_at_20_random_moments_then_rerun_matches_the_sandbox(sandbox, tmp_path):
    env, info = sandbox
    base = info["base_url"]
    http = httpx.Client(base_url=base, timeout=30)
    http.post("/_sandbox/config", json={"rate_limits": False}).raise_for_status()  # keep the test short
    r = cli(env, "connect", "hubspot", "--base-url", base, "--token", info["hubspot"]["token"], "--name", "hs",
            "--json")
    assert r.returncode == 0, r.stderr
    settings = load_settings(data_dir=tmp_path / "data")
    rng = random.Random(SEED)

    def sync(*extra) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "lumio_desktop.cli", "sync", "hs", "--json", *extra],
                                env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def check(label: str) -> None:
        state = http.get("/_sandbox/state", params={"provider": "hubspot"}).json()["hubspot"]
        store = open_store(settings, migrate=False)
        try:
            problems = differences(store, 1, "hubspot", state)
        finally:
            store.close()
        assert problems == [], f"{label}: the store differs from the sandbox: {problems}"

    db = tmp_path / "data" / "lumio.db"

    def running_jobs() -> int:
        con = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM sync_jobs WHERE status = 'running'").fetchone()[0]
        finally:
            con.close()

    def finish(proc: subprocess.Popen, label: str) -> dict:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{label}: {err[-2000:]}"
        m = json.loads(out)
        assert m["status"] == "completed", f"{label}: {m}"
        return m

    # Calibrate the kill windows on whole runs: a full read, and an incremental with a typical amount of change.
    full = finish(sync("--mode", "initial"), "first full sync")["duration_ms"] / 1000
    check("first full sync")
    contacts = [e["id"] for e in state_ids(http, "contacts")]

    def people_work(i: int) -> None:
        """People keep working in HubSpot between runs: the next run always has something to do."""
        for _ in range(3):
            http.post("/_sandbox/mutate", json={"provider": "hubspot", "object": "contacts", "op": "update",
                                                "id": rng.choice(contacts),
                                                "fields": {"firstname": f"Run{i}-{rng.randrange(10**6)}"}})
        victim = contacts.pop(rng.randrange(len(contacts)))
        http.post("/_sandbox/mutate", json={"provider": "hubspot", "object": "contacts", "op": "archive",
                                            "id": victim}).raise_for_status()
        made = http.post("/_sandbox/mutate", json={"provider": "hubspot", "object": "contacts", "op": "create_many",
                                                   "count": 40, "fields": {"firstname": f"Batch{i}"}})
        contacts.extend(made.json()["ids"])

    people_work(-1)
    incremental = finish(sync(), "first incremental")["duration_ms"] / 1000
    check("first incremental")

    interrupted = 0
    for i in range(KILLS):
        people_work(i)
        initial = i % 3 == 0  # a third of the kills land in a full read, the rest in incrementals
        proc = sync(*(("--mode", "initial") if initial else ()))
        deadline = time.monotonic() + 30
        while running_jobs() == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, full if initial else incremental))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        interrupted += running_jobs() > 0  # it died mid-sync, leaving its job `running`

        finish(sync(), f"rerun after kill {i}")
        check(f"after kill {i}")
        assert running_jobs() == 0
    # Nearly every kill must have hit a running sync (not one that had already finished).
    assert interrupted >= KILLS * 3 // 4, f"only {interrupted} of {KILLS} kills interrupted a running sync"
    store = open_store(settings)
    with store.session() as s:
        resumed = s.scalars(select(SyncJob.resumed_from).where(SyncJob.resumed_from.is_not(None))).all()
        statuses = set(s.scalars(select(SyncJob.status)))
    store.close()
    assert len(resumed) == interrupted and statuses <= {JobStatus.COMPLETED, JobStatus.INTERRUPTED}
    assert not unworded(db), unworded(db)  # "the app stopped during this sync; ..." and the jobs' log lines


def state_ids(http: httpx.Client, obj: str) -> list[dict]:
    state = http.get("/_sandbox/state", params={"provider": "hubspot", "object": obj}).json()["hubspot"]
    return [e for e in state[obj] if not e["archived"]]
