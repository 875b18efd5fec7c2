"""`lumio-sync sync`, `jobs`, `job show|logs|cancel` and `export`, in-process with the in-test client."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from lumio_desktop.cli import main
from lumio_desktop.store.models import JobStatus, SyncJob

from .fakes import ListClient, add_connection, company, contact


@pytest.fixture
def client(monkeypatch):
    c = ListClient({"companies": [company(i, modified=i) for i in range(1, 6)],
                    "contacts": [contact(i, modified=i) for i in range(1, 13)]}, page_size=5)
    c.data["contacts"][2]["archived"] = True
    c.data["contacts"][4]["properties"] = "broken"
    from lumio_desktop.sync import engine

    monkeypatch.setattr(engine.SyncService, "_build_client", lambda self, conn: c)
    return c


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([*args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sync_jobs_show_logs_export(store, data_dir, client, capsys):
    add_connection(store, "acme")
    d = ["--data-dir", str(data_dir)]
    code, out, err = cli(capsys, *d, "sync", "acme", "--mode", "initial", "--json")
    assert code == 0, err
    m = json.loads(out)
    assert m["status"] == "completed" and m["processed_records"] == 17 and m["failed_records"] == 1
    assert m["api_calls"] == client.stats.api_calls and m["duration_ms"] >= 0
    assert set(m) >= {"success_rate", "cache_hit_rate", "created_records", "updated_records", "job_id"}

    code, out, err = cli(capsys, *d, "sync", "acme", "--objects", "contacts")
    assert code == 0 and "completed" in out and re.search(r"%\s+\d+/\d+ records", err)  # the bar is on stderr

    code, out, _ = cli(capsys, *d, "jobs", "--json")
    jobs = json.loads(out)["jobs"]
    assert [j["status"] for j in jobs] == ["completed", "completed"] and jobs[0]["connection"] == "acme"
    code, out, _ = cli(capsys, *d, "job", "show", m["job_id"][:8], "--json")
    shown = json.loads(out)
    assert shown["job_id"] == m["job_id"] and shown["rejected"][0]["external_id"] == "5"
    code, out, _ = cli(capsys, *d, "job", "logs", m["job_id"])
    assert "contacts: full read" in out and "completed" in out
    code, out, _ = cli(capsys, *d, "job", "cancel", m["job_id"])
    assert code == 1 and "already completed" in out

    code, out, _ = cli(capsys, *d, "export", "leads")
    leads = [json.loads(line) for line in out.splitlines()]
    assert len(leads) == 11
    by_ext = {r["links"][0]["external_id"]: r for r in leads}
    assert by_ext["3"]["deleted"] is True and by_ext["3"]["links"][0]["remote_deleted"] is True
    assert by_ext["1"]["deleted"] is False and by_ext["1"]["links"][0] == {
        "connection": "acme", "provider": "hubspot", "object_type": "contacts", "external_id": "1",
        "remote_deleted": False, "remote_modified_at": by_ext["1"]["links"][0]["remote_modified_at"]}
    code, out, _ = cli(capsys, *d, "export", "companies", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5 and rows[0]["links"] == "acme:companies:1" and rows[0]["deleted"] == "False"


def test_sync_failures_exit_1_and_unknown_names_exit_2(store, data_dir, client, capsys):
    from lumio_desktop.sync.errors import ConfigError

    add_connection(store, "acme")
    client.fail_at["companies"] = (0, ConfigError("HubSpot refused the token; reconnect the account"))
    code, out, _ = cli(capsys, "--data-dir", str(data_dir), "sync", "acme", "--json")
    assert code == 1 and json.loads(out)["error_message"].startswith("HubSpot refused")
    code, _, err = cli(capsys, "--data-dir", str(data_dir), "sync", "nope")
    assert code == 2 and "no connection named 'nope'" in err and "acme" in err
    code, _, err = cli(capsys, "--data-dir", str(data_dir), "job", "show", "zzz")
    assert code == 2 and "no job" in err


def test_job_cancel_of_a_queued_job(store, data_dir, client, capsys):
    from lumio_desktop.store.models import SyncType, Trigger

    cid = add_connection(store, "acme")
    with store.session() as s, s.begin():
        s.add(SyncJob(id="11111111-2222-3333-4444-555555555555", connection_id=cid, integration="hubspot",
                      sync_type=SyncType.MANUAL, trigger=Trigger.USER, status=JobStatus.QUEUED))
    code, out, _ = cli(capsys, "--data-dir", str(data_dir), "job", "cancel", "11111111")
    assert code == 0 and "cancelled" in out
    with store.session() as s:
        assert s.get(SyncJob, "11111111-2222-3333-4444-555555555555").status == JobStatus.CANCELLED
    from tests.engine_words import unworded

    assert not unworded(store.path)  # the job's reason and log line show translated in the app
