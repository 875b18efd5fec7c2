"""The issue's acceptance check: after a full sign-in against the sandbox and a sync (with a token renewal in the
middle, refresh tokens rotating), the database file, the log files and the CLI output hold none of the tokens or
secrets, searched byte for byte. Everything runs as the user would: the CLI, a real loopback sandbox, a real SQLite
file, the app's log files."""

from __future__ import annotations

import io
import json
import logging

import pytest

from lumio_desktop.auth import flow as flow_module
from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.cli import main
from lumio_desktop.config import load_settings
from lumio_desktop.logs import setup_logging, teardown_logging
from tests.auth.helpers import Browser
from tests.auth.test_no_secret_leaks import assert_nowhere

sandbox_mod = pytest.importorskip("lumio_desktop.sandbox")
if not hasattr(sandbox_mod, "SandboxThread"):
    pytest.skip("the sandbox has no SandboxThread yet", allow_module_level=True)

from lumio_desktop.sandbox import SandboxConfig, SandboxThread  # noqa: E402


@pytest.mark.parametrize("provider", ["hubspot", "salesforce", "shopify"])
def test_sign_in_and_sync_leave_no_secret_behind(data_dir, capsys, monkeypatch, provider):
    config = SandboxConfig.for_tests(records=10, auto_approve=False, hubspot_rotate_refresh_tokens=True,
                                     salesforce_rotate_refresh_tokens=True)
    settings = load_settings(data_dir=data_dir)
    setup_logging(settings.log_dir, level=logging.DEBUG)
    try:
        with SandboxThread(config) as sb:
            world = sb.sandbox
            creds = world.credentials(sb.base_url)[provider]
            monkeypatch.setattr(flow_module, "open_browser", Browser())  # presses Approve on the consent page
            monkeypatch.setattr("sys.stdin", io.StringIO(creds["client_secret"] + "\n"))
            shop = ["--shop", creds["shop"]] if provider == "shopify" else []
            d = ["--data-dir", str(data_dir)]
            assert main([*d, "connect", provider, "--oauth", "--client-id", creds["client_id"],
                         "--client-secret-stdin", "--base-url", sb.base_url, *shop, "--json"]) == 0
            connected = capsys.readouterr()
            info = json.loads(connected.out)
            vault = TokenVault()
            secrets = {creds["client_secret"], *vault.get(info["id"]).secrets()}

            assert main([*d, "sync", info["name"], "--mode", "initial", "--json"]) == 0
            first = capsys.readouterr()
            world.tokens.expire(provider)  # the next sync renews access (a new refresh token where it rotates)
            assert main([*d, "sync", info["name"], "--json"]) == 0
            second = capsys.readouterr()
            secrets |= set(vault.get(info["id"]).secrets())
            assert json.loads(first.out)["processed_records"] > 0
            # what a user looks at afterwards
            for cmd in (["connections"], ["connections", "--json"], ["status", "--json"], ["jobs"]):
                main([*d, *cmd])
            listed = capsys.readouterr()
            assert len(secrets) >= 4  # client secret, two access tokens, at least one refresh token
            assert "renewed" in (settings.log_dir / "lumio.log").read_text()
            assert_nowhere(secrets, data_dir, connected.out, connected.err, first.out, first.err, second.out,
                           second.err, listed.out, listed.err)
            assert main([*d, "disconnect", info["name"], "--json"]) == 0
            bye = capsys.readouterr()
            assert_nowhere(secrets, data_dir, bye.out, bye.err)
            assert world.internal_errors == []
    finally:
        teardown_logging()
