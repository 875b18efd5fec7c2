from __future__ import annotations

from sqlalchemy import select

from lumio_desktop.store.bulk import insert_many, upsert
from lumio_desktop.store.models import Connection, Provider, RecordLink


def _conn(store):
    with store.session.begin() as s:
        c = Connection(name="c", provider=Provider.HUBSPOT, base_url="http://x")
        s.add(c)
    return c.id


def test_upsert_inserts_then_updates_in_batches(store):
    cid = _conn(store)
    table = RecordLink.__table__
    rows = [dict(connection_id=cid, provider="hubspot", object_type="contacts", external_id=str(i), entity="lead",
                 local_id=i, remote_deleted=False, snapshot={"email": f"{i}@x.io"}) for i in range(1234)]
    with store.engine.begin() as conn:
        ids = upsert(conn, table, rows, key=["connection_id", "object_type", "external_id"], returning=["external_id"],
                     batch=100)
    assert [r[0] for r in ids] == [str(i) for i in range(1234)]
    rows2 = [{**r, "local_id": r["local_id"] + 10_000, "snapshot": {"email": "new"}} for r in rows[:600]]
    with store.engine.begin() as conn:
        upsert(conn, table, rows2, key=["connection_id", "object_type", "external_id"], update=["local_id", "snapshot"])
    with store.session() as s:
        links = s.scalars(select(RecordLink).order_by(RecordLink.id)).all()
    assert len(links) == 1234
    assert links[0].local_id == 10_000 and links[0].snapshot == {"email": "new"}
    assert links[700].local_id == 700 and links[700].snapshot == {"email": "700@x.io"}


def test_upsert_do_nothing_and_insert_many(store):
    cid = _conn(store)
    table = RecordLink.__table__
    row = dict(connection_id=cid, provider="hubspot", object_type="deals", external_id="1", entity="deal", local_id=1,
               remote_deleted=False)
    with store.engine.begin() as conn:
        insert_many(conn, table, [row])
        upsert(conn, table, [{**row, "local_id": 99}], key=["connection_id", "object_type", "external_id"], update=[])
        assert conn.execute(select(table.c.local_id)).scalar_one() == 1
        assert upsert(conn, table, [], key=["id"]) == []
