"""The local write path against a raw sqlite3 upsert (issue 4: >= 40%), side by side in one run. Not a test.

    .venv/bin/python -m tests.sync.bench_local_write [--n 10000] [--reps 5] [--baseline REV] [--profile CASE]

Pages of HubSpot contacts and Salesforce Leads (as the clients hand them over: RemoteRecord with the raw payload) are
built in memory, then written by `PageWriter` into a fresh store (new records), and again by a second job (a no-op
re-read). The floor is the bench's: plain sqlite3, one `INSERT ... ON CONFLICT DO UPDATE` executemany and one commit
per page, of the same rows mapped beforehand, with the store's pragmas. `--baseline REV` also runs the pipeline.py
of that git revision (e.g. the commit before the fast path), interleaved, so before and after see the same machine.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import pstats
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median

from lumio_desktop.sync.providers.base import Page, RemoteRecord

OBJECTS = {"hubspot": "contacts", "salesforce": "Lead"}
FIRST = ["Ana", "João", "Maria", "John", "Émilie", "Li", "Kwame", "Zoë", ""]
LAST = ["Silva", "Souza", "Smith", "O'Brien", "Nguyen", "da Costa", "Müller"]
JOBS = ["CTO", "Sales Manager", "Analyst", "Founder & CEO", "Engineer", "Diretora de Marketing", ""]
STAGES = ["lead", "subscriber", "marketingqualifiedlead", "customer", "opportunity"]
SF_STATUS = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]


def _sf_id(n: int) -> str:
    return f"00Q{n:015d}"


def make_pages(provider: str, n: int, per_page: int, seed: int = 7) -> list[Page]:
    rng = random.Random(seed)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    recs = []
    for i in range(n):
        first, last, job = rng.choice(FIRST), rng.choice(LAST), rng.choice(JOBS)
        email = f"{first.lower() or 'x'}.{last.lower().replace(' ', '')}{i}@example.com"
        phone = "" if i % 10 == 0 else f"+55 11 9{1000 + i % 9000}-{1000 + rng.randrange(9000)}"
        mod = t0 + timedelta(seconds=i)
        if provider == "hubspot":
            ext = str(1000 + i)
            raw = {"id": ext, "properties": {
                "email": email, "firstname": first, "lastname": last, "phone": phone, "company": "Acme Ltda",
                "jobtitle": job, "lifecyclestage": rng.choice(STAGES), "hs_lead_status": "NEW, HOT" if i % 3 else "",
                "hubspot_owner_id": str(100 + i % 7), "city": "São Paulo", "country": "Brazil",
                "hs_analytics_source": "ORGANIC_SEARCH", "lastmodifieddate": mod.isoformat().replace("+00:00", "Z"),
                "createdate": t0.isoformat().replace("+00:00", "Z"), "hs_object_id": ext},
                "createdAt": t0.isoformat(), "updatedAt": mod.isoformat(), "archived": False}
        else:
            ext = _sf_id(i)
            raw = {"attributes": {"type": "Lead", "url": f"/services/data/v59.0/sobjects/Lead/{ext}"},
                   "Id": ext, "IsDeleted": False, "FirstName": first or None, "LastName": last,
                   "Company": "Acme Ltda", "Email": email, "Phone": phone or None, "Title": job or None,
                   "Status": rng.choice(SF_STATUS), "LeadSource": "Web", "City": "São Paulo", "Country": "Brazil",
                   "OwnerId": f"005{i % 7:015d}", "SystemModstamp": mod.isoformat().replace("+00:00", ".000+0000")}
        recs.append(RemoteRecord(OBJECTS[provider], ext, mod, raw))
    return [Page(recs[i:i + per_page], {"v": 1, "after": i + per_page}) for i in range(0, n, per_page)]


def load_pipeline(rev: str | None):
    if rev is None:
        from lumio_desktop.sync import pipeline
        return pipeline
    src = subprocess.run(["git", "show", f"{rev}:lumio_desktop/sync/pipeline.py"], check=True, capture_output=True,
                         text=True, cwd=Path(__file__).resolve().parents[2]).stdout
    path = Path(tempfile.mkdtemp(prefix="lumio-baseline-")) / f"pipeline_{rev[:8]}.py"
    path.write_text(src)
    spec = importlib.util.spec_from_file_location(f"_baseline_pipeline_{rev[:8]}", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


class Store:
    def __init__(self):
        from lumio_desktop.config import load_settings
        from lumio_desktop.store import open_store
        from lumio_desktop.store.models import Connection

        self.dir = Path(tempfile.mkdtemp(prefix="lumio-lw-"))
        self.store = open_store(load_settings(data_dir=self.dir))
        with self.store.session() as s:
            c = Connection(name="bench", provider="hubspot", base_url="http://bench.invalid", settings={})
            s.add(c)
            s.commit()
            self.cid = c.id

    def job(self, provider: str) -> str:
        from lumio_desktop.store.models import SyncJob

        with self.store.session() as s:
            j = SyncJob(id=str(uuid.uuid4()), connection_id=self.cid, integration=provider, sync_type="initial",
                        trigger="cli", status="running")
            s.add(j)
            s.commit()
            return j.id

    def close(self):
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def run_writer(pipeline, provider: str, pages: list[Page], prof: cProfile.Profile | None = None, *,
               pydantic_map: bool = False):
    """(seconds for new records, seconds for the no-op re-read, records). `pydantic_map`: ObjectMap.map without
    the generated fast path (what the baseline revision ran)."""
    from lumio_desktop.sync.mapping import ObjectMap

    st = Store()
    saved = ObjectMap.map
    if pydantic_map:
        ObjectMap.map = ObjectMap.map_validated
    try:
        out = []
        for _ in range(2):
            w = pipeline.PageWriter(st.store.engine, connection_id=st.cid, provider=provider,
                                    object_type=OBJECTS[provider], job_id=st.job(provider), mode="initial")
            if prof:
                prof.enable()
            t0 = time.perf_counter()
            for i, page in enumerate(pages):
                w.write(page, pipeline.JobCounters(total=len(pages), progress=(i + 1) / len(pages)))
            out.append(time.perf_counter() - t0)
            if prof:
                prof.disable()
        return out[0], out[1], sum(len(p.records) for p in pages)
    finally:
        ObjectMap.map = saved
        st.close()


def raw_rows(provider: str, pages: list[Page]):
    """The pages mapped once, as plain SQLite values: the same rows the benchmark's raw upsert writes."""
    from bench.benches import _mapped_rows

    return _mapped_rows(provider, pages)


def run_raw(cols, pages):
    """The raw upsert's insert pass and update pass, as the benchmark measures them."""
    from bench.benches import _raw_upsert_passes

    first, second = _raw_upsert_passes(cols, pages, passes=2)
    return first, second


SNAP = ('{"email":"ana.silva1@example.com","first_name":"Ana","last_name":"Silva","phone":"+55 11 91001-2345",'
        '"company_name":"Acme Ltda","job_title":"CTO","status":"lead","tags":["NEW","HOT"],"owner":"101",'
        '"city":"São Paulo","country":"Brazil","source":"ORGANIC_SEARCH","lead_score":65}')


def run_sql_floor(provider: str, cols: list[str], pages: list[list[tuple]], variant: str = "full") -> float:
    """The write path's statements with no Python work: prebuilt tuples into the store's own schema (records with
    RETURNING, links with a snapshot, job counters, cursor, one commit per page). `variant`: full | nolinks |
    nofk | noidx (without ix_leads_dirty and ix_leads_last_name). Seconds for the new records."""
    st = Store()
    try:
        job = st.job(provider)
        table = "leads"
        db = sqlite3.connect(st.dir / "lumio.db", isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(f"PRAGMA foreign_keys={'OFF' if variant == 'nofk' else 'ON'}")
        if variant == "noidx":
            db.execute("DROP INDEX ix_leads_dirty")
            db.execute("DROP INDEX ix_leads_last_name")
        rcols = [*cols, "created_at", "updated_at", "deleted_at", "dirty", "stale"]
        now = "2026-01-01 00:00:00.000000"
        recs = [[(*r[1:], now, now, None, 0, 0) for r in page] for page in pages]
        one = f"({', '.join('?' * len(rcols))})"
        t0 = time.perf_counter()
        for rows, page in zip(recs, pages, strict=True):
            db.execute("BEGIN")
            ids = []
            per = 30000 // len(rcols)
            for i in range(0, len(rows), per):
                chunk = rows[i:i + per]
                ids += sorted(r[0] for r in db.execute(
                    f"INSERT INTO {table} ({', '.join(rcols)}) VALUES {', '.join([one] * len(chunk))} RETURNING id",
                    [v for row in chunk for v in row]))
            if variant != "nolinks":
                db.executemany(
                    "INSERT INTO record_links (connection_id, provider, object_type, external_id, entity, local_id, "
                    "snapshot, remote_modified_at, synced_at, remote_deleted, last_seen_job_id) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [(st.cid, provider, OBJECTS[provider], raw[0], "lead", rid, SNAP, now, now, 0, job)
                     for raw, rid in zip(page, ids, strict=True)])
            db.execute("UPDATE sync_jobs SET processed_records = processed_records + ? WHERE id = ?", (len(rows), job))
            db.execute("INSERT INTO sync_cursors (connection_id, object_type, value, updated_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (connection_id, object_type) DO UPDATE SET value = excluded.value",
                       (st.cid, OBJECTS[provider], '{"v":1}', now))
            db.execute("COMMIT")
        out = time.perf_counter() - t0
        db.close()
        return out
    finally:
        st.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--baseline", default=None, help="git revision whose pipeline.py runs as 'before'")
    ap.add_argument("--profile", default=None, help="provider@page_size: cProfile the current writer there")
    ap.add_argument("--cases", default="hubspot@100,hubspot@2000,salesforce@100,salesforce@2000")
    ap.add_argument("--sql-floor", action="store_true", help="the same statements with no Python, vs raw")
    a = ap.parse_args(argv)
    if a.sql_floor:
        print(f"{a.n} new records, median of {a.reps}: rec/s (ratio to raw) of the write path's SQL alone")
        for case in a.cases.split(","):
            provider, size = case.split("@")
            cols, rows = raw_rows(provider, make_pages(provider, a.n, int(size)))
            t: dict[str, list[float]] = {}
            for _ in range(a.reps):
                t.setdefault("raw", []).append(run_raw(cols, rows)[0])
                for v in ("full", "nolinks", "nofk", "noidx"):
                    t.setdefault(v, []).append(run_sql_floor(provider, cols, rows, v))
            rate = {k: a.n / median(v) for k, v in t.items()}
            print(case, "  ".join(f"{k} {r:.0f} ({r / rate['raw']:.2f})" for k, r in rate.items()), flush=True)
        return 0
    current = load_pipeline(None)
    before = load_pipeline(a.baseline) if a.baseline else None
    if a.profile:
        provider, size = a.profile.split("@")
        pages = make_pages(provider, a.n, int(size))
        prof = cProfile.Profile()
        run_writer(current, provider, pages, prof)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return 0
    print(f"{a.n} records, median of {a.reps}, interleaved; rec/s (ratio to raw)")
    print(f"{'case':20} {'raw new':>9} {'raw noop':>9} {'SQL alone new':>17} " + (f"{'before new':>17} {'before noop':>17} " if before else "")
          + f"{'after new':>17} {'after noop':>17}")
    for case in a.cases.split(","):
        provider, size = case.split("@")
        pages = make_pages(provider, a.n, int(size))
        cols, rows = raw_rows(provider, pages)
        t = {"raw": ([], []), "sql": ([], []), "before": ([], []), "after": ([], [])}
        for _ in range(a.reps):
            new, noop = run_raw(cols, rows)
            t["raw"][0].append(new), t["raw"][1].append(noop)
            t["sql"][0].append(run_sql_floor(provider, cols, rows))
            if before:
                new, noop, _ = run_writer(before, provider, pages, pydantic_map=True)
                t["before"][0].append(new), t["before"][1].append(noop)
            new, noop, _ = run_writer(current, provider, pages)
            t["after"][0].append(new), t["after"][1].append(noop)
        rate = {k: [a.n / median(v[0]) if v[0] else 0, a.n / median(v[1]) if v[1] else 0] for k, v in t.items()}
        line = f"{case:20} {rate['raw'][0]:9.0f} {rate['raw'][1]:9.0f} "
        line += f"{rate['sql'][0]:9.0f} ({rate['sql'][0] / rate['raw'][0]:5.2f}) "
        for k in (["before"] if before else []) + ["after"]:
            for j in (0, 1):
                line += f"{rate[k][j]:9.0f} ({rate[k][j] / rate['raw'][j]:5.2f}) "
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
