"""Talking to a provider's token endpoint (Authlib's httpx integration): code exchange, refresh, revocation.

Public API:
- `TokenClient(spec, endpoints, client_id, client_secret=None, *, transport=None, timeout=30.0, sleep=asyncio.sleep)`
  - `authorization_url(redirect_uri, state, code_verifier, scopes=None) -> str`
  - `await exchange_code(code, redirect_uri, code_verifier) -> TokenGrant`
  - `await refresh(credentials) -> TokenGrant` (keeps the old refresh token when the provider sends none)
  - `await revoke(credentials) -> str` ("revoked", "not supported", or why it could not)
- `TokenGrant`: `credentials` (a vault `Credentials`) and `info` (non-secret facts of the response: instance_url,
  hub_id, scope, id, ...), safe to store in the connection's settings.

Errors: a refused code exchange is `OAuthFlowError(reason="exchange_failed")`; a refused refresh (invalid_grant,
revoked, expired) is `ReconnectRequired` with the provider's words, at once; network trouble, 5xx, 429 and an answer
that is not a JSON object are `TransientAuthError`. A refresh retries those like an API request is retried (5
attempts, exponential backoff with jitter from 0.5 s), so one hiccup of the token endpoint during a mid-sync renewal
costs a pause, not the job. No message ever contains a token: provider text goes through `redact_text`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
from authlib.deprecate import (
    AuthlibDeprecationWarning,  # installs its own "always" filter on import: import it first
)

with warnings.catch_warnings():
    # Authlib >= 1.9 prefers the "httpx2" package and warns when it falls back to httpx; httpx is what Lumio uses.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.base_client import OAuthError
    from authlib.integrations.httpx_client import AsyncOAuth2Client

from lumio_desktop.auth import words
from lumio_desktop.auth.errors import OAuthFlowError, ReconnectRequired, TransientAuthError
from lumio_desktop.auth.providers import Endpoints, ProviderAuthSpec
from lumio_desktop.auth.redact import redact_text, register_secret
from lumio_desktop.auth.vault import Credentials

log = logging.getLogger(__name__)

# Facts of a token response that are not secrets and are worth keeping on the connection row.
INFO_FIELDS = ("instance_url", "id", "issued_at", "scope", "scopes", "hub_id", "user_id", "token_type", "expires_in",
               "associated_user_scope")


class _Refused(Exception):
    """The token endpoint said no (a 4xx with or without an OAuth error body)."""

    def __init__(self, status: int, error: str | None, description: str):
        super().__init__(error)
        self.status = status
        self.error = error
        self.description = description


@dataclass
class TokenGrant:
    credentials: Credentials
    info: dict[str, Any] = field(default_factory=dict)


def _refusal_hook(response: httpx.Response) -> httpx.Response:
    """Turn every non-2xx answer into _Refused/TransientAuthError, and a 2xx that is not a JSON object into
    TransientAuthError, before Authlib reads it as a token."""
    if response.status_code < 400:
        try:
            body = json.loads(response.content)
        except ValueError:
            body = None
        if not isinstance(body, dict):  # e.g. a body cut short: reached, but unreadable
            raise TransientAuthError(words.TOKEN_NOT_JSON(code=response.status_code, n=len(response.content)))
        return response
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientAuthError(words.TOKEN_HTTP(code=response.status_code))
    try:
        body = response.json()
    except ValueError:
        body = None
    error = description = None
    if isinstance(body, dict):
        error = body.get("error") if isinstance(body.get("error"), str) else None
        description = body.get("error_description") or body.get("message") or body.get("errors")
        if description is not None and not isinstance(description, str):
            description = str(description)
    raise _Refused(response.status_code, error, redact_text(description or error or response.reason_phrase or ""))


class TokenClient:
    # A refresh's retries of a transient failure: the bounds and backoff of the sync's RetryPolicy (sync/http.py;
    # auth/ does not import sync/).
    refresh_attempts = 5
    base_delay = 0.5
    max_delay = 30.0

    def __init__(self, spec: ProviderAuthSpec, endpoints: Endpoints, client_id: str, client_secret: str | None = None,
                 *, transport: httpx.AsyncBaseTransport | None = None, timeout: float = 30.0,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        self._sleep = sleep
        self.spec = spec
        self.endpoints = endpoints
        self.client_id = client_id
        self.client_secret = client_secret or None
        self._transport = transport
        self._timeout = timeout
        register_secret(self.client_secret)

    def _client(self) -> AsyncOAuth2Client:
        kwargs: dict[str, Any] = {"timeout": self._timeout}
        if self._transport is not None:
            kwargs["transport"] = self._transport
        client = AsyncOAuth2Client(
            client_id=self.client_id,
            client_secret=self.client_secret,
            # Public clients (PKCE, no secret) authenticate with client_id alone.
            token_endpoint_auth_method="client_secret_post" if self.client_secret else "none",
            revocation_endpoint_auth_method="client_secret_post" if self.client_secret else "none",
            code_challenge_method="S256" if self.spec.pkce else None,
            **kwargs,
        )
        client.register_compliance_hook("access_token_response", _refusal_hook)
        client.register_compliance_hook("refresh_token_response", _refusal_hook)
        return client

    def authorization_url(self, redirect_uri: str, state: str, code_verifier: str | None,
                          scopes: list[str] | None = None) -> str:
        client = AsyncOAuth2Client(client_id=self.client_id, code_challenge_method="S256" if self.spec.pkce else None)
        url, _ = client.create_authorization_url(
            self.endpoints.authorize_url,
            state=state,
            code_verifier=code_verifier if self.spec.pkce else None,
            redirect_uri=redirect_uri,
            scope=self.spec.scope_string(scopes),
        )
        return url

    def _grant(self, token: dict[str, Any], previous: Credentials | None = None) -> TokenGrant:
        access = token.get("access_token")
        if not access:
            raise TransientAuthError(words.NO_ACCESS_TOKEN(provider=self.spec.label))
        refresh = token.get("refresh_token") or (previous.refresh_token if previous else None)
        expires_at = token.get("expires_at")
        if expires_at is None and token.get("expires_in"):
            expires_at = time.time() + float(token["expires_in"])
        creds = Credentials(
            access_token=access,
            refresh_token=refresh,
            expires_at=float(expires_at) if expires_at else None,
            client_id=self.client_id,
            client_secret=self.client_secret,
            token_type=str(token.get("token_type") or "Bearer"),
            scope=_scope_text(token.get("scope") or token.get("scopes")),
        )
        for secret in creds.secrets():
            register_secret(secret)
        info = {k: token[k] for k in INFO_FIELDS if k in token}
        return TokenGrant(creds, info)

    async def exchange_code(self, code: str, redirect_uri: str, code_verifier: str | None) -> TokenGrant:
        extra: dict[str, Any] = dict(self.spec.extra_token_params)
        if self.spec.pkce and code_verifier:
            extra["code_verifier"] = code_verifier
        try:
            async with self._client() as client:
                token = await client.fetch_token(
                    self.endpoints.token_url, grant_type="authorization_code", code=code,
                    redirect_uri=redirect_uri, **extra,
                )
        except (_Refused, OAuthError) as e:
            raise OAuthFlowError(words.EXCHANGE_REFUSED(provider=self.spec.label, said=_words(e)),
                                 reason="exchange_failed") from None
        except TransientAuthError as e:
            raise OAuthFlowError(words.EXCHANGE_TROUBLE(provider=self.spec.label, reason=e.message),
                                 reason="exchange_failed") from None
        except (httpx.HTTPError, ValueError) as e:
            raise OAuthFlowError(words.EXCHANGE_UNREACHABLE(provider=self.spec.label, said=type(e).__name__),
                                 reason="exchange_failed") from None
        return self._grant(dict(token))

    def backoff(self, attempt: int) -> float:
        """Exponential with "equal jitter", as the sync's RetryPolicy: half fixed, half random."""
        cap = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        return cap / 2 + random.random() * cap / 2  # noqa: S311 - jitter, not a secret

    async def refresh(self, credentials: Credentials) -> TokenGrant:
        """Renew the access token. Transient failures are retried within `refresh_attempts`; a refused grant
        (ReconnectRequired) is not: trying again cannot revive it."""
        if not credentials.refresh_token:
            raise ReconnectRequired(words.NO_REFRESH_TOKEN(provider=self.spec.label))
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._refresh_once(credentials)
            except TransientAuthError as e:
                if attempt >= self.refresh_attempts:
                    raise TransientAuthError(words.REFRESH_GAVE_UP(reason=e.message, n=attempt)) from None
                delay = self.backoff(attempt)
                log.info("%s token endpoint: %s; renewing again in %.1f s", self.spec.label, e.message, delay)
                await self._sleep(delay)

    async def _refresh_once(self, credentials: Credentials) -> TokenGrant:
        try:
            async with self._client() as client:
                token = await client.refresh_token(self.endpoints.token_url, refresh_token=credentials.refresh_token)
        except (_Refused, OAuthError) as e:
            raise ReconnectRequired(words.SIGN_IN_REFUSED(provider=self.spec.label, said=_words(e)),
                                    provider_error=getattr(e, "error", None)) from None
        except httpx.HTTPError as e:
            raise TransientAuthError(words.REFRESH_UNREACHABLE(provider=self.spec.label, said=type(e).__name__)) from None
        except ValueError as e:  # reached, but its answer could not be read as a token
            raise TransientAuthError(words.NOT_A_TOKEN(provider=self.spec.label, said=type(e).__name__)) from None
        return self._grant(dict(token), previous=credentials)

    async def revoke(self, credentials: Credentials) -> str:
        """Best effort: revoke the grant where the provider allows it. Returns what happened, in words."""
        method = self.spec.revoke_method
        if method == "none" or not self.endpoints.revoke_url:
            return "not supported"
        try:
            if "{token}" in self.endpoints.revoke_url:  # HubSpot v1: DELETE /oauth/v1/refresh-tokens/{token}
                if not credentials.refresh_token:
                    return "nothing to revoke"
                url = self.endpoints.revoke_url.format(token=quote(credentials.refresh_token, safe=""))
                async with self._plain_client() as http:
                    r = await http.delete(url)
            elif method == "shopify_uninstall":
                if not credentials.access_token:
                    return "nothing to revoke"
                async with self._plain_client() as http:
                    r = await http.delete(self.endpoints.revoke_url,
                                          headers=self.spec.token_headers(credentials.access_token))
            else:
                token = credentials.refresh_token or credentials.access_token
                if not token:
                    return "nothing to revoke"
                hint = "refresh_token" if credentials.refresh_token else "access_token"
                async with self._client() as client:
                    r = await client.revoke_token(self.endpoints.revoke_url, token=token, token_type_hint=hint)
        except httpx.HTTPError as e:
            return f"could not reach {self.spec.label} to revoke access ({type(e).__name__})"
        if r.status_code < 300:
            return "revoked"
        return f"{self.spec.label} did not revoke access (HTTP {r.status_code}: {redact_text(self.spec.error_message(r))})"

    def _plain_client(self) -> httpx.AsyncClient:
        kwargs: dict[str, Any] = {"timeout": self._timeout}
        if self._transport is not None:
            kwargs["transport"] = self._transport
        return httpx.AsyncClient(**kwargs)


def _scope_text(scope: Any) -> str | None:
    if scope is None:
        return None
    if isinstance(scope, list | tuple):
        return " ".join(str(s) for s in scope)
    return str(scope)


def _words(e: Exception) -> str:
    error = getattr(e, "error", None)
    description = getattr(e, "description", None)
    parts = [str(p) for p in (error, description) if p]
    text = ": ".join(dict.fromkeys(parts)) or "no reason given"
    return redact_text(text)
