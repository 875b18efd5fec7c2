"""The HTTP layer on its own: retries, Retry-After, refresh, error tables, request counting, redaction.

Real httpx clients over httpx.MockTransport (the provider behaviour itself is tested against the sandbox)."""

from __future__ import annotations

import logging

import httpx
import pytest

from lumio_desktop.sync.errors import ConfigError, FatalError, RateLimited, RetryableError
from lumio_desktop.sync.http import ProviderHttp, RetryPolicy, StaticTokenAuth, parse_retry_after
from lumio_desktop.sync.providers import hubspot, salesforce, shopify
from lumio_desktop.sync.ratelimit import RateLimiter
from lumio_desktop.text import Text, parse

TOKEN = "pat-na1-secret-token-0123456789"


def script(*answers):
    """A transport answering from a list: httpx.Response, an exception to raise, or a callable(request)."""
    seen: list[httpx.Request] = []
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        a = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(a, Exception):
            raise a
        if callable(a):
            return a(request)
        return a

    return httpx.MockTransport(handler), seen


def make(transport, fake_time, retry, table=hubspot.ERRORS, auth=None):
    limiter = RateLimiter(sleep=fake_time.sleep, clock=fake_time.clock)
    return ProviderHttp(provider="hubspot", base_url="https://api.example", auth=auth or StaticTokenAuth(TOKEN),
                        table=table, limiter=limiter, transport=transport, retry=retry)


def ok(body=None, **kw):
    return httpx.Response(200, json=body if body is not None else {"results": []}, **kw)


async def test_5xx_then_success_backs_off_exponentially(fake_time, fast_retry):
    transport, seen = script(httpx.Response(503, json={"message": "busy"}), httpx.Response(502), ok({"a": 1}))
    http = make(transport, fake_time, fast_retry)
    reply = await http.request("GET", "/x")
    assert reply.body == {"a": 1}
    assert http.stats.api_calls == 3 and http.stats.retries == 2
    assert len(seen) == 3
    assert 0.005 <= fake_time.sleeps[0] <= 0.01 and 0.01 <= fake_time.sleeps[1] <= 0.02  # equal jitter, doubling


async def test_a_503_with_retry_after_waits_as_asked(fake_time, fast_retry):
    transport, _ = script(httpx.Response(503, headers={"Retry-After": "3"}, json={"message": "busy"}), ok())
    await make(transport, fake_time, fast_retry).request("GET", "/x")
    assert fake_time.sleeps == [3.0]


async def test_5xx_forever_gives_up_with_a_clear_error(fake_time, fast_retry):
    transport, seen = script(httpx.Response(500, json={"message": "internal error"}))
    http = make(transport, fake_time, fast_retry)
    with pytest.raises(RetryableError, match="gave up after 4 attempts") as e:
        await http.request("GET", "/x")
    assert "HubSpot is having trouble" in e.value.message and len(seen) == 4
    worded(e.value)


async def test_resets_and_timeouts_are_retried(fake_time, fast_retry):
    transport, seen = script(httpx.ReadError("connection reset by peer"), httpx.ReadTimeout("slow"), ok())
    http = make(transport, fake_time, fast_retry)
    await http.request("GET", "/x")
    assert len(seen) == 3 and http.stats.api_calls == 3


async def test_connect_errors_are_not_counted_as_requests(fake_time, fast_retry):
    transport, _ = script(httpx.ConnectError("refused"), ok())
    http = make(transport, fake_time, fast_retry)
    await http.request("GET", "/x")
    assert http.stats.api_calls == 1


async def test_retry_after_is_honoured(fake_time, fast_retry):
    transport, seen = script(httpx.Response(429, headers={"Retry-After": "7"}, json={"message": "slow down"}), ok())
    http = make(transport, fake_time, fast_retry)
    await http.request("GET", "/x")
    assert fake_time.sleeps == [7.0]
    assert http.stats.rate_limited == 1 and len(seen) == 2


async def test_429_storm_without_retry_after_backs_off_then_fails(fake_time, fast_retry):
    transport, seen = script(httpx.Response(429, json={"message": "ten_secondly_rolling", "policyName": "X"}))
    http = make(transport, fake_time, fast_retry)
    with pytest.raises(RateLimited, match="still refused") as e:
        await http.request("GET", "/x")
    worded(e.value)
    assert http.stats.rate_limited == fast_retry.max_rate_limited + 1
    assert fake_time.sleeps[3] > fake_time.sleeps[0] * 3  # growing waits (capped at max_delay)


async def test_a_long_retry_after_fails_the_job_with_the_wait(fake_time, fast_retry):
    transport, _ = script(httpx.Response(429, headers={"Retry-After": "3600"}, json={"message": "daily"}))
    http = make(transport, fake_time, fast_retry)
    with pytest.raises(RateLimited) as e:
        await http.request("GET", "/x")
    assert e.value.retry_after == 3600 and "3600 s" in e.value.message
    worded(e.value)


async def test_hubspot_daily_limit_is_fatal(fake_time, fast_retry):
    body = {"status": "error", "message": "You have reached your daily limit.", "policyName": "DAILY"}
    transport, _ = script(httpx.Response(429, json=body))
    with pytest.raises(FatalError, match="daily"):
        await make(transport, fake_time, fast_retry).request("GET", "/x")


async def test_shopify_422_too_many_requests_is_rate_limited(fake_time, fast_retry):
    transport, _ = script(httpx.Response(422, json={"errors": "Too many requests"}), ok({"customers": []}))
    http = make(transport, fake_time, fast_retry, table=shopify.ERRORS)
    await http.request("GET", "/x")
    assert http.stats.rate_limited == 1


async def test_malformed_body_is_retried_then_reported(fake_time, fast_retry):
    bad = httpx.Response(200, content=b'{"results":[{"id":"1","prop', headers={"content-type": "application/json"})
    transport, seen = script(bad, ok({"results": [1]}))
    assert (await make(transport, fake_time, fast_retry).request("GET", "/x")).body == {"results": [1]}
    transport, _ = script(bad)
    with pytest.raises(RetryableError, match="malformed answer") as e:
        await make(transport, fake_time, fast_retry).request("GET", "/x")
    worded(e.value)


class RefreshingAuth:
    def __init__(self) -> None:
        self.token = "old-token-123456"
        self.refreshes = 0

    async def auth_headers(self):
        return {"Authorization": f"Bearer {self.token}"}

    async def on_unauthorized(self, response):
        self.refreshes += 1
        self.token = "new-token-654321"
        return True


async def test_salesforce_invalid_session_refreshes_then_retries(fake_time, fast_retry):
    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers["authorization"] == "Bearer old-token-123456":
            return httpx.Response(401, json=[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}])
        return ok({"records": []})

    transport, seen = script(answer)
    auth = RefreshingAuth()
    http = make(transport, fake_time, fast_retry, table=salesforce.ERRORS, auth=auth)
    await http.request("GET", "/q")
    assert auth.refreshes == 1 and len(seen) == 2


async def test_a_static_token_that_is_refused_needs_reconnect(fake_time, fast_retry):
    transport, _ = script(httpx.Response(401, json={"message": "Authentication credentials not found.",
                                                    "category": "INVALID_AUTHENTICATION"}))
    with pytest.raises(ConfigError, match="reconnect") as e:
        await make(transport, fake_time, fast_retry).request("GET", "/x")
    worded(e.value)


@pytest.mark.parametrize(("table", "status", "body", "cls", "words"), [
    (hubspot.ERRORS, 403, {"category": "MISSING_SCOPES", "message": "scopes"}, ConfigError, "scope"),
    (salesforce.ERRORS, 403, [{"errorCode": "REQUEST_LIMIT_EXCEEDED", "message": "TotalRequests Limit exceeded."}],
     FatalError, "API request limit"),
    (salesforce.ERRORS, 400, [{"errorCode": "INVALID_FIELD", "message": "No such column 'Foo'"}], ConfigError,
     "field"),
    (shopify.ERRORS, 402, {"errors": "Payment Required"}, ConfigError, "frozen"),
    (shopify.ERRORS, 403, {"errors": "requires merchant approval for read_customers scope."}, ConfigError, "scope"),
])
async def test_error_tables_map_answers_to_actions(fake_time, fast_retry, table, status, body, cls, words):
    transport, seen = script(httpx.Response(status, json=body))
    with pytest.raises(cls, match=words) as e:
        await make(transport, fake_time, fast_retry, table=table).request("GET", "/x")
    assert len(seen) == 1  # not retried
    worded(e.value)


async def test_tokens_never_reach_logs_or_messages(fake_time, fast_retry, caplog):
    echo = httpx.Response(400, json={"message": f"bad request with header Bearer {TOKEN}", "category": "X"})
    transport, _ = script(echo)
    caplog.set_level(logging.DEBUG, logger="lumio_desktop.sync.http")
    with pytest.raises(FatalError) as e:
        await make(transport, fake_time, fast_retry).request("GET", f"/x?access_token={TOKEN}")
    assert TOKEN not in e.value.message
    assert TOKEN not in caplog.text and "Bearer [redacted]" in caplog.text

    shop_token = "shpat_0123456789abcdef0123456789abcdef"
    transport, _ = script(ok({"customers": []}))
    http = make(transport, fake_time, fast_retry, table=shopify.ERRORS,
                auth=StaticTokenAuth(shop_token, header="X-Shopify-Access-Token"))
    await http.request("GET", "/admin/api/2025-01/customers.json")
    assert shop_token not in caplog.text and "X-Shopify-Access-Token': '[redacted]" in caplog.text


def test_parse_retry_after():
    assert parse_retry_after("2.0") == 2.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0


def test_retry_policy_backoff_is_bounded():
    p = RetryPolicy(base_delay=1.0, max_delay=8.0)
    assert all(0.5 <= p.backoff(1) <= 1.0 for _ in range(20))
    assert all(4.0 <= p.backoff(10) <= 8.0 for _ in range(20))


def worded(e: Exception) -> None:
    """The error's message is a declared sentence (sync/providers/words.py), so the UI can show it translated, and
    its English still reads the same when parsed back from the store."""
    message = e.message
    assert isinstance(message, Text) and isinstance(parse(str(message)), Text), message
    assert parse(str(message)).template == message.template, message
