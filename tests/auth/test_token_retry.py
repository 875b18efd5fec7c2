"""A refresh retries a transient token-endpoint failure (5xx, 429, a cut connection, an unreadable body) within the
sync's bounds, and never retries a refused grant."""

from __future__ import annotations

import httpx
import pytest

from lumio_desktop.auth.errors import ReconnectRequired, TransientAuthError
from lumio_desktop.auth.providers import get_spec
from lumio_desktop.auth.tokens import TokenClient
from lumio_desktop.auth.vault import Credentials
from tests.auth.helpers import worded

BASE = "http://tokens.test"
GOOD = {"access_token": "at-new", "refresh_token": "rt-new", "expires_in": 1800, "token_type": "bearer"}


def client(answers: list, slept: list[float]) -> tuple[TokenClient, list[httpx.Request]]:
    """A TokenClient whose token endpoint gives `answers` in turn (an httpx.Response or an exception to raise)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        a = answers.pop(0)
        if isinstance(a, Exception):
            raise a
        return a

    async def sleep(s: float) -> None:
        slept.append(s)

    spec = get_spec("hubspot")
    tc = TokenClient(spec, spec.endpoints(base_url=BASE), "cid", "secret", transport=httpx.MockTransport(handler),
                     sleep=sleep)
    return tc, seen


CREDS = Credentials(access_token="at-old", refresh_token="rt-old", expires_at=0.0, client_id="cid")


@pytest.mark.parametrize("hiccup", [httpx.Response(503), httpx.Response(429), httpx.ReadError("reset"),
                                    httpx.Response(200, content=b'{"access_tok')], ids=["503", "429", "reset", "cut"])
async def test_one_hiccup_is_retried_after_a_pause(hiccup):
    slept: list[float] = []
    tc, seen = client([hiccup, httpx.Response(200, json=GOOD)], slept)
    grant = await tc.refresh(CREDS)
    assert grant.credentials.access_token == "at-new" and len(seen) == 2
    assert len(slept) == 1 and 0.25 <= slept[0] <= 0.5


async def test_a_token_endpoint_that_stays_down_gives_up_after_five_attempts_and_says_so():
    slept: list[float] = []
    tc, seen = client([httpx.Response(503) for _ in range(5)], slept)
    with pytest.raises(TransientAuthError) as e:
        await tc.refresh(CREDS)
    worded(e.value)
    assert len(seen) == 5 and len(slept) == 4 and slept == sorted(slept)
    assert "HTTP 503" in e.value.message and "gave up after 5 attempts" in e.value.message
    assert "will try again" not in e.value.message


async def test_a_malformed_answer_is_described_as_such():
    tc, _ = client([httpx.Response(200, content=b"<html>oops") for _ in range(5)], [])
    with pytest.raises(TransientAuthError) as e:
        await tc.refresh(CREDS)
    worded(e.value)
    assert "not a JSON object" in e.value.message and "could not reach" not in e.value.message


async def test_a_refused_grant_is_not_retried():
    slept: list[float] = []
    refused = httpx.Response(400, json={"error": "invalid_grant", "error_description": "refresh token revoked"})
    tc, seen = client([refused, httpx.Response(200, json=GOOD)], slept)
    with pytest.raises(ReconnectRequired, match="invalid_grant") as e:
        await tc.refresh(CREDS)
    worded(e.value)
    assert len(seen) == 1 and slept == []
