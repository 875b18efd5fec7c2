"""Connections as the auth layer makes and ends them: a row in the store + secrets in the vault, never half of it.

Public API (the CLI, the connection wizard, the engine's composition):

    service = ConnectionService(store, vault)                  # vault = TokenVault.from_settings(settings)
    info = service.create_static("hubspot", token, name=None, base_url=None, shop=None)
    flow = service.begin_oauth("hubspot", client_id, client_secret, name=None, base_url=None, shop=None)
    url = await flow.start(); open_browser(url)                # print/show url for headless use
    info = await service.finish_oauth(flow, name=None)         # creates the row only after a good token exchange
    info = await service.finish_oauth(flow, reconnect=id)      # or: new credentials for an existing connection
    auth = service.auth_for(connection_id)                     # ConnectionAuth, one per connection (single-flight)
    report = await service.disconnect("name", delete_data=False)
    rows = service.list()                                      # dicts without any secret

`ConnectionInfo` (a dict-like dataclass): id, name, provider, base_url, shop, auth_kind, health, health_reason,
account, created_at. `mark_reconnect(connection_id, message)` sets health to config_error ("needs reconnect").

Ordering that keeps "no half-made connection": the row is inserted and flushed in an open transaction, the
secrets written to the vault, then the transaction commits; if the vault refuses, the transaction rolls back; if
the commit fails, the vault item is deleted again.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from lumio_desktop.auth import words
from lumio_desktop.auth.errors import AuthError
from lumio_desktop.auth.flow import OAuthFlow, OAuthResult
from lumio_desktop.auth.providers import Endpoints, get_spec, normalize_shop
from lumio_desktop.auth.redact import redact_text
from lumio_desktop.auth.session import ConnectionAuth
from lumio_desktop.auth.tokens import TokenClient, TokenGrant
from lumio_desktop.auth.vault import Credentials, TokenVault
from lumio_desktop.errors import LumioError

log = logging.getLogger(__name__)


class ConnectionNotFound(LumioError):
    pass


class ConnectionExists(LumioError):
    pass


@dataclass
class ConnectionInfo:
    id: int
    name: str
    provider: str
    base_url: str
    shop: str | None
    auth_kind: str
    health: str
    health_reason: str | None
    account: str | None
    created_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["created_at"] = self.created_at.isoformat() if self.created_at else None
        return d


@dataclass
class DisconnectReport:
    name: str
    revoke: str  # "revoked", "not supported", "static token: nothing to revoke", or why not
    secrets_deleted: bool
    data_deleted: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _models():
    from lumio_desktop.store import models  # imported late: the auth layer's core does not need the store

    return models


def _info(c) -> ConnectionInfo:
    return ConnectionInfo(
        id=c.id, name=c.name, provider=str(c.provider.value if hasattr(c.provider, "value") else c.provider),
        base_url=c.base_url, shop=c.shop, auth_kind=c.auth_kind,
        health=str(c.health.value if hasattr(c.health, "value") else c.health), health_reason=c.health_reason,
        account=c.account_label, created_at=c.created_at,
    )


def default_api_base(provider: str, shop: str | None) -> str | None:
    if provider == "hubspot":
        return "https://api.hubapi.com"
    if provider == "shopify" and shop:
        return f"https://{shop}"
    return None  # Salesforce: the instance URL is per org


class ConnectionService:
    def __init__(self, store, vault: TokenVault, *, transport: httpx.AsyncBaseTransport | None = None):
        self.store = store
        self.vault = vault
        self._transport = transport  # tests: the sandbox in-process
        self._auths: dict[int, ConnectionAuth] = {}

    # ----- reading
    def list(self) -> list[ConnectionInfo]:
        m = _models()
        with self.store.session() as s:
            return [_info(c) for c in s.scalars(select(m.Connection).order_by(m.Connection.name))]

    def get(self, name_or_id: str | int) -> ConnectionInfo:
        return _info(self._row(name_or_id))

    def _row(self, name_or_id: str | int, session=None):
        m = _models()
        own = session is None
        s = session or self.store.session()
        try:
            q = select(m.Connection)
            if isinstance(name_or_id, int) or str(name_or_id).isdigit():
                q = q.where((m.Connection.id == int(name_or_id)) | (m.Connection.name == str(name_or_id)))
            else:
                q = q.where(m.Connection.name == name_or_id)
            row = s.scalars(q).first()
            if row is None:
                names = ", ".join(s.scalars(select(m.Connection.name)))
                raise ConnectionNotFound(words.NO_CONNECTION(name=repr(name_or_id), names=names) if names
                                         else words.NO_CONNECTION_YET(name=repr(name_or_id)))
            return row
        finally:
            if own:
                s.close()

    def _free_name(self, s, wanted: str | None, provider: str, shop: str | None) -> str:
        m = _models()
        taken = set(s.scalars(select(m.Connection.name)))
        if wanted:
            if wanted in taken:
                raise ConnectionExists(words.NAME_TAKEN_RECONNECT(name=repr(wanted)))
            return wanted
        base = f"{provider}-{shop.split('.')[0]}" if shop else provider
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        return name

    def check_name_free(self, name: str | None) -> None:
        """Fail before the browser opens, not after the person approved."""
        if name:
            with self.store.session() as s:
                self._free_name(s, name, "", None)

    # ----- creating
    def _create(self, *, provider: str, name: str | None, base_url: str, shop: str | None, auth_kind: str,
                credentials: Credentials, settings: dict[str, Any], account: str | None) -> ConnectionInfo:
        m = _models()
        with self.store.session() as s:
            final_name = self._free_name(s, name, provider, shop)
            row = m.Connection(
                name=final_name, provider=m.Provider(provider), base_url=base_url.rstrip("/"), shop=shop,
                auth_kind=auth_kind, account_label=account, settings=settings,
                health=m.ConnectionHealth.UNKNOWN,
            )
            s.add(row)
            try:
                s.flush()
            except IntegrityError:
                s.rollback()
                raise ConnectionExists(words.NAME_TAKEN(name=repr(final_name))) from None
            self.vault.set(row.id, credentials)  # a VaultError here rolls the row back with the session
            try:
                s.commit()
            except Exception:
                self.vault.delete(row.id)
                raise
            info = _info(row)
        log.info("connection %s (%s) created, %s", info.name, provider, auth_kind)
        return info

    def create_static(self, provider: str, token: str, *, name: str | None = None, base_url: str | None = None,
                      shop: str | None = None, client_secret: str | None = None,
                      portal_id: int | None = None) -> ConnectionInfo:
        """HubSpot private-app token, Shopify admin API token, Salesforce access token + instance URL.

        `client_secret`: the app's secret, kept in the vault only to check webhook signatures (HubSpot v3, Shopify).
        `portal_id`: the HubSpot account id, so that webhooks find this connection."""
        spec = get_spec(provider)
        token = (token or "").strip()
        if not token:
            raise AuthError(words.TOKEN_EMPTY(provider=spec.label))
        if any(ch.isspace() for ch in token):
            raise AuthError(words.TOKEN_SPACES(provider=spec.label))
        shop = normalize_shop(shop) if shop else None
        if spec.name == "shopify" and not shop:
            raise AuthError(words.SHOPIFY_NEEDS_SHOP())
        base = base_url or default_api_base(spec.name, shop)
        if not base:
            raise AuthError(words.SALESFORCE_NEEDS_URL())
        _check_url(base)
        settings: dict[str, Any] = {"auth": {"kind": "static"}}
        if portal_id:
            settings["portal_id"] = int(portal_id)
        return self._create(provider=spec.name, name=name, base_url=base, shop=shop, auth_kind="static",
                            credentials=Credentials(access_token=token, client_secret=client_secret or None),
                            settings=settings, account=shop or (f"hub {portal_id}" if portal_id else None))

    def replace_static(self, name_or_id: str | int, token: str) -> ConnectionInfo:
        """A new static token for an existing static connection (after "rejected the access token")."""
        m = _models()
        token = (token or "").strip()
        if not token or any(ch.isspace() for ch in token):
            raise AuthError(words.TOKEN_EMPTY_OR_SPACES())
        with self.store.session() as s:
            row = self._row(name_or_id, s)
            if row.auth_kind != "static":
                raise AuthError(words.SIGNS_IN_THROUGH(name=repr(row.name), provider=row.provider.value))
            old = self.vault.get(row.id) or Credentials()
            self.vault.set(row.id, old.replace(access_token=token))  # keeps a webhook signing secret
            row.health = m.ConnectionHealth.UNKNOWN
            row.health_reason = None
            s.commit()
            self._auths.pop(row.id, None)
            return _info(row)

    def begin_oauth(self, provider: str, client_id: str, client_secret: str | None = None, *, name: str | None = None,
                    **flow_options: Any) -> OAuthFlow:
        self.check_name_free(name)
        flow_options.setdefault("transport", self._transport)
        return OAuthFlow(provider, client_id, client_secret, **flow_options)

    async def finish_oauth(self, flow: OAuthFlow, *, name: str | None = None,
                           reconnect: int | str | None = None) -> ConnectionInfo:
        """Wait for the flow; only a successful exchange creates (or re-credentials) a connection."""
        result = await flow.wait()
        settings = _oauth_settings(result)
        account = _account(result)
        if reconnect is not None:
            return await asyncio.to_thread(self._replace_credentials, reconnect, result, settings, account)
        return await asyncio.to_thread(
            self._create, provider=result.provider, name=name, base_url=result.api_base_url, shop=result.shop,
            auth_kind="oauth", credentials=result.grant.credentials, settings=settings, account=account,
        )

    def _replace_credentials(self, name_or_id, result: OAuthResult, settings, account) -> ConnectionInfo:
        m = _models()
        with self.store.session() as s:
            row = self._row(name_or_id, s)
            if row.provider.value != result.provider:
                raise AuthError(words.OTHER_PROVIDER(name=repr(row.name), provider=row.provider.value,
                                                     other=result.provider))
            self.vault.set(row.id, result.grant.credentials)
            row.base_url = result.api_base_url
            row.auth_kind = "oauth"
            row.settings = {**(row.settings or {}), **settings}
            row.account_label = account or row.account_label
            row.health = m.ConnectionHealth.UNKNOWN
            row.health_reason = None
            s.commit()
            self._auths.pop(row.id, None)
            return _info(row)

    # ----- using
    def auth_for(self, connection_id: int) -> ConnectionAuth:
        """The connection's auth object; the same one (and so the same refresh lock) for every caller."""
        auth = self._auths.get(connection_id)
        if auth is None:
            row = self._row(connection_id)
            spec = get_spec(row.provider.value)
            cfg = (row.settings or {}).get("auth") or {}
            token_client = None
            if row.auth_kind == "oauth" and cfg.get("token_url"):
                creds = self.vault.get(row.id)
                endpoints = Endpoints(cfg.get("authorize_url", ""), cfg["token_url"], cfg.get("revoke_url"),
                                      row.base_url)
                token_client = TokenClient(spec, endpoints, (creds.client_id if creds else None) or "",
                                           creds.client_secret if creds else None, transport=self._transport)
            auth = ConnectionAuth(row.id, spec, self.vault, token_client, static=row.auth_kind == "static",
                                  on_reconnect_required=self._on_reconnect, on_refreshed=self._on_refreshed)
            self._auths[connection_id] = auth
        return auth

    async def _on_reconnect(self, connection_id: int, message: str) -> None:
        await asyncio.to_thread(self.mark_reconnect, connection_id, message)

    async def _on_refreshed(self, connection_id: int, grant: TokenGrant) -> None:
        instance = grant.info.get("instance_url")
        if instance:
            await asyncio.to_thread(self._set_base_url, connection_id, str(instance).rstrip("/"))

    def _set_base_url(self, connection_id: int, base_url: str) -> None:
        with self.store.session() as s:
            row = self._row(connection_id, s)
            if row.base_url != base_url:
                row.base_url = base_url
                s.commit()

    def mark_reconnect(self, connection_id: int, message: str) -> None:
        m = _models()
        with self.store.session() as s:
            row = self._row(connection_id, s)
            row.health = m.ConnectionHealth.CONFIG_ERROR
            row.health_reason = redact_text(message)
            s.commit()

    # ----- ending
    async def disconnect(self, name_or_id: str | int, *, delete_data: bool = False) -> DisconnectReport:
        """Revoke where the provider allows, delete the secrets, delete the row; keep the local records unless
        `delete_data` (then records linked only to this connection go too)."""
        info = await asyncio.to_thread(self.get, name_or_id)
        creds = await asyncio.to_thread(self.vault.get, info.id)
        row = await asyncio.to_thread(self._row, info.id)
        revoke = "static token: nothing to revoke" if info.auth_kind == "static" else "no credentials stored"
        if creds is not None and info.auth_kind == "oauth":
            cfg = (row.settings or {}).get("auth") or {}
            spec = get_spec(info.provider)
            endpoints = Endpoints(cfg.get("authorize_url", ""), cfg.get("token_url", ""), cfg.get("revoke_url"),
                                  info.base_url)
            client = TokenClient(spec, endpoints, creds.client_id or "", creds.client_secret,
                                 transport=self._transport)
            revoke = await client.revoke(creds)
        deleted = await asyncio.to_thread(self.vault.delete, info.id)
        data = await asyncio.to_thread(self._delete_row, info.id, delete_data)
        self._auths.pop(info.id, None)
        log.info("connection %s disconnected (revoke: %s)", info.name, revoke)
        return DisconnectReport(info.name, revoke, deleted, data)

    def _delete_row(self, connection_id: int, delete_data: bool) -> dict[str, int]:
        """Delete the row (links, cursors, jobs and conflicts cascade). With `delete_data`, the local records linked
        ONLY to this connection are soft-deleted first (`deleted_at`; hygiene purges them later), so nothing
        another connection still syncs is touched."""
        from lumio_desktop.store.types import utcnow

        m = _models()
        counts: dict[str, int] = {}
        with self.store.session() as s:
            if delete_data:
                links = m.RecordLink
                mine = s.execute(select(links.entity, links.local_id).where(links.connection_id == connection_id)).all()
                now = utcnow()
                for entity, model in m.ENTITY_MODELS.items():
                    ids = {lid for ent, lid in mine if ent == entity}
                    shared = set(s.scalars(select(links.local_id).where(
                        links.entity == entity, links.connection_id != connection_id, links.local_id.in_(ids))))
                    gone = sorted(ids - shared)
                    for i in range(0, len(gone), 500):
                        s.execute(update(model).where(model.id.in_(gone[i:i + 500]), model.deleted_at.is_(None))
                                  .values(deleted_at=now))
                    counts[entity] = len(gone)
            s.execute(delete(m.Connection).where(m.Connection.id == connection_id))
            s.commit()
        return counts


def _oauth_settings(result: OAuthResult) -> dict[str, Any]:
    e = result.endpoints
    info = {k: v for k, v in result.grant.info.items() if k not in ("token_type", "expires_in", "issued_at")}
    settings: dict[str, Any] = {"auth": {"kind": "oauth", "authorize_url": e.authorize_url, "token_url": e.token_url,
                                         "revoke_url": e.revoke_url, "redirect_uri": result.redirect_uri,
                                         "token_info": info}}
    if result.provider == "hubspot" and info.get("hub_id"):
        settings["portal_id"] = info["hub_id"]  # the webhook receiver finds the connection by portalId
    return settings


def _account(result: OAuthResult) -> str | None:
    info = result.grant.info
    if result.shop:
        return result.shop
    if info.get("hub_id"):
        return f"hub {info['hub_id']}"
    if info.get("id"):  # Salesforce identity URL .../id/<org>/<user>
        parts = str(info["id"]).rstrip("/").split("/")
        return f"org {parts[-2]}" if len(parts) >= 2 else None
    return None


def _check_url(url: str) -> None:
    try:
        u = httpx.URL(url)
    except Exception:
        u = None
    if u is None or u.scheme not in ("http", "https") or not u.host:
        raise AuthError(words.NOT_A_URL(url=repr(url)))
