"""The connection wizard against the sandbox on a loopback socket: browser sign-in (OAuth code + PKCE through the
loopback catcher), the account check, options, and the first sync with progress."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.store.models import Connection, Direction, Strategy, SyncJob
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.events import EventHub
from lumio_desktop.ui.bridge import EventBridge
from lumio_desktop.ui.connect import ConnectController
from lumio_desktop.ui.controller import AppController
from lumio_desktop.ui.wizard import PAGE_ACCOUNT, PAGE_AUTH, PAGE_FIRST, PAGE_OPTIONS, ConnectionWizard
from tests.auth.helpers import Browser
from tests.ui.conftest import until

sandbox = pytest.importorskip("lumio_desktop.sandbox")


@contextlib.asynccontextmanager
async def wizard_env(store, settings, qtbot, **config):
    """Inside the test body, not a fixture: pytest-qt processes Qt events between a test and its fixtures'
    teardown, and qasync then steps asyncio tasks (the sandbox's uvicorn loop) while no loop is running, which
    kills them with "no running event loop". So every server is stopped before the test returns."""
    async with sandbox.serve(sandbox.SandboxConfig.for_tests(**{"records": 30, **config})) as sb:
        hub = EventHub()
        vault = TokenVault()
        service = SyncService(store, settings, hub, vault=vault)
        await service.start()
        bridge = EventBridge(hub)
        controller = AppController(store, settings, hub, service=service)
        cc = ConnectController(controller, vault)
        cc.open_browser = Browser()  # presses Approve on the sandbox's consent page
        wiz = ConnectionWizard(cc, bridge)
        qtbot.addWidget(wiz)
        wiz.show()
        yield sb, wiz, store, vault
        await controller.aclose()
        await service.aclose()
        bridge.close()


async def test_the_wizard_completes_an_oauth_connection(store, settings, qtbot):
    async with wizard_env(store, settings, qtbot) as env:
        await _complete_oauth(*env)


async def _complete_oauth(sb, wiz, store, vault):
    creds = sb.sandbox.credentials(sb.base_url)["hubspot"]
    p = wiz.provider_page
    assert p.provider == "hubspot" and p.oauth.isChecked()
    p.name.setText("Acme HubSpot")
    p.base_url.setText(sb.base_url)
    wiz.next()
    assert wiz.currentId() == PAGE_AUTH and not wiz.auth_page.isComplete()
    wiz.auth_page.client_id.setText(creds["client_id"])
    wiz.auth_page.client_secret.setText(creds["client_secret"])
    wiz.auth_page.sign_in.click()
    assert wiz.auth_page.waiting.isVisibleTo(wiz) and wiz.auth_page.cancel_button.isVisibleTo(wiz)

    await until(lambda: wiz.currentId() == PAGE_ACCOUNT, timeout=20, what="signed in")
    assert wiz.auth_page.error.text() == ""
    assert "/oauth/authorize" in wiz.auth_page.url.text() or "authorize" in wiz.auth_page.url.text()
    await until(wiz.account_page.isComplete, timeout=20, what="account precheck")
    assert wiz.account_page.result.ok

    wiz.next()
    assert wiz.currentId() == PAGE_OPTIONS
    objects = [cb.property("object") for cb in wiz.options_page.checks]
    assert "contacts" in objects
    wiz.options_page.strategy.setCurrentIndex(wiz.options_page.strategy.findData("last_modified"))
    wiz.next()
    assert wiz.currentId() == PAGE_FIRST
    await until(lambda: wiz.first_page.status is not None, timeout=60, what="first sync")
    assert wiz.first_page.status == "completed", wiz.first_page.label.text()

    with store.session() as s:
        conn = s.query(Connection).one()
        assert conn.name == "Acme HubSpot" and conn.auth_kind == "oauth"
        assert conn.strategy == Strategy.LAST_MODIFIED and conn.direction == Direction.BOTH
        job = s.get(SyncJob, wiz.first_page.job_id)
        assert job.processed_records > 0
    assert vault.get(conn.id).refresh_token


async def test_cancel_while_waiting_for_the_browser_saves_nothing(store, settings, qtbot):
    async with wizard_env(store, settings, qtbot) as env:
        await _cancel(*env)


async def _cancel(sb, wiz, store, _vault):
    creds = sb.sandbox.credentials(sb.base_url)["hubspot"]
    wiz.connect.open_browser = lambda url: True  # the person never answers in the browser
    wiz.provider_page.base_url.setText(sb.base_url)
    wiz.next()
    wiz.auth_page.client_id.setText(creds["client_id"])
    wiz.auth_page.client_secret.setText(creds["client_secret"])
    wiz.auth_page.sign_in.click()
    await until(lambda: wiz.auth_page.url.text() != "", what="authorize URL shown")
    wiz.auth_page.cancel_button.click()
    await until(lambda: "cancelled" in wiz.auth_page.error.text(), what="cancelled")
    assert wiz.currentId() == PAGE_AUTH and not wiz.auth_page.isComplete()
    with store.session() as s:
        assert s.query(Connection).count() == 0
    await asyncio.sleep(0)


async def test_a_denied_sign_in_shows_the_providers_words(store, settings, qtbot):
    async with wizard_env(store, settings, qtbot, auto_approve=False) as env:  # a consent page to refuse
        sb, wiz, store, _vault = env
        creds = sb.sandbox.credentials(sb.base_url)["hubspot"]
        wiz.connect.open_browser = Browser(decision="deny")  # the person presses Deny on the consent page
        wiz.provider_page.base_url.setText(sb.base_url)
        wiz.next()
        wiz.auth_page.client_id.setText(creds["client_id"])
        wiz.auth_page.client_secret.setText(creds["client_secret"])
        wiz.auth_page.sign_in.click()
        await until(lambda: wiz.auth_page.error.text() != "", timeout=20, what="the refusal")
        assert "denied" in wiz.auth_page.error.text().lower() or "access_denied" in wiz.auth_page.error.text()
        assert wiz.currentId() == PAGE_AUTH and wiz.auth_page.oauth_box.isVisibleTo(wiz)
        with store.session() as s:
            assert s.query(Connection).count() == 0


async def _bad_token_then_check_fails(sb, wiz):
    p = wiz.provider_page
    p.static.setChecked(True)
    p.name.setText("Acme HubSpot")
    p.base_url.setText(sb.base_url)
    wiz.next()
    wiz.auth_page.token.setText("pat-na1-not-a-real-token")
    wiz.auth_page.connect_button.click()
    await until(lambda: wiz.currentId() == PAGE_ACCOUNT, timeout=20, what="connected")
    await until(lambda: wiz.account_page.result is not None, timeout=20, what="account check")
    assert not wiz.account_page.result.ok and wiz.unchecked is not None
    return wiz.unchecked


async def test_a_token_that_fails_its_check_is_replaced_in_the_same_connection(store, settings, qtbot):
    """Back from a failed account check, a new token goes into the connection already made: never a second one."""
    async with wizard_env(store, settings, qtbot) as (sb, wiz, store, vault):
        first = await _bad_token_then_check_fails(sb, wiz)
        wiz.back()
        assert wiz.currentId() == PAGE_AUTH and wiz.auth_page.static_box.isVisibleTo(wiz)
        wiz.auth_page.token.setText(sb.sandbox.static_tokens["hubspot"])
        wiz.auth_page.connect_button.click()
        await until(lambda: wiz.currentId() == PAGE_ACCOUNT and wiz.account_page.result is not None
                    and wiz.account_page.result.ok, timeout=20, what="a good check")
        with store.session() as s:
            assert [c.id for c in s.query(Connection)] == [first]
        assert wiz.unchecked is None


async def test_cancelling_after_a_failed_check_leaves_no_connection_behind(store, settings, qtbot):
    async with wizard_env(store, settings, qtbot) as (sb, wiz, store, vault):
        made = await _bad_token_then_check_fails(sb, wiz)
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        quits = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # closing the only window must not stop the test's loop
        try:
            wiz.reject()

            def gone():
                with store.session() as s:
                    return s.query(Connection).count() == 0

            await until(gone, timeout=10, what="the unchecked connection removed")
        finally:
            app.setQuitOnLastWindowClosed(quits)
        assert vault.get(made) is None


def test_a_failed_first_sync_says_why_and_does_not_show_a_full_bar(store, settings, qtbot):
    from lumio_desktop.store.models import JobStatus, Provider
    from lumio_desktop.sync.jobs import NO_FIELD_MAP

    with store.session() as s, s.begin():
        c = Connection(name="x", provider=Provider.HUBSPOT, base_url="http://x.invalid")
        s.add(c)
        s.flush()
        s.add(SyncJob(id="j-1", connection_id=c.id, integration="hubspot", sync_type="initial", trigger="user",
                      status=JobStatus.FAILED, error_message=NO_FIELD_MAP(provider="hubspot", objects="tickets")))
        cid = c.id
    hub = EventHub()
    wiz = ConnectionWizard(ConnectController(AppController(store, settings, hub), TokenVault()), EventBridge(hub))
    qtbot.addWidget(wiz)
    page = wiz.first_page
    page.job_id = "j-1"
    page._finished("j-1", cid, "failed")
    assert page.bar.value() == 0 and "no field map for hubspot object type tickets" in page.error.text()
