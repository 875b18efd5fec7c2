"""Faulty requests on a real loopback socket, for the two kinds the in-process transport can only imitate: a `reset`
really cuts the connection after the headers (uvicorn drops it mid-body) and a `timeout` is a real client-side read
timeout (the sandbox holds the request longer than the client waits), not a 504. 10% of requests (reset, timeout and,
beside them, a truncated body), one seed per provider."""

from __future__ import annotations

import httpx
import pytest

from lumio_desktop.auth.connections import ConnectionService
from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.sandbox import SandboxConfig, serve
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.events import EventHub
from tests.engine_words import unworded
from tests.sync.sandbox_helpers import differences

from .test_random_faults import assert_clear, spec
from .world import PROVIDERS, SMALL_PAGES, fast_retry, whole_store_problems

CLIENT_TIMEOUT = 0.5  # the client waits this long for an answer...
HELD = 1.5  # ...while a `timeout` fault holds the request this long
LOOPBACK_KINDS = ("reset", "timeout", "malformed")
SEEDS = {"hubspot": 404, "salesforce": 404, "shopify": 406}  # seeds whose draws include a socket fault


@pytest.mark.parametrize("provider", PROVIDERS)
async def test_ten_percent_faults_over_a_real_socket(store, settings, provider):
    config = SandboxConfig.for_tests(records=300, seed=SEEDS[provider], faults=spec(provider, 0.10, LOOPBACK_KINDS),
                                      fault_timeout_seconds=HELD)
    async with serve(config) as running:
        sb = running.sandbox
        vault = TokenVault()
        creds = sb.credentials(running.base_url)[provider]
        cid = ConnectionService(store, vault).create_static(provider, creds["token"], name=provider,
                                                            base_url=running.base_url, shop=creds.get("shop")).id
        service = SyncService(store, settings, EventHub(), vault=vault, client_options={
            "retry": fast_retry(), "timeout": httpx.Timeout(CLIENT_TIMEOUT, connect=2.0), **SMALL_PAGES})
        await service.start()
        try:
            m = await service.run(cid, "initial", "cli")
            fired = {f"{r.kind}": r.fired for r in sb.faults.rules}
            print(provider, m.status, m.api_calls, fired, m.error_message)
            assert fired["reset"] + fired["timeout"] > 0, "no socket fault was drawn: the test proved nothing"
            assert whole_store_problems(store, cid, m.job_id) == []
            if m.status == "failed":
                assert_clear(m.error_message, provider)
                sb.faults.clear()
                m = await service.run(cid, "manual", "user")
            assert m.status == "completed", m.error_message
            assert whole_store_problems(store, cid) == []
            assert differences(store, cid, provider, sb.state(provider)[provider]) == []
            assert sb.internal_errors == []
            assert not unworded(store.path), unworded(store.path)  # every stored sentence is a template
        finally:
            await service.aclose()
