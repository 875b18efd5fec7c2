"""The main window: a sidebar of pages, the pages in a stack, a status bar; shortcuts, menus and remembered geometry.
It wires page signals to the controller and bridge signals to the pages; it holds no logic of its own."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lumio_desktop import __version__
from lumio_desktop.ui.pages.conflicts import ConflictsPage
from lumio_desktop.ui.pages.dashboard import DashboardPage
from lumio_desktop.ui.pages.duplicates import DuplicatesPage
from lumio_desktop.ui.pages.jobs import JobsPage
from lumio_desktop.ui.pages.records import RecordsPage
from lumio_desktop.ui.pages.settings import SettingsPage
from lumio_desktop.ui.pages.welcome import WelcomePage
from lumio_desktop.ui.theme import heading_font, local_time, muted
from lumio_desktop.ui.tr_text import tr_text

PAGES = ("dashboard", "jobs", "conflicts", "records", "duplicates", "settings")
TITLES = {"dashboard": QT_TRANSLATE_NOOP("MainWindow", "Dashboard"), "jobs": QT_TRANSLATE_NOOP("MainWindow", "Jobs"),
          "conflicts": QT_TRANSLATE_NOOP("MainWindow", "Conflicts"),
          "records": QT_TRANSLATE_NOOP("MainWindow", "Records"),
          "duplicates": QT_TRANSLATE_NOOP("MainWindow", "Duplicates"),
          "settings": QT_TRANSLATE_NOOP("MainWindow", "Settings")}
SETTINGS_ORG, SETTINGS_APP = "Lumio", "Lumio Desktop"


def ui_settings() -> QSettings:
    return QSettings(SETTINGS_ORG, SETTINGS_APP)


class MainWindow(QMainWindow):
    quit_requested = Signal()
    add_connection_requested = Signal()
    reconnect_requested = Signal(int)
    demo_requested = Signal()  # the welcome page's "Try it with demo data" (ui/first_run.py starts it)

    def __init__(self, controller, bridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.bridge = bridge
        self.store = controller.store
        self.tray_available = False  # set by the tray when it shows
        self._setup_ui()
        self._wire()
        self.restore_geometry()

    # -- building -------------------------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("Lumio Desktop"))
        central = QWidget(self)
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        side = QWidget(central)
        side.setFixedWidth(190)
        side.setBackgroundRole(QPalette.ColorRole.Base)
        side.setAutoFillBackground(True)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 12, 0, 8)
        brand = QLabel(self.tr("  Lumio"), side)
        brand.setFont(heading_font(self.font(), 1.5))
        icon = QApplication.windowIcon()
        if not icon.isNull():
            brand.setText("")
            row = QHBoxLayout()
            pic = QLabel(side)
            pic.setPixmap(icon.pixmap(28, 28))
            row.addSpacing(12)
            row.addWidget(pic)
            word = QLabel(self.tr("Lumio"), side)
            word.setFont(heading_font(self.font(), 1.5))
            row.addWidget(word, 1)
            sl.addLayout(row)
        else:
            sl.addWidget(brand)
        sl.addSpacing(10)
        self.nav = QListWidget(side)
        self.nav.setAccessibleName(self.tr("pages"))
        self.nav.setSpacing(2)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet("QListWidget::item { padding: 7px 10px; }")
        self.stack = QStackedWidget(central)
        self.dashboard = DashboardPage(self.stack)
        self.jobs = JobsPage(self.store, self.stack, reader=self.controller.read)
        self.records = RecordsPage(self.store, self.stack, reader=self.controller.read)
        self.conflicts = ConflictsPage(self.store, self.stack)
        self.settings_page = SettingsPage(self.controller, self.stack)
        self.duplicates = DuplicatesPage(self.store, self.stack)
        built = {"dashboard": self.dashboard, "jobs": self.jobs, "records": self.records,
                 "conflicts": self.conflicts, "settings": self.settings_page,
                 "duplicates": self.duplicates}
        self.pages: dict[str, QWidget] = {}
        for key in PAGES:
            page = built.get(key) or self._placeholder(self.tr(TITLES[key]))
            self.pages[key] = page
            if key == "settings":  # two groups, one above the other: scroll rather than make the window that tall
                scroll = QScrollArea(self.stack)
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QFrame.Shape.NoFrame)
                scroll.setWidget(page)
                page = scroll
            self.stack.addWidget(page)
            item = QListWidgetItem(self.tr(TITLES[key]), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.currentRowChanged.connect(self._page_changed)
        # First run (no connections, not demo mode): the welcome page stands in for the empty dashboard.
        self.welcome = WelcomePage(self.stack)
        self.stack.addWidget(self.welcome)
        self._welcome_done = False
        sl.addWidget(self.nav, 1)
        self.version_label = muted(QLabel(f"  v{__version__}", side))
        sl.addWidget(self.version_label)
        lay.addWidget(side)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status_webhook = QLabel(self)
        self.status_conflicts = QLabel(self)
        self.status_alert = QLabel(self)
        self.status_keychain = QLabel(self)  # shown only when tokens cannot be kept in an OS keychain
        self.status_keychain.hide()
        for w in (self.status_keychain, self.status_webhook, self.status_conflicts, self.status_alert):
            self.statusBar().addPermanentWidget(w)
        self._menus()
        self.nav.setCurrentRow(0)

    def _placeholder(self, title: str) -> QWidget:
        w = QLabel(self.tr("{page}: not available in this build.").format(page=title), self)
        w.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return w

    def _action(self, text: str, shortcut, slot, name: str | None = None) -> QAction:
        a = QAction(text, self)
        if shortcut:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        a.triggered.connect(slot)
        self.addAction(a)  # shortcuts work even with the menu bar hidden
        return a

    def _menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&Lumio"))
        self.act_add = self._action(self.tr("Add connection…"), QKeySequence.StandardKey.New, self.add_connection_requested.emit)
        self.act_sync_all = self._action(self.tr("Sync all now"), QKeySequence("Ctrl+Shift+S"), self.controller.sync_all)
        self.act_pause = self._action(self.tr("Pause scheduled syncs"), None, self._toggle_pause)
        self.act_pause.setCheckable(True)
        self.act_quit = self._action(self.tr("Quit"), QKeySequence("Ctrl+Q"), self.quit_requested.emit)
        for a in (self.act_add, self.act_sync_all, self.act_pause):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_quit)
        v = mb.addMenu(self.tr("&View"))
        self.act_refresh = self._action(self.tr("Refresh"), [QKeySequence("F5"), QKeySequence("Ctrl+R")], self.refresh)
        v.addAction(self.act_refresh)
        v.addSeparator()
        for i, key in enumerate(PAGES):
            v.addAction(self._action(self.tr(TITLES[key]), QKeySequence(f"Ctrl+{i + 1}"),
                                     lambda _c=False, k=key: self.show_page(k)))
        h = mb.addMenu(self.tr("&Help"))
        self.act_logs = self._action(self.tr("Open logs folder"), None, self.open_logs_folder)
        h.addAction(self.act_logs)
        h.addAction(self._action(self.tr("About Lumio Desktop"), None, self._about))
        self.help_menu = h

    # -- the wizard -------------------------------------------------------------------------------------------------
    def open_wizard(self, reconnect_id: int | None = None):
        from lumio_desktop.store.models import Connection
        from lumio_desktop.ui.connect import ConnectController
        from lumio_desktop.ui.wizard import ConnectionWizard

        vault = getattr(self.controller, "vault", None)
        if vault is None:
            from lumio_desktop.auth.vault import TokenVault

            vault = self.controller.vault = TokenVault.from_settings(self.controller.settings)
        cc = ConnectController(self.controller, vault, parent=self)
        prefill = {}
        sandbox = getattr(self.controller, "sandbox", None)
        if sandbox is not None:  # demo mode: the sandbox's own app credentials
            creds = sandbox.world.credentials(sandbox.base_url)
            prefill = {k: v for k, v in creds.items() if isinstance(v, dict)}
        reconnect = None
        if reconnect_id is not None:
            with self.store.session() as s:
                reconnect = s.get(Connection, reconnect_id)
        wiz = ConnectionWizard(cc, self.bridge, prefill=prefill, reconnect=reconnect, parent=self)
        if sandbox is not None and reconnect is None:
            wiz.provider_page.base_url.setText(sandbox.base_url)
        wiz.finished.connect(lambda _r: self.schedule_refresh())
        wiz.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wiz.show()
        self.wizard = wiz
        return wiz

    def _wire(self) -> None:
        c, b, d = self.controller, self.bridge, self.dashboard
        d.sync_requested.connect(c.sync_now)
        d.cancel_requested.connect(c.cancel_job)
        d.open_job_requested.connect(c.open_job)
        d.sync_all_requested.connect(c.sync_all)
        d.add_connection_requested.connect(self.add_connection_requested)
        d.reconnect_requested.connect(self.reconnect_requested)
        self.add_connection_requested.connect(lambda: self.open_wizard())
        self.reconnect_requested.connect(lambda cid: self.open_wizard(cid))
        d.conflicts_requested.connect(lambda _cid: self.show_page("conflicts"))
        self.jobs.cancel_requested.connect(c.cancel_job)
        self.jobs.run_again_requested.connect(c.run_again)
        self.records.detail.save_requested.connect(self._save_record)
        self.controller.record_saved.connect(self.records.after_save)
        self.duplicates.find_requested.connect(c.find_duplicates)
        self.duplicates.merge_requested.connect(c.merge_duplicates)
        self.duplicates.merge_all_requested.connect(c.merge_all_duplicates)
        self.duplicates.undo_requested.connect(c.undo_last_merge)
        c.duplicates_ready.connect(self._duplicates_ready)
        c.duplicates_changed.connect(self._duplicates_changed)
        self.settings_page.connection_saved.connect(c.save_connection)
        self.settings_page.app_settings_saved.connect(c.save_app_settings)
        self.settings_page.reconnect_requested.connect(self.reconnect_requested)
        self.welcome.connect_requested.connect(self.add_connection_requested)
        self.welcome.demo_requested.connect(self.demo_requested)
        self.welcome.skip_requested.connect(self.leave_welcome)
        self.nav.itemClicked.connect(self._nav_clicked)
        c.settings_saved.connect(self._settings_saved)
        self.conflicts.resolve_requested.connect(c.resolve_conflicts)
        self.conflicts.undo_requested.connect(c.undo_last_resolution)
        c.conflicts_resolved.connect(self._conflicts_resolved)
        for sig in (b.conflicts_changed, b.conflict_detected):
            sig.connect(self._conflicts_event)
        c.dashboard_ready.connect(self._dashboard_ready)
        c.open_job_requested.connect(self.open_job)
        c.message.connect(self._message)
        c.error.connect(self._show_error)
        c.schedules_paused_changed.connect(self._paused_changed)
        b.sync_queued.connect(d.on_sync_queued)
        b.sync_started.connect(d.on_sync_started)
        b.sync_progress.connect(d.on_sync_progress)
        b.sync_finished.connect(d.on_sync_finished)
        b.sync_progress.connect(self.jobs.on_sync_progress)
        for sig in (b.sync_queued, b.sync_started, b.sync_finished):
            sig.connect(self.jobs.on_job_event)
        for sig in (b.sync_finished, b.health_changed, b.conflict_detected, b.conflicts_changed,
                    b.connections_changed, b.sync_queued):
            sig.connect(self._any_change)
        b.records_changed.connect(self._records_changed)
        b.alert_raised.connect(self._alert)
        b.connections_changed.connect(self._connections_changed)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)  # a burst of events becomes one read
        self._refresh_timer.timeout.connect(c.refresh_dashboard)
        self._tick = QTimer(self)
        self._tick.setInterval(30_000)  # "4 min ago" and the freshness rule age without events
        self._tick.timeout.connect(c.refresh_dashboard)
        self._tick.start()

    # -- behaviour ------------------------------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(PAGES.index(key))

    def current_page(self) -> str:
        return PAGES[self.nav.currentRow()]

    def _page_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        key = PAGES[row]
        page = self.pages[key]
        if key in ("jobs", "records") and not getattr(page, "_first_load_done", False):
            page._first_load_done = True
            page.reload()
        elif hasattr(page, "on_shown"):
            page.on_shown()

    def refresh(self) -> None:
        self.controller.refresh_dashboard()
        key = self.current_page()
        page = self.pages[key]
        if hasattr(page, "reload"):
            page.reload()

    def schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def open_job(self, job_id: str) -> None:
        self.show_page("jobs")
        if not getattr(self.jobs, "_first_load_done", False):
            self.jobs._first_load_done = True
            self.jobs.reload()
        self.jobs.select_job(job_id)

    def _dashboard_ready(self, data) -> None:
        self._update_welcome(data)
        self.dashboard.apply(data)
        self.set_conflict_count(data.open_conflicts)
        paused = self.controller.schedules_paused
        if paused:
            self.dashboard.set_schedule_text(self.tr("Scheduled syncs: paused"))
        else:
            nxt = [s.next_run for s in data.summaries if s.next_run is not None]
            self.dashboard.set_schedule_text(self.tr("Scheduled syncs: on · next run {at}").format(at=local_time(min(nxt)))
                                             if nxt else self.tr("Scheduled syncs: none"))

    # -- first run ----------------------------------------------------------------------------------------------------
    def welcome_shown(self) -> bool:
        return self.stack.currentWidget() is self.welcome

    def _update_welcome(self, data) -> None:
        if data.summaries:
            self.leave_welcome()
        elif (not self._welcome_done and getattr(self.controller, "sandbox", None) is None
              and self.current_page() == "dashboard"):
            self.stack.setCurrentWidget(self.welcome)

    def leave_welcome(self) -> None:
        """Once left (a connection exists, demo mode started, skipped, another page chosen), it stays away."""
        self._welcome_done = True
        if self.welcome_shown():
            self.stack.setCurrentIndex(self.nav.currentRow())

    def _nav_clicked(self, _item) -> None:
        self.leave_welcome()  # the person chose where to go

    def _duplicates_ready(self, groups) -> None:
        self.duplicates.set_undo_available(self.controller.can_undo_merge)
        self.duplicates.set_groups(groups)
        self.set_duplicate_count(len(groups))

    def _duplicates_changed(self) -> None:
        self.duplicates.set_undo_available(self.controller.can_undo_merge)
        self.duplicates.reload()
        self.schedule_refresh()

    # Bound methods, not lambdas, for signals of longer-lived objects (controller, bridge): Qt drops a bound
    # method's connection when this window is destroyed; a lambda would outlive it.
    def _settings_saved(self) -> None:
        self._reload_if_shown("settings")

    def _conflicts_event(self, *_args) -> None:
        self._reload_if_shown("conflicts")

    def _message(self, text: str) -> None:
        self.statusBar().showMessage(_said(text), 6000)

    def _any_change(self, *_args) -> None:
        self.schedule_refresh()

    def _connections_changed(self) -> None:
        if getattr(self.jobs, "_first_load_done", False):
            self.jobs.model.reload()

    def shutdown(self) -> None:
        """Stop the timers (before the services close): nothing starts a read after this."""
        import shiboken6

        for t in (self._tick, self._refresh_timer):
            if shiboken6.isValid(t):
                t.stop()

    def _reload_if_shown(self, key: str) -> None:
        if self.current_page() == key:
            self.pages[key].reload()

    def _conflicts_resolved(self, _report) -> None:
        self.conflicts.set_undo_available(self.controller.can_undo)
        self.conflicts.reload()
        self.schedule_refresh()

    def set_conflict_count(self, n: int) -> None:
        item = self.nav.item(PAGES.index("conflicts"))
        title = self.tr(TITLES["conflicts"])
        item.setText(f"{title}  ({n})" if n else title)
        item.setToolTip(self.tr("{n} open conflict(s) to review").format(n=n) if n else self.tr("No open conflicts"))
        self.status_conflicts.setText(self.tr("1 open conflict") if n == 1
                                      else self.tr("{n} open conflicts").format(n=n))

    def set_duplicate_count(self, n: int) -> None:
        item = self.nav.item(PAGES.index("duplicates"))
        title = self.tr(TITLES["duplicates"])
        item.setText(f"{title}  ({n})" if n else title)

    def set_keychain_warning(self, warning: str | None) -> None:
        """No OS keychain: sign-ins last only while Lumio runs. Said where it stays visible, not in a passing box."""
        self.status_keychain.setVisible(bool(warning))
        if warning:
            text = "⚠ " + tr_text(warning)
            self.status_keychain.setText(self.status_keychain.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, 420))
            self.status_keychain.setToolTip(text + "\n" + self.tr(
                "Install or unlock a keychain (GNOME Keyring, KWallet) and reconnect the accounts to keep their "
                "sign-ins across restarts."))

    def set_webhook_text(self, text: str) -> None:
        self.status_webhook.setText(text)
        self.settings_page.set_webhook_state(text)

    def _records_changed(self, entity: str) -> None:
        # Published per page during a sync: the dashboard's counts are re-read at the job's end (sync_finished),
        # not per page (that redrew the charts many times a second; benchmark 4). Outside a sync (an edit, a
        # merge) it refreshes.
        if not self.dashboard.any_running():
            self.schedule_refresh()

    def _alert(self, _alert_id, _kind: str, message: str) -> None:
        from datetime import UTC, datetime

        text = self.tr("Last alert {at}: {message}").format(at=local_time(datetime.now(UTC)), message=tr_text(message))
        # elided to fit beside the other status words (a Portuguese alert is long); the whole text on hover
        self.status_alert.setText(self.status_alert.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, 480))
        self.status_alert.setToolTip(text)
        self.schedule_refresh()

    def _save_record(self, entity: str, local_id: int, changes: dict) -> None:
        self.controller.save_record(entity, local_id, changes)  # record_saved -> records.after_save

    def _toggle_pause(self, checked: bool) -> None:
        self.controller.set_schedules_paused(checked)

    def _paused_changed(self, paused: bool) -> None:
        self.act_pause.setChecked(paused)
        self.schedule_refresh()

    def _show_error(self, title: str, message: str) -> None:
        import shiboken6

        if not shiboken6.isValid(self):
            return
        message = _said(message)
        if not self.isVisible():  # in the tray: say it there, never a modal box over nothing
            self.statusBar().showMessage(f"{title}: {message}", 10_000)
            return
        QMessageBox.warning(self, title, message)

    def open_logs_folder(self) -> bool:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = self.controller.settings.log_dir
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Lumio Desktop"),
                          self.tr("Lumio Desktop {version}\nKeeps leads, companies and deals consistent between Lumio "
                                  "and HubSpot, Salesforce and Shopify.").format(version=__version__))

    # -- geometry and closing -------------------------------------------------------------------------------------
    def restore_geometry(self) -> None:
        s = ui_settings()
        geo = s.value("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 820)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)

    def save_geometry(self) -> None:
        s = ui_settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.sync()

    @property
    def close_to_tray(self) -> bool:
        return ui_settings().value("ui/close_to_tray", True, type=bool)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_geometry()
        if self.tray_available and self.close_to_tray:
            event.ignore()
            self.hide()
            return
        event.accept()
        self.quit_requested.emit()


def _said(message: str) -> str:
    """A message from the controller in the UI language: its lines may be the engine's sentences (an error raised by
    the engine, refused resolutions one per line); the UI's own words pass through unchanged."""
    return "\n".join(tr_text(line) for line in str(message).split("\n"))
