"""Per-provider auth facts: endpoints, scopes, the header a token goes in, what a 401 means, callback checks.

Public API:
- `PROVIDERS: dict[str, ProviderAuthSpec]` keyed "hubspot" | "salesforce" | "shopify"; `get_spec(name)`.
- `ProviderAuthSpec.endpoints(base_url=None, shop=None, login_url=None) -> Endpoints`: where to authorize, exchange,
  refresh and revoke, and the API base URL. `base_url` (the sandbox, or a regional host) replaces every host, since
  one server then serves the provider's real paths.
- `ProviderAuthSpec.token_headers(access_token) -> dict`: `Authorization: Bearer ...` or `X-Shopify-Access-Token`.
- `ProviderAuthSpec.is_expired_session(response) -> bool`: a 401 that says the session/token expired.
- `normalize_shop(shop) -> str`: "acme" -> "acme.myshopify.com", or a clear error.
- `verify_shopify_hmac(params, client_secret) -> bool`: the callback's hex HMAC-SHA256 (CONTRACTS.md 3.1).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from lumio_desktop.auth import words
from lumio_desktop.errors import LumioError

HUBSPOT_SCOPES = (
    "oauth",
    "crm.objects.contacts.read",
    "crm.objects.contacts.write",
    "crm.objects.companies.read",
    "crm.objects.companies.write",
    "crm.objects.deals.read",
    "crm.objects.deals.write",
)
SALESFORCE_SCOPES = ("api", "refresh_token")  # refresh_token (or offline_access) is what yields a refresh token
SHOPIFY_SCOPES = ("read_customers", "write_customers")

_SHOP_RE = re.compile(r"^[a-z0-9][a-z0-9\-]*\.myshopify\.com$")


class InvalidShop(LumioError):
    pass


def normalize_shop(shop: str) -> str:
    """'Acme', 'acme.myshopify.com' or 'https://acme.myshopify.com/admin' -> 'acme.myshopify.com'."""
    s = shop.strip().lower()
    if "://" in s:
        s = urlsplit(s).hostname or ""
    s = s.split("/")[0]
    if "." not in s:
        s = f"{s}.myshopify.com"
    if not _SHOP_RE.match(s):
        raise InvalidShop(words.NOT_A_SHOP(shop=repr(shop)))
    return s


def _strip(url: str) -> str:
    return url.rstrip("/")


@dataclass(frozen=True)
class Endpoints:
    authorize_url: str
    token_url: str
    revoke_url: str | None  # None: the provider offers no revocation of this kind of grant
    api_base_url: str  # Salesforce replaces it with the token response's instance_url


@dataclass(frozen=True)
class ProviderAuthSpec:
    name: str  # hubspot | salesforce | shopify
    label: str  # HubSpot | Salesforce | Shopify
    scopes: tuple[str, ...]
    scope_separator: str = " "
    pkce: bool = True
    client_secret_required: bool = True
    revoke_method: str = "rfc7009"  # rfc7009 | shopify_uninstall | none
    # Extra form fields of the code exchange (Shopify's `expiring=1` asks for an expiring offline token + refresh token).
    extra_token_params: dict[str, str] = field(default_factory=dict)
    header: str = "Authorization"

    def endpoints(self, base_url: str | None = None, shop: str | None = None, login_url: str | None = None,
                  token_api: str = "2026-03") -> Endpoints:
        if self.name == "hubspot":
            auth_host = _strip(base_url or "https://app.hubspot.com")
            api = _strip(base_url or "https://api.hubapi.com")
            if token_api == "v1":  # deprecated on 16 Feb 2027; kept for apps not yet moved
                token, revoke = f"{api}/oauth/v1/token", f"{api}/oauth/v1/refresh-tokens/{{token}}"
            else:
                token, revoke = f"{api}/oauth/{token_api}/token", f"{api}/oauth/{token_api}/token/revoke"
            return Endpoints(f"{auth_host}/oauth/authorize", token, revoke, api)
        if self.name == "salesforce":
            login = _strip(base_url or login_url or "https://login.salesforce.com")
            return Endpoints(
                f"{login}/services/oauth2/authorize",
                f"{login}/services/oauth2/token",
                f"{login}/services/oauth2/revoke",
                login,  # until the token response names the instance
            )
        if self.name == "shopify":
            if not shop:
                raise InvalidShop(words.SHOPIFY_NEEDS_SHOP_FLOW())
            host = _strip(base_url or f"https://{normalize_shop(shop)}")
            return Endpoints(
                f"{host}/admin/oauth/authorize",
                f"{host}/admin/oauth/access_token",
                f"{host}/admin/api_permissions/current.json",
                host,
            )
        raise LumioError(words.UNKNOWN_PROVIDER(provider=repr(self.name), choices=", ".join(PROVIDERS)))  # pragma: no cover

    def scope_string(self, scopes: Iterable[str] | None = None) -> str:
        return self.scope_separator.join(scopes or self.scopes)

    def token_headers(self, access_token: str, token_type: str | None = "Bearer") -> dict[str, str]:
        if self.header == "X-Shopify-Access-Token":
            return {"X-Shopify-Access-Token": access_token}
        return {"Authorization": f"Bearer {access_token}"}

    def is_expired_session(self, response: httpx.Response) -> bool:
        """A 401 whose body says the token or session expired (so a refresh, then one retry, makes sense)."""
        if response.status_code != 401:
            return False
        body = _json(response)
        if self.name == "salesforce":
            items = body if isinstance(body, list) else [body]
            return any(isinstance(i, dict) and i.get("errorCode") == "INVALID_SESSION_ID" for i in items)
        if self.name == "hubspot":
            return isinstance(body, dict) and body.get("category") == "EXPIRED_AUTHENTICATION"
        return True  # Shopify says only "Invalid API key or access token": expiring/24 h tokens are refetched on 401

    @staticmethod
    def error_message(response: httpx.Response) -> str:
        """The provider's own words from an error body (HubSpot message, Salesforce message, Shopify errors)."""
        body = _json(response)
        if isinstance(body, list) and body and isinstance(body[0], dict):
            return str(body[0].get("message") or body[0].get("errorCode") or "")
        if isinstance(body, dict):
            for key in ("message", "error_description", "errors", "error"):
                if body.get(key):
                    v = body[key]
                    return v if isinstance(v, str) else json.dumps(v)
        return response.reason_phrase or f"HTTP {response.status_code}"


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (ValueError, httpx.ResponseNotRead):
        return None


PROVIDERS: dict[str, ProviderAuthSpec] = {
    "hubspot": ProviderAuthSpec("hubspot", "HubSpot", HUBSPOT_SCOPES),
    "salesforce": ProviderAuthSpec(
        # A public External Client App uses PKCE and no secret; a confidential one sends both.
        "salesforce", "Salesforce", SALESFORCE_SCOPES, client_secret_required=False,
    ),
    "shopify": ProviderAuthSpec(
        "shopify", "Shopify", SHOPIFY_SCOPES, scope_separator=",", revoke_method="shopify_uninstall",
        extra_token_params={"expiring": "1"}, header="X-Shopify-Access-Token",
    ),
}


def get_spec(provider: str) -> ProviderAuthSpec:
    try:
        return PROVIDERS[str(provider).lower()]
    except KeyError:
        raise LumioError(words.UNKNOWN_PROVIDER(provider=repr(provider), choices=", ".join(PROVIDERS))) from None


def shopify_signature_base(params: Iterable[tuple[str, str]]) -> str:
    """The string Shopify signs: sorted k=v pairs without hmac/signature, delimiters escaped, arrays as JSON lists.

    Same encoding as Shopify's own Python SDK (`shopify/session.py`), so a value holding '&' or '=' cannot be
    shifted into another field.
    """
    grouped: dict[str, list[str]] = {}
    for k, v in params:
        if k in ("hmac", "signature"):
            continue
        grouped.setdefault(k, []).append(v)
    pairs = []
    for k, values in grouped.items():
        if k.endswith("[]"):
            key, value = k[:-2], json.dumps(values)
        else:
            key, value = k, values[-1]
        key = key.replace("%", "%25").replace("=", "%3D")
        value = value.replace("%", "%25")
        pairs.append(f"{key}={value}".replace("&", "%26"))
    return "&".join(sorted(pairs))


def verify_shopify_hmac(params: Iterable[tuple[str, str]], client_secret: str) -> bool:
    items = list(params)
    given = next((v for k, v in items if k == "hmac"), None)
    if not given or not client_secret:
        return False
    digest = hmac.new(client_secret.encode(), shopify_signature_base(items).encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, given.lower())
