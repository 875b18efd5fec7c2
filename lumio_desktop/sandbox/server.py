"""Serve the sandbox on a real loopback socket: inside the running loop, or on a background thread."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import AsyncIterator, Coroutine, Generator
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette

from lumio_desktop.sandbox.app import create_app
from lumio_desktop.sandbox.config import SandboxConfig
from lumio_desktop.sandbox.world import Sandbox


class EmbeddedServer(uvicorn.Server):
    """uvicorn without its own signal handling: the embedding program decides when to stop.

    uvicorn 0.54 has no install_signal_handlers flag, and its capture_signals re-raises a caught signal after
    shutdown, which would turn a clean SIGTERM exit into a signal death.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@dataclass
class Running:
    base_url: str
    app: Starlette
    sandbox: Sandbox
    server: EmbeddedServer


@contextlib.asynccontextmanager
async def serve(config: SandboxConfig | Starlette | None = None, *, host: str = "127.0.0.1",
                port: int = 0) -> AsyncIterator[Running]:
    """Serve on host:port (0 picks a free port) in the current loop; yields once connections are accepted."""
    app = config if isinstance(config, Starlette) else create_app(config)
    world: Sandbox = app.state.sandbox
    world.on_socket = True
    # Bind here, not in uvicorn: a busy port raises OSError (uvicorn would log it and sys.exit(3)).
    # IPPROTO_TCP (not 0): asyncio sets TCP_NODELAY only on sockets whose proto says TCP; without it every answer
    # waits ~40 ms for the peer's delayed ACK (Nagle).
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    server = EmbeddedServer(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                           lifespan="on", timeout_graceful_shutdown=2))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            sock.close()
            try:
                task.result()
            except SystemExit:
                pass
            raise RuntimeError("the sandbox server stopped before it started")
        await asyncio.sleep(0.01)
    bound = sock.getsockname()
    shown = f"[{bound[0]}]" if ":" in bound[0] else bound[0]
    try:
        yield Running(f"http://{shown}:{bound[1]}", app, world, server)
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await task


class SandboxThread:
    """The sandbox on a loopback socket served from a background thread, for synchronous code and tests.

        with SandboxThread(SandboxConfig.for_tests()) as sb:
            httpx.get(sb.base_url + "/crm/v3/objects/contacts", headers=...)
            sb.sandbox.create("hubspot", "contacts", {...})
    """

    def __init__(self, config: SandboxConfig | Starlette | None = None, *, host: str = "127.0.0.1", port: int = 0):
        self.app = config if isinstance(config, Starlette) else create_app(config)
        self.sandbox: Sandbox = self.app.state.sandbox
        self.host, self.port = host, port
        self.base_url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="lumio-sandbox", daemon=True)

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            async with serve(self.app, host=self.host, port=self.port) as running:
                self.base_url = running.base_url
                self._ready.set()
                await self._stop.wait()

        try:
            asyncio.run(main())
        except BaseException as e:  # surfaced by start()
            self._error = e
            self._ready.set()

    def start(self) -> str:
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise RuntimeError(f"sandbox failed to start: {self._error!r}") from self._error
        return self.base_url

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = 30) -> Any:
        """Run a coroutine on the server's loop (e.g. sandbox.emit_change(...)) and return its result."""
        assert self._loop is not None, "start() first"
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def call(self, fn, *args, timeout: float = 30, **kwargs) -> Any:
        """Run fn(*args, **kwargs) on the server's loop thread (e.g. t.call(t.sandbox.create, "hubspot", ...)), so a
        change never interleaves with a request being answered."""
        async def run() -> Any:
            return fn(*args, **kwargs)

        return self.run(run(), timeout)

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def __enter__(self) -> SandboxThread:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
