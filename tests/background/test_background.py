"""Background wiring: a busy webhook port does not stop the app's schedules (strict only for the daemon)."""

from __future__ import annotations

import socket

import pytest

from lumio_desktop.errors import LumioError
from lumio_desktop.sync.background import Background
from lumio_desktop.sync.events import EventHub
from lumio_desktop.text import Text, parse
from tests.background.conftest import StubService, add_connection


async def test_a_busy_port_leaves_the_rest_running(store, settings):
    cid = add_connection(store)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        busy = settings.model_copy(update={"webhook_port": taken.getsockname()[1]})
        bg = Background(store, busy, EventHub(), StubService(store))
        await bg.start(catch_up=False)
        try:
            assert bg.receiver is None and "cannot listen" in bg.receiver_error
            assert isinstance(parse(bg.receiver_error), Text)  # the app shows it in the person's language
            assert bg.scheduler.next_run_time(cid) is not None
        finally:
            await bg.aclose()
        strict = Background(store, busy, EventHub(), StubService(store))
        with pytest.raises(LumioError, match="cannot listen"):
            await strict.start(strict=True, catch_up=False)
    finally:
        taken.close()
