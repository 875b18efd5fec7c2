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
import gc
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Boolean, Connection, Enum, bindparam, or_, select, update

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


# Built once: json.dumps with options builds a new encoder per call (~3 µs). Same text as JSONText writes, so a
# snapshot can be compared with the stored one as text.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode


def _json(v: Any) -> str | None:
    return None if v is None else _encode(v)


_BUMP_SQL = ("UPDATE sync_jobs SET processed_records = processed_records + ?, created_records = created_records + ?, "
             "updated_records = updated_records + ?, failed_records = failed_records + ?, total_records = ?, "
             "progress = ?, api_calls = ?, cache_hits = ?, cache_misses = ? WHERE id = ?")
_CURSOR_SQL = ("INSERT INTO sync_cursors (connection_id, object_type, value, updated_at) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (connection_id, object_type) DO UPDATE SET value = excluded.value, "
               "updated_at = excluded.updated_at")


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

    def insert_values_returning_ids(self, db, table: str, cols: list[str], values: list[tuple]) -> list[int]:
        """insert_returning_ids for rows already converted, on the driver connection itself (no SQLAlchemy
        execution context per statement)."""
        per = max(1, 30000 // max(1, len(cols)))
        one = f"({', '.join('?' * len(cols))})"
        head = f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
        ids: list[int] = []
        for start in range(0, len(values), per):
            chunk = values[start:start + per]
            key = ("ir", table, len(cols), len(chunk))
            sql = self._sql.get(key)
            if sql is None:
                sql = self._sql[key] = f"{head}{', '.join([one] * len(chunk))} RETURNING id"
            ids.extend(sorted(r[0] for r in db.execute(sql, [v for row in chunk for v in row])))
        return ids


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
        # The short path's precomputed shapes: record columns, how to take them from a mapped dict, converters.
        self._dt_cols = [c for c in cols if isinstance(self.table.c[c].type, UTCDateTime)]
        self._rec_cols = [*cols, "created_at", "updated_at", "deleted_at", "dirty", "stale"]
        self._rec_get = operator.itemgetter(*cols) if len(cols) > 1 else (lambda m, _c=cols[0]: (m[_c],))
        self._rec_convs = [(i, conv) for i, c in enumerate(cols) if (conv := _converter(self.table.c[c])) is not None]
        self._link_insert_sql = (f"INSERT INTO record_links ({', '.join(LINK_INSERT_COLS)}) "
                                 f"VALUES ({', '.join('?' * len(LINK_INSERT_COLS))})")

    # -- the page ----------------------------------------------------------------------------------------------
    def write(self, page: Page, counters: JobCounters, *, complete: bool = False, save_cursor: bool = True) -> PageResult:
        """Map, reconcile and write one page with its cursor, in one transaction (a targeted fetch of some records
        by id saves no cursor: it says nothing about where the object's stream stands)."""
        # A page allocates a few small containers per record and frees them together, none cyclic: the cyclic
        # collector's passes over the live heap meanwhile cost ~20% of a 2000-record page (measured).
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._write(page, counters, complete=complete, save_cursor=save_cursor)
        finally:
            if enabled:
                gc.enable()

    def _write(self, page: Page, counters: JobCounters, *, complete: bool, save_cursor: bool) -> PageResult:
        """The page (see write()).

        The two common cases take a short path: a new record (no link) is inserted from its mapped values as a
        tuple, and a re-read whose snapshot JSON equals its link's (same text) only gets `last_seen_job_id`
        stamped. Everything else (changes, deletions, the two-way merge) goes through `reconcile()`."""
        res = PageResult(self.entity)
        now = utcnow()
        # Within a page the last version of a record wins (a client may re-read a boundary record).
        latest = {}
        for rec in page.records:
            latest.pop(rec.external_id, None)
            latest[rec.external_id] = rec
        incoming: list[Incoming] = []
        texts: list[str | None] = []  # each incoming's snapshot as the link keeps it (JSON text)
        refs: list[dict[str, list[str]] | None] = []  # the provider ids it points to (map.refs), as the link keeps them
        ref_getters = [(r.target, r.object_type, r.get) for r in self.map.refs]
        rejected: list[dict[str, Any]] = []
        fast_map, slow_map = self.map.fast, self.map.map_validated
        dt_cols, enc = self._dt_cols, _encode
        for rec in latest.values():
            mapped = None
            if fast_map is not None:
                try:
                    mapped = fast_map(rec.raw)
                except Exception:  # noqa: BLE001 - the pydantic path decides (and explains) what the fast one cannot
                    mapped = None
            if mapped is None:
                try:
                    mapped = slow_map(rec.raw)
                except MappingError as e:
                    if not rec.deleted:
                        rejected.append(self._rejected(rec.external_id, rec.raw, e.reason, now))
                        continue
                    # a deletion needs no fields: it must not be lost to a thin payload
            if mapped is None:
                snap = text = None
            else:
                snap = mapped
                if dt_cols:
                    snap = dict(mapped)
                    for c in dt_cols:
                        v = snap[c]
                        if v is not None:
                            snap[c] = snapshot_value(v)
                text = enc(snap)
            incoming.append(Incoming(rec.external_id, mapped, snap, rec.deleted, rec.modified_at))
            texts.append(text)
            if ref_getters and mapped is not None:
                found = {t: [obj, ext] for t, obj, get in ref_getters if (ext := get(rec.raw)) is not None}
                refs.append(found or None)
            else:
                refs.append(None)
        for raw, reason in page.rejected:
            rejected.append(self._rejected(None, raw, reason, now))
        res.received = len(latest) + len(page.rejected)
        res.failed = len(rejected)

        fast = self._fast
        with self.engine.begin() as conn:
            db = conn.connection.driver_connection if fast is not None else None
            self._check_not_cancelled(conn, db)
            rows = self._link_rows(conn, db, [i.external_id for i in incoming])
            job_id = self.job_id
            new: list[tuple[Incoming, str | None]] = []  # fast path inserts
            seen: list[tuple[str, int]] = []
            todo: list[tuple[Incoming, LinkState | None]] = []
            ref_changes: list[tuple[str, int | None, dict | None]] = []  # (external id, link id or None: new, refs)
            for inc, text, ref in zip(incoming, texts, refs, strict=True):
                row = rows.get(inc.external_id)
                if row is None:
                    if inc.mapped is None:  # a deletion of something never seen: nothing to record
                        res.unchanged += 1
                        continue
                    if ref is not None:
                        ref_changes.append((inc.external_id, None, ref))
                    if db is not None:
                        new.append((inc, text))
                    else:
                        todo.append((inc, None))
                    continue
                lid, local_id, snap, rdel, rmod, last_seen, link_refs = row
                if inc.mapped is not None and self.map.refs and (
                        (enc(ref) if ref is not None else None) != (
                            link_refs if db is not None or link_refs is None else enc(link_refs))):
                    ref_changes.append((inc.external_id, lid, ref))
                if db is not None and not rdel and not inc.deleted and text is not None and text == snap:
                    res.unchanged += 1  # a re-read (look-back window, resumed page): nothing changed
                    if last_seen != job_id:  # a full read saw it: hygiene's stale flags rely on this stamp
                        seen.append((job_id, lid))
                    continue
                if db is not None:
                    snap = None if snap is None else json.loads(snap)
                    rmod = None if rmod is None else datetime.fromisoformat(rmod).replace(tzinfo=UTC)
                todo.append((inc, LinkState(lid, local_id, snap, bool(rdel), rmod)))
            if self.policy is not None and todo:
                self._load_merge_state(conn, todo)
            if new:
                self._insert_new(db, new, now, res)
            conflicts = self._reconcile_and_write(conn, todo, now, res, seen)
            if ref_changes:
                self._write_refs(conn, ref_changes)
            if seen:
                if db is not None:  # one statement per chunk, not one per row: the no-op page's only write
                    ids = [lid for _, lid in seen]
                    for i in range(0, len(ids), 30000):
                        chunk = ids[i:i + 30000]
                        db.execute(f"UPDATE record_links SET last_seen_job_id = ? WHERE id IN "
                                   f"({', '.join('?' * len(chunk))})", (job_id, *chunk))
                else:
                    self._many(conn, "link_seen", [{"b_id": lid, "b_last_seen_job_id": j} for j, lid in seen])
            if conflicts:
                from lumio_desktop.sync.conflicts import write_merge_outcomes

                res.conflicts = write_merge_outcomes(conn, self.connection_id, self.entity, conflicts,
                                                     job_id=self.job_id, at=now)
            if rejected:
                insert_many(conn, rejected_t, rejected)
            self._bump_job(conn, db, res, counters)
            if save_cursor:
                self._save_cursor(conn, db, page.state, complete, now)
        return res

    def _insert_new(self, db, new: list[tuple[Incoming, str | None]], now: datetime, res: PageResult) -> None:
        """New records and their links, straight from the mapped values (SQLite): one multi-row INSERT ...
        RETURNING id for the records, one executemany for the links."""
        get, convs = self._rec_get, self._rec_convs
        now_s = _dt(now)
        tail = (now_s, now_s, None, 0, 0)  # created_at, updated_at, deleted_at, dirty, stale
        tail_del = (now_s, now_s, now_s, 0, 0)
        values = []
        for inc, _ in new:
            t = get(inc.mapped)
            if convs:
                t = list(t)
                for i, conv in convs:
                    t[i] = conv(t[i])
                t = tuple(t)
            values.append(t + (tail_del if inc.deleted else tail))
        ids = self._fast.insert_values_returning_ids(db, self.table.name, self._rec_cols, values)
        cid, prov, obj, ent, job = self.connection_id, self.provider, self.object_type, self.entity, self.job_id
        dt = _dt.__wrapped__  # modification times differ per record: the page's cache would only miss
        db.executemany(self._link_insert_sql, [
            (cid, prov, obj, inc.external_id, ent, rid, text, dt(inc.modified_at), now_s, int(inc.deleted), job)
            for (inc, text), rid in zip(new, ids, strict=True)])
        res.created += len(new)

    def _reconcile_and_write(self, conn: Connection, todo: list[tuple[Incoming, LinkState | None]], now: datetime,
                             res: PageResult, seen: list[tuple[str, int]]) -> list:
        """The general path: reconcile() decides each record; returns the merge outcomes to write."""
        inserts: list[tuple[Incoming, dict[str, Any]]] = []
        updates, updates_del, marks = [], [], []
        link_updates, link_updates_keep = [], []
        merged = []
        for inc, link in todo:
            d = reconcile(inc, link, self.policy)
            if d.action == SKIP:
                res.unchanged += 1
                if link is not None:  # a full read saw it: hygiene's stale flags rely on this stamp
                    seen.append((self.job_id, link.id))
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
                          ("link_update", link_updates), ("link_update_keep", link_updates_keep)):
            if rows:
                self._many(conn, key, rows)
        return merged

    def mark_complete(self, state: dict[str, Any]) -> None:
        """The read ended: the saved state is now a finished read's (the next run is an incremental from it)."""
        with self.engine.begin() as conn:
            self._save_cursor(conn, None, state, True, utcnow())
            self.link_pending_refs(conn)

    # -- references between records (a contact's account, a deal's company) -------------------------------------
    def _write_refs(self, conn: Connection, changes: list[tuple[str, int | None, dict | None]]) -> None:
        """Keep each record's provider references on its link and set its local foreign keys from them: one lookup
        per referenced object type for the page. A reference to a record not stored yet stays NULL until
        link_pending_refs() finds it."""
        c = links_t.c
        exts = [e for e, _, _ in changes]
        found: dict[str, tuple[int, int]] = {}  # external id -> (link id, local id), new links included
        for start in range(0, len(exts), LOOKUP_CHUNK):
            for ext, lid, local_id in conn.execute(select(c.external_id, c.id, c.local_id).where(
                    c.connection_id == self.connection_id, c.object_type == self.object_type,
                    c.external_id.in_(exts[start:start + LOOKUP_CHUNK]))):
                found[ext] = (lid, local_id)
        changes = [(ext, ref) for ext, _, ref in changes if ext in found]
        if changes:
            conn.execute(update(links_t).where(links_t.c.id == bindparam("b_id")).values(refs=bindparam("b_refs")),
                         [{"b_id": found[ext][0], "b_refs": ref} for ext, ref in changes])
            self._set_foreign_keys(conn, self.entity, [(found[ext][1], ref) for ext, ref in changes])

    def _set_foreign_keys(self, conn: Connection, entity: str, rows: list[tuple[int, dict | None]]) -> int:
        """rows: (local id, refs). Resolves every external id through record_links (one query per object type) and
        writes the foreign keys (NULL where a reference is gone or not stored yet). Returns how many it resolved."""
        if not rows:
            return 0
        table = ENTITY_MODELS[entity].__table__
        targets = [t for t in ("company_id", "lead_id") if t in table.c]
        wanted: dict[str, set[str]] = {}
        for _, ref in rows:
            for obj, ext in (ref or {}).values():
                wanted.setdefault(obj, set()).add(ext)
        local: dict[tuple[str, str], int] = {}
        c = links_t.c
        for obj, exts in wanted.items():
            ids = sorted(exts)
            for start in range(0, len(ids), LOOKUP_CHUNK):
                for ext, lid in conn.execute(select(c.external_id, c.local_id).where(
                        c.connection_id == self.connection_id, c.object_type == obj,
                        c.external_id.in_(ids[start:start + LOOKUP_CHUNK]))):
                    local[(obj, ext)] = lid
        resolved = 0
        out = []
        for local_id, ref in rows:
            row = {"b_id": local_id}
            for t in targets:
                obj_ext = (ref or {}).get(t)
                row[f"b_{t}"] = None if obj_ext is None else local.get(tuple(obj_ext))
                resolved += row[f"b_{t}"] is not None
            out.append(row)
        conn.execute(update(table).where(table.c.id == bindparam("b_id"))
                     .values({t: bindparam(f"b_{t}") for t in targets}), out)
        return resolved

    def link_pending_refs(self, conn: Connection) -> int:
        """The end-of-read pass: leads and deals of this connection whose references were not stored when they were
        written (their company came later, or in a parallel object's pages) get their foreign keys now. Reads only
        the links that have references and a NULL key."""
        done = 0
        for entity in ("lead", "deal"):
            table = ENTITY_MODELS[entity].__table__
            targets = [table.c[t] for t in ("company_id", "lead_id") if t in table.c]
            q = (select(table.c.id, links_t.c.refs).join(links_t, links_t.c.local_id == table.c.id)
                 .where(links_t.c.connection_id == self.connection_id, links_t.c.entity == entity,
                        links_t.c.refs.is_not(None), or_(*(t.is_(None) for t in targets))))
            rows = [(lid, refs) for lid, refs in conn.execute(q)]
            for start in range(0, len(rows), LOOKUP_CHUNK):
                done += self._set_foreign_keys(conn, entity, rows[start:start + LOOKUP_CHUNK])
        return done

    # -- helpers -----------------------------------------------------------------------------------------------
    def _check_not_cancelled(self, conn: Connection, db=None) -> None:
        # Another process (`lumio-sync job cancel`) cancels by writing the status; honour it before each page.
        if db is not None:
            row = db.execute("SELECT status FROM sync_jobs WHERE id = ?", (self.job_id,)).fetchone()
            status = None if row is None else row[0]
        else:
            status = conn.execute(select(jobs_t.c.status).where(jobs_t.c.id == self.job_id)).scalar_one_or_none()
        if status == JobStatus.CANCELLED:
            raise Cancelled("cancelled from another process")

    def _link_rows(self, conn: Connection, db, external_ids: list[str]) -> dict[str, tuple]:
        """external id -> (link id, local id, snapshot, remote_deleted, remote_modified_at, last_seen_job_id, refs) for the
        page's own ids; on SQLite the snapshot stays JSON text (compared as text, parsed only when it differs)."""
        out: dict[str, tuple] = {}
        c = links_t.c
        for start in range(0, len(external_ids), LOOKUP_CHUNK):
            chunk = external_ids[start:start + LOOKUP_CHUNK]
            if db is None:
                q = select(c.external_id, c.id, c.local_id, c.snapshot, c.remote_deleted, c.remote_modified_at,
                           c.last_seen_job_id, c.refs).where(c.connection_id == self.connection_id,
                                                     c.object_type == self.object_type, c.external_id.in_(chunk))
                rows = conn.execute(q)
            else:
                rows = db.execute(
                    "SELECT external_id, id, local_id, snapshot, remote_deleted, remote_modified_at, last_seen_job_id, refs"
                    f" FROM record_links WHERE connection_id = ? AND object_type = ? AND external_id IN"
                    f" ({', '.join('?' * len(chunk))})", (self.connection_id, self.object_type, *chunk))
            for ext, lid, local_id, snap, rdel, rmod, seen, refs in rows:
                out[ext] = (lid, local_id, snap, rdel, rmod, seen, refs)  # on SQLite rmod and refs are text
        return out

    def _load_merge_state(self, conn: Connection, todo: list[tuple[Incoming, LinkState | None]]) -> None:
        # Only records that changed in the provider are merged: re-reads of unchanged ones cost no local reads.
        from lumio_desktop.sync.conflicts import load_merge_state

        changed = [link for inc, link in todo
                   if link is not None and inc.mapped is not None and not inc.deleted
                   and (inc.snapshot != link.snapshot or link.remote_deleted)]
        if changed:
            load_merge_state(conn, self.entity, self.map.columns, changed)

    def _rejected(self, external_id: str | None, raw: Any, reason: str, now: datetime) -> dict[str, Any]:
        text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
        return {"job_id": self.job_id, "connection_id": self.connection_id, "object_type": self.object_type,
                "external_id": external_id, "direction": "pull", "raw": text, "reason": reason, "at": now}

    def _bump_job(self, conn: Connection, db, res: PageResult, k: JobCounters) -> None:
        if db is not None:
            db.execute(_BUMP_SQL, (res.received, res.created, res.updated, res.failed, k.total, k.progress,
                                   k.api_calls, k.cache_hits, k.cache_misses, self.job_id))
            return
        c = jobs_t.c
        conn.execute(update(jobs_t).where(c.id == self.job_id).values(
            processed_records=c.processed_records + res.received,
            created_records=c.created_records + res.created,
            updated_records=c.updated_records + res.updated,
            failed_records=c.failed_records + res.failed,
            total_records=k.total, progress=k.progress, api_calls=k.api_calls,
            cache_hits=k.cache_hits, cache_misses=k.cache_misses,
        ))

    def _save_cursor(self, conn: Connection, db, state: dict[str, Any], complete: bool, now: datetime) -> None:
        value = cursor_value(self.mode, state, complete=complete, job_id=self.job_id)
        if db is not None:
            db.execute(_CURSOR_SQL, (self.connection_id, self.object_type, _json(value), _dt(now)))
            return
        conn.execute(self._cursor_stmt, {
            "connection_id": self.connection_id, "object_type": self.object_type, "value": value, "updated_at": now,
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
