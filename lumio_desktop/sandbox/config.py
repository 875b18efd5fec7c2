"""Sandbox settings and the fault-spec parser.

Every fact CONTRACTS.md marks unverified (⚠️/❓) is a field here with the documented default, so a test can
flip it and a client can be proven not to depend on it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

PROVIDERS = ("hubspot", "salesforce", "shopify")

FAULT_KINDS = (
    "429",  # rate-limited; HubSpot follows hubspot_retry_after for the Retry-After header
    "429-no-retry-after",
    "500",
    "503",
    "timeout",  # hold the request fault_timeout_seconds, then 504
    "reset",  # connection dropped mid-response
    "malformed",  # 200 with a truncated JSON body
    "expire",  # the presented OAuth token expires now (premature expiry), answered with the provider's 401
)


@dataclass
class FaultRule:
    """One fault: `provider` (or "*"), `kind`, a probability `rate`, an optional `count` cap and path prefix."""

    provider: str
    kind: str
    rate: float = 1.0
    count: int | None = None
    path: str = ""
    fired: int = 0

    def __post_init__(self) -> None:
        if self.provider != "*" and self.provider not in PROVIDERS:
            raise ValueError(f"unknown provider {self.provider!r} in fault (one of {', '.join(PROVIDERS)}, *)")
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r} (one of {', '.join(FAULT_KINDS)})")
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"fault rate must be within 0..1, got {self.rate}")
        if self.count is not None and self.count < 1:
            raise ValueError("fault count must be at least 1")

    def to_json(self) -> dict:
        return {"provider": self.provider, "kind": self.kind, "rate": self.rate, "count": self.count,
                "path": self.path, "fired": self.fired}


_FAULT_RE = re.compile(
    r"^(?P<provider>[a-z*]+):(?P<kind>" + "|".join(sorted(map(re.escape, FAULT_KINDS), key=len, reverse=True))
    + r")(?:@(?P<rate>[0-9.]+))?(?:x(?P<count>[0-9]+))?(?:~(?P<path>/\S*))?$",
    re.IGNORECASE,
)


def parse_faults(spec: str) -> list[FaultRule]:
    """Parse `PROVIDER:KIND[@RATE][xCOUNT][~PATHPREFIX]` items separated by commas or spaces.

    Examples: `hubspot:429@0.1`, `*:reset@0.01`, `salesforce:expirex1`, `shopify:503@1x3~/admin/api`.
    RATE defaults to 1.0; without COUNT the rule fires forever at RATE.
    """
    rules: list[FaultRule] = []
    for item in spec.replace(",", " ").split():
        m = _FAULT_RE.match(item.strip())
        if not m:
            raise ValueError(f"fault {item!r} is not PROVIDER:KIND[@RATE][xCOUNT][~PATH] "
                             f"(kinds: {', '.join(FAULT_KINDS)})")
        try:
            rate = float(m["rate"]) if m["rate"] else 1.0
        except ValueError as e:
            raise ValueError(f"fault {item!r}: rate after '@' must be a number") from e
        rules.append(FaultRule(provider=m["provider"].lower(), kind=m["kind"].lower(), rate=rate,
                               count=int(m["count"]) if m["count"] else None, path=m["path"] or ""))
    return rules


@dataclass
class SandboxConfig:
    seed: int = 0
    records: int = 1000
    """Contacts (HubSpot), leads (Salesforce), customers (Shopify); companies, deals and the rest in proportion."""
    activity: float = 0.0
    """Changes per minute made as if by people, each sent as webhooks to registered targets."""
    faults: str = ""
    """Fault spec, see parse_faults."""
    fault_timeout_seconds: float = 30.0
    """How long a `timeout` fault holds the request before answering 504."""
    auto_approve: bool = False
    """OAuth authorize pages redirect straight back with a code instead of showing the consent form."""
    rate_limits: bool = True
    oauth_revoke_on_code_reuse: bool = False
    """RFC 6749 §4.1.2: a reused authorization code SHOULD revoke the tokens it produced (❓ for all three)."""
    public_base_url: str | None = None
    """Base URL used in instance_url, Link headers and paging links; default: the request's own base URL."""

    # HubSpot
    hubspot_token_ttl: int = 1800
    hubspot_rotate_refresh_tokens: bool = False  # ⚠️ no source documents rotation
    hubspot_list_max_limit: int = 100  # ⚠️ practical max; larger limits are clamped
    hubspot_batch_max: int = 100  # ⚠️
    hubspot_batch_history_max: int = 50  # ⚠️
    hubspot_search_max_limit: int = 200
    hubspot_search_cap: int = 10_000
    hubspot_search_max_groups: int = 5
    hubspot_search_max_filters_per_group: int = 10
    hubspot_search_max_filters: int = 25
    hubspot_search_max_sorts: int = 1  # ❓ maximum number of sort rules
    hubspot_index_delay: float = 0.0
    """Seconds before a write shows in search (real HubSpot: ~10 s after create, ~60 s after update, ⚠️)."""
    hubspot_burst_limit: int = 100  # ⚠️ private app Free/Starter
    hubspot_burst_window: float = 10.0
    hubspot_daily_limit: int = 250_000  # ⚠️ private apps only; OAuth calls have no daily limit
    hubspot_search_rps: int = 4
    hubspot_retry_after: str = "sometimes"  # "always" | "never" | "sometimes" (every other 429)
    hubspot_search_rate_headers: bool = False  # ⚠️ search answers carry no rate-limit headers
    hubspot_extra_rate_headers: bool = True  # ⚠️ X-HubSpot-RateLimit-Max/-Remaining/-Interval-Milliseconds
    hubspot_portal_id: int = 0  # 0: derived from the seed
    hubspot_app_id: int = 0  # 0: derived from the seed
    hubspot_null_properties: bool = False
    """Real HubSpot answers requested-but-empty properties as null; the spec types them as string, so default omit."""

    # Salesforce
    salesforce_session_timeout: int = 7200  # inactivity seconds
    salesforce_rotate_refresh_tokens: bool = False
    salesforce_daily_limit: int = 100_000
    salesforce_query_batch: int = 2000
    salesforce_upsert_update_status: int = 200  # ❓ 200 created:false (v46+) or 204
    salesforce_refresh_requires_secret: bool = False

    # Shopify
    shopify_shop: str = "lumio-sandbox.myshopify.com"
    shopify_expiring_tokens: bool = False  # expiring offline tokens unless the request says expiring=1
    shopify_token_ttl: int = 3600
    shopify_client_credentials_ttl: int = 86399  # ⚠️ 24 h
    shopify_bucket_size: int = 40
    shopify_leak_rate: float = 2.0
    shopify_retry_after: str = "2.0"  # ⚠️
    shopify_graphql_max: float = 1000.0  # ❓
    shopify_graphql_restore: float = 100.0
    shopify_graphql_throttle_status: int = 200  # ⚠️ 200 or 429
    shopify_utc_offset_minutes: int = -240  # timestamps carry the shop's offset
    shopify_events_include_customers: bool = True  # ❓ whether events.json reports customer deletions

    webhook_timeout: float = 5.0
    webhook_retries: int = 0
    """Extra attempts for a failed delivery (real: HubSpot 10 over 24 h ⚠️, Shopify 8 over 4 h), same payload."""
    webhook_retry_delay: float = 1.0

    fault_rules: list[FaultRule] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.faults and not self.fault_rules:
            self.fault_rules = parse_faults(self.faults)
        if self.records < 0:
            raise ValueError("records must be >= 0")
        if self.hubspot_retry_after not in ("always", "never", "sometimes"):
            raise ValueError("hubspot_retry_after must be always, never or sometimes")

    @classmethod
    def for_tests(cls, **overrides) -> SandboxConfig:
        """Quiet defaults for tests: small data, no rate limits, consent auto-approved, instant search."""
        base = {"records": 50, "auto_approve": True, "rate_limits": False, "fault_timeout_seconds": 0.2}
        base.update(overrides)
        return cls(**base)

    def replace(self, **changes) -> SandboxConfig:
        return dataclasses.replace(self, **changes)

    def settable(self) -> dict:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "fault_rules"}
