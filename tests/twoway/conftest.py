"""Fixtures for two-way tests: a real SQLite store with a connection, a lead and its link."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lumio_desktop.store.models import Connection, Direction, Lead, Provider, RecordLink, Strategy

BASE = {"email": "ana@acme.com.br", "job_title": "Head of Sales", "phone": "+55 11 4000-1000", "status": "qualified"}


def make_linked_lead(store, *, strategy=Strategy.MANUAL, direction=Direction.BOTH, provider=Provider.SALESFORCE,
                     name="sf", external_id="003AB00000xYz12", values=None):
    values = values or BASE
    with store.session.begin() as s:
        conn = s.query(Connection).filter_by(name=name).one_or_none()
        if conn is None:
            conn = Connection(name=name, provider=provider, base_url="http://sandbox", strategy=strategy,
                              direction=direction)
            s.add(conn)
            s.flush()
        lead = Lead(first_name="Ana", last_name="Souza", **values)
        s.add(lead)
        s.flush()
        link = RecordLink(connection_id=conn.id, provider=provider, object_type="Contact", external_id=external_id,
                          entity="lead", local_id=lead.id, snapshot=dict(values),
                          remote_modified_at=datetime(2026, 11, 28, 13, 2, tzinfo=UTC))
        s.add(link)
        s.flush()
        return conn.id, lead.id, link.id


@pytest.fixture
def linked(store):
    return make_linked_lead(store)
