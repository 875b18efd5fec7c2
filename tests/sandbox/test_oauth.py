"""OAuth servers of the three providers: consent form, auto-approve, PKCE, reused codes, refresh and rotation."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from lumio_desktop.sandbox import SandboxConfig, create_app, pkce_s256
from lumio_desktop.sandbox.oauth import shopify_query_hmac

CB = "http://127.0.0.1:8765/callback"
VERIFIER = "a-very-long-verifier-with-enough-entropy-0123456789abcdef"


def _q(resp) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(resp.headers["location"]).query).items()}


async def _authorize(c, provider, sb, **extra):
    cl = sb.clients[provider]
    params = {"client_id": cl.client_id, "redirect_uri": CB, "state": "st-1", "code_challenge": pkce_s256(VERIFIER),
              "code_challenge_method": "S256", **extra}
    path = {"hubspot": "/oauth/authorize", "salesforce": "/services/oauth2/authorize",
            "shopify": "/admin/oauth/authorize"}[provider]
    if provider == "salesforce":
        params["response_type"] = "code"
    return await c.get(path, params=params)


def _token_call(provider, sb, code, verifier=VERIFIER):
    cl = sb.clients[provider]
    data = {"grant_type": "authorization_code", "client_id": cl.client_id, "client_secret": cl.client_secret,
            "code": code, "redirect_uri": CB, "code_verifier": verifier}
    path = {"hubspot": "/oauth/2026-03/token", "salesforce": "/services/oauth2/token",
            "shopify": "/admin/oauth/access_token"}[provider]
    return path, data


@pytest.mark.parametrize("provider", ["hubspot", "salesforce", "shopify"])
async def test_consent_form_approve_and_deny(provider, make_client):
    app = create_app(SandboxConfig(records=3, auto_approve=False))
    sb = app.state.sandbox
    async with make_client(app) as c:
        page = await _authorize(c, provider, sb)
        assert page.status_code == 200 and "<form" in page.text
        pending = re.search(r'name="pending" value="([^"]+)"', page.text).group(1)
        r = await c.post("/_sandbox/consent", data={"pending": pending, "decision": "deny"})
        assert r.status_code == 302 and _q(r)["error"] == "access_denied" and _q(r)["state"] == "st-1"
        page = await _authorize(c, provider, sb)
        pending = re.search(r'name="pending" value="([^"]+)"', page.text).group(1)
        r = await c.post("/_sandbox/consent", data={"pending": pending, "decision": "approve"})
        q = _q(r)
        assert q["state"] == "st-1" and q["code"]
        if provider == "shopify":
            assert q["shop"] == sb.config.shopify_shop
            assert q["hmac"] == shopify_query_hmac(q, sb.clients["shopify"].client_secret)
        path, data = _token_call(provider, sb, q["code"])
        r = await c.post(path, data=data)
        assert r.status_code == 200, r.text
        # answering the same consent twice is refused
        assert (await c.post("/_sandbox/consent", data={"pending": pending, "decision": "approve"})).status_code == 400


@pytest.mark.parametrize("provider", ["hubspot", "salesforce", "shopify"])
async def test_pkce_wrong_verifier_and_reused_code(client, sb, provider):
    code = _q(await _authorize(client, provider, sb))["code"]
    path, data = _token_call(provider, sb, code, verifier="wrong-" + VERIFIER)
    r = await client.post(path, data=data)
    assert r.status_code == 400
    expected = {"hubspot": ("invalid_grant", "BAD_CODE_VERIFIER"), "salesforce": ("invalid_grant", None),
                "shopify": ("invalid_request", None)}[provider]
    assert r.json()["error"] == expected[0]
    if expected[1]:
        assert r.json()["status"] == expected[1]
    path, data = _token_call(provider, sb, code)
    assert (await client.post(path, data=data)).status_code == 200
    r = await client.post(path, data=data)
    assert r.status_code == 400
    if provider == "hubspot":
        assert r.json()["status"] == "EXPIRED_AUTH_CODE" and r.json()["error"] == "invalid_grant"
    elif provider == "salesforce":
        assert r.json() == {"error": "invalid_grant", "error_description": "expired authorization code"}


async def test_hubspot_tokens_expire_and_refresh_keeps_refresh_token(client, sb):
    code = _q(await _authorize(client, "hubspot", sb))["code"]
    path, data = _token_call("hubspot", sb, code)
    tok = (await client.post(path, data=data)).json()
    assert tok["expires_in"] == 1800 and tok["token_type"] == "bearer" and tok["token_use"] == "access_token"
    h = {"Authorization": f"Bearer {tok['access_token']}"}
    assert (await client.get("/crm/v3/objects/contacts", headers=h)).status_code == 200
    sb.clock.advance(1800)
    r = await client.get("/crm/v3/objects/contacts", headers=h)
    assert r.status_code == 401 and r.json()["category"] == "EXPIRED_AUTHENTICATION"
    cl = sb.clients["hubspot"]
    r = await client.post("/oauth/v1/token", data={"grant_type": "refresh_token", "client_id": cl.client_id,
                                                    "client_secret": cl.client_secret,
                                                    "refresh_token": tok["refresh_token"]})
    assert r.json()["refresh_token"] == tok["refresh_token"]  # no rotation by default
    sb.config.hubspot_rotate_refresh_tokens = True
    r = await client.post("/oauth/v1/token", data={"grant_type": "refresh_token", "client_id": cl.client_id,
                                                    "client_secret": cl.client_secret,
                                                    "refresh_token": tok["refresh_token"]})
    assert r.json()["refresh_token"] != tok["refresh_token"]
    r = await client.post("/oauth/v1/token", data={"grant_type": "refresh_token", "client_id": cl.client_id,
                                                    "client_secret": cl.client_secret,
                                                    "refresh_token": tok["refresh_token"]})
    assert r.status_code == 400 and r.json()["status"] == "BAD_REFRESH_TOKEN"


async def test_hubspot_short_token_ttl_setting(make_client):
    app = create_app(SandboxConfig.for_tests(records=3, hubspot_token_ttl=5))
    sb = app.state.sandbox
    async with make_client(app) as c:
        code = _q(await _authorize(c, "hubspot", sb))["code"]
        path, data = _token_call("hubspot", sb, code)
        assert (await c.post(path, data=data)).json()["expires_in"] == 5


async def test_salesforce_token_shape_and_rotation(client, sb):
    code = _q(await _authorize(client, "salesforce", sb))["code"]
    path, data = _token_call("salesforce", sb, code)
    tok = (await client.post(path, data=data)).json()
    assert "expires_in" not in tok and tok["instance_url"] == "http://sandbox.test" and tok["refresh_token"]
    assert tok["token_type"] == "Bearer" and tok["issued_at"].isdigit()
    cl = sb.clients["salesforce"]
    refresh = {"grant_type": "refresh_token", "client_id": cl.client_id, "refresh_token": tok["refresh_token"]}
    r = await client.post(path, data=refresh)
    assert r.status_code == 200 and "refresh_token" not in r.json()
    sb.config.salesforce_rotate_refresh_tokens = True
    r = await client.post(path, data=refresh)
    assert r.json()["refresh_token"] != tok["refresh_token"]
    r = await client.post(path, data=refresh)
    assert r.json() == {"error": "invalid_grant", "error_description": "expired access/refresh token"}


async def test_shopify_expiring_tokens_replace_refresh_token(client, sb):
    code = _q(await _authorize(client, "shopify", sb))["code"]
    path, data = _token_call("shopify", sb, code)
    tok = (await client.post(path, data={**data, "expiring": "1"})).json()
    assert tok["expires_in"] == 3600 and tok["refresh_token"]
    cl = sb.clients["shopify"]
    ref = {"grant_type": "refresh_token", "client_id": cl.client_id, "client_secret": cl.client_secret}
    new = (await client.post(path, data={**ref, "refresh_token": tok["refresh_token"]})).json()
    assert new["refresh_token"] != tok["refresh_token"]
    # the old one stays valid until the new one is used
    assert (await client.post(path, data={**ref, "refresh_token": tok["refresh_token"]})).status_code == 200
    newer = (await client.post(path, data={**ref, "refresh_token": new["refresh_token"]})).json()
    assert newer["access_token"]
    assert (await client.post(path, data={**ref, "refresh_token": tok["refresh_token"]})).status_code == 400
    r = await client.post(path, json={"client_id": cl.client_id, "client_secret": cl.client_secret,
                                      "grant_type": "client_credentials"})
    assert r.json()["expires_in"] == 86399


async def test_bad_client_and_redirect(client, sb):
    r = await client.get("/oauth/authorize", params={"client_id": "nope", "redirect_uri": CB})
    assert r.status_code == 400 and "client_id" in r.text
    code = _q(await _authorize(client, "hubspot", sb))["code"]
    path, data = _token_call("hubspot", sb, code)
    r = await client.post(path, data={**data, "redirect_uri": "http://127.0.0.1:1/other"})
    assert r.status_code == 400 and r.json()["status"] == "BAD_REDIRECT_URI"
    r = await client.post(path, data={**data, "client_secret": "wrong"})
    assert r.status_code == 400 and r.json()["error"] == "invalid_client"
    r = await client.post("/services/oauth2/token", data={"grant_type": "authorization_code", "client_id": "x"})
    assert r.json()["error"] == "invalid_client_id"
