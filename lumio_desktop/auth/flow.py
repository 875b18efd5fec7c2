"""The desktop OAuth flow (RFC 8252 + RFC 7636): system browser, loopback redirect catcher, PKCE S256.

Public API (the CLI and the connection wizard):

    flow = OAuthFlow("hubspot", client_id, client_secret, base_url=None, shop=None, timeout=300)
    url = await flow.start()          # binds 127.0.0.1:<free port>, serves /callback in this loop; show/print `url`
    open_browser(url)                 # False on a headless machine: the person opens the printed URL themselves
    result = await flow.wait()        # OAuthResult, or OAuthFlowError / OAuthTimeout / OAuthCancelled
    flow.cancel()                     # from a Cancel button: wait() raises OAuthCancelled
    await flow.aclose()               # always (or use `async with OAuthFlow(...) as flow:`)

- The catcher is a Starlette app on uvicorn started as a task in the running loop (qasync in the app, asyncio.run
  in the CLI), with uvicorn's signal handling off (the app owns signals) and no access log (the callback URL
  carries the code).
- `state` is 32 random bytes, compared in constant time; a wrong state ends the flow (a forged or stale answer).
- Shopify's callback HMAC is verified with the client secret, its `shop` must be the shop asked for, and its
  `timestamp` must be less than 24 hours old.
- `OAuthResult`: `provider`, `grant` (`TokenGrant`: vault credentials + non-secret info), `api_base_url`
  (Salesforce: the token response's `instance_url`), `shop`, `endpoints`, `redirect_uri`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import os
import secrets
import socket
import sys
import time
import webbrowser
from dataclasses import dataclass

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from lumio_desktop.auth import words
from lumio_desktop.auth.errors import OAuthCancelled, OAuthFlowError, OAuthTimeout
from lumio_desktop.auth.providers import Endpoints, get_spec, normalize_shop, verify_shopify_hmac
from lumio_desktop.auth.redact import redact_text, register_secret
from lumio_desktop.auth.tokens import TokenClient, TokenGrant

DEFAULT_TIMEOUT = 300.0
CALLBACK_PATH = "/callback"
SHOPIFY_MAX_AGE = 24 * 3600


@dataclass
class OAuthResult:
    provider: str
    grant: TokenGrant
    api_base_url: str
    shop: str | None
    endpoints: Endpoints
    redirect_uri: str


def open_browser(url: str) -> bool:
    """Open the URL in the desktop's browser. False when there is none (headless): the caller prints the URL."""
    if sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")
    ):
        return False  # webbrowser would fall back to a console browser that takes over the terminal
    try:
        return bool(webbrowser.open(url, new=1))
    except webbrowser.Error:
        return False


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):
        # The catcher is a guest in the app's loop: Ctrl+C and SIGTERM belong to the app, not to this server.
        yield


_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Lumio</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 4em auto"><h1>{title}</h1><p>{text}</p></body></html>"""


def _page(title: str, text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(title=html.escape(title), text=html.escape(text)), status_code=status,
                        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


class OAuthFlow:
    def __init__(
        self,
        provider: str,
        client_id: str,
        client_secret: str | None = None,
        *,
        base_url: str | None = None,
        shop: str | None = None,
        login_url: str | None = None,
        scopes: list[str] | None = None,
        port: int = 0,
        timeout: float = DEFAULT_TIMEOUT,
        token_api: str = "2026-03",
        transport: httpx.AsyncBaseTransport | None = None,
    ):
        self.spec = get_spec(provider)
        if not client_id:
            raise OAuthFlowError(words.NEEDS_CLIENT_ID(provider=self.spec.label), reason="config")
        if self.spec.client_secret_required and not client_secret:
            raise OAuthFlowError(words.NEEDS_CLIENT_SECRET(provider=self.spec.label), reason="config")
        self.shop = normalize_shop(shop) if shop else None
        self.endpoints = self.spec.endpoints(base_url=base_url, shop=self.shop, login_url=login_url,
                                             token_api=token_api)
        self.client_secret = client_secret or None
        register_secret(self.client_secret)
        self.tokens = TokenClient(self.spec, self.endpoints, client_id, self.client_secret, transport=transport)
        self.scopes = scopes
        self.port = port
        self.timeout = timeout
        self.state = secrets.token_urlsafe(32)
        self.code_verifier = secrets.token_urlsafe(64) if self.spec.pkce else None  # 86 chars: within 43..128
        self.redirect_uri: str | None = None
        self.authorize_url: str | None = None
        self._answer: asyncio.Future[TokenGrant] | None = None
        self._exchanging = False
        self._server: _Server | None = None
        self._server_task: asyncio.Task | None = None
        self._sock: socket.socket | None = None

    async def __aenter__(self) -> OAuthFlow:
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    async def start(self) -> str:
        """Start the catcher and return the URL to open in the browser."""
        if self.authorize_url:
            return self.authorize_url
        loop = asyncio.get_running_loop()
        self._answer = loop.create_future()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("127.0.0.1", self.port))
        except OSError as e:
            sock.close()
            raise OAuthFlowError(words.CANNOT_LISTEN(port=self.port, said=str(e.strerror or e)),
                                 reason="config") from None
        sock.listen(16)
        self._sock = sock
        port = sock.getsockname()[1]
        self.redirect_uri = f"http://127.0.0.1:{port}{CALLBACK_PATH}"
        app = Starlette(routes=[Route(CALLBACK_PATH, self._callback, methods=["GET"])])
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=1, server_header=False)
        self._server = _Server(config)
        self._server_task = asyncio.create_task(self._server.serve(sockets=[sock]), name="oauth-loopback")
        while not self._server.started:
            if self._server_task.done():
                self._server_task.result()  # raise what stopped it
                raise OAuthFlowError(words.CATCHER_STOPPED(), reason="config")
            await asyncio.sleep(0.01)
        self.authorize_url = self.tokens.authorization_url(self.redirect_uri, self.state, self.code_verifier,
                                                           self.scopes)
        return self.authorize_url

    def cancel(self) -> None:
        if self._answer is not None and not self._answer.done():
            self._answer.set_exception(OAuthCancelled())

    def _finish(self, exc: BaseException | None = None, grant: TokenGrant | None = None) -> None:
        if self._answer is None or self._answer.done():
            return
        if exc is not None:
            self._answer.set_exception(exc)
        else:
            self._answer.set_result(grant)  # type: ignore[arg-type]

    async def _callback(self, request: Request):
        if self._answer is None or self._answer.done() or self._exchanging:
            return _page("This sign-in is over", "Lumio is no longer waiting for this answer. Start again from Lumio.",
                         410)
        label = self.spec.label
        params = request.query_params
        state = params.get("state") or ""
        if not hmac.compare_digest(state.encode(), self.state.encode()):
            self._finish(OAuthFlowError(words.STATE_MISMATCH(provider=label), reason="state_mismatch"))
            return _page("Sign-in rejected", "This answer does not belong to the sign-in Lumio started. "
                         "Nothing was saved; start again from Lumio.", 400)
        error = params.get("error")
        if error:
            desc = redact_text(params.get("error_description") or "")
            said = f"{error}: {desc}" if desc and desc != error else error
            self._finish(OAuthFlowError(words.NOT_APPROVED(provider=label, said=said), reason="denied"))
            return _page("Access not granted", f"{label} did not grant access ({said}). Nothing was saved.", 200)
        if self.spec.name == "shopify":
            problem = self._shopify_problem(list(params.multi_items()))
            if problem:
                self._finish(OAuthFlowError(problem, reason="bad_callback"))
                return _page("Sign-in rejected", f"{problem}.", 400)
        code = params.get("code")
        if not code:
            self._finish(OAuthFlowError(words.NO_CODE(provider=label), reason="bad_callback"))
            return _page("Sign-in incomplete", "The answer carried no authorization code. Start again from Lumio.", 400)
        # Exchange here, so the tab the person is looking at tells how it ended.
        self._exchanging = True
        try:
            grant = await self.tokens.exchange_code(code, self.redirect_uri or "", self.code_verifier)
        except OAuthFlowError as e:
            self._finish(e)
            return _page("Sign-in failed", f"{e.message}.", 400)
        except Exception as e:  # noqa: BLE001 - whatever it is, the flow must end with a sentence, not hang
            self._finish(OAuthFlowError(words.SIGN_IN_FAILED(provider=label, said=type(e).__name__),
                                        reason="exchange_failed"))
            return _page("Sign-in failed", "Something went wrong; nothing was saved. Start again from Lumio.", 500)
        self._finish(grant=grant)
        return _page(f"Signed in to {label}", "Lumio has access now. You can close this tab and go back to Lumio.")

    def _shopify_problem(self, items: list[tuple[str, str]]) -> str | None:
        """What is wrong with Shopify's answer, as the flow's error (None: nothing)."""
        if not verify_shopify_hmac(items, self.client_secret or ""):
            return words.SHOPIFY_BAD_HMAC()
        params = dict(items)
        if self.shop and params.get("shop", "").lower() != self.shop:
            return words.SHOPIFY_OTHER_SHOP(said=repr(params.get("shop")), shop=repr(self.shop))
        try:
            age = time.time() - float(params.get("timestamp", "0"))
        except ValueError:
            age = float("inf")
        if age > SHOPIFY_MAX_AGE:
            return words.SHOPIFY_TOO_OLD()
        return None

    async def wait(self) -> OAuthResult:
        """Wait for the browser's answer and the code exchange (done as the answer arrives, so the browser tab can
        say how it ended). Always stops the catcher before returning."""
        if self._answer is None:
            await self.start()
        try:
            try:
                grant = await asyncio.wait_for(asyncio.shield(self._answer), self.timeout)
            except TimeoutError:
                self._finish(OAuthTimeout("timeout"))
                raise OAuthTimeout(words.NO_ANSWER(provider=self.spec.label, seconds=f"{self.timeout:g}")) from None
            except asyncio.CancelledError:
                self.cancel()
                raise
        finally:
            await self.aclose()
        api_base = self.endpoints.api_base_url
        if self.spec.name == "salesforce":
            instance = grant.info.get("instance_url")
            if not instance:
                raise OAuthFlowError(words.NO_INSTANCE_URL(), reason="exchange_failed")
            api_base = str(instance).rstrip("/")
        return OAuthResult(self.spec.name, grant, api_base, self.shop, self.endpoints, self.redirect_uri or "")

    async def aclose(self) -> None:
        if self._answer is not None and not self._answer.done():
            self._answer.set_exception(OAuthCancelled())
        if self._answer is not None and self._answer.done() and not self._answer.cancelled():
            self._answer.exception()  # mark retrieved: no "exception was never retrieved" noise
        if self._server is not None:
            self._server.should_exit = True
        if self._server_task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._server_task, 5)
            self._server_task = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    @property
    def listening(self) -> bool:
        return self._server_task is not None and not self._server_task.done()
