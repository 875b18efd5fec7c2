"""The dialog an unhandled exception shows instead of vanishing (logs.install_excepthook calls it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_crash_dialog(parent: QWidget | None, summary: str, report) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("App", "Lumio Desktop hit an error"),
        QCoreApplication.translate("App", "Something went wrong: {summary}\n\nA report was saved to {report}. "
                                   "Lumio keeps running; if something looks wrong, restart it.").format(
            summary=summary, report=report),
        QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal but not exec(): the loop that runs the syncs keeps running
    return box
