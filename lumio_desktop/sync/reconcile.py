"""Deciding what one incoming provider record does to the local store, given its record link.

This is the seam the two-way sync builds on: today the provider's values win (a pull-only sync), later the three-way
merge (sync/merge.py) replaces `reconcile` using `link.snapshot`, the local record's edits (`LinkState.local_dirty`
and its values, loaded by the caller for dirty records only) and the connection's strategy. The pipeline only acts
on the Decision it gets back, so that change stays inside this module. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lumio_desktop.sync.merge import MergePolicy, MergeResult, merge_record

INSERT = "insert"
UPDATE = "update"
SKIP = "skip"


@dataclass(slots=True)
class LinkState:
    """What the store knows of a provider record (a row of record_links)."""

    id: int
    local_id: int
    snapshot: dict[str, Any] | None
    remote_deleted: bool
    remote_modified_at: datetime | None = None
    local_dirty: bool = False  # set by a person's edit in Lumio; the merge engine reads it
    # Filled by conflicts.load_merge_state for the three-way merge (None: not loaded, the provider's values win).
    local: dict[str, Any] | None = None  # the local record's values of the map's columns
    local_times: dict[str, datetime | None] | None = None  # per field: when Lumio last changed it
    local_by: dict[str, str | None] | None = None  # per field: who
    open_conflicts: dict[str, tuple[Any, Any]] | None = None  # field -> (lumio, provider) of its open conflict


@dataclass(slots=True)
class Incoming:
    external_id: str
    mapped: dict[str, Any] | None  # None: a deletion whose payload carries no fields to map
    snapshot: dict[str, Any] | None  # `mapped` as JSON keeps it
    deleted: bool
    modified_at: datetime | None


@dataclass(slots=True)
class Decision:
    action: str  # insert | update | skip
    fields: dict[str, Any] | None  # local columns to write (None: write no field, e.g. a bare deletion)
    snapshot: dict[str, Any] | None  # the link's new snapshot (None: keep the old one)
    deleted: bool | None  # True: mark deleted; False: a remote undelete clears the mark; None: leave it alone
    merge: MergeResult | None = None  # the three-way merge's outcome: conflicts to write, what to push


def reconcile(incoming: Incoming, link: LinkState | None, policy: MergePolicy | None = None) -> Decision:
    if link is None:
        if incoming.mapped is None:  # a deletion of something never seen: nothing to record
            return Decision(SKIP, None, None, None)
        return Decision(INSERT, incoming.mapped, incoming.snapshot, incoming.deleted)
    if incoming.deleted:
        if link.remote_deleted and (incoming.snapshot is None or incoming.snapshot == link.snapshot):
            return Decision(SKIP, None, None, None)
        return Decision(UPDATE, incoming.mapped, incoming.snapshot, True)
    if not link.remote_deleted and incoming.snapshot == link.snapshot:
        return Decision(SKIP, None, None, None)  # a re-read (look-back window, resumed page): nothing changed
    if policy is not None and link.local is not None and incoming.mapped is not None:
        # Two-way: merge field by field against the snapshot (sync/merge.py); Lumio's own edits survive.
        res = merge_record(link.snapshot, link.local, incoming.mapped, strategy=policy.strategy,
                           field_strategies=policy.field_strategies, direction=policy.direction,
                           local_modified_at=link.local_times, provider_modified_at=incoming.modified_at,
                           open_conflicts=link.open_conflicts, local_dirty=link.local_dirty,
                           equivalence=policy.equivalence)
        fields = {k: res.local_updates.get(k, link.local.get(k)) for k in incoming.mapped}
        return Decision(UPDATE, fields, res.snapshot, False if link.remote_deleted else None, res)
    return Decision(UPDATE, incoming.mapped, incoming.snapshot, False if link.remote_deleted else None)
