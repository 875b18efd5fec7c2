"""Building the main window with every page that this build has. app.py, the screenshot script and the tests all
build the window here, so they see the same thing."""

from __future__ import annotations

from lumio_desktop.ui.main_window import MainWindow


def build_window(controller, bridge) -> MainWindow:
    return MainWindow(controller, bridge)
