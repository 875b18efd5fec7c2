"""The conflict pane over the two-way API: resolve one record's fields, resolve many after a confirmation that
lists every change, undo."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from lumio_desktop.store.models import (
    Conflict,
    ConflictStatus,
    Connection,
    Direction,
    Lead,
    Provider,
    RecordLink,
    Strategy,
)
from lumio_desktop.sync.events import EventHub
from lumio_desktop.ui.bridge import EventBridge
from lumio_desktop.ui.controller import AppController
from lumio_desktop.ui.window import build_window
from tests.ui.conftest import signal_future, until

NOW = datetime.now(UTC)


def _seed(store) -> dict:
    with store.session.begin() as s:
        conn = Connection(name="Salesforce acme", provider=Provider.SALESFORCE, base_url="http://sf.invalid",
                          direction=Direction.BOTH, strategy=Strategy.MANUAL)
        s.add(conn)
        s.flush()
        ids = {}
        for n, (first, last) in enumerate((("Ana", "Souza"), ("João", "Pereira"), ("Mary", "O'Brien"))):
            lead = Lead(first_name=first, last_name=last, email=f"p{n}@acme.test", job_title="VP Sales",
                        phone="+55 11 98888-0000")
            s.add(lead)
            s.flush()
            link = RecordLink(connection_id=conn.id, provider=Provider.SALESFORCE, object_type="Contact",
                              external_id=f"003X{n}", entity="lead", local_id=lead.id,
                              snapshot={"first_name": first, "job_title": "Sales Director",
                                        "phone": "+55 11 97777-1111"})
            s.add(link)
            s.flush()
            cs = []
            for field, lum, prov in (("job_title", "VP Sales", "Sales Director"),
                                     ("phone", "+55 11 98888-0000", "+55 11 97777-1111"))[: 2 if n == 0 else 1]:
                c = Conflict(connection_id=conn.id, link_id=link.id, entity="lead", local_id=lead.id, field=field,
                             base_value="Head of Sales" if field == "job_title" else "+55 11 4000-1000",
                             lumio_value=lum, provider_value=prov, lumio_modified_at=NOW - timedelta(hours=1),
                             lumio_modified_by="you", provider_modified_at=NOW - timedelta(minutes=30),
                             strategy=Strategy.MANUAL, status=ConflictStatus.OPEN)
                s.add(c)
                s.flush()
                cs.append(c.id)
            ids[first] = (lead.id, cs)
    return ids


@pytest.fixture
async def env(store, settings, qtbot):
    hub = EventHub()
    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub)
    win = build_window(controller, bridge)
    qtbot.addWidget(win)
    win.show()
    yield store, controller, win
    win.shutdown()
    await controller.aclose()
    bridge.close()


def _lead(store, lead_id):
    with store.session() as s:
        return s.get(Lead, lead_id)


def _open(store) -> int:
    from lumio_desktop.sync.conflicts import count_open

    return count_open(store)


async def test_resolve_one_record_per_field_then_undo(env):
    store, controller, win = env
    ids = _seed(store)
    win.show_page("conflicts")
    page = win.conflicts
    assert len(page.groups) == 3
    row = next(i for i, g in enumerate(page.groups) if g.label == "Ana Souza")
    page.list.setCurrentRow(row)
    job_cid, phone_cid = ids["Ana"][1]
    page.choose(job_cid, "provider")
    page.choose(phone_cid, "lumio")
    assert page.apply.text() == "Apply: Salesforce job title, Lumio phone"

    done = signal_future(controller.conflicts_resolved)
    page.apply.click()
    (report,) = await asyncio.wait_for(done, 5)
    assert report.ok and {o.conflict_id for o in report.outcomes} == {job_cid, phone_cid}
    lead = _lead(store, ids["Ana"][0])
    assert lead.job_title == "Sales Director" and lead.phone == "+55 11 98888-0000"
    assert _open(store) == 2
    await until(lambda: all(g.label != "Ana Souza" for g in page.groups), what="Ana's conflicts gone")
    assert page.undo.isEnabled()

    undone = signal_future(controller.conflicts_resolved)
    page.undo.click()
    await asyncio.wait_for(undone, 5)
    assert _lead(store, ids["Ana"][0]).job_title == "VP Sales"
    assert _open(store) == 4
    await until(lambda: any(g.label == "Ana Souza" for g in page.groups), what="Ana's conflicts back")
    assert not page.undo.isEnabled()


async def test_resolve_many_after_a_confirmation_listing_each_change(env, monkeypatch):
    store, controller, win = env
    ids = _seed(store)
    win.show_page("conflicts")
    page = win.conflicts
    page.check_all.click()
    assert page.keep_provider_many.isEnabled() and "(3)" in page.keep_provider_many.text()

    ids_planned, lines = page.many_plan("provider")
    assert len(ids_planned) == 4 and len(lines) == 4
    assert "Ana Souza · Job title: take Salesforce's “Sales Director” into Lumio (replacing “VP Sales”)" in lines

    asked = []
    monkeypatch.setattr(page, "confirm_many", lambda side, ls: asked.append((side, ls)) or False)
    page.keep_provider_many.click()  # the person says Cancel: nothing changes
    assert asked and _open(store) == 4

    monkeypatch.setattr(page, "confirm_many", lambda side, ls: True)
    done = signal_future(controller.conflicts_resolved)
    page.keep_provider_many.click()
    (report,) = await asyncio.wait_for(done, 5)
    assert report.ok and len(report.outcomes) == 4
    assert _open(store) == 0
    for first in ("Ana", "João", "Mary"):
        assert _lead(store, ids[first][0]).job_title == "Sales Director"
    await until(lambda: not page.groups and page.empty.isVisible(), what="empty state")
    await until(lambda: win.nav.item(2).text() == "Conflicts", what="badge cleared")

    undone = signal_future(controller.conflicts_resolved)
    page.undo.click()
    await asyncio.wait_for(undone, 5)
    assert _open(store) == 4


def test_a_long_value_can_wrap_so_the_keep_column_stays_on_the_page():
    from lumio_desktop.ui.pages.conflicts import breakable

    assert breakable("raimundo.ramosramos1@uol.com.br") == ("raimundo.\u200bramosramos1@\u200buol.\u200bcom.\u200bbr")
    assert breakable("Head of Sales") == "Head of Sales"
