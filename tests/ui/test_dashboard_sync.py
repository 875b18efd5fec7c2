"""The dashboard over the real engine (SyncService, job queue, writer thread, SQLite file) and the event bridge.
Provider reads come from the engine's in-test list client, so a test can hold a read at an exact page."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt

from lumio_desktop.store.models import JobStatus
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.errors import ConfigError
from lumio_desktop.sync.events import EventHub
from lumio_desktop.ui.bridge import EventBridge
from lumio_desktop.ui.controller import AppController
from lumio_desktop.ui.health import Light
from lumio_desktop.ui.window import build_window
from tests.sync.fakes import ListClient, add_connection, contact
from tests.ui.conftest import signal_future, until


@pytest.fixture
async def ui(store, settings, qtbot):
    hub = EventHub()
    clients: dict[int, ListClient] = {}
    service = SyncService(store, settings, hub, client_factory=lambda conn: clients[conn.id])
    await service.start()
    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub, service=service)
    win = build_window(controller, bridge)
    qtbot.addWidget(win)
    win.show()

    class Env:
        pass

    env = Env()
    env.store, env.hub, env.service, env.bridge, env.controller, env.win, env.clients = (
        store, hub, service, bridge, controller, win, clients)

    async def refresh():
        fut = signal_future(controller.dashboard_ready)
        controller.refresh_dashboard()
        await asyncio.wait_for(fut, 5)

    env.refresh = refresh
    yield env
    win.shutdown()
    await controller.aclose()
    await service.aclose()
    bridge.close()


def _client(n=30, page_size=10) -> ListClient:
    return ListClient({"contacts": [contact(i, modified=i + 1) for i in range(n)]}, page_size=page_size)


async def test_sync_now_turns_the_light_yellow_then_green_and_adds_a_bar(ui):
    cid = add_connection(ui.store, "Acme HubSpot")
    client = ui.clients[cid] = _client()
    client.block_at = {"contacts": 1}
    await ui.refresh()
    card = ui.win.dashboard.cards[cid]
    assert card.dot.light == Light.GREY and card.sync.isVisible()
    bars = ui.win.dashboard.charts.bar_count()

    finished = signal_future(ui.bridge.sync_finished)
    card.sync.click()
    await asyncio.wait_for(client.blocked.wait(), 5)
    await until(lambda: card.dot.light == Light.YELLOW, what="yellow light")
    assert card.state.text() == "Syncing" and card.cancel.isVisible() and not card.sync.isVisible()
    await until(lambda: card.progress.isVisible() and card.progress.value() > 0, what="progress")

    client.release.set()
    job_id, _cid, status = await asyncio.wait_for(finished, 5)
    assert status == "completed"
    await until(lambda: card.dot.light == Light.GREEN, what="green light")
    assert card.state.text() == "Synced" and "30 leads" in card.counts.text()
    assert ui.win.dashboard.charts.bar_count() == bars + 1
    assert not card.progress.isVisible() and card.sync.isVisible()


async def test_a_failed_sync_turns_it_red_with_the_reason(ui):
    cid = add_connection(ui.store, "Acme HubSpot")
    client = ui.clients[cid] = _client()
    client.fail_at = {"contacts": (1, ConfigError("HubSpot refused the token: the app was uninstalled from the "
                                                  "portal (invalid_grant)"))}
    await ui.refresh()
    card = ui.win.dashboard.cards[cid]
    finished = signal_future(ui.bridge.sync_finished)
    card.sync.click()
    _job, _cid, status = await asyncio.wait_for(finished, 5)
    assert status == "failed"
    await until(lambda: card.dot.light == Light.RED, what="red light")
    assert "uninstalled from the portal" in card.reason.text()
    errors = ui.win.dashboard.errors_model.rows
    await until(lambda: ui.win.dashboard.errors_model.rows, what="recent error")
    errors = ui.win.dashboard.errors_model.rows
    assert "uninstalled from the portal" in errors[0].message
    # The error opens its job.
    ui.win.dashboard.errors.doubleClicked.emit(ui.win.dashboard.errors_model.index(0, 0))
    assert ui.win.current_page() == "jobs"
    assert ui.win.jobs.current is not None and ui.win.jobs.current.id == errors[0].job_id
    assert ui.win.jobs.current.status == "failed"


async def test_cancel_stops_a_running_job(ui, qtbot):
    cid = add_connection(ui.store, "Acme HubSpot")
    client = ui.clients[cid] = _client()
    client.block_at = {"contacts": 1}
    await ui.refresh()
    card = ui.win.dashboard.cards[cid]
    card.sync.click()
    await asyncio.wait_for(client.blocked.wait(), 5)
    await until(lambda: card.cancel.isVisible(), what="cancel button")
    finished = signal_future(ui.bridge.sync_finished)
    qtbot.mouseClick(card.cancel, Qt.MouseButton.LeftButton)
    client.release.set()
    job_id, _cid, status = await asyncio.wait_for(finished, 5)
    assert status == "cancelled"
    await until(lambda: card.sync.isVisible() and not card.cancel.isVisible(), what="Sync Now again")
    assert card.dot.light != Light.YELLOW
    with ui.store.session() as s:
        from lumio_desktop.store.models import SyncJob

        job = s.get(SyncJob, job_id)
        assert job.status == JobStatus.CANCELLED and job.processed_records < 30
    # The jobs page shows it cancelled, and Run again is offered.
    ui.win.open_job(job_id)
    assert ui.win.jobs.current.status == "cancelled" and ui.win.jobs.again.isEnabled()


async def test_run_again_from_the_jobs_page_starts_a_new_job(ui):
    cid = add_connection(ui.store, "Acme HubSpot")
    ui.clients[cid] = _client(n=12)
    await ui.refresh()
    finished = signal_future(ui.bridge.sync_finished)
    ui.win.dashboard.cards[cid].sync.click()
    first, _cid, status = await asyncio.wait_for(finished, 5)
    assert status == "completed"
    ui.win.open_job(first)
    assert ui.win.jobs.again.isEnabled() and not ui.win.jobs.cancel.isEnabled()
    finished = signal_future(ui.bridge.sync_finished)
    ui.win.jobs.again.click()
    second, _cid, status = await asyncio.wait_for(finished, 5)
    assert second != first and status == "completed"
    await until(lambda: ui.win.jobs.model.rows and ui.win.jobs.model.rows[0].id == second, what="new job on top")
