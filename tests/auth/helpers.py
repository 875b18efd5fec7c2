"""Serving an ASGI app on a real loopback socket (uvicorn in a thread) and playing the browser."""

from __future__ import annotations

import contextlib
import re
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

    def __init__(self, tamper=None, decision: str = "approve"):
        self.tamper = tamper
        self.decision = decision
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
                r = consent(b, b.get(url), self.decision)
                location = r.headers["location"]
                if self.tamper:
                    location = self.tamper(location)
                self.pages.append(b.get(location))
        except BaseException as e:  # noqa: BLE001 - reported to the test
            self.errors.append(e)

    def join(self) -> None:
        for t in self.threads:
            t.join(10)


_FORM = re.compile(r'<form[^>]*action="([^"]+)".*?name="pending" value="([^"]+)"', re.S)


def consent_form(page, decision: str = "approve") -> tuple[str, dict[str, str]]:
    """The sandbox's consent page (200 + a form): where to post, and what, to press Approve or Deny."""
    m = _FORM.search(page.text)
    assert m, f"not a consent page: {page.text[:300]}"
    return str(page.url.join(m.group(1))), {"pending": m.group(2), "decision": decision}


def consent(client, page, decision: str = "approve"):
    """Press Approve or Deny on a consent page; a redirect passes through unchanged."""
    if page.status_code != 200:
        return page
    url, data = consent_form(page, decision)
    return client.post(url, data=data)


def worded(e: BaseException) -> None:
    """An error the wizard or the CLI shows says a declared sentence (auth/words.py), which the UI shows in the
    person's language, and which reads back as itself when it was stored (a health reason)."""
    from lumio_desktop.text import Text, parse

    message = getattr(e, "message", None) or (e.args[0] if e.args else str(e))
    assert isinstance(message, Text), message
    back = parse(str(message))
    assert isinstance(back, Text) and back.template == message.template, message

