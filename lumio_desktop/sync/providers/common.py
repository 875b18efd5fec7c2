"""Small pieces the three provider clients share: cheap timestamp parsing, the reference-data cache, the
page-state helpers (compound cursor), chunking.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, TypeVar

from lumio_desktop.sync.errors import FatalError
from lumio_desktop.sync.providers import words
from lumio_desktop.sync.providers.base import CallStats

T = TypeVar("T")
STATE_VERSION = 1
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


@lru_cache(maxsize=8192)  # bulk imports give thousands of records one timestamp: parse each string once
def parse_ts(value: str) -> tuple[datetime, int]:
    """An ISO-8601 timestamp with any offset ("...Z", "...+0000", "...-04:00") or epoch milliseconds as a
    string -> (aware UTC datetime, epoch ms). Raises ValueError on anything else."""
    if value.isdigit():
        ms = int(value)
        return EPOCH + ms * _MS, ms
    dt = datetime.fromisoformat(value)
    if dt.tzinfo is None:
        raise ValueError(f"timestamp {value!r} has no time zone")
    if dt.utcoffset():
        dt = dt.astimezone(UTC)
    elif dt.tzinfo is not UTC:
        dt = dt.replace(tzinfo=UTC)
    return dt, (dt - EPOCH) // _MS


def ms_to_iso(ms: int, *, millis: bool = True) -> str:
    dt = EPOCH + ms * _MS
    if millis:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def chunks(seq: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


class TTLCache:
    """Reference data (owners, pipelines and stages, users) that rarely changes, kept `ttl` seconds. Every look-up
    counts as a hit or a miss in the connection's CallStats, which feed the job's cache hit rate."""

    def __init__(self, stats: CallStats, ttl: float = 900.0, clock: Callable[[], float] = time.monotonic):
        self.stats = stats
        self.ttl = ttl
        self.clock = clock
        self._data: dict[str, tuple[float, Any]] = {}

    async def get(self, key: str, load: Callable[[], Awaitable[Any]]) -> Any:
        now = self.clock()
        hit = self._data.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            self.stats.cache_hits += 1
            return hit[1]
        self.stats.cache_misses += 1
        value = await load()
        self._data[key] = (self.clock(), value)
        return value

    def invalidate(self, key: str | None = None) -> None:
        if key is None:
            self._data.clear()
        else:
            self._data.pop(key, None)


def boundary_ids(prev_ts: int | None, prev_ids: list[str], new_ts: int, ids_at_new_ts: list[str],
                 cap: int = 5000) -> list[str]:
    """The ids already emitted at the cursor's timestamp (re-read by the next `>=` query and dropped there).
    Capped: beyond `cap` a resume re-reads some records, which is harmless (writes are upserts by external id)."""
    ids = (prev_ids + ids_at_new_ts) if prev_ts == new_ts else ids_at_new_ts
    return ids[-cap:] if len(ids) > cap else ids


class Prefetch:
    """One request kept in flight ahead of the consumer: while the pipeline maps and stores page k, page k+1 is
    already on the wire. Invisible to the cursor: page k still carries page k's state, and a prefetched answer is
    only used for the exact request it was started for. One per `pages()` run; `cancel()` on the way out."""

    def __init__(self) -> None:
        self._task: asyncio.Task | None = None
        self._key: Any = None

    def start(self, key: Any, make: Callable[[], Awaitable[T]]) -> None:
        self.cancel()
        self._key = key
        self._task = asyncio.ensure_future(make())
        self._task.add_done_callback(_consume)

    async def take(self, key: Any, make: Callable[[], Awaitable[T]]) -> T:
        task, self._task = self._task, None
        if task is not None and self._key == key:
            return await task
        if task is not None:
            task.cancel()
        return await make()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None


def _consume(task: asyncio.Task) -> None:
    # A prefetch nobody awaits (the run stopped) must not log "exception was never retrieved".
    if not task.cancelled():
        task.exception()


def plan_run(mode: Any, state: dict[str, Any] | None, lookback_ms: int) -> tuple[dict[str, Any] | None, int | None]:
    """How a `pages()` call starts, the same for every provider:
    - (state, None): an unfinished run (its phase is not "done") is resumed from the state of its last stored page,
      whatever mode is asked, except an INITIAL over an unfinished incremental, which starts a full read;
    - (None, since): a finished run and INCREMENTAL: a new incremental from its cursor minus the look-back;
    - (None, None): a new full (initial) read."""
    ours = bool(state) and state.get("v") == STATE_VERSION
    if ours and state.get("phase") != "done" and not (str(mode) == "initial" and state.get("run") == "incremental"):
        return dict(state), None
    if ours and str(mode) == "incremental" and state.get("cursor"):
        return None, max(0, int(state["cursor"]["ts"]) - lookback_ms)
    return None, None


def advance(cur: dict[str, Any] | None, records: list, stamps: list[int]) -> tuple[list, list[int], dict | None]:
    """Drop the records a compound cursor (ts, ids emitted at ts) has already emitted; return the rest, their
    stamps and the cursor after them (unchanged when nothing is left)."""
    if cur:
        seen = set(cur["ids"])
        keep = [i for i, (r, m) in enumerate(zip(records, stamps, strict=True))
                if not (m == cur["ts"] and r.external_id in seen)]
        if len(keep) != len(records):
            records = [records[i] for i in keep]
            stamps = [stamps[i] for i in keep]
    if not stamps:
        return records, stamps, cur
    top = max(stamps)
    at_top = [r.external_id for r, m in zip(records, stamps, strict=True) if m == top]
    if cur is not None and top < cur["ts"]:
        return records, stamps, cur
    return records, stamps, {"ts": top, "ids": boundary_ids(cur["ts"] if cur else None, cur["ids"] if cur else [],
                                                            top, at_top)}


class ClientBase:
    """What every provider client shares: its call stats, the object-type check, closing its HTTP client."""

    label: str  # the provider's name in messages
    ENTITY: dict[str, str]  # object type -> local entity (lead | company | deal)
    http: Any

    @property
    def stats(self) -> CallStats:
        return self.http.stats

    def entity_for(self, object_type: str) -> str:
        return self.ENTITY[self._obj(object_type)]

    def _obj(self, object_type: str) -> str:
        if object_type not in self.ENTITY:
            raise FatalError(words.NO_OBJECT_TYPE(object=repr(object_type), provider=self.label,
                                                  choices=", ".join(self.ENTITY)))
        return object_type

    async def aclose(self) -> None:
        await self.http.aclose()
