"""`lumio-sync connect | disconnect | connections`, in process, against a loopback authorization server."""

from __future__ import annotations

import io
import json

import pytest

from lumio_desktop.auth import flow as flow_module
from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.cli import main
from tests.auth.fake_oauth import FakeOAuth
from tests.auth.helpers import Browser, serve


@pytest.fixture
def fake():
    return FakeOAuth()


@pytest.fixture
def server(fake):
    with serve(fake.app()) as base:
        yield base


def cli(data_dir, *args, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--data-dir", str(data_dir), *args])


def test_static_connect_list_disconnect(data_dir, capsys, monkeypatch, memory_keyring):
    assert cli(data_dir, "connect", "hubspot", "--token-stdin", "--json", stdin="pat-na1-secret-0001\n",
               monkeypatch=monkeypatch) == 0
    out = capsys.readouterr()
    info = json.loads(out.out)
    assert info["name"] == "hubspot" and info["auth_kind"] == "static"
    assert "pat-na1-secret-0001" not in out.out + out.err
    assert cli(data_dir, "connect", "shopify", "--token", "shpat_secret0123456789", "--shop", "acme") == 0
    assert "connected shopify-acme: shopify (acme.myshopify.com) at https://acme.myshopify.com" in capsys.readouterr().out
    assert cli(data_dir, "connections", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["provider"], r["health"]) for r in rows] == [("hubspot", "hubspot", "unknown"),
                                                                      ("shopify-acme", "shopify", "unknown")]
    assert set(rows[0]) >= {"name", "provider", "base_url", "health", "created_at"}
    assert cli(data_dir, "connections") == 0
    table = capsys.readouterr().out
    assert "shopify-acme" in table and "shpat_" not in table
    assert cli(data_dir, "disconnect", "hubspot") == 0
    assert "secrets deleted; local records kept" in capsys.readouterr().out
    assert memory_keyring.entries() == [("lumio-desktop", "connection-2")]


def test_usage_errors_are_one_line(data_dir, capsys, monkeypatch):
    assert cli(data_dir, "connect", "hubspot", "--oauth") == 2
    assert "--oauth needs --client-id" in capsys.readouterr().err
    assert cli(data_dir, "connect", "salesforce", "--token", "00Dabc!xyz12345") == 2
    assert "instance URL" in capsys.readouterr().err
    assert cli(data_dir, "connect", "hubspot", "--token-stdin", stdin="\n", monkeypatch=monkeypatch) == 2
    assert "empty" in capsys.readouterr().err
    assert cli(data_dir, "disconnect", "nope") == 2
    assert "no connection named 'nope'" in capsys.readouterr().err


def test_oauth_connect_end_to_end(data_dir, capsys, monkeypatch, fake, server):
    browser = Browser()
    monkeypatch.setattr(flow_module, "open_browser", browser)
    code = cli(data_dir, "connect", "hubspot", "--oauth", "--client-id", fake.client_id, "--client-secret-stdin",
               "--base-url", server, "--name", "crm", "--json", stdin=fake.client_secret + "\n",
               monkeypatch=monkeypatch)
    browser.join()
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "http://127.0.0.1:" in out.err and "/oauth/authorize?" in out.err  # the URL, for headless use
    info = json.loads(out.out)
    assert (info["name"], info["auth_kind"], info["base_url"]) == ("crm", "oauth", server)
    creds = TokenVault().get(info["id"])
    for secret in creds.secrets():
        assert secret not in out.out + out.err
    assert browser.pages[0].status_code == 200


def test_oauth_denied_and_timeout_leave_no_connection(data_dir, capsys, monkeypatch, fake, server, memory_keyring):
    fake.approve = False
    monkeypatch.setattr(flow_module, "open_browser", Browser())
    args = ("connect", "hubspot", "--oauth", "--client-id", fake.client_id, "--client-secret-stdin",
            "--base-url", server)
    assert cli(data_dir, *args, stdin=fake.client_secret, monkeypatch=monkeypatch) == 2
    assert "not approved (access_denied" in capsys.readouterr().err
    monkeypatch.setattr(flow_module, "open_browser", lambda url: False)  # headless: nobody opens it
    assert cli(data_dir, *args, "--timeout", "0.2", stdin=fake.client_secret, monkeypatch=monkeypatch) == 2
    err = capsys.readouterr().err
    assert "no browser could be opened" in err and "within 0.2 s; nothing was saved" in err
    assert cli(data_dir, "connections", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [] and memory_keyring.entries() == []


def test_no_keychain_message_in_the_cli(data_dir, capsys):
    import keyring.backends.fail

    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert cli(data_dir, "connect", "hubspot", "--token", "pat-na1-0123456789") == 0
    err = capsys.readouterr().err
    assert err.count("no OS keychain found: tokens will be kept in memory for this run only") == 1
    assert "not saved anywhere" in err


def test_ctrl_c_cancels_the_sign_in(data_dir, capsys):
    """A real process: Ctrl+C while waiting for the browser ends the sign-in with a sentence, exit 130, nothing saved."""
    import os
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "lumio_desktop.cli", "--data-dir", str(data_dir), "connect", "salesforce", "--oauth",
         "--client-id", "cid", "--no-browser", "--base-url", "http://127.0.0.1:9"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background job may inherit SIG_IGN
    )
    try:
        seen = ""
        while "waiting up to" not in seen:
            line = proc.stderr.readline()
            assert line, seen
            seen += line
        proc.send_signal(signal.SIGINT)
        _, rest = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert "sign-in cancelled; nothing was saved" in rest
    assert main(["--data-dir", str(data_dir), "connections", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
