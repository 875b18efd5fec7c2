"""Demo mode (`lumio-desktop --sandbox`): the built-in sandbox of the three providers, served on loopback inside the
app's loop, with some activity; on the first run it connects one HubSpot, one Salesforce and one Shopify sandbox
account, so a new user sees a live app within seconds.

The sandbox listens on a new port each run; the sandbox connections (Connection.settings["sandbox"] = true) get the
new base URL at start-up. Their static tokens are derived from the sandbox's seed, so they stay valid.
"""

from __future__ import annotations

import asyncio
import logging
import socket

from sqlalchemy import select

from lumio_desktop.errors import LumioError

log = logging.getLogger(__name__)

DEMO_SEED = 0
DEMO_RECORDS = 400
DEMO_ACTIVITY = 6.0  # changes per minute, as if people were working in the providers
NAMES = {"hubspot": "HubSpot sandbox", "salesforce": "Salesforce sandbox", "shopify": "Shopify sandbox"}


class DemoSandbox:
    def __init__(self, server, task, base_url: str, world, first_run: bool):
        self._server = server
        self._task = task
        self.base_url = base_url
        self.world = world
        self.first_run = first_run

    async def aclose(self) -> None:
        self._server.should_exit = True
        await asyncio.gather(self._task, return_exceptions=True)


async def start_sandbox(store, settings, hub, vault) -> DemoSandbox:
    try:
        from lumio_desktop.sandbox import create_app
        from lumio_desktop.sandbox.config import SandboxConfig
    except ImportError as e:
        raise LumioError(f"demo mode needs the built-in sandbox, which this build lacks ({e})") from None
    import uvicorn

    from lumio_desktop.compat import EmbeddedServer

    app = create_app(SandboxConfig(seed=DEMO_SEED, records=DEMO_RECORDS, activity=DEMO_ACTIVITY, auto_approve=True))
    world = app.state.sandbox
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.setblocking(False)
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = EmbeddedServer(uvicorn.Config(app, lifespan="on", log_level="warning", access_log=False,
                                           timeout_graceful_shutdown=1))
    task = asyncio.ensure_future(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
            raise LumioError("the demo sandbox stopped while starting")
        await asyncio.sleep(0.01)
    first_run = await asyncio.to_thread(connect_accounts, store, vault, world.credentials(base_url), base_url)
    if hub is not None:
        hub.publish("connections_changed")
    log.info("demo sandbox on %s (first run: %s)", base_url, first_run)
    return DemoSandbox(server, task, base_url, world, first_run)


def connect_accounts(store, vault, creds: dict, base_url: str) -> bool:
    """Create the three sandbox connections when there are none; point existing ones at this run's URL.
    Returns True when it created them (the first run)."""
    from lumio_desktop.auth.connections import ConnectionService
    from lumio_desktop.store.models import Connection

    with store.session() as s:
        existing = [c for c in s.scalars(select(Connection)) if (c.settings or {}).get("sandbox")]
    service = ConnectionService(store, vault)
    if existing:
        with store.session.begin() as s:
            for c in s.scalars(select(Connection).where(Connection.id.in_([c.id for c in existing]))):
                c.base_url = base_url
        for c in existing:
            service.replace_static(c.id, creds[c.provider.value]["token"])
        return False
    with store.session() as s:
        if s.scalar(select(Connection.id).limit(1)) is not None:
            return False  # the person has real connections: demo mode only adds the sandbox, never mixes
    for provider in ("hubspot", "salesforce", "shopify"):
        info = service.create_static(provider, creds[provider]["token"], name=NAMES[provider], base_url=base_url,
                                     shop=creds["shopify"]["shop"] if provider == "shopify" else None)
        with store.session.begin() as s:
            c = s.get(Connection, info.id)
            c.settings = {**(c.settings or {}), "sandbox": True}
            if provider == "hubspot":
                c.settings = {**c.settings, "portal_id": creds["hubspot"]["portal_id"]}
                c.direction = c.direction.__class__("both")
            if provider == "salesforce":
                c.direction = c.direction.__class__("both")
    return True
