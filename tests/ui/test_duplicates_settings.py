"""Duplicates (find, preview, merge, undo over the dedupe API) and Settings (a connection's schedule and strategy;
thresholds written to settings.toml)."""

from __future__ import annotations

import asyncio
import tomllib

import pytest

from lumio_desktop.config import default_config_file
from lumio_desktop.store.models import Connection, Lead, Provider, RecordLink, Strategy
from lumio_desktop.sync.events import EventHub
from lumio_desktop.ui.bridge import EventBridge
from lumio_desktop.ui.controller import AppController
from lumio_desktop.ui.window import build_window
from tests.ui.conftest import signal_future, until


@pytest.fixture
async def env(store, settings, qtbot):
    hub = EventHub()
    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub)
    win = build_window(controller, bridge)
    qtbot.addWidget(win)
    win.show()
    yield store, controller, win
    win.shutdown()
    await controller.aclose()
    bridge.close()


def _seed(store):
    with store.session.begin() as s:
        hs = Connection(name="HubSpot Acme", provider=Provider.HUBSPOT, base_url="http://h.invalid")
        sf = Connection(name="Salesforce Acme", provider=Provider.SALESFORCE, base_url="http://s.invalid")
        s.add_all([hs, sf])
        s.flush()
        a = Lead(first_name="Ana", last_name="Souza", email="ana@acme.test", phone="+55 11 4000-1000")
        b = Lead(first_name="Ana", last_name="Souza", email="ANA@acme.test", company_name="Acme")
        c = Lead(first_name="Bruno", last_name="Lima", email="bruno@acme.test")
        s.add_all([a, b, c])
        s.flush()
        s.add(RecordLink(connection_id=hs.id, provider=Provider.HUBSPOT, object_type="contacts", external_id="1",
                         entity="lead", local_id=a.id))
        s.add(RecordLink(connection_id=sf.id, provider=Provider.SALESFORCE, object_type="Lead", external_id="00Q1",
                         entity="lead", local_id=b.id))
        return a.id, b.id, hs.id


async def test_duplicates_preview_merge_and_undo(env):
    store, controller, win = env
    a, b, _ = _seed(store)
    ready = signal_future(controller.duplicates_ready)
    win.show_page("duplicates")
    await asyncio.wait_for(ready, 5)
    page = win.duplicates
    assert len(page.groups) == 1 and page.groups[0].cross_provider
    assert win.nav.item(4).text() == "Duplicates  (1)"
    assert "1 provider link" in page.preview.text() and "#" in page.preview.text()

    changed = signal_future(controller.duplicates_changed)
    page.merge.click()
    await asyncio.wait_for(changed, 5)
    with store.session() as s:
        merged = {i: s.get(Lead, i).merged_into_id for i in (a, b)}
        survivor = a if merged[a] is None else b
        assert merged[a if survivor == b else b] == survivor
        # both provider links now point at the survivor
        assert {lk.local_id for lk in s.query(RecordLink).filter(RecordLink.entity == "lead")} == {survivor}
    await until(lambda: not page.groups and page.undo.isEnabled(), what="no groups, undo offered")

    changed = signal_future(controller.duplicates_changed)
    page.undo.click()
    await asyncio.wait_for(changed, 5)
    with store.session() as s:
        assert s.get(Lead, a).merged_into_id is None and s.get(Lead, b).merged_into_id is None
    await until(lambda: len(page.groups) == 1, what="the group is back")


async def test_settings_save_a_connection_and_thresholds(env):
    store, controller, win = env
    _a, _b, hs = _seed(store)
    win.show_page("settings")
    page = win.settings_page
    assert page.current_id == hs
    page.schedule.setCurrentIndex(page.schedule.findData("custom"))
    page.cron.setText("every day")
    page.save_conn.click()
    assert "not a cron expression" in page.conn_error.text()
    page.cron.setText("*/15 * * * *")
    page.strategy.setCurrentIndex(page.strategy.findData("provider"))
    saved = signal_future(controller.settings_saved)
    page.save_conn.click()
    await asyncio.wait_for(saved, 5)
    with store.session() as s:
        c = s.get(Connection, hs)
        assert c.schedule == "*/15 * * * *" and c.strategy == Strategy.PROVIDER

    page.rate.setValue(25.0)
    page.slow.setValue(600)
    page.save_app.click()
    data = tomllib.loads(default_config_file().read_text())
    assert data["alerts"] == {"slow_sync_seconds": 600.0, "error_rate": 0.25}
    assert controller.settings.alerts.error_rate == 0.25
