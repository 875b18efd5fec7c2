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

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def fast_retry(fake_time) -> RetryPolicy:
    return RetryPolicy(max_attempts=4, max_rate_limited=6, base_delay=0.01, max_delay=0.1, sleep=fake_time.sleep,
                       rng=random.Random(1))
