"""A small authorization server that follows CONTRACTS.md, for the auth layer's own unit tests.

The integration tests run against the real sandbox (lumio_desktop/sandbox); this one exists so the client side can be
tested on its own, with knobs the sandbox need not have (count token calls, slow refreshes, rotation, refusals).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from lumio_desktop.auth.providers import shopify_signature_base


@dataclass
class FakeOAuth:
    client_id: str = "cid-123"
    client_secret: str = "csecret-0123456789"
    shop: str = "acme.myshopify.com"
    approve: bool = True
    rotate: bool = False
    expires_in: int | None = 1800
    refresh_delay: float = 0.0
    revoked: bool = False
    codes: dict[str, dict] = field(default_factory=dict)
    access_tokens: set[str] = field(default_factory=set)
    refresh_tokens: set[str] = field(default_factory=set)
    token_calls: list[dict] = field(default_factory=list)
    revoke_calls: list[dict] = field(default_factory=list)

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/oauth/authorize", self.authorize),
            Route("/services/oauth2/authorize", self.authorize),
            Route("/admin/oauth/authorize", self.authorize),
            Route("/oauth/2026-03/token", self.token, methods=["POST"]),
            Route("/oauth/v1/token", self.token, methods=["POST"]),
            Route("/services/oauth2/token", self.token, methods=["POST"]),
            Route("/admin/oauth/access_token", self.token, methods=["POST"]),
            Route("/oauth/2026-03/token/revoke", self.revoke, methods=["POST"]),
            Route("/services/oauth2/revoke", self.revoke, methods=["POST"]),
            Route("/admin/api_permissions/current.json", self.uninstall, methods=["DELETE"]),
            Route("/api/thing", self.api),
            Route("/services/data/v59.0/thing", self.api),
            Route("/admin/api/2025-01/thing.json", self.api),
        ])

    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        redirect = q["redirect_uri"]
        if not self.approve:
            return RedirectResponse(f"{redirect}?{urlencode({'error': 'access_denied', 'error_description': 'The user denied access', 'state': q.get('state', '')})}")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"challenge": q.get("code_challenge"), "redirect_uri": redirect, "used": False}
        params = {"code": code, "state": q.get("state", "")}
        if request.url.path.startswith("/admin/"):
            params.update(shop=self.shop, timestamp=str(int(time.time())), host="aG9zdA")
            base = shopify_signature_base(params.items())
            params["hmac"] = hmac.new(self.client_secret.encode(), base.encode(), hashlib.sha256).hexdigest()
        return RedirectResponse(f"{redirect}?{urlencode(params)}")

    def _issue(self, salesforce: bool, base: str) -> dict:
        access = "at-" + secrets.token_urlsafe(24)
        refresh = "rt-" + secrets.token_urlsafe(24)
        self.access_tokens.add(access)
        self.refresh_tokens.add(refresh)
        body = {"access_token": access, "refresh_token": refresh, "token_type": "bearer"}
        if salesforce:
            body.update(instance_url=f"{base}/instance", id=f"{base}/id/00D/005", issued_at=str(int(time.time() * 1000)))
        elif self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return body

    async def token(self, request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode()))
        self.token_calls.append(form)
        salesforce = request.url.path.startswith("/services/")
        base = str(request.base_url).rstrip("/")
        if form.get("client_id") != self.client_id:
            return JSONResponse({"error": "invalid_client", "error_description": "unknown client"}, 400)
        grant = form.get("grant_type")
        if grant == "authorization_code":
            entry = self.codes.get(form.get("code", ""))
            if entry is None or entry["used"]:
                return JSONResponse({"error": "invalid_grant", "error_description": "authorization code is invalid or was already used"}, 400)
            entry["used"] = True
            if entry["challenge"]:
                verifier = form.get("code_verifier", "")
                digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                if digest != entry["challenge"]:
                    return JSONResponse({"error": "invalid_grant", "error_description": "code_verifier does not match the code_challenge"}, 400)
            if form.get("redirect_uri") != entry["redirect_uri"]:
                return JSONResponse({"error": "invalid_grant", "error_description": "redirect_uri mismatch"}, 400)
            body = self._issue(salesforce, base)
            if request.url.path.startswith("/oauth/"):
                body["hub_id"] = 4242
            return JSONResponse(body)
        if grant == "refresh_token":
            if self.refresh_delay:
                await asyncio.sleep(self.refresh_delay)
            rt = form.get("refresh_token")
            if self.revoked or rt not in self.refresh_tokens:
                return JSONResponse({"error": "invalid_grant", "error_description": "refresh token is invalid, expired or revoked",
                                     "status": "BAD_REFRESH_TOKEN", "message": "refresh token is invalid, expired or revoked"}, 400)
            body = self._issue(salesforce, base)
            if self.rotate:
                self.refresh_tokens.discard(rt)
            else:
                self.refresh_tokens.discard(body["refresh_token"])
                if salesforce:
                    del body["refresh_token"]  # Salesforce sends none unless rotation is on
                else:
                    body["refresh_token"] = rt
            return JSONResponse(body)
        return JSONResponse({"error": "unsupported_grant_type"}, 400)

    async def revoke(self, request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode()))
        self.revoke_calls.append(form)
        self.refresh_tokens.discard(form.get("token"))
        self.access_tokens.discard(form.get("token"))
        return Response(status_code=200)

    async def uninstall(self, request: Request) -> Response:
        self.revoke_calls.append({"token": request.headers.get("X-Shopify-Access-Token")})
        return Response(status_code=200)

    async def api(self, request: Request) -> Response:
        token = request.headers.get("X-Shopify-Access-Token") or request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token in self.access_tokens:
            return JSONResponse({"ok": True})
        if request.url.path.startswith("/services/"):
            return JSONResponse([{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}], 401)
        if request.url.path.startswith("/admin/"):
            return JSONResponse({"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}, 401)
        return JSONResponse({"status": "error", "message": "The OAuth token used to make this call expired 0 second(s) ago.",
                             "category": "EXPIRED_AUTHENTICATION", "correlationId": "x"}, 401)
