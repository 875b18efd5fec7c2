"""The two-way commands as a user runs them (in-process `main`, a real data dir; the last one against the sandbox
on a loopback socket)."""

from __future__ import annotations

import json
import subprocess

from lumio_desktop.cli import main
from lumio_desktop.config import load_settings
from lumio_desktop.store import open_store
from lumio_desktop.store.models import Direction, Strategy
from tests.twoway.conftest import BASE, make_linked_lead
from tests.twoway.test_conflicts import pull


def cli(capsys):
    """Run lumio-sync in-process (fast); one test below runs it as a subprocess, as a user would."""
    def run(*args):
        code = main(list(args))
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)
    return run


def test_edit_conflicts_resolve_undo_connection_set(data_dir, capsys):
    run_cli = cli(capsys)
    store = open_store(load_settings(data_dir=data_dir))
    try:
        _, lead_id, link_id = make_linked_lead(store, strategy=Strategy.MANUAL, direction=Direction.PULL)
    finally:
        store.close()
    d = ["--data-dir", str(data_dir)]
    r = run_cli(*d, "edit", "leads", str(lead_id), "--set", "job_title=VP Sales", "--by", "ana")
    assert r.returncode == 0, r.stderr
    assert "'Head of Sales' -> 'VP Sales'" in r.stdout
    r = run_cli(*d, "edit", "leads", str(lead_id), "--set", "lead_score=lots")
    assert r.returncode == 2 and "lead_score must be a whole number, not 'lots'" in r.stderr
    r = run_cli(*d, "edit", "leads", str(lead_id), "--set", "nonsense")
    assert r.returncode == 2 and "--set needs field=value" in r.stderr

    store = open_store(load_settings(data_dir=data_dir))
    try:
        pull(store, link_id, {**BASE, "job_title": "Sales Director"})
    finally:
        store.close()
    r = run_cli(*d, "conflicts", "--json")
    (c,) = json.loads(r.stdout)["conflicts"]
    assert (c["lumio_value"], c["provider_value"], c["lumio_modified_by"]) == ("VP Sales", "Sales Director", "ana")
    r = run_cli(*d, "conflicts")
    assert "VP Sales" in r.stdout and "Sales Director" in r.stdout and "Head of Sales" in r.stdout
    r = run_cli(*d, "conflicts", "resolve", str(c["id"]), "--keep", "provider")
    assert r.returncode == 0 and "resolved" in r.stdout
    r = run_cli(*d, "conflicts", "resolve", str(c["id"]), "--keep", "lumio")
    assert r.returncode == 1 and "undo it first" in r.stdout
    r = run_cli(*d, "conflicts", "undo", str(c["id"]), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["reopened"]
    r = run_cli(*d, "conflicts", "undo", "999")
    assert r.returncode == 2 and "there is no conflict 999" in r.stderr

    r = run_cli(*d, "connection", "set", "sf", "--strategy", "last_modified", "--direction", "both",
                "--field-strategy", "phone=provider", "--json")
    assert json.loads(r.stdout) == {"name": "sf", "provider": "salesforce", "strategy": "last_modified",
                                    "field_strategies": {"phone": "provider"}, "direction": "both"}
    r = run_cli(*d, "connection", "set", "nope", "--strategy", "lumio")
    assert r.returncode == 2 and "no connection named 'nope'" in r.stderr

    r = run_cli(*d, "dedupe", "--strategy", "keep_latest", "--dry-run", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["groups"] == []
    r = run_cli(*d, "dedupe", "--entity", "companies")
    assert r.returncode == 0 and "no duplicates found" in r.stdout
    r = run_cli(*d, "dedupe", "--merge", "1")
    assert r.returncode == 2 and "needs --into" in r.stderr
    r = run_cli(*d, "dedupe", "--undo", "nope")
    assert r.returncode == 2 and "there is no merge nope" in r.stderr


def test_cli_end_to_end_over_loopback_keep_lumio_push_and_undo(data_dir, capsys):
    """As a person at a terminal: sync, edit, see the conflict, keep Lumio with --push, undo with --push."""
    import httpx

    from lumio_desktop.auth.connections import ConnectionService
    from lumio_desktop.auth.vault import TokenVault
    from lumio_desktop.sandbox import SandboxConfig, SandboxThread

    run = cli(capsys)
    d = ["--data-dir", str(data_dir)]
    with SandboxThread(SandboxConfig.for_tests(records=20, seed=2)) as sb:
        token = sb.sandbox.static_tokens["salesforce"]
        store = open_store(load_settings(data_dir=data_dir))
        try:
            ConnectionService(store, TokenVault()).create_static("salesforce", token, name="sf", base_url=sb.base_url)
        finally:
            store.close()
        assert run(*d, "connection", "set", "sf", "--strategy", "manual", "--direction", "both").returncode == 0
        assert run(*d, "sync", "sf", "--json").returncode == 0
        contact = sb.sandbox.records("salesforce", "Contact")[0]
        store = open_store(load_settings(data_dir=data_dir))
        try:
            from sqlalchemy import select

            from lumio_desktop.store.models import RecordLink
            with store.session() as s:
                lead_id = s.scalar(select(RecordLink.local_id).where(RecordLink.external_id == str(contact.id)))
        finally:
            store.close()
        assert run(*d, "edit", "leads", str(lead_id), "--set", "job_title=VP Sales").returncode == 0
        sb.sandbox.clock.advance(2)
        sb.sandbox.update("salesforce", "Contact", contact.id, {"Title": "Sales Director"})
        assert run(*d, "sync", "sf", "--json").returncode == 0
        (c,) = json.loads(run(*d, "conflicts", "--json").stdout)["conflicts"]
        assert (c["lumio_value"], c["provider_value"]) == ("VP Sales", "Sales Director")

        def title():
            r = httpx.get(f"{sb.base_url}/services/data/v59.0/sobjects/Contact/{contact.id}",
                          headers={"Authorization": f"Bearer {token}"})
            return r.json()["Title"]

        r = run(*d, "conflicts", "resolve", str(c["id"]), "--keep", "lumio", "--push")
        assert r.returncode == 0 and "completed" in r.stdout, r.stdout + r.stderr
        assert title() == "VP Sales"
        r = run(*d, "conflicts", "undo", str(c["id"]), "--push")
        assert r.returncode == 0 and "open again" in r.stdout, r.stdout + r.stderr
        assert title() == "Sales Director"
