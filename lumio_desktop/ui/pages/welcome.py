"""First run: shown instead of the empty dashboard when the store has no connections (and the app is not already in
demo mode). Two ways in: try Lumio on the built-in sandbox's demo accounts, or connect a real account."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lumio_desktop.ui.theme import Card, heading_font, muted
from lumio_desktop.ui.tr_text import tr_text


class WelcomePage(QWidget):
    demo_requested = Signal()
    connect_requested = Signal()
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._setup_ui()

    def _setup_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        outer.addStretch(1)
        icon = QApplication.windowIcon()
        if not icon.isNull():
            pic = QLabel(self)
            pic.setPixmap(icon.pixmap(72, 72))
            pic.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            outer.addWidget(pic)
        title = QLabel(self.tr("Welcome to Lumio"), self)
        title.setFont(heading_font(self.font(), 2.0))
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(title)
        intro = QLabel(self.tr("Lumio keeps your leads, companies and deals consistent between HubSpot, Salesforce and "
                               "Shopify, on your computer. How would you like to start?"), self)
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(intro)
        outer.addSpacing(18)

        row = QHBoxLayout()
        row.addStretch(1)
        self.demo = QPushButton(self.tr("Try it with demo data"), self)
        self.demo.setAccessibleName(self.tr("try Lumio with demo data"))
        row.addWidget(self._choice(
            self.demo, self.tr("Lumio starts its built-in sandbox and connects a demo HubSpot, Salesforce and Shopify "
                               "account, with people changing records as you watch. Nothing leaves this computer.")))
        self.connect = QPushButton(self.tr("Connect an account"), self)
        self.connect.setAccessibleName(self.tr("connect an account"))
        self.connect.setDefault(True)
        row.addSpacing(16)
        row.addWidget(self._choice(
            self.connect, self.tr("Sign in to HubSpot, Salesforce or Shopify (or paste a token). Lumio reads the "
                                  "account and starts the first sync.")))
        row.addStretch(1)
        outer.addLayout(row)
        outer.addSpacing(14)
        self.skip = QPushButton(self.tr("Not now"), self)
        self.skip.setFlat(True)
        self.skip.setAccessibleName(self.tr("skip the welcome page"))
        self.skip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        outer.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignHCenter)
        self.status = muted(QLabel(self))
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.status)
        outer.addStretch(2)

        self.demo.clicked.connect(self._demo_clicked)
        self.connect.clicked.connect(self.connect_requested)
        self.skip.clicked.connect(self.skip_requested)

    def _choice(self, button: QPushButton, text: str) -> Card:
        card = Card(self)
        card.setMinimumWidth(340)
        card.setMaximumWidth(460)
        # Grow to fit the wrapped text (Card's default vertical policy would clip it).
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(16, 16, 16, 16)
        button.setMinimumHeight(40)
        button.setFont(heading_font(self.font(), 1.1))
        lay.addWidget(button)
        label = muted(QLabel(text, card))
        label.setWordWrap(True)
        lay.addWidget(label)
        return card

    def _demo_clicked(self) -> None:
        self.set_busy(self.tr("Starting the demo sandbox and connecting three demo accounts…"))
        self.demo_requested.emit()

    def set_busy(self, text: str) -> None:
        self.demo.setEnabled(False)
        self.connect.setEnabled(False)
        self.status.setText(text)

    def set_failed(self, reason: str) -> None:
        self.demo.setEnabled(True)
        self.connect.setEnabled(True)
        self.status.setText(self.tr("The demo did not start: {reason}").format(reason=tr_text(reason)))
