"""One HTTP layer for every provider client: the httpx.AsyncClient factory, bounded retries with exponential
backoff and jitter that honour Retry-After, the per-provider error table, the connection's rate limiter, the
count of real requests, and redaction of credentials in anything logged.

Public API:
- `Auth` (Protocol): `async auth_headers() -> dict[str, str]` and `async on_unauthorized(response) -> bool`
  (refresh, single-flight, True when a retry may succeed). The app uses the auth layer's
  `ConnectionService.auth_for(connection_id)` (`auth/session.py` `ConnectionAuth`, static or OAuth, backed by the
  vault); `StaticTokenAuth(token, header=...)` is a vault-free stand-in for tests and scripts. Which header carries
  the token is the auth object's choice: Shopify's is `X-Shopify-Access-Token`, the others `Authorization: Bearer`.
- `Action`, `ErrorRule`, `ErrorTable`: HTTP answers -> what to do, as data (first matching rule wins).
- `RetryPolicy`: attempts and delays; tests pass tiny delays or their own `sleep`.
- `make_async_client(base_url, transport=None, timeout=None)`: the one factory (timeouts, pooling, HTTP/1.1).
- `ProviderHttp`: one per connection. `await request(method, url, ...) -> Reply` (parsed JSON + response).
"""

from __future__ import annotations

import asyncio
import email.utils
import enum
import functools
import json
import logging
import random
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import httpx

from lumio_desktop.auth.errors import AuthError, ReconnectRequired, TransientAuthError
from lumio_desktop.auth.redact import redact_headers, redact_text, redact_url
from lumio_desktop.sync.errors import (
    AuthExpired,
    ConfigError,
    FatalError,
    RateLimited,
    RetryableError,
    SkippableRecord,
    SyncError,
)
from lumio_desktop.sync.providers import words
from lumio_desktop.sync.providers.base import CallStats
from lumio_desktop.sync.ratelimit import RateLimiter
from lumio_desktop.text import Template

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[Any]]


@runtime_checkable
class Auth(Protocol):
    async def auth_headers(self) -> dict[str, str]: ...

    async def on_unauthorized(self, response: httpx.Response) -> bool: ...


class StaticTokenAuth:
    """A token that cannot be refreshed: a 401 means the user must give a new one (reconnect)."""

    def __init__(self, token: str, header: str = "Authorization"):
        if not token:
            raise ConfigError(words.NO_TOKEN())
        self._headers = {header: f"Bearer {token}" if header.lower() == "authorization" else token}

    async def auth_headers(self) -> dict[str, str]:
        return self._headers

    async def on_unauthorized(self, response: httpx.Response) -> bool:
        return False

    def __repr__(self) -> str:
        return "StaticTokenAuth([redacted])"


class Action(enum.Enum):
    RETRY = "retry"  # 5xx, timeouts, resets: back off and try again
    RATE_LIMITED = "rate_limited"  # wait Retry-After (or back off) and try again
    REFRESH = "refresh"  # expired token: refresh, then retry
    CONFIG = "config"  # needs a person: reconnect, grant a scope, fix a URL
    FATAL = "fatal"  # the job cannot go on
    SKIP = "skip"  # one record is bad
    NOT_FOUND = "not_found"  # handed back to the caller (a record that no longer exists)
    RESTART = "restart"  # a server-side cursor expired: the paginator re-queries from its saved position


@dataclass(frozen=True, slots=True)
class ErrorRule:
    status: int | str  # 401, or a class: "4xx", "5xx"
    action: Action
    code: str | None = None  # the provider's error code / category, when it must match
    contains: str | None = None  # lower-case text the body must contain, when it must match
    # For people: a template of sync/providers/words.py; its values are {provider}, {code} (the HTTP status) and
    # {said} (the provider's own words from the body).
    message: Template = words.ANSWERED


class ErrorTable:
    """Rules per status, tried in order; `code_of(body)` extracts the provider's error code from a parsed body
    and `detail_of(body)` its human message."""

    def __init__(self, provider: str, rules: Sequence[ErrorRule], *,
                 code_of: Callable[[Any], str | None], detail_of: Callable[[Any], str | None]):
        self.provider = provider
        self.rules = tuple(rules)
        self._by_status: dict[int | str, list[ErrorRule]] = {}
        for r in self.rules:
            self._by_status.setdefault(r.status, []).append(r)
        self.code_of = code_of
        self.detail_of = detail_of

    def classify(self, status: int, body: Any, text: str) -> tuple[ErrorRule, str | None, str]:
        code = self.code_of(body)
        detail = self.detail_of(body) or text[:300] or f"HTTP {status}"
        low = text.lower()
        for key in (status, f"{status // 100}xx"):
            for r in self._by_status.get(key, ()):
                if r.code is not None and r.code != code:
                    continue
                if r.contains is not None and r.contains not in low:
                    continue
                return r, code, detail
        fallback = ErrorRule(status, Action.RETRY if status >= 500 else Action.FATAL)
        return fallback, code, detail

    def error_for(self, rule: ErrorRule, status: int, code: str | None, detail: str) -> SyncError:
        values = {"provider": self.provider, "code": status, "said": redact_text(detail)}
        message = rule.message(**{k: values[k] for k in rule.message.names})
        cls = {Action.RETRY: RetryableError, Action.RATE_LIMITED: RateLimited, Action.REFRESH: AuthExpired,
               Action.CONFIG: ConfigError, Action.FATAL: FatalError, Action.SKIP: SkippableRecord,
               Action.NOT_FOUND: FatalError, Action.RESTART: CursorExpired}[rule.action]
        return cls(message, status=status, provider_code=code)


class CursorExpired(RetryableError):
    """A provider-side cursor (Salesforce query locator, Shopify page_info) is no longer valid."""


@dataclass(slots=True)
class RetryPolicy:
    max_attempts: int = 5  # per request, for 5xx / timeouts / resets / malformed bodies
    max_rate_limited: int = 8  # 429s tolerated for one request before the job fails (amber light)
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 120.0  # a longer Retry-After fails the job with RateLimited(retry_after)
    refreshes: int = 2  # token refreshes per request
    sleep: Sleep = field(default=asyncio.sleep)
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, attempt: int) -> float:
        """Exponential with "equal jitter": half fixed, half random, so retries of parallel tasks spread out."""
        cap = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        return cap / 2 + self.rng.random() * cap / 2


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header: a number ("2.0") or an HTTP date. None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Building one parses the whole CA bundle (~55 ms on the loop thread): once per process, not once per client.
    return httpx.create_ssl_context()


def make_async_client(base_url: str, *, transport: httpx.AsyncBaseTransport | None = None,
                      timeout: httpx.Timeout | float | None = None, headers: Mapping[str, str] | None = None,
                      ) -> httpx.AsyncClient:
    """The one AsyncClient factory: one per connection, reused for every request (keep-alive pool).
    Retries are ours (with the error table), so httpx's own transport retries stay off."""
    return httpx.AsyncClient(
        base_url=base_url.rstrip("/"),
        transport=transport,
        verify=_ssl_context(),  # even for http:// (httpx would build a context anyway)
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        headers={"User-Agent": "LumioDesktop/0.1 (+https://lumio.example)", "Accept": "application/json",
                 **(headers or {})},
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        follow_redirects=False,
    )


@dataclass(slots=True)
class Reply:
    response: httpx.Response
    body: Any  # parsed JSON (None for an empty body)

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers


def _loads(content: bytes) -> Any:
    return json.loads(content) if content else None


class ProviderHttp:
    """Everything one connection's requests go through. Not a client of one object type: all object types of a
    connection share it (and so share the limiter and the keep-alive pool)."""

    def __init__(self, *, provider: str, base_url: str, auth: Auth, table: ErrorTable, limiter: RateLimiter,
                 stats: CallStats | None = None, transport: httpx.AsyncBaseTransport | None = None,
                 retry: RetryPolicy | None = None, timeout: httpx.Timeout | float | None = None,
                 headers: Mapping[str, str] | None = None):
        self.provider = provider
        self.auth = auth
        self.table = table
        self.limiter = limiter
        self.stats = stats if stats is not None else CallStats()
        self.retry = retry or RetryPolicy()
        self.client = make_async_client(base_url, transport=transport, timeout=timeout, headers=headers)
        if self.retry.sleep is not asyncio.sleep and limiter.sleep is asyncio.sleep:
            limiter.sleep = self.retry.sleep  # tests inject one sleep for both

    async def aclose(self) -> None:
        await self.client.aclose()

    async def request(self, method: str, url: str, *, params: Any = None, json_body: Any = None,
                      buckets: Iterable[str] = ("default",), observe: bool = True,
                      ok: Sequence[int] = (200, 201, 204), allow: Sequence[int] = ()) -> Reply:
        """Send with retries. Returns a Reply for statuses in `ok` or `allow` (and for a NOT_FOUND rule);
        raises a `sync.errors` class for everything the error table says the caller cannot absorb."""
        buckets = tuple(buckets)
        attempts = rate_limited = refreshes = 0
        last_error: SyncError | None = None
        server_wait: float | None = None
        content = json.dumps(json_body, separators=(",", ":")).encode() if json_body is not None else None
        while True:
            await self.limiter.acquire(buckets)
            headers = await self._auth_headers()
            if content is not None:
                headers = {**headers, "Content-Type": "application/json"}
            if log.isEnabledFor(logging.DEBUG):
                log.debug("%s %s %s", method, redact_url(self.client.build_request(method, url, params=params).url),
                          redact_headers(headers))
            try:
                response = await self.client.request(method, url, params=params, content=content, headers=headers)
            except httpx.TimeoutException as e:
                self.stats.api_calls += 1
                last_error = RetryableError(words.TIMED_OUT(provider=self.table.provider, said=type(e).__name__))
            except httpx.TransportError as e:
                if not isinstance(e, httpx.ConnectError):
                    self.stats.api_calls += 1  # the request left; the answer was cut (reset, protocol error)
                said = f"{type(e).__name__}: {redact_text(str(e))[:200]}".rstrip(": ")
                last_error = RetryableError(words.CONNECTION_FAILED(provider=self.table.provider, said=said))
            else:
                self.stats.api_calls += 1
                if observe:
                    self.limiter.observe(response, buckets)
                status = response.status_code
                if status in ok or status in allow:
                    try:
                        return Reply(response, _loads(response.content))
                    except ValueError:
                        if status not in ok:  # an allowed error status (a 404 page) need not be JSON
                            return Reply(response, None)
                        last_error = RetryableError(words.MALFORMED(
                            provider=self.table.provider, said=f"{method} {redact_url(url)}", code=status,
                            n=len(response.content)))
                else:
                    try:
                        body = _loads(response.content)
                    except ValueError:
                        body = None
                    rule, code, detail = self.table.classify(status, body, response.text)
                    err = self.table.error_for(rule, status, code, detail)
                    log.debug("%s %s -> %s %s (%s)", method, redact_url(response.request.url), status,
                              rule.action.value, redact_text(detail)[:200])
                    action = rule.action
                    if action is Action.NOT_FOUND:
                        return Reply(response, body)
                    if action is Action.REFRESH:
                        refreshes += 1
                        if refreshes <= self.retry.refreshes and await self._refresh(response):
                            continue
                        raise ConfigError(words.CREDENTIALS_REFUSED(provider=self.table.provider,
                                                                    said=redact_text(detail)),
                                          status=status, provider_code=code)
                    if action is Action.RATE_LIMITED:
                        self.stats.rate_limited += 1
                        rate_limited += 1
                        wait = parse_retry_after(response.headers.get("retry-after"))
                        if wait is not None and wait > self.retry.max_retry_after:
                            raise RateLimited(words.WAIT_TOO_LONG(reason=err.message, n_seconds=round(wait)),
                                              retry_after=wait, status=status, provider_code=code)
                        if rate_limited > self.retry.max_rate_limited:
                            raise RateLimited(words.STILL_REFUSED(reason=err.message, n=rate_limited - 1),
                                              retry_after=wait, status=status, provider_code=code)
                        delay = wait if wait is not None else self.retry.backoff(rate_limited)
                        self.limiter.pause(delay)
                        self.stats.retries += 1
                        continue  # acquire() waits out the pause
                    if action is not Action.RETRY:
                        raise err
                    last_error = err
                    # A 503 may say when to come back; never sooner than our own backoff.
                    server_wait = parse_retry_after(response.headers.get("retry-after"))
            attempts += 1
            if attempts >= self.retry.max_attempts:
                assert last_error is not None
                raise type(last_error)(words.GAVE_UP(reason=last_error.message, n=attempts),
                                       status=last_error.status, provider_code=last_error.provider_code)
            self.stats.retries += 1
            delay = self.retry.backoff(attempts)
            if server_wait is not None:
                delay = max(delay, min(server_wait, self.retry.max_retry_after))
                server_wait = None
            await self.retry.sleep(delay)

    async def _auth_headers(self) -> dict[str, str]:
        try:
            return await self.auth.auth_headers()
        except AuthError as e:
            raise self._auth_failure(e) from None

    async def _refresh(self, response: httpx.Response) -> bool:
        try:
            return bool(await self.auth.on_unauthorized(response))
        except AuthError as e:
            raise self._auth_failure(e) from None

    def _auth_failure(self, e: AuthError) -> SyncError:
        message = redact_text(e.message or str(e)) or type(e).__name__
        if isinstance(e, TransientAuthError):
            return RetryableError(words.SIGN_IN_UNAVAILABLE(provider=self.table.provider, reason=message))
        if isinstance(e, ReconnectRequired):
            return ConfigError(message, provider_code=e.provider_error)  # its words already say what to do
        return ConfigError(words.CANNOT_RENEW(provider=self.table.provider, reason=message))
