"""What every benchmark needs: the sandbox in another process, a fresh Lumio store wired like the app, timing."""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from bench.runner import ROOT

MAIN_OBJECT = {"hubspot": "contacts", "salesforce": "Lead", "shopify": "customers"}
OBJECTS = {"hubspot": ("contacts", "companies", "deals"), "salesforce": ("Account", "Contact", "Lead", "Opportunity"),
           "shopify": ("customers",)}
UNTHROTTLED = {"rate_limit": {"enabled": False}}


@functools.cache
def _bench_home() -> Path:
    """One scratch home per benchmark process for the children's QSettings and XDG data (never the user's own)."""
    home = Path(tempfile.mkdtemp(prefix="lumio-bench-home-"))
    atexit.register(shutil.rmtree, home, True)
    return home


def isolated_env() -> dict[str, str]:
    """Environment for child processes: headless Qt, no user settings, the webhook port free to choose."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUMIO_")}
    home = _bench_home()
    env.update(QT_QPA_PLATFORM="offscreen", LUMIO_WEBHOOK_PORT="0", PYTHONPATH=str(ROOT),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               LUMIO_CONFIG_FILE=str(home / "no-settings.toml"))
    return env


def isolate_this_process() -> None:
    """The benchmark process itself reads no user settings and keeps secrets in memory only."""
    for k in [k for k in os.environ if k.startswith("LUMIO_")]:
        del os.environ[k]
    os.environ["LUMIO_CONFIG_FILE"] = str(Path(tempfile.gettempdir()) / "lumio-bench-no-settings.toml")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import keyring

    from lumio_desktop.auth.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())


def read_line(stream, timeout: float) -> str:
    q: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: q.put(stream.readline()), daemon=True).start()
    try:
        return q.get(timeout=timeout)
    except queue.Empty:
        raise TimeoutError(f"no line within {timeout:.0f} s") from None


class SandboxProcess:
    """`bench.sandbox_proc` in a child process over loopback; `.info` is its first line (base_url, credentials)."""

    def __init__(self, records: int, *, providers=("hubspot",), seed: int = 1, **config: Any):
        self.spec = {"records": records, "seed": seed, "providers": list(providers), "config": config}
        self.proc: subprocess.Popen | None = None
        self.info: dict[str, Any] = {}
        self.startup_s = 0.0

    def __enter__(self) -> SandboxProcess:
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.sandbox_proc", json.dumps(self.spec)],
                                     cwd=ROOT, env=isolated_env(), stdout=subprocess.PIPE, text=True)
        try:
            line = read_line(self.proc.stdout, 900)
            self.info = json.loads(line)
        except Exception:
            self.__exit__()
            raise
        self.startup_s = time.perf_counter() - t0
        self.http = httpx.Client(base_url=self.base_url, timeout=60)
        return self

    @property
    def base_url(self) -> str:
        return self.info["base_url"]

    @property
    def pid(self) -> int:
        return self.proc.pid

    def control(self, method: str, path: str, body: dict | None = None) -> Any:
        r = self.http.request(method, "/_sandbox" + path, json=body)
        r.raise_for_status()
        return r.json()

    def requests(self) -> dict[str, int]:
        return self.control("GET", "/requests")["counts"]

    def rss_mb(self) -> float | None:
        return rss_mb(self.pid)

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):
            self.http.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def rss_mb(pid: int | str = "self") -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def peak_rss_mb(pid: int | str = "self") -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Lumio:
    """A fresh data dir, store, in-memory vault and SyncService, as the app and the CLI wire them."""

    def __init__(self, **settings_overrides: Any):
        from lumio_desktop.auth.memory_keyring import MemoryKeyring
        from lumio_desktop.auth.vault import TokenVault
        from lumio_desktop.config import load_settings
        from lumio_desktop.store import open_store

        self.dir = Path(tempfile.mkdtemp(prefix="lumio-bench-"))
        self.settings = load_settings(data_dir=self.dir, **settings_overrides)
        self.store = open_store(self.settings)
        self.vault = TokenVault(MemoryKeyring())
        self.service = None
        self.hub = None

    def connect(self, provider: str, info: dict[str, Any], settings: dict[str, Any] | None = None) -> int:
        from lumio_desktop.auth.connections import ConnectionService
        from lumio_desktop.store.models import Connection

        creds = info[provider]
        cs = ConnectionService(self.store, self.vault)
        cid = cs.create_static(provider, creds["token"], name=provider, base_url=info["base_url"],
                               shop=creds.get("shop"), client_secret=creds.get("client_secret"),
                               portal_id=creds.get("portal_id")).id
        if settings:
            with self.store.session() as s:
                c = s.get(Connection, cid)
                c.settings = {**(c.settings or {}), **settings}
                s.commit()
        return cid

    def set_settings(self, cid: int, settings: dict[str, Any]) -> None:
        from lumio_desktop.store.models import Connection

        with self.store.session() as s:
            c = s.get(Connection, cid)
            c.settings = {**(c.settings or {}), **settings}
            s.commit()

    async def start(self, **kw: Any):
        from lumio_desktop.sync.engine import SyncService
        from lumio_desktop.sync.events import EventHub

        self.hub = EventHub()
        self.service = SyncService(self.store, self.settings, self.hub, vault=self.vault, **kw)
        await self.service.start(resume=False)
        return self.service

    async def aclose(self) -> None:
        if self.service is not None:
            await self.service.aclose()
        self.close()

    def close(self) -> None:
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)


async def timed_run(service, cid: int, mode: str, objects=None):
    """(wall seconds from submit to the job's end, SyncMetrics)."""
    t0 = time.perf_counter()
    job = service.submit(cid, mode, "cli", objects)
    await service.wait(job)
    wall = time.perf_counter() - t0
    m = await service.metrics(job)
    if str(m.status) != "completed":
        raise RuntimeError(f"sync {mode} ended {m.status}: {m.error_message}")
    return wall, m


def r(x: float | None, nd: int = 1):
    return None if x is None else round(x, nd)
