"""`lumio-sync daemon`, `schedule` and `alerts`, run as a person would."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

from lumio_desktop.store.models import Alert, Provider
from tests.background.conftest import add_connection

ENV = {"LUMIO_KEYRING_BACKEND": "lumio_desktop.auth.memory_keyring.MemoryKeyring"}


class LineReader:
    """Reads a child's stdout on a thread (select() cannot see lines already in Python's buffer)."""

    def __init__(self, proc):
        self.proc = proc
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def until(self, needle: str, timeout: float = 30) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if line is None:
                break
            self.seen.append(line)
            if needle in line:
                return self.seen
        raise AssertionError(f"{needle!r} not seen; got {self.seen!r}")

    def rest(self) -> str:
        out = []
        while (line := self.lines.get(timeout=30)) is not None:
            out.append(line)
        return "".join(out)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_daemon_starts_and_stops_cleanly_on_a_signal(store, data_dir, sig):
    add_connection(store, name="crm", schedule="0 6 * * *")
    proc = subprocess.Popen([sys.executable, "-m", "lumio_desktop.cli", "--data-dir", str(data_dir), "daemon",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **ENV})
    try:
        reader = LineReader(proc)
        lines = reader.until("scheduler started")
        listening = next(line for line in lines if "listening on http://127.0.0.1:" in line)
        port = int(listening.split("127.0.0.1:")[1].split()[0])
        assert port > 0
        reader.until("crm: 0 6 * * *")
        proc.send_signal(sig)
        out = reader.rest()
        err = proc.stderr.read()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped" in out
    assert "Traceback" not in err


def test_daemon_with_a_busy_port_says_so(store, data_dir, capsys, monkeypatch):
    import socket

    monkeypatch.setenv("LUMIO_KEYRING_BACKEND", ENV["LUMIO_KEYRING_BACKEND"])
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    try:
        code, _, err = cli(capsys, "--data-dir", str(data_dir), "daemon", "--port", str(s.getsockname()[1]))
    finally:
        s.close()
    assert code == 2
    assert "cannot listen on 127.0.0.1" in err and "Traceback" not in err


def cli(capsys, *args) -> tuple[int, str, str]:
    """In-process: the same main() the console script runs, without a second interpreter start."""
    from lumio_desktop.cli import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_schedule_lists_crons_and_next_runs(store, data_dir, capsys):
    add_connection(store, name="hs")
    add_connection(store, name="sf", provider=Provider.SALESFORCE)
    add_connection(store, name="shop", provider=Provider.SHOPIFY, schedule="5 * * * *")
    code, out, err = cli(capsys, "--data-dir", str(data_dir), "schedule", "--json")
    assert code == 0, err
    got = {c["name"]: c for c in json.loads(out)["connections"]}
    assert got["hs"]["cron"] == "*/30 * * * *" and got["hs"]["source"] == "default"
    assert got["sf"]["cron"] == "*/10 * * * *" and got["sf"]["source"] == "salesforce_default"
    assert got["shop"]["cron"] == "5 * * * *" and got["shop"]["next_run"]
    assert "Salesforce default" in cli(capsys, "--data-dir", str(data_dir), "schedule")[1]


def test_alerts_list_and_acknowledge(store, data_dir, capsys):
    with store.session() as s, s.begin():
        s.add(Alert(kind="sync_failed", severity="error", message="The sync of hs failed: boom",
                    delivered={"email": "SMTPSenderRefused: 451"}))
    d = ("--data-dir", str(data_dir))
    alerts = json.loads(cli(capsys, *d, "alerts", "--json")[1])["alerts"]
    assert [a["message"] for a in alerts] == ["The sync of hs failed: boom"]
    assert "not sent by email" in cli(capsys, *d, "alerts")[1]
    assert cli(capsys, *d, "alerts", "--ack", str(alerts[0]["id"]))[0] == 0
    assert json.loads(cli(capsys, *d, "alerts", "--json")[1])["alerts"] == []
    code, _, err = cli(capsys, *d, "alerts", "--ack", "999")
    assert code == 2 and "no alert 999" in err


def test_a_second_daemon_on_the_same_data_folder_refuses_to_start(store, data_dir, capsys):
    from lumio_desktop.sync.background import BackgroundLock

    held = BackgroundLock(data_dir)  # the app (or a first daemon) holds it
    assert held.acquire()
    try:
        code, _, err = cli(capsys, "--data-dir", str(data_dir), "daemon", "--port", "0")
    finally:
        held.release()
    assert code == 2 and "already runs the schedules" in err
    again = BackgroundLock(data_dir)
    assert again.acquire()  # released: free again
    again.release()


def test_schedule_set_and_reset(store, data_dir, capsys):
    add_connection(store, name="hs")
    d = ("--data-dir", str(data_dir))
    code, out, _ = cli(capsys, *d, "schedule", "--set", "hs", "15 9 * * 1-5")
    assert code == 0 and "set to '15 9 * * 1-5'" in out
    got = json.loads(cli(capsys, *d, "schedule", "--json")[1])["connections"][0]
    assert (got["cron"], got["source"]) == ("15 9 * * 1-5", "connection")
    code, _, err = cli(capsys, *d, "schedule", "--set", "hs", "every day")
    assert code == 2 and "not a schedule" in err
    code, _, err = cli(capsys, *d, "schedule", "--set", "nope", "* * * * *")
    assert code == 2 and "no connection named 'nope'" in err
    cli(capsys, *d, "schedule", "--reset", "hs")
    got = json.loads(cli(capsys, *d, "schedule", "--json")[1])["connections"][0]
    assert (got["cron"], got["source"]) == ("*/30 * * * *", "default")
