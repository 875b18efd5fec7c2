"""The three-way merge of one record, field by field, against the link's last-synced snapshot. Pure: no I/O.

For each mapped field, with b = the snapshot (what both sides last agreed), l = Lumio's value, r = the provider's:

    l == b, r == b   unchanged
    l == b, r != b   changed only in the provider  -> apply r locally
    l != b, r == b   changed only in Lumio         -> push l (when the connection's direction is `both`), else keep l
    l != b, r != b   changed on both sides:
        l == r       the same change               -> not a conflict
        l != r       a conflict, settled by the field's strategy (the connection's, overridable per field):
                       provider       r wins, applied locally
                       lumio          l wins, pushed
                       last_modified  the newer modification wins; a tie (or an unknown time) goes to a person
                       manual         Lumio keeps l, nothing is pushed, a person decides
                     Whatever wins, the conflict (base, both values, both times) is returned to be kept.

After a conflict the snapshot takes the provider's current value r: it is what the provider holds, so a settled
"Lumio wins" becomes an ordinary "changed only in Lumio" and is pushed, and an open conflict is not raised again by
the next sync of the same values. While a field has an open conflict nothing is pushed for it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from lumio_desktop.store.models import Direction, Strategy


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a field the snapshot has never seen (new link, newly mapped field)

LUMIO = "lumio"
PROVIDER = "provider"
CUSTOM = "custom"


def canon(v: Any) -> Any:
    """The comparable form of a value: what JSON would keep, with None and "" the same (HubSpot clears with "")."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return int(v) if v.is_integer() else v
    if isinstance(v, datetime):
        return v.isoformat() if v.tzinfo is None else v.astimezone(UTC).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str) and 19 <= len(v) <= 32 and v[4:5] == "-" and v[10:11] in ("T", " "):
        try:  # a datetime kept as text in a snapshot compares equal to the same instant as a datetime
            return canon(datetime.fromisoformat(v.replace("Z", "+00:00")))
        except ValueError:
            return v
    if isinstance(v, (list, tuple)):
        return [canon(x) for x in v]
    if isinstance(v, dict):
        return {str(k): canon(x) for k, x in v.items()}
    return v


def same(a: Any, b: Any) -> bool:
    return canon(a) == canon(b)


def to_json(v: Any) -> Any:
    """A value as it is kept in JSON columns (snapshot, conflicts): datetimes as ISO text."""
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, tuple):
        return [to_json(x) for x in v]
    if isinstance(v, list):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    return v


@dataclass(frozen=True, slots=True)
class FieldConflict:
    field: str
    base: Any
    lumio: Any
    provider: Any
    strategy: Strategy
    winner: str | None  # lumio | provider; None: open, a person decides
    lumio_modified_at: datetime | None
    provider_modified_at: datetime | None
    update_of_open: bool = False  # refreshes the values of a conflict that is already open (no new row)

    @property
    def open(self) -> bool:
        return self.winner is None

    @property
    def losing_value(self) -> Any:
        return self.provider if self.winner == LUMIO else self.lumio if self.winner == PROVIDER else None


@dataclass(slots=True)
class MergeResult:
    local_updates: dict[str, Any] = field(default_factory=dict)  # write into the local record
    snapshot: dict[str, Any] = field(default_factory=dict)  # the link's new snapshot
    push: dict[str, Any] = field(default_factory=dict)  # what Lumio should push (direction both)
    conflicts: list[FieldConflict] = field(default_factory=list)
    pulled: list[str] = field(default_factory=list)  # changed only in the provider
    pushed: list[str] = field(default_factory=list)  # changed only in Lumio, to be pushed
    kept_local: list[str] = field(default_factory=list)  # changed only in Lumio, direction pull: stays local
    same_change: list[str] = field(default_factory=list)  # changed on both sides to the same value
    closed: list[str] = field(default_factory=list)  # open conflicts that both sides now agree on

    @property
    def open_conflicts(self) -> list[FieldConflict]:
        return [c for c in self.conflicts if c.open]

    @property
    def changed_locally(self) -> bool:
        return bool(self.local_updates)


def strategy_for(name: str, strategy: Strategy | str, field_strategies: Mapping[str, str] | None) -> Strategy:
    if field_strategies and name in field_strategies:
        return Strategy(field_strategies[name])
    return Strategy(strategy)


def _time_for(name: str, times: datetime | Mapping[str, datetime | None] | None) -> datetime | None:
    if isinstance(times, Mapping):
        return times.get(name)
    return times


def settle(strategy: Strategy, lumio_at: datetime | None, provider_at: datetime | None) -> str | None:
    """Who wins a true conflict under a strategy: lumio | provider | None (a person decides)."""
    if strategy is Strategy.PROVIDER:
        return PROVIDER
    if strategy is Strategy.LUMIO:
        return LUMIO
    if strategy is Strategy.LAST_MODIFIED:
        if lumio_at is None or provider_at is None or lumio_at == provider_at:
            return None  # a tie is not a decision anyone made: a person settles it
        return LUMIO if lumio_at > provider_at else PROVIDER
    return None


@dataclass(frozen=True, slots=True)
class MergePolicy:
    """A connection's merge settings, as merge_record takes them (see policy_for in conflicts.py)."""

    strategy: Strategy = Strategy.MANUAL
    field_strategies: Mapping[str, str] | None = None
    direction: Direction = Direction.PULL
    equivalence: Mapping[str, Callable[[Any], Any]] | None = None


def merge_record(
    base: Mapping[str, Any] | None,
    local: Mapping[str, Any],
    remote: Mapping[str, Any],
    *,
    strategy: Strategy | str = Strategy.MANUAL,
    field_strategies: Mapping[str, str] | None = None,
    direction: Direction | str = Direction.PULL,
    local_modified_at: datetime | Mapping[str, datetime | None] | None = None,
    provider_modified_at: datetime | None = None,
    open_conflicts: Mapping[str, tuple[Any, Any]] | None = None,
    local_dirty: bool = True,
    equivalence: Mapping[str, Callable[[Any], Any]] | None = None,
) -> MergeResult:
    """Merge the provider's mapped record `remote` into Lumio's `local` against the snapshot `base`.

    Only the fields in `remote` are merged (the ones the field map feeds). `local_modified_at` may be one time for the
    record or a per-field mapping (from the edit history). `open_conflicts` maps a field with an open conflict to its
    (lumio, provider) values as recorded. `local_dirty` says whether Lumio edited the record since its last sync: it
    decides a field the snapshot has never seen (no base): an untouched record simply takes the provider's value.
    `equivalence` maps a field to a function applied before comparing, for values that are the same thing spelled
    two ways (Lumio's lead status "customer" is Salesforce's "Closed - Converted"): no false change, no ping-pong.
    """
    direction = Direction(direction)
    open_conflicts = open_conflicts or {}
    base = base or {}
    out = MergeResult(snapshot={k: v for k, v in base.items()})
    eq = equivalence or {}
    for name, r in remote.items():
        lv = local.get(name)
        b = base.get(name, MISSING)
        norm = eq.get(name)
        if norm is not None:
            def c(v, _n=norm):
                return canon(_n(v))
        else:
            c = canon
        cl, cr = c(lv), c(r)
        l_at = _time_for(name, local_modified_at)
        if name in open_conflicts:
            out.snapshot[name] = to_json(r)
            if cl == cr:
                out.closed.append(name)  # both sides reached the same value: nothing left to decide
                continue
            was_l, was_r = open_conflicts[name]
            if c(was_l) != cl or c(was_r) != cr:
                out.conflicts.append(FieldConflict(
                    name, None if b is MISSING else b, lv, r, strategy_for(name, strategy, field_strategies), None,
                    l_at, provider_modified_at, update_of_open=True))
            continue
        if b is MISSING:
            if cl == cr:
                out.snapshot[name] = to_json(r)
                continue
            lumio_changed, remote_changed = local_dirty, True
        else:
            cb = c(b)
            lumio_changed, remote_changed = cl != cb, cr != cb
        if not lumio_changed and not remote_changed:
            continue
        if remote_changed and not lumio_changed:
            out.local_updates[name] = r
            out.snapshot[name] = to_json(r)
            out.pulled.append(name)
            continue
        if lumio_changed and not remote_changed:
            if direction is Direction.BOTH:
                out.push[name] = lv
                out.pushed.append(name)
            else:
                out.kept_local.append(name)
            continue  # the snapshot moves to l only once the provider has it
        if cl == cr:
            out.snapshot[name] = to_json(r)
            out.same_change.append(name)
            continue
        s = strategy_for(name, strategy, field_strategies)
        winner = settle(s, l_at, provider_modified_at)
        out.conflicts.append(FieldConflict(name, None if b is MISSING else b, lv, r, s, winner, l_at,
                                           provider_modified_at))
        out.snapshot[name] = to_json(r)  # what the provider holds now
        if winner == PROVIDER:
            out.local_updates[name] = r
        elif winner == LUMIO and direction is Direction.BOTH:
            out.push[name] = lv
            out.pushed.append(name)
    return out


@dataclass(frozen=True, slots=True)
class Resolution:
    """The effect of a person's (or a strategy's) decision on one conflicting field."""

    winner: str  # lumio | provider | custom
    local_value: Any  # what the local record holds afterwards
    push_value: Any  # what the provider must hold afterwards (equal to provider: nothing to push)
    needs_push: bool


def resolve_values(lumio: Any, provider: Any, keep: str, custom: Any = MISSING) -> Resolution:
    if keep == LUMIO:
        return Resolution(LUMIO, lumio, lumio, not same(lumio, provider))
    if keep == PROVIDER:
        return Resolution(PROVIDER, provider, provider, False)
    if keep == CUSTOM:
        if custom is MISSING:
            raise ValueError("a custom resolution needs a value")
        return Resolution(CUSTOM, custom, custom, not same(custom, provider))
    raise ValueError(f"keep must be lumio, provider or custom, not {keep!r}")
