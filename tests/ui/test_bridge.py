"""Events published on any thread arrive as Qt signals on the Qt thread, progress coalesced."""

import threading

from PySide6.QtCore import QThread

from lumio_desktop.sync.events import EventHub
from lumio_desktop.ui.bridge import EventBridge


def test_events_from_a_writer_thread_arrive_on_the_qt_thread(qtbot):
    hub = EventHub()
    bridge = EventBridge(hub)
    seen = []
    bridge.sync_finished.connect(lambda *a: seen.append((a, QThread.currentThread())))
    with qtbot.waitSignal(bridge.sync_finished, timeout=2000):
        t = threading.Thread(target=hub.publish, args=("sync_finished", "job-1", 3, "completed"))
        t.start()
        t.join()
    assert seen == [(("job-1", 3, "completed"), bridge.thread())]
    bridge.close()


def test_progress_is_coalesced_to_the_newest(qtbot):
    hub = EventHub()
    bridge = EventBridge(hub)
    got = []
    bridge.sync_progress.connect(lambda *a: got.append(a))
    for i in range(1, 101):
        hub.publish("sync_progress", "job-1", 1, i / 100, i, 100)
    qtbot.waitUntil(lambda: bool(got), timeout=2000)
    qtbot.wait(20)
    assert got == [("job-1", 1, 1.0, 100, 100)]
    bridge.close()


def test_closed_bridge_hears_nothing(qtbot):
    hub = EventHub()
    bridge = EventBridge(hub)
    got = []
    bridge.records_changed.connect(got.append)
    bridge.close()
    hub.publish("records_changed", "lead")
    qtbot.wait(20)
    assert got == []
