"""One job's data path: pages in -> map/validate -> reconcile against record links -> one transaction per page.

The transaction of a page writes its local records, links, rejected rows, the job's progress and counts, and the
page's `state` into sync_cursors, or nothing at all: the cursor never runs ahead of what is stored, and a crash
between pages loses nothing (the next run resumes from the last committed state; re-read records are upserts by
external id, so nothing is duplicated).

Every database call of the engine runs on one writer thread (`Writer`), never on the event loop thread: SQLite has
one writer anyway, and the Qt/asyncio thread never waits on disk. Mapping runs there too, so the loop stays free
for HTTP while a page is written; the next page is fetched while the current one is written (a small queue).

Memory stays flat as the store grows: a page looks up the links of its own external ids only.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Boolean, Connection, Enum, bindparam, select, update

from lumio_desktop.store.bulk import _insert_for, insert_many
from lumio_desktop.store.models import (
    ENTITY_MODELS,
    JobStatus,
    RecordLink,
    RejectedRecord,
    SyncCursor,
    SyncJob,
)
from lumio_desktop.store.types import JSONText, UTCDateTime, utcnow
from lumio_desktop.sync.errors import Cancelled
from lumio_desktop.sync.mapping import MappingError, get_map, snapshot_value
from lumio_desktop.sync.providers.base import Page
from lumio_desktop.sync.reconcile import INSERT, SKIP, Incoming, LinkState, reconcile

T = TypeVar("T")
LOOKUP_CHUNK = 500  # external ids per IN (...) query
FAST_SQLITE = True  # FastSQL on SQLite; tests switch it off to run the portable Core statements

links_t = RecordLink.__table__
jobs_t = SyncJob.__table__
cursors_t = SyncCursor.__table__
rejected_t = RejectedRecord.__table__


class Writer:
    """The one thread that touches the database. `await writer.call(fn, *args)` runs fn there.

    A call that has started always finishes (a page is committed or rolled back as a whole), even when the awaiting
    task is cancelled: the task waits for it, then sees its CancelledError.
    """

    def __init__(self) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="lumio-db-writer")

    def submit(self, fn: Callable[..., T], *args: Any) -> concurrent.futures.Future[T]:
        return self._pool.submit(fn, *args)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        fut = asyncio.wrap_future(self._pool.submit(fn, *args))
        try:
            return await asyncio.shield(fut)
        except asyncio.CancelledError:
            if not fut.done():
                try:
                    await fut
                except BaseException:  # noqa: BLE001 - its outcome is the transaction's; we are leaving anyway
                    pass
            raise

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


@dataclass(slots=True)
class PageResult:
    entity: str
    received: int = 0  # records in the page after de-duplication, plus the client's own rejects
    created: int = 0
    updated: int = 0
    deleted: int = 0  # of `updated`, how many marked deleted
    unchanged: int = 0
    failed: int = 0
    conflicts: int = 0  # new open conflicts (two-way merge)


@dataclass(slots=True)
class JobCounters:
    """Absolute values written with each page (they come from the client's CallStats and the runner's totals)."""

    total: int = 0
    progress: float = 0.0
    api_calls: int = 0
    cache_hits: int = 0
    cache_misses: int = 0


def cursor_value(mode: str, state: dict[str, Any], *, complete: bool, job_id: str) -> dict[str, Any]:
    return {"mode": mode, "state": state, "complete": complete, "job_id": job_id}


LINK_INSERT_COLS = ["connection_id", "provider", "object_type", "external_id", "entity", "local_id", "snapshot",
                    "remote_modified_at", "synced_at", "remote_deleted", "last_seen_job_id"]


@functools.lru_cache(maxsize=256)  # a page stamps one `now` on every row
def _dt(v: datetime | None) -> str | None:
    # SQLAlchemy's SQLite DATETIME text, so the ORM reads these back exactly like its own writes.
    if v is None:
        return None
    return v.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _json(v: Any) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":"), default=str)


def _bool(v: Any) -> int | None:
    return None if v is None else int(bool(v))


def _enum(v: Any) -> Any:
    return getattr(v, "value", v)


def _converter(col) -> Callable[[Any], Any] | None:
    t = col.type
    if isinstance(t, UTCDateTime):
        return _dt
    if isinstance(t, JSONText):
        return _json
    if isinstance(t, Boolean):
        return _bool
    if isinstance(t, Enum):
        return _enum
    return None


class FastSQL:
    """The page's bulk statements straight on the SQLite driver: plain SQL with ? parameters, values converted the
    way the column types would (UTCDateTime, JSONText, Boolean, Enum). SQLAlchemy's per-row parameter processing and
    its one-statement-per-row INSERT ... RETURNING on SQLite cost more than the writes themselves. Same connection,
    same transaction as the Core statements around them."""

    def __init__(self) -> None:
        self._sql: dict[tuple, tuple[str, list]] = {}

    @staticmethod
    def _convs(table, cols: list[str]) -> list:
        return [_converter(table.c[c]) for c in cols]

    @staticmethod
    def _tuples(rows, keys: list[str], convs: list) -> list[tuple]:
        get = operator.itemgetter(*keys)
        todo = [(i, conv) for i, conv in enumerate(convs) if conv is not None]
        out = []
        for row in rows:
            t = list(get(row)) if len(keys) > 1 else [get(row)]
            for i, conv in todo:
                t[i] = conv(t[i])
            out.append(tuple(t))
        return out

    def update(self, conn: Connection, table, cols: list[str], where: str, rows: list[dict[str, Any]]) -> None:
        key = ("u", table.name, tuple(cols), where)
        if key not in self._sql:
            sql = f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in cols)} WHERE {where} = ?"
            self._sql[key] = (sql, [*self._convs(table, cols), None])
        sql, convs = self._sql[key]
        conn.exec_driver_sql(sql, self._tuples(rows, [*(f"b_{c}" for c in cols), f"b_{where}"], convs))

    def insert(self, conn: Connection, table, cols: list[str], rows: list[dict[str, Any]]) -> None:
        key = ("i", table.name, tuple(cols))
        if key not in self._sql:
            sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            self._sql[key] = (sql, self._convs(table, cols))
        sql, convs = self._sql[key]
        conn.exec_driver_sql(sql, self._tuples(rows, cols, convs))

    def insert_returning_ids(self, conn: Connection, table, cols: list[str], rows: list[dict[str, Any]]) -> list[int]:
        """New rows' ids in input order. One multi-row INSERT ... RETURNING per chunk: SQLite promises no order for
        RETURNING rows, but a rowid table gives each new row max(rowid) + 1 in insertion order while this
        transaction holds the write lock, so the ids sorted ascending are in input order."""
        values = self._tuples(rows, cols, self._convs(table, cols))
        per = max(1, 30000 // max(1, len(cols)))  # SQLite allows 32766 parameters per statement
        one = f"({', '.join('?' * len(cols))})"
        ids: list[int] = []
        for start in range(0, len(values), per):
            chunk = values[start:start + per]
            sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES {', '.join([one] * len(chunk))} RETURNING id"
            ids.extend(sorted(r[0] for r in conn.exec_driver_sql(sql, tuple(v for row in chunk for v in row))))
        return ids

    @staticmethod
    def links(conn: Connection, connection_id: int, object_type: str, external_ids: list[str]):
        sql = ("SELECT id, external_id, local_id, snapshot, remote_deleted, remote_modified_at FROM record_links "
               f"WHERE connection_id = ? AND object_type = ? AND external_id IN ({', '.join('?' * len(external_ids))})")
        for lid, ext, local_id, snap, rdel, rmod in conn.exec_driver_sql(
                sql, (connection_id, object_type, *external_ids)):
            yield (lid, ext, local_id, None if snap is None else json.loads(snap), rdel,
                   None if rmod is None else datetime.fromisoformat(rmod).replace(tzinfo=UTC))


class PageWriter:
    """Writes the pages of one (connection, object type) within one job. Runs on the writer thread only."""

    def __init__(self, engine, *, connection_id: int, provider: str, object_type: str, job_id: str, mode: str,
                 policy: Any = None, fast: bool = True):
        """`policy`: the connection's merge settings (conflicts.policy_for); None = the provider's values win."""
        self.engine = engine
        self.policy = policy
        self.connection_id = connection_id
        self.provider = provider
        self.object_type = object_type
        self.job_id = job_id
        self.mode = mode
        self.map = get_map(provider, object_type)
        self.entity = self.map.entity
        self.table = ENTITY_MODELS[self.entity].__table__
        cols = self.map.columns
        self._update_cols = cols
        self._update_stmt = (
            update(self.table).where(self.table.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in [*cols, "updated_at"]})
        )
        self._update_del_stmt = (
            update(self.table).where(self.table.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in [*cols, "updated_at", "deleted_at"]})
        )
        self._mark_del_stmt = (
            update(self.table).where(self.table.c.id == bindparam("b_id"))
            .values(updated_at=bindparam("b_updated_at"), deleted_at=bindparam("b_deleted_at"))
        )
        link_cols = ["snapshot", "remote_modified_at", "synced_at", "remote_deleted", "last_seen_job_id"]
        self._link_update_stmt = (
            update(links_t).where(links_t.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in link_cols})
        )
        self._link_seen_stmt = (
            update(links_t).where(links_t.c.id == bindparam("b_id")).values(last_seen_job_id=bindparam("b_last_seen_job_id"))
        )
        self._link_update_keep_snap_stmt = (
            update(links_t).where(links_t.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in link_cols if c != "snapshot"})
        )
        cur = _insert_for(engine, cursors_t)
        self._cursor_stmt = cur.on_conflict_do_update(
            index_elements=["connection_id", "object_type"],
            set_={"value": cur.excluded.value, "updated_at": cur.excluded.updated_at})
        # Each bulk statement, and its (table, SET columns, WHERE column) for the SQLite fast path (FastSQL).
        self._stmts = {
            "update": (self._update_stmt, self.table, [*cols, "updated_at"], "id"),
            "update_del": (self._update_del_stmt, self.table, [*cols, "updated_at", "deleted_at"], "id"),
            "mark_del": (self._mark_del_stmt, self.table, ["updated_at", "deleted_at"], "id"),
            "link_update": (self._link_update_stmt, links_t, link_cols, "id"),
            "link_update_keep": (self._link_update_keep_snap_stmt, links_t,
                                 [c for c in link_cols if c != "snapshot"], "id"),
            "link_seen": (self._link_seen_stmt, links_t, ["last_seen_job_id"], "id"),
            "link_insert": (links_t.insert(), links_t, LINK_INSERT_COLS, None),
        }
        self._fast = FastSQL() if FAST_SQLITE and engine.dialect.name == "sqlite" and fast else None

    # -- the page ----------------------------------------------------------------------------------------------
    def write(self, page: Page, counters: JobCounters, *, complete: bool = False, save_cursor: bool = True) -> PageResult:
        """Map, reconcile and write one page with its cursor, in one transaction (a targeted fetch of some records
        by id saves no cursor: it says nothing about where the object's stream stands)."""
        res = PageResult(self.entity)
        now = utcnow()
        # Within a page the last version of a record wins (a client may re-read a boundary record).
        latest = {}
        for rec in page.records:
            latest.pop(rec.external_id, None)
            latest[rec.external_id] = rec
        incoming: list[Incoming] = []
        rejected: list[dict[str, Any]] = []
        for rec in latest.values():
            try:
                mapped = self.map.map(rec.raw)
            except MappingError as e:
                if rec.deleted:
                    mapped = None  # a deletion needs no fields: it must not be lost to a thin payload
                else:
                    rejected.append(self._rejected(rec.external_id, rec.raw, e.reason, now))
                    continue
            snap = None if mapped is None else {k: snapshot_value(v) for k, v in mapped.items()}
            incoming.append(Incoming(rec.external_id, mapped, snap, rec.deleted, rec.modified_at))
        for raw, reason in page.rejected:
            rejected.append(self._rejected(None, raw, reason, now))
        res.received = len(latest) + len(page.rejected)
        res.failed = len(rejected)

        with self.engine.begin() as conn:
            self._check_not_cancelled(conn)
            links = self._links_for(conn, [i.external_id for i in incoming])
            if self.policy is not None:
                self._load_merge_state(conn, incoming, links)
            inserts: list[tuple[Incoming, dict[str, Any]]] = []
            updates, updates_del, marks = [], [], []
            link_updates, link_updates_keep, seen = [], [], []
            merged = []
            for inc in incoming:
                link = links.get(inc.external_id)
                d = reconcile(inc, link, self.policy)
                if d.action == SKIP:
                    res.unchanged += 1
                    if link is not None:  # a full read saw it: hygiene's stale flags rely on this stamp
                        seen.append({"b_id": link.id, "b_last_seen_job_id": self.job_id})
                    continue
                if d.merge is not None:
                    merged.append((link, d.merge))
                if d.action == INSERT:
                    row = dict(d.fields)
                    row.update(created_at=now, updated_at=now, deleted_at=now if d.deleted else None, dirty=False,
                               stale=False)
                    inserts.append((inc, row))
                    res.created += 1
                    continue
                res.updated += 1
                if d.deleted:
                    res.deleted += 1
                deleted_at = now if d.deleted else None
                if d.fields is None:
                    marks.append({"b_id": link.local_id, "b_updated_at": now, "b_deleted_at": deleted_at})
                else:
                    row = {f"b_{k}": v for k, v in d.fields.items()}
                    row["b_id"] = link.local_id
                    row["b_updated_at"] = now
                    if d.deleted is None:
                        updates.append(row)
                    else:
                        row["b_deleted_at"] = deleted_at
                        updates_del.append(row)
                lu = {"b_id": link.id, "b_remote_modified_at": inc.modified_at, "b_synced_at": now,
                      "b_remote_deleted": bool(d.deleted if d.deleted is not None else link.remote_deleted),
                      "b_last_seen_job_id": self.job_id}
                if d.snapshot is None:
                    link_updates_keep.append(lu)
                else:
                    lu["b_snapshot"] = d.snapshot
                    link_updates.append(lu)
            if inserts:
                ids = self._insert_records(conn, [r for _, r in inserts])
                self._many(conn, "link_insert", [
                    {"connection_id": self.connection_id, "provider": self.provider, "object_type": self.object_type,
                     "external_id": inc.external_id, "entity": self.entity, "local_id": rid,
                     "snapshot": inc.snapshot, "remote_modified_at": inc.modified_at, "synced_at": now,
                     "remote_deleted": inc.deleted, "last_seen_job_id": self.job_id}
                    for (inc, _), rid in zip(inserts, ids, strict=True)
                ])
            for key, rows in (("update", updates), ("update_del", updates_del), ("mark_del", marks),
                              ("link_update", link_updates), ("link_update_keep", link_updates_keep),
                              ("link_seen", seen)):
                if rows:
                    self._many(conn, key, rows)
            if merged:
                from lumio_desktop.sync.conflicts import write_merge_outcomes

                res.conflicts = write_merge_outcomes(conn, self.connection_id, self.entity, merged,
                                                     job_id=self.job_id, at=now)
            if rejected:
                insert_many(conn, rejected_t, rejected)
            self._bump_job(conn, res, counters)
            if save_cursor:
                self._save_cursor(conn, page.state, complete, now)
        return res

    def mark_complete(self, state: dict[str, Any]) -> None:
        """The read ended: the saved state is now a finished read's (the next run is an incremental from it)."""
        with self.engine.begin() as conn:
            self._save_cursor(conn, state, True, utcnow())

    # -- helpers -----------------------------------------------------------------------------------------------
    def _check_not_cancelled(self, conn: Connection) -> None:
        # Another process (`lumio-sync job cancel`) cancels by writing the status; honour it before each page.
        status = conn.execute(select(jobs_t.c.status).where(jobs_t.c.id == self.job_id)).scalar_one_or_none()
        if status == JobStatus.CANCELLED:
            raise Cancelled("cancelled from another process")

    def _links_for(self, conn: Connection, external_ids: list[str]) -> dict[str, LinkState]:
        out: dict[str, LinkState] = {}
        c = links_t.c
        for start in range(0, len(external_ids), LOOKUP_CHUNK):
            chunk = external_ids[start:start + LOOKUP_CHUNK]
            q = select(c.id, c.external_id, c.local_id, c.snapshot, c.remote_deleted, c.remote_modified_at).where(
                c.connection_id == self.connection_id, c.object_type == self.object_type, c.external_id.in_(chunk))
            rows = conn.execute(q) if self._fast is None else self._fast.links(
                conn, self.connection_id, self.object_type, chunk)
            for lid, ext, local_id, snap, rdel, rmod in rows:
                out[ext] = LinkState(lid, local_id, snap, bool(rdel), rmod)
        return out

    def _load_merge_state(self, conn: Connection, incoming: list[Incoming], links: dict[str, LinkState]) -> None:
        # Only records that changed in the provider are merged: re-reads of unchanged ones cost no local reads.
        from lumio_desktop.sync.conflicts import load_merge_state

        changed = [links[i.external_id] for i in incoming
                   if i.external_id in links and i.mapped is not None and not i.deleted
                   and (i.snapshot != links[i.external_id].snapshot or links[i.external_id].remote_deleted)]
        if changed:
            load_merge_state(conn, self.entity, self.map.columns, changed)

    def _rejected(self, external_id: str | None, raw: Any, reason: str, now: datetime) -> dict[str, Any]:
        text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
        return {"job_id": self.job_id, "connection_id": self.connection_id, "object_type": self.object_type,
                "external_id": external_id, "direction": "pull", "raw": text, "reason": reason, "at": now}

    def _bump_job(self, conn: Connection, res: PageResult, k: JobCounters) -> None:
        c = jobs_t.c
        conn.execute(update(jobs_t).where(c.id == self.job_id).values(
            processed_records=c.processed_records + res.received,
            created_records=c.created_records + res.created,
            updated_records=c.updated_records + res.updated,
            failed_records=c.failed_records + res.failed,
            total_records=k.total, progress=k.progress, api_calls=k.api_calls,
            cache_hits=k.cache_hits, cache_misses=k.cache_misses,
        ))

    def _save_cursor(self, conn: Connection, state: dict[str, Any], complete: bool, now: datetime) -> None:
        conn.execute(self._cursor_stmt, {
            "connection_id": self.connection_id, "object_type": self.object_type,
            "value": cursor_value(self.mode, state, complete=complete, job_id=self.job_id), "updated_at": now,
        })

    # -- the bulk statements: Core everywhere, raw DB-API on SQLite (the hot path) ---------------------------
    def _many(self, conn: Connection, key: str, rows: list[dict[str, Any]]) -> None:
        stmt, table, cols, where = self._stmts[key]
        if self._fast is None:
            conn.execute(stmt, rows)
        elif where is None:
            self._fast.insert(conn, table, cols, rows)
        else:
            self._fast.update(conn, table, cols, where, rows)

    def _insert_records(self, conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
        if self._fast is None:
            return [r[0] for r in insert_many(conn, self.table, rows, returning=["id"])]
        return self._fast.insert_returning_ids(conn, self.table, list(rows[0]), rows)
