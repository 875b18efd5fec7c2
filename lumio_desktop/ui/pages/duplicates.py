"""Duplicates: candidate groups of the same person (within and across providers), a merge preview (who survives,
which empty fields get filled from whom, which links, deals and conflicts move), the strategy, merge, undo.
Finding runs in a worker thread (it compares names); previews are one short read."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from lumio_desktop.store.models import Lead, RecordLink
from lumio_desktop.ui import words
from lumio_desktop.ui.queries import provider_name
from lumio_desktop.ui.theme import heading_font, local_time, muted
from lumio_desktop.ui.tr_text import tr_text

STRATEGIES = ((QT_TRANSLATE_NOOP("DuplicatesPage", "Keep the most recently changed"), "keep_latest"),
              (QT_TRANSLATE_NOOP("DuplicatesPage", "Keep the one from the main provider"), "keep_provider"),
              (QT_TRANSLATE_NOOP("DuplicatesPage", "I choose each time"), "manual"))
M_KEEP, M_NAME, M_EMAIL, M_PHONE, M_COMPANY, M_PROVIDERS, M_UPDATED = range(7)


def _label(v) -> str:
    return "" if v is None else str(v)


class DuplicatesPage(QWidget):
    find_requested = Signal(str)  # strategy
    merge_requested = Signal(int, list)  # survivor, others
    merge_all_requested = Signal(str)  # strategy
    undo_requested = Signal()

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.groups: list = []
        self.current = None
        self.survivor_group = QButtonGroup(self)
        self.undo_available = False
        self._setup_ui()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        title = QLabel(self.tr("Duplicates"), self)
        title.setFont(heading_font(self.font(), 1.6))
        head.addWidget(title)
        self.subtitle = muted(QLabel("", self))
        head.addWidget(self.subtitle)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("Survivor"), self))
        self.strategy = QComboBox(self)
        self.strategy.setAccessibleName(self.tr("merge strategy"))
        for label, key in STRATEGIES:
            self.strategy.addItem(self.tr(label), key)
        self.strategy.currentIndexChanged.connect(lambda _i: self.reload())
        head.addWidget(self.strategy)
        self.find = QPushButton(self.tr("Find again"), self)
        self.find.clicked.connect(self.reload)
        self.merge_all = QPushButton(self.tr("Merge all…"), self)
        self.merge_all.setAccessibleName(self.tr("merge every group with the strategy"))
        self.merge_all.clicked.connect(self._merge_all)
        head.addWidget(self.find)
        head.addWidget(self.merge_all)
        lay.addLayout(head)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(split)
        self.list.setAccessibleName(self.tr("duplicate groups"))
        self.list.currentRowChanged.connect(self._select)
        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(12, 0, 0, 0)
        self.group_title = QLabel(right)
        self.group_title.setFont(heading_font(self.font(), 1.3))
        self.why = muted(QLabel(right))
        self.why.setWordWrap(True)
        rl.addWidget(self.group_title)
        rl.addWidget(self.why)
        self.members = QTableWidget(0, 7, right)
        self.members.setHorizontalHeaderLabels([self.tr("Keep"), self.tr("Name"), self.tr("Email"), self.tr("Phone"),
                                                self.tr("Company"), self.tr("Linked to"), self.tr("Updated")])
        self.members.setAccessibleName(self.tr("group members"))
        self.members.verticalHeader().hide()
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.members.horizontalHeader().setStretchLastSection(True)
        rl.addWidget(self.members)
        pv = QLabel(self.tr("Merge preview"), right)
        pv.setFont(heading_font(self.font(), 1.05))
        rl.addWidget(pv)
        self.preview = QLabel(right)
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop)
        rl.addWidget(self.preview)
        rl.addStretch(1)
        buttons = QHBoxLayout()
        self.undo = QPushButton(self.tr("Undo last merge"), right)
        self.undo.clicked.connect(self.undo_requested)
        self.merge = QPushButton(self.tr("Merge this group"), right)
        self.merge.setDefault(True)
        self.merge.clicked.connect(self._merge)
        buttons.addWidget(self.undo)
        buttons.addStretch(1)
        buttons.addWidget(self.merge)
        rl.addLayout(buttons)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([320, 900])
        lay.addWidget(split, 1)
        self.empty = QLabel(self.tr("No duplicates found."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        lay.addWidget(self.empty)
        self.survivor_group.buttonToggled.connect(lambda *_a: self._update_preview())
        self._show(None)

    # -- data -----------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.subtitle.setText(self.tr("looking for duplicates…"))
        self.find_requested.emit(self.strategy.currentData())

    on_shown = reload

    def set_groups(self, groups) -> None:
        keep = tuple(self.current.members) if self.current is not None else None
        self.groups = groups
        self.list.blockSignals(True)
        self.list.clear()
        row = 0
        for i, g in enumerate(groups):
            first = g.labels.get(g.members[0], f"#{g.members[0]}")
            provs = ", ".join(provider_name(p) for p in sorted(set(g.providers))) or self.tr("Lumio only")
            QListWidgetItem(f"{first} ×{len(g.members)} · {provs}", self.list)
            if tuple(g.members) == keep:
                row = i
        self.list.blockSignals(False)
        cross = sum(1 for g in groups if g.cross_provider)
        self.subtitle.setText((self.tr("1 group, {cross} across providers") if len(groups) == 1
                               else self.tr("{n} groups, {cross} across providers")).format(n=len(groups), cross=cross)
                              if groups else "")
        self.empty.setVisible(not groups)
        self.findChild(QSplitter).setVisible(bool(groups))
        self.merge_all.setEnabled(bool(groups) and self.strategy.currentData() != "manual")
        if groups:
            self.list.setCurrentRow(row)
            self._select(row)
        else:
            self._show(None)
        self.undo.setEnabled(self.undo_available)

    def _select(self, row: int) -> None:
        self._show(self.groups[row] if 0 <= row < len(self.groups) else None)

    def _show(self, g) -> None:
        self.current = g
        for b in list(self.survivor_group.buttons()):
            self.survivor_group.removeButton(b)
        self.members.setRowCount(0)
        self.merge.setEnabled(g is not None)
        if g is None:
            self.group_title.setText("")
            self.why.setText("")
            self.preview.setText("")
            return
        links: dict[int, list[str]] = {}
        with self.store.session() as s:
            leads = {r.id: r for r in s.scalars(select(Lead).where(Lead.id.in_(g.members)))}
            for lid, prov in s.execute(select(RecordLink.local_id, RecordLink.provider).where(
                    RecordLink.entity == "lead", RecordLink.local_id.in_(g.members))):
                links.setdefault(lid, []).append(provider_name(prov))
        self.group_title.setText(self.tr("{n} records of the same person?").format(n=len(g.members)))
        self.why.setText(self.tr("Tied together by: ") + "; ".join(tr_text(r) for r in g.reasons))
        self.members.setRowCount(len(g.members))
        for i, lid in enumerate(g.members):
            r = leads.get(lid)
            rb = QRadioButton(self.members)
            rb.setProperty("lead", lid)
            rb.setAccessibleName(self.tr("keep lead {id}").format(id=lid))
            self.survivor_group.addButton(rb)
            if lid == (g.survivor or g.members[0]):
                rb.setChecked(True)
            self.members.setCellWidget(i, M_KEEP, rb)
            if r is None:
                continue
            name = " ".join(x for x in (r.first_name, r.last_name) if x)
            for col, v in ((M_NAME, name), (M_EMAIL, r.email), (M_PHONE, r.phone), (M_COMPANY, r.company_name),
                           (M_PROVIDERS, ", ".join(sorted(set(links.get(lid, [])))) or self.tr("Lumio only")),
                           (M_UPDATED, local_time(r.local_modified_at or r.updated_at))):
                self.members.setItem(i, col, QTableWidgetItem(_label(v)))
        self.members.resizeRowsToContents()
        h = self.members.horizontalHeader().height() + sum(self.members.rowHeight(i) for i in range(len(g.members)))
        self.members.setFixedHeight(h + 2 * self.members.frameWidth() + 2)
        self._update_preview()

    def survivor(self) -> int | None:
        b = self.survivor_group.checkedButton()
        return b.property("lead") if b is not None else None

    def _update_preview(self) -> None:
        g = self.current
        surv = self.survivor()
        if g is None or surv is None:
            return
        from lumio_desktop.errors import LumioError
        from lumio_desktop.sync.dedupe import merge_group

        try:
            plan = merge_group(self.store, surv, [m for m in g.members if m != surv], dry_run=True)
        except LumioError as e:
            self.preview.setText(tr_text(str(e)))
            self.merge.setEnabled(False)
            return
        self.merge.setEnabled(True)
        self.preview.setText(self.describe(plan))

    def describe(self, plan) -> str:
        lines = [self.tr("Lead #{survivor} stays; {merged} merged into it (kept, marked as merged).").format(
            survivor=plan.survivor, merged=", ".join(f"#{m}" for m in plan.merged))]
        if plan.fills:
            lines.append(self.tr("Empty fields filled: {fills}.").format(fills="; ".join(
                f"{words.field(k)} ← “{v}”" for k, v in plan.fills.items())))
        else:
            lines.append(self.tr("No field changes: the survivor already has every value."))
        lines.append(self.tr("Moving to the survivor: {links} provider link(s), {deals} deal(s), {conflicts} open "
                             "conflict(s). Undo puts everything back.").format(
            links=len(plan.links), deals=len(plan.deals), conflicts=len(plan.conflicts)))
        return "\n".join(lines)

    def _merge(self) -> None:
        g, surv = self.current, self.survivor()
        if g is not None and surv is not None:
            self.merge_requested.emit(surv, [m for m in g.members if m != surv])

    def _merge_all(self) -> None:
        n = len(self.groups)
        strategy = self.strategy.currentText().lower()
        if self.confirm(self.tr("Merge all {n} groups, keeping in each “{strategy}”? Undo reverses each merge.")
                        .format(n=n, strategy=strategy)):
            self.merge_all_requested.emit(self.strategy.currentData())

    def confirm(self, text: str) -> bool:
        return QMessageBox.question(self, self.tr("Merge duplicates"), text) == QMessageBox.StandardButton.Yes

    def set_undo_available(self, on: bool) -> None:
        self.undo_available = on
        self.undo.setEnabled(on)
