"""Dashboard: a card per connection (traffic light + reason in words, last/next sync, counts, Sync Now with live
progress and Cancel, Reconnect when red), charts of the recent runs, and recent errors that open their job."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pyqtgraph as pg
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lumio_desktop.ui import queries
from lumio_desktop.ui.health import traffic_light
from lumio_desktop.ui.theme import (
    CREATED,
    FAILED,
    SERIES,
    UPDATED,
    Card,
    LightDot,
    heading_font,
    local_time,
    muted,
    number,
    percent,
    relative,
)
from lumio_desktop.ui.tr_text import tr_text

pg.setConfigOptions(antialias=True)

CONNECTION_COLOURS = [SERIES[0], SERIES[4], SERIES[3], SERIES[5], SERIES[1], SERIES[2]]
ENTITY_WORDS = {
    "lead": (QT_TRANSLATE_NOOP("Dashboard", "{n} lead"), QT_TRANSLATE_NOOP("Dashboard", "{n} leads")),
    "company": (QT_TRANSLATE_NOOP("Dashboard", "{n} company"), QT_TRANSLATE_NOOP("Dashboard", "{n} companies")),
    "deal": (QT_TRANSLATE_NOOP("Dashboard", "{n} deal"), QT_TRANSLATE_NOOP("Dashboard", "{n} deals")),
}


def counts_text(counts: dict[str, int]) -> str:
    parts = []
    for entity in ("lead", "company", "deal"):
        n = counts.get(entity)
        if n:
            one, many = ENTITY_WORDS[entity]
            parts.append(QCoreApplication.translate("Dashboard", one if n == 1 else many).format(n=number(n)))
    return " · ".join(parts) if parts else QCoreApplication.translate("Dashboard", "no records yet")


class ConnectionCard(Card):
    sync_clicked = Signal(int)
    cancel_clicked = Signal(str)
    reconnect_clicked = Signal(int)
    job_clicked = Signal(str)
    conflicts_clicked = Signal(int)

    def __init__(self, summary: queries.ConnectionSummary, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = summary
        self._setup_ui()
        self.set_summary(summary)

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 12, 14, 12)
        lay.setSpacing(4)
        top = QHBoxLayout()
        self.dot = LightDot(self)
        self.title = QLabel(self)
        self.title.setFont(heading_font(self.font(), 1.25))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.dot)
        top.addWidget(self.title, 1)
        lay.addLayout(top)
        self.state = QLabel(self)
        self.state.setFont(heading_font(self.font(), 1.0))
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.last = muted(QLabel(self))
        self.next = muted(QLabel(self))
        self.counts = muted(QLabel(self))
        self.rate = muted(QLabel(self))
        for w in (self.state, self.reason, self.last, self.next, self.counts, self.rate):
            w.setWordWrap(True)  # longer languages (pt_BR) wrap instead of being cut
            lay.addWidget(w)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("sync progress"))
        self.progress.setTextVisible(True)
        # Keep the bar's room when hidden: a card that changes height when a sync starts or ends re-lays out the
        # dashboard and makes pyqtgraph redraw every chart (seen as UI stalls by benchmark 4).
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        lay.addWidget(self.progress)
        lay.addStretch(1)
        buttons = QHBoxLayout()
        self.open_job = QPushButton(self.tr("Open job"), self)
        self.open_job.setFlat(True)
        self.open_job.setAccessibleName(self.tr("open the last job"))
        self.open_job.clicked.connect(self._open_job)
        buttons.addWidget(self.open_job)
        buttons.addStretch(1)
        self.review = QPushButton(self.tr("Review conflicts"), self)
        self.review.clicked.connect(lambda: self.conflicts_clicked.emit(self.summary.id))
        buttons.addWidget(self.review)
        self.reconnect = QPushButton(self.tr("Reconnect…"), self)
        self.reconnect.clicked.connect(lambda: self.reconnect_clicked.emit(self.summary.id))
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.clicked.connect(self._cancel)
        self.sync = QPushButton(self.tr("Sync Now"), self)
        self.sync.setDefault(False)
        self.sync.clicked.connect(lambda: self.sync_clicked.emit(self.summary.id))
        for b in (self.reconnect, self.cancel, self.sync):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.setMinimumWidth(300)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def _open_job(self) -> None:
        jid = self.summary.running_job or self.summary.last_job_id
        if jid:
            self.job_clicked.emit(jid)

    def _cancel(self) -> None:
        jid = self.summary.running_job or self.summary.queued_job
        if jid:
            self.cancel_clicked.emit(jid)

    # -- state ----------------------------------------------------------------------------------------------------
    def set_summary(self, s: queries.ConnectionSummary) -> None:
        self.summary = s
        self._render()

    def mark_started(self, job_id: str) -> None:
        self.summary = dataclasses.replace(self.summary, running_job=job_id, queued_job=None, progress=0.0,
                                           processed=0, total=0)
        self._render()

    def mark_finished(self) -> None:
        """The job ended: stop showing it as running until the refresh brings the new facts."""
        self.summary = dataclasses.replace(self.summary, running_job=None, progress=None)
        self._render()

    def mark_queued(self, job_id: str) -> None:
        if self.summary.running_job != job_id:
            self.summary = dataclasses.replace(self.summary, queued_job=job_id)
            self._render()

    def set_progress(self, job_id: str, progress: float, processed: int, total: int) -> None:
        if self.summary.running_job != job_id:
            return  # a late (throttled) number for a job that already ended
        self.summary = dataclasses.replace(self.summary, running_job=job_id, progress=progress,
                                           processed=processed, total=total)
        self._render()

    def _render(self) -> None:
        s = self.summary
        now = datetime.now(UTC)
        verdict = traffic_light(queries.facts_of(s, now))
        self.verdict = verdict
        self.dot.set_light(verdict.light)
        self.title.setText(s.title)
        self.title.setToolTip(self.tr("{name} ({provider})").format(name=s.name,
                                                                     provider=queries.provider_name(s.provider)))
        self.state.setText(tr_text(verdict.title))
        reasons = [tr_text(r) for r in verdict.reasons]
        reasons = [r[:1].upper() + r[1:] for r in reasons]
        more = self.tr("(+{n} more)").format(n=len(reasons) - 3) if len(reasons) > 3 else ""
        self.reason.setText("\n".join([*reasons[:3], more] if more else reasons))
        self.reason.setToolTip("\n".join(reasons))
        self.last.setText(self.tr("Last good sync: {ago} ({at})").format(
            ago=relative(s.last_success_at, now), at=local_time(s.last_success_at, now)) if s.last_success_at
            else self.tr("Last good sync: never"))
        if not s.enabled:
            self.next.setText(self.tr("Scheduled syncs: off for this connection"))
        elif s.health == "config_error":
            self.next.setText(self.tr("Scheduled syncs wait until you reconnect"))
        elif s.next_run is not None:
            self.next.setText(self.tr("Next sync: {when} ({at})").format(when=relative(s.next_run, now),
                                                                          at=local_time(s.next_run, now)))
        else:
            self.next.setText(self.tr("Next sync: not scheduled"))
        self.counts.setText(counts_text(s.counts))
        rate = (self.tr("Success rate (recent runs): —") if s.success_rate is None
                else self.tr("Success rate (recent runs): {pct}").format(pct=percent(s.success_rate)))
        if s.failed_runs:  # the rate counts records: runs that failed before reading any would not show in it
            rate += " · " + (self.tr("1 of the last {runs} runs failed") if s.failed_runs == 1 else
                             self.tr("{failed} of the last {runs} runs failed")).format(
                failed=number(s.failed_runs), runs=number(s.recent_runs))
        self.rate.setText(rate)
        running = s.running_job is not None
        busy = running or s.queued_job is not None
        self.progress.setVisible(busy)
        if running:
            if s.total:
                self.progress.setRange(0, 1000)
                self.progress.setValue(round((s.progress or 0) * 1000))
                self.progress.setFormat(self.tr("{done} / {total} · {pct}%").format(
                    done=number(s.processed), total=number(s.total), pct=round((s.progress or 0) * 100)))
            else:
                self.progress.setRange(0, 0)  # busy indicator until the provider tells a total
                self.progress.setFormat(self.tr("{n} records").format(n=number(s.processed)))
        elif busy:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("queued"))
        needs_reconnect = s.health == "config_error"
        self.sync.setVisible(not busy and not needs_reconnect)
        self.cancel.setVisible(busy)
        self.reconnect.setVisible(needs_reconnect)
        self.open_job.setVisible(bool(s.running_job or s.last_job_id))
        self.review.setVisible(s.open_conflicts > 0)
        self.review.setText(self.tr("Review 1 conflict") if s.open_conflicts == 1
                            else self.tr("Review {n} conflicts").format(n=s.open_conflicts))
        name = s.account or s.name
        self.sync.setAccessibleName(self.tr("Sync {name} now").format(name=name))
        self.cancel.setAccessibleName(self.tr("Cancel the sync of {name}").format(name=name))
        self.reconnect.setAccessibleName(self.tr("Reconnect {name}").format(name=name))
        self.setAccessibleName(f"{s.title}: {tr_text(verdict.title)}. {'; '.join(reasons)}")


class LocaleDateAxis(pg.DateAxisItem):
    """pyqtgraph's time axis with day and month names in the UI language: it formats with strftime, which speaks the
    OS's C locale (a Portuguese window said "Sun 29")."""

    QT_FORMATS = {"%Y": "yyyy", "%b": "MMM", "%d": "d", "%a %d": "ddd d", "%H:%M": "HH:mm", "%H:%M:%S": "HH:mm:ss",
                  "%S.%f": "ss.zzz"}

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        fmt = self.QT_FORMATS.get(spec.format) if spec else None
        if fmt is None:
            return super().tickStrings(values, scale, spacing)
        loc = QLocale()
        return [loc.toString(QDateTime.fromMSecsSinceEpoch(int(v * 1000)), fmt) for v in values]


def _themed_plot(title: str, parent: QWidget, *, time_axis: bool = False) -> pg.PlotWidget:
    pal = parent.palette()
    # The time axis is given at construction: replacing an axis later (setAxisItems) orphans the old one.
    axes = {"bottom": LocaleDateAxis(orientation="bottom")} if time_axis else None
    w = pg.PlotWidget(parent=parent, background=pal.color(QPalette.ColorRole.Base), axisItems=axes)
    text = pal.color(QPalette.ColorRole.Text)
    w.setTitle(title, color=text.name(), size="11pt")
    for axis in ("left", "bottom"):
        ax = w.getAxis(axis)
        ax.setPen(pg.mkPen(pal.color(QPalette.ColorRole.Mid)))
        ax.setTextPen(pg.mkPen(text))
    w.setMouseEnabled(x=False, y=False)
    w.hideButtons()
    w.setMenuEnabled(False)
    w.setMinimumHeight(220)
    w.setAccessibleName(title)
    return w


class LegendRow(QWidget):
    """Colour keys under the charts (in-plot legends hide the lines they explain)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(4, 0, 4, 0)
        self._lay.setSpacing(14)

    def set_items(self, items: list[tuple[str, object]]) -> None:
        while self._lay.count():
            w = self._lay.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        for text, colour in items:
            sw = QLabel(self)
            sw.setFixedSize(12, 12)
            sw.setAutoFillBackground(True)
            pal = sw.palette()
            pal.setColor(QPalette.ColorRole.Window, colour)
            sw.setPalette(pal)
            self._lay.addWidget(sw)
            self._lay.addWidget(muted(QLabel(text, self)))
        self._lay.addStretch(1)


class Charts(QWidget):
    """Records per run (stacked created/updated/failed), success rate over time, duration per run.

    The plot items are made once and their data replaced on each refresh: removing and re-adding pyqtgraph items
    leaves orphans to the garbage collector, which can destroy them at an unsafe moment (a crash seen in tests).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._bars = 0
        self._drawn: tuple | None = None
        self._rate_lines: dict[int, pg.PlotDataItem] = {}
        self._duration_lines: dict[int, pg.PlotDataItem] = {}
        self._setup_ui()

    def _setup_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        lay = QHBoxLayout()
        outer.addLayout(lay, 1)
        keys = QHBoxLayout()
        self.kinds_legend = LegendRow(self)
        self.kinds_legend.set_items([(self.tr("created"), CREATED), (self.tr("updated"), UPDATED),
                                     (self.tr("failed"), FAILED)])
        self.connections_legend = LegendRow(self)
        keys.addWidget(self.kinds_legend, 1)
        keys.addWidget(self.connections_legend, 2)
        outer.addLayout(keys)
        self.records = _themed_plot(self.tr("Records per run"), self)
        self.records.getPlotItem().getAxis("bottom").setLabel(self.tr("runs, oldest → newest"))
        self.rate = _themed_plot(self.tr("Success rate % per run"), self, time_axis=True)
        self.duration = _themed_plot(self.tr("Duration per run (s)"), self, time_axis=True)
        for w in (self.records, self.rate, self.duration):
            lay.addWidget(w, 1)
        outline = pg.mkPen(self.palette().color(QPalette.ColorRole.Base))
        self.stacks = []
        for colour in (CREATED, UPDATED, FAILED):
            item = pg.BarGraphItem(x=[], height=[], y0=[], width=0.7, brush=colour, pen=outline)
            self.records.addItem(item)
            self.stacks.append(item)

    def bar_count(self) -> int:
        return self._bars

    def _line(self, plot: pg.PlotWidget, lines: dict, cid: int, colour) -> pg.PlotDataItem:
        item = lines.get(cid)
        if item is None:
            item = plot.plot([], [], pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=5, symbolBrush=colour,
                             symbolPen=None)
            lines[cid] = item
        return item

    def set_runs(self, runs: dict[int, list[queries.RunPoint]], names: dict[int, str], last_n: int = 30) -> None:
        key = (tuple((cid, tuple(p.job_id for p in pts)) for cid, pts in sorted(runs.items())),
               tuple(sorted(names.items())))
        if key == self._drawn:
            return  # same runs as drawn: no redraw (a refresh during a sync must not repaint the charts)
        self._drawn = key
        every = sorted((p for pts in runs.values() for p in pts),
                       key=lambda p: p.ended_at or datetime.min.replace(tzinfo=UTC))[-last_n:]
        self._bars = len(every)
        xs = list(range(1, len(every) + 1))
        created = [p.created for p in every]
        updated = [p.updated for p in every]
        failed = [p.failed for p in every]
        base2 = [a + b for a, b in zip(created, updated, strict=True)]
        for item, ys, y0 in zip(self.stacks, (created, updated, failed), (([0] * len(xs)), created, base2),
                                strict=True):
            item.setOpts(x=xs, height=ys, y0=y0)
        if xs:
            self.records.setXRange(0.3, len(xs) + 0.7, padding=0)
        keys = []
        for i, (cid, pts) in enumerate(sorted(runs.items())):
            colour = CONNECTION_COLOURS[i % len(CONNECTION_COLOURS)]
            keys.append((names.get(cid, str(cid)), colour))
            pts_rate = [p for p in pts if p.success_rate is not None and p.ended_at is not None]
            self._line(self.rate, self._rate_lines, cid, colour).setData(
                [p.ended_at.timestamp() for p in pts_rate], [p.success_rate * 100 for p in pts_rate])
            pts_dur = [p for p in pts if p.duration_s is not None and p.ended_at is not None]
            self._line(self.duration, self._duration_lines, cid, colour).setData(
                [p.ended_at.timestamp() for p in pts_dur], [p.duration_s for p in pts_dur])
        for lines in (self._rate_lines, self._duration_lines):
            for cid in [c for c in lines if c not in runs]:  # a removed connection: empty its line, keep the item
                lines[cid].setData([], [])
        self.connections_legend.set_items(keys)
        self.rate.setYRange(min([80.0] + [p.success_rate * 100 for pts in runs.values() for p in pts
                                          if p.success_rate is not None]) - 2, 101, padding=0)


ERR_WHEN, ERR_CONNECTION, ERR_WHAT, ERR_JOB = range(4)


class ErrorsModel(QAbstractTableModel):
    def message(self, r: queries.ErrorRow) -> str:
        if not r.rejected:
            # the engine's sentence, or the provider's own words as they came
            return tr_text(r.message) or self.tr("the sync failed")
        n = self.tr("1 record rejected") if r.rejected == 1 else self.tr("{n} records rejected").format(
            n=number(r.rejected))
        return f"{n}: {tr_text(r.reason)}" if r.reason else n

    HEADERS = (QT_TRANSLATE_NOOP("ErrorsModel", "When"), QT_TRANSLATE_NOOP("ErrorsModel", "Connection"),
               QT_TRANSLATE_NOOP("ErrorsModel", "What happened"), QT_TRANSLATE_NOOP("ErrorsModel", "Job"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[queries.ErrorRow] = []

    def set_rows(self, rows: list[queries.ErrorRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == ERR_WHEN:
                return local_time(r.at)
            if col == ERR_CONNECTION:
                return r.connection or self.tr("(removed connection)")
            if col == ERR_WHAT:
                return self.message(r)
            if col == ERR_JOB:
                return r.job_id[:8] if r.job_id else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == ERR_WHAT:
            return self.message(r)
        if role == Qt.ItemDataRole.ToolTipRole and col == ERR_JOB:
            return self.tr("Double-click (or Enter) to open this job")
        return None


class DashboardPage(QWidget):
    sync_requested = Signal(int)
    cancel_requested = Signal(str)
    reconnect_requested = Signal(int)
    open_job_requested = Signal(str)
    sync_all_requested = Signal()
    add_connection_requested = Signal()
    conflicts_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.cards: dict[int, ConnectionCard] = {}
        self._pending_progress: dict[int, tuple] = {}
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(250)
        self._progress_timer.timeout.connect(self._flush_progress)
        self._setup_ui()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        title = QLabel(self.tr("Sync health"), self)
        title.setFont(heading_font(self.font(), 1.6))
        head.addWidget(title)
        head.addStretch(1)
        self.schedule_label = muted(QLabel(self))
        head.addWidget(self.schedule_label)
        self.add_button = QPushButton(self.tr("Add connection…"), self)
        self.add_button.clicked.connect(self.add_connection_requested)
        head.addWidget(self.add_button)
        self.sync_all = QPushButton(self.tr("Sync all now"), self)
        self.sync_all.setAccessibleName(self.tr("Sync all connections now"))
        self.sync_all.clicked.connect(self.sync_all_requested)
        head.addWidget(self.sync_all)
        lay.addLayout(head)

        self.cards_box = QWidget(self)
        self.cards_grid = QGridLayout(self.cards_box)
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setSpacing(10)
        self.empty = QLabel(self.tr("No connections yet. Add one to start syncing leads, companies and deals; or start "
                            "Lumio with --sandbox to try it with demo accounts."), self)
        self.empty.setWordWrap(True)
        lay.addWidget(self.cards_box)
        lay.addWidget(self.empty)

        self.charts = Charts(self)
        errors_box = QWidget(self)
        self.errors_box = errors_box
        el = QVBoxLayout(errors_box)
        el.setContentsMargins(0, 6, 0, 0)
        lbl = QLabel(self.tr("Recent errors"), errors_box)
        lbl.setFont(heading_font(self.font(), 1.05))
        el.addWidget(lbl)
        self.errors_model = ErrorsModel(self)
        self.errors = QTableView(errors_box)
        self.errors.setModel(self.errors_model)
        self.errors.setAccessibleName(self.tr("recent errors"))
        self.errors.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.errors.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.errors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errors.verticalHeader().hide()
        self.errors.setAlternatingRowColors(True)
        self.errors.setWordWrap(False)
        hh = self.errors.horizontalHeader()
        hh.setSectionResizeMode(ERR_WHAT, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(ERR_WHEN, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(ERR_CONNECTION, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(ERR_JOB, QHeaderView.ResizeMode.ResizeToContents)
        self.errors.doubleClicked.connect(self._open_error)
        self.errors.activated.connect(self._open_error)
        el.addWidget(self.errors)
        self.no_errors = muted(QLabel(self.tr("No errors in recent runs."), errors_box))
        el.addWidget(self.no_errors)
        self.charts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        lay.addWidget(self.charts, 3)
        lay.addWidget(errors_box, 2)
        self._lay = lay

    def _open_error(self, index: QModelIndex) -> None:
        row = self.errors_model.rows[index.row()]
        if row.job_id:
            self.open_job_requested.emit(row.job_id)

    # -- data -----------------------------------------------------------------------------------------------------
    def apply(self, data) -> None:
        seen = set()
        for i, s in enumerate(data.summaries):
            seen.add(s.id)
            card = self.cards.get(s.id)
            if card is None:
                card = ConnectionCard(s, self.cards_box)
                card.sync_clicked.connect(self.sync_requested)
                card.cancel_clicked.connect(self.cancel_requested)
                card.reconnect_clicked.connect(self.reconnect_requested)
                card.job_clicked.connect(self.open_job_requested)
                card.conflicts_clicked.connect(self.conflicts_requested)
                self.cards[s.id] = card
            else:
                card.set_summary(s)
            self.cards_grid.addWidget(card, i // 3, i % 3)
        for cid in list(self.cards):
            if cid not in seen:
                self.cards.pop(cid).deleteLater()
        self.empty.setVisible(not data.summaries)
        self.sync_all.setEnabled(bool(data.summaries))
        names = {s.id: s.title for s in data.summaries}
        self.charts.set_runs(data.runs, names)
        self.errors_model.set_rows(data.errors)
        self.errors.setVisible(bool(data.errors))
        self.no_errors.setVisible(not data.errors)
        self._lay.setStretchFactor(self.errors_box, 2 if data.errors else 0)
        self.errors.resizeColumnToContents(ERR_CONNECTION)

    def set_schedule_text(self, text: str) -> None:
        self.schedule_label.setText(text)

    def on_sync_queued(self, job_id: str, connection_id: int) -> None:
        if card := self.cards.get(connection_id):
            card.mark_queued(job_id)

    def on_sync_started(self, job_id: str, connection_id: int) -> None:
        self._pending_progress.pop(connection_id, None)
        if card := self.cards.get(connection_id):
            card.mark_started(job_id)

    def on_sync_progress(self, job_id: str, connection_id: int, progress: float, processed: int, total: int) -> None:
        # At most ~4 repaints a second per card, however fast the pages come (benchmark 4 saw stalls otherwise).
        self._pending_progress[connection_id] = (job_id, progress, processed, total)
        if not self._progress_timer.isActive():
            self._progress_timer.start()

    def _flush_progress(self) -> None:
        pending, self._pending_progress = self._pending_progress, {}
        for connection_id, (job_id, progress, processed, total) in pending.items():
            if card := self.cards.get(connection_id):
                card.set_progress(job_id, progress, processed, total)

    def on_sync_finished(self, job_id: str, connection_id: int, _status: str) -> None:
        pending = self._pending_progress.get(connection_id)
        if pending and pending[0] == job_id:
            del self._pending_progress[connection_id]
        if (card := self.cards.get(connection_id)) and card.summary.running_job == job_id:
            card.mark_finished()

    def any_running(self) -> bool:
        return any(c.summary.running_job or c.summary.queued_job for c in self.cards.values())
