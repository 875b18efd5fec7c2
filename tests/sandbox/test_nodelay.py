"""asyncio turns Nagle off (TCP_NODELAY) only for sockets whose proto is IPPROTO_TCP; a socket made with proto 0
makes every small answer wait ~40 ms for a delayed ACK, which capped loopback syncs at ~1.8k records/s."""

from __future__ import annotations

import socket

from lumio_desktop.sandbox import SandboxConfig, serve


async def test_served_connections_have_nodelay():
    async with serve(SandboxConfig.for_tests(records=5)) as running:
        (listener,) = running.server.servers[0].sockets
        assert listener.proto == socket.IPPROTO_TCP
