"""Records: browse and search leads, companies and deals (lazy, keyset-paged model: 100,000 rows cost one page at a
time), edit one (pushed on the next sync where the connection's direction allows), see its provider links and
history."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lumio_desktop.ui import queries, words
from lumio_desktop.ui.theme import heading_font, local_time, muted, number

PAGE = 500
COL_EDITED = 0  # a pencil when the record has a local edit not yet pushed; data columns follow
ENTITY_TABS = (("lead", QT_TRANSLATE_NOOP("RecordsPage", "Leads")),
               ("company", QT_TRANSLATE_NOOP("RecordsPage", "Companies")),
               ("deal", QT_TRANSLATE_NOOP("RecordsPage", "Deals")))


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return local_time(v)
    if isinstance(v, float):
        return number(v, 2)
    if isinstance(v, list):
        return ", ".join(map(str, v))
    return str(v)


class RecordsModel(QAbstractTableModel):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.entity = "lead"
        self.search = ""
        self.rows: list[tuple] = []
        self._exhausted = False

    @property
    def columns(self) -> tuple[tuple[str, str], ...]:
        return queries.RECORD_COLUMNS[self.entity]

    def set_query(self, entity: str, search: str, first_page: list[tuple] | None = None) -> None:
        """`first_page`: already read elsewhere (a worker thread), so the Qt thread does not scan for a search."""
        self.beginResetModel()
        self.entity, self.search = entity, search
        self.rows = list(first_page) if first_page is not None else []
        self._exhausted = first_page is not None and len(first_page) < PAGE
        self.endResetModel()
        if first_page is None:
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent=QModelIndex()):  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()):  # noqa: B008, N802
        if parent.isValid() or self._exhausted:
            return
        after = self.rows[-1][0] if self.rows else None
        page = queries.records_page(self.store, self.entity, after, PAGE, self.search)
        if len(page) < PAGE:
            self._exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def record_id(self, row: int) -> int:
        return self.rows[row][0]

    def row_of(self, local_id: int) -> int | None:
        for i, r in enumerate(self.rows):
            if r[0] == local_id:
                return i
        return None

    def refresh_row(self, local_id: int) -> None:
        i = self.row_of(local_id)
        if i is None:
            return
        fresh = queries.records_page(self.store, self.entity, local_id - 1, 1)
        if fresh and fresh[0][0] == local_id:
            self.rows[i] = fresh[0]
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if section == COL_EDITED else words.field(self.columns[section - 1][0])
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_EDITED:
            return self.tr("✎ = edited in Lumio, not yet pushed")
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == COL_EDITED:
                return "✎" if r[1] else ""
            return _fmt(r[c + 1])
        if role == Qt.ItemDataRole.ToolTipRole and c == COL_EDITED and r[1]:
            return self.tr("Edited in Lumio; pushed on the next sync where the connection allows it")
        if role == Qt.ItemDataRole.TextAlignmentRole and c > 0 and isinstance(r[c + 1], (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RecordDetail(QWidget):
    save_requested = Signal(str, int, dict)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.entity: str | None = None
        self.local_id: int | None = None
        self.values: dict = {}
        self.edits: dict[str, QLineEdit] = {}
        self._setup_ui()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 0, 0, 0)
        self.title = QLabel(self.tr("Select a record"), self)
        self.title.setFont(heading_font(self.font(), 1.2))
        self.title.setWordWrap(True)
        self.sub = muted(QLabel("", self))
        self.sub.setWordWrap(True)
        lay.addWidget(self.title)
        lay.addWidget(self.sub)
        self.tabs = QTabWidget(self)
        form_host = QWidget()
        self.form = QFormLayout(form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.tabs.addTab(scroll, self.tr("Fields"))
        self.links = QTableWidget(0, 4, self.tabs)
        self.links.setHorizontalHeaderLabels([self.tr("Connection"), self.tr("Object"), self.tr("External id"),
                                              self.tr("Last synced")])
        self.links.setAccessibleName(self.tr("provider links"))
        self.links.horizontalHeader().setStretchLastSection(True)
        self.links.verticalHeader().hide()
        self.links.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.links, self.tr("Provider links"))
        self.history = QTableWidget(0, 5, self.tabs)
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Field"), self.tr("From"), self.tr("To"),
                                                self.tr("By")])
        self.history.setAccessibleName(self.tr("record history"))
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.history, self.tr("History"))
        lay.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert = QPushButton(self.tr("Revert"), self)
        self.revert.setAccessibleName(self.tr("revert unsaved changes"))
        self.revert.clicked.connect(self._fill_fields)
        self.save = QPushButton(self.tr("Save"), self)
        self.save.setAccessibleName(self.tr("save the record"))
        self.save.setShortcut("Ctrl+S")
        self.save.clicked.connect(self._save)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)
        lay.addLayout(buttons)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        self.save.setEnabled(on)
        self.revert.setEnabled(on)

    def show_record(self, entity: str, local_id: int) -> None:
        self.entity, self.local_id = entity, local_id
        self.values = queries.record_detail(self.store, entity, local_id) or {}
        if entity == "lead":
            name = " ".join(x for x in (self.values.get("first_name"), self.values.get("last_name")) if x)
            name = name or self.values.get("email") or self.tr("Lead {id}").format(id=local_id)
        else:
            name = self.values.get("name") or f"{words.entity(entity).capitalize()} {local_id}"
        self.title.setText(name)
        bits = [f"{words.entity(entity)} #{local_id}",
                self.tr("updated {at}").format(at=local_time(self.values.get("updated_at")))]
        if self.values.get("dirty"):
            bits.append(self.tr("edited by {who} {at}, not yet pushed").format(
                who=words.actor(self.values.get("local_modified_by")) or self.tr("someone"),
                at=local_time(self.values.get("local_modified_at"))))
        self.sub.setText(self.tr(" · ").join(bits))
        self._fill_fields()
        links = queries.record_links(self.store, entity, local_id)
        self.links.setRowCount(len(links))
        for i, (conn, obj, ext, synced, deleted) in enumerate(links):
            ext = self.tr("{id} (deleted there)").format(id=ext) if deleted else ext
            for j, v in enumerate((conn, obj, ext, local_time(synced))):
                self.links.setItem(i, j, QTableWidgetItem(v))
        self.links.resizeColumnsToContents()
        self.tabs.setTabText(1, self.tr("Provider links ({n})").format(n=len(links)))
        hist = queries.record_history(self.store, entity, local_id)
        self.history.setRowCount(len(hist))
        for i, (at, field, old, new, source, actor) in enumerate(hist):
            by, how = words.actor(actor), words.source(source)
            if how:
                by = f"{by} ({how})" if by else how
            for j, v in enumerate((local_time(at), words.field(field), _fmt(old), _fmt(new), by)):
                self.history.setItem(i, j, QTableWidgetItem(v))
        self.history.resizeColumnsToContents()
        self.tabs.setTabText(2, self.tr("History ({n})").format(n=len(hist)))
        self._set_enabled(True)

    def _fill_fields(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits = {}
        if not self.entity:
            return
        for name in queries.EDITABLE_FIELDS[self.entity]:
            e = QLineEdit(_fmt(self.values.get(name)) if not isinstance(self.values.get(name), float)
                          else str(self.values.get(name)), self)
            label = words.field(name)
            e.setAccessibleName(label)
            self.form.addRow(label, e)
            self.edits[name] = e

    def changes(self) -> dict[str, str]:
        out = {}
        for name, e in self.edits.items():
            old = self.values.get(name)
            old_text = "" if old is None else (str(old) if isinstance(old, float) else _fmt(old))
            if e.text() != old_text:
                out[name] = e.text()
        return out

    def _save(self) -> None:
        ch = self.changes()
        if self.entity and self.local_id is not None and ch:
            self.save_requested.emit(self.entity, self.local_id, ch)


class RecordsPage(QWidget):
    def __init__(self, store, parent: QWidget | None = None, *, reader=None):
        """`reader(fn, on_done)`: runs fn off the Qt thread and hands its result to on_done on the Qt thread (the
        controller's); without one (bare widget tests) reads happen inline."""
        super().__init__(parent)
        self.store = store
        self.reader = reader
        self._generation = 0
        self._setup_ui()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        title = QLabel(self.tr("Records"), self)
        title.setFont(heading_font(self.font(), 1.6))
        head.addWidget(title)
        self.kind = QTabBar(self)
        self.kind.setExpanding(False)
        self.kind.setDrawBase(False)
        for _entity, label in ENTITY_TABS:
            self.kind.addTab(self.tr(label))
        self.kind.setAccessibleName(self.tr("record type"))
        head.addSpacing(12)
        head.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignBottom)
        head.addStretch(1)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name, email, domain…"))
        self.search.setAccessibleName(self.tr("search records"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        head.addWidget(self.search)
        lay.addLayout(head)
        self.count = muted(QLabel(self))
        lay.addWidget(self.count)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = RecordsModel(self.store, self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("records"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.detail = RecordDetail(self.store, split)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        # the detail needs room for its three tabs and the history's five columns (Portuguese headings are longer)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([780, 520])
        lay.addWidget(split, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.kind.currentChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    @property
    def entity(self) -> str:
        return ENTITY_TABS[self.kind.currentIndex()][0]

    def reload(self) -> None:
        entity, text = self.entity, self.search.text()
        if self.reader is not None:
            # The first page (a full scan when searching 100,000 rows) and the count are read in a worker thread.
            self._generation += 1
            gen = self._generation

            def read():
                page = queries.records_page(self.store, entity, None, PAGE, text)
                return page, (queries.record_count(self.store, entity) if not text.strip() else None)

            if text.strip():
                self.count.setText(self.tr("Searching…"))
            self.reader(read, lambda result: self._loaded(gen, entity, text, *result))
            return
        self.model.set_query(entity, text)
        total = queries.record_count(self.store, entity) if not text.strip() else None
        self._show_counts(total)

    def _loaded(self, gen: int, entity: str, text: str, page: list[tuple], total: int | None) -> None:
        if gen != self._generation:
            return  # a newer search was typed meanwhile
        self.model.set_query(entity, text, first_page=page)
        self._show_counts(total)

    def _show_counts(self, total: int | None) -> None:
        self._size_columns()
        more = "+" if self.model.canFetchMore() else ""
        shown = f"{number(len(self.model.rows))}{more}"
        if total is not None:
            self.count.setText((self.tr("{total} in all · {shown} shown (scroll for more)") if more
                                else self.tr("{total} in all · {shown} shown")).format(total=number(total), shown=shown))
        else:
            self.count.setText(self.tr("{shown} matching “{text}”").format(shown=shown,
                                                                          text=self.search.text().strip()))

    def _size_columns(self) -> None:
        self.table.setColumnWidth(COL_EDITED, 26)
        for i, (name, _label) in enumerate(self.model.columns, start=1):
            self.table.setColumnWidth(i, 200 if name in ("email", "name", "company_name") else 110)

    def _row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self.detail.show_record(self.model.entity, self.model.record_id(current.row()))

    def select_first(self) -> None:
        if self.model.rows:
            self.table.selectRow(0)

    def after_save(self, entity: str, local_id: int) -> None:
        if entity == self.model.entity:
            self.model.refresh_row(local_id)
        if self.detail.entity == entity and self.detail.local_id == local_id:
            self.detail.show_record(entity, local_id)
