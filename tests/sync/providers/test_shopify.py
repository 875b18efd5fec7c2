"""Shopify client against the sandbox: Link page_info paging, shop-offset timestamps, deletions, leaky bucket."""

from __future__ import annotations

from collections import Counter
from datetime import UTC

import pytest

from lumio_desktop.sync.errors import RetryableError
from lumio_desktop.sync.providers.base import Mode, PushChange

from .conftest import read_all, worded


def once(records):
    counts = Counter(r.external_id for r in records)
    assert not [i for i, n in counts.items() if n > 1], "a customer came back twice"
    return set(counts)


def live(world):
    return {r.id for r in world.records("shopify", "customers")}


async def test_initial_reads_every_customer_once_in_utc(sandbox_env):
    env = sandbox_env(records=600, shopify_utc_offset_minutes=-240)
    client = env.client("shopify")
    records, state, pages = await read_all(client, "customers", Mode.INITIAL)
    assert once([r for r in records if not r.deleted]) == live(env.world)
    r = next(r for r in records if not r.deleted)
    assert r.raw["updated_at"].endswith("-04:00") and r.modified_at.tzinfo == UTC
    assert int(r.modified_at.timestamp()) * 1000 == env.world.get("shopify", "customers", r.external_id).modified // \
        1000 * 1000
    assert state["phase"] == "done" and pages >= 3


async def test_incremental_shared_seconds_deletions_and_resume(sandbox_env):
    env = sandbox_env(records=100)
    w = env.world
    client = env.client("shopify", page_size=50)
    _, state, _ = await read_all(client, "customers", Mode.INITIAL)
    t = w.clock.now_ms() + 60_000
    t -= t % 1000
    burst = w.create_many("shopify", "customers", 170, modified=t)
    later = w.create_many("shopify", "customers", 15, modified=t + 1000)
    gone = sorted(live(w))[:2]
    for cid in gone:
        w.delete("shopify", "customers", cid)
    want = {r.id for r in burst + later}
    records, _, _ = await read_all(client, "customers", Mode.INCREMENTAL, state)
    assert want <= once([r for r in records if not r.deleted])
    assert set(gone) <= {r.external_id for r in records if r.deleted}

    steps = []
    async for page in client.pages("customers", Mode.INCREMENTAL, state):
        steps.append((page.state, {r.external_id for r in page.records if not r.deleted}))
    for k in range(len(steps) - 1):  # crash after page k, resume from its stored state
        before = set().union(*(ids for _, ids in steps[:k + 1]))
        rest, _, _ = await read_all(client, "customers", Mode.INCREMENTAL, steps[k][0])
        assert want <= before | {r.external_id for r in rest if not r.deleted}, f"lost records after page {k}"


async def test_a_customer_deleted_during_the_initial_scan_is_reported(sandbox_env):
    env = sandbox_env(records=300)
    w = env.world
    client = env.client("shopify", page_size=100)
    first_page_ids: list[str] = []
    deleted: list[str] = []
    state = None
    async for page in client.pages("customers", Mode.INITIAL, None):
        if not first_page_ids:
            first_page_ids = [r.external_id for r in page.records]
            w.delete("shopify", "customers", first_page_ids[0])  # already read: only an event can tell
        deleted += [r.external_id for r in page.records if r.deleted]
        state = page.state
    records, _, _ = await read_all(client, "customers", Mode.INCREMENTAL, state)
    deleted += [r.external_id for r in records if r.deleted]
    assert first_page_ids[0] in deleted


async def test_leaky_bucket_paces_without_429(sandbox_env):
    env = sandbox_env(records=400, rate_limits=True, shopify_bucket_size=10, shopify_leak_rate=2.0)
    client = env.client("shopify", page_size=5)
    records, _, _ = await read_all(client, "customers", Mode.INITIAL)
    assert once([r for r in records if not r.deleted]) == live(env.world)
    assert client.stats.rate_limited == 0 and client.stats.api_calls > 60


@pytest.mark.parametrize("kind", ["429", "429-no-retry-after"])
async def test_429_storm_is_waited_out(sandbox_env, fake_time, kind):
    env = sandbox_env(records=400)
    env.world.faults.add("shopify", kind, rate=0.5)
    client = env.client("shopify", page_size=50)
    records, _, _ = await read_all(client, "customers", Mode.INITIAL)
    assert once([r for r in records if not r.deleted]) == live(env.world)
    assert client.stats.rate_limited > 0
    if kind == "429":
        assert 2.0 in fake_time.sleeps


async def test_5xx_resets_and_malformed_pages(sandbox_env):
    env = sandbox_env(records=300)
    for kind in ("500", "503", "reset", "malformed"):
        env.world.faults.add("shopify", kind, rate=0.3, count=3)
    client = env.client("shopify", page_size=50)
    records, _, _ = await read_all(client, "customers", Mode.INITIAL)
    assert once([r for r in records if not r.deleted]) == live(env.world)
    env.world.faults.add("shopify", "malformed", path="/admin/api")
    with pytest.raises(RetryableError, match="malformed"):
        await read_all(client, "customers", Mode.INITIAL)


async def test_fetch_and_push(sandbox_env):
    env = sandbox_env(records=30)
    w = env.world
    client = env.client("shopify")
    ids = sorted(live(w))
    w.delete("shopify", "customers", ids[1])
    got = await client.fetch("customers", [ids[0], ids[1]])
    assert [(r.external_id, r.deleted) for r in got] == [(ids[0], False), (ids[1], True)]
    results = await client.push("customers", [
        PushChange("customers", 1, ids[0], {"note": "VIP since 2024"}),
        PushChange("customers", 2, ids[1], {"note": "gone"}),
        PushChange("customers", 3, None, {"email": "not-an-email", "first_name": "X"}),
    ])
    assert results[0].ok and results[0].raw["note"] == "VIP since 2024" and results[0].modified_at is not None
    assert not results[1].ok and "no longer exists" in results[1].error
    assert not results[2].ok and "email" in results[2].error
    worded(results[1].error), worded(results[2].error)


async def test_precheck(sandbox_env):
    env = sandbox_env(records=5)
    check = await env.client("shopify").precheck()
    assert check.ok and check.account == env.world.config.shopify_shop
    env.world.tokens.revoke("shopify")
    check = await env.client("shopify").precheck()
    assert not check.ok and "reconnect" in check.message
    worded(check.message)


async def test_more_deletions_than_one_events_page(sandbox_env):
    env = sandbox_env(records=300)
    w = env.world
    client = env.client("shopify", page_size=50)
    _, state, _ = await read_all(client, "customers", Mode.INITIAL)
    gone = sorted(live(w))[:120]
    for cid in gone:
        w.delete("shopify", "customers", cid)
    records, _, _ = await read_all(client, "customers", Mode.INCREMENTAL, state)
    assert set(gone) <= {r.external_id for r in records if r.deleted}


async def test_a_customer_changed_mid_read_never_moves_the_cursor_past_unread_ones(sandbox_env):
    env = sandbox_env(records=600)
    w = env.world
    client = env.client("shopify", page_size=100)
    by_stamp = sorted(w.records("shopify", "customers"), key=lambda r: (r.modified, r.num))
    target = by_stamp[350]  # read on the fourth page
    states, seen = [], set()
    async for page in client.pages("customers", Mode.INITIAL, None):
        seen |= {r.external_id for r in page.records if not r.deleted}
        states.append(page.state)
        if len(states) == 1:
            w.update("shopify", "customers", target.id, {"note": "changed mid-read"})
        if len(states) == 3:
            break  # the process dies here
    rest, _, _ = await read_all(client, "customers", Mode.INITIAL, states[2])
    assert live(w) <= seen | {r.external_id for r in rest if not r.deleted}
