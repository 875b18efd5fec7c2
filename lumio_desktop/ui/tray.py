"""The tray: an icon coloured by the worst connection health, a menu (Sync all now, Open, Pause schedules, Quit),
notifications for alerts. While it is shown, closing the window keeps Lumio (and its schedules) running."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from lumio_desktop.ui.health import Light, worst
from lumio_desktop.ui.theme import LIGHT_COLOURS
from lumio_desktop.ui.tr_text import tr_text

WORDS = {Light.GREEN: QT_TRANSLATE_NOOP("Tray", "all connections synced"),
         Light.YELLOW: QT_TRANSLATE_NOOP("Tray", "a connection needs attention"),
         Light.RED: QT_TRANSLATE_NOOP("Tray", "a connection failed or needs reconnecting"),
         Light.GREY: QT_TRANSLATE_NOOP("Tray", "no connection synced yet")}


def tray_icon(light: Light, size: int = 64) -> QIcon:
    """A ring in the health colour around a white 'L' disc: readable on light and dark panels."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = LIGHT_COLOURS[light]
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    p.setBrush(QColor("#ffffff"))
    inner = size * 0.22
    p.drawEllipse(QRectF(inner, inner, size - 2 * inner, size - 2 * inner))
    p.setPen(colour.darker(140))
    f = p.font()
    f.setBold(True)
    f.setPixelSize(int(size * 0.38))
    p.setFont(f)
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "L")
    p.end()
    return QIcon(pm)


class Tray(QObject):
    quit_requested = Signal()

    def __init__(self, window, controller, bridge, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.controller = controller
        self.light = Light.GREY
        self.icon = QSystemTrayIcon(tray_icon(self.light), self)
        self.icon.setToolTip(self.tr("Lumio Desktop"))
        # The window owns the menu: the tray icon keeps only a pointer to it, so the menu must not be freed by
        # Python's garbage collector before the icon (that was a crash at the end of a test).
        menu = QMenu(window)
        self.act_sync = QAction(self.tr("Sync all now"), menu)
        self.act_sync.triggered.connect(controller.sync_all)
        self.act_open = QAction(self.tr("Open Lumio"), menu)
        self.act_open.triggered.connect(self.show_window)
        self.act_pause = QAction(self.tr("Pause scheduled syncs"), menu)
        self.act_pause.setCheckable(True)
        self.act_pause.toggled.connect(self._pause_toggled)
        self.act_quit = QAction(self.tr("Quit"), menu)
        self.act_quit.triggered.connect(self.quit_requested)
        for a in (self.act_sync, self.act_open, self.act_pause):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.act_quit)
        self.menu = menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        controller.dashboard_ready.connect(self._dashboard)
        controller.schedules_paused_changed.connect(self._paused_changed)
        bridge.alert_raised.connect(self._alert)

    def show(self) -> bool:
        """Show the icon where the desktop has a tray; returns whether it did (the window then closes to it)."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return False
        self.icon.show()
        self.window.tray_available = True
        return True

    def hide(self) -> None:
        self.icon.hide()
        self.window.tray_available = False

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _activated(self, reason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            if self.window.isVisible() and not self.window.isMinimized():
                self.window.hide()
            else:
                self.show_window()

    def _dashboard(self, data) -> None:
        lights = [s.verdict.light for s in data.summaries if s.verdict is not None]
        light = worst(lights)
        if light != self.light:
            self.light = light
            self.icon.setIcon(tray_icon(light))
        bad = [f"{s.title}: {tr_text(s.verdict.title)}" for s in data.summaries
               if s.verdict is not None and s.verdict.light in (Light.RED, Light.YELLOW)]
        self.icon.setToolTip("Lumio Desktop: " + self.tr(WORDS[light]) + ("\n" + "\n".join(bad) if bad else ""))

    def _pause_toggled(self, checked: bool) -> None:
        if checked != self.controller.schedules_paused:
            self.controller.set_schedules_paused(checked)

    def _paused_changed(self, paused: bool) -> None:
        self.act_pause.blockSignals(True)
        self.act_pause.setChecked(paused)
        self.act_pause.blockSignals(False)

    def _alert(self, _alert_id, kind: str, message: str) -> None:
        if not self.icon.isVisible():
            return
        icon = (QSystemTrayIcon.MessageIcon.Critical if kind == "sync_failed"
                else QSystemTrayIcon.MessageIcon.Warning)
        self.icon.showMessage(self.tr("Lumio Desktop"), tr_text(message), icon, 10_000)
