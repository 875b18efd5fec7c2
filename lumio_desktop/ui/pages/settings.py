"""Settings: per connection (schedule, scheduled syncs on/off, conflict strategy, direction, reconnect), and the app's
own (alert thresholds, webhook receiver, data folder, closing to the tray)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from lumio_desktop.ui import queries
from lumio_desktop.ui.theme import heading_font, muted
from lumio_desktop.ui.wizard import DIRECTIONS, SCHEDULES, STRATEGIES

CUSTOM = "custom"


class SettingsPage(QWidget):
    connection_saved = Signal(int, dict)  # id, {schedule, enabled, strategy, direction}
    app_settings_saved = Signal(dict)  # changes for settings.toml
    reconnect_requested = Signal(int)

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.store = controller.store
        self.settings = controller.settings
        self.conn_ids: list[int] = []
        self._setup_ui()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Settings"), self)
        title.setFont(heading_font(self.font(), 1.6))
        lay.addWidget(title)
        # one above the other: side by side, the Portuguese labels needed a 1,500 px window
        body = QVBoxLayout()
        lay.addLayout(body)

        conns = QGroupBox(self.tr("Connections"), self)
        cl = QHBoxLayout(conns)
        self.list = QListWidget(conns)
        self.list.setAccessibleName(self.tr("connections"))
        self.list.setMaximumWidth(240)
        self.list.setMinimumHeight(220)
        self.list.currentRowChanged.connect(self._select)
        cl.addWidget(self.list)
        form_box = QWidget(conns)
        form = QFormLayout(form_box)
        self.conn_title = QLabel(form_box)
        self.conn_title.setFont(heading_font(self.font(), 1.1))
        form.addRow(self.conn_title)
        self.schedule = QComboBox(form_box)
        self.schedule.setAccessibleName(self.tr("schedule"))
        for label, cron in SCHEDULES[:-1]:
            self.schedule.addItem(QCoreApplication.translate("Wizard", label), cron)
        self.schedule.addItem(self.tr("Default for this provider"), "")
        self.schedule.addItem(self.tr("Custom (cron)"), CUSTOM)
        self.cron = QLineEdit(form_box)
        self.cron.setPlaceholderText(self.tr("minute hour day month weekday, e.g. */15 * * * *"))
        self.cron.setAccessibleName(self.tr("custom cron expression"))
        self.schedule.currentIndexChanged.connect(lambda _i: self.cron.setEnabled(self.schedule.currentData() == CUSTOM))
        self.enabled = QCheckBox(self.tr("Run scheduled syncs"), form_box)
        self.strategy = QComboBox(form_box)
        self.strategy.setAccessibleName(self.tr("conflict strategy"))
        for label, key in STRATEGIES:
            self.strategy.addItem(QCoreApplication.translate("Wizard", label), key)
        self.direction = QComboBox(form_box)
        self.direction.setAccessibleName(self.tr("direction"))
        for label, key in DIRECTIONS:
            self.direction.addItem(QCoreApplication.translate("Wizard", label), key)
        form.addRow(self.tr("Schedule"), self.schedule)
        form.addRow("", self.cron)
        form.addRow("", self.enabled)
        form.addRow(self.tr("Conflicts"), self.strategy)
        form.addRow(self.tr("Direction"), self.direction)
        self.conn_error = QLabel(form_box)
        self.conn_error.setWordWrap(True)
        form.addRow(self.conn_error)
        row = QHBoxLayout()
        self.reconnect = QPushButton(self.tr("Reconnect…"), form_box)
        self.reconnect.clicked.connect(lambda: self.reconnect_requested.emit(self.current_id)
                                       if self.current_id is not None else None)
        self.save_conn = QPushButton(self.tr("Save connection"), form_box)
        self.save_conn.clicked.connect(self._save_connection)
        row.addWidget(self.reconnect)
        row.addStretch(1)
        row.addWidget(self.save_conn)
        form.addRow(row)
        cl.addWidget(form_box, 1)
        body.addWidget(conns)

        app = QGroupBox(self.tr("Lumio"), self)
        al = QFormLayout(app)
        self.slow = QSpinBox(app)
        self.slow.setRange(10, 24 * 3600)
        self.slow.setSuffix(" s")
        self.slow.setAccessibleName(self.tr("slow sync alert after seconds"))
        self.rate = QDoubleSpinBox(app)
        self.rate.setRange(0, 100)
        self.rate.setDecimals(1)
        self.rate.setSuffix(" %")
        self.rate.setAccessibleName(self.tr("rejected records alert above percent"))
        al.addRow(self.tr("Alert when a sync runs longer than"), self.slow)
        al.addRow(self.tr("Alert when rejected records exceed"), self.rate)
        self.webhook_port = QSpinBox(app)
        self.webhook_port.setRange(0, 65535)
        self.webhook_port.setAccessibleName(self.tr("webhook receiver port"))
        self.webhook_state = muted(QLabel(app))
        self.webhook_state.setWordWrap(True)
        al.addRow(self.tr("Webhook receiver port"), self.webhook_port)
        al.addRow("", self.webhook_state)
        self.data_dir = QLabel(app)
        self.data_dir.setWordWrap(True)
        open_dir = QPushButton(self.tr("Open data folder"), app)
        open_dir.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        open_dir.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.settings.data_dir))))
        al.addRow(self.tr("Data folder"), self.data_dir)
        al.addRow("", open_dir)
        self.close_to_tray = QCheckBox(self.tr("Closing the window keeps Lumio running in the tray"), app)
        al.addRow("", self.close_to_tray)
        # Language names in their own language, so a person who cannot read the current one still finds theirs.
        self.language = QComboBox(app)
        self.language.setAccessibleName(self.tr("language"))
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Português (Brasil)", "pt_BR")
        self._language_choice: str | None = None  # saved, applied at the next start
        al.addRow(self.tr("Language"), self.language)
        self.app_note = muted(QLabel(self.tr("The webhook port and the language apply at the next start; thresholds "
                                             "apply now."), app))
        self.app_note.setWordWrap(True)
        al.addRow(self.app_note)
        self.save_app = QPushButton(self.tr("Save"), app)
        self.save_app.clicked.connect(self._save_app)
        row2 = QHBoxLayout()
        row2.addStretch(1)
        row2.addWidget(self.save_app)
        al.addRow(row2)
        body.addWidget(app)
        lay.addStretch(1)

    @property
    def current_id(self) -> int | None:
        r = self.list.currentRow()
        return self.conn_ids[r] if 0 <= r < len(self.conn_ids) else None

    def reload(self) -> None:
        from lumio_desktop.store.models import Connection
        from lumio_desktop.ui.main_window import ui_settings

        keep = self.current_id
        with self.store.session() as s:
            self._conns = {c.id: c for c in s.scalars(select(Connection).order_by(Connection.id))}
        self.list.blockSignals(True)
        self.list.clear()
        self.conn_ids = list(self._conns)
        for c in self._conns.values():
            QListWidgetItem(queries.connection_title(c.provider, c.account_label, c.name), self.list)
        self.list.blockSignals(False)
        # as wide as the longest name (within the 240 px cap), so "Salesforce acme.my" is not cut to "Salesforce"
        self.list.setMinimumWidth(min(240, self.list.sizeHintForColumn(0) + 2 * self.list.frameWidth() + 8))
        if self.conn_ids:
            self.list.setCurrentRow(self.conn_ids.index(keep) if keep in self.conn_ids else 0)
        self._select(self.list.currentRow())
        a = self.settings.alerts
        self.slow.setValue(int(a.slow_sync_seconds))
        self.rate.setValue(a.error_rate * 100)
        self.webhook_port.setValue(self.settings.webhook_port)
        self.data_dir.setText(str(self.settings.data_dir))
        self.close_to_tray.setChecked(ui_settings().value("ui/close_to_tray", True, type=bool))
        lang = self._language_choice if self._language_choice is not None else (self.settings.language or "")
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))

    on_shown = reload

    def set_webhook_state(self, text: str) -> None:
        self.webhook_state.setText(text)

    def _select(self, row: int) -> None:
        cid = self.current_id
        c = self._conns.get(cid) if cid is not None and hasattr(self, "_conns") else None
        for w in (self.schedule, self.cron, self.enabled, self.strategy, self.direction, self.save_conn,
                  self.reconnect):
            w.setEnabled(c is not None)
        self.conn_error.clear()
        if c is None:
            self.conn_title.setText(self.tr("No connection yet"))
            return
        self.conn_title.setText(self.tr("{name} ({provider})").format(name=c.name,
                                                                      provider=queries.provider_name(c.provider)))
        default = self.settings.salesforce_schedule if c.provider.value == "salesforce" \
            else self.settings.default_schedule
        label = next((QCoreApplication.translate("Wizard", lbl) for lbl, cron in SCHEDULES if cron == default), default)
        self.schedule.setItemText(self.schedule.findData(""), self.tr("Default: {schedule}").format(
            schedule=label[:1].lower() + label[1:]))
        i = self.schedule.findData(c.schedule or "")
        if i < 0:
            i = self.schedule.findData(CUSTOM)
            self.cron.setText(c.schedule or "")
        self.schedule.setCurrentIndex(i)
        self.cron.setEnabled(self.schedule.currentData() == CUSTOM)
        self.enabled.setChecked(c.enabled)
        self.strategy.setCurrentIndex(max(0, self.strategy.findData(c.strategy.value)))
        self.direction.setCurrentIndex(max(0, self.direction.findData(c.direction.value)))

    def connection_changes(self) -> dict:
        sched = self.schedule.currentData()
        if sched == CUSTOM:
            sched = self.cron.text().strip()
        return {"schedule": sched or None, "enabled": self.enabled.isChecked(),
                "strategy": self.strategy.currentData(), "direction": self.direction.currentData()}

    def _save_connection(self) -> None:
        if self.current_id is None:
            return
        changes = self.connection_changes()
        if changes["schedule"]:
            _, nxt = queries.cron_interval(changes["schedule"], datetime.now(UTC))
            if nxt is None:
                self.conn_error.setText(self.tr("“{cron}” is not a cron expression Lumio can read: five fields, e.g. "
                                                "*/15 * * * * for every 15 minutes.").format(cron=changes["schedule"]))
                return
        self.connection_saved.emit(self.current_id, changes)

    def _save_app(self) -> None:
        from lumio_desktop.ui.main_window import ui_settings

        ui_settings().setValue("ui/close_to_tray", self.close_to_tray.isChecked())
        self._language_choice = self.language.currentData() or ""  # before emitting: saving reloads this page
        self.app_settings_saved.emit({"alerts": {"slow_sync_seconds": float(self.slow.value()),
                                                 "error_rate": round(self.rate.value() / 100, 4)},
                                      "webhook_port": self.webhook_port.value(),
                                      "language": self.language.currentData() or None})  # None: the system's
