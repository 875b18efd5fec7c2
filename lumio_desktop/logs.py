"""Rotating log files in the data folder, with secrets redacted, and crash reports for unhandled exceptions.

No Qt here: the app installs `install_excepthook(on_crash)` with a callback that shows a dialog.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from lumio_desktop import __version__
from lumio_desktop.auth.redact import RedactingFilter, redact_text

LOG_FILE = "lumio.log"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_handler: logging.Handler | None = None


def setup_logging(log_dir: Path, *, level: int = logging.INFO, max_bytes: int = 5_000_000, backups: int = 5) -> Path:
    """Send the root logger to `log_dir/lumio.log` (rotated), redacting tokens and secrets. Idempotent."""
    global _handler
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    teardown_logging()
    _handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    _handler.setFormatter(logging.Formatter(FORMAT))
    _handler.addFilter(RedactingFilter())
    root.addHandler(_handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # httpx logs every request URL at INFO
    return path


def teardown_logging() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def write_crash_report(log_dir: Path, exc_type, exc, tb) -> Path:
    """Write what happened, redacted, to `crash-<UTC time>.txt`; returns the file."""
    log_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = log_dir / f"crash-{stamp}.txt"
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    header = (
        f"Lumio Desktop {__version__} crashed at {stamp}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n\n"
    )
    path.write_text(redact_text(header + text), encoding="utf-8")
    return path


def install_excepthook(log_dir: Path, on_crash: Callable[[str, Path], None] | None = None) -> None:
    """Unhandled exceptions (main thread and others) are logged, written to a report, and shown via `on_crash`
    (summary, report path) instead of vanishing."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = write_crash_report(log_dir, exc_type, exc, tb)
        logging.getLogger("lumio_desktop").error("unhandled %s; report saved to %s", exc_type.__name__, report,
                                                 exc_info=(exc_type, exc, tb))
        if on_crash is not None:
            try:
                on_crash(redact_text(f"{exc_type.__name__}: {exc}"), report)
            except Exception:  # noqa: BLE001 - the crash handler must not crash
                logging.getLogger("lumio_desktop").exception("crash callback failed")

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)
