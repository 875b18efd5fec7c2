"""OAuth 2.0 servers of the three providers: authorize pages (consent form or auto-approve) and token endpoints.

PKCE: a code_challenge given at authorize is checked against code_verifier at the token exchange (S256 or plain).
Error bodies (documented in README.md):
- HubSpot: {"error", "error_description", "status", "message", "correlationId", "category"}; status is
  BAD_AUTH_CODE (unknown code), EXPIRED_AUTH_CODE (reused or expired code), BAD_CODE_VERIFIER (missing or wrong
  verifier), BAD_REDIRECT_URI, BAD_CLIENT_ID / BAD_CLIENT_SECRET, BAD_REFRESH_TOKEN, BAD_GRANT_TYPE.
- Salesforce: {"error", "error_description"}: invalid_grant "expired authorization code" (reused), invalid_grant
  "invalid code verifier", invalid_grant "expired access/refresh token", invalid_client_id, invalid_client.
- Shopify: {"error", "error_description"}: invalid_request for unknown or used codes, invalid_client.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import re
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from lumio_desktop.sandbox.errors import (
    ApiError,
    hubspot_oauth_error,
    sf_oauth_error,
)
from lumio_desktop.sandbox.routing import json_response, route
from lumio_desktop.sandbox.world import Sandbox, pkce_s256

HUBSPOT_ALL_SCOPES = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write",
                      "crm.objects.companies.read", "crm.objects.companies.write", "crm.objects.deals.read",
                      "crm.objects.deals.write"]
SHOPIFY_DEFAULT_SCOPES = ["read_customers", "write_customers"]
_PKCE_CHALLENGE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


def base_url(world: Sandbox, request: Request) -> str:
    return (world.config.public_base_url or str(request.base_url)).rstrip("/")


def with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    q = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(q), parts.fragment))


async def form_or_json(request: Request) -> dict[str, str]:
    ctype = request.headers.get("content-type", "")
    raw = await request.body()
    if "json" in ctype:
        import json

        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            return {}
        return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    try:
        return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        return {}


def _bad_page(message: str) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><title>Authorization error</title><h1>Authorization error</h1>"
                        f"<p>{html.escape(message)}</p>", status_code=400)


def verify_pkce(code, verifier: str | None) -> bool:
    if not code.challenge:
        return True
    if not verifier:
        return False
    if (code.challenge_method or "plain").upper() == "S256":
        return hmac.compare_digest(pkce_s256(verifier), code.challenge)
    return hmac.compare_digest(verifier, code.challenge)


# -- authorize: shared consent flow --------------------------------------------------------------------------
def _start_authorize(world: Sandbox, request: Request, provider: str, client_id: str, redirect_uri: str,
                     scopes: list[str], state: str | None, challenge: str | None, method: str | None,
                     **extra) -> Response:
    code_extra = dict(extra)
    pending = {"provider": provider, "client_id": client_id, "redirect_uri": redirect_uri, "scopes": scopes,
               "state": state, "challenge": challenge, "method": method, "extra": code_extra}
    if world.config.auto_approve:
        return _finish_authorize(world, request, pending, approve=True)
    pid = world.tokens.new_value("shopify", "code")
    world.pending_consents[pid] = pending
    names = {"hubspot": "HubSpot", "salesforce": "Salesforce", "shopify": "Shopify"}
    scope_items = "".join(f"<li>{html.escape(s)}</li>" for s in scopes) or "<li>(default access)</li>"
    body = f"""<!doctype html><html><head><meta charset="utf-8"><title>{names[provider]} (sandbox): allow access?</title>
<style>body{{font-family:sans-serif;max-width:36em;margin:3em auto}}button{{font-size:1.1em;margin-right:1em}}</style>
</head><body><h1>{names[provider]} sandbox</h1>
<p>The app <code>{html.escape(client_id)}</code> asks for access to this sandbox account with these scopes:</p>
<ul>{scope_items}</ul><p>It will be sent back to <code>{html.escape(redirect_uri)}</code>.</p>
<form method="post" action="/_sandbox/consent">
<input type="hidden" name="pending" value="{pid}">
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form></body></html>"""
    return HTMLResponse(body)


def _finish_authorize(world: Sandbox, request: Request, pending: dict, approve: bool) -> Response:
    provider = pending["provider"]
    state = pending["state"]
    redirect = pending["redirect_uri"]
    if not approve:
        params = {"error": "access_denied"}
        if provider == "salesforce":
            params["error_description"] = "end-user denied authorization"
        if state is not None:
            params["state"] = state
        return RedirectResponse(with_query(redirect, params), status_code=302)
    code = world.tokens.issue_code(provider, pending["client_id"], redirect, pending["scopes"],
                                   pending["challenge"], pending["method"], **pending["extra"])
    params = {"code": code.value}
    if provider == "shopify":
        shop = world.config.shopify_shop
        params.update({"shop": shop, "timestamp": str(int(time.time())),
                       "host": base64.b64encode(f"{shop}/admin".encode()).decode().rstrip("=")})
        if state is not None:
            params["state"] = state
        params["hmac"] = shopify_query_hmac(params, world.clients["shopify"].client_secret)
    elif state is not None:
        params["state"] = state
    return RedirectResponse(with_query(redirect, params), status_code=302)


def shopify_query_hmac(params: dict[str, str], secret: str) -> str:
    """Hex HMAC-SHA256 over the sorted k=v pairs without `hmac` (CONTRACTS §3.1, shopify/session.py)."""
    def esc_k(s: str) -> str:
        return s.replace("%", "%25").replace("=", "%3D").replace("&", "%26")

    def esc_v(s: str) -> str:
        return s.replace("%", "%25").replace("&", "%26")

    msg = "&".join(f"{esc_k(k)}={esc_v(v)}" for k, v in sorted(params.items()) if k != "hmac")
    return hmac.new(secret.encode(), msg.encode(), hashlib.sha256).hexdigest()


async def consent_decision(request: Request) -> Response:
    world: Sandbox = request.app.state.sandbox
    form = await form_or_json(request)
    pending = world.pending_consents.pop(form.get("pending", ""), None)
    if pending is None:
        return _bad_page("This authorization request is unknown or was already answered.")
    return _finish_authorize(world, request, pending, approve=form.get("decision") == "approve")


# -- HubSpot ---------------------------------------------------------------------------------------------------
async def hubspot_authorize(request: Request, world: Sandbox, _token) -> Response:
    q = request.query_params
    client_id = q.get("client_id", "")
    if client_id != world.clients["hubspot"].client_id:
        return _bad_page("Unknown client_id: this app is not registered in the HubSpot sandbox.")
    redirect_uri = q.get("redirect_uri", "")
    if not redirect_uri.startswith(("http://", "https://")):
        return _bad_page("redirect_uri is missing or not an http(s) URL.")
    scopes = (q.get("scope", "") + " " + q.get("optional_scope", "")).split()
    if not scopes:
        scopes = list(HUBSPOT_ALL_SCOPES)
    challenge = q.get("code_challenge")
    method = q.get("code_challenge_method") or ("plain" if challenge else None)
    if challenge and (method.upper() not in ("S256", "PLAIN") or not _PKCE_CHALLENGE.match(challenge)):
        return RedirectResponse(with_query(redirect_uri, {"error": "invalid_request", **(
            {"state": q["state"]} if "state" in q else {})}), status_code=302)
    return _start_authorize(world, request, "hubspot", client_id, redirect_uri, scopes, q.get("state"),
                            challenge, method)


def _hubspot_token_body(world: Sandbox, access, refresh: str | None, client_credentials: bool = False) -> dict:
    body = {"token_type": "bearer", "access_token": access.value,
            "expires_in": int(access.expires_at - access.issued_at),
            "hub_id": world.hubspot_portal_id, "user_id": 1000 + world.hubspot_portal_id % 100000,
            "scopes": access.scopes}
    if client_credentials:
        body["token_use"] = "client_credentials"
    else:
        body["token_use"] = "access_token"
        body["refresh_token"] = refresh
    return body


async def hubspot_token(request: Request, world: Sandbox, _token) -> Response:
    form = await form_or_json(request)
    # All parameters go in the body (2026-03 spec); v1 also reads client_secret/refresh_token from the query.
    if request.url.path.startswith("/oauth/v1/"):
        for k in ("client_secret", "refresh_token"):
            if k not in form and k in request.query_params:
                form[k] = request.query_params[k]
    client = world.clients["hubspot"]
    grant = form.get("grant_type", "")
    if grant not in ("authorization_code", "refresh_token", "client_credentials"):
        raise hubspot_oauth_error(400, "unsupported_grant_type", f"grant_type {grant!r} is not supported",
                                  "BAD_GRANT_TYPE")
    if form.get("client_id") != client.client_id:
        raise hubspot_oauth_error(400, "invalid_client", "missing or unknown client id", "BAD_CLIENT_ID")
    if not hmac.compare_digest(form.get("client_secret", ""), client.client_secret):
        raise hubspot_oauth_error(400, "invalid_client", "missing or invalid client secret", "BAD_CLIENT_SECRET")
    ttl = world.config.hubspot_token_ttl
    if grant == "client_credentials":
        scopes = form.get("scope", "").split() or list(HUBSPOT_ALL_SCOPES)
        tok = world.tokens.issue_access("hubspot", "client_credentials", client.client_id, scopes, ttl)
        return json_response(_hubspot_token_body(world, tok, None, client_credentials=True))
    if grant == "authorization_code":
        code = world.tokens.codes.get(form.get("code", ""))
        if code is None or code.provider != "hubspot":
            raise hubspot_oauth_error(400, "invalid_grant", "auth code not found", "BAD_AUTH_CODE")
        if code.used or world.clock.now() > code.expires_at:
            if code.used and world.config.oauth_revoke_on_code_reuse:  # RFC 6749 §4.1.2 (SHOULD)
                for rt in code.extra.get("issued", []):
                    world.tokens.revoke("hubspot", rt)
            raise hubspot_oauth_error(400, "invalid_grant", "auth code is expired or was already used",
                                      "EXPIRED_AUTH_CODE")
        if code.redirect_uri != form.get("redirect_uri"):
            raise hubspot_oauth_error(400, "invalid_grant", "redirect_uri does not match the authorize request",
                                      "BAD_REDIRECT_URI")
        if not verify_pkce(code, form.get("code_verifier")):
            raise hubspot_oauth_error(400, "invalid_grant", "code_verifier does not match the code_challenge",
                                      "BAD_CODE_VERIFIER")
        code.used = True
        rt = world.tokens.issue_refresh("hubspot", client.client_id, code.scopes)
        tok = world.tokens.issue_access("hubspot", "oauth", client.client_id, code.scopes, ttl, rt.value)
        code.extra["issued"] = [rt.value, tok.value]
        return json_response(_hubspot_token_body(world, tok, rt.value))
    rt = world.tokens.refresh.get(form.get("refresh_token", ""))
    if rt is None or rt.revoked or rt.provider != "hubspot" or rt.client_id != client.client_id:
        raise hubspot_oauth_error(400, "invalid_grant", "refresh token is invalid, expired or revoked",
                                  "BAD_REFRESH_TOKEN")
    if world.config.hubspot_rotate_refresh_tokens:
        rt.revoked = True
        rt = world.tokens.issue_refresh("hubspot", client.client_id, rt.scopes)
    tok = world.tokens.issue_access("hubspot", "oauth", client.client_id, rt.scopes, ttl, rt.value)
    return json_response(_hubspot_token_body(world, tok, rt.value))


def _hubspot_client_ok(world: Sandbox, form: dict) -> None:
    client = world.clients["hubspot"]
    if form.get("client_id") != client.client_id or not hmac.compare_digest(
            form.get("client_secret", ""), client.client_secret):
        raise hubspot_oauth_error(401, "invalid_client", "missing or invalid client credentials", "BAD_CLIENT_ID")


def _signed_access_token(world: Sandbox, tok) -> dict:
    # Field types as the specs declare them (several are strings there, e.g. scopes: "a,b").
    return {"appId": world.hubspot_app_id, "appInstallId": "1", "audience": "hubspot", "expiresAt":
            int((tok.expires_at or tok.issued_at + 1800) * 1000), "hubId": world.hubspot_portal_id,
            "hublet": "na1", "installingUserId": 1, "isPrivateDistribution": False, "isServiceAccount": False,
            "isUserLevel": False, "newSignature": "sandbox", "scopeToScopeGroupPks": "",
            "scopes": ",".join(tok.scopes), "signature": "sandbox", "trialScopeToScopeGroupPks": "", "trialScopes": "",
            "userId": 1}


def _access_info(world: Sandbox, tok, active: bool) -> dict:
    remaining = max(0, int((tok.expires_at or world.clock.now()) - world.clock.now()))
    return {"active": active, "app_id": world.hubspot_app_id, "client_id": tok.client_id or "",
            "expires_in": remaining, "hub_id": world.hubspot_portal_id, "hub_domain": "sandbox.hubspot.com",
            "is_private_distribution": False, "scopes": tok.scopes, "signed_access_token":
            _signed_access_token(world, tok), "token": tok.value, "token_type": "access",
            "token_use": "access_token", "user": "sandbox-user@example.com", "user_id": 1}


def _refresh_info(world: Sandbox, rt, active: bool) -> dict:
    return {"active": active, "app_id": world.hubspot_app_id, "client_id": rt.client_id,
            "hub_id": world.hubspot_portal_id, "hub_domain": "sandbox.hubspot.com", "scopes": rt.scopes,
            "token": rt.value, "token_type": "refresh", "token_use": "refresh_token",
            "user": "sandbox-user@example.com", "user_id": 1}


async def hubspot_introspect(request: Request, world: Sandbox, _token) -> Response:
    form = await form_or_json(request)
    _hubspot_client_ok(world, form)
    value = form.get("token", "")
    tok = world.tokens.access.get(value)
    if tok is not None and tok.provider == "hubspot":
        active = not (tok.revoked or world.tokens.is_expired(tok))
        return json_response(_access_info(world, tok, active))
    rt = world.tokens.refresh.get(value)
    if rt is not None and rt.provider == "hubspot":
        return json_response(_refresh_info(world, rt, not rt.revoked))
    raise hubspot_oauth_error(400, "invalid_request", "token not found", "BAD_TOKEN")


async def hubspot_revoke(request: Request, world: Sandbox, _token) -> Response:
    form = await form_or_json(request)
    _hubspot_client_ok(world, form)
    world.tokens.revoke("hubspot", form.get("token", ""))
    return Response(status_code=200)


async def hubspot_v1_access_info(request: Request, world: Sandbox, _token) -> Response:
    tok = world.tokens.access.get(request.path_params["token"])
    if tok is None or tok.provider != "hubspot" or tok.revoked or world.tokens.is_expired(tok):
        raise hubspot_oauth_error(400, "invalid_grant", "access token is invalid, expired or revoked",
                                  "BAD_ACCESS_TOKEN")
    info = _access_info(world, tok, True)
    for k in ("active", "client_id", "token_use"):
        info.pop(k)
    return json_response(info)


async def hubspot_v1_refresh_info(request: Request, world: Sandbox, _token) -> Response:
    rt = world.tokens.refresh.get(request.path_params["token"])
    if rt is None or rt.provider != "hubspot" or rt.revoked:
        raise hubspot_oauth_error(400, "invalid_grant", "refresh token is invalid, expired or revoked",
                                  "BAD_REFRESH_TOKEN")
    if request.method == "DELETE":
        world.tokens.revoke("hubspot", rt.value)
        return Response(status_code=204)
    info = _refresh_info(world, rt, True)
    for k in ("active", "app_id", "token_use"):
        info.pop(k)
    return json_response(info)


# -- Salesforce ------------------------------------------------------------------------------------------------
async def salesforce_authorize(request: Request, world: Sandbox, _token) -> Response:
    q = request.query_params
    client_id = q.get("client_id", "")
    redirect_uri = q.get("redirect_uri", "")
    if client_id != world.clients["salesforce"].client_id:
        return _bad_page("error=invalid_client_id: client identifier invalid")
    if not redirect_uri.startswith(("http://", "https://")):
        return _bad_page("error=redirect_uri_mismatch: redirect_uri must match configuration")
    state = {"state": q["state"]} if "state" in q else {}
    if q.get("response_type") != "code":
        return RedirectResponse(with_query(redirect_uri, {"error": "unsupported_response_type",
                                                          "error_description": "response type not supported",
                                                          **state}), status_code=302)
    challenge = q.get("code_challenge")
    if challenge is not None and not _PKCE_CHALLENGE.match(challenge):
        return RedirectResponse(with_query(redirect_uri, {"error": "invalid_request",
                                                          "error_description": "invalid code challenge",
                                                          **state}), status_code=302)
    scopes = q.get("scope", "").split() or ["api", "refresh_token"]
    return _start_authorize(world, request, "salesforce", client_id, redirect_uri, scopes, q.get("state"),
                            challenge, "S256" if challenge else None)


def _sf_token_body(world: Sandbox, request: Request, tok, refresh: str | None) -> dict:
    inst = base_url(world, request)
    issued = str(int(tok.issued_at * 1000))
    ident = f"{inst}/id/{world.salesforce_org_id}/005000000000001AAA"
    sig = base64.b64encode(hmac.new(world.clients["salesforce"].client_secret.encode(),
                                    (ident + issued).encode(), hashlib.sha256).digest()).decode()
    body = {"access_token": tok.value, "signature": sig, "scope": " ".join(tok.scopes), "instance_url": inst,
            "id": ident, "token_type": "Bearer", "issued_at": issued}
    if refresh:
        body["refresh_token"] = refresh
    return body


async def salesforce_token(request: Request, world: Sandbox, _token) -> Response:
    form = await form_or_json(request)
    client = world.clients["salesforce"]
    grant = form.get("grant_type", "")
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("basic "):
        try:
            cid, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            form.setdefault("client_id", cid)
            form.setdefault("client_secret", secret)
        except (ValueError, UnicodeDecodeError):
            raise sf_oauth_error("invalid_client", "invalid client credentials") from None
    if grant not in ("authorization_code", "refresh_token", "client_credentials"):
        raise sf_oauth_error("unsupported_grant_type", "grant type not supported")
    if form.get("client_id") != client.client_id:
        raise sf_oauth_error("invalid_client_id", "client identifier invalid")
    secret = form.get("client_secret")
    needs_secret = grant != "refresh_token" or world.config.salesforce_refresh_requires_secret
    if (secret is not None or needs_secret) and not hmac.compare_digest(secret or "", client.client_secret):
        raise sf_oauth_error("invalid_client", "invalid client credentials")
    if grant == "client_credentials":
        tok = world.tokens.issue_access("salesforce", "oauth", client.client_id, ["api"], None)
        body = _sf_token_body(world, request, tok, None)
        body["api_instance_url"] = body["instance_url"]
        return json_response(body)
    if grant == "authorization_code":
        code = world.tokens.codes.get(form.get("code", ""))
        if code is None or code.provider != "salesforce":
            raise sf_oauth_error("invalid_grant", "invalid authorization code")
        if code.used or world.clock.now() > code.expires_at:
            raise sf_oauth_error("invalid_grant", "expired authorization code")
        if code.redirect_uri != form.get("redirect_uri"):
            raise sf_oauth_error("redirect_uri_mismatch", "redirect_uri must match configuration")
        if not verify_pkce(code, form.get("code_verifier")):
            raise sf_oauth_error("invalid_grant", "invalid code verifier")
        code.used = True
        refresh = None
        if {"refresh_token", "offline_access", "full"} & set(code.scopes):
            refresh = world.tokens.issue_refresh("salesforce", client.client_id, code.scopes).value
        tok = world.tokens.issue_access("salesforce", "oauth", client.client_id, code.scopes, None, refresh)
        return json_response(_sf_token_body(world, request, tok, refresh))
    rt = world.tokens.refresh.get(form.get("refresh_token", ""))
    if rt is None or rt.revoked or rt.provider != "salesforce":
        raise sf_oauth_error("invalid_grant", "expired access/refresh token")
    new_refresh = None
    if world.config.salesforce_rotate_refresh_tokens:
        rt.revoked = True
        rt = world.tokens.issue_refresh("salesforce", client.client_id, rt.scopes)
        new_refresh = rt.value
    tok = world.tokens.issue_access("salesforce", "oauth", client.client_id, rt.scopes, None, rt.value)
    return json_response(_sf_token_body(world, request, tok, new_refresh))


async def salesforce_revoke(request: Request, world: Sandbox, _token) -> Response:
    form = await form_or_json(request)
    value = form.get("token") or request.query_params.get("token", "")
    if not world.tokens.revoke("salesforce", value):
        raise sf_oauth_error("unsupported_token_type", "this token type is not supported")
    return Response(status_code=200)


async def salesforce_userinfo(request: Request, world: Sandbox, tok) -> Response:
    inst = base_url(world, request)
    uid = "005Hs00000AbCdEIAV"
    return json_response({"sub": f"{inst}/id/{world.salesforce_org_id}/{uid}", "user_id": uid,
                          "organization_id": world.salesforce_org_id, "preferred_username": "admin@lumio-sandbox.example",
                          "nickname": "admin", "name": "Sandbox Admin", "email": "admin@lumio-sandbox.example",
                          "email_verified": True, "given_name": "Sandbox", "family_name": "Admin",
                          "zoneinfo": "America/Los_Angeles", "locale": "en_US", "user_type": "STANDARD",
                          "urls": {"rest": f"{inst}/services/data/v{{version}}/"}})


# -- Shopify ---------------------------------------------------------------------------------------------------
async def shopify_authorize(request: Request, world: Sandbox, _token) -> Response:
    q = request.query_params
    client_id = q.get("client_id", "")
    redirect_uri = q.get("redirect_uri", "")
    if client_id != world.clients["shopify"].client_id:
        return _bad_page("Oauth error invalid_request: The client_id is invalid or missing.")
    if not redirect_uri.startswith(("http://", "https://")):
        return _bad_page("Oauth error invalid_request: The redirect_uri is missing or not whitelisted.")
    scopes = [s for s in re.split(r"[,\s]+", q.get("scope", "")) if s] or list(SHOPIFY_DEFAULT_SCOPES)
    online = "per-user" in q.getlist("grant_options[]")
    challenge = q.get("code_challenge")
    return _start_authorize(world, request, "shopify", client_id, redirect_uri, scopes, q.get("state"),
                            challenge, (q.get("code_challenge_method") or "S256") if challenge else None,
                            online=online)


def _shopify_token_body(world: Sandbox, expiring: bool, scopes: list[str], client_id: str,
                        online: bool = False) -> dict:
    if expiring or online:
        ttl = 86400 if online else world.config.shopify_token_ttl
    else:
        ttl = None
    rt = world.tokens.issue_refresh("shopify", client_id, scopes) if expiring and not online else None
    tok = world.tokens.issue_access("shopify", "oauth", client_id, scopes, ttl, rt.value if rt else None)
    body: dict = {"access_token": tok.value, "scope": ",".join(scopes)}
    if ttl is not None:
        body["expires_in"] = int(ttl)
    if rt is not None:
        body["refresh_token"] = rt.value
    if online:
        body["associated_user_scope"] = ",".join(scopes)
        body["associated_user"] = {"id": 902541635, "first_name": "Sandbox", "last_name": "User",
                                   "email": "sandbox-user@example.com", "account_owner": True, "locale": "en",
                                   "collaborator": False, "email_verified": True}
    return body


async def shopify_access_token(request: Request, world: Sandbox, _token) -> Response:
    form = await form_or_json(request)
    client = world.clients["shopify"]
    if form.get("client_id") != client.client_id or not hmac.compare_digest(
            form.get("client_secret", ""), client.client_secret):
        raise ApiError(400, {"error": "invalid_client", "error_description": "Client credentials are invalid"})
    grant = form.get("grant_type", "authorization_code")
    expiring = form.get("expiring") in ("1", "true") or world.config.shopify_expiring_tokens
    if grant == "client_credentials":
        tok = world.tokens.issue_access("shopify", "client_credentials", client.client_id,
                                        list(SHOPIFY_DEFAULT_SCOPES), world.config.shopify_client_credentials_ttl)
        return json_response({"access_token": tok.value, "scope": ",".join(tok.scopes),
                              "expires_in": world.config.shopify_client_credentials_ttl})
    if grant == "refresh_token":
        rt = world.tokens.refresh.get(form.get("refresh_token", ""))
        if rt is None or rt.revoked or rt.provider != "shopify":
            raise ApiError(400, {"error": "invalid_grant",
                                 "error_description": "The refresh token is invalid, expired or revoked"})
        # Replaced on every use; the previous one stays valid until its successor is first used (CONTRACTS §3.1).
        rt.used = True
        for other in world.tokens.refresh.values():
            if rt.value in other.successors:
                other.revoked = True
        body = _shopify_token_body(world, True, rt.scopes, client.client_id)
        rt.successors.append(body["refresh_token"])
        return json_response(body)
    if grant not in ("authorization_code", ""):
        raise ApiError(400, {"error": "unsupported_grant_type", "error_description": "grant_type is not supported"})
    code = world.tokens.codes.get(form.get("code", ""))
    if code is None or code.provider != "shopify" or code.used or world.clock.now() > code.expires_at:
        raise ApiError(400, {"error": "invalid_request",
                             "error_description": "The authorization code was not found or was already used"})
    if not verify_pkce(code, form.get("code_verifier")):
        raise ApiError(400, {"error": "invalid_request", "error_description": "Invalid code_verifier"})
    code.used = True
    return json_response(_shopify_token_body(world, expiring, code.scopes, client.client_id,
                                             online=code.extra.get("online", False)))


def routes() -> list:
    from starlette.routing import Route

    r = route
    return [
        r("/oauth/authorize", hubspot_authorize, ["GET"], "hubspot", auth=False),
        r("/oauth/{account:int}/authorize", hubspot_authorize, ["GET"], "hubspot", auth=False),
        r("/oauth/v1/token", hubspot_token, ["POST"], "hubspot", auth=False),
        r("/oauth/v3/token", hubspot_token, ["POST"], "hubspot", auth=False),
        r("/oauth/2026-03/token", hubspot_token, ["POST"], "hubspot", auth=False),
        r("/oauth/2026-03/token/introspect", hubspot_introspect, ["POST"], "hubspot", auth=False),
        r("/oauth/v3/introspect", hubspot_introspect, ["POST"], "hubspot", auth=False),
        r("/oauth/2026-03/token/revoke", hubspot_revoke, ["POST"], "hubspot", auth=False),
        r("/oauth/v1/access-tokens/{token}", hubspot_v1_access_info, ["GET"], "hubspot", auth=False),
        r("/oauth/v1/refresh-tokens/{token}", hubspot_v1_refresh_info, ["GET", "DELETE"], "hubspot", auth=False),
        r("/services/oauth2/authorize", salesforce_authorize, ["GET"], "salesforce", auth=False),
        r("/services/oauth2/token", salesforce_token, ["POST"], "salesforce", auth=False),
        r("/services/oauth2/revoke", salesforce_revoke, ["POST", "GET"], "salesforce", auth=False),
        r("/services/oauth2/userinfo", salesforce_userinfo, ["GET", "POST"], "salesforce"),
        r("/admin/oauth/authorize", shopify_authorize, ["GET"], "shopify", auth=False),
        r("/admin/oauth/access_token", shopify_access_token, ["POST"], "shopify", auth=False),
        Route("/_sandbox/consent", consent_decision, methods=["POST"]),
    ]

