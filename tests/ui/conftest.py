"""UI tests: async tests run on a qasync loop (Qt and asyncio together, like the app), via pytest-asyncio's
`pytest_asyncio_loop_factories` hook (1.x has no `event_loop` fixture)."""

from __future__ import annotations

import asyncio
import time

import pytest
import qasync
from PySide6.QtWidgets import QApplication


def pytest_asyncio_loop_factories(config, item):
    return {"qasync": lambda: qasync.QEventLoop(QApplication.instance() or QApplication([]))}


@pytest.fixture(autouse=True)
def _ui_settings_isolated(tmp_path, monkeypatch):
    """QSettings (window geometry, close-to-tray) go to a temporary folder, never the developer's."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture(autouse=True)
def _collect_garbage_between_tests():
    """Collect cycles at a safe point, between tests: otherwise the collector may free an earlier test's Qt and
    pyqtgraph wrappers in the middle of a later test's event processing (seen as a rare segfault)."""
    import gc

    gc.collect()
    yield
    gc.collect()


async def until(predicate, timeout: float = 5.0, what: str = "condition") -> None:
    """Let the loop (and Qt) run until `predicate()` holds. (qtbot.waitSignal would block the running loop.)"""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


def signal_future(signal) -> asyncio.Future:
    """A future set by the next emission of a Qt signal: await it instead of qtbot.waitSignal in async tests."""
    fut = asyncio.get_running_loop().create_future()

    def fire(*args):
        if not fut.done():
            fut.set_result(args)
        try:
            signal.disconnect(fire)
        except (RuntimeError, TypeError):
            pass

    signal.connect(fire)
    return fut


@pytest.fixture()
def pt_br(qapp, tmp_path, monkeypatch):
    """The app's pt_BR catalogue, compiled from the committed .ts, installed as the app installs it."""
    import locale
    import subprocess

    from PySide6.QtCore import QCoreApplication, QLocale

    import lumio_desktop.paths
    from lumio_desktop.app import _install_translations
    from lumio_desktop.config import load_settings
    from tests.ui.test_translations import TS_DIR, _tool

    res = tmp_path / "resources"
    (res / "translations").mkdir(parents=True)
    qm = res / "translations" / "lumio_pt_BR.qm"
    proc = subprocess.run([_tool("pyside6-lrelease"), str(TS_DIR / "lumio_pt_BR.ts"), "-qm", str(qm)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    monkeypatch.setattr(lumio_desktop.paths, "resources_dir", lambda: res)
    before, time_locale = QLocale(), locale.setlocale(locale.LC_TIME)
    try:
        assert _install_translations(qapp, load_settings(data_dir=tmp_path / "d", language="pt_BR")) == "pt_BR"
        yield
    finally:
        for t in getattr(qapp, "_translators", []):
            qapp.removeTranslator(t)
        qapp._translators = []
        QLocale.setDefault(before)
        locale.setlocale(locale.LC_TIME, time_locale)
    assert QCoreApplication.translate("MainWindow", "Dashboard") == "Dashboard"  # nothing leaks into later tests
