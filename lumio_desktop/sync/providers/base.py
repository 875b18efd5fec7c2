"""The contract between the engine (pipeline, jobs) and a provider client.

A client turns a provider's paging, cursors, deletions and writes into these few shapes. The pipeline never looks
inside `Page.state`: it persists it in the same transaction as the page's records, and hands it back on the next
run or on resume. So the cursor discipline (compound (modified_at, id) cursors, look-back windows, the HubSpot
10,000-result cap, Salesforce nextRecordsUrl, Shopify page_info) lives entirely in the client, and the cursor can
never run ahead of what was stored.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable


class Mode(enum.StrEnum):
    INITIAL = "initial"  # everything, resumable from its page state
    INCREMENTAL = "incremental"  # changes since the saved state (a client given no state does a full read)


@dataclass(slots=True)
class RemoteRecord:
    object_type: str  # the provider's object name: contacts, companies, deals, Contact, Lead, Account, ...
    external_id: str
    modified_at: datetime | None  # aware UTC
    raw: dict[str, Any]  # the payload exactly as the provider sent it (for mapping and for rejected rows)
    deleted: bool = False  # archived (HubSpot), IsDeleted (Salesforce), deleted (Shopify)


@dataclass(slots=True)
class Page:
    records: list[RemoteRecord]
    state: dict[str, Any]  # JSON-serialisable; persist it with this page's records, pass it back to resume
    total: int | None = None  # the provider's total for the whole read, when it says one (progress bars)
    rejected: list[tuple[dict[str, Any] | str, str]] = field(default_factory=list)  # (raw, reason) the client could not even parse


@dataclass(slots=True)
class PushChange:
    object_type: str
    local_id: int
    external_id: str | None  # None: create in the provider
    fields: dict[str, Any]  # provider field names -> values, already mapped


@dataclass(slots=True)
class PushResult:
    local_id: int
    ok: bool
    external_id: str | None = None
    modified_at: datetime | None = None
    error: str | None = None  # the provider's own message, for a rejected row
    raw: dict[str, Any] | None = None  # the record as the provider now holds it, when it says


@dataclass(slots=True)
class Precheck:
    """Check first, then run (Vorta's BorgJob.prepare): side-effect free; `message` is the traffic light's reason."""

    ok: bool
    message: str
    account: str | None = None  # e.g. the portal id / org / shop, for the wizard's account summary


@dataclass(slots=True)
class CallStats:
    api_calls: int = 0  # real HTTP requests sent (retries included)
    cache_hits: int = 0
    cache_misses: int = 0
    rate_limited: int = 0  # 429-style answers received
    retries: int = 0


@runtime_checkable
class ProviderClient(Protocol):
    provider: str  # hubspot | salesforce | shopify
    objects: Sequence[str]  # the object types this client can sync, in dependency order (companies before contacts)
    stats: CallStats

    def entity_for(self, object_type: str) -> str:
        """lead | company | deal: which local table an object type maps to."""

    def pages(self, object_type: str, mode: Mode, state: dict[str, Any] | None) -> AsyncIterator[Page]:
        """Yield pages until the read is complete. Raises sync.errors classes for failures it could not absorb."""

    async def fetch(self, object_type: str, external_ids: Sequence[str]) -> list[RemoteRecord]:
        """Targeted read of some records (webhook events); ids that no longer exist come back deleted=True."""

    async def push(self, object_type: str, changes: Sequence[PushChange]) -> list[PushResult]:
        """Write Lumio's changes; one result per change, in order. Per-record failures are results, not raises."""

    async def precheck(self) -> Precheck: ...

    async def aclose(self) -> None: ...
