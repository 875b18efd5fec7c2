"""Lazy models page through big tables; the tray colours itself by the worst light; the window remembers its
geometry and closes to the tray when one is shown."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from lumio_desktop.store.models import Connection, Lead, Provider, SyncJob
from lumio_desktop.sync.events import EventHub
from lumio_desktop.ui.bridge import EventBridge
from lumio_desktop.ui.controller import AppController
from lumio_desktop.ui.demo import seed_demo
from lumio_desktop.ui.health import Light
from lumio_desktop.ui.pages import jobs, records
from lumio_desktop.ui.tray import Tray
from lumio_desktop.ui.window import build_window


def _bulk(store, n_jobs=450, n_leads=1200) -> None:
    now = datetime.now(UTC)
    with store.session.begin() as s:
        c = Connection(name="x", provider=Provider.HUBSPOT, base_url="http://x.invalid")
        s.add(c)
        s.flush()
        s.execute(insert(SyncJob), [dict(id=str(uuid.uuid4()), connection_id=c.id, integration="hubspot",
                                         sync_type="incremental", trigger="schedule", status="completed",
                                         created_at=now - timedelta(minutes=i)) for i in range(n_jobs)])
        s.execute(insert(Lead), [dict(first_name=f"First{i}", last_name=f"Last{i}", email=f"p{i}@x.test")
                                 for i in range(n_leads)])


def test_jobs_model_pages_newest_first_and_finds_an_old_job(store, qtbot):
    _bulk(store)
    page = jobs.JobsPage(store)
    qtbot.addWidget(page)
    page.reload()
    m = page.model
    assert len(m.rows) == jobs.PAGE and m.canFetchMore()
    assert all(a.created_at >= b.created_at for a, b in zip(m.rows, m.rows[1:], strict=False))
    oldest = store.session().query(SyncJob).order_by(SyncJob.created_at).first().id
    assert page.select_job(oldest)  # fetches pages until it is there
    assert len(m.rows) == 450 and not m.canFetchMore() and page.current.id == oldest


def test_records_model_pages_and_searches(store, qtbot):
    _bulk(store)
    page = records.RecordsPage(store)
    qtbot.addWidget(page)
    page.reload()
    assert len(page.model.rows) == records.PAGE and page.model.canFetchMore()
    page.model.fetchMore()
    assert len(page.model.rows) == 1000
    page.search.setText("p1199@")
    page.reload()
    assert [r[0] for r in page.model.rows] and page.model.rows[0][page.model.columnCount() - 7] is not None
    assert len(page.model.rows) == 1 and "matching" in page.count.text()


def test_tray_is_coloured_by_the_worst_light_and_the_window_closes_to_it(store, settings, qtbot):
    seed_demo(store, leads=30)
    hub = EventHub()
    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub)
    win = build_window(controller, bridge)
    qtbot.addWidget(win)
    tray = Tray(win, controller, bridge)
    data = controller.load_dashboard()
    controller.dashboard_ready.emit(data)
    assert tray.light == Light.RED  # the demo's Shopify needs reconnecting
    assert "needs reconnect" in tray.icon.toolTip().lower()
    # the tray's menu
    assert [a.text() for a in tray.menu.actions() if a.text()] == ["Sync all now", "Open Lumio",
                                                                  "Pause scheduled syncs", "Quit"]
    # with a tray, closing hides the window (schedules keep running); without, it quits
    win.show()
    win.tray_available = True
    quits = []
    win.quit_requested.connect(lambda: quits.append(1))
    win.close()
    assert not win.isVisible() and quits == []
    win.show()
    win.tray_available = False
    win.close()
    assert quits == [1]
    tray.hide()
    tray.deleteLater()
    bridge.close()


def test_window_geometry_is_remembered(store, settings, qtbot):
    hub = EventHub()
    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub)
    win = build_window(controller, bridge)
    qtbot.addWidget(win)
    win.show()
    win.resize(700, 520)  # within the offscreen screen (800x600): restoreGeometry clamps to it
    saved = (win.size().width(), win.size().height())
    assert saved[1] == 520
    win.move(40, 50)
    win.save_geometry()
    again = build_window(controller, bridge)
    qtbot.addWidget(again)
    # the width depends on the pages' minimum and the offscreen screen's 800 px; the height is what we chose
    assert again.size().height() == saved[1]
    bridge.close()


def test_help_menu_opens_the_logs_folder(store, settings, qtbot):
    from PySide6.QtCore import QObject, Slot
    from PySide6.QtGui import QDesktopServices

    class Catcher(QObject):
        def __init__(self):
            super().__init__()
            self.urls = []

        @Slot("QUrl")
        def open(self, url):
            self.urls.append(url.toLocalFile())

    hub = EventHub()
    bridge = EventBridge(hub)
    win = build_window(AppController(store, settings, hub), bridge)
    qtbot.addWidget(win)
    catcher = Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        assert win.act_logs in win.help_menu.actions() and win.act_logs.text() == "Open logs folder"
        win.act_logs.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert catcher.urls == [str(settings.log_dir)] and settings.log_dir.is_dir()
    bridge.close()
