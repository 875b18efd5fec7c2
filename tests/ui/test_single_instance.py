"""One Lumio per data folder (issue 10): a second `lumio-desktop` on the same folder brings the first forward and
exits 0; a first instance killed with SIGKILL leaves a stale socket that does not block the next start; another data
folder runs side by side."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lumio_desktop.ui.single_instance import server_name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and socket files are POSIX")


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}


def _start(data: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lumio_desktop", "--data-dir", str(data)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_log(data: Path, text: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    log = data / "logs" / "lumio.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(encoding="utf-8", errors="replace"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"lumio-desktop ended ({proc.returncode}): {proc.stderr.read()[-2000:]}")
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in {log} after {timeout} s")


def _run(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lumio_desktop", *args], capture_output=True, text=True, env=env,
                          timeout=90)


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)
    if proc.stderr:
        proc.stderr.close()


def test_a_second_launch_brings_the_first_forward_and_exits_0(tmp_path):
    env, data = _env(tmp_path), tmp_path / "data"
    first = _start(data, env)
    try:
        _wait_log(data, "single instance: listening", first)
        second = _run("--data-dir", str(data), env=env)
        assert second.returncode == 0, second.stderr[-2000:]
        assert "already running" in second.stdout
        _wait_log(data, "single instance: activated by a second launch", first, timeout=10)
        _wait_log(data, "single instance: window brought forward", first, timeout=10)
        assert first.poll() is None  # the first one keeps running
    finally:
        _kill(first)


def test_a_stale_socket_after_sigkill_does_not_block_the_next_start(tmp_path):
    env, data = _env(tmp_path), tmp_path / "data"
    first = _start(data, env)
    try:
        _wait_log(data, "single instance: listening", first)
        # Another data folder runs side by side with the first.
        other = _run("--data-dir", str(tmp_path / "other"), "--quit-after-show", env=env)
        assert other.returncode == 0, other.stderr[-2000:]
        assert "lumio-desktop: window shown" in other.stdout
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        _kill(first)
    from PySide6.QtCore import QDir

    sock = Path(QDir.tempPath()) / server_name(data)
    assert sock.exists()  # the crash left its socket behind
    again = _run("--data-dir", str(data), "--quit-after-show", env=env)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "lumio-desktop: window shown" in again.stdout
    assert "already running" not in again.stdout


def test_names_differ_per_data_folder_and_stay_short(tmp_path):
    a, b = server_name(tmp_path / "a"), server_name(tmp_path / "b")
    assert a != b and a == server_name(tmp_path / "a" / ".." / "a")
    assert len(a) < 40  # Unix socket paths are limited to ~100 bytes, with the temp folder in front


def test_a_launch_without_an_owner_claims_and_a_second_claim_fails(qapp, tmp_path):
    from lumio_desktop.ui.single_instance import SingleInstance

    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path)
    try:
        assert first.claim() and first.listen()
        assert not second.claim()
        assert not SingleInstance(tmp_path / "other").notify(timeout=0.2)  # nobody there: gives up, no hang
    finally:
        first.release()
    assert second.claim()  # released: the next one owns it
    second.release()
