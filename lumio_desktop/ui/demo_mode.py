"""Demo mode (`lumio-desktop --sandbox`): the built-in sandbox of the three providers, served on loopback inside the
app's loop, with some activity; on the first run it connects one HubSpot, one Salesforce and one Shopify sandbox
account, so a new user sees a live app within seconds.

The sandbox listens on a new port each run; the sandbox connections (Connection.settings["sandbox"] = true) get the
new base URL at start-up. Their static tokens are derived from the sandbox's seed, so they stay valid.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging

from sqlalchemy import select

from lumio_desktop.errors import LumioError

log = logging.getLogger(__name__)

DEMO_SEED = 0
DEMO_RECORDS = 400
DEMO_ACTIVITY = 6.0  # changes per minute, as if people were working in the providers
NAMES = {"hubspot": "HubSpot sandbox", "salesforce": "Salesforce sandbox", "shopify": "Shopify sandbox"}


class DemoSandbox:
    def __init__(self, stack: contextlib.AsyncExitStack, running, first_run: bool):
        self._stack = stack
        self.base_url = running.base_url
        self.world = running.sandbox
        self.first_run = first_run

    def send_webhooks_to(self, receiver_url: str | None) -> None:
        """Let the sandbox's activity reach the app's webhook receiver, as the real providers would."""
        if receiver_url:
            self.world.add_webhook_target("hubspot", f"{receiver_url}/webhooks/hubspot")
            self.world.add_webhook_target("shopify", f"{receiver_url}/webhooks/shopify")

    async def aclose(self) -> None:
        await self._stack.aclose()


async def start_sandbox(store, settings, hub, vault) -> DemoSandbox:
    try:
        from lumio_desktop.sandbox import SandboxConfig, serve
    except ImportError as e:
        raise LumioError(f"demo mode needs the built-in sandbox, which this build lacks ({e})") from None

    stack = contextlib.AsyncExitStack()
    running = await stack.enter_async_context(serve(SandboxConfig(
        seed=DEMO_SEED, records=DEMO_RECORDS, activity=DEMO_ACTIVITY, auto_approve=True)))
    try:
        first_run = await asyncio.to_thread(connect_accounts, store, vault,
                                            running.sandbox.credentials(running.base_url), running.base_url)
    except BaseException:
        await stack.aclose()
        raise
    if hub is not None:
        hub.publish("connections_changed")
    log.info("demo sandbox on %s (first run: %s)", running.base_url, first_run)
    return DemoSandbox(stack, running, first_run)


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
            _keep_signing_secret(vault, c.id, creds[c.provider.value]["client_secret"])
        return False
    with store.session() as s:
        if s.scalar(select(Connection.id).limit(1)) is not None:
            return False  # the person has real connections: demo mode only adds the sandbox, never mixes
    for provider in ("hubspot", "salesforce", "shopify"):
        info = service.create_static(provider, creds[provider]["token"], name=NAMES[provider], base_url=base_url,
                                     shop=creds["shopify"]["shop"] if provider == "shopify" else None)
        _keep_signing_secret(vault, info.id, creds[provider]["client_secret"])
        with store.session.begin() as s:
            c = s.get(Connection, info.id)
            c.settings = {**(c.settings or {}), "sandbox": True}
            if provider == "hubspot":
                c.settings = {**c.settings, "portal_id": creds["hubspot"]["portal_id"]}
                c.direction = c.direction.__class__("both")
            if provider == "salesforce":
                c.direction = c.direction.__class__("both")
    return True


def _keep_signing_secret(vault, connection_id: int, secret: str) -> None:
    """Webhooks are signed with the app's client secret; the receiver reads it from the vault."""
    creds = vault.get(connection_id)
    if creds is not None and creds.client_secret != secret:
        vault.set(connection_id, dataclasses.replace(creds, client_secret=secret))
