"""Connections: static and OAuth creation, refresh through the auth object, single-flight, disconnect."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from sqlalchemy import select

from lumio_desktop.auth.connections import ConnectionExists, ConnectionService
from lumio_desktop.auth.errors import AuthError, OAuthFlowError, ReconnectRequired, VaultError
from lumio_desktop.auth.memory_keyring import MemoryKeyring
from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.store.models import Connection, ConnectionHealth
from lumio_desktop.text import Text, parse
from tests.auth.fake_oauth import FakeOAuth
from tests.auth.helpers import worded
from tests.auth.test_flow import BASE, browse


@pytest.fixture
def fake():
    return FakeOAuth()


@pytest.fixture
def service(store, fake):
    return ConnectionService(store, TokenVault(), transport=httpx.ASGITransport(app=fake.app()))


async def _connect(service, fake, provider="hubspot", **kw):
    flow = service.begin_oauth(provider, fake.client_id, fake.client_secret, base_url=BASE,
                               shop=fake.shop if provider == "shopify" else None, **kw)
    url = await flow.start()
    _, info = await asyncio.gather(browse(fake, url), service.finish_oauth(flow, name=kw.get("name")))
    return info


async def _api(service, fake, info, path):
    """A request through the auth object, retried once after on_unauthorized, as the HTTP layer does."""
    auth = service.auth_for(info.id)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=fake.app()), base_url=BASE) as http:
        r = await http.get(path, headers=await auth.auth_headers())
        if r.status_code == 401 and await auth.on_unauthorized(r):
            r = await http.get(path, headers=await auth.auth_headers())
    return r


def test_static_connections(service, memory_keyring):
    hub = service.create_static("hubspot", "pat-na1-0123456789", client_secret="app-secret-0123456789",
                                portal_id=4242)
    assert service.vault.get(hub.id).client_secret == "app-secret-0123456789" and hub.account == "hub 4242"
    assert (hub.name, hub.base_url, hub.auth_kind) == ("hubspot", "https://api.hubapi.com", "static")
    shop = service.create_static("shopify", "shpat_abcdef0123456789", shop="Acme")
    assert (shop.name, shop.base_url, shop.shop) == ("shopify-acme", "https://acme.myshopify.com", "acme.myshopify.com")
    sf = service.create_static("salesforce", "00Dxx!token123456", base_url="https://acme.my.salesforce.com/")
    assert sf.base_url == "https://acme.my.salesforce.com"
    assert [c.name for c in service.list()] == ["hubspot", "salesforce", "shopify-acme"]
    assert service.vault.get(hub.id).access_token == "pat-na1-0123456789"
    with pytest.raises(AuthError, match="instance URL") as e:
        service.create_static("salesforce", "tok12345678")
    worded(e.value)
    with pytest.raises(AuthError, match="one shop") as e:
        service.create_static("shopify", "shpat_1234567890")
    worded(e.value)
    with pytest.raises(AuthError, match="spaces") as e:
        service.create_static("hubspot", "pat one", name="x")
    worded(e.value)
    with pytest.raises(ConnectionExists) as e:
        service.create_static("hubspot", "pat-na1-0123456789", name="hubspot")
    worded(e.value)
    assert len(service.list()) == 3 and len(memory_keyring.entries()) == 3


class _Refusing(MemoryKeyring):
    def set_password(self, *a):
        from keyring.errors import KeyringError

        raise KeyringError("locked")


def test_vault_refusal_leaves_no_row(store):
    service = ConnectionService(store, TokenVault(_Refusing()))
    with pytest.raises(VaultError) as e:
        service.create_static("hubspot", "pat-na1-0123456789")
    worded(e.value)
    assert service.list() == []


@pytest.mark.parametrize("provider", ["hubspot", "salesforce", "shopify"])
async def test_oauth_connection_and_calls(service, fake, provider, store):
    info = await _connect(service, fake, provider)
    assert info.auth_kind == "oauth" and info.health == "unknown"
    assert service.vault.get(info.id).client_secret == fake.client_secret  # kept: webhooks are signed with it
    if provider == "salesforce":
        assert info.base_url == f"{BASE}/instance" and info.account == "org 00D"
    if provider == "hubspot":
        with store.session() as s:
            assert s.scalars(select(Connection.settings)).one()["portal_id"] == 4242  # for the webhook receiver
    path = {"hubspot": "/api/thing", "salesforce": "/services/data/v59.0/thing",
            "shopify": "/admin/api/2025-01/thing.json"}[provider]
    assert (await _api(service, fake, info, path)).status_code == 200
    # the session/token dies on the server: the next call refreshes once and succeeds
    fake.access_tokens.clear()
    assert (await _api(service, fake, info, path)).status_code == 200
    assert [c["grant_type"] for c in fake.token_calls] == ["authorization_code", "refresh_token"]
    with store.session() as s:
        settings = s.scalars(select(Connection.settings)).one()
    for secret in service.vault.get(info.id).secrets():
        assert secret not in str(settings)


async def test_refresh_ahead_of_expiry_and_rotation_stored_first(service, fake):
    fake.rotate = True
    fake.expires_in = 60  # within the 120 s leeway: every auth_headers() call renews
    info = await _connect(service, fake)
    first_rt = service.vault.get(info.id).refresh_token
    auth = service.auth_for(info.id)
    await auth.auth_headers()
    stored = service.vault.get(info.id)
    assert stored.refresh_token != first_rt and stored.refresh_token in fake.refresh_tokens
    assert first_rt not in fake.refresh_tokens  # rotated: the old one is dead, the new one was stored
    assert (await auth.auth_headers())["Authorization"] == f"Bearer {service.vault.get(info.id).access_token}"


async def test_single_flight_refresh(service, fake):
    info = await _connect(service, fake)
    fake.refresh_delay = 0.2
    fake.access_tokens.clear()
    results = await asyncio.gather(*[_api(service, fake, info, "/api/thing") for _ in range(20)])
    assert all(r.status_code == 200 for r in results)
    assert [c["grant_type"] for c in fake.token_calls].count("refresh_token") == 1
    assert service.auth_for(info.id).refresh_count == 1


async def test_single_flight_ahead_of_expiry(service, fake):
    info = await _connect(service, fake)
    auth = service.auth_for(info.id)
    auth.vault.set(info.id, auth.vault.get(info.id).replace(expires_at=time.time() + 10))  # 10 s left
    fake.refresh_delay = 0.1
    headers = await asyncio.gather(*[auth.auth_headers() for _ in range(10)])
    assert len({h["Authorization"] for h in headers}) == 1 and auth.refresh_count == 1


async def test_revoked_grant_needs_reconnect_with_the_providers_words(service, fake, store):
    info = await _connect(service, fake)
    fake.revoked = True
    fake.access_tokens.clear()
    with pytest.raises(ReconnectRequired) as e:
        await _api(service, fake, info, "/api/thing")
    worded(e.value)
    assert "refresh token is invalid, expired or revoked" in str(e.value) and "reconnect" in str(e.value)
    row = service.get(info.id)
    assert row.health == ConnectionHealth.CONFIG_ERROR and "revoked" in row.health_reason
    assert isinstance(parse(row.health_reason), Text), row.health_reason  # the red light's reason, translatable
    calls = len(fake.token_calls)
    with pytest.raises(ReconnectRequired) as e:  # fails fast afterwards: no hammering of the token endpoint
        await service.auth_for(info.id).auth_headers()
    worded(e.value)
    assert len(fake.token_calls) == calls
    # reconnect: new credentials for the same connection, health back to unknown
    fake.revoked = False
    flow = service.begin_oauth("hubspot", fake.client_id, fake.client_secret, base_url=BASE)
    url = await flow.start()
    engine_side = service.auth_for(info.id)  # e.g. the sync engine's, from before the reconnect
    other = ConnectionService(service.store, service.vault, transport=service._transport)  # the wizard's
    _, again = await asyncio.gather(browse(fake, url), other.finish_oauth(flow, reconnect=info.name))
    assert again.id == info.id and again.health == "unknown"
    assert (await _api(service, fake, again, "/api/thing")).status_code == 200
    assert service.auth_for(info.id) is engine_side and engine_side.needs_reconnect is None  # lives again


async def test_static_token_rejected_says_paste_a_new_one(service, fake):
    info = service.create_static("hubspot", "pat-na1-unknown-000000", base_url=BASE)
    with pytest.raises(ReconnectRequired, match="rejected the access token .*new token") as e:
        await _api(service, fake, info, "/api/thing")
    worded(e.value)


async def test_failed_flows_leave_nothing(service, fake, memory_keyring):
    fake.approve = False
    with pytest.raises(OAuthFlowError, match="not approved") as e:
        await _connect(service, fake)
    worded(e.value)
    fake.approve = True
    flow = service.begin_oauth("hubspot", fake.client_id, fake.client_secret, base_url=BASE, timeout=0.1)
    await flow.start()
    with pytest.raises(OAuthFlowError, match="within 0.1 s") as e:
        await service.finish_oauth(flow)
    worded(e.value)
    assert service.list() == [] and memory_keyring.entries() == []


async def test_disconnect_revokes_and_deletes(service, fake, memory_keyring):
    hub = await _connect(service, fake)
    rt = service.vault.get(hub.id).refresh_token
    report = await service.disconnect(hub.name)
    assert report.revoke == "revoked" and report.secrets_deleted
    assert fake.revoke_calls[-1]["token"] == rt and fake.revoke_calls[-1]["client_secret"] == fake.client_secret
    shop = await _connect(service, fake, "shopify")
    report = await service.disconnect(shop.name)
    assert report.revoke == "revoked" and fake.revoke_calls[-1]["token"].startswith("at-")
    static = service.create_static("hubspot", "pat-na1-0123456789")
    report = await service.disconnect(static.id)
    assert report.revoke.startswith("static token")
    assert service.list() == [] and memory_keyring.entries() == []


async def test_disconnect_keeps_or_deletes_data(service, store):
    from lumio_desktop.store.models import Lead, Provider, RecordLink

    a = service.create_static("hubspot", "pat-na1-0123456789")
    b = service.create_static("shopify", "shpat_0123456789abcdef", shop="acme")
    with store.session() as s:
        only_a, shared, only_b = Lead(email="a@x.io"), Lead(email="s@x.io"), Lead(email="b@x.io")
        s.add_all([only_a, shared, only_b])
        s.flush()
        for conn, prov, lead, ext in [(a, Provider.HUBSPOT, only_a, "1"), (a, Provider.HUBSPOT, shared, "2"),
                                      (b, Provider.SHOPIFY, shared, "3"), (b, Provider.SHOPIFY, only_b, "4")]:
            s.add(RecordLink(connection_id=conn.id, provider=prov, object_type="contacts", external_id=ext,
                             entity="lead", local_id=lead.id))
        s.commit()
    report = await service.disconnect(a.name, delete_data=True)
    assert report.data_deleted == {"lead": 1, "company": 0, "deal": 0}
    live = select(Lead.email).where(Lead.deleted_at.is_(None))
    with store.session() as s:
        assert sorted(s.scalars(live)) == ["b@x.io", "s@x.io"]  # a@ soft-deleted; hygiene purges it later
        assert s.scalars(select(RecordLink.connection_id).distinct()).all() == [b.id]
    await service.disconnect(b.name)  # keep the data
    with store.session() as s:
        assert sorted(s.scalars(live)) == ["b@x.io", "s@x.io"]


async def test_static_token_replaced_after_rejection(service, fake):
    info = service.create_static("hubspot", "pat-na1-unknown-000000", base_url=BASE)
    with pytest.raises(ReconnectRequired, match="--reconnect") as e:
        await _api(service, fake, info, "/api/thing")
    worded(e.value)
    assert service.get(info.id).health == "config_error"
    fake.access_tokens.add("pat-na1-good-0000000")
    again = service.replace_static(info.name, "pat-na1-good-0000000")
    assert again.health == "unknown"
    assert (await _api(service, fake, again, "/api/thing")).status_code == 200


async def test_two_services_never_spend_the_same_rotating_refresh_token(store, fake):
    """The engine's and the wizard's ConnectionService (or a CLI sync in another process, through the keychain)
    share one connection: a rotated refresh token is spent once, the others adopt the stored result."""
    fake.rotate = True
    transport = httpx.ASGITransport(app=fake.app())
    a = ConnectionService(store, TokenVault(), transport=transport)
    b = ConnectionService(store, TokenVault(), transport=transport)
    info = await _connect(a, fake)
    await b.auth_for(info.id).auth_headers()  # b holds the first tokens in memory
    fake.refresh_delay = 0.1
    fake.access_tokens.clear()
    results = await asyncio.gather(*[_api(svc, fake, info, "/api/thing") for svc in (a, b) * 5])
    assert all(r.status_code == 200 for r in results)
    assert [c["grant_type"] for c in fake.token_calls].count("refresh_token") == 1
    # "another process" renews (a), then b meets a 401 with its stale token: it adopts, it does not refresh
    fake.refresh_delay = 0
    fake.access_tokens.clear()
    assert (await _api(a, fake, info, "/api/thing")).status_code == 200
    assert (await _api(b, fake, info, "/api/thing")).status_code == 200
    assert [c["grant_type"] for c in fake.token_calls].count("refresh_token") == 2
    assert b.get(info.id).health == "unknown"
