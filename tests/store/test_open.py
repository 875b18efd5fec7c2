"""Opening the store: creation, WAL, backups before migrations, and every bad file left untouched."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from lumio_desktop.config import load_settings
from lumio_desktop.errors import StoreError
from lumio_desktop.store import open_store
from lumio_desktop.store.db import head_revision
from tests.helpers import run_cli


def test_creates_migrates_and_uses_wal(settings):
    store = open_store(settings)
    store.close()
    path = settings.database_path
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"connections", "leads", "companies", "deals", "record_links", "sync_jobs", "job_logs",
            "rejected_records", "sync_cursors", "conflicts", "alerts"} <= tables
    conn.close()
    assert store.backup_made is None  # a new file has nothing to back up


def test_pending_migration_backs_up_first(settings):
    from alembic import command

    from lumio_desktop.store.db import alembic_config

    open_store(settings).close()
    cfg = alembic_config(settings.url)
    command.downgrade(cfg, "base")
    store = open_store(settings)
    store.close()
    assert store.backup_made is not None and store.backup_made.exists()
    assert store.backup_made.name.startswith("lumio.db.backup-")
    assert sqlite3.connect(store.backup_made).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _assert_one_line_error(proc, *words):
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    for w in words:
        assert w in err, err


def test_unwritable_data_dir(tmp_path):
    if os.geteuid() == 0:
        target = tmp_path / "file-not-dir"  # root ignores permissions: a file where a folder should be
        target.write_text("keep me")
        d = target / "sub"
    else:
        d = tmp_path / "ro"
        d.mkdir()
        d.chmod(0o500)
    proc = run_cli("--data-dir", str(d), "status")
    _assert_one_line_error(proc, str(d), "--data-dir")
    if os.geteuid() == 0:
        assert target.read_text() == "keep me"


def test_not_sqlite_file(data_dir):
    db = data_dir / "lumio.db"
    db.write_bytes(b"this is my shopping list, not a database\n" * 10)
    before = db.read_bytes()
    proc = run_cli("--data-dir", str(data_dir), "status")
    _assert_one_line_error(proc, str(db), "not an SQLite file")
    assert db.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["lumio.db"]


def test_newer_schema(data_dir):
    settings = load_settings(data_dir=data_dir)
    open_store(settings).close()
    db = data_dir / "lumio.db"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db.read_bytes()
    proc = run_cli("--data-dir", str(data_dir), "status")
    _assert_one_line_error(proc, str(db), "newer version of Lumio")
    assert db.read_bytes() == before
    with pytest.raises(StoreError):
        open_store(settings)


def test_corrupted_database(data_dir):
    settings = load_settings(data_dir=data_dir)
    store = open_store(settings)
    with store.engine.begin() as conn:
        from lumio_desktop.store.models import Lead

        conn.execute(Lead.__table__.insert(), [{"email": f"p{i}@example.com", "first_name": "x" * 200,
                                                "dirty": False, "stale": False} for i in range(2000)])
    store.close()
    sqlite3.connect(data_dir / "lumio.db").execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    db = data_dir / "lumio.db"
    raw = bytearray(db.read_bytes())
    page = 4096
    for p in range(2, len(raw) // page):  # scribble over every page after the schema
        raw[p * page + 8 : p * page + 200] = os.urandom(192)
    db.write_bytes(bytes(raw))
    proc = run_cli("--data-dir", str(data_dir), "status")
    _assert_one_line_error(proc, str(db), "damaged")
    assert db.read_bytes() == bytes(raw)


def test_status_json_twice_on_empty_dir(tmp_path):
    d = tmp_path / "new-dir"
    for _ in range(2):
        proc = run_cli("--data-dir", str(d), "status", "--json")
        assert proc.returncode == 0, proc.stderr
        report = json.loads(proc.stdout)
        assert report["connections"] == []
    assert (d / "lumio.db").exists()


def test_status_lists_connection_and_last_job(store, settings):
    from datetime import UTC, datetime, timedelta

    from lumio_desktop.store.models import Connection, JobStatus, Provider, SyncJob, SyncType, Trigger

    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    with store.session.begin() as s:
        c = Connection(name="Acme HubSpot", provider=Provider.HUBSPOT, base_url="http://127.0.0.1:1")
        s.add(c)
        s.flush()
        for i, st in enumerate([JobStatus.FAILED, JobStatus.COMPLETED]):
            s.add(SyncJob(id=f"job-{i}", connection_id=c.id, integration="hubspot", sync_type=SyncType.INITIAL,
                          trigger=Trigger.CLI, status=st, created_at=t0 + timedelta(minutes=i)))
    proc = run_cli("--data-dir", str(settings.data_dir), "status", "--json")
    assert proc.returncode == 0, proc.stderr
    (conn,) = json.loads(proc.stdout)["connections"]
    assert conn["name"] == "Acme HubSpot" and conn["last_job"]["id"] == "job-1"
    assert conn["last_job"]["status"] == "completed"
