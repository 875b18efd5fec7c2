"""Editing a record from the Records page (through the store's edit API: history, pushed later), and the card
of a connection that needs reconnecting."""

from __future__ import annotations

import pytest

from lumio_desktop.store.models import Lead, RecordEdit
from lumio_desktop.sync.events import EventHub
from lumio_desktop.ui.bridge import EventBridge
from lumio_desktop.ui.controller import AppController
from lumio_desktop.ui.demo import seed_demo
from lumio_desktop.ui.health import Light
from lumio_desktop.ui.window import build_window


@pytest.fixture
def win(store, settings, qtbot):
    seed_demo(store, leads=40)
    hub = EventHub()
    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub)
    w = build_window(controller, bridge)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()
    bridge.close()


def test_edit_a_record_records_history_and_marks_it_for_push(win, store):
    win.show_page("records")
    page = win.records
    page.table.selectRow(2)
    detail = page.detail
    lead_id = detail.local_id
    detail.edits["job_title"].setText("Chief Revenue Officer")
    detail.edits["city"].setText("Recife")
    assert set(detail.changes()) == {"job_title", "city"}
    detail.save.click()
    with store.session() as s:
        lead = s.get(Lead, lead_id)
        assert lead.job_title == "Chief Revenue Officer" and lead.dirty and lead.local_modified_by == "you"
        fields = {e.field for e in s.query(RecordEdit).filter_by(entity="lead", local_id=lead_id, source="edit")}
        assert {"job_title", "city"} <= fields
    assert "History (" in detail.tabs.tabText(2) and detail.history.rowCount() >= 2
    row = page.model.row_of(lead_id)
    assert page.model.data(page.model.index(row, 0)) == "✎"


def test_a_bad_value_is_refused_with_the_field_named(win, store, monkeypatch):
    win.show_page("records")
    page = win.records
    page.kind.setCurrentIndex(2)  # deals
    page.table.selectRow(0)
    shown = []
    monkeypatch.setattr(win, "_show_error", lambda title, text: shown.append((title, text)))
    win.controller.error.disconnect()
    win.controller.error.connect(win._show_error)
    page.detail.edits["amount"].setText("lots")
    page.detail.save.click()
    assert shown and "amount" in shown[0][1]


def test_needs_reconnect_card_offers_reconnect_not_sync(win, qtbot):
    win._dashboard_ready(win.controller.load_dashboard())
    qtbot.wait(10)  # a card added to a shown layout is shown by a queued call
    shopify = next(c for c in win.dashboard.cards.values() if c.summary.provider == "shopify")
    assert shopify.dot.light == Light.RED and shopify.state.text() == "Needs reconnect"
    assert shopify.reconnect.isVisibleTo(win) and not shopify.sync.isVisibleTo(win)
    assert "invalid_grant" in shopify.reason.text()
    hubspot = next(c for c in win.dashboard.cards.values() if c.summary.provider == "hubspot")
    assert hubspot.dot.light == Light.YELLOW and hubspot.review.isVisibleTo(win)  # 1 open conflict


async def test_search_reads_in_a_worker_thread_and_keeps_only_the_newest_answer(win):
    import threading

    from tests.ui.conftest import until

    page = win.records
    threads = []
    real = win.controller.read

    def spy(fn, on_done):
        def wrapped():
            threads.append(threading.current_thread())
            return fn()

        real(wrapped, on_done)

    page.reader = spy
    win.show_page("records")
    await until(lambda: len(page.model.rows) > 0, what="first page")
    page.search.setText("zzz-no-such-person")
    page.reload()
    page.search.setText("Souza")
    page.reload()
    await until(lambda: "matching" in page.count.text(), what="search answered")
    assert page.model.search == "Souza" and page.model.rows
    assert all(t is not threading.main_thread() for t in threads)


def test_the_records_page_loads_and_sizes_its_columns_when_first_shown(win):
    """The window's "loaded once" flag used to share its name with RecordsPage._loaded (a method, always true), so
    the page was never loaded on first show, only by a later refresh, and its columns kept Qt's 100 px."""
    win.show_page("records")
    assert win.records.model.rows and win.records.table.columnWidth(0) == 26


def test_a_cards_success_rate_also_says_how_many_recent_runs_failed(win, qtbot):
    """The rate counts records, and a run that failed before reading any is not in it: 100% beside a red light
    misled; the card says how many of the recent runs failed."""
    win._dashboard_ready(win.controller.load_dashboard())
    qtbot.wait(10)
    shopify = next(c for c in win.dashboard.cards.values() if c.summary.provider == "shopify")
    assert "1 of the last 10 runs failed" in shopify.rate.text(), shopify.rate.text()
    hubspot = next(c for c in win.dashboard.cards.values() if c.summary.provider == "hubspot")
    assert "failed" not in hubspot.rate.text()
