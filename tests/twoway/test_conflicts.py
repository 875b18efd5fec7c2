"""The conflict API against a real SQLite store: detect, list, resolve (one, many, per field, custom), undo."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from lumio_desktop.store.edits import EditError, edit_record, history
from lumio_desktop.store.models import Connection, Lead, RecordLink, Strategy
from lumio_desktop.sync import conflicts as cf
from lumio_desktop.text import Text, parse
from tests.twoway.conftest import BASE, make_linked_lead

PROVIDER_AT = datetime(2026, 11, 28, 14, 25, tzinfo=UTC)


def pull(store, link_id, remote, at=PROVIDER_AT):
    """What reconcile does for a linked record: merge the provider's mapped values into the store."""
    with store.session.begin() as s:
        link = s.get(RecordLink, link_id)
        conn = s.get(Connection, link.connection_id)
        return cf.merge_linked(s, link, remote, connection=conn, remote_modified_at=at)


def lead(store, lead_id):
    with store.session() as s:
        return s.get(Lead, lead_id)


def test_edit_records_who_and_when_and_marks_dirty(store, linked):
    _, lead_id, _ = linked
    res = edit_record(store, "leads", lead_id, {"job_title": "VP Sales"}, actor="you")
    assert res.changed == {"job_title": ("Head of Sales", "VP Sales")}
    rec = lead(store, lead_id)
    assert rec.dirty and rec.local_modified_by == "you" and rec.local_modified_at is not None
    assert history(store, "lead", lead_id)[-1] | {"at": None} == {
        "field": "job_title", "old": "Head of Sales", "new": "VP Sales", "source": "edit", "actor": "you", "at": None}
    with pytest.raises(EditError, match="no editable field 'salary'") as e:
        edit_record(store, "leads", lead_id, {"salary": "1"}, actor="you")
    worded(e.value)
    with pytest.raises(EditError, match="there is no lead #999") as e:
        edit_record(store, "leads", 999, {"job_title": "x"}, actor="you")
    worded(e.value)
    for bad in ({"lead_score": "lots"}, {"email": "x" * 999}, {"created_at": "1"}, {"tags": "[1"}):
        with pytest.raises(EditError) as e:
            edit_record(store, "leads", lead_id, bad, actor="you")
        worded(e.value)


def worded(message) -> None:
    """What the record editor or the conflicts page shows (str(e), an outcome's message) is one of the engine's
    declared sentences, so the UI can show it in the person's language."""
    assert isinstance(parse(str(message)), Text), f"no template makes: {message}"


def test_the_design_example_two_conflicts_one_auto_merge(store, linked):
    """design/conflicts.png: job title and phone changed on both sides, status only in Lumio, email the same."""
    _, lead_id, link_id = linked
    edit_record(store, "lead", lead_id, {"job_title": "VP Sales", "phone": "+55 11 98888-0000", "status": "customer"},
                actor="you")
    res = pull(store, link_id, {**BASE, "job_title": "Sales Director", "phone": "+55 11 97777-1111"})
    assert sorted(c.field for c in res.open_conflicts) == ["job_title", "phone"]
    assert res.push == {"status": "customer"}
    views = cf.list_conflicts(store)
    assert len(views) == 2 and cf.count_open(store) == 2
    v = next(v for v in views if v.field == "job_title")
    assert (v.base_value, v.lumio_value, v.provider_value) == ("Head of Sales", "VP Sales", "Sales Director")
    assert v.lumio_modified_by == "you" and v.provider_modified_at == PROVIDER_AT
    assert v.connection_name == "sf" and v.external_id == "003AB00000xYz12" and v.record_label == "Ana Souza"
    rows = {r.field: r.state for r in cf.record_view(store, link_id)}
    assert rows == {"email": "same", "job_title": "conflict", "phone": "conflict", "status": "lumio_only"}
    # The same sync again raises nothing new (one row per field while it is open).
    pull(store, link_id, {**BASE, "job_title": "Sales Director", "phone": "+55 11 97777-1111"})
    assert cf.count_open(store) == 2
    # Per-field choice in one go: Lumio's job title, Salesforce's phone.
    ids = {v.field: v.id for v in views}
    report = cf.resolve(store, [], choices={ids["job_title"]: "lumio", ids["phone"]: "provider"}, actor="you")
    assert report.ok and report.push_connections
    rec = lead(store, lead_id)
    assert (rec.job_title, rec.phone) == ("VP Sales", "+55 11 97777-1111")
    assert cf.count_open(store) == 0


def test_resolve_twice_changes_nothing_other_way_refused_and_undo_reopens(store, linked):
    _, lead_id, link_id = linked
    edit_record(store, "lead", lead_id, {"job_title": "VP Sales"}, actor="you")
    pull(store, link_id, {**BASE, "job_title": "Sales Director"})
    (c,) = cf.list_conflicts(store)
    assert cf.resolve(store, [c.id], "provider", actor="you").outcomes[0].status == "resolved"
    assert lead(store, lead_id).job_title == "Sales Director"
    again = cf.resolve(store, [c.id], "provider", actor="you").outcomes[0]
    assert again.status == "unchanged"
    worded(again.message)
    other = cf.resolve(store, [c.id], "lumio", actor="you").outcomes[0]
    assert other.status == "refused" and "undo it first" in other.message
    worded(other.message)
    missing = cf.resolve(store, [987654], "lumio", actor="you").outcomes[0]
    assert missing.status == "refused" and "there is no conflict 987654" in missing.message
    worded(missing.message)
    out = cf.undo(store, c.id, actor="you")
    worded(out.message)
    assert lead(store, lead_id).job_title == "VP Sales"
    (reopened,) = cf.list_conflicts(store)
    assert reopened.id == out.new_conflict_id and reopened.lumio_value == "VP Sales"
    assert cf.list_conflicts(store, status="undone")[0].id == c.id
    with pytest.raises(cf.ConflictError, match="no resolution to undo") as e:
        cf.undo(store, c.id)
    worded(e.value)
    # A custom value.
    cf.resolve(store, [], values={reopened.id: "Chief Revenue Officer"}, actor="you")
    assert lead(store, lead_id).job_title == "Chief Revenue Officer"


def test_undo_refused_when_field_changed_afterwards(store, linked):
    _, lead_id, link_id = linked
    edit_record(store, "lead", lead_id, {"job_title": "VP Sales"}, actor="you")
    pull(store, link_id, {**BASE, "job_title": "Sales Director"})
    (c,) = cf.list_conflicts(store)
    cf.resolve(store, [c.id], "lumio", actor="you")
    edit_record(store, "lead", lead_id, {"job_title": "CEO"}, actor="you")
    with pytest.raises(cf.ConflictError, match="changed after this resolution"):
        cf.undo(store, c.id)
    assert lead(store, lead_id).job_title == "CEO"


@pytest.mark.parametrize("strategy,expect_local,status", [
    (Strategy.PROVIDER, "Sales Director", "auto"),
    (Strategy.LUMIO, "VP Sales", "auto"),
    (Strategy.MANUAL, "VP Sales", "open"),
])
def test_strategies_settle_and_keep_the_loser(store, strategy, expect_local, status):
    _, lead_id, link_id = make_linked_lead(store, strategy=strategy)
    edit_record(store, "lead", lead_id, {"job_title": "VP Sales"}, actor="you")
    pull(store, link_id, {**BASE, "job_title": "Sales Director"})
    assert lead(store, lead_id).job_title == expect_local
    (c,) = cf.list_conflicts(store, status=None)
    assert c.status == status and (c.lumio_value, c.provider_value) == ("VP Sales", "Sales Director")
    if status == "auto":  # a strategy's decision can be undone too
        cf.undo(store, c.id)
        assert lead(store, lead_id).job_title == "VP Sales" and cf.count_open(store) == 1


def test_last_modified_newer_wins_tie_goes_to_a_person(store):
    _, lead_id, link_id = make_linked_lead(store, strategy=Strategy.LAST_MODIFIED)
    edit_record(store, "lead", lead_id, {"job_title": "VP Sales"}, actor="you",
                at=datetime(2026, 11, 28, 14, 10, tzinfo=UTC))
    pull(store, link_id, {**BASE, "job_title": "Sales Director"}, at=PROVIDER_AT)  # 14:25 is newer
    assert lead(store, lead_id).job_title == "Sales Director"
    edit_record(store, "lead", lead_id, {"phone": "1"}, actor="you", at=datetime(2026, 11, 28, 15, tzinfo=UTC))
    pull(store, link_id, {**BASE, "job_title": "Sales Director", "phone": "2"},
         at=datetime(2026, 11, 28, 15, tzinfo=UTC))
    assert lead(store, lead_id).phone == "1"
    assert [c.field for c in cf.list_conflicts(store)] == ["phone"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keep=st.sampled_from(["lumio", "provider"]), lumio=st.sampled_from(["x", "y", ""]),
       provider=st.sampled_from(["z", "y"]))
def test_property_resolving_twice_changes_nothing(store, keep, lumio, provider):
    _, lead_id, link_id = make_linked_lead(store, external_id=f"ext-{lumio}-{provider}-{keep}-{id(object())}")
    edit_record(store, "lead", lead_id, {"job_title": lumio or None}, actor="you")
    pull(store, link_id, {**BASE, "job_title": provider})
    ids = [c.id for c in cf.list_conflicts(store, local_id=lead_id)]
    if not ids:  # both sides made the same change: nothing for a person to resolve
        assert lumio == provider
        return
    cf.resolve(store, ids, keep, actor="you")

    def state():
        with store.session() as s:
            rec = s.get(Lead, lead_id)
            link = s.get(RecordLink, link_id)
            return (rec.job_title, rec.dirty, link.snapshot,
                    [(c.status, c.winner, c.resolved_value) for c in s.scalars(select(cf.Conflict))])
    before = state()
    assert all(o.status == "unchanged" for o in cf.resolve(store, ids, keep, actor="you").outcomes)
    assert state() == before


def test_conflict_groups_for_the_list(store, linked):
    _, lead_id, link_id = linked
    edit_record(store, "lead", lead_id, {"job_title": "VP Sales", "phone": "1"}, actor="you")
    pull(store, link_id, {**BASE, "job_title": "Sales Director", "phone": "2"})
    (g,) = cf.conflict_groups(store)
    assert g["link_id"] == link_id and g["record_label"] == "Ana Souza" and sorted(g["fields"]) == ["job_title", "phone"]
    assert cf.list_conflicts(store)[0].to_dict()["link_id"] == link_id
