"""A small in-test ProviderClient over lists of raw records, for unit tests of the pipeline and the job queue.

The end-to-end tests use the real clients against the sandbox; this one lets a test stop, fail or block a read at an
exact page. State: {"pos": records consumed in this read, "wm": the highest modified seen, "inc": incremental?}.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from lumio_desktop.store.models import Connection, Provider
from lumio_desktop.sync.providers.base import CallStats, Mode, Page, RemoteRecord

ENTITY = {"contacts": "lead", "companies": "company", "deals": "deal"}


def contact(n: int, modified: int = 1, **props) -> dict[str, Any]:
    p = {"email": f"person{n}@example.com", "firstname": f"First{n}", "lastname": f"Last{n}",
         "lifecyclestage": "lead"}
    p.update(props)
    return {"id": str(n), "properties": p, "archived": False, "_modified": modified}


def company(n: int, modified: int = 1, **props) -> dict[str, Any]:
    p = {"name": f"Company {n}", "domain": f"c{n}.example.com"}
    p.update(props)
    return {"id": str(n), "properties": p, "archived": False, "_modified": modified}


class ListClient:
    provider = "hubspot"

    def __init__(self, data: dict[str, list[dict[str, Any]]], page_size: int = 10):
        self.data = data
        self.objects = list(data)
        self.page_size = page_size
        self.stats = CallStats()
        self.fail_at: dict[str, tuple[int, BaseException]] = {}  # object -> (page index, exception)
        self.block_at: dict[str, int] = {}  # object -> page index at which to wait for `release`
        self.release = asyncio.Event()
        self.blocked = asyncio.Event()
        self.active = 0
        self.max_active = 0
        self.calls: list[tuple[str, str, dict | None]] = []
        self.closed = False

    def entity_for(self, object_type: str) -> str:
        return ENTITY[object_type]

    async def pages(self, object_type: str, mode: Mode, state: dict | None):
        self.calls.append((object_type, str(mode), state))
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        try:
            if mode == Mode.INCREMENTAL and state:
                inc = True
                since, pos = (state["wm"], 0) if state.get("done") else (state.get("since", 0), state["pos"])
            elif state:  # resume a full read
                inc, since, pos = False, 0, state["pos"]
            else:
                inc, since, pos = False, 0, 0
            wm = (state or {}).get("wm", 0)
            rows = sorted(self.data[object_type], key=lambda r: (r["_modified"], r["id"].zfill(12)))
            if inc:
                rows = [r for r in rows if r["_modified"] >= since]  # >=: a look-back re-reads the boundary
            index = 0
            while True:
                chunk = rows[pos:pos + self.page_size]
                await asyncio.sleep(0)
                self.stats.api_calls += 1
                if object_type in self.block_at and index == self.block_at[object_type]:
                    self.blocked.set()
                    await self.release.wait()
                if object_type in self.fail_at and self.fail_at[object_type][0] == index:
                    raise self.fail_at[object_type][1]
                pos += len(chunk)
                for r in chunk:
                    wm = max(wm, r["_modified"])
                done = pos >= len(rows)
                recs = [RemoteRecord(object_type, r["id"], datetime.fromtimestamp(r["_modified"], UTC),
                                     {k: v for k, v in r.items() if not k.startswith("_")},
                                     deleted=bool(r.get("archived"))) for r in chunk]
                yield Page(recs, {"pos": pos, "wm": wm, "since": since, "inc": inc, "done": done}, total=len(rows))
                index += 1
                if done:
                    return
        finally:
            self.active -= 1

    async def fetch(self, object_type, external_ids):
        return []

    async def push(self, object_type, changes):
        return []

    async def precheck(self):
        raise NotImplementedError

    async def aclose(self) -> None:
        self.closed = True


def add_connection(store, name: str = "hs", provider: Provider = Provider.HUBSPOT) -> int:
    with store.session() as s, s.begin():
        c = Connection(name=name, provider=provider, base_url="http://sandbox.invalid")
        s.add(c)
        s.flush()
        return c.id


def fetch_from(client: ListClient, object_type: str, ids) -> list[RemoteRecord]:
    by_id = {r["id"]: r for r in client.data[object_type]}
    out = []
    for i in ids:
        r = by_id.get(i)
        if r is None:
            out.append(RemoteRecord(object_type, i, None, {"id": i}, deleted=True))
        else:
            out.append(RemoteRecord(object_type, i, datetime.fromtimestamp(r["_modified"], UTC),
                                    {k: v for k, v in r.items() if not k.startswith("_")},
                                    deleted=bool(r.get("archived"))))
    return out
