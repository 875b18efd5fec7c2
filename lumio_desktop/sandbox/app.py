"""create_app: the one Starlette app that serves all three providers, the consent pages and /_sandbox/."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lumio_desktop.sandbox import control, hubspot, oauth, salesforce, shopify, webhooks
from lumio_desktop.sandbox.config import SandboxConfig
from lumio_desktop.sandbox.errors import hubspot_error, hubspot_not_found, sf_error, shopify_error
from lumio_desktop.sandbox.routing import error_response
from lumio_desktop.sandbox.world import Sandbox


def create_app(config: SandboxConfig | None = None, *, sandbox: Sandbox | None = None) -> Starlette:
    """The sandbox as an ASGI app; `app.state.sandbox` is its Sandbox (the world tests read and change)."""
    world = sandbox or Sandbox(config or SandboxConfig())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(webhooks.activity_loop(world))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    routes: list[Route] = [
        *oauth.routes(),
        *control.routes(),
        *webhooks.routes(),
        *hubspot.routes(),
        *salesforce.routes(),
        *shopify.routes(),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        path = request.url.path
        if path.startswith(("/crm/", "/oauth/", "/webhooks/", "/account-info/")):
            return error_response(hubspot_not_found())
        if path.startswith("/services/"):
            return error_response(sf_error(404, "NOT_FOUND", "The requested resource does not exist"))
        if path.startswith("/admin/"):
            return error_response(shopify_error(404, "Not Found"))
        return Response("Not Found", 404)

    async def not_allowed(request: Request, exc: Exception) -> Response:
        path = request.url.path
        if path.startswith(("/crm/", "/oauth/", "/webhooks/", "/account-info/")):
            return error_response(hubspot_error(405, "METHOD_NOT_ALLOWED",
                                                f"{request.method} is not supported on {path}"))
        if path.startswith("/services/"):
            return error_response(sf_error(405, "METHOD_NOT_ALLOWED",
                                           f"HTTP Method '{request.method}' not allowed. Allowed are GET,PATCH,DELETE"))
        if path.startswith("/admin/"):
            return error_response(shopify_error(405, "Method Not Allowed"))
        return Response("Method Not Allowed", 405)

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={404: not_found, 405: not_allowed})
    app.state.sandbox = world
    return app
