"""The background services wired together: scheduler, webhook receiver, alerts and hygiene over one SyncService.

The app (app.py) and `lumio-sync daemon` both use this, so the two run exactly the same thing:

    bg = Background(store, settings, hub, service, vault=vault)
    await bg.start(paused=False)  # inside the running loop (qasync's in the app)
    bg.scheduler.pause() / .resume() / .paused / .next_run_time(connection_id) / .entries()
    bg.alerts.list() / .acknowledge(alert_id) / .acknowledge_all()
    bg.receiver.port / .url     # None when webhooks are off or the port could not be bound (see bg.receiver_error)
    await bg.aclose()

`BackgroundLock(settings.data_dir)`: take it first; when another process holds it (the app and a daemon on the same
data folder), do not start the services there (the daemon refuses to start; the app should say that the daemon runs
its schedules).

Start order: alerts first (a failure in the start-up catch-up must alert), then the receiver, the scheduler (whose
start catches up missed runs), and hygiene (once now in the background, then daily on the scheduler).
"""

from __future__ import annotations

import logging
from pathlib import Path

from lumio_desktop.errors import LumioError
from lumio_desktop.sync.alerts import AlertService
from lumio_desktop.sync.hygiene import HygieneService
from lumio_desktop.sync.scheduler import SyncScheduler
from lumio_desktop.sync.webhooks import EngineDispatch, WebhookReceiver

log = logging.getLogger(__name__)


class BackgroundLock:
    """One process at a time runs the background services on a data folder (the app or `lumio-sync daemon`): two
    would both fire every schedule and fight over the webhook port. An OS file lock, released by the kernel when the
    process dies, so a crash never leaves it stuck."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / "locks" / "background.lock"
        self._file = None

    def acquire(self) -> bool:
        from lumio_desktop.sync.jobs import _try_lock

        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+b")  # noqa: SIM115 - held while the services run
        if not _try_lock(f):
            f.close()
            return False
        self._file = f
        return True

    def release(self) -> None:
        if self._file is not None:
            from lumio_desktop.sync.jobs import _unlock

            _unlock(self._file)
            self._file.close()
            self._file = None


class Background:
    def __init__(self, store, settings, hub, service, *, vault=None, transport=None, webhooks: bool = True,
                 timezone=None):
        self.store = store
        self.settings = settings
        self.hub = hub
        self.service = service
        self.alerts = AlertService(store, settings, hub, vault=vault, transport=transport)
        self.scheduler = SyncScheduler(store, settings, hub, service, timezone=timezone)
        self.hygiene = HygieneService(store, hub, self.scheduler)
        self.dispatch = EngineDispatch(service)
        self.receiver: WebhookReceiver | None = (
            WebhookReceiver(store, settings, vault=vault, dispatch=self.dispatch, hub=hub) if webhooks else None)
        self.receiver_error: str | None = None
        self._started = False

    @property
    def webhook_port(self) -> int | None:
        return self.receiver.port if self.receiver is not None else None

    async def start(self, *, strict: bool = False, catch_up: bool = True, paused: bool = False) -> None:
        """`strict`: a webhook port that cannot be bound is an error (the daemon); else it is reported in
        `receiver_error` and the rest runs (the app shows the message). `paused`: the schedules start paused (the
        person's choice from last time); the start-up catch-up then waits for resume()."""
        await self.alerts.start()
        if self.receiver is not None:
            try:
                await self.receiver.start()
            except LumioError as e:
                if strict:
                    await self.alerts.aclose()
                    raise
                self.receiver_error = str(e)
                log.warning("%s", e)
                self.receiver = None
        await self.scheduler.start(catch_up=catch_up, paused=paused)
        await self.hygiene.start()
        self._started = True

    async def aclose(self) -> None:
        if self.receiver is not None:
            await self.receiver.aclose()
        await self.scheduler.aclose()
        await self.hygiene.aclose()
        await self.alerts.aclose()
        self._started = False
