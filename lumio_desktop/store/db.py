"""Opening the store: checks that leave a bad file untouched, a backup before any migration, then Alembic upgrade."""

from __future__ import annotations

import functools
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from lumio_desktop.config import Settings
from lumio_desktop.errors import StoreError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"


def alembic_config(url: str):
    from alembic.config import Config  # Alembic costs ~0.45 s to import: only when a migration runs

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


_REV = re.compile(r"^(revision|down_revision)\s*=\s*['\"]?([\w]+|None)['\"]?", re.M)


@functools.cache
def _revisions() -> tuple[frozenset[str], str]:
    """(every revision id, the head), read from the migration files without importing Alembic."""
    revs, downs = set(), set()
    for f in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REV.findall(f.read_text(encoding="utf-8")))
        if "revision" in found:
            revs.add(found["revision"])
            downs.add(found.get("down_revision"))
    heads = revs - downs
    if len(heads) != 1:
        raise StoreError(f"the migrations in {MIGRATIONS_DIR} have {len(heads)} heads; this is a packaging bug")
    return frozenset(revs), heads.pop()


def head_revision() -> str:
    return _revisions()[1]


def _on_sqlite_connect(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable across application crashes
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    """The opened, migrated store: an engine and a session factory."""

    def __init__(self, engine: Engine, path: Path | None, backup: Path | None = None):
        self.engine = engine
        self.path = path
        self.backup_made = backup
        self.session: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()


def _check_data_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe = data_dir / ".lumio-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise StoreError(
            f"cannot write to the data folder {data_dir} ({e.strerror or e}); "
            "fix its permissions or choose another with --data-dir or LUMIO_DATA_DIR"
        ) from None


def _check_sqlite_file(path: Path) -> str | None:
    """Read-only checks of an existing file. Returns its schema revision (None when it has none yet)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as e:
        raise StoreError(f"cannot read the database {path} ({e.strerror or e}); check its permissions") from None
    if len(head) == 0:
        return None  # an empty file: SQLite treats it as a new database
    if head != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not a Lumio database (not an SQLite file); move it away, or choose another data folder "
            "with --data-dir"
        )
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if ok != "ok":
                raise sqlite3.DatabaseError(ok)
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(
            f"the database {path} is damaged ({e}); restore the newest {path.name}.backup-* beside it, "
            "or move the file away to start afresh"
        ) from None


def _backup(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.backup-{stamp}")
    # The backup API copies a consistent image even with a WAL beside the file.
    src = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def open_store(settings: Settings, *, migrate: bool = True) -> Store:
    """Open (creating if needed) and migrate the store that the settings name.

    Every failure that the user must act on is a StoreError whose message names the file and what to do.
    """
    path = settings.database_path
    url = settings.url
    backup = None
    known = _revisions()[0]
    current = None
    if path is not None:
        _check_data_dir(path.parent)
        current = _check_sqlite_file(path) if path.exists() else None
        if current is not None and current not in known:
            raise StoreError(
                f"the database {path} was written by a newer version of Lumio (schema {current}); "
                "upgrade Lumio, or choose another data folder with --data-dir"
            )
        if migrate and path.exists() and path.stat().st_size > 0 and current != head_revision():
            backup = _backup(path)
    engine = make_engine(url)
    try:
        if path is None:
            from alembic.runtime.migration import MigrationContext

            with engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
            if current is not None and current not in known:
                raise StoreError(f"the database at {engine.url!r} has a newer schema ({current}); upgrade Lumio")
        if migrate and current != head_revision():  # Alembic's own start-up costs ~0.2 s: skip it when current
            from alembic import command

            with engine.begin() as conn:
                cfg = alembic_config(url)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except DBAPIError as e:
        engine.dispose()
        raise StoreError(f"cannot open the database {path or engine.url!r}: {e.orig}") from None
    except StoreError:
        engine.dispose()
        raise
    return Store(engine, path, backup)


