"""The control API, the loopback server (in-loop and threaded) and `lumio-sync sandbox serve` as a process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import httpx
import pytest

from lumio_desktop.sandbox import SandboxConfig, SandboxThread, serve


async def test_control_api_state_mutate_faults_tokens(client, sb):
    light = (await client.get("/_sandbox/state", params={"provider": "shopify", "records": "false"})).json()
    assert "record" not in light["shopify"]["customers"][0]
    state = (await client.get("/_sandbox/state", params={"provider": "hubspot", "object": "contacts"})).json()
    rows = state["hubspot"]["contacts"]
    assert len(rows) == len(sb.records("hubspot", "contacts", archived=None))
    assert any(r["archived"] for r in rows) and {"id", "deleted", "modified", "record"} <= set(rows[0])
    r = await client.post("/_sandbox/mutate", json={"provider": "salesforce", "object": "Lead", "op": "create",
                                                    "fields": {"LastName": "Ctl", "Company": "C"}, "modified": 5000})
    lead = r.json()
    assert lead["modified"] == 5000 and lead["record"]["LastName"] == "Ctl"
    r = await client.post("/_sandbox/mutate", json={"provider": "salesforce", "object": "Lead", "op": "delete",
                                                    "id": lead["id"]})
    assert r.json()["deleted"] is True
    r = await client.post("/_sandbox/mutate", json={"provider": "hubspot", "object": "contacts",
                                                    "op": "create_many", "count": 3, "modified": 7})
    assert len(r.json()["ids"]) == 3
    r = await client.post("/_sandbox/mutate", json={"provider": "nope"})
    assert r.status_code == 400 and "provider" in r.json()["error"]
    r = await client.post("/_sandbox/faults", json={"spec": "shopify:503x1"})
    assert r.json()["faults"][0]["kind"] == "503"
    assert (await client.post("/_sandbox/faults", json={"spec": "bogus"})).status_code == 400
    assert (await client.delete("/_sandbox/faults")).json() == {"faults": []}
    assert (await client.post("/_sandbox/tokens/expire", json={"provider": "hubspot"})).json()["affected"] >= 1
    r = await client.get("/crm/v3/objects/contacts",
                         headers={"Authorization": f"Bearer {sb.static_tokens['hubspot']}"})
    assert r.status_code == 401
    counts = (await client.get("/_sandbox/requests")).json()["counts"]
    assert counts["GET /crm/v3/objects/{object}"] == 1
    r = await client.post("/_sandbox/config", json={"hubspot_index_delay": 3})
    assert r.json()["hubspot_index_delay"] == 3
    assert (await client.post("/_sandbox/config", json={"seed": 9})).status_code == 400
    assert (await client.post("/_sandbox/clock", json={"advance": 60})).json()["offset"] == 60
    creds = (await client.get("/_sandbox/credentials")).json()
    assert creds["salesforce"]["instance_url"] == "http://sandbox.test"


async def test_serve_on_a_real_socket_and_reset_fault():
    async with serve(SandboxConfig.for_tests(records=10)) as running:
        sb = running.sandbox
        assert running.base_url.startswith("http://127.0.0.1:")
        h = {"X-Shopify-Access-Token": sb.static_tokens["shopify"]}
        async with httpx.AsyncClient(base_url=running.base_url) as c:
            r = await c.get("/admin/api/2025-07/customers/count.json", headers=h)
            assert r.json()["count"] == len(sb.records("shopify", "customers"))
            sb.faults.add("shopify", "reset", count=1)
            with pytest.raises(httpx.TransportError):
                await c.get("/admin/api/2025-07/customers.json", headers=h)
            assert (await c.get("/admin/api/2025-07/customers.json", headers=h)).status_code == 200


def test_sandbox_thread_for_sync_code():
    with SandboxThread(SandboxConfig.for_tests(records=10)) as t:
        h = {"Authorization": f"Bearer {t.sandbox.static_tokens['salesforce']}"}
        r = httpx.get(t.base_url + "/services/data/v59.0/query", params={"q": "SELECT Id FROM Account"}, headers=h)
        assert r.status_code == 200
        change = t.run(t.sandbox.emit_change("salesforce", "Account", "create"))
        assert t.sandbox.get("salesforce", "Account", change["id"]) is not None
        rec = t.call(t.sandbox.create, "salesforce", "Account", {"Name": "From the test thread"})
        r = httpx.get(t.base_url + f"/services/data/v59.0/sobjects/Account/{rec.id}", headers=h)
        assert r.json()["Name"] == "From the test thread"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_cli_serve_prints_credentials_then_exits_0_on_signal(sig):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "lumio_desktop.cli", "sandbox", "serve", "--records", "20",
                             "--seed", "5", "--faults", "hubspot:500@0.0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        info = json.loads(line)
        assert set(info) >= {"base_url", "hubspot", "salesforce", "shopify"}
        assert {"token", "client_id", "client_secret"} <= set(info["hubspot"])
        assert {"shop", "token", "client_id", "client_secret"} <= set(info["shopify"])
        r = httpx.get(info["base_url"] + "/crm/v3/objects/contacts",
                      headers={"Authorization": f"Bearer {info['hubspot']['token']}"})
        assert r.status_code == 200  # accepting connections as soon as the line is out
        proc.send_signal(sig)
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_cli_rejects_a_bad_fault_spec(capsys):
    from lumio_desktop.cli import main

    assert main(["sandbox", "serve", "--faults", "hubspot:418"]) == 2
    err = capsys.readouterr().err
    assert "fault" in err and "Traceback" not in err


def test_same_seed_same_credentials():
    from lumio_desktop.sandbox import Sandbox

    a, b, c = Sandbox(SandboxConfig(seed=1, records=5)), Sandbox(SandboxConfig(seed=1, records=5)), Sandbox(
        SandboxConfig(seed=2, records=5))
    assert a.credentials("x") == b.credentials("x") != c.credentials("x")


async def test_activity_loop_makes_changes_and_delivers_webhooks():
    import asyncio

    received: list[bytes] = []

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def hook(request: Request) -> Response:
        received.append(await request.body())
        return Response(status_code=200)

    receiver = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    async with serve(SandboxConfig.for_tests(records=20, activity=1200)) as running:  # one change every 50 ms
        sb = running.sandbox
        sb.webhook_transport = httpx.ASGITransport(app=receiver)
        sb.add_webhook_target("hubspot", "https://receiver.test/hook")
        sb.add_webhook_target("shopify", "https://receiver.test/hook")
        for _ in range(100):
            await asyncio.sleep(0.05)
            if len(received) >= 2:
                break
        assert len(received) >= 2


async def test_extra_endpoints_the_clients_use(client, sb, hs, sf, sh):
    owners = (await client.get("/crm/v3/owners", headers=hs)).json()["results"]
    assert {o["id"] for o in owners} >= {r.data["hubspot_owner_id"] for r in sb.records("hubspot", "contacts")
                                         if "hubspot_owner_id" in r.data}
    stages = (await client.get("/crm/v3/pipelines/deals", headers=hs)).json()["results"][0]["stages"]
    assert "closedwon" in {s["id"] for s in stages}
    assert (await client.get("/account-info/v3/details", headers=hs)).json()["portalId"] == sb.hubspot_portal_id
    assert (await client.get("/services/oauth2/userinfo", headers=sf)).json()["organization_id"] == sb.salesforce_org_id
    assert (await client.get("/admin/api/2025-07/shop.json", headers=sh)).json()["shop"]["myshopify_domain"] == \
        sb.config.shopify_shop
    # rate_limits=False (for_tests): nothing enforced, nothing advertised
    r = await client.get("/crm/v3/objects/contacts", headers=hs)
    assert not any(k.lower().startswith("x-hubspot-ratelimit") for k in r.headers)
    r = await client.get("/admin/api/2025-07/customers.json", headers=sh)
    assert "x-shopify-shop-api-call-limit" not in r.headers


def test_cli_busy_port_is_a_one_line_error(capsys):
    import socket

    from lumio_desktop.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["sandbox", "serve", "--port", str(port), "--records", "1"]) == 2
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}" in err and "Traceback" not in err
