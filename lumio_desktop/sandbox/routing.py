"""One wrapper for every provider endpoint: count, inject faults, authenticate, rate-limit, answer errors.

Whatever goes wrong inside a handler becomes the provider's documented error body; an unexpected exception is
logged, kept in `Sandbox.internal_errors` (tests assert it stays empty) and answered as the provider's 500.
"""

from __future__ import annotations

import asyncio
import json
import logging
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lumio_desktop.sandbox.errors import ApiError

log = logging.getLogger("lumio_desktop.sandbox")

Handler = Callable[..., Awaitable[Response]]


class SandboxResetError(httpx.ReadError):
    """Raised in-process (httpx.ASGITransport has no socket to drop): what httpx raises on a reset."""


def json_response(body: Any, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), status,
                    headers=headers, media_type="application/json")


def error_response(err: ApiError) -> Response:
    if err.body is None:
        return Response(status_code=err.status, headers=err.headers)
    return json_response(err.body, err.status, err.headers)


async def read_json(request: Request, bad: Callable[[str], ApiError]) -> Any:
    raw = await request.body()
    if not raw.strip():
        raise bad("The request body is empty; a JSON body is required.")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise bad(f"Invalid JSON input: {e}") from None


class ResetResponse(Response):
    """Starts a response and stops mid-body: uvicorn then closes the socket, the client sees a broken read."""

    async def __call__(self, scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")]})
        await send({"type": "http.response.body", "body": b'{"results":[', "more_body": True})
        # Returning without completing the response makes uvicorn drop the connection.


def route(path: str, fn: Handler, methods: list[str], provider: str, *, auth: Any = True,
          faults: bool = True) -> Route:
    """Wrap fn(request, world, token) into a Starlette route with the shared behaviour."""
    mod = None

    async def endpoint(request: Request) -> Response:
        nonlocal mod
        world = request.app.state.sandbox
        if mod is None:
            mod = world.modules[provider]
        world.count_request(f"{request.method} {path}")
        if provider not in world._generated:
            world.ensure_data(provider)  # before any index is consulted
        extra_headers: dict[str, str] = {}
        try:
            kind = world.faults.draw(provider, request.url.path) if faults else None
            resp = await _apply_fault(world, mod, request, kind) if kind is not None else None
            if isinstance(resp, ResetResponse):
                return resp
            if resp is None:
                token = None
                if auth:
                    token = mod.authenticate(world, request, auth)
                    extra_headers.update(mod.check_rate(world, request, token, path))
                resp = await fn(request, world, token)
        except ApiError as err:
            resp = error_response(err)
        except SandboxResetError:
            raise
        except Exception as e:  # the sandbox's own bug: record it, answer like the provider would
            world.internal_errors.append(f"{request.method} {request.url.path}: {e!r}\n{traceback.format_exc()}")
            log.exception("sandbox handler failed: %s %s", request.method, request.url.path)
            resp = error_response(mod.server_error(500))
        for k, v in extra_headers.items():
            resp.headers.setdefault(k, v)
        for k, v in mod.common_headers(world, request).items():
            resp.headers.setdefault(k, v)
        return resp

    endpoint.__name__ = f"{provider}_{fn.__name__}"
    return Route(path, endpoint, methods=methods)


async def _apply_fault(world, mod, request: Request, kind: str) -> Response | None:
    if kind in ("429", "429-no-retry-after"):
        return error_response(mod.rate_limited_error(world, request, retry_after=kind == "429"))
    if kind in ("500", "503"):
        return error_response(mod.server_error(int(kind)))
    if kind == "timeout":
        await asyncio.sleep(world.config.fault_timeout_seconds)
        return error_response(mod.server_error(504))
    if kind == "malformed":
        return Response(b'{"results":[{"id":"1","properties":{"email":"trunc', 200, media_type="application/json")
    if kind == "reset":
        if world.on_socket:
            return ResetResponse()
        raise SandboxResetError("sandbox fault: connection reset by peer")
    if kind == "expire":
        value = mod.presented_token(request)
        if value:
            tok = world.tokens.access.get(value)
            if tok is not None:
                tok.expired = True
                if tok.kind == "static":
                    # Static tokens never expire for real: answer this one request as expired, then recover.
                    tok.expired = False
                    return error_response(mod.expired_error(world, tok))
        return None
    return None
