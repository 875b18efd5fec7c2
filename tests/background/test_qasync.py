"""The background services on a qasync loop, as in the app: scheduler, receiver and alerts share Qt's loop.

Run in a child interpreter: a QApplication and a qasync loop created inside this pytest process would outlive the
test, and pytest-qt's processEvents() between later tests then crashes on the closed loop's leftovers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import asyncio, json, sys, time
import httpx, qasync
from PySide6.QtWidgets import QApplication
from lumio_desktop.auth.vault import Credentials, TokenVault
from lumio_desktop.config import load_settings
from lumio_desktop.store import open_store
from lumio_desktop.sync.background import Background
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.webhooks import hubspot_v3_signature
from tests.background.conftest import StubService, add_connection, until

settings = load_settings(data_dir=sys.argv[1], webhook_port=0)
store = open_store(settings)
vault = TokenVault.from_settings(settings)
cid = add_connection(store, settings={"portal_id": 9}, schedule="0 0 1 1 *")  # next run months away
vault.set(cid, Credentials(access_token="t", client_secret="qt-secret"))
service = StubService(store)

async def main():
    bg = Background(store, settings, EventHub(), service, vault=vault)
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
        assert r.status_code == 200, r.text
        await until(lambda: service.submitted)
        return service.submitted
    finally:
        await bg.aclose()

app = QApplication.instance() or QApplication([])
loop = qasync.QEventLoop(app)
with loop:
    print(json.dumps(loop.run_until_complete(main())))
'''


def test_background_runs_on_the_qt_loop(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "LUMIO_KEYRING_BACKEND": "lumio_desktop.auth.memory_keyring.MemoryKeyring"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [[1, "webhook", "webhook"]]
