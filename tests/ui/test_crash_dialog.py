"""A forced unhandled exception shows a dialog that says what happened and where the report was saved, and
writes that report (issue 10)."""

from __future__ import annotations

import sys
import threading

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from lumio_desktop.logs import install_excepthook
from lumio_desktop.ui.crash import show_crash_dialog


def test_a_forced_exception_shows_the_dialog_and_writes_the_report(qtbot, tmp_path):
    win = QWidget()
    qtbot.addWidget(win)
    win.show()
    old = sys.excepthook, threading.excepthook
    try:
        install_excepthook(tmp_path, lambda summary, report: show_crash_dialog(win, summary, report))
        try:
            raise RuntimeError("forced for the test")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook, threading.excepthook = old
    (report,) = tmp_path.glob("crash-*.txt")
    assert "RuntimeError: forced for the test" in report.read_text()

    def dialog():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert boxes
        return boxes[0]

    qtbot.waitUntil(lambda: dialog() is not None)
    box = dialog()
    assert "forced for the test" in box.text() and str(report) in box.text()
    box.accept()
