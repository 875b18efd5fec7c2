"""`ConnectionAuth`: what the HTTP layer asks for a connection's auth, and tells when a request came back 401.

Public API (used by `sync/http.py` and the provider clients):

    auth = connection_service.auth_for(connection_id)       # one object (and one lock) per connection
    headers = await auth.auth_headers()                     # refreshes first if the token ends within `leeway`
    r = await client.request(..., headers=headers)
    if r.status_code == 401 and await auth.on_unauthorized(r):
        headers = await auth.auth_headers()                 # retry ONCE with the new token
        r = await client.request(..., headers=headers)

- `auth_headers() -> dict[str, str]`: `{"Authorization": "Bearer ..."}` (HubSpot, Salesforce) or
  `{"X-Shopify-Access-Token": ...}` (Shopify). Raises `ReconnectRequired` once the grant is known dead.
- `on_unauthorized(response) -> bool`: True when a retry makes sense (it refreshed, or another request already
  did while this one was in flight); raises `ReconnectRequired` when the credentials cannot be made valid (static
  token rejected, refresh refused); `TransientAuthError` when the token endpoint is unreachable.
- `refresh(force=False)`: renew now (single-flight: concurrent callers wait for the one refresh in progress).
- `provider`, `connection_id`, `secret_headers` (header names to redact).

Refresh policy: ahead of expiry where the provider gave `expires_in` (HubSpot 30 min, Shopify expiring tokens);
on a 401 otherwise (Salesforce `INVALID_SESSION_ID`, HubSpot `EXPIRED_AUTHENTICATION`, Shopify 401). One refresh at
a time per connection: an asyncio.Lock per connection, shared by every ConnectionAuth of it in the loop; inside it the
vault is re-read first, so credentials another auth object or process already renewed are adopted, not renewed again
(a rotating refresh token spent twice would kill the grant). The refreshed credentials, with a rotated refresh token, are written to the
vault before any request uses them. A refused refresh turns the connection's health to "needs reconnect" (through
the `on_reconnect_required` callback) with the provider's message, and every later call fails fast with it.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from lumio_desktop.auth import words
from lumio_desktop.auth.errors import ReconnectRequired, VaultError
from lumio_desktop.auth.providers import ProviderAuthSpec
from lumio_desktop.auth.redact import redact_text
from lumio_desktop.auth.tokens import TokenClient, TokenGrant
from lumio_desktop.auth.vault import Credentials, TokenVault

log = logging.getLogger(__name__)

DEFAULT_LEEWAY = 120.0  # seconds before expiry at which a token is renewed (HubSpot tokens live 30 minutes)
_FRESH = 5.0  # a token minted this recently and still refused is not an expiry problem

# One lock per (keychain service, connection) and per event loop, shared by every ConnectionAuth of that
# connection (the engine's and the wizard's): two of them must never spend the same rotating refresh token.
_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[str, int], asyncio.Lock]] = \
    weakref.WeakKeyDictionary()


def _lock_for(service: str, connection_id: int) -> asyncio.Lock:
    per_loop = _locks.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault((service, connection_id), asyncio.Lock())


ReconnectCallback = Callable[[int, str], Awaitable[None] | None]
RefreshedCallback = Callable[[int, TokenGrant], Awaitable[None] | None]


class ConnectionAuth:
    def __init__(
        self,
        connection_id: int,
        spec: ProviderAuthSpec,
        vault: TokenVault,
        token_client: TokenClient | None = None,
        *,
        static: bool = False,
        leeway: float = DEFAULT_LEEWAY,
        on_reconnect_required: ReconnectCallback | None = None,
        on_refreshed: RefreshedCallback | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.connection_id = connection_id
        self.spec = spec
        self.provider = spec.name
        self.vault = vault
        self.token_client = token_client
        self.static = static
        self.leeway = leeway
        self._on_reconnect_required = on_reconnect_required
        self._on_refreshed = on_refreshed
        self._clock = clock
        self._creds: Credentials | None = None
        self._minted_at = 0.0
        self._dead: str | None = None  # the reconnect message, once the grant is known refused
        self._died_with: Credentials | None = None
        self.refresh_count = 0

    @property
    def secret_headers(self) -> tuple[str, ...]:
        return ("Authorization", "X-Shopify-Access-Token")

    @property
    def needs_reconnect(self) -> str | None:
        return self._dead

    async def _load(self) -> Credentials:
        if self._creds is None:
            creds = await asyncio.to_thread(self.vault.get, self.connection_id)
            if creds is None or not creds.access_token:
                await self._fail(words.NO_CREDENTIALS(provider=self.spec.label))
            self._creds = creds
        return self._creds  # type: ignore[return-value]

    def _can_refresh(self, creds: Credentials) -> bool:
        return bool(creds.refresh_token) and self.token_client is not None

    async def _check_alive(self) -> None:
        """Fail fast once the grant is dead, unless the account was reconnected since (new credentials in the vault,
        written by the wizard or another process): then this object lives again."""
        if not self._dead:
            return
        try:
            stored = await asyncio.to_thread(self.vault.get, self.connection_id)
        except VaultError:
            stored = None
        if stored is None or not stored.access_token or stored == self._died_with:
            raise ReconnectRequired(self._dead)
        self._dead = self._died_with = None
        self._creds = stored
        self._minted_at = 0.0

    async def auth_headers(self) -> dict[str, str]:
        await self._check_alive()
        creds = await self._load()
        if creds.expires_within(self.leeway, self._clock()) and self._can_refresh(creds):
            async with self._lock:
                # Another request may have refreshed while this one waited for the lock.
                if self._creds.expires_within(self.leeway, self._clock()):  # type: ignore[union-attr]
                    await self._refresh_locked(rejected=None)
            creds = self._creds  # type: ignore[assignment]
        return self.spec.token_headers(creds.access_token or "")

    async def on_unauthorized(self, response: httpx.Response) -> bool:
        if response.status_code != 401:
            return False
        used = _token_used(response)
        async with self._lock:
            await self._check_alive()
            creds = await self._adopt_newer(await self._load())
            if used is not None and used != creds.access_token:
                return True  # refreshed while this request was in flight: just retry with the new token
            expired = self.spec.is_expired_session(response)
            said = redact_text(self.spec.error_message(response))
            if not self._can_refresh(creds):
                rejected = words.TOKEN_REJECTED_STATIC if self.static else words.TOKEN_REJECTED
                await self._fail(rejected(provider=self.spec.label, said=said))
            if not expired and self._clock() - self._minted_at < _FRESH:
                await self._fail(words.FRESH_TOKEN_REJECTED(provider=self.spec.label, said=said))
            await self._refresh_locked(rejected=creds.access_token)
            return True

    async def refresh(self, *, force: bool = False) -> None:
        async with self._lock:
            creds = await self._load()
            if force or creds.expires_within(self.leeway, self._clock()):
                await self._refresh_locked(rejected=creds.access_token if force else None)

    @property
    def _lock(self) -> asyncio.Lock:
        return _lock_for(self.vault.service, self.connection_id)

    async def _adopt_newer(self, creds: Credentials) -> Credentials:
        """Take credentials another auth object or another process (a CLI sync beside the app) stored meanwhile:
        refreshing with a refresh token that was already rotated would kill the grant."""
        try:
            stored = await asyncio.to_thread(self.vault.get, self.connection_id)
        except VaultError:
            return creds
        if stored is not None and stored.access_token and stored != creds:
            self._creds = stored
            return stored
        return creds

    async def _refresh_locked(self, *, rejected: str | None) -> None:
        """Renew, unless someone else already did: `rejected` is the token a 401 refused (None: renewing ahead of
        expiry)."""
        assert self._lock.locked()
        creds = await self._adopt_newer(await self._load())
        if creds.access_token != rejected and not creds.expires_within(self.leeway, self._clock()) and (
                rejected is not None or creds.expires_at is not None):
            return  # the stored token is newer than the one that failed, or no longer near its expiry
        if self.token_client is None:
            await self._fail(words.NOT_RENEWABLE(provider=self.spec.label))
        try:
            grant = await self.token_client.refresh(creds)  # type: ignore[union-attr]
        except ReconnectRequired as e:
            await self._fail(e.message, provider_error=e.provider_error)
        new = grant.credentials
        # Store before use: with rotation the old refresh token is already dead, so the new one must survive a crash.
        try:
            await asyncio.to_thread(self.vault.set, self.connection_id, new)
        except VaultError as e:
            log.warning("connection %s: renewed %s access, but %s", self.connection_id, self.spec.label, e.message)
        self._creds = new
        self._minted_at = self._clock()
        self.refresh_count += 1
        log.info("connection %s: %s access renewed", self.connection_id, self.spec.label)
        if self._on_refreshed is not None:
            await _maybe_await(self._on_refreshed(self.connection_id, grant))

    async def _fail(self, message: str, *, provider_error: str | None = None) -> None:
        message = redact_text(message)
        self._dead = message
        self._died_with = self._creds
        log.warning("connection %s needs reconnect: %s", self.connection_id, message)
        if self._on_reconnect_required is not None:
            try:
                await _maybe_await(self._on_reconnect_required(self.connection_id, message))
            except Exception:  # recording the health must not hide the real reason
                log.exception("connection %s: could not record the reconnect state", self.connection_id)
        raise ReconnectRequired(message, provider_error=provider_error)


def _token_used(response: httpx.Response) -> str | None:
    try:
        request = response.request
    except RuntimeError:  # a Response built by hand, without its request
        return None
    shop = request.headers.get("X-Shopify-Access-Token")
    if shop:
        return shop
    auth = request.headers.get("Authorization", "")
    scheme, _, token = auth.partition(" ")
    return token or None


async def _maybe_await(value: Any) -> None:
    if asyncio.iscoroutine(value) or isinstance(value, Awaitable):
        await value
