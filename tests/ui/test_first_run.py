"""First run (issue 10): with no connections the welcome page stands in for the empty dashboard; "Connect an account"
opens the wizard; "Try it with demo data" starts the built-in sandbox in this app and connects its three demo
accounts; it never shows in demo mode or once a connection exists. And the language choice in Settings."""

from __future__ import annotations

import asyncio
import tomllib

import pytest
from PySide6.QtCore import Qt

from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.config import default_config_file
from lumio_desktop.store.models import Connection, Provider
from lumio_desktop.sync.events import EventHub
from lumio_desktop.ui.bridge import EventBridge
from lumio_desktop.ui.controller import AppController
from lumio_desktop.ui.first_run import install_demo_switch
from lumio_desktop.ui.window import build_window
from tests.ui.conftest import signal_future, until


@pytest.fixture
async def env(store, settings, qtbot):
    hub = EventHub()
    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub)
    controller.vault = TokenVault()
    win = build_window(controller, bridge)
    qtbot.addWidget(win)
    win.show()
    yield store, controller, win, hub
    win.shutdown()
    await controller.aclose()
    bridge.close()


async def test_first_run_shows_welcome_and_connect_opens_the_wizard(env, qtbot):
    store, controller, win, _hub = env
    win._dashboard_ready(controller.load_dashboard())
    assert win.welcome_shown() and win.welcome.isVisible()
    qtbot.mouseClick(win.welcome.connect, Qt.MouseButton.LeftButton)
    assert win.wizard.isVisible()
    win.wizard.reject()
    # Cancelled: still no connection, still welcome.
    win._dashboard_ready(controller.load_dashboard())
    assert win.welcome_shown()
    # "Not now" shows the (empty) dashboard and the welcome stays away.
    qtbot.mouseClick(win.welcome.skip, Qt.MouseButton.LeftButton)
    assert not win.welcome_shown() and win.dashboard.isVisible()
    win._dashboard_ready(controller.load_dashboard())
    assert not win.welcome_shown()


async def test_no_welcome_with_a_connection_or_in_demo_mode(env):
    store, controller, win, _hub = env
    controller.sandbox = object()  # started with --sandbox
    win._dashboard_ready(controller.load_dashboard())
    assert not win.welcome_shown()
    controller.sandbox = None
    with store.session.begin() as s:
        s.add(Connection(name="HubSpot Acme", provider=Provider.HUBSPOT, base_url="http://h.invalid"))
    win._dashboard_ready(controller.load_dashboard())
    assert not win.welcome_shown() and win.dashboard.isVisible()


async def test_try_it_with_demo_data_starts_the_sandbox_and_connects_three_accounts(env, qtbot):
    pytest.importorskip("lumio_desktop.sandbox")
    store, controller, win, hub = env
    closers: list = []
    demo = install_demo_switch(win, controller, hub, closers=closers)
    win._dashboard_ready(controller.load_dashboard())
    assert win.welcome_shown()
    started = signal_future(demo.started)
    qtbot.mouseClick(win.welcome.demo, Qt.MouseButton.LeftButton)
    assert not win.welcome.demo.isEnabled()  # busy, says what it does
    assert win.welcome.status.text()
    try:
        await asyncio.wait_for(started, 60)
        assert controller.sandbox is not None and len(closers) == 1
        with store.session() as s:
            rows = sorted((c.provider.value, c.name, (c.settings or {}).get("sandbox"))
                          for c in s.query(Connection))
        assert rows == [("hubspot", "HubSpot sandbox", True), ("salesforce", "Salesforce sandbox", True),
                        ("shopify", "Shopify sandbox", True)]
        # connections_changed -> the dashboard is read again -> it has cards now: the welcome steps aside.
        await until(lambda: not win.welcome_shown() and len(win.dashboard.cards) == 3, timeout=10,
                    what="the dashboard with three cards replaces the welcome page")
    finally:
        for close in reversed(closers):  # servers stop inside the test body (see tests/ui/test_wizard.py)
            await close()


async def test_the_language_choice_is_saved_for_the_next_start(env):
    store, controller, win, _hub = env
    saved = []
    controller.settings_saved.connect(lambda: saved.append(True))
    win.show_page("settings")
    page = win.settings_page
    assert page.language.currentData() == ""  # the system's
    page.language.setCurrentIndex(page.language.findData("pt_BR"))
    page.save_app.click()
    await until(lambda: saved, what="settings saved")
    assert tomllib.loads(default_config_file().read_text())["language"] == "pt_BR"
    assert page.language.currentData() == "pt_BR"  # the page reloaded and still shows the choice
    assert "next start" in page.app_note.text()
    page.language.setCurrentIndex(page.language.findData(""))
    page.save_app.click()
    await until(lambda: len(saved) == 2, what="saved again")
    assert "language" not in tomllib.loads(default_config_file().read_text())
