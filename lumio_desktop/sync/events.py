"""A plain-Python event hub. The engine publishes; the UI bridge (ui/bridge.py) re-emits events as Qt signals.

Event names (the only ones; keep them consistent):
  sync_queued(job_id, connection_id)        a job row exists, waiting for its connection's lane
  sync_started(job_id, connection_id)
  sync_progress(job_id, connection_id, progress: float 0..1, processed: int, total: int)
  sync_finished(job_id, connection_id, status: str)   completed | failed | cancelled | interrupted | skipped
  health_changed(connection_id, health: str, reason: str | None)
  conflict_detected(connection_id, count: int)
  conflicts_changed()                        resolved/undone: counts changed
  alert_raised(alert_id, kind: str, message: str)
  records_changed(entity: str)               local records written (lead | company | deal)
  connections_changed()
Handlers run synchronously in the publisher's thread and must be quick; an exception in one is logged and
never reaches the publisher (a broken listener must not fail a sync).
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

EVENTS = frozenset({
    "sync_queued", "sync_started", "sync_progress", "sync_finished", "health_changed", "conflict_detected",
    "conflicts_changed", "alert_raised", "records_changed", "connections_changed",
})


class EventHub:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Callable[..., Any]]] = defaultdict(list)
        self._lock = threading.Lock()

    def subscribe(self, event: str, handler: Callable[..., Any]) -> Callable[[], None]:
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        with self._lock:
            self._handlers[event].append(handler)
        return lambda: self.unsubscribe(event, handler)

    def unsubscribe(self, event: str, handler: Callable[..., Any]) -> None:
        with self._lock:
            if handler in self._handlers[event]:
                self._handlers[event].remove(handler)

    def publish(self, event: str, *args: Any) -> None:
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        with self._lock:
            handlers = list(self._handlers[event])
        for h in handlers:
            try:
                h(*args)
            except Exception:  # noqa: BLE001 - a listener's bug must never fail a sync
                log.exception("event handler for %s failed", event)
