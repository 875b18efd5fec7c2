from __future__ import annotations

import logging
import sys
import threading

from lumio_desktop.auth.redact import register_secret
from lumio_desktop.logs import install_excepthook, setup_logging, teardown_logging


def test_log_file_rotates_and_redacts(tmp_path):
    secret = "pat-na1-0123456789abcdef"
    register_secret(secret)
    path = setup_logging(tmp_path, max_bytes=2_000, backups=2)
    try:
        log = logging.getLogger("lumio_desktop.test")
        log.warning("calling with Authorization: Bearer %s", secret)
        for i in range(100):
            log.warning("line %d %s", i, "x" * 50)
    finally:
        teardown_logging()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["lumio.log", "lumio.log.1", "lumio.log.2"]
    everything = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert secret.encode() not in everything
    assert path == tmp_path / "lumio.log"


def test_unhandled_exception_writes_report_and_calls_back(tmp_path, monkeypatch):
    seen = []
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    try:
        install_excepthook(tmp_path, lambda summary, report: seen.append((summary, report)))
        try:
            raise RuntimeError("boom with token shpat_abcdef0123456789abcdef0123456789")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook
    ((summary, report),) = seen
    assert summary.startswith("RuntimeError: boom")
    text = report.read_text()
    assert "RuntimeError" in text and "Traceback" in text
    assert "shpat_abcdef0123456789abcdef0123456789" not in text and "shpat_abcdef" not in summary
