"""Jobs: every run as a row (lazy model, keyset-paged so 10,000 jobs scroll as fast as 10), with details: the log,
the rejected rows with their reasons, Cancel and Run again."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lumio_desktop.ui import queries, words
from lumio_desktop.ui.health import Light
from lumio_desktop.ui.theme import LIGHT_COLOURS, duration, heading_font, local_time, muted, number
from lumio_desktop.ui.tr_text import tr_text

(COL_STATUS, COL_CONNECTION, COL_TYPE, COL_TRIGGER, COL_PROGRESS, COL_PROCESSED, COL_CREATED, COL_UPDATED,
 COL_FAILED, COL_STARTED, COL_DURATION) = range(11)
HEADERS = (QT_TRANSLATE_NOOP("JobsModel", "Status"), QT_TRANSLATE_NOOP("JobsModel", "Connection"),
           QT_TRANSLATE_NOOP("JobsModel", "Type"), QT_TRANSLATE_NOOP("JobsModel", "Trigger"),
           QT_TRANSLATE_NOOP("JobsModel", "Progress"), QT_TRANSLATE_NOOP("JobsModel", "Processed"),
           QT_TRANSLATE_NOOP("JobsModel", "Created"), QT_TRANSLATE_NOOP("JobsModel", "Updated"),
           QT_TRANSLATE_NOOP("JobsModel", "Failed"), QT_TRANSLATE_NOOP("JobsModel", "Started"),
           QT_TRANSLATE_NOOP("JobsModel", "Duration"))
STATUS_LIGHT = {"completed": Light.GREEN, "running": Light.YELLOW, "queued": Light.GREY, "failed": Light.RED,
                "cancelled": Light.GREY, "interrupted": Light.YELLOW, "skipped": Light.GREY}
ACTIVE = ("running", "queued")
PAGE = 200


class JobsModel(QAbstractTableModel):
    """Newest first; fetches PAGE rows at a time as the view scrolls."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.rows: list[queries.JobRow] = []
        self._row_of: dict[str, int] = {}
        self._exhausted = False
        self.status: str | None = None
        self.connection_id: int | None = None
        self.names: dict[int, str] = {}

    # -- loading --------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.names = queries.connection_names(self.store)
        self.rows = []
        self._row_of = {}
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def set_filter(self, status: str | None, connection_id: int | None) -> None:
        self.status, self.connection_id = status, connection_id
        self.reload()

    def canFetchMore(self, parent=QModelIndex()):  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()):  # noqa: B008, N802
        if parent.isValid() or self._exhausted:
            return
        after = (self.rows[-1].created_at, self.rows[-1].id) if self.rows else None
        page = queries.jobs_page(self.store, after, PAGE, status=self.status, connection_id=self.connection_id)
        if len(page) < PAGE:
            self._exhausted = True
        if not page:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        for i, r in enumerate(page):
            self._row_of[r.id] = first + i
        self.rows.extend(page)
        self.endInsertRows()

    def _matches(self, r: queries.JobRow) -> bool:
        return (self.status is None or r.status == self.status) and (
            self.connection_id is None or r.connection_id == self.connection_id)

    def refresh_job(self, job_id: str) -> None:
        """Re-read one job (a short read) after an event; a new job goes on top."""
        r = queries.job_row(self.store, job_id)
        if r is None:
            return
        i = self._row_of.get(job_id)
        if i is not None:
            self.rows[i] = r
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))
        elif self._matches(r):
            if r.connection_id not in self.names:
                self.names = queries.connection_names(self.store)
            self.beginInsertRows(QModelIndex(), 0, 0)
            self.rows.insert(0, r)
            self._row_of = {row.id: n for n, row in enumerate(self.rows)}
            self.endInsertRows()

    def set_progress(self, job_id: str, progress: float, processed: int, total: int) -> None:
        i = self._row_of.get(job_id)
        if i is None:
            return
        r = self.rows[i]
        r.progress, r.processed, r.total, r.status = progress, processed, total, "running"
        self.dataChanged.emit(self.index(i, COL_STATUS), self.index(i, COL_PROCESSED))

    def row_of(self, job_id: str) -> int | None:
        return self._row_of.get(job_id)

    # -- Qt model -------------------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == COL_STATUS:
                return words.status(r.status)
            if c == COL_CONNECTION:
                return self.names.get(r.connection_id, r.integration)
            if c == COL_TYPE:
                return words.sync_type(r.sync_type)
            if c == COL_TRIGGER:
                return words.trigger(r.trigger)
            if c == COL_PROGRESS:
                return f"{round(r.progress * 100)}%"
            if c == COL_PROCESSED:
                return number(r.processed) + (f" / {number(r.total)}" if r.total else "")
            if c == COL_CREATED:
                return number(r.created)
            if c == COL_UPDATED:
                return number(r.updated)
            if c == COL_FAILED:
                return number(r.failed)
            if c == COL_STARTED:
                return local_time(r.started_at or r.created_at)
            if c == COL_DURATION:
                if r.duration_ms is None and r.status == "running" and r.started_at:
                    return duration((datetime.now(UTC) - r.started_at).total_seconds() * 1000)
                return duration(r.duration_ms)
        elif role == Qt.ItemDataRole.UserRole:
            return r.progress if c == COL_PROGRESS else r
        elif role == Qt.ItemDataRole.DecorationRole and c == COL_STATUS:
            return LIGHT_COLOURS[STATUS_LIGHT.get(r.status, Light.GREY)]
        elif role == Qt.ItemDataRole.ToolTipRole:
            return tr_text(r.error) or None
        elif role == Qt.ItemDataRole.TextAlignmentRole and c in (COL_PROCESSED, COL_CREATED, COL_UPDATED,
                                                                  COL_FAILED, COL_DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ProgressDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index):
        value = index.data(Qt.ItemDataRole.UserRole)
        if value is None:
            return super().paint(painter, option, index)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 3, -3, -3)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = round(float(value) * 100)
        bar.text = QLocale().toString(bar.progress) + "%"
        bar.textVisible = True
        bar.palette = option.palette
        # the item's state lacks State_Horizontal, and Fusion then fills the bar upwards (62% looked like a stripe)
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class RejectedModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("RejectedModel", "Object"), QT_TRANSLATE_NOOP("RejectedModel", "External id"),
               QT_TRANSLATE_NOOP("RejectedModel", "Reason"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple] = []

    def set_rows(self, rows):
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        obj, ext, reason, raw = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (obj, ext or "—", reason)[index.column()]  # worded in the UI language by _detail
        if role == Qt.ItemDataRole.ToolTipRole:
            try:
                return json.dumps(json.loads(raw), indent=2, ensure_ascii=False)[:4000]
            except (ValueError, TypeError):
                return str(raw)[:4000]
        return None


class JobsPage(QWidget):
    cancel_requested = Signal(str)
    run_again_requested = Signal(object)  # JobRow

    def __init__(self, store, parent: QWidget | None = None, *, reader=None):
        """`reader(fn, on_done)` runs fn off the Qt thread and hands its result to on_done on the Qt thread (the
        controller's); without one the detail is read inline (a bare widget test)."""
        super().__init__(parent)
        self.store = store
        self.reader = reader or (lambda fn, on_done: on_done(fn()))
        self.current: queries.JobRow | None = None
        self._setup_ui()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        title = QLabel(self.tr("Jobs"), self)
        title.setFont(heading_font(self.font(), 1.6))
        head.addWidget(title)
        self.count_label = muted(QLabel(self))
        head.addWidget(self.count_label)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("Status"), self))
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName(self.tr("filter jobs by status"))
        self.status_filter.addItem(self.tr("All"), None)
        for st in ("running", "queued", "completed", "failed", "cancelled", "interrupted", "skipped"):
            self.status_filter.addItem(words.status(st).capitalize(), st)
        head.addWidget(self.status_filter)
        head.addWidget(QLabel(self.tr("Connection"), self))
        self.connection_filter = QComboBox(self)
        self.connection_filter.setAccessibleName(self.tr("filter jobs by connection"))
        self.connection_filter.setMinimumContentsLength(18)
        head.addWidget(self.connection_filter)
        lay.addLayout(head)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = JobsModel(self.store, self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("jobs"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self.table))
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        for col, width in ((COL_STATUS, 110), (COL_CONNECTION, 200), (COL_TYPE, 95), (COL_TRIGGER, 80),
                           (COL_PROGRESS, 110), (COL_PROCESSED, 120), (COL_CREATED, 70), (COL_UPDATED, 70),
                           (COL_FAILED, 60), (COL_STARTED, 130)):
            # never narrower than its heading: "Atualizados" and "Com falha" are longer than "Updated", "Failed"
            head = self.model.headerData(col, Qt.Orientation.Horizontal) or ""
            self.table.setColumnWidth(col, max(width, hh.fontMetrics().horizontalAdvance(head) + 24))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        details = QWidget(split)
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel(self.tr("Select a job to see its log and rejected records."), details)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.summary, 1)
        self.cancel = QPushButton(self.tr("Cancel job"), details)
        self.cancel.setAccessibleName(self.tr("cancel the selected job"))
        self.cancel.clicked.connect(self._cancel)
        self.again = QPushButton(self.tr("Run again"), details)
        self.again.setAccessibleName(self.tr("run the selected job again"))
        self.again.clicked.connect(self._again)
        top.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.again, 0, Qt.AlignmentFlag.AlignTop)
        dl.addLayout(top)
        self.tabs = QTabWidget(details)
        self.log = QPlainTextEdit(self.tabs)
        self.log.setReadOnly(True)
        self.log.setAccessibleName(self.tr("job log"))
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.rejected_model = RejectedModel(self)
        self.rejected = QTableView(self.tabs)
        self.rejected.setModel(self.rejected_model)
        self.rejected.setAccessibleName(self.tr("rejected records"))
        self.rejected.verticalHeader().hide()
        self.rejected.horizontalHeader().setStretchLastSection(True)
        self.rejected.setColumnWidth(0, 120)
        self.rejected.setColumnWidth(1, 160)
        self.tabs.addTab(self.log, self.tr("Log"))
        self.tabs.addTab(self.rejected, self.tr("Rejected records"))
        dl.addWidget(self.tabs, 1)
        split.addWidget(self.table)
        split.addWidget(details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        self._set_buttons()
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.connection_filter.currentIndexChanged.connect(self._filter_changed)

    # -- behaviour ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.current.id if self.current else None
        names = queries.connection_names(self.store)
        self.connection_filter.blockSignals(True)
        cur = self.connection_filter.currentData()
        self.connection_filter.clear()
        self.connection_filter.addItem(self.tr("All"), None)
        for cid, name in names.items():
            self.connection_filter.addItem(name, cid)
        i = self.connection_filter.findData(cur)
        self.connection_filter.setCurrentIndex(max(0, i))
        self.connection_filter.blockSignals(False)
        self.model.set_filter(self.status_filter.currentData(), self.connection_filter.currentData())
        self._update_count()
        if keep:
            self.select_job(keep)

    def _update_count(self) -> None:
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("{n} shown").format(n=f"{number(len(self.model.rows))}{more}"))

    def _filter_changed(self) -> None:
        self.model.set_filter(self.status_filter.currentData(), self.connection_filter.currentData())
        self._update_count()

    def select_job(self, job_id: str) -> bool:
        row = self.model.row_of(job_id)
        while row is None and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(job_id)
        if row is None and (self.model.status or self.model.connection_id):
            self.status_filter.setCurrentIndex(0)
            self.connection_filter.setCurrentIndex(0)
            return self.select_job(job_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self._show(self.model.rows[row])
        return True

    def _row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self._show(self.model.rows[current.row()])

    def _show(self, r: queries.JobRow) -> None:
        self.current = r
        name = self.model.names.get(r.connection_id, r.integration)
        lines = [self.tr("<b>{name}</b> · {type} sync by {trigger} · <b>{status}</b>").format(
                     name=_esc(name), type=words.sync_type(r.sync_type), trigger=words.trigger(r.trigger),
                     status=words.status(r.status)),
                 self.tr("Started {at}, took {took} · {processed} processed: {created} created, {updated} updated, "
                         "{failed} failed").format(
                     at=local_time(r.started_at or r.created_at), took=duration(r.duration_ms),
                     processed=number(r.processed), created=number(r.created), updated=number(r.updated),
                     failed=number(r.failed))]
        if r.error:
            lines.append(f"<span style='color:{LIGHT_COLOURS[Light.RED].name()}'>{_esc(tr_text(r.error))}</span>")
        lines.append("<small>" + self.tr("job {id}").format(id=r.id) + "</small>")
        self.summary.setText(self.tr("<br>").join(lines))
        self._set_buttons()
        job_id, store = r.id, self.store
        # A job's log can hold 2,000 lines and its rejected records 1,000 rows: read and worded (tr_text parses each
        # stored sentence; QCoreApplication.translate is thread-safe) off the Qt thread.
        self.reader(lambda: _detail(store, job_id), lambda result: self._show_detail(job_id, *result))

    def _show_detail(self, job_id: str, log: str, rejected: list) -> None:
        if self.current is None or self.current.id != job_id:  # another job was picked meanwhile
            return
        self.log.setPlainText(log or self.tr("(no log lines)"))
        self.rejected_model.set_rows(rejected)
        self.tabs.setTabText(1, self.tr("Rejected records ({n})").format(n=number(len(rejected))))

    def _set_buttons(self) -> None:
        r = self.current
        self.cancel.setEnabled(bool(r and r.status in ACTIVE))
        self.again.setEnabled(bool(r and r.status not in ACTIVE and r.connection_id is not None))

    def _cancel(self) -> None:
        if self.current:
            self.cancel_requested.emit(self.current.id)

    def _again(self) -> None:
        if self.current:
            self.run_again_requested.emit(self.current)

    # -- events ---------------------------------------------------------------------------------------------------
    def on_job_event(self, job_id: str, *_args) -> None:
        self.model.refresh_job(job_id)
        if self.current and self.current.id == job_id:
            i = self.model.row_of(job_id)
            if i is not None:
                self._show(self.model.rows[i])
        self._update_count()

    def on_sync_progress(self, job_id: str, _cid: int, progress: float, processed: int, total: int) -> None:
        self.model.set_progress(job_id, progress, processed, total)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _detail(store, job_id: str) -> tuple[str, list[tuple]]:
    """A job's log as text and its rejected records, in the UI language (runs in a worker thread)."""
    log = "\n".join(f"{local_time(at)}  {words.level(lvl):<7} {tr_text(msg)}"
                    for at, lvl, msg in queries.job_log(store, job_id))
    rejected = [(obj, ext, tr_text(reason), raw) for obj, ext, reason, raw in queries.job_rejected(store, job_id)]
    return log, rejected
