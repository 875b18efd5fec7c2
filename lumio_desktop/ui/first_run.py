"""Switching a running app into demo mode from the welcome page: the same sandbox `--sandbox` starts, started now, in
this loop, with its three demo accounts connected and synced. (A controller: the welcome page only emits a signal.)"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class DemoSwitch(QObject):
    started = Signal()
    failed = Signal(str)

    def __init__(self, controller, hub, *, receiver_url: str | None = None, closers: list | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self.hub = hub
        self.receiver_url = receiver_url
        self.closers = closers  # the app's async closers: the sandbox is closed after the engine, at quit
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        if self.task is None or self.task.done():
            self.task = asyncio.ensure_future(self._start())

    async def _start(self) -> None:
        from lumio_desktop.ui.demo_mode import start_sandbox

        c = self.controller
        vault = getattr(c, "vault", None)
        if vault is None:
            from lumio_desktop.auth.vault import TokenVault

            vault = c.vault = TokenVault.from_settings(c.settings)
        try:
            sandbox = await start_sandbox(c.store, c.settings, self.hub, vault)
        except Exception as e:  # noqa: BLE001 - shown on the welcome page, which stays usable
            log.exception("demo mode did not start")
            self.failed.emit(str(e))
            return
        if self.closers is not None:
            self.closers.insert(0, sandbox.aclose)  # closers run in reverse: the sandbox goes last, as at start-up
        sandbox.send_webhooks_to(self.receiver_url)
        c.sandbox = sandbox
        log.info("demo mode started from the welcome page on %s", sandbox.base_url)
        if sandbox.first_run and getattr(c, "service", None) is not None:
            c.sync_all()
        self.started.emit()


def install_demo_switch(window, controller, hub, *, receiver_url: str | None = None,
                        closers: list | None = None) -> DemoSwitch:
    """The welcome page's "Try it with demo data" starts demo mode in this app (app.py and the tests wire it alike)."""
    demo = DemoSwitch(controller, hub, receiver_url=receiver_url, closers=closers, parent=window)
    window.demo_requested.connect(demo.start)
    demo.failed.connect(window.welcome.set_failed)
    window.demo_switch = demo
    return demo
