"""Fixtures of the fault-survival suite (the world itself lives in world.py)."""

from __future__ import annotations

import pytest

from .world import FaultWorld


@pytest.fixture
async def fw(store, settings):
    """A FaultWorld factory; every world's service is closed at the end."""
    made: list[FaultWorld] = []

    async def make(**kw) -> FaultWorld:
        w = FaultWorld(store, settings, **kw)
        await w.service.start()
        made.append(w)
        return w

    yield make
    for w in made:
        await w.service.aclose()
