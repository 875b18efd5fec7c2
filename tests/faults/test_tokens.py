"""The access token expires, or the grant is revoked, in the middle of a sync (sandbox controls fired before the n-th
API request of the job), on OAuth connections of all three providers.

Expiry: the engine refreshes and the job completes, equal to the sandbox. Revocation: the job fails, the connection
turns red (`config_error`) with a reason that says to reconnect, nothing is half-written; after reconnecting (the whole
OAuth sign-in again) the next run resumes and ends equal to the sandbox.
(HubSpot's token expiring twice mid-sync is also in tests/sync/test_e2e_sandbox.py.)"""

from __future__ import annotations

import pytest

from tests.engine_words import unworded

from .world import PROVIDERS, cursors, health, whole_store_problems

CONFIG = {"records": 200, "seed": 21, "shopify_expiring_tokens": True}


@pytest.mark.parametrize("provider", PROVIDERS)
async def test_token_expiring_mid_sync_is_refreshed_and_the_job_completes(fw, store, provider):
    w = await fw(**CONFIG)
    cid = await w.connect_oauth(provider)
    start = w.tap.n
    # Twice: once early, once late in the read (the second refresh proves the first left a usable state).
    w.tap.at[start + 3] = lambda: w.sb.tokens.expire(provider)
    w.tap.at[start + 9] = lambda: w.sb.tokens.expire(provider)
    m = await w.service.run(cid, "initial", "cli")
    assert m.status == "completed", m.error_message
    assert not w.tap.at, "the sync ended before both expiries fired"
    assert w.service._connection_service().auth_for(cid).refresh_count == 2
    assert health(store, cid)[0] == "healthy"
    assert whole_store_problems(store, cid, m.job_id) == [] and w.problems(provider) == []
    assert not unworded(store.path), unworded(store.path)  # every stored sentence can be shown translated


@pytest.mark.parametrize("provider", PROVIDERS)
async def test_grant_revoked_mid_sync_fails_red_then_reconnect_recovers(fw, store, provider):
    w = await fw(**CONFIG)
    cid = await w.connect_oauth(provider)
    w.tap.at[w.tap.n + 6] = lambda: w.sb.tokens.revoke(provider)
    m = await w.service.run(cid, "initial", "cli")
    assert not w.tap.at, "the sync ended before the revocation fired"
    assert m.status == "failed"
    light, reason = health(store, cid)
    print(provider, "->", m.error_message, "| health:", light, reason)
    assert light == "config_error" and "reconnect" in (reason or "").lower(), (light, reason)
    assert "reconnect" in m.error_message.lower() and "Traceback" not in m.error_message
    assert not unworded(store.path), unworded(store.path)  # the red light's reason can be shown translated
    assert whole_store_problems(store, cid, m.job_id) == [] and w.cursor_ahead(provider) == []
    saved = cursors(store, cid)
    assert m.processed_records > 0 and saved, "the pages before the revocation are kept"

    # Without reconnecting, the next run fails the same clear way (and writes nothing).
    again = await w.service.run(cid, "manual", "user")
    assert again.status == "failed" and "reconnect" in again.error_message.lower()
    assert cursors(store, cid) == saved

    await w.connect_oauth(provider, reconnect=cid)
    assert health(store, cid)[0] == "unknown"
    after = await w.service.run(cid, "manual", "user")
    assert after.status == "completed", after.error_message
    assert health(store, cid)[0] == "healthy"
    assert whole_store_problems(store, cid) == [] and w.problems(provider) == []
    assert not unworded(store.path), unworded(store.path)


TOKEN_PATH = {"hubspot": "/oauth", "salesforce": "/services/oauth2", "shopify": "/admin/oauth"}
HICCUP = {"hubspot": "503", "salesforce": "reset", "shopify": "malformed"}  # one kind per provider, all three shown


async def expiry_with_a_token_endpoint_hiccup(fw, provider):
    """The access token expires mid-sync and the token endpoint fails once (503, a reset or a truncated body) when
    Lumio renews it: a fault on one request of the sync, like any other."""
    w = await fw(**CONFIG)
    cid = await w.connect_oauth(provider)

    def expire_and_hiccup():
        w.sb.tokens.expire(provider)
        w.sb.faults.add(provider, HICCUP[provider], count=1, path=TOKEN_PATH[provider])

    w.tap.at[w.tap.n + 3] = expire_and_hiccup
    m = await w.service.run(cid, "initial", "cli")
    assert not w.tap.at and w.fired() == {f"{provider}:{HICCUP[provider]}": 1}
    return w, cid, m


@pytest.mark.parametrize("provider", PROVIDERS)
async def test_a_token_endpoint_hiccup_during_renewal_leaves_the_store_whole_and_the_light_amber(fw, store, provider):
    w, cid, m = await expiry_with_a_token_endpoint_hiccup(fw, provider)
    print(provider, m.status, m.error_message)
    assert m.status in ("completed", "failed")
    assert whole_store_problems(store, cid, m.job_id) == [] and w.cursor_ahead(provider) == []
    if m.status == "failed":
        assert "sign-in service is unavailable" in m.error_message
        assert health(store, cid)[0] == "transient"  # amber, not "reconnect": nothing is wrong with the grant
        assert not unworded(store.path), unworded(store.path)  # the amber reason can be shown translated
        again = await w.service.run(cid, "manual", "user")
        assert again.status == "completed", again.error_message
    assert whole_store_problems(store, cid) == [] and w.problems(provider) == []


@pytest.mark.parametrize("provider", PROVIDERS)
async def test_a_token_endpoint_hiccup_during_renewal_is_retried_and_the_job_completes(fw, store, provider):
    _, _, m = await expiry_with_a_token_endpoint_hiccup(fw, provider)
    assert m.status == "completed", m.error_message
    assert not unworded(store.path), unworded(store.path)
