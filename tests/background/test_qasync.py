"""The background services on a qasync loop, as in the app: scheduler, receiver and alerts share Qt's loop."""

from __future__ import annotations

import asyncio
import json
import time

import httpx

from lumio_desktop.auth.vault import Credentials, TokenVault
from lumio_desktop.sync.background import Background
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.webhooks import hubspot_v3_signature
from tests.background.conftest import StubService, add_connection, until


def run_on_qasync(coro_fn):
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    try:
        return loop.run_until_complete(coro_fn())
    finally:
        loop.close()


def test_background_runs_on_the_qt_loop(store, settings, memory_keyring):
    vault = TokenVault(memory_keyring)
    cid = add_connection(store, settings={"portal_id": 9}, schedule="0 0 1 1 *")  # next run months away
    vault.set(cid, Credentials(access_token="t", client_secret="qt-secret"))
    service = StubService(store)

    async def main():
        bg = Background(store, settings.model_copy(update={"webhook_port": 0}), EventHub(), service, vault=vault)
        await bg.start(strict=True)
        try:
            # A wait of months would overflow qasync's int32-millisecond QTimer: the scheduler caps its sleep.
            assert bg.scheduler.next_run_time(cid).month == 1
            assert bg.scheduler._scheduler._timeout is not None
            body = json.dumps([{"eventId": 5, "subscriptionId": 1, "portalId": 9, "occurredAt": 1,
                                "objectId": 77, "subscriptionType": "deal.creation"}])
            ts = str(int(time.time() * 1000))
            url = f"{bg.receiver.url}/webhooks/hubspot"
            async with httpx.AsyncClient(timeout=5) as c:
                r = await c.post(url, content=body, headers={
                    "X-HubSpot-Signature-v3": hubspot_v3_signature("qt-secret", "POST", url, body, ts),
                    "X-HubSpot-Request-Timestamp": ts})
            assert r.status_code == 200
            await until(lambda: service.submitted)
            return service.submitted
        finally:
            await bg.aclose()
            await asyncio.sleep(0)

    assert run_on_qasync(main) == [(cid, "webhook", "webhook")]
