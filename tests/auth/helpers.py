"""Serving an ASGI app on a real loopback socket (uvicorn in a thread) and playing the browser."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import httpx
import uvicorn


@contextlib.contextmanager
def serve(app):
    """Run `app` on 127.0.0.1:<free port> for the duration of the block; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


class Browser:
    """Plays the person's browser: open the authorize URL (approving), follow the redirect to the catcher."""

    def __init__(self, tamper=None, approve_form: dict | None = None):
        self.tamper = tamper
        self.approve_form = approve_form
        self.pages: list[httpx.Response] = []
        self.errors: list[BaseException] = []
        self.threads: list[threading.Thread] = []

    def __call__(self, url: str) -> bool:
        t = threading.Thread(target=self._visit, args=(url,), daemon=True)
        t.start()
        self.threads.append(t)
        return True

    def _visit(self, url: str) -> None:
        try:
            with httpx.Client(follow_redirects=False, timeout=10) as b:
                r = b.get(url)
                if r.status_code == 200 and self.approve_form is not None:  # a consent page: submit "approve"
                    r = b.post(url, data=self.approve_form)
                location = r.headers["location"]
                if self.tamper:
                    location = self.tamper(location)
                self.pages.append(b.get(location))
        except BaseException as e:  # noqa: BLE001 - reported to the test
            self.errors.append(e)

    def join(self) -> None:
        for t in self.threads:
            t.join(10)
