"""Issue 10: in pt_BR, the engine's sentences (job errors, job log lines, rejected-record reasons, health reasons,
alerts, dedupe reasons) show in Portuguese on the pages, like the UI's own strings; a provider's own words stay as
the provider wrote them; the charts' day names follow the locale."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication

from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.jobs import DB_AT, DID_NOT_START, STORE_LOCKED
from lumio_desktop.sync.mapping.reasons import NOT_NUMBER
from lumio_desktop.sync.providers.words import SF_TROUBLE
from lumio_desktop.text import Text, parse
from lumio_desktop.ui.bridge import EventBridge
from lumio_desktop.ui.controller import AppController
from lumio_desktop.ui.demo import seed_demo
from lumio_desktop.ui.tr_text import tr_text
from lumio_desktop.ui.window import build_window
from tests.engine_words import stored_sentences, unworded
from tests.ui.conftest import until


def test_a_stored_sentence_shows_in_portuguese_with_its_values(pt_br):
    stored = str(DID_NOT_START(reason=STORE_LOCKED(db=DB_AT(path="/home/ana/lumio.db"))))  # as the store keeps it
    shown = tr_text(stored)
    assert shown != stored and "/home/ana/lumio.db" in shown
    assert shown == QCoreApplication.translate("engine", DID_NOT_START).format(
        reason=QCoreApplication.translate("engine", STORE_LOCKED).format(
            db=QCoreApplication.translate("engine", DB_AT).format(path="/home/ana/lumio.db")))
    # a field is shown by its label, a provider's words verbatim
    assert tr_text(str(NOT_NUMBER(field="annual_revenue", value='"doze mil"'))).startswith("Receita")
    said = "Service Unavailable: try later"
    assert said in tr_text(str(SF_TROUBLE(code=503, said=said)))
    # what no template makes (a provider's whole message, customer data) is shown as it is
    assert tr_text("INVALID_FIELD: No such column 'Foo__c'") == "INVALID_FIELD: No such column 'Foo__c'"


def test_every_engine_sentence_the_demo_shows_is_a_template_with_a_translation(pt_br, store):
    seed_demo(store, leads=30)
    assert not unworded(store.path)
    for sentence in stored_sentences(store.path):
        assert tr_text(sentence) != sentence, f"no pt_BR translation shows for {sentence!r}"


def test_the_pages_show_the_engine_sentences_in_portuguese(pt_br, store, settings, qtbot):
    seed_demo(store, leads=30)
    hub = EventHub()
    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub)
    win = build_window(controller, bridge)
    qtbot.addWidget(win)
    english = {s for s in stored_sentences(store.path)}

    # Dashboard: the cards' reasons and the recent errors
    data = controller.load_dashboard()
    controller.dashboard_ready.emit(data)
    cards = " ".join(c.reason.text() for c in win.dashboard.cards.values())
    assert "Salesforce" in cards and not [e for e in english if e in cards], cards
    errors = win.dashboard.errors_model
    shown = [errors.data(errors.index(r, 2)) for r in range(errors.rowCount())]
    assert shown and not [s for s in shown if any(e in s for e in english)], shown
    # Jobs: the detail of a run with rejected records (log lines and reasons)
    jobs = win.jobs
    jobs.model.reload()
    row = next(i for i, r in enumerate(jobs.model.rows) if r.failed and r.status == "completed")
    jobs.table.setCurrentIndex(jobs.model.index(row, 0))
    log = jobs.log.toPlainText()
    assert log and not [e for e in english if e in log], log
    rej = jobs.rejected_model
    reasons = [rej.data(rej.index(r, 2)) for r in range(rej.rowCount())]
    assert reasons and not set(reasons) & english, reasons
    assert all(isinstance(parse(e), Text) for e in english)


def test_the_chart_time_axis_names_days_in_the_ui_language(pt_br):
    import pyqtgraph.graphicsItems.DateAxisItem as m

    from lumio_desktop.ui.pages.dashboard import LocaleDateAxis

    axis = LocaleDateAxis(orientation="bottom")
    axis.zoomLevel = m.ZoomLevel([m.TickSpec(m.DAY_SPACING, m.makeSStepper(m.DAY_SPACING), "%a %d")], "Mon 30")
    sunday = time.mktime((2026, 11, 29, 12, 0, 0, 0, 0, -1))
    assert axis.tickStrings([sunday], 1, m.DAY_SPACING) == ["dom. 29"]


def test_the_job_detail_of_a_job_left_behind_is_not_shown(store, qtbot):
    """The detail is read off the Qt thread: a slow read for job A must not overwrite job B picked meanwhile."""
    from lumio_desktop.ui.pages.jobs import JobsPage

    seed_demo(store, leads=10)
    pending = []
    page = JobsPage(store, reader=lambda fn, on_done: pending.append((fn, on_done)))
    qtbot.addWidget(page)
    page.model.reload()
    a, b = page.model.rows[1], page.model.rows[2]
    page._show(a)
    page._show(b)
    (fn_a, done_a), (fn_b, done_b) = pending
    done_b(fn_b())
    text_b = page.log.toPlainText()
    done_a(fn_a())
    assert page.log.toPlainText() == text_b and page.current.id == b.id


def test_without_an_os_keychain_the_window_says_so_in_the_ui_language(pt_br, store, settings, qtbot):
    from lumio_desktop.auth.vault import NO_KEYCHAIN_MESSAGE

    win = build_window(AppController(store, settings, EventHub()), EventBridge(EventHub()))
    qtbot.addWidget(win)
    win.show()
    assert not win.status_keychain.isVisible()
    win.set_keychain_warning(NO_KEYCHAIN_MESSAGE)
    assert win.status_keychain.isVisible()
    assert "chaveiro" in win.status_keychain.text() and win.status_keychain.toolTip()


async def test_a_database_error_in_a_ui_task_is_worded_without_the_sql_or_its_values(store, settings):
    """A failed read or write of the UI says what happened and what to do, never SQLAlchemy's text (the statement
    and a page's values: a customer's email)."""
    import asyncio
    import sqlite3

    from sqlalchemy.exc import OperationalError

    controller = AppController(store, settings, EventHub())
    got = []
    controller.error.connect(lambda what, msg: got.append((what, msg)))

    async def locked():
        raise OperationalError("UPDATE leads SET email=? WHERE id=?", ("ana@acme.com.br", 7),
                               sqlite3.OperationalError("database is locked"))

    task = controller._spawn(locked(), "Saving the record")
    await asyncio.gather(task, return_exceptions=True)
    await asyncio.sleep(0)  # the task's done callback
    ((what, msg),) = got
    assert what == "Saving the record" and "locked by another program" in msg
    assert "ana@acme.com.br" not in msg and "UPDATE" not in msg and isinstance(parse(msg), Text)


def test_a_needs_reconnect_reason_shows_in_portuguese_inside_the_lights_sentence(pt_br):
    from datetime import UTC, datetime

    from lumio_desktop.sync.jobs import NO_OBJECT_TYPE
    from lumio_desktop.ui.health import HealthFacts, traffic_light

    stored = str(NO_OBJECT_TYPE(provider="HubSpot", unknown="tickets", available="contacts, deals"))
    v = traffic_light(HealthFacts(now=datetime.now(UTC), health="config_error", health_reason=stored))
    shown = tr_text(v.reasons[0])
    assert "tickets" in shown and "Reconecte" in shown and "has no object type" not in shown, shown


def test_a_dedupe_reason_shows_its_score_with_the_locales_decimal_mark(pt_br):
    from lumio_desktop.sync.dedupe import SIMILAR_LEAD

    shown = tr_text(str(SIMILAR_LEAD(score="0.93")))
    assert "0,93" in shown and "similar name" not in shown, shown


async def test_saving_a_record_on_a_locked_database_says_so_and_the_edit_is_not_lost_from_the_form(
        store, settings, monkeypatch, qtbot):
    """The edit is written in a worker thread; a locked database is worded (never the crash dialog with the SQL and
    the record's values); the form keeps what was typed, so Save can be pressed again."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    import lumio_desktop.store.edits as edits

    seed_demo(store, leads=10)
    controller = AppController(store, settings, EventHub())
    win = build_window(controller, EventBridge(EventHub()))
    qtbot.addWidget(win)
    errors, saved = [], []
    controller.error.connect(lambda t, m: errors.append(m))
    controller.record_saved.connect(lambda e, i: saved.append((e, i)))

    def locked(*_a, **_k):
        raise OperationalError("UPDATE leads SET job_title=? WHERE id=?", ("CRO", 3),
                               sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(edits, "edit_record", locked)
    win.show_page("records")
    await until(lambda: win.records.model.rows, what="the records page")  # read off the Qt thread
    win.records.table.selectRow(1)
    await until(lambda: "job_title" in win.records.detail.edits, what="the record's form")
    win.records.detail.edits["job_title"].setText("Chief Revenue Officer")
    win.records.detail.save.click()
    await until(lambda: errors, what="the error")
    assert errors and "locked by another program" in errors[0] and "UPDATE" not in errors[0] and not saved
    assert errors[0].endswith("try again")  # a person's save: try again, not "sync again"
    assert win.records.detail.edits["job_title"].text() == "Chief Revenue Officer"
    monkeypatch.undo()
    win.records.detail.save.click()
    await until(lambda: saved, what="the save")
    await controller.aclose()


def test_a_records_history_and_the_jobs_filter_speak_portuguese(pt_br, store, settings, qtbot):
    from lumio_desktop.store.models import Lead

    seed_demo(store, leads=10)
    with store.session() as s:
        ana = s.query(Lead).filter_by(email="ana@acme.com.br").one()
    win = build_window(AppController(store, settings, EventHub()), EventBridge(EventHub()))
    qtbot.addWidget(win)
    win.records.detail.show_record("lead", ana.id)
    h = win.records.detail.history
    by = [h.item(r, 4).text() for r in range(h.rowCount())]
    assert "você" in by and "you" not in by, by
    assert any("sincronização de HubSpot Acme BR" in b for b in by), by
    statuses = [win.jobs.status_filter.itemText(i) for i in range(win.jobs.status_filter.count())]
    assert "Concluída" in statuses and "Completed" not in statuses, statuses


def test_an_alert_in_the_status_bar_is_translated_elided_and_whole_on_hover(pt_br, store, settings, qtbot):
    from lumio_desktop.sync.alerts import SYNC_FAILED
    from lumio_desktop.sync.providers.words import GAVE_UP, SF_TROUBLE

    win = build_window(AppController(store, settings, EventHub()), EventBridge(EventHub()))
    qtbot.addWidget(win)
    stored = str(SYNC_FAILED(connection="Salesforce acme.my", reason=GAVE_UP(
        reason=SF_TROUBLE(code=503, said="Service Unavailable " * 10), n=5)))
    win._alert(1, "sync_failed", stored)
    assert win.status_alert.toolTip().startswith("Último alerta") and "A sincronização de" in win.status_alert.toolTip()
    assert win.status_alert.fontMetrics().horizontalAdvance(win.status_alert.text()) <= 480
