"""Alerts against the real engine: each fires once at its threshold; failing SMTP and Slack never fail a job."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from lumio_desktop.config import AlertThresholds, SmtpSettings
from lumio_desktop.store.models import Alert, JobLog, JobStatus
from lumio_desktop.sync import alerts as al
from lumio_desktop.sync.alerts import AlertService, acknowledge, list_alerts
from lumio_desktop.sync.engine import SyncService
from lumio_desktop.sync.errors import FatalError
from lumio_desktop.sync.events import EventHub
from lumio_desktop.sync.providers import words as pw
from lumio_desktop.text import Text, parse
from tests.background.conftest import OnePageClient, add_connection, until
from tests.engine_words import unworded

# The job errors of these scenarios, worded as a provider client words them (a template), so the alert's own
# sentence is what is checked here.
# The failures the fake clients raise are the engine's own sentences: a test-made template would not count as
# translatable (tests/engine_words.py accepts only the "engine" context).
DAILY_LIMIT = pw.HUBSPOT_DAILY_USED
STILL_BROKEN = pw.SF_QUERY_TIMEOUT
# Words the test client itself stores (OnePageClient's rejected rows in tests/background/conftest.py), not the engine's.
FIXTURE_WORDS = {"not a JSON object"}


def assert_worded(store, settings, alerts_seen):
    """Every alert stored and announced, the slow-sync log line and everything else these scenarios stored is a
    template the UI translates."""
    with store.session() as s:
        assert s.scalar(select(Alert.id)) is not None
    missing = [m for m in unworded(settings.database_path) if m not in FIXTURE_WORDS]
    assert not missing, f"sentences no template makes (they would show in English): {missing}"
    assert alerts_seen
    for message in alerts_seen:
        assert isinstance(parse(str(message)), Text), message


class TinySmtp:
    """A minimal SMTP server on loopback: `fail=True` answers 451 to MAIL FROM (a server that cannot take mail)."""

    def __init__(self, fail: bool = False):
        self.fail = fail
        self.messages: list[str] = []
        self.server = None
        self.port = None

    async def __aenter__(self):
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc):
        self.server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.server.wait_closed(), 1)

    async def _client(self, reader, writer):
        writer.write(b"220 tiny ESMTP\r\n")
        try:
            while line := await reader.readline():
                cmd = line.decode().strip().upper()
                if cmd.startswith(("EHLO", "HELO")):
                    writer.write(b"250 tiny\r\n")
                elif cmd.startswith("MAIL"):
                    writer.write(b"451 4.3.0 mailbox unavailable, try later\r\n" if self.fail else b"250 ok\r\n")
                elif cmd.startswith("RCPT"):
                    writer.write(b"250 ok\r\n")
                elif cmd == "DATA":
                    writer.write(b"354 go\r\n")
                    await writer.drain()
                    data = b""
                    while not data.endswith(b"\r\n.\r\n"):
                        data += await reader.readline()
                    self.messages.append(data.decode())
                    writer.write(b"250 queued\r\n")
                elif cmd == "QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    break
                else:
                    writer.write(b"250 ok\r\n")
                await writer.drain()
        finally:
            writer.close()


def slack_app(status: int, seen: list):
    async def hook(request):
        seen.append(await request.json())
        return PlainTextResponse("boom" if status >= 300 else "ok", status_code=status)

    return Starlette(routes=[Route("/hook", hook, methods=["POST"])])


async def run_engine(store, settings, client_for, *, slack_status=500, slack_seen=None):
    hub = EventHub()
    raised = []
    hub.subscribe("alert_raised", lambda *a: raised.append(a))
    svc = SyncService(store, settings, hub, client_factory=client_for)
    alerts = AlertService(store, settings, hub,
                          transport=httpx.ASGITransport(app=slack_app(slack_status, slack_seen
                                                                      if slack_seen is not None else [])))
    await svc.start()
    await alerts.start()
    return hub, svc, alerts, raised


def with_channels(settings, smtp_port, **alerts):
    return settings.model_copy(update={
        "smtp": SmtpSettings(host="127.0.0.1", port=smtp_port, to=["ops@example.com"], sender="lumio@example.com",
                             starttls=False, timeout=2),
        "slack_webhook_url": "http://slack.test/hook",
        "alerts": AlertThresholds(**alerts) if alerts else settings.alerts,
    })


async def test_failed_sync_alerts_once_and_failing_channels_do_not_fail_anything(store, settings):
    cid = add_connection(store)
    clients = iter([OnePageClient(fail=FatalError(DAILY_LIMIT())),
                    OnePageClient(good=2)])
    async with TinySmtp(fail=True) as smtp:
        hub, svc, alerts, raised = await run_engine(store, with_channels(settings, smtp.port), lambda c: next(clients))
        try:
            failed = await svc.run(cid, "incremental", "schedule")
            assert failed.status == JobStatus.FAILED
            await until(lambda: raised)
            await alerts.drain()
            ok = await svc.run(cid, "incremental", "schedule")  # the service goes on as if nothing happened
            assert ok.status == JobStatus.COMPLETED
            await alerts.drain()
        finally:
            await alerts.aclose()
            await svc.aclose()
    rows = list_alerts(store)
    assert [(a["kind"], a["severity"], a["job_id"]) for a in rows] == [("sync_failed", "error", failed.job_id)]
    assert "daily API limit" in rows[0]["message"] and rows[0]["connection"] == "hs"
    assert raised == [(rows[0]["id"], "sync_failed", rows[0]["message"])]
    assert rows[0]["delivered"]["email"].startswith("SMTP")  # the 451, recorded
    assert "500" in rows[0]["delivered"]["slack"]
    assert rows[0]["message"] == f"The sync of hs failed: {DAILY_LIMIT}"
    said = parse(rows[0]["message"])  # read back from the store: the alert's template, the job's reason inside it
    assert said.template == al.SYNC_FAILED and said.params["reason"].template == DAILY_LIMIT
    assert_worded(store, settings, [m for *_, m in raised])


async def test_email_and_slack_are_sent_when_they_work(store, settings):
    cid = add_connection(store)
    seen = []
    async with TinySmtp() as smtp:
        hub, svc, alerts, raised = await run_engine(
            store, with_channels(settings, smtp.port), lambda c: OnePageClient(fail=FatalError("nope")),
            slack_status=200, slack_seen=seen)
        try:
            await svc.run(cid, "manual", "user")
            await until(lambda: raised)
            await alerts.drain()
        finally:
            await alerts.aclose()
            await svc.aclose()
    assert len(smtp.messages) == 1 and "Subject: Lumio: a sync failed (hs)" in smtp.messages[0]
    assert "nope" in seen[0]["text"]
    assert list_alerts(store)[0]["delivered"] == {"email": "ok", "slack": "ok"}


async def test_error_rate_alert_fires_over_the_threshold_only(store, settings):
    cid = add_connection(store)
    clients = iter([OnePageClient(good=9, rejected=1),  # exactly 10%: not over the threshold, no alert
                    OnePageClient(good=8, rejected=2),  # 20%: alert
                    OnePageClient(good=8, rejected=2)])  # again: a new job, a new alert
    hub, svc, alerts, raised = await run_engine(store, settings, lambda c: next(clients))
    try:
        quiet = await svc.run(cid, "incremental", "schedule")
        loud = await svc.run(cid, "incremental", "schedule")
        again = await svc.run(cid, "incremental", "schedule")
        await until(lambda: len(raised) == 2)
        await alerts.drain()
    finally:
        await alerts.aclose()
        await svc.aclose()
    rows = list_alerts(store)
    assert sorted(a["job_id"] for a in rows) == sorted([loud.job_id, again.job_id])
    assert quiet.status == loud.status == JobStatus.COMPLETED
    assert "rejected 2 of 10 records (20%" in rows[0]["message"]
    said = parse(rows[0]["message"])
    assert said.template == al.ERROR_RATE and said.params["pct"] == "20%" and said.params["limit"] == "10%"
    assert_worded(store, settings, [m for *_, m in raised])


async def test_slow_sync_warns_once_while_running(store, settings):
    cid = add_connection(store)
    release = asyncio.Event()
    settings = settings.model_copy(update={"alerts": AlertThresholds(slow_sync_seconds=0.1)})
    hub, svc, alerts, raised = await run_engine(store, settings, lambda c: OnePageClient(release=release))
    try:
        job_id = svc.submit(cid, "incremental", "schedule")
        await until(lambda: raised)  # fired while the job still runs
        assert svc.jobs._jobs[job_id].status == JobStatus.RUNNING
        release.set()
        assert await svc.wait(job_id) == JobStatus.COMPLETED
        await asyncio.sleep(0.05)
        await alerts.drain()
    finally:
        await alerts.aclose()
        await svc.aclose()
    rows = list_alerts(store)
    assert [(a["kind"], a["job_id"]) for a in rows] == [("sync_slow", job_id)]  # once, not again at the end
    with store.session() as s:
        logs = [line.message for line in s.scalars(select(JobLog).where(JobLog.job_id == job_id, JobLog.level == "warning"))]
    assert logs and logs[0].startswith("slow sync")
    assert logs == ["slow sync: has been running for over 0.1 seconds"]
    assert parse(logs[0]).template == al.LOG_SLOW_RUNNING["seconds"]
    assert parse(rows[0]["message"]).template == al.SLOW_RUNNING["seconds"]
    assert_worded(store, settings, [m for *_, m in raised])


def test_alerts_are_listed_and_acknowledged(store):
    with store.session() as s, s.begin():
        s.add_all([Alert(kind="sync_failed", message="one"), Alert(kind="error_rate", message="two")])
    first = list_alerts(store)
    assert len(first) == 2
    assert acknowledge(store, first[0]["id"]) and acknowledge(store, first[0]["id"])
    assert not acknowledge(store, 999)
    assert [a["message"] for a in list_alerts(store)] == [first[1]["message"]]
    assert len(list_alerts(store, include_acknowledged=True)) == 2


async def test_a_repeating_failure_is_emailed_once_until_acknowledged(store, settings):
    cid = add_connection(store)
    seen = []
    async with TinySmtp() as smtp:
        hub, svc, alerts, raised = await run_engine(
            store, with_channels(settings, smtp.port), lambda c: OnePageClient(fail=FatalError(STILL_BROKEN())),
            slack_status=200, slack_seen=seen)
        try:
            for n in (1, 2):
                await svc.run(cid, "incremental", "schedule")
                await until(lambda n=n: len(raised) == n)
                await alerts.drain()
            first, second = sorted(list_alerts(store), key=lambda a: a["id"])
            assert second["delivered"]["email"].startswith(f"not sent again: alert #{first['id']}")
            assert len(smtp.messages) == 1 and len(seen) == 1
            acknowledge(store, first["id"])
            acknowledge(store, second["id"])
            await svc.run(cid, "incremental", "schedule")
            await until(lambda: len(raised) == 3)
            await alerts.drain()
        finally:
            await alerts.aclose()
            await svc.aclose()
    assert len(raised) == 3 and len(smtp.messages) == 2 and len(seen) == 2
    assert_worded(store, settings, [m for *_, m in raised])


def test_durations_and_titles_are_templates_in_english():
    # Durations in the threshold's unit: minutes from 120 seconds on, whole numbers (the UI groups their digits).
    assert [(al._unit(s), al._in(al._unit(s), s)) for s in (0.1, 45, 720)] == [
        ("seconds", "0.1"), ("seconds", 45), ("minutes", 12)]
    took = al.SLOW_TOOK["minutes"](connection="hs", n=al._in("minutes", 3000), n_limit=al._in("minutes", 720))
    assert took.startswith("The sync of hs took 50 minutes (over 12 minutes). The provider may be slow")
    assert parse(str(took)).params == {"connection": "hs", "n": "50", "n_limit": "12"}
    # A sentence that merely ends in "minutes" is not taken for one of these.
    assert not isinstance(parse("the provider asked to wait 12 minutes"), Text)
    assert al.kind_title("sync_slow") == "a sync is slow" and isinstance(al.kind_title("sync_slow"), Text)
    assert al.kind_title("something_new") == "something_new"
    # A job that ended without a reason and without its connection still says so in a sentence of ours.
    t = parse(str(al.SYNC_FAILED(connection=al.A_CONNECTION(), reason=al.NO_REASON())))
    assert t.params == {"connection": al.A_CONNECTION(), "reason": al.NO_REASON()}
    assert isinstance(t.params["reason"], Text)
