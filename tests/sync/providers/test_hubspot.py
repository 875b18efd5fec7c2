"""HubSpot client against the sandbox, real HTTP through httpx.ASGITransport."""

from __future__ import annotations

from collections import Counter

import pytest

from lumio_desktop.sync.errors import RetryableError
from lumio_desktop.sync.providers.base import Mode

from .conftest import read_all, worded

OBJECTS = ("companies", "contacts", "deals")


def live_ids(world, obj):
    return {r.id for r in world.records("hubspot", obj, archived=False)}


def archived_ids(world, obj):
    return {r.id for r in world.records("hubspot", obj, archived=True)}


def once(records):
    counts = Counter(r.external_id for r in records)
    dupes = [i for i, n in counts.items() if n > 1]
    assert not dupes, f"returned more than once: {dupes[:5]}"
    return set(counts)


@pytest.mark.parametrize("obj", OBJECTS)
async def test_initial_pages_through_everything_exactly_once(sandbox_env, obj):
    env = sandbox_env(records=300)
    client = env.client("hubspot")
    records, state, pages = await read_all(client, obj, Mode.INITIAL)
    live = [r for r in records if not r.deleted]
    gone = [r for r in records if r.deleted]
    assert once(live) == live_ids(env.world, obj)
    assert {r.external_id for r in gone} == archived_ids(env.world, obj)
    assert all(r.modified_at is not None and r.modified_at.tzinfo is not None for r in live)
    assert state["phase"] == "done" and state["cursor"]["ts"] == max(r.modified for r in
                                                                      env.world.records("hubspot", obj))
    assert not env.world.internal_errors
    await client.aclose()


async def test_incremental_sees_updates_and_archived_records(sandbox_env):
    env = sandbox_env(records=200)
    w = env.world
    client = env.client("hubspot")
    _, state, _ = await read_all(client, "contacts", Mode.INITIAL)
    ids = sorted(live_ids(w, "contacts"), key=int)
    w.update("hubspot", "contacts", ids[0], {"firstname": "Changed"})
    w.update("hubspot", "contacts", ids[1], {"jobtitle": "CFO"})
    w.archive("hubspot", "contacts", ids[2])
    records, state2, _ = await read_all(client, "contacts", Mode.INCREMENTAL, state)
    by_id = {r.external_id: r for r in records}
    assert by_id[ids[0]].raw["properties"]["firstname"] == "Changed" and not by_id[ids[0]].deleted
    assert by_id[ids[2]].deleted
    assert len(records) <= 5  # only what changed (plus the look-back window's re-reads)

    calls = client.stats.api_calls
    await read_all(client, "contacts", Mode.INCREMENTAL, state2)
    assert client.stats.api_calls - calls <= 2  # a no-op incremental: one search + one archived listing


async def test_records_sharing_a_timestamp_across_page_boundaries(sandbox_env):
    env = sandbox_env(records=50)
    w = env.world
    client = env.client("hubspot")
    client.search_limit = 50
    _, state, _ = await read_all(client, "contacts", Mode.INITIAL)
    t = w.clock.now_ms() + 60_000
    burst = w.create_many("hubspot", "contacts", 130, modified=t)
    after = w.create_many("hubspot", "contacts", 30, modified=t + 1)
    for n, rid in enumerate(sorted(live_ids(w, "contacts"), key=int)[:70]):  # a few more shared instants
        w.update("hubspot", "contacts", rid, {"jobtitle": f"T{n}"}, modified=t - 1 - n % 3)
    records, _, pages = await read_all(client, "contacts", Mode.INCREMENTAL, state)
    got = once(records)
    assert {r.id for r in burst} | {r.id for r in after} <= got
    assert pages > 4


async def test_more_than_10000_records_modified_at_one_instant(sandbox_env):
    env = sandbox_env(records=20)
    w = env.world
    client = env.client("hubspot")
    _, state, _ = await read_all(client, "contacts", Mode.INITIAL)
    t = w.clock.now_ms() + 60_000
    made = w.create_many("hubspot", "contacts", 10_450, modified=t)
    tail = w.create_many("hubspot", "contacts", 5, modified=t + 5)
    records, state2, _ = await read_all(client, "contacts", Mode.INCREMENTAL, state)
    got = once(records)
    assert {r.id for r in made} | {r.id for r in tail} <= got
    assert state2["cursor"]["ts"] == t + 5
    assert not w.internal_errors


async def test_resume_from_any_page_loses_nothing(sandbox_env):
    env = sandbox_env(records=400)
    w = env.world
    client = env.client("hubspot")
    client.list_limit = 37
    client.search_limit = 40
    _, base, _ = await read_all(client, "contacts", Mode.INITIAL)
    t = w.clock.now_ms() + 60_000
    w.create_many("hubspot", "contacts", 150, modified=t)  # forces the narrowing mode mid-run
    w.create_many("hubspot", "contacts", 60, modified=t + 7)
    for mode, start in ((Mode.INITIAL, None), (Mode.INCREMENTAL, base)):
        full, _, _ = await read_all(client, "contacts", mode, start)
        want = {r.external_id for r in full}
        states = []
        async for page in client.pages("contacts", mode, start):
            states.append((page.state, [r.external_id for r in page.records]))
        for k in range(0, len(states), 3):  # "crash" after page k, resume from its stored state
            seen = {i for _, ids in states[:k + 1] for i in ids}
            rest, _, _ = await read_all(client, "contacts", mode, states[k][0])
            assert want <= seen | {r.external_id for r in rest}, f"lost records resuming after page {k}"


@pytest.mark.parametrize("kind", ["429", "429-no-retry-after"])
async def test_429_storms_are_waited_out(sandbox_env, fake_time, kind):
    env = sandbox_env(records=300, hubspot_retry_after="always")
    env.world.faults.add("hubspot", kind, rate=0.4)
    client = env.client("hubspot")
    records, _, _ = await read_all(client, "contacts", Mode.INITIAL)
    assert once([r for r in records if not r.deleted]) == live_ids(env.world, "contacts")
    assert client.stats.rate_limited > 0
    if kind == "429":
        assert 10.0 in fake_time.sleeps  # the sandbox's Retry-After for the ten-second window


async def test_5xx_and_resets_are_retried(sandbox_env):
    env = sandbox_env(records=300)
    for kind in ("500", "503", "reset", "timeout"):
        env.world.faults.add("hubspot", kind, rate=0.15, count=4)
    client = env.client("hubspot")
    records, _, _ = await read_all(client, "contacts", Mode.INITIAL)
    assert once([r for r in records if not r.deleted]) == live_ids(env.world, "contacts")
    assert client.stats.retries >= 4


async def test_a_malformed_page_is_retried_or_fails_loudly(sandbox_env):
    env = sandbox_env(records=300)
    env.world.faults.add("hubspot", "malformed", count=2)
    client = env.client("hubspot")
    records, _, _ = await read_all(client, "contacts", Mode.INITIAL)
    assert once([r for r in records if not r.deleted]) == live_ids(env.world, "contacts")

    env.world.faults.add("hubspot", "malformed", path="/crm/v3/objects/contacts")
    states = []
    with pytest.raises(RetryableError, match="malformed"):
        async for page in client.pages("contacts", Mode.INITIAL, None):
            states.append(page.state)
    assert states == []  # nothing half-read was handed over


async def test_fetch_reads_live_archived_and_purged_ids(sandbox_env):
    env = sandbox_env(records=100)
    w = env.world
    client = env.client("hubspot")
    ids = sorted(live_ids(w, "contacts"), key=int)
    w.archive("hubspot", "contacts", ids[1])
    w.purge("hubspot", "contacts", ids[2])
    got = await client.fetch("contacts", [ids[0], ids[1], ids[2]])
    assert [(r.external_id, r.deleted) for r in got] == [(ids[0], False), (ids[1], True), (ids[2], True)]
    assert got[0].raw["properties"]["email"] == w.get("hubspot", "contacts", ids[0]).data.get("email")


async def test_push_updates_upserts_and_reports_record_errors(sandbox_env):
    from lumio_desktop.sync.providers.base import PushChange

    env = sandbox_env(records=50)
    w = env.world
    client = env.client("hubspot")
    ids = sorted(live_ids(w, "contacts"), key=int)
    changes = [
        PushChange("contacts", 1, ids[0], {"jobtitle": "Head of Ops"}),
        PushChange("contacts", 2, None, {"email": "new.person@example.com", "firstname": "New"}),
        PushChange("contacts", 3, ids[1], {"lifecyclestage": "not-a-stage"}),
        PushChange("contacts", 4, "999999999", {"jobtitle": "Ghost"}),
    ]
    results = await client.push("contacts", changes)
    assert [r.local_id for r in results] == [1, 2, 3, 4]
    assert results[0].ok and w.get("hubspot", "contacts", ids[0]).data["jobtitle"] == "Head of Ops"
    assert results[0].modified_at is not None
    assert results[1].ok and results[1].external_id
    assert not results[2].ok and "lifecyclestage" in results[2].error
    assert not results[3].ok and results[3].error
    worded(results[2].error), worded(results[3].error)
    again = await client.push("contacts", [changes[1]])  # a retried create does not duplicate
    assert again[0].external_id == results[1].external_id


async def test_precheck_and_reference_cache(sandbox_env):
    env = sandbox_env(records=20)
    client = env.client("hubspot")
    check = await client.precheck()
    assert check.ok and "HubSpot" in check.message
    worded(check.message)
    await client.owners()
    await client.owners()
    assert client.stats.cache_misses == 1 and client.stats.cache_hits == 1
    bad = env.client("hubspot", auth=__import__("lumio_desktop.sync.http", fromlist=["x"]).StaticTokenAuth("nope-nope"))
    check = await bad.precheck()
    assert not check.ok and "reconnect" in check.message
    worded(check.message)


async def test_oauth_token_expiring_mid_sync_is_refreshed_then_retried(sandbox_env):
    import time

    from lumio_desktop.auth.memory_keyring import MemoryKeyring
    from lumio_desktop.auth.providers import HUBSPOT_SCOPES, get_spec
    from lumio_desktop.auth.session import ConnectionAuth
    from lumio_desktop.auth.tokens import TokenClient
    from lumio_desktop.auth.vault import Credentials, TokenVault

    env = sandbox_env(records=400)
    w = env.world
    app = w.clients["hubspot"]
    rt = w.tokens.issue_refresh("hubspot", app.client_id, list(HUBSPOT_SCOPES))
    first = w.tokens.issue_access("hubspot", "oauth", app.client_id, list(HUBSPOT_SCOPES), 1800, rt.value)
    vault = TokenVault(backend=MemoryKeyring())
    vault.set(1, Credentials(access_token=first.value, refresh_token=rt.value, expires_at=time.time() + 1800,
                             client_id=app.client_id, client_secret=app.client_secret))
    spec = get_spec("hubspot")
    tokens = TokenClient(spec, spec.endpoints(base_url=env.base_url), app.client_id, app.client_secret,
                         transport=env.transport)
    auth = ConnectionAuth(1, spec, vault, tokens)
    client = env.client("hubspot", auth=auth)
    got = []
    async for page in client.pages("contacts", Mode.INITIAL, None):
        got.extend(page.records)
        if len(got) == 100:
            w.faults.add("hubspot", "expire", count=1)  # the token dies early, between two pages
    assert once([r for r in got if not r.deleted]) == live_ids(w, "contacts")
    assert auth.refresh_count == 1 and vault.get(1).access_token != first.value


async def test_archived_scan_every_n_seconds_owes_skipped_windows(sandbox_env):
    env = sandbox_env(records=300)
    w = env.world
    client = env.client("hubspot", archived_scan_seconds=3600)
    wall = [1_000_000.0]
    client.wall = lambda: wall[0]
    _, state, _ = await read_all(client, "contacts", Mode.INITIAL)
    victim = sorted(live_ids(w, "contacts"), key=int)[5]
    w.archive("hubspot", "contacts", victim)
    calls = client.stats.api_calls
    records, state, _ = await read_all(client, "contacts", Mode.INCREMENTAL, state)
    assert client.stats.api_calls - calls == 1  # search only: scanned the archive minutes ago
    assert victim not in {r.external_id for r in records if r.deleted}
    assert state["archived_pending"] is not None
    wall[0] += 4000
    records, state, _ = await read_all(client, "contacts", Mode.INCREMENTAL, state)
    assert victim in {r.external_id for r in records if r.deleted}  # the skipped window was not lost
    assert "archived_pending" not in state


async def test_short_search_pages_that_still_carry_paging_next_do_not_end_the_read(fake_time, fast_retry):
    """Real HubSpot can answer fewer results than `limit` and still say there is more (CONTRACTS 4.2). A tiny
    search server that does exactly that (the sandbox always fills its pages)."""
    import json

    import httpx

    from lumio_desktop.sync.http import ProviderHttp, StaticTokenAuth
    from lumio_desktop.sync.providers import hubspot
    from lumio_desktop.sync.ratelimit import RateLimiter

    rows = [(1_700_000_000_000 + n // 7, str(1000 + n)) for n in range(500)]  # 7 records share each instant

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        match = rows
        for f in body["filterGroups"][0]["filters"]:
            v = int(f["value"])
            key = 0 if f["propertyName"] == "lastmodifieddate" else 1
            op = {"GTE": int.__ge__, "GT": int.__gt__, "EQ": int.__eq__}[f["operator"]]
            match = [r for r in match if op(int(r[key]), v)]
        if body["sorts"][0]["propertyName"] == "hs_object_id":
            match = sorted(match, key=lambda r: int(r[1]))
        page = match[:body["limit"] // 3]  # short, but more is left
        out = {"total": len(match), "results": [
            {"id": i, "properties": {"lastmodifieddate": str(ts), "hs_object_id": i}, "archived": False,
             "createdAt": "2024-01-01T00:00:00.000Z", "updatedAt": "2024-01-01T00:00:00.000Z"} for ts, i in page]}
        if len(match) > len(page):
            out["paging"] = {"next": {"after": str(len(page))}}
        return httpx.Response(200, json=out)

    http = ProviderHttp(provider="hubspot", base_url="https://api.example", auth=StaticTokenAuth("t" * 20),
                        table=hubspot.ERRORS, limiter=RateLimiter(sleep=fake_time.sleep, clock=fake_time.clock),
                        transport=httpx.MockTransport(handler), retry=fast_retry)
    client = hubspot.HubSpotClient(http, search_limit=30)
    state = {"v": 1, "run": "incremental", "phase": "done", "cursor": {"ts": 1_600_000_000_000, "ids": []}}
    got = []
    async for page in client.pages("contacts", Mode.INCREMENTAL, state):
        got.extend(page.records)
        if page.state["phase"] != "search":
            break  # the archived listing is not served here
    assert once(got) == {i for _, i in rows}


@pytest.mark.parametrize("lookback", [0, 300])
async def test_the_look_back_window_catches_a_write_search_indexed_late(sandbox_env, fake_time, lookback):
    """Search is eventually consistent: a change can become searchable after a later one already moved the cursor."""
    env = sandbox_env(records=50, hubspot_index_delay=30.0)
    w = env.world
    client = env.client("hubspot", lookback_seconds=lookback)
    _, state, _ = await read_all(client, "contacts", Mode.INITIAL)
    a, b = sorted(live_ids(w, "contacts"), key=int)[:2]
    now = w.clock.now_ms()
    w.update("hubspot", "contacts", b, {"jobtitle": "B"}, modified=now + 100_000)
    await fake_time.sleep(31)  # B is searchable now
    w.update("hubspot", "contacts", a, {"jobtitle": "A"}, modified=now + 90_000)  # older stamp, indexed later
    records, state, _ = await read_all(client, "contacts", Mode.INCREMENTAL, state)
    assert b in {r.external_id for r in records} and a not in {r.external_id for r in records}
    await fake_time.sleep(31)  # A is searchable now, behind the cursor
    records, _, _ = await read_all(client, "contacts", Mode.INCREMENTAL, state)
    assert (a in {r.external_id for r in records}) is (lookback > 0)


async def test_changes_during_an_interrupted_initial_reach_the_next_incremental(sandbox_env):
    env = sandbox_env(records=300)
    w = env.world
    client = env.client("hubspot", list_limit=50)
    states, first_ids = [], []
    async for page in client.pages("contacts", Mode.INITIAL, None):
        states.append(page.state)
        if len(states) == 1:
            first_ids = [r.external_id for r in page.records]
            w.update("hubspot", "contacts", first_ids[0], {"jobtitle": "changed after it was read"})
        if len(states) == 2:
            break  # the process dies
    _, done, _ = await read_all(client, "contacts", Mode.INITIAL, states[1])
    records, _, _ = await read_all(client, "contacts", Mode.INCREMENTAL, done)
    changed = [r for r in records if r.external_id == first_ids[0]]
    assert changed and changed[0].raw["properties"]["jobtitle"] == "changed after it was read"
