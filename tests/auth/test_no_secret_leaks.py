"""After a full sign-in, API calls with a refresh, and the CLI's listings, no token or secret is anywhere on disk
or in the output: the database file (and its WAL), the log files, stdout and stderr are searched byte for byte."""

from __future__ import annotations

import asyncio
import io
import json
import logging

import httpx
import pytest

from lumio_desktop.auth import flow as flow_module
from lumio_desktop.auth.connections import ConnectionService
from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.cli import main
from lumio_desktop.config import load_settings
from lumio_desktop.logs import setup_logging, teardown_logging
from lumio_desktop.store import open_store
from tests.auth.fake_oauth import FakeOAuth
from tests.auth.helpers import Browser, serve


def _files(data_dir):
    return [p for p in data_dir.rglob("*") if p.is_file()]


def assert_nowhere(secrets: set[str], data_dir, *texts: str) -> None:
    blobs = {str(p): p.read_bytes() for p in _files(data_dir)}
    blobs.update({f"output#{i}": t.encode() for i, t in enumerate(texts)})
    assert any(name.endswith("lumio.db") for name in blobs) and any(name.endswith(".log") for name in blobs)
    for secret in secrets:
        assert len(secret) >= 8
        for name, blob in blobs.items():
            assert secret.encode() not in blob, f"a secret ({secret[:4]}...) leaked into {name}"


# One provider here: tests/auth/test_sandbox_no_leaks.py does all three against the sandbox, with real syncs.
@pytest.mark.parametrize("provider", ["salesforce"])
def test_no_secret_on_disk_or_in_output(data_dir, capsys, monkeypatch, provider):
    fake = FakeOAuth(rotate=True)
    settings = load_settings(data_dir=data_dir)
    setup_logging(settings.log_dir, level=logging.DEBUG)
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    try:
        with serve(fake.app()) as base:
            monkeypatch.setattr(flow_module, "open_browser", Browser())
            monkeypatch.setattr("sys.stdin", io.StringIO(fake.client_secret + "\n"))
            shop = ["--shop", fake.shop] if provider == "shopify" else []
            assert main(["--data-dir", str(data_dir), "connect", provider, "--oauth", "--client-id", fake.client_id,
                         "--client-secret-stdin", "--base-url", base, *shop, "--json"]) == 0
            info = json.loads(capsys.readouterr().out)
            path = {"hubspot": "/api/thing", "salesforce": "/services/data/v59.0/thing",
                    "shopify": "/admin/api/2025-01/thing.json"}[provider]
            secrets = {fake.client_secret}

            async def calls():
                store = open_store(settings)
                try:
                    service = ConnectionService(store, TokenVault())
                    auth = service.auth_for(info["id"])
                    async with httpx.AsyncClient(base_url=base) as http:
                        for round_ in range(3):
                            secrets.update(service.vault.get(info["id"]).secrets())
                            if round_:
                                fake.access_tokens.clear()  # the session dies: 401, refresh (rotating), retry
                            r = await http.get(path, headers=await auth.auth_headers())
                            logging.getLogger("lumio_desktop.test").info("sent %s", r.request.headers)
                            if r.status_code == 401 and await auth.on_unauthorized(r):
                                r = await http.get(path,
                                                   headers=await auth.auth_headers())
                            assert r.status_code == 200
                        secrets.update(service.vault.get(info["id"]).secrets())
                finally:
                    store.close()

            asyncio.run(calls())
            assert main(["--data-dir", str(data_dir), "connections"]) == 0
            assert main(["--data-dir", str(data_dir), "connections", "--json"]) == 0
            assert main(["--data-dir", str(data_dir), "status", "--json"]) == 0
            listed = capsys.readouterr()
            log_text = (settings.log_dir / "lumio.log").read_text()
            assert "[redacted]" in log_text and "renewed" in log_text  # the headers were logged, scrubbed
            assert len(secrets) >= 6  # client secret + three generations of access and refresh tokens
            assert_nowhere(secrets, data_dir, listed.out, listed.err)
            assert main(["--data-dir", str(data_dir), "disconnect", info["name"], "--json"]) == 0
            out = capsys.readouterr()
            assert json.loads(out.out)["revoke"] == "revoked"
            assert_nowhere(secrets, data_dir, out.out, out.err)
    finally:
        teardown_logging()
