"""The whole sign-in against the sandbox's OAuth servers, an HTTP client playing the browser (open the authorize URL,
approve on the consent page, follow the redirect to the loopback catcher), then API calls through the auth object.

Each way a sign-in can go wrong (wrong state, reused code, wrong PKCE verifier, denied consent, timeout) ends with a
clear message and no connection, and the keychain holds nothing for it.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from lumio_desktop.auth.connections import ConnectionService
from lumio_desktop.auth.errors import OAuthFlowError, OAuthTimeout, ReconnectRequired
from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.text import Text, parse
from tests.auth.helpers import consent_form, worded

sandbox_mod = pytest.importorskip("lumio_desktop.sandbox")
if not hasattr(sandbox_mod, "create_app"):
    pytest.skip("the sandbox has no create_app yet", allow_module_level=True)

from lumio_desktop.sandbox.config import SandboxConfig  # noqa: E402

BASE = "http://sandbox.test"
API = {
    "hubspot": "/crm/v3/objects/contacts?limit=1",
    "salesforce": "/services/data/v59.0/query?q=SELECT+Id+FROM+Contact+LIMIT+1",
    "shopify": "/admin/api/2025-07/customers.json?limit=1",
}


class World:
    def __init__(self, **config):
        self.app = sandbox_mod.create_app(SandboxConfig.for_tests(**config))
        self.world = self.app.state.sandbox
        self.transport = httpx.ASGITransport(app=self.app)
        self.creds = self.world.credentials(BASE)

    def client(self, provider: str) -> tuple[str, str]:
        c = self.creds[provider]
        return c["client_id"], c["client_secret"]

    async def browse(self, url: str, decision: str = "approve", tamper=None) -> httpx.Response:
        async with httpx.AsyncClient(transport=self.transport) as b:
            r = await b.get(url)
            if r.status_code == 200:
                form_url, data = consent_form(r, decision)
                r = await b.post(form_url, data=data)
        assert r.status_code in (302, 303, 307), r.text[:300]
        location = r.headers["location"]
        if tamper:
            location = tamper(location)
        async with httpx.AsyncClient() as real:  # the loopback catcher is a real socket
            return await real.get(location)


@pytest.fixture
def sandbox():
    return World(auto_approve=False, records=5)


@pytest.fixture
def service(store, sandbox):
    return ConnectionService(store, TokenVault(), transport=sandbox.transport)


async def connect(service, sandbox, provider, *, decision="approve", tamper=None, before_wait=None, **kw):
    cid, secret = sandbox.client(provider)
    shop = sandbox.creds["shopify"]["shop"] if provider == "shopify" else None
    flow = service.begin_oauth(provider, cid, secret, base_url=BASE, shop=shop, **kw)
    url = await flow.start()
    if before_wait:
        before_wait(flow)
    page, info = await asyncio.gather(sandbox.browse(url, decision, tamper), service.finish_oauth(flow),
                                      return_exceptions=True)
    if isinstance(page, BaseException):
        raise page
    return flow, page, info


async def call(service, sandbox, info, provider):
    auth = service.auth_for(info.id)
    async with httpx.AsyncClient(transport=sandbox.transport, base_url=info.base_url) as http:
        r = await http.get(API[provider], headers=await auth.auth_headers())
        if r.status_code == 401 and await auth.on_unauthorized(r):
            r = await http.get(API[provider], headers=await auth.auth_headers())
    return r


def assert_nothing_saved(service, keyring):
    assert service.list() == [] and keyring.entries() == []


@pytest.mark.parametrize("provider", ["hubspot", "salesforce", "shopify"])
async def test_full_flow_then_api_calls_and_refresh(service, sandbox, provider, memory_keyring):
    _, page, info = await connect(service, sandbox, provider)
    assert not isinstance(info, BaseException), info
    assert page.status_code == 200 and info.auth_kind == "oauth"
    if provider == "salesforce":
        assert info.base_url == BASE  # the token response's instance_url
    r = await call(service, sandbox, info, provider)
    assert r.status_code == 200, r.text
    # the access token expires (HubSpot EXPIRED_AUTHENTICATION, Salesforce INVALID_SESSION_ID, Shopify 401):
    # one refresh, one retry
    sandbox.world.tokens.expire(provider)
    r = await call(service, sandbox, info, provider)
    assert r.status_code == 200, r.text
    assert service.auth_for(info.id).refresh_count == 1
    # the grant is revoked in the provider: reconnect, with the provider's words, health red
    sandbox.world.tokens.revoke(provider)
    with pytest.raises(ReconnectRequired) as e:
        await call(service, sandbox, info, provider)
    worded(e.value)
    row = service.get(info.id)
    assert row.health == "config_error" and row.health_reason
    assert isinstance(parse(row.health_reason), Text), row.health_reason


async def test_wrong_state(service, sandbox, memory_keyring):
    _, page, outcome = await connect(service, sandbox, "hubspot",
                                     tamper=lambda loc: loc.replace("state=", "state=x"))
    assert isinstance(outcome, OAuthFlowError) and outcome.reason == "state_mismatch", outcome
    assert "did not carry the state Lumio sent" in str(outcome) and page.status_code == 400
    assert_nothing_saved(service, memory_keyring)


async def test_wrong_pkce_verifier(service, sandbox, memory_keyring):
    def swap_verifier(flow):
        flow.code_verifier = "w" * 64  # what an attacker holding only the code would send

    _, _, outcome = await connect(service, sandbox, "salesforce", before_wait=swap_verifier)
    assert isinstance(outcome, OAuthFlowError) and outcome.reason == "exchange_failed", outcome
    assert "invalid code verifier" in str(outcome)
    assert_nothing_saved(service, memory_keyring)


async def test_reused_code(service, sandbox, memory_keyring):
    seen = {}

    def keep_code(loc):
        seen["code"] = httpx.URL(loc).params["code"]
        return loc

    flow, _, info = await connect(service, sandbox, "hubspot", tamper=keep_code)
    assert not isinstance(info, BaseException)
    # replaying the code (an attacker, or a double-submitted page) is refused with the provider's words
    with pytest.raises(OAuthFlowError, match="expired or was already used") as e:
        await flow.tokens.exchange_code(seen["code"], flow.redirect_uri, flow.code_verifier)
    worded(e.value)
    assert e.value.reason == "exchange_failed"
    assert [c.name for c in service.list()] == ["hubspot"]


async def test_denied_consent(service, sandbox, memory_keyring):
    _, page, outcome = await connect(service, sandbox, "salesforce", decision="deny")
    assert isinstance(outcome, OAuthFlowError) and outcome.reason == "denied", outcome
    assert "not approved (access_denied: end-user denied authorization)" in str(outcome)
    assert "did not grant access" in page.text
    assert_nothing_saved(service, memory_keyring)


async def test_timeout(service, sandbox, memory_keyring):
    cid, secret = sandbox.client("hubspot")
    flow = service.begin_oauth("hubspot", cid, secret, base_url=BASE, timeout=0.2)
    await flow.start()
    with pytest.raises(OAuthTimeout, match="no answer from the HubSpot sign-in page within 0.2 s; nothing was saved") as e:
        await service.finish_oauth(flow)
    worded(e.value)
    assert_nothing_saved(service, memory_keyring)


@pytest.mark.parametrize("provider", ["hubspot", "salesforce", "shopify"])
async def test_disconnect_revokes_in_the_provider(service, sandbox, provider, memory_keyring):
    _, _, info = await connect(service, sandbox, provider)
    creds = service.vault.get(info.id)
    report = await service.disconnect(info.name)
    assert report.revoke == "revoked" and report.secrets_deleted
    if provider == "shopify":  # the app is uninstalled: its access token stops working
        assert sandbox.world.tokens.access[creds.access_token].revoked
    else:
        assert sandbox.world.tokens.refresh[creds.refresh_token].revoked
    assert_nothing_saved(service, memory_keyring)


async def test_hubspot_v1_token_endpoint(service, sandbox, memory_keyring):
    flow, _, info = await connect(service, sandbox, "hubspot", token_api="v1")
    assert flow.endpoints.token_url.endswith("/oauth/v1/token")
    sandbox.world.tokens.expire("hubspot")
    assert (await call(service, sandbox, info, "hubspot")).status_code == 200  # refreshed through v1
    refresh = service.vault.get(info.id).refresh_token
    report = await service.disconnect(info.name)
    assert report.revoke == "revoked" and sandbox.world.tokens.refresh[refresh].revoked  # DELETE refresh-tokens/{t}
