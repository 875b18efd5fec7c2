"""The connection wizard (QWizard): provider -> authorization (browser sign-in with a waiting page and Cancel, or a
static token) -> the account as the provider describes it (precheck) -> what to sync, schedule, conflict strategy,
direction -> the first sync, with its progress. Every await happens in ConnectController."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from lumio_desktop.ui import queries, words
from lumio_desktop.ui.health import Light
from lumio_desktop.ui.theme import LIGHT_COLOURS, muted, number
from lumio_desktop.ui.tr_text import tr_text

PROVIDERS = (("hubspot", "HubSpot", QT_TRANSLATE_NOOP("Wizard", "contacts, companies and deals")),
             ("salesforce", "Salesforce", QT_TRANSLATE_NOOP("Wizard", "leads, contacts, accounts and opportunities")),
             ("shopify", "Shopify", QT_TRANSLATE_NOOP("Wizard", "customers of one shop")))
# Labels are translated where they are shown: QCoreApplication.translate("Wizard", label).
SCHEDULES = ((QT_TRANSLATE_NOOP("Wizard", "Every 10 minutes"), "*/10 * * * *"),
             (QT_TRANSLATE_NOOP("Wizard", "Every 30 minutes"), "*/30 * * * *"),
             (QT_TRANSLATE_NOOP("Wizard", "Every hour"), "0 * * * *"),
             (QT_TRANSLATE_NOOP("Wizard", "Every day at 06:00"), "0 6 * * *"),
             (QT_TRANSLATE_NOOP("Wizard", "Only when I press Sync Now"), ""))
STRATEGIES = ((QT_TRANSLATE_NOOP("Wizard", "Ask me (manual review)"), "manual"),
              (QT_TRANSLATE_NOOP("Wizard", "The provider wins"), "provider"),
              (QT_TRANSLATE_NOOP("Wizard", "Lumio wins"), "lumio"),
              (QT_TRANSLATE_NOOP("Wizard", "The newest change wins"), "last_modified"))
DIRECTIONS = ((QT_TRANSLATE_NOOP("Wizard", "Two-way: pull, and push Lumio's edits"), "both"),
              (QT_TRANSLATE_NOOP("Wizard", "Pull only: the provider is the source"), "pull"))


def _w(text: str) -> str:
    return QCoreApplication.translate("Wizard", text)
PAGE_PROVIDER, PAGE_AUTH, PAGE_ACCOUNT, PAGE_OPTIONS, PAGE_FIRST = range(5)


def _error_style(label: QLabel) -> QLabel:
    label.setStyleSheet(f"color: {LIGHT_COLOURS[Light.RED].name()}")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ProviderPage(QWizardPage):
    def __init__(self, wizard: ConnectionWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Which account?"))
        self.setSubTitle(self.tr("Lumio keeps its leads, companies and deals consistent with this account."))
        lay = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        for i, (key, label, what) in enumerate(PROVIDERS):
            rb = QRadioButton(f"{label}: {_w(what)}", self)
            rb.setProperty("provider", key)
            rb.setAccessibleName(label)
            self.group.addButton(rb, i)
            lay.addWidget(rb)
        self.group.button(0).setChecked(True)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Acme HubSpot (optional)"))
        self.name.setAccessibleName(self.tr("connection name"))
        self.shop = QLineEdit(self)
        self.shop.setPlaceholderText(self.tr("acme or acme.myshopify.com"))
        self.shop.setAccessibleName(self.tr("Shopify shop"))
        self.base_url = QLineEdit(self)
        self.base_url.setPlaceholderText(self.tr("leave empty for the real service"))
        self.base_url.setAccessibleName(self.tr("API address"))
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Shop"), self.shop)
        form.addRow(self.tr("API address"), self.base_url)
        lay.addSpacing(8)
        lay.addLayout(form)
        lay.addSpacing(8)
        self.method = QButtonGroup(self)
        self.oauth = QRadioButton(self.tr("Sign in with the browser (recommended)"), self)
        self.static = QRadioButton(self.tr("Paste an access token (private app / integration token)"), self)
        self.oauth.setChecked(True)
        self.method.addButton(self.oauth)
        self.method.addButton(self.static)
        lay.addWidget(self.oauth)
        lay.addWidget(self.static)
        lay.addStretch(1)
        self.group.buttonToggled.connect(lambda *_a: self._provider_changed())
        self._provider_changed()

    @property
    def provider(self) -> str:
        return self.group.checkedButton().property("provider")

    def _provider_changed(self) -> None:
        shopify = self.provider == "shopify"
        self.shop.setEnabled(shopify)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.provider != "shopify" or bool(self.shop.text().strip())

    def initializePage(self) -> None:  # noqa: N802
        self.shop.textChanged.connect(self.completeChanged)


class AuthPage(QWizardPage):
    def __init__(self, wizard: ConnectionWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Authorization"))
        lay = QVBoxLayout(self)
        self.oauth_box = QWidget(self)
        ol = QFormLayout(self.oauth_box)
        self.client_id = QLineEdit(self.oauth_box)
        self.client_id.setAccessibleName(self.tr("app client id"))
        self.client_secret = QLineEdit(self.oauth_box)
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.client_secret.setAccessibleName(self.tr("app client secret"))
        ol.addRow(self.tr("App client id"), self.client_id)
        ol.addRow(self.tr("App client secret"), self.client_secret)
        self.sign_in = QPushButton(self.tr("Sign in with the browser"), self.oauth_box)
        self.sign_in.clicked.connect(self._sign_in)
        ol.addRow("", self.sign_in)
        lay.addWidget(self.oauth_box)
        self.waiting = QWidget(self)
        wl = QVBoxLayout(self.waiting)
        self.wait_label = QLabel(self.tr("Waiting for you to approve Lumio in your browser…"), self.waiting)
        self.wait_label.setWordWrap(True)
        busy = QProgressBar(self.waiting)
        busy.setRange(0, 0)
        busy.setAccessibleName(self.tr("waiting for the browser"))
        self.url = muted(QLabel(self.waiting))
        self.url.setWordWrap(True)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        self.reopen = QPushButton(self.tr("Open the browser again"), self.waiting)
        self.reopen.clicked.connect(lambda: self.wiz.connect.open_browser(self._url) if self._url else None)
        self.cancel_button = QPushButton(self.tr("Cancel sign-in"), self.waiting)
        self.cancel_button.setAccessibleName(self.tr("cancel the sign-in"))
        self.cancel_button.clicked.connect(self.wiz.connect.cancel)
        row.addWidget(self.reopen)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        for w in (self.wait_label, busy, self.url):
            wl.addWidget(w)
        wl.addLayout(row)
        lay.addWidget(self.waiting)
        self.static_box = QWidget(self)
        sl = QFormLayout(self.static_box)
        self.token = QLineEdit(self.static_box)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setAccessibleName(self.tr("access token"))
        self.connect_button = QPushButton(self.tr("Connect"), self.static_box)
        self.connect_button.clicked.connect(self._connect_static)
        sl.addRow(self.tr("Access token"), self.token)
        sl.addRow("", self.connect_button)
        lay.addWidget(self.static_box)
        self.done_label = QLabel(self)
        self.done_label.setWordWrap(True)
        self.error = _error_style(QLabel(self))
        lay.addWidget(self.done_label)
        lay.addWidget(self.error)
        lay.addStretch(1)
        self._url: str | None = None
        c = self.wiz.connect
        c.authorize_url.connect(self._url_shown)
        c.connected.connect(self._connected)
        c.failed.connect(self._failed)
        c.cancelled.connect(self._cancelled)

    def initializePage(self) -> None:  # noqa: N802
        p = self.wiz.provider_page
        oauth = p.oauth.isChecked()
        label = dict((k, v) for k, v, _ in PROVIDERS)[p.provider]
        self.setSubTitle((self.tr("Sign in to {provider} in your browser and approve Lumio; this window waits.") if oauth
                          else self.tr("Paste the {provider} token; it is kept in the system keychain, never in "
                                       "Lumio's files.")).format(provider=label))
        self.oauth_box.setVisible(oauth and self.wiz.info is None)
        self.static_box.setVisible(not oauth and self.wiz.info is None)
        self.waiting.hide()
        self.error.clear()
        prefill = self.wiz.prefill.get(p.provider, {})
        if prefill and not self.client_id.text():
            self.client_id.setText(prefill.get("client_id", ""))
            self.client_secret.setText(prefill.get("client_secret", ""))
            self.token.setText(prefill.get("token", ""))

    def _args(self) -> dict:
        p = self.wiz.provider_page
        return {"name": p.name.text().strip() or None, "base_url": p.base_url.text().strip() or None,
                "shop": p.shop.text().strip() or None}

    def _sign_in(self) -> None:
        self.error.clear()
        self.oauth_box.hide()
        self.waiting.show()
        self.url.setText("")
        self.wiz.connect.start_oauth(self.wiz.provider_page.provider, self.client_id.text().strip(),
                                     self.client_secret.text().strip() or None, reconnect=self._target(),
                                     **self._args())

    def show_inputs(self) -> None:
        """Back from a failed account check: sign in again (or paste another token) into the same connection."""
        oauth = self.wiz.provider_page.oauth.isChecked()
        self.oauth_box.setVisible(oauth)
        self.static_box.setVisible(not oauth)
        self.connect_button.setEnabled(True)
        self.done_label.clear()

    def _target(self) -> int | None:
        """The connection to sign in again: the one being reconnected, or the one this wizard made whose check
        failed (never a second connection for the same account)."""
        return self.wiz.reconnect_id if self.wiz.reconnect_id is not None else self.wiz.unchecked

    def _connect_static(self) -> None:
        self.error.clear()
        self.connect_button.setEnabled(False)
        if self._target() is not None:
            self.wiz.connect.replace_static(self._target(), self.token.text())
        else:
            self.wiz.connect.connect_static(self.wiz.provider_page.provider, self.token.text(), **self._args())

    def _url_shown(self, url: str) -> None:
        self._url = url
        self.url.setText(self.tr("If no browser opened, visit: {url}").format(url=url))

    def _connected(self, info) -> None:
        if self.wiz.reconnect_id is None:
            self.wiz.unchecked = info.id  # made by this wizard: removed again if it is cancelled before a good check
        self.wiz.info = info
        self.waiting.hide()
        self.oauth_box.hide()
        self.static_box.hide()
        self.done_label.setText(self.tr("Connected: {name}. Next, Lumio asks the account what it holds.").format(
            name=info.name))
        self.completeChanged.emit()
        self.wiz.next()

    def _failed(self, message: str) -> None:
        self.waiting.hide()
        self.connect_button.setEnabled(True)
        oauth = self.wiz.provider_page.oauth.isChecked()
        self.oauth_box.setVisible(oauth)
        self.static_box.setVisible(not oauth)
        self.error.setText(message)

    def _cancelled(self) -> None:
        self.waiting.hide()
        self.oauth_box.setVisible(True)
        self.error.setText(self.tr("Sign-in cancelled. Nothing was saved."))

    def isComplete(self) -> bool:  # noqa: N802
        return self.wiz.info is not None


class AccountPage(QWizardPage):
    def __init__(self, wizard: ConnectionWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("The account"))
        self.setSubTitle(self.tr("What the provider says about this account."))
        lay = QVBoxLayout(self)
        self.status = QLabel(self.tr("Checking the account…"), self)
        self.status.setWordWrap(True)
        self.error = _error_style(QLabel(self))
        self.retry = QPushButton(self.tr("Check again"), self)
        self.retry.clicked.connect(self.initializePage)
        lay.addWidget(self.status)
        lay.addWidget(self.error)
        lay.addWidget(self.retry)
        lay.addStretch(1)
        self.result = None
        self.objects: list[tuple[str, str]] = []
        self.wiz.connect.precheck_done.connect(self._done)

    def initializePage(self) -> None:  # noqa: N802
        self.result = None
        self.status.setText(self.tr("Checking the account…"))
        self.error.clear()
        self.retry.hide()
        self.completeChanged.emit()
        self.wiz.connect.precheck(self.wiz.info.id)

    def _done(self, result, objects) -> None:
        self.result, self.objects = result, objects
        if result.ok:
            self.wiz.unchecked = None
            acct = self.tr("Account: {account}").format(account=result.account) + "\n" if result.account else ""
            self.status.setText(f"{acct}{tr_text(result.message)}")
        else:
            self.status.setText(self.tr("The account is connected, but the check found a problem:"))
            self.error.setText(tr_text(result.message))
            self.retry.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.result is not None and self.result.ok

    def cleanupPage(self) -> None:  # noqa: N802 - Qt override: Back was pressed
        if self.result is None or not self.result.ok:
            self.wiz.auth_page.show_inputs()


class OptionsPage(QWizardPage):
    def __init__(self, wizard: ConnectionWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("What to sync, and how"))
        lay = QVBoxLayout(self)
        self.objects_box = QWidget(self)
        self.objects_layout = QVBoxLayout(self.objects_box)
        self.objects_layout.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("Objects"), self))
        lay.addWidget(self.objects_box)
        form = QFormLayout()
        self.schedule = QComboBox(self)
        self.schedule.setAccessibleName(self.tr("schedule"))
        for label, cron in SCHEDULES:
            self.schedule.addItem(_w(label), cron)
        self.strategy = QComboBox(self)
        self.strategy.setAccessibleName(self.tr("conflict strategy"))
        for label, key in STRATEGIES:
            self.strategy.addItem(_w(label), key)
        self.direction = QComboBox(self)
        self.direction.setAccessibleName(self.tr("direction"))
        for label, key in DIRECTIONS:
            self.direction.addItem(_w(label), key)
        form.addRow(self.tr("Schedule"), self.schedule)
        form.addRow(self.tr("When both sides changed a field"), self.strategy)
        form.addRow(self.tr("Direction"), self.direction)
        lay.addLayout(form)
        lay.addStretch(1)
        self.checks: list[QCheckBox] = []

    def initializePage(self) -> None:  # noqa: N802
        for cb in self.checks:
            cb.deleteLater()
        self.checks = []
        for obj, entity in self.wiz.account_page.objects:
            cb = QCheckBox(self.tr("{object} → Lumio {entity}").format(object=obj, entity=words.entity(entity))
                           if entity else obj, self.objects_box)
            cb.setChecked(True)
            cb.setProperty("object", obj)
            cb.toggled.connect(self.completeChanged)
            self.objects_layout.addWidget(cb)
            self.checks.append(cb)
        provider = self.wiz.provider_page.provider
        self.schedule.setCurrentIndex(0 if provider == "salesforce" else 1)
        self.direction.setCurrentIndex(1 if provider == "shopify" else 0)

    def chosen_objects(self) -> list[str] | None:
        chosen = [cb.property("object") for cb in self.checks if cb.isChecked()]
        return None if len(chosen) == len(self.checks) else chosen

    def isComplete(self) -> bool:  # noqa: N802
        return not self.checks or any(cb.isChecked() for cb in self.checks)


class FirstSyncPage(QWizardPage):
    def __init__(self, wizard: ConnectionWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("First sync"))
        self.setSubTitle(self.tr("Lumio reads the account now. You can close this window: the sync goes on."))
        lay = QVBoxLayout(self)
        self.label = QLabel(self.tr("Saving the options…"), self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("first sync progress"))
        self.error = _error_style(QLabel(self))
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.error)
        lay.addStretch(1)
        self.job_id: str | None = None
        self.status: str | None = None
        c = self.wiz.connect
        c.options_saved.connect(self._saved)
        c.first_sync_started.connect(self._started)
        bridge = self.wiz.bridge
        if bridge is not None:
            bridge.sync_progress.connect(self._progress)
            bridge.sync_finished.connect(self._finished)

    def initializePage(self) -> None:  # noqa: N802
        o = self.wiz.options_page
        self.bar.setRange(0, 0)
        self.wiz.connect.save_options(self.wiz.info.id, objects=o.chosen_objects(),
                                      schedule=o.schedule.currentData() or None, strategy=o.strategy.currentData(),
                                      direction=o.direction.currentData(), enabled=bool(o.schedule.currentData()))

    def _saved(self, connection_id: int) -> None:
        self.label.setText(self.tr("Starting the first sync…"))
        self.wiz.connect.start_first_sync(connection_id)

    def _started(self, job_id: str) -> None:
        self.job_id = job_id
        self.label.setText(self.tr("Reading the account…"))

    def _progress(self, job_id: str, _cid: int, progress: float, processed: int, total: int) -> None:
        if job_id != self.job_id:
            return
        if total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(progress * 1000))
        self.label.setText(self.tr("{n} of {total} records read").format(n=number(processed), total=number(total))
                           if total else self.tr("{n} records read").format(n=number(processed)))

    def _finished(self, job_id: str, _cid: int, status: str) -> None:
        if job_id != self.job_id:
            return
        self.status = status
        self.bar.setRange(0, 1)
        self.bar.setValue(1 if status == "completed" else 0)  # a full bar would say it all went through
        self.label.setText(self.tr("The first sync completed. The dashboard shows this connection now.")
                           if status == "completed" else self.tr("The first sync ended {status}; the Jobs page has its "
                                                                 "log.").format(status=words.status(status)))
        if status != "completed":  # say why, as the job recorded it (read off the Qt thread)
            store = self.wiz.connect.store
            self.wiz.connect.controller.read(lambda: queries.job_row(store, job_id), self._why)

    def _why(self, row) -> None:
        if row is not None and row.error and row.id == self.job_id:
            self.error.setText(tr_text(row.error))


class ConnectionWizard(QWizard):
    def __init__(self, connect_controller, bridge=None, *, prefill: dict | None = None, reconnect=None,
                 parent=None):
        """`reconnect`: a ConnectionSummary-like object (id, provider, name, base URL...) to sign in again."""
        super().__init__(parent)
        self.connect = connect_controller
        self.bridge = bridge
        self.prefill = prefill or {}
        self.info = None
        self.unchecked: int | None = None  # a connection this wizard made whose account check has not passed
        self.reconnect_id = reconnect.id if reconnect is not None else None
        self.setWindowTitle(self.tr("Add a connection") if reconnect is None
                            else self.tr("Reconnect {name}").format(name=reconnect.name))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.provider_page = ProviderPage(self)
        self.auth_page = AuthPage(self)
        self.account_page = AccountPage(self)
        self.options_page = OptionsPage(self)
        self.first_page = FirstSyncPage(self)
        for pid, page in enumerate((self.provider_page, self.auth_page, self.account_page, self.options_page,
                                    self.first_page)):
            self.setPage(pid, page)
        if reconnect is not None:
            p = self.provider_page
            for b in p.group.buttons():
                b.setChecked(b.property("provider") == reconnect.provider)
                b.setEnabled(False)
            p.name.setText(reconnect.name)
            p.name.setEnabled(False)
            p.base_url.setText(reconnect.base_url or "")
            p.shop.setText(reconnect.shop or "")
            (p.static if reconnect.auth_kind == "static" else p.oauth).setChecked(True)
        self.resize(640, 480)

    def reject(self) -> None:
        self.connect.cancel()  # a pending browser sign-in stops listening
        if self.unchecked is not None:  # cancelled after a failed check: leave no broken connection behind
            self.connect.discard(self.unchecked)
            self.unchecked = None
        super().reject()
