"""The one place engine events become Qt signals.

The engine publishes plain-Python events on `EventHub` from whatever thread it is on (the loop, or the writer
thread). Each handler here only enqueues: an internal signal with a *queued* connection carries the event to the
bridge's own thread (the Qt thread), where the public signal is emitted. So widgets never run inside a publisher's
call stack, and never on a foreign thread.

Progress is coalesced per job: however fast the engine publishes, at most one progress event per job waits in the Qt
queue, and it carries the newest numbers.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from lumio_desktop.sync.events import EVENTS, EventHub


class EventBridge(QObject):
    sync_queued = Signal(str, int)  # job_id, connection_id
    sync_started = Signal(str, int)
    sync_progress = Signal(str, int, float, int, int)  # job_id, connection_id, progress 0..1, processed, total
    sync_finished = Signal(str, int, str)  # job_id, connection_id, status
    health_changed = Signal(int, str, object)  # connection_id, health, reason (str | None)
    conflict_detected = Signal(int, int)  # connection_id, count
    conflicts_changed = Signal()
    alert_raised = Signal(object, str, str)  # alert_id, kind, message
    records_changed = Signal(str)  # entity
    connections_changed = Signal()

    _relay = Signal(str, object)

    def __init__(self, hub: EventHub, parent: QObject | None = None):
        super().__init__(parent)
        self._hub = hub
        self._lock = threading.Lock()
        self._pending_progress: dict[str, tuple[Any, ...]] = {}
        self._relay.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = [hub.subscribe(name, functools.partial(self._on_event, name)) for name in sorted(EVENTS)]

    def close(self) -> None:
        """Stop listening (before the bridge is destroyed: a late publish must not reach a dead QObject)."""
        for unsub in self._unsubscribe:
            unsub()
        self._unsubscribe = []

    def _on_event(self, name: str, *args: Any) -> None:  # any thread
        if name == "sync_progress":
            job_id = args[0]
            with self._lock:
                already = job_id in self._pending_progress
                self._pending_progress[job_id] = args
            if already:
                return
            self._relay.emit("_progress", job_id)
            return
        self._relay.emit(name, args)

    @Slot(str, object)
    def _dispatch(self, name: str, payload: Any) -> None:  # the Qt thread
        if name == "_progress":
            with self._lock:
                args = self._pending_progress.pop(payload, None)
            if args is None:
                return
            job_id, connection_id, progress, processed, total = args
            self.sync_progress.emit(job_id, int(connection_id), float(progress or 0.0), int(processed or 0),
                                    int(total or 0))
            return
        if name == "sync_finished":
            # Numbers published before the end must not arrive after it.
            with self._lock:
                self._pending_progress.pop(payload[0], None)
        getattr(self, name).emit(*payload)
