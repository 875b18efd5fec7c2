"""`lumio-desktop` as a person starts it (a subprocess, offscreen): a bad store is one line and exit 2; the window
shows; demo mode connects the three sandbox accounts on its first run and only points them at the new sandbox on the
next."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest


def _run(*args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "lumio_desktop", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def test_a_file_that_is_not_a_database_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "data" / "lumio.db"
    bad.parent.mkdir()
    bad.write_text("not a database")
    proc = _run("--data-dir", str(bad.parent))
    assert proc.returncode == 2
    lines = [x for x in proc.stderr.splitlines() if x.startswith("lumio-desktop:")]
    assert len(lines) == 1 and "not a Lumio database" in lines[0]
    assert bad.read_text() == "not a database"  # untouched


def test_the_window_shows(tmp_path):
    proc = _run("--data-dir", str(tmp_path / "d"), "--quit-after-show")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "lumio-desktop: window shown" in proc.stdout


@pytest.mark.slow
def test_demo_mode_connects_three_sandbox_accounts_once(tmp_path):
    d = tmp_path / "d"
    for _ in range(2):
        proc = _run("--data-dir", str(d), "--sandbox", "--quit-after-show")
        assert proc.returncode == 0, proc.stderr[-2000:]
    with sqlite3.connect(d / "lumio.db") as db:
        rows = db.execute("SELECT provider, name FROM connections ORDER BY provider").fetchall()
    assert rows == [("hubspot", "HubSpot sandbox"), ("salesforce", "Salesforce sandbox"),
                    ("shopify", "Shopify sandbox")]


def test_the_window_leaves_the_background_to_a_running_daemon(tmp_path):
    """`lumio-sync daemon` holds the data folder's background lock: the app opens but starts no second scheduler
    or webhook receiver (both would fire every schedule twice and fight over the port)."""
    from lumio_desktop.sync.background import BackgroundLock

    d = tmp_path / "d"
    daemon_lock = BackgroundLock(d)
    assert daemon_lock.acquire()
    try:
        proc = _run("--data-dir", str(d), "--quit-after-show")
    finally:
        daemon_lock.release()
    assert proc.returncode == 0, proc.stderr[-2000:]
    log = (d / "logs" / "lumio.log").read_text()
    assert "another Lumio process runs the schedules and the webhook receiver" in log
    assert "webhook receiver listening" not in log.lower()
