"""The connection wizard's controller: sign-in (browser OAuth with a loopback catcher, or a static token), the
account precheck, saving the sync options, the first sync. Widgets call its plain methods; it runs the awaits and
answers with signals. Provider errors are passed on as the provider (and the auth layer) worded them."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from lumio_desktop.errors import LumioError
from lumio_desktop.ui.tr_text import tr_text

log = logging.getLogger(__name__)


def _words(e: BaseException) -> str:
    """In the UI language where the engine worded it; a provider's own words stay as they came."""
    return tr_text(getattr(e, "message", None) or str(e) or type(e).__name__)


class ConnectController(QObject):
    authorize_url = Signal(str)  # the browser was sent here (shown so a person can copy it)
    connected = Signal(object)  # ConnectionInfo
    failed = Signal(str)  # what went wrong, in the provider's words
    cancelled = Signal()
    precheck_done = Signal(object, object)  # Precheck, list of (object type, entity) the client syncs
    options_saved = Signal(int)
    first_sync_started = Signal(str)  # job id

    def __init__(self, controller, vault, *, transport=None, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self.store = controller.store
        self.hub = controller.hub
        self.vault = vault
        self.transport = transport
        self.flow = None
        self._task: asyncio.Task | None = None
        from lumio_desktop.auth import flow as flow_module

        self.open_browser = flow_module.open_browser  # tests play the browser here

    def _service(self):
        from lumio_desktop.auth.connections import ConnectionService

        return ConnectionService(self.store, self.vault, transport=self.transport)

    def _run(self, coro) -> None:
        self._task = self.controller._spawn(coro, self.tr("Connecting"))

    # -- sign-in --------------------------------------------------------------------------------------------------
    def start_oauth(self, provider: str, client_id: str, client_secret: str | None, *, name: str | None = None,
                    base_url: str | None = None, shop: str | None = None, reconnect: int | None = None) -> None:
        self._run(self._oauth(provider, client_id, client_secret, name, base_url, shop, reconnect))

    async def _oauth(self, provider, client_id, client_secret, name, base_url, shop, reconnect) -> None:
        from lumio_desktop.auth.errors import OAuthCancelled

        service = self._service()
        try:
            kw: dict[str, Any] = {"base_url": base_url or None, "shop": shop or None}
            if reconnect is None:
                self.flow = service.begin_oauth(provider, client_id, client_secret or None, name=name or None, **kw)
            else:
                from lumio_desktop.auth.flow import OAuthFlow

                self.flow = OAuthFlow(provider, client_id, client_secret or None, transport=self.transport, **kw)
            url = await self.flow.start()
            self.authorize_url.emit(url)
            if not self.open_browser(url):
                log.info("no browser could be opened; the wizard shows the address to copy")
            info = await (service.finish_oauth(self.flow, name=name or None) if reconnect is None
                          else service.finish_oauth(self.flow, reconnect=reconnect))
        except OAuthCancelled:
            self.cancelled.emit()
            return
        except (LumioError, OSError) as e:
            self.failed.emit(_words(e))
            return
        finally:
            if self.flow is not None:
                await self.flow.aclose()
                self.flow = None
        self.hub.publish("connections_changed")
        self.connected.emit(info)

    def cancel(self) -> None:
        if self.flow is not None:
            self.flow.cancel()

    def connect_static(self, provider: str, token: str, *, name: str | None = None, base_url: str | None = None,
                       shop: str | None = None) -> None:
        async def run():
            try:
                info = await asyncio.to_thread(lambda: self._service().create_static(
                    provider, token, name=name or None, base_url=base_url or None, shop=shop or None))
            except LumioError as e:
                self.failed.emit(_words(e))
                return
            self.hub.publish("connections_changed")
            self.connected.emit(info)

        self._run(run())

    def replace_static(self, connection_id: int, token: str) -> None:
        async def run():
            try:
                info = await asyncio.to_thread(lambda: self._service().replace_static(connection_id, token))
            except LumioError as e:
                self.failed.emit(_words(e))
                return
            self.hub.publish("connections_changed")
            self.connected.emit(info)

        self._run(run())

    def discard(self, connection_id: int) -> None:
        """Remove a connection the wizard made whose account check never passed (its token and row; it has no
        records yet)."""
        async def run():
            try:
                await self._service().disconnect(connection_id)
            except LumioError as e:
                log.warning("could not remove the unchecked connection %s: %s", connection_id, e)
                return
            self.hub.publish("connections_changed")

        self._run(run())

    # -- account summary ------------------------------------------------------------------------------------------
    def precheck(self, connection_id: int) -> None:
        self._run(self._precheck(connection_id))

    async def _precheck(self, connection_id: int) -> None:
        from lumio_desktop.store.models import Connection
        from lumio_desktop.sync.providers.base import Precheck
        from lumio_desktop.sync.providers.registry import build_client

        def load():
            with self.store.session() as s:
                return s.get(Connection, connection_id)

        conn = await asyncio.to_thread(load)
        client = None
        try:
            client = build_client(conn, self._service().auth_for(connection_id), transport=self.transport)
            result = await client.precheck()
            objects = [(o, client.entity_for(o)) for o in client.objects]
        except (LumioError, Exception) as e:  # noqa: BLE001 - the precheck's whole point is to say what is wrong
            result, objects = Precheck(False, _words(e)), []
        finally:
            if client is not None:
                await client.aclose()
        self.precheck_done.emit(result, objects)

    # -- options and first sync -----------------------------------------------------------------------------------
    def save_options(self, connection_id: int, *, objects: list[str] | None, schedule: str | None, strategy: str,
                     direction: str, enabled: bool = True) -> None:
        async def run():
            from lumio_desktop.store.models import Connection, Direction, Strategy

            def write():
                with self.store.session.begin() as s:
                    c = s.get(Connection, connection_id)
                    c.objects = objects or None
                    c.schedule = schedule or None
                    c.strategy = Strategy(strategy)
                    c.direction = Direction(direction)
                    c.enabled = enabled

            await asyncio.to_thread(write)
            self.hub.publish("connections_changed")
            self.options_saved.emit(connection_id)

        self._run(run())

    def start_first_sync(self, connection_id: int) -> None:
        service = self.controller.service
        if service is None:
            self.failed.emit(self.tr("The sync engine is not running in this window; the first sync starts with the "
                                     "app."))
            return
        from lumio_desktop.store.models import SyncType, Trigger

        job_id = service.submit(connection_id, SyncType.INITIAL, Trigger.USER)
        self.first_sync_started.emit(job_id)
