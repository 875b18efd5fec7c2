"""Sandbox fixtures: the app in-process (httpx.ASGITransport), provider headers, and the HubSpot OpenAPI check
that every HubSpot response made through `client` goes through."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from lumio_desktop.sandbox import SandboxConfig, create_app

BASE = "http://sandbox.test"
SPECS = Path(__file__).resolve().parents[2] / ".." / "shared" / "providers" / "hubspot-openapi"
SPEC_FILES = {"contacts": "contacts-v3.json", "companies": "companies-v3.json", "deals": "deals-v3.json",
              "oauth-v1": "oauth-v1.json", "oauth-2026-03": "oauth-2026-03.json", "webhooks": "webhooks-v3.json"}


class HubSpotSpecs:
    """Validates HubSpot responses against the public OpenAPI specs in ../shared (openapi-core)."""

    def __init__(self) -> None:
        from openapi_core import OpenAPI

        # Errors are documented as `*/*`, which openapi-core cannot parse; HubSpot sends them as application/json.
        self.apis = {k: OpenAPI.from_dict(json.loads((SPECS / f).read_text().replace('"*/*"', '"application/json"')))
                     for k, f in SPEC_FILES.items()}
        self.seen: set[tuple[str, str]] = set()  # (spec, "METHOD /path") validated at least once
        self.checked = 0

    def route(self, path: str) -> tuple[str, str] | None:
        """(spec key, path as the spec writes it) or None when the path is not HubSpot's."""
        for alias in ("/crm/objects/2026-03/", "/crm/objects/2025-09/"):
            if path.startswith(alias):
                path = "/crm/v3/objects/" + path[len(alias):]
        if path.startswith("/crm/v3/objects/"):
            obj, _, rest = path[len("/crm/v3/objects/"):].partition("/")
            obj = {"0-1": "contacts", "0-2": "companies", "0-3": "deals"}.get(obj, obj)
            if obj not in ("contacts", "companies", "deals"):
                return None
            seg = "0-3" if obj == "deals" else obj
            return obj, f"/crm/v3/objects/{seg}" + (f"/{rest}" if rest else "")
        if path.startswith("/oauth/v1/"):
            return "oauth-v1", path
        if path.startswith("/oauth/2026-03/"):
            return "oauth-2026-03", path
        if path.startswith("/webhooks/v3/"):
            return "webhooks", path
        return None

    def check(self, response: httpx.Response) -> None:
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        req = response.request
        routed = self.route(req.url.path)
        if routed is None:
            return
        key, path = routed

        class _Req:
            host_url = "https://api.hubapi.com"
            method = req.method.lower()
            body = req.content or None
            content_type = req.headers.get("content-type", "")
            parameters = RequestParameters(query=ImmutableMultiDict(list(req.url.params.multi_items())),
                                           header=Headers(dict(req.headers)))

        _Req.path = path

        class _Resp:
            status_code = response.status_code
            content_type = response.headers.get("content-type", "")
            headers = Headers(dict(response.headers))
            data = response.content

        api = self.apis[key]
        if f"{req.method} {self.template(key, path)}" not in self.operations(key):
            return  # a method the spec does not list (e.g. a 405 probe): nothing to validate against
        if 200 <= response.status_code < 300 and not response.content:
            # The specs write 204 as `content: {}`, which openapi-core reads as "a body is required"; HubSpot sends
            # none. Check only that the operation documents this status (token/revoke documents only `default`).
            op = self.template(key, path)
            with (api.spec / "paths" / op / req.method.lower() / "responses").open() as responses:
                codes = set(responses)
            assert str(response.status_code) in codes or codes == {"default"}, (
                f"{req.method} {op} answered {response.status_code}, which its spec does not list")
        else:
            api.validate_response(_Req(), _Resp())
        self.checked += 1
        self.seen.add((key, f"{req.method} {self.template(key, path)}"))

    def template(self, key: str, path: str) -> str:
        for tpl in self.operations(key):
            _m, p = tpl.split(" ", 1)
            if _match(p, path):
                return p
        return path

    def operations(self, key: str) -> list[str]:
        out = []
        with (self.apis[key].spec / "paths").open() as paths:
            for p, item in paths.items():
                for m in ("get", "post", "put", "patch", "delete"):
                    if m in item:
                        out.append(f"{m.upper()} {p}")
        return out

    def all_operations(self) -> set[tuple[str, str]]:
        return {(k, op) for k in self.apis for op in self.operations(k)}


def _match(tpl: str, path: str) -> bool:
    a, b = tpl.strip("/").split("/"), path.strip("/").split("/")
    return len(a) == len(b) and all(x == y or (x.startswith("{") and x.endswith("}")) for x, y in zip(a, b, strict=True))


@pytest.fixture(scope="session")
def hubspot_specs() -> HubSpotSpecs:
    if not SPECS.is_dir():
        pytest.skip(f"HubSpot OpenAPI specs not found at {SPECS.resolve()} (../shared beside the repo is absent)")
    return HubSpotSpecs()


@pytest.fixture
def config() -> SandboxConfig:
    return SandboxConfig.for_tests(seed=11, records=120)


@pytest.fixture
def app(config):
    return create_app(config)


@pytest.fixture
def sb(app):
    world = app.state.sandbox
    yield world
    assert world.internal_errors == [], "the sandbox raised inside a handler:\n" + "\n".join(world.internal_errors)


@pytest.fixture
def make_client(hubspot_specs):
    """make_client(app) -> an AsyncClient on that app whose HubSpot responses are checked against the specs."""

    def make(app) -> httpx.AsyncClient:
        async def validate(response: httpx.Response) -> None:
            await response.aread()
            hubspot_specs.check(response)

        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE,
                                 event_hooks={"response": [validate]})

    return make


@pytest.fixture
async def client(app, make_client):
    async with make_client(app) as c:
        yield c


@pytest.fixture
def hs(sb) -> dict[str, str]:
    return {"Authorization": f"Bearer {sb.static_tokens['hubspot']}"}


@pytest.fixture
def sf(sb) -> dict[str, str]:
    return {"Authorization": f"Bearer {sb.static_tokens['salesforce']}"}


@pytest.fixture
def sh(sb) -> dict[str, str]:
    return {"X-Shopify-Access-Token": sb.static_tokens["shopify"]}
