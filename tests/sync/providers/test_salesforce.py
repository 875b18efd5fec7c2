"""Salesforce client against the sandbox: queryAll paging, IsDeleted, compound cursor, session refresh, limits."""

from __future__ import annotations

from collections import Counter

import pytest

from lumio_desktop.sync.errors import FatalError
from lumio_desktop.sync.providers.base import Mode, PushChange

from .conftest import read_all, worded

OBJECTS = ("Account", "Contact", "Lead", "Opportunity")


def once(records):
    counts = Counter(r.external_id for r in records)
    assert not [i for i, n in counts.items() if n > 1], "a record came back twice"
    return set(counts)


def ids(world, obj, archived=False):
    return {r.id for r in world.records("salesforce", obj, archived=archived)}


def sf_id(world, obj, rec):
    return world.render("salesforce", obj, rec)["Id"]


@pytest.mark.parametrize("obj", OBJECTS)
async def test_initial_pages_through_everything_with_deleted_rows(sandbox_env, obj):
    env = sandbox_env(records=300, salesforce_query_batch=200)
    client = env.client("salesforce")
    records, state, pages = await read_all(client, obj, Mode.INITIAL)
    got = once(records)
    live = {sf_id(env.world, obj, r) for r in env.world.records("salesforce", obj, archived=False)}
    gone = {sf_id(env.world, obj, r) for r in env.world.records("salesforce", obj, archived=True)}
    assert got == live | gone
    assert {r.external_id for r in records if r.deleted} == gone
    assert state["phase"] == "done"
    assert not env.world.internal_errors


async def test_incremental_with_shared_timestamps_across_pages_and_resume(sandbox_env):
    env = sandbox_env(records=200, salesforce_query_batch=200)
    w = env.world
    client = env.client("salesforce")
    _, state, _ = await read_all(client, "Lead", Mode.INITIAL)
    t = w.clock.now_ms() + 60_000
    t -= t % 1000  # Salesforce stamps are whole seconds
    burst = w.create_many("salesforce", "Lead", 450, modified=t)
    later = w.create_many("salesforce", "Lead", 20, modified=t + 1000)
    want = {sf_id(w, "Lead", r) for r in burst + later}
    full, _, pages = await read_all(client, "Lead", Mode.INCREMENTAL, state)
    assert want <= once(full) and pages >= 3

    steps = []
    async for page in client.pages("Lead", Mode.INCREMENTAL, state):
        steps.append((page.state, [r.external_id for r in page.records]))
    for k in range(len(steps) - 1):  # crash after page k: the resumed run re-queries from the compound cursor
        before = [i for _, got in steps[:k + 1] for i in got]
        rest, _, _ = await read_all(client, "Lead", Mode.INCREMENTAL, steps[k][0])
        after = [r.external_id for r in rest]
        assert want <= set(before) | set(after)
        assert not (set(before) & set(after)) - {sf_id(w, "Lead", r) for r in w.records("salesforce", "Lead")
                                                 if r.modified < t}, "re-read records at the boundary"


async def test_deleted_in_salesforce_comes_back_deleted(sandbox_env):
    env = sandbox_env(records=100)
    w = env.world
    client = env.client("salesforce")
    _, state, _ = await read_all(client, "Contact", Mode.INITIAL)
    victim = w.records("salesforce", "Contact")[3]
    w.delete("salesforce", "Contact", victim.id)
    records, _, _ = await read_all(client, "Contact", Mode.INCREMENTAL, state)
    mine = [r for r in records if r.external_id == sf_id(w, "Contact", victim)]
    assert len(mine) == 1 and mine[0].deleted and mine[0].raw["IsDeleted"] is True


async def test_session_expiring_mid_sync_refreshes_then_retries(sandbox_env):
    from lumio_desktop.auth.memory_keyring import MemoryKeyring
    from lumio_desktop.auth.providers import get_spec
    from lumio_desktop.auth.session import ConnectionAuth
    from lumio_desktop.auth.tokens import TokenClient
    from lumio_desktop.auth.vault import Credentials, TokenVault

    env = sandbox_env(records=300, salesforce_query_batch=200)
    w = env.world
    app = w.clients["salesforce"]
    rt = w.tokens.issue_refresh("salesforce", app.client_id, ["api", "refresh_token"])
    first = w.tokens.issue_access("salesforce", "oauth", app.client_id, ["api", "refresh_token"], None, rt.value)
    vault = TokenVault(backend=MemoryKeyring())
    vault.set(1, Credentials(access_token=first.value, refresh_token=rt.value, client_id=app.client_id,
                             client_secret=app.client_secret))
    spec = get_spec("salesforce")
    tokens = TokenClient(spec, spec.endpoints(base_url=env.base_url), app.client_id, app.client_secret,
                         transport=env.transport)
    auth = ConnectionAuth(1, spec, vault, tokens)
    client = env.client("salesforce", auth=auth)
    got = []
    async for page in client.pages("Lead", Mode.INITIAL, None):
        got.extend(page.records)
        w.tokens.expire("salesforce", token=first.value)  # the session ends between two pages
    assert once(got) == {sf_id(w, "Lead", r) for r in w.records("salesforce", "Lead", archived=None)}
    assert auth.refresh_count == 1
    assert vault.get(1).access_token != first.value


async def test_request_limit_exceeded_stops_with_a_clear_message(sandbox_env):
    env = sandbox_env(records=300, salesforce_query_batch=200, rate_limits=True, salesforce_daily_limit=1)
    guarded = env.client("salesforce")  # reads Sforce-Limit-Info and stops before the org runs dry
    with pytest.raises(FatalError, match="nearly used up") as e:
        await read_all(guarded, "Lead", Mode.INITIAL)
    assert e.value.provider_code == "REQUEST_LIMIT_EXCEEDED"
    env.world.limits.reset()
    unguarded = env.client("salesforce", limiter=env.limiter("salesforce", stop_fraction=2.0))
    with pytest.raises(FatalError, match="API request limit") as e:  # the org's own 403 answer
        await read_all(unguarded, "Lead", Mode.INITIAL)
    assert e.value.provider_code == "REQUEST_LIMIT_EXCEEDED" and e.value.status == 403


async def test_5xx_and_resets_are_retried(sandbox_env):
    env = sandbox_env(records=300, salesforce_query_batch=200)
    for kind in ("500", "503", "reset", "malformed"):
        env.world.faults.add("salesforce", kind, rate=0.3, count=3)
    client = env.client("salesforce")
    records, _, _ = await read_all(client, "Lead", Mode.INITIAL)
    assert len(once(records)) == len(env.world.records("salesforce", "Lead", archived=None))
    assert client.stats.retries >= 3


async def test_fetch_and_push(sandbox_env):
    env = sandbox_env(records=50)
    w = env.world
    client = env.client("salesforce")
    live = w.records("salesforce", "Contact")
    a, b = sf_id(w, "Contact", live[0]), sf_id(w, "Contact", live[1])
    w.delete("salesforce", "Contact", live[1].id)
    got = await client.fetch("Contact", [a, b, "003000000000000AAA"])
    assert [(r.external_id, r.deleted) for r in got] == [(a, False), (b, True), ("003000000000000AAA", True)]

    results = await client.push("Contact", [
        PushChange("Contact", 1, a, {"Title": "VP Sales"}),
        PushChange("Contact", 2, None, {"LastName": "Nova", "Email": "nova@example.com", "Lumio_ID__c": "2"}),
        PushChange("Contact", 3, None, {"Email": "nolastname@example.com", "Lumio_ID__c": "3"}),
    ])
    assert results[0].ok and results[0].modified_at is not None
    assert results[1].ok and results[1].external_id and results[1].raw["LastName"] == "Nova"
    assert not results[2].ok and "LastName" in results[2].error
    worded(results[2].error)
    again = await client.push("Contact", [PushChange("Contact", 2, None, {"LastName": "Nova", "Lumio_ID__c": "2"})])
    assert again[0].external_id == results[1].external_id  # upsert on Lumio_ID__c: no duplicate


async def test_precheck_reports_the_budget(sandbox_env):
    env = sandbox_env(records=10)
    check = await env.client("salesforce").precheck()
    assert check.ok and "API calls left" in check.message
    worded(check.message)


async def test_a_record_changed_mid_read_never_moves_the_cursor_past_unread_records(sandbox_env):
    """The sandbox's query cursors re-read rows when a page is fetched, so a row changed mid-read comes back with a
    new SystemModstamp ahead of rows not read yet; a cursor taken from it would skip them on resume."""
    env = sandbox_env(records=1000, salesforce_query_batch=200)
    w = env.world
    client = env.client("salesforce")
    by_stamp = sorted(w.records("salesforce", "Lead", archived=None), key=lambda r: (r.modified, r.num))
    target = by_stamp[500]  # read on the third page
    states, seen = [], set()
    async for page in client.pages("Lead", Mode.INITIAL, None):
        seen |= {r.external_id for r in page.records}
        states.append(page.state)
        if len(states) == 1:
            w.update("salesforce", "Lead", target.id, {"Title": "Changed mid-read"})
        if len(states) == 3:
            break  # the process dies here; the stored state is states[2]
    rest, _, _ = await read_all(client, "Lead", Mode.INITIAL, states[2])
    want = {sf_id(w, "Lead", r) for r in w.records("salesforce", "Lead", archived=None)}
    assert want <= seen | {r.external_id for r in rest}
