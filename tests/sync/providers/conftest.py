"""Fixtures for the provider-client tests: a fake clock whose sleep advances time (no real waiting), retry
policies with that sleep, and the sandbox app in-process when it is available."""

from __future__ import annotations

import random

import pytest

from lumio_desktop.sync.http import RetryPolicy


class FakeTime:
    """monotonic() and an async sleep that only moves the clock: backoff and pacing are measured, not waited."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.worlds: list = []  # sandboxes whose clock moves with ours (rate windows, token expiry)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
        for w in self.worlds:
            w.clock.advance(max(0.0, seconds))


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def fast_retry(fake_time) -> RetryPolicy:
    return RetryPolicy(max_attempts=4, max_rate_limited=6, base_delay=0.01, max_delay=0.1, sleep=fake_time.sleep,
                       rng=random.Random(1))


def make_sandbox_app(config):
    """The sandbox as an ASGI app: `lumio_desktop.sandbox.create_app` once it lands; until then the same routes
    assembled here (the sandbox's own modules, nothing of ours)."""
    try:
        from lumio_desktop.sandbox import create_app
    except ImportError:
        create_app = None
    if create_app is not None:
        return create_app(config)
    from starlette.applications import Starlette

    from lumio_desktop.sandbox import hubspot, oauth, salesforce, shopify
    from lumio_desktop.sandbox.world import Sandbox

    app = Starlette(routes=[*oauth.routes(), *hubspot.routes(), *salesforce.routes(), *shopify.routes()])
    app.state.sandbox = Sandbox(config)
    return app


class Env:
    """One sandbox plus helpers to build clients against it through httpx.ASGITransport (real HTTP, in-process)."""

    def __init__(self, config, fake_time, retry):
        import httpx

        self.app = make_sandbox_app(config)
        self.world = self.app.state.sandbox
        fake_time.worlds.append(self.world)
        self.transport = httpx.ASGITransport(app=self.app)
        self.fake_time = fake_time
        self.retry = retry
        self.base_url = "http://sandbox.test"

    def limiter(self, provider: str, **kw):
        from lumio_desktop.sync import ratelimit

        factory = getattr(ratelimit, f"{provider}_limiter")
        return factory(sleep=self.fake_time.sleep, clock=self.fake_time.clock, **kw)

    def client(self, provider: str, auth=None, *, retry=None, limiter=None, **options):
        from types import SimpleNamespace

        from lumio_desktop.sync.http import StaticTokenAuth
        from lumio_desktop.sync.providers.registry import build_client

        if auth is None:
            header = "X-Shopify-Access-Token" if provider == "shopify" else "Authorization"
            auth = StaticTokenAuth(self.world.static_tokens[provider], header=header)
        conn = SimpleNamespace(provider=provider, base_url=self.base_url, objects=None, settings={},
                               shop=self.world.config.shopify_shop if provider == "shopify" else None)
        return build_client(conn, auth, transport=self.transport, retry=retry or self.retry,
                            limiter=limiter or self.limiter(provider), **options)


@pytest.fixture
def sandbox_env(fake_time, fast_retry):
    from lumio_desktop.sandbox.config import SandboxConfig

    def make(**overrides):
        return Env(SandboxConfig.for_tests(**overrides), fake_time, fast_retry)

    return make


async def read_all(client, obj, mode, state=None, *, max_pages=100_000):
    """Run pages() to the end; returns (records, last state, pages)."""
    from lumio_desktop.sync.providers.base import Mode

    records, pages = [], 0
    async for page in client.pages(obj, Mode(mode), state):
        records.extend(page.records)
        state = page.state
        pages += 1
        assert pages <= max_pages, "paging does not end"
    return records, state, pages


def worded(sentence) -> None:
    """A sentence the client says to people (a precheck's message, a refused write's reason) is a declared template
    (sync/providers/words.py), and reads back as itself from the store, so the UI can show it translated."""
    from lumio_desktop.text import Text, parse

    assert isinstance(sentence, Text), sentence
    back = parse(str(sentence))
    assert isinstance(back, Text) and back.template == sentence.template, sentence

