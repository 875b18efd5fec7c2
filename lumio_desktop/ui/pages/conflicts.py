"""Conflicts: the records with open conflicts, and one record side by side: field | base | Lumio | provider, each
value with its side and time, the differing fields highlighted, a choice only where both sides changed, the automatic
merges shown; one Apply that says what it will do; resolve many after a confirmation that lists every change; Undo.

Reads are short (the open conflicts, one record's fields); resolving and undoing go through the controller, over the
two-way API (`lumio_desktop.sync.conflicts`).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lumio_desktop.ui import queries, words
from lumio_desktop.ui.health import Light
from lumio_desktop.ui.queries import provider_name
from lumio_desktop.ui.theme import LIGHT_COLOURS, heading_font, local_time, mix, muted
from lumio_desktop.ui.tr_text import tr_text

LUMIO, PROVIDER = "lumio", "provider"


def _t(text: str) -> str:
    return QCoreApplication.translate("ConflictsPage", text)


def show(v: Any) -> str:
    if v is None or v == "":
        return QCoreApplication.translate("ConflictsPage", "(empty)")
    if isinstance(v, list):
        return ", ".join(map(str, v))
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def label_of(name: str) -> str:
    return words.field(name)


@dataclass
class RecordGroup:
    """Open conflicts of one linked record."""

    key: tuple
    label: str
    entity: str
    local_id: int
    link_id: int | None
    connection: str
    provider: str
    object_type: str | None
    external_id: str | None
    strategy: str
    conflicts: list = field(default_factory=list)  # ConflictView

    @property
    def provider_label(self) -> str:
        return provider_name(self.provider) if self.provider else QCoreApplication.translate("ConflictsPage", "Provider")


def group_conflicts(views, link_ids: dict[int, int | None]) -> list[RecordGroup]:
    groups: OrderedDict[tuple, RecordGroup] = OrderedDict()
    for v in views:
        link_id = link_ids.get(v.id)
        key = (link_id, v.connection_id, v.entity, v.local_id)
        g = groups.get(key)
        if g is None:
            g = groups[key] = RecordGroup(key, tr_text(v.record_label), v.entity, v.local_id, link_id,
                                          v.connection_name or "", v.provider or "", v.object_type, v.external_id,
                                          v.strategy)
        g.conflicts.append(v)
    return list(groups.values())


def default_choice(c) -> str:
    """Preselect the newer side (a person still confirms with Apply)."""
    if c.provider_modified_at and c.lumio_modified_at:
        return PROVIDER if c.provider_modified_at > c.lumio_modified_at else LUMIO
    return LUMIO


STRATEGY_WORDS = {"manual": QT_TRANSLATE_NOOP("ConflictsPage", "manual review"),
                  "provider": QT_TRANSLATE_NOOP("ConflictsPage", "the provider wins"),
                  "lumio": QT_TRANSLATE_NOOP("ConflictsPage", "Lumio wins"),
                  "last_modified": QT_TRANSLATE_NOOP("ConflictsPage", "the newest change wins")}


def strategy_words(key: str) -> str:
    return _t(STRATEGY_WORDS[key]) if key in STRATEGY_WORDS else key.replace("_", " ")


def describe_change(g: RecordGroup, c, keep: str) -> str:
    """One line saying exactly what keeping `keep` does to this field."""
    prov = g.provider_label
    name = label_of(c.field)
    if keep == LUMIO:
        return QCoreApplication.translate("ConflictsPage", "{record} · {field}: keep Lumio's “{lumio}” and push it to {provider} (replacing “{other}” "
                  "there)").format(record=g.label, field=name, lumio=show(c.lumio_value), provider=prov,
                                   other=show(c.provider_value))
    return QCoreApplication.translate("ConflictsPage", "{record} · {field}: take {provider}'s “{value}” into Lumio (replacing “{other}”)").format(
        record=g.label, field=name, provider=prov, value=show(c.provider_value), other=show(c.lumio_value))


def breakable(text: str) -> str:
    """A value that may wrap inside an e-mail address or a URL (zero-width spaces after @ . / _ -): a column of the
    grid must not grow to the width of one long unbroken word and push "Keep" off the page."""
    return re.sub(r"([@./_-])(?=\S)", "\\1\u200b", text)


def fitted(label: QLabel, value: str) -> QLabel:
    """A grid cell that takes the width the grid gives it (wrapping), not the width of its text; whole on hover."""
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(60)
    label.setToolTip(value)
    return label


class ValueCell(QLabel):
    def __init__(self, value: str, who: str | None, tint, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(breakable(value) + (f"\n({who})" if who else ""))
        fitted(self, value)
        self.setWordWrap(True)
        self.setMargin(6)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if tint is not None:
            self.setAutoFillBackground(True)
            pal = self.palette()
            pal.setColor(QPalette.ColorRole.Window, tint)
            self.setPalette(pal)
            self.setFrameShape(QFrame.Shape.StyledPanel)


class ConflictsPage(QWidget):
    resolve_requested = Signal(object, object, str)  # conflict ids, choices {id: side} or None, description
    undo_requested = Signal()

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.groups: list[RecordGroup] = []
        self.current: RecordGroup | None = None
        self.choices: dict[int, QButtonGroup] = {}
        self.undo_available = False
        self._setup_ui()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        title = QLabel(self.tr("Conflicts"), self)
        title.setFont(heading_font(self.font(), 1.6))
        head.addWidget(title)
        self.subtitle = muted(QLabel(self))
        head.addWidget(self.subtitle)
        head.addStretch(1)
        self.keep_lumio_many = QPushButton(self.tr("Keep Lumio for checked…"), self)
        self.keep_lumio_many.setAccessibleName(self.tr("keep Lumio's values for every checked record"))
        self.keep_lumio_many.clicked.connect(lambda: self._resolve_many(LUMIO))
        self.keep_provider_many = QPushButton(self.tr("Keep provider for checked…"), self)
        self.keep_provider_many.setAccessibleName(self.tr("keep the provider's values for every checked record"))
        self.keep_provider_many.clicked.connect(lambda: self._resolve_many(PROVIDER))
        head.addWidget(self.keep_lumio_many)
        head.addWidget(self.keep_provider_many)
        lay.addLayout(head)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(left)
        self.list.setAccessibleName(self.tr("records with conflicts"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentRowChanged.connect(self._select)
        self.list.itemChanged.connect(lambda _i: self._update_many_buttons())
        ll.addWidget(self.list, 1)
        checks = QHBoxLayout()
        self.check_all = QPushButton(self.tr("Check all"), left)
        self.check_all.clicked.connect(lambda: self._check_all(True))
        self.check_none = QPushButton(self.tr("Check none"), left)
        self.check_none.clicked.connect(lambda: self._check_all(False))
        checks.addWidget(self.check_all)
        checks.addWidget(self.check_none)
        ll.addLayout(checks)

        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(12, 0, 0, 0)
        self.record_title = QLabel(right)
        self.record_title.setFont(heading_font(self.font(), 1.3))
        self.record_sub = muted(QLabel(right))
        self.record_sub.setWordWrap(True)
        rl.addWidget(self.record_title)
        rl.addWidget(self.record_sub)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        scroll = QScrollArea(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_host)
        rl.addWidget(scroll, 1)
        self.note = QLabel(right)
        self.note.setWordWrap(True)
        rl.addWidget(self.note)
        buttons = QHBoxLayout()
        self.undo = QPushButton(self.tr("Undo last resolution"), right)
        self.undo.setAccessibleName(self.tr("undo the last resolution"))
        self.undo.setShortcut("Ctrl+Z")
        self.undo.clicked.connect(self.undo_requested)
        buttons.addWidget(self.undo)
        buttons.addStretch(1)
        self.keep_all_lumio = QPushButton(self.tr("All Lumio"), right)
        self.keep_all_lumio.setAccessibleName(self.tr("choose Lumio for every field"))
        self.keep_all_lumio.clicked.connect(lambda: self._choose_all(LUMIO))
        self.keep_all_provider = QPushButton(self.tr("All provider"), right)
        self.keep_all_provider.setAccessibleName(self.tr("choose the provider for every field"))
        self.keep_all_provider.clicked.connect(lambda: self._choose_all(PROVIDER))
        self.apply = QPushButton(self.tr("Apply"), right)
        self.apply.setDefault(True)
        self.apply.setAccessibleName(self.tr("apply the choices"))
        self.apply.clicked.connect(self._apply)
        for b in (self.keep_all_lumio, self.keep_all_provider, self.apply):
            buttons.addWidget(b)
        rl.addLayout(buttons)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 940])
        lay.addWidget(split, 1)
        self.empty = QLabel(self.tr("No open conflicts: every change merged cleanly."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.empty)
        self._show_group(None)

    # -- loading --------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        from lumio_desktop.sync.conflicts import list_conflicts

        keep = self.current.key if self.current else None
        views = list_conflicts(self.store, status="open", limit=5000)
        self.groups = group_conflicts(views, queries.conflict_links(self.store, [v.id for v in views]))
        self.list.blockSignals(True)
        checked = {self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                   if self.list.item(i).checkState() == Qt.CheckState.Checked}
        self.list.clear()
        row = 0
        for i, g in enumerate(self.groups):
            n = len(g.conflicts)
            fields = self.tr("1 field") if n == 1 else self.tr("{n} fields").format(n=n)
            item = QListWidgetItem(f"{g.label} · {g.provider_label} · {fields}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, g.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if g.key in checked else Qt.CheckState.Unchecked)
            item.setToolTip(f"{g.connection}: {', '.join(label_of(c.field) for c in g.conflicts)}")
            if g.key == keep:
                row = i
        self.list.blockSignals(False)
        n_conf = sum(len(g.conflicts) for g in self.groups)
        self.subtitle.setText((self.tr("{n} open in 1 record") if len(self.groups) == 1
                               else self.tr("{n} open in {records} records")).format(n=n_conf, records=len(self.groups))
                              if self.groups else "")
        self.empty.setVisible(not self.groups)
        self.findChild(QSplitter).setVisible(bool(self.groups))
        if self.groups:
            self.list.setCurrentRow(row)
            self._select(row)
        else:
            self._show_group(None)
        self._update_many_buttons()
        self.undo.setEnabled(self.undo_available)

    on_shown = reload

    def _select(self, row: int) -> None:
        self._show_group(self.groups[row] if 0 <= row < len(self.groups) else None)

    def _field_rows(self, g: RecordGroup):
        """Every mapped field when the link is known (automatic merges shown too), else the conflicting ones."""
        rows = []
        if g.link_id is not None:
            try:
                from lumio_desktop.sync.conflicts import record_view

                rows = record_view(self.store, g.link_id)
            except Exception:  # noqa: BLE001 - fall back to the conflicts alone
                rows = []
        if not rows:
            from lumio_desktop.sync.conflicts import FieldRow

            rows = [FieldRow(c.field, c.base_value, c.lumio_value, c.provider_value, "conflict", c.id,
                             c.lumio_modified_at, c.lumio_modified_by, c.provider_modified_at) for c in g.conflicts]
        order = {"conflict": 0, "lumio_only": 1, "same": 2}
        return sorted(rows, key=lambda r: order.get(r.state, 3))

    def _show_group(self, g: RecordGroup | None) -> None:
        self.current = g
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.hide()  # deleteLater alone leaves it painted until the next event loop turn
                w.deleteLater()
        self.choices = {}
        for b in (self.apply, self.keep_all_lumio, self.keep_all_provider):
            b.setEnabled(g is not None)
        if g is None:
            self.record_title.setText("")
            self.record_sub.setText("")
            self.note.setText("")
            return
        prov = g.provider_label
        self.record_title.setText(g.label)
        where = f"{words.entity(g.entity)} ↔ {prov} {g.object_type or ''} {g.external_id or ''}".strip()
        self.record_sub.setText(self.tr("{where} · {connection} · both sides changed since the last sync · "
                                        "strategy: {strategy}").format(where=where, connection=g.connection,
                                                                       strategy=strategy_words(g.strategy)))
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        changed_tint = mix(base, LIGHT_COLOURS[Light.YELLOW], 0.28)
        merged_tint = mix(base, LIGHT_COLOURS[Light.GREEN], 0.22)
        bold = heading_font(self.font(), 1.0)
        for col, text in enumerate((self.tr("Field"), self.tr("Last synced (base)"), "Lumio", prov, self.tr("Keep"))):
            h = QLabel(text, self.grid_host)
            h.setFont(bold)
            self.grid.addWidget(h, 0, col)
        notes = []
        by_id = {c.id: c for c in g.conflicts}
        for r, fr in enumerate(self._field_rows(g), start=1):
            self.grid.addWidget(QLabel(label_of(fr.field), self.grid_host), r, 0)
            base_cell = fitted(QLabel(breakable(show(fr.base)), self.grid_host), show(fr.base))
            base_cell.setMargin(6)
            base_cell.setWordWrap(True)
            self.grid.addWidget(base_cell, r, 1)
            if fr.state == "conflict":
                c = by_id.get(fr.conflict_id)
                who_l = f"{self._who(fr.lumio_modified_by)}, {local_time(fr.lumio_modified_at)}" \
                    if fr.lumio_modified_at else (fr.lumio_modified_by or None)
                who_p = f"{prov}, {local_time(fr.provider_modified_at)}" if fr.provider_modified_at else prov
                self.grid.addWidget(ValueCell(show(fr.lumio), who_l, changed_tint, self.grid_host), r, 2)
                self.grid.addWidget(ValueCell(show(fr.provider), who_p, changed_tint, self.grid_host), r, 3)
                box = QWidget(self.grid_host)
                bl = QHBoxLayout(box)
                bl.setContentsMargins(0, 0, 0, 0)
                grp = QButtonGroup(box)
                rb_l = QRadioButton(self.tr("Lumio"), box)
                rb_p = QRadioButton(prov, box)
                rb_l.setAccessibleName(self.tr("keep Lumio's {field}").format(field=label_of(fr.field)))
                rb_p.setAccessibleName(self.tr("keep {provider}'s {field}").format(provider=prov,
                                                                                    field=label_of(fr.field)))
                grp.addButton(rb_l)
                grp.addButton(rb_p)
                rb_l.setProperty("side", LUMIO)
                rb_p.setProperty("side", PROVIDER)
                (rb_p if c is not None and default_choice(c) == PROVIDER else rb_l).setChecked(True)
                grp.buttonToggled.connect(lambda *_a: self._update_apply())
                bl.addWidget(rb_l)
                bl.addWidget(rb_p)
                bl.addStretch(1)
                self.grid.addWidget(box, r, 4)
                if fr.conflict_id is not None:
                    self.choices[fr.conflict_id] = grp
            elif fr.state == "lumio_only":
                who = f"{self._who(fr.lumio_modified_by)}, {local_time(fr.lumio_modified_at)}" \
                    if fr.lumio_modified_at else None
                self.grid.addWidget(ValueCell(show(fr.lumio), who, merged_tint, self.grid_host), r, 2)
                self.grid.addWidget(ValueCell(show(fr.provider), None, None, self.grid_host), r, 3)
                self.grid.addWidget(muted(QLabel(self.tr("merged automatically"), self.grid_host)), r, 4)
                notes.append(self.tr("{field} changed only in Lumio: it will be pushed to {provider}.").format(
                    field=label_of(fr.field), provider=prov))
            else:
                self.grid.addWidget(ValueCell(show(fr.lumio), None, None, self.grid_host), r, 2)
                self.grid.addWidget(ValueCell(show(fr.provider), None, None, self.grid_host), r, 3)
                self.grid.addWidget(muted(QLabel(self.tr("same"), self.grid_host)), r, 4)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 3)
        self.grid.setColumnStretch(3, 3)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        notes.append(self.tr("The value that loses is kept in the conflict and the record's history, and Undo "
                             "restores it."))
        self.note.setText(" ".join(notes))
        self._update_apply()

    def _who(self, actor: str | None) -> str:
        return words.actor(actor) or "Lumio"

    # -- choices --------------------------------------------------------------------------------------------------
    def chosen(self) -> dict[int, str]:
        out = {}
        for cid, grp in self.choices.items():
            b = grp.checkedButton()
            if b is not None:
                out[cid] = b.property("side")
        return out

    def _choose_all(self, side: str) -> None:
        for grp in self.choices.values():
            for b in grp.buttons():
                if b.property("side") == side:
                    b.setChecked(True)

    def choose(self, conflict_id: int, side: str) -> None:
        for b in self.choices[conflict_id].buttons():
            if b.property("side") == side:
                b.setChecked(True)

    def _apply_text(self) -> str:
        g = self.current
        if g is None:
            return self.tr("Apply")
        parts = []
        by_id = {c.id: c for c in g.conflicts}
        for cid, side in self.chosen().items():
            c = by_id.get(cid)
            if c is not None:
                parts.append(f"{'Lumio' if side == LUMIO else g.provider_label} {label_of(c.field).lower()}")
        return self.tr("Apply: {choices}").format(choices=", ".join(parts)) if parts else self.tr("Apply")

    def _update_apply(self) -> None:
        text = self._apply_text()
        self.apply.setText(text if len(text) < 70 else text[:67] + "…")
        self.apply.setToolTip(text)
        self.apply.setEnabled(bool(self.chosen()))

    def _apply(self) -> None:
        g = self.current
        if g is None:
            return
        choices = self.chosen()
        by_id = {c.id: c for c in g.conflicts}
        lines = [describe_change(g, by_id[cid], side) for cid, side in choices.items() if cid in by_id]
        self.resolve_requested.emit(list(choices), choices, "\n".join(lines))

    # -- many -----------------------------------------------------------------------------------------------------
    def checked_groups(self) -> list[RecordGroup]:
        keys = {self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked}
        return [g for g in self.groups if g.key in keys]

    def _check_all(self, on: bool) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update_many_buttons(self) -> None:
        n = len(self.checked_groups())
        self.keep_lumio_many.setEnabled(n > 0)
        self.keep_provider_many.setEnabled(n > 0)
        suffix = f" ({n})" if n else ""
        self.keep_lumio_many.setText(self.tr("Keep Lumio for checked{n}…").format(n=suffix))
        self.keep_provider_many.setText(self.tr("Keep provider for checked{n}…").format(n=suffix))

    def many_plan(self, side: str) -> tuple[list[int], list[str]]:
        ids, lines = [], []
        for g in self.checked_groups():
            for c in g.conflicts:
                ids.append(c.id)
                lines.append(describe_change(g, c, side))
        return ids, lines

    def _resolve_many(self, side: str) -> None:
        ids, lines = self.many_plan(side)
        if not ids:
            return
        if not self.confirm_many(side, lines):
            return
        self.resolve_requested.emit(ids, {i: side for i in ids}, "\n".join(lines))

    def confirm_many(self, side: str, lines: list[str]) -> bool:
        text = (self.tr("Keep Lumio's values for {n} fields? This will:") if side == LUMIO
                else self.tr("Keep the providers' values for {n} fields? This will:")).format(n=len(lines))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Resolve conflicts"), text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText("\n".join(f"• {line}" for line in lines[:30])
                               + ("\n" + self.tr("… and {n} more").format(n=len(lines) - 30) if len(lines) > 30
                                  else "")
                               + "\n\n" + self.tr("The values that lose are kept, and Undo restores them."))
        ok = box.addButton(self.tr("Resolve {n}").format(n=len(lines)), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self._last_box = box  # tests answer it
        box.exec()
        return box.clickedButton() is ok

    def set_undo_available(self, on: bool) -> None:
        self.undo_available = on
        self.undo.setEnabled(on)

    def prepare_screenshot(self) -> None:
        if self.list.count():
            self.list.item(0).setCheckState(Qt.CheckState.Checked)


