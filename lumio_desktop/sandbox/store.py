"""Indexed in-memory records: one Collection per provider object.

Every page is answered from sorted indexes (bisect into a list of keys, then a slice), never a scan, so a page
of 100 stays fast with 100k records stored. Two orders are kept for live and for archived/deleted records:
by numeric id, and by (modified_ms, id) for delta queries.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import Any


class Record:
    __slots__ = ("id", "num", "created", "modified", "data", "archived", "archived_at", "extra")

    def __init__(self, num: int, id: str, created: int, modified: int, data: dict[str, Any],
                 archived: bool = False, archived_at: int | None = None, extra: dict | None = None):
        self.num = num
        self.id = id
        self.created = created
        self.modified = modified
        self.data = data
        self.archived = archived
        self.archived_at = archived_at
        self.extra = extra if extra is not None else {}

    def __repr__(self) -> str:
        return f"Record({self.id}, modified={self.modified}, archived={self.archived})"


class Collection:
    """Records of one object type. `archived` means archived (HubSpot), in the Recycle Bin (Salesforce) or deleted."""

    def __init__(self, provider: str, name: str, make_id: Callable[[int], str], parse_id: Callable[[str], int | None]):
        self.provider = provider
        self.name = name
        self.make_id = make_id
        self.parse_id = parse_id
        self.by_num: dict[int, Record] = {}
        self._ids: dict[bool, list[int]] = {False: [], True: []}
        self._mods: dict[bool, list[tuple[int, int]]] = {False: [], True: []}
        self.next_num = 1
        self.version = 0  # bumped on every write; search caches key on it

    # -- loading and writes ---------------------------------------------------------------------------------
    def bulk_load(self, records: Iterable[Record]) -> None:
        """Add many records at once and re-sort the indexes once (data generation, seeding)."""
        for r in records:
            self.by_num[r.num] = r
            self.next_num = max(self.next_num, r.num + 1)
        for state in (False, True):
            recs = [r for r in self.by_num.values() if r.archived is state]
            self._ids[state] = sorted(r.num for r in recs)
            self._mods[state] = sorted((r.modified, r.num) for r in recs)
        self.version += 1

    def new_num(self) -> int:
        n = self.next_num
        self.next_num += 1
        return n

    def add(self, rec: Record) -> Record:
        if rec.num in self.by_num:
            raise KeyError(f"{self.name} {rec.id} exists")
        self.by_num[rec.num] = rec
        self.next_num = max(self.next_num, rec.num + 1)
        self._index(rec)
        self.version += 1
        return rec

    def _index(self, rec: Record) -> None:
        bisect.insort(self._ids[rec.archived], rec.num)
        bisect.insort(self._mods[rec.archived], (rec.modified, rec.num))

    def _unindex(self, rec: Record) -> None:
        ids = self._ids[rec.archived]
        i = bisect.bisect_left(ids, rec.num)
        if i < len(ids) and ids[i] == rec.num:
            del ids[i]
        mods = self._mods[rec.archived]
        key = (rec.modified, rec.num)
        i = bisect.bisect_left(mods, key)
        if i < len(mods) and mods[i] == key:
            del mods[i]

    def touch(self, rec: Record, modified: int, *, data: dict | None = None, archived: bool | None = None,
              archived_at: int | None = None) -> Record:
        """Change a record's data, modification time and/or archived state, keeping the indexes right."""
        self._unindex(rec)
        if data is not None:
            rec.data = data
        rec.modified = modified
        if archived is not None:
            rec.archived = archived
            rec.archived_at = archived_at if archived else None
        self._index(rec)
        self.version += 1
        rec.extra["rev"] = rec.extra.get("rev", 0) + 1  # per-record change count (render caches key on it)
        return rec

    def purge(self, rec: Record) -> None:
        """Remove a record for good (GDPR delete, Recycle Bin emptied)."""
        self._unindex(rec)
        self.by_num.pop(rec.num, None)
        self.version += 1

    # -- reads --------------------------------------------------------------------------------------------
    def get(self, id: str) -> Record | None:
        num = self.parse_id(id)
        return None if num is None else self.by_num.get(num)

    def count(self, archived: bool | None = False) -> int:
        if archived is None:
            return len(self.by_num)
        return len(self._ids[archived])

    def page_by_id(self, archived: bool, after_num: int, limit: int, *, descending: bool = False) -> list[Record]:
        ids = self._ids[archived]
        if descending:
            i = bisect.bisect_left(ids, after_num)
            nums = ids[max(0, i - limit):i][::-1]
        else:
            i = bisect.bisect_right(ids, after_num)
            nums = ids[i:i + limit]
        return [self.by_num[n] for n in nums]

    def iter_by_id(self, states: tuple[bool, ...] = (False,), after_num: int = 0, *, descending: bool = False,
                   before_num: int | None = None) -> Iterator[Record]:
        """Records by id ascending after `after_num`, or descending below `before_num` (None: from the top)."""
        streams = []
        for st in states:
            ids = self._ids[st]
            if descending:
                hi = len(ids) if before_num is None else bisect.bisect_left(ids, before_num)
                streams.append(_head_reversed(ids, hi))
            else:
                streams.append(_tail(ids, bisect.bisect_right(ids, after_num)))
        nums = streams[0] if len(streams) == 1 else heapq.merge(*streams, reverse=descending)
        for n in nums:
            yield self.by_num[n]

    def iter_by_modified(self, states: tuple[bool, ...] = (False,), start: tuple[int, int] | None = None,
                         inclusive: bool = True, stop_ms: int | None = None, descending: bool = False,
                         ) -> Iterator[Record]:
        """Records in (modified, num) order from `start` on (or backwards when descending), up to stop_ms."""
        streams = []
        for st in states:
            mods = self._mods[st]
            if descending:
                if start is None:
                    hi = len(mods)
                else:
                    hi = bisect.bisect_right(mods, start) if inclusive else bisect.bisect_left(mods, start)
                streams.append(_head_reversed(mods, hi))
            else:
                if start is None:
                    lo = 0
                else:
                    lo = bisect.bisect_left(mods, start) if inclusive else bisect.bisect_right(mods, start)
                streams.append(_tail(mods, lo))
        if len(streams) == 1:
            keys = streams[0]
        else:
            keys = heapq.merge(*streams, reverse=descending)
        for m, n in keys:
            if stop_ms is not None and ((m > stop_ms) if not descending else (m < stop_ms)):
                return
            yield self.by_num[n]

    def all(self, states: tuple[bool, ...] = (False, True)) -> Iterator[Record]:
        return self.iter_by_id(states)


def _tail(seq: list, lo: int) -> Iterator:
    """Lazy seq[lo:]: a 100-record page never copies a 100k-entry index."""
    i = lo
    while i < len(seq):
        yield seq[i]
        i += 1


def _head_reversed(seq: list, hi: int) -> Iterator:
    i = min(hi, len(seq)) - 1
    while i >= 0:
        yield seq[i]
        i -= 1
