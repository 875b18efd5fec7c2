"""The loopback flow against a contract-following fake authorization server (the sandbox has its own tests)."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from lumio_desktop.auth.errors import OAuthCancelled, OAuthFlowError, OAuthTimeout
from lumio_desktop.auth.flow import OAuthFlow
from tests.auth.fake_oauth import FakeOAuth
from tests.auth.helpers import worded

BASE = "http://fake.test"


@pytest.fixture
def fake():
    return FakeOAuth()


def _flow(fake, provider="hubspot", **kw):
    kw.setdefault("shop", fake.shop if provider == "shopify" else None)
    return OAuthFlow(provider, fake.client_id, fake.client_secret, base_url=BASE,
                     transport=httpx.ASGITransport(app=fake.app()), **kw)


async def browse(fake, url, tamper=None) -> httpx.Response:
    """Play the browser: open the authorize URL, approve, follow the redirect to the loopback catcher."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=fake.app())) as b:
        r = await b.get(url)
    assert r.status_code in (302, 307), r.text
    location = r.headers["location"]
    if tamper:
        location = tamper(location)
    async with httpx.AsyncClient() as real:
        return await real.get(location)


@pytest.mark.parametrize("provider", ["hubspot", "salesforce", "shopify"])
async def test_full_flow(fake, provider):
    async with _flow(fake, provider) as flow:
        url = flow.authorize_url
        q = parse_qs(urlsplit(url).query)
        assert q["code_challenge_method"] == ["S256"] and q["state"] == [flow.state]
        assert q["redirect_uri"][0].startswith("http://127.0.0.1:") and q["redirect_uri"][0].endswith("/callback")
        page, result = await asyncio.gather(browse(fake, url), flow.wait())
        assert page.status_code == 200 and "close this tab" in page.text
    creds = result.grant.credentials
    assert creds.access_token in fake.access_tokens and creds.refresh_token in fake.refresh_tokens
    assert fake.token_calls[-1]["code_verifier"] == flow.code_verifier
    if provider == "salesforce":
        assert result.api_base_url == f"{BASE}/instance" and creds.expires_at is None
    else:
        assert creds.expires_at is not None
    if provider == "shopify":
        assert fake.token_calls[-1]["expiring"] == "1" and result.shop == "acme.myshopify.com"
    assert not flow.listening


async def test_wrong_state_ends_the_flow(fake):
    async with _flow(fake) as flow:
        tamper = lambda loc: loc.replace(f"state={flow.state}", "state=forged")  # noqa: E731
        page, outcome = await asyncio.gather(browse(fake, flow.authorize_url, tamper), flow.wait(),
                                             return_exceptions=True)
    assert page.status_code == 400
    assert isinstance(outcome, OAuthFlowError) and outcome.reason == "state_mismatch"
    assert "did not carry the state" in str(outcome) and not fake.token_calls


async def test_denied_consent(fake):
    fake.approve = False
    async with _flow(fake) as flow:
        _, outcome = await asyncio.gather(browse(fake, flow.authorize_url), flow.wait(), return_exceptions=True)
    assert isinstance(outcome, OAuthFlowError) and outcome.reason == "denied"
    assert "not approved (access_denied: The user denied access)" in str(outcome)


async def test_wrong_verifier_and_reused_code(fake):
    async with _flow(fake) as flow:
        flow.code_verifier = "x" * 60
        page, outcome = await asyncio.gather(browse(fake, flow.authorize_url), flow.wait(), return_exceptions=True)
    assert isinstance(outcome, OAuthFlowError) and outcome.reason == "exchange_failed"
    assert "code_verifier does not match" in str(outcome)
    assert page.status_code == 400 and "code_verifier does not match" in page.text  # the tab says how it ended
    # the same code again (an attacker replaying it): refused
    code = next(iter(fake.codes))
    with pytest.raises(OAuthFlowError, match="already used") as e:
        await flow.tokens.exchange_code(code, flow.redirect_uri, flow.code_verifier)
    worded(e.value)


async def test_shopify_bad_hmac_and_wrong_shop(fake):
    async with _flow(fake, "shopify") as flow:
        tamper = lambda loc: loc.replace("host=aG9zdA", "host=ZXZpbA")  # noqa: E731
        page, outcome = await asyncio.gather(browse(fake, flow.authorize_url, tamper), flow.wait(),
                                             return_exceptions=True)
    assert isinstance(outcome, OAuthFlowError) and "HMAC" in str(outcome) and page.status_code == 400
    fake.shop = "other.myshopify.com"
    async with _flow(fake, "shopify", shop="acme") as flow:
        _, outcome = await asyncio.gather(browse(fake, flow.authorize_url), flow.wait(), return_exceptions=True)
    assert isinstance(outcome, OAuthFlowError) and "not 'acme.myshopify.com'" in str(outcome)


async def test_timeout_and_cancel(fake):
    async with _flow(fake, timeout=0.2) as flow:
        with pytest.raises(OAuthTimeout, match="within 0.2 s; nothing was saved") as e:
            await flow.wait()
        worded(e.value)
    flow = _flow(fake)
    await flow.start()
    asyncio.get_running_loop().call_later(0.05, flow.cancel)
    with pytest.raises(OAuthCancelled) as e:
        await flow.wait()
    worded(e.value)
    assert not flow.listening


async def test_late_answer_gets_a_clear_page(fake):
    flow = _flow(fake, timeout=0.1)
    url = await flow.start()
    redirect = flow.redirect_uri
    with pytest.raises(OAuthTimeout) as e:
        await flow.wait()
    worded(e.value)
    async with httpx.AsyncClient() as real:
        with pytest.raises(httpx.ConnectError):
            await real.get(redirect + "?code=x&state=" + flow.state)
    assert url


def test_config_errors():
    with pytest.raises(OAuthFlowError, match="client secret") as e:
        OAuthFlow("hubspot", "cid")
    worded(e.value)
    OAuthFlow("salesforce", "cid")  # a public client: PKCE, no secret
    with pytest.raises(Exception, match="needs the shop") as e:
        OAuthFlow("shopify", "cid", "sec")
    worded(e.value)


async def test_fixed_port_in_use_is_a_clear_error(fake):
    import socket

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        flow = _flow(fake, port=busy.getsockname()[1])
        with pytest.raises(OAuthFlowError, match=r"cannot listen on 127\.0\.0\.1:\d+ .*choose another") as e:
            await flow.start()
        worded(e.value)
        assert e.value.reason == "config"
    finally:
        busy.close()
