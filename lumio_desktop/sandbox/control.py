"""The control API under /_sandbox/: read and change a sandbox that runs in another process.

Answers are JSON; a bad control request gets 400 {"error": "..."}. See the package docstring for the list.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lumio_desktop.sandbox.config import PROVIDERS, SandboxConfig
from lumio_desktop.sandbox.webhooks import deliver_pending


def _world(request: Request):
    return request.app.state.sandbox


def _base(world, request: Request) -> str:
    return (world.config.public_base_url or str(request.base_url)).rstrip("/")


class ControlError(Exception):
    pass


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise ControlError(f"invalid JSON: {e}") from None
    if not isinstance(data, dict):
        raise ControlError("the body must be a JSON object")
    return data


def _entry(world, provider: str, obj: str, rec) -> dict[str, Any]:
    return {"id": rec.id, "archived": rec.archived, "deleted": rec.archived, "archived_at": rec.archived_at,
            "created": rec.created, "modified": rec.modified, "record": world.render(provider, obj, rec)}


def _provider(data: dict) -> str:
    p = data.get("provider")
    if p not in PROVIDERS:
        raise ControlError(f"provider must be one of {', '.join(PROVIDERS)}")
    return p


def handler(fn):
    async def endpoint(request: Request) -> Response:
        try:
            return await fn(request, _world(request))
        except (ControlError, KeyError, ValueError, TypeError) as e:
            return JSONResponse({"error": str(e).strip("'\"")}, 400)

    return endpoint


@handler
async def health(request: Request, world) -> Response:
    return JSONResponse({"ok": True})


@handler
async def credentials(request: Request, world) -> Response:
    return JSONResponse(world.credentials(_base(world, request)))


@handler
async def state(request: Request, world) -> Response:
    q = request.query_params
    out = world.state(q.get("provider"), q.get("object"), with_records=q.get("records", "true") != "false")
    return JSONResponse(out)


@handler
async def config(request: Request, world) -> Response:
    if request.method == "GET":
        return JSONResponse(world.config.settable())
    data = await _body(request)
    fields = {f.name: f for f in dataclasses.fields(SandboxConfig)}
    for k, v in data.items():
        if k not in fields or k in ("fault_rules", "faults", "seed", "records"):
            raise ControlError(f"{k!r} cannot be changed at runtime")
        current = getattr(world.config, k)
        if current is not None and not isinstance(v, type(current)) and not (
                isinstance(current, float) and isinstance(v, int)):
            raise ControlError(f"{k} must be a {type(current).__name__}")
        setattr(world.config, k, v)
    return JSONResponse(world.config.settable())


@handler
async def faults(request: Request, world) -> Response:
    if request.method == "DELETE":
        world.faults.clear(request.query_params.get("provider"))
    elif request.method == "POST":
        data = await _body(request)
        if "spec" in data:
            world.faults.add_spec(str(data["spec"]))
        else:
            world.faults.add(data.get("provider", "*"), str(data.get("kind", "")), float(data.get("rate", 1.0)),
                             data.get("count"), str(data.get("path", "")))
    return JSONResponse({"faults": [r.to_json() for r in world.faults.rules]})


@handler
async def mutate(request: Request, world) -> Response:
    data = await _body(request)
    provider = _provider(data)
    obj = str(data.get("object", ""))
    op = data.get("op", "update")
    notify = bool(data.get("notify", False))
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        raise ControlError("fields must be an object")
    rec = None
    if op == "create":
        rec = world.create(provider, obj, fields, modified=data.get("modified"), created=data.get("created"),
                           notify=notify)
    elif op == "create_many":
        recs = world.create_many(provider, obj, int(data.get("count", 1)), modified=data.get("modified"),
                                 fields=fields)
        return JSONResponse({"ids": [r.id for r in recs]})
    elif op == "update":
        rec = world.update(provider, obj, str(data["id"]), fields, modified=data.get("modified"), notify=notify)
    elif op in ("archive", "delete"):
        rec = world.archive(provider, obj, str(data["id"]), at=data.get("modified"), notify=notify)
    elif op == "restore":
        rec = world.restore(provider, obj, str(data["id"]), at=data.get("modified"))
    elif op == "purge":
        world.purge(provider, obj, str(data["id"]))
        return JSONResponse({"purged": str(data["id"])})
    else:
        raise ControlError("op must be create, create_many, update, archive, delete, restore or purge")
    if notify:
        await deliver_pending(world)
    return JSONResponse(_entry(world, provider, world.collection(provider, obj).name, rec))


@handler
async def tokens(request: Request, world) -> Response:
    data = await _body(request)
    provider = data.get("provider")
    token = data.get("token")
    action = request.path_params["action"]
    if action == "expire":
        n = world.tokens.expire(provider, token)
    elif action == "revoke":
        n = world.tokens.revoke(provider, token)
    else:
        raise ControlError("use /_sandbox/tokens/expire or /_sandbox/tokens/revoke")
    return JSONResponse({"affected": n})


@handler
async def clock(request: Request, world) -> Response:
    if request.method == "POST":
        data = await _body(request)
        world.clock.advance(float(data.get("advance", 0)))
    return JSONResponse({"now_ms": world.clock.now_ms(), "offset": world.clock.offset})


@handler
async def requests(request: Request, world) -> Response:
    if request.method == "DELETE":
        world.requests.clear()
    return JSONResponse({"counts": dict(world.requests)})


@handler
async def rate_limits(request: Request, world) -> Response:
    world.limits.reset()
    return JSONResponse({"reset": True})


@handler
async def webhooks(request: Request, world) -> Response:
    if request.method == "POST":
        data = await _body(request)
        provider = _provider(data)
        url = str(data.get("url", ""))
        if not url.startswith(("http://", "https://")):
            raise ControlError("url must be an http(s) URL")
        world.add_webhook_target(provider, url)
    elif request.method == "DELETE":
        world.webhook_targets.clear()
    return JSONResponse({"targets": [{k: v for k, v in t.items() if k != "app"} for t in world.webhook_targets],
                         "log": list(world.webhook_log)[-50:]})


@handler
async def activity(request: Request, world) -> Response:
    data = await _body(request)
    change = await world.emit_change(_provider(data), data.get("object"), data.get("kind"), data.get("id"))
    return JSONResponse(change)


@handler
async def errors(request: Request, world) -> Response:
    return JSONResponse({"internal_errors": world.internal_errors})


def routes() -> list[Route]:
    p = "/_sandbox"
    return [
        Route(p + "/health", health, methods=["GET"]),
        Route(p + "/credentials", credentials, methods=["GET"]),
        Route(p + "/state", state, methods=["GET"]),
        Route(p + "/config", config, methods=["GET", "POST", "PATCH"]),
        Route(p + "/faults", faults, methods=["GET", "POST", "DELETE"]),
        Route(p + "/mutate", mutate, methods=["POST"]),
        Route(p + "/tokens/{action}", tokens, methods=["POST"]),
        Route(p + "/clock", clock, methods=["GET", "POST"]),
        Route(p + "/requests", requests, methods=["GET", "DELETE"]),
        Route(p + "/rate-limits/reset", rate_limits, methods=["POST"]),
        Route(p + "/webhooks", webhooks, methods=["GET", "POST", "DELETE"]),
        Route(p + "/activity", activity, methods=["POST"]),
        Route(p + "/errors", errors, methods=["GET"]),
    ]
