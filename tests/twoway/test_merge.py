"""Property tests of the pure three-way merge: for any base, Lumio and provider values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lumio_desktop.store.models import Direction, Strategy
from lumio_desktop.sync.merge import LUMIO, PROVIDER, canon, merge_record, resolve_values, same

FIELDS = ["email", "phone", "job_title"]
values = st.sampled_from([None, "", "a", "b", "c", "A", 1, 1.0, 2.5, True])
records = st.fixed_dictionaries({f: values for f in FIELDS})
times = st.one_of(st.none(), st.integers(0, 3).map(lambda n: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n)))
strategies_ = st.sampled_from(list(Strategy))
directions = st.sampled_from(list(Direction))
field_overrides = st.dictionaries(st.sampled_from(FIELDS), st.sampled_from([s.value for s in Strategy]), max_size=2)


def apply(base, local, remote, res, direction):
    """What each side holds after the merge is applied and its push has gone through."""
    new_local = {**local, **res.local_updates}
    new_remote = dict(remote)
    snapshot = dict(res.snapshot)
    if direction is Direction.BOTH:
        new_remote.update(res.push)
        snapshot.update(res.push)
    return new_local, new_remote, snapshot


@settings(max_examples=200, deadline=None)
@given(records, records, records, strategies_, field_overrides, directions, times, times)
def test_one_sided_changes_survive_and_no_value_is_lost(base, local, remote, strategy, overrides, direction, l_at, r_at):
    res = merge_record(base, local, remote, strategy=strategy, field_strategies=overrides, direction=direction,
                       local_modified_at=l_at, provider_modified_at=r_at)
    new_local, new_remote, _ = apply(base, local, remote, res, direction)
    by_field = {c.field: c for c in res.conflicts}
    for f in FIELDS:
        b, lo, r = canon(base[f]), canon(local[f]), canon(remote[f])
        if lo == b and r != b:
            assert same(new_local[f], remote[f]), "a change made only in the provider reaches Lumio"
        if r == b and lo != b:
            assert same(new_local[f], local[f]), "a change made only in Lumio stays in Lumio"
            if direction is Direction.BOTH:
                assert same(new_remote[f], local[f]), "... and is pushed when the direction allows"
        true_conflict = lo != b and r != b and lo != r
        assert (f in by_field) == true_conflict, "only true conflicts are recorded"
        if true_conflict:
            c = by_field[f]
            assert same(c.lumio, local[f]) and same(c.provider, remote[f]) and same(c.base, base[f])
        # No edit is lost: each side's new value is still held by a side, or kept in the conflict record.
        for v in (local[f], remote[f]):
            if same(v, base[f]):
                continue  # an old value replaced by a one-sided change is an update, not a loss
            kept = {canon(new_local[f]), canon(new_remote[f])}
            if f in by_field:
                kept |= {canon(by_field[f].lumio), canon(by_field[f].provider)}
            assert canon(v) in kept


@settings(max_examples=150, deadline=None)
@given(records, records, records, strategies_, directions, times, times)
def test_settled_merge_is_stable_no_ping_pong(base, local, remote, strategy, direction, l_at, r_at):
    """Merging again what the first merge (and its push) left behind changes nothing and raises nothing new."""
    res = merge_record(base, local, remote, strategy=strategy, direction=direction, local_modified_at=l_at,
                       provider_modified_at=r_at)
    new_local, new_remote, snapshot = apply(base, local, remote, res, direction)
    open_ = {c.field: (c.lumio, c.provider) for c in res.open_conflicts}
    again = merge_record(snapshot, new_local, new_remote, strategy=strategy, direction=direction,
                         local_modified_at=l_at, provider_modified_at=r_at, open_conflicts=open_)
    assert again.local_updates == {}
    assert again.conflicts == []
    if direction is Direction.BOTH:
        assert again.push == {}


@given(records, records, times, times)
def test_strategies_pick_the_documented_winner(local, remote, l_at, r_at):
    base = {f: "base" for f in FIELDS}
    for strategy in Strategy:
        res = merge_record(base, local, remote, strategy=strategy, direction=Direction.BOTH,
                           local_modified_at=l_at, provider_modified_at=r_at)
        for c in res.conflicts:
            if strategy is Strategy.PROVIDER:
                assert c.winner == PROVIDER and same(res.local_updates[c.field], remote[c.field])
            elif strategy is Strategy.LUMIO:
                assert c.winner == LUMIO and same(res.push[c.field], local[c.field])
                assert c.field not in res.local_updates
            elif strategy is Strategy.MANUAL:
                assert c.winner is None and c.field not in res.local_updates and c.field not in res.push
            else:
                if l_at is None or r_at is None or l_at == r_at:
                    assert c.winner is None, "a tie goes to a person"
                else:
                    assert c.winner == (LUMIO if l_at > r_at else PROVIDER)


def test_field_override_beats_connection_strategy():
    res = merge_record({"phone": "1", "email": "a"}, {"phone": "2", "email": "b"}, {"phone": "3", "email": "c"},
                       strategy=Strategy.PROVIDER, field_strategies={"phone": "lumio"}, direction=Direction.BOTH)
    winners = {c.field: c.winner for c in res.conflicts}
    assert winners == {"phone": LUMIO, "email": PROVIDER}
    assert res.push == {"phone": "2"} and res.local_updates == {"email": "c"}


def test_pull_only_keeps_lumio_edit_without_pushing():
    res = merge_record({"phone": "1"}, {"phone": "2"}, {"phone": "1"}, direction=Direction.PULL)
    assert res.push == {} and res.local_updates == {} and res.kept_local == ["phone"]


def test_open_conflict_closes_when_both_sides_agree_and_updates_when_provider_moves():
    res = merge_record({"phone": "3"}, {"phone": "2"}, {"phone": "2"}, open_conflicts={"phone": ("2", "3")})
    assert res.closed == ["phone"] and res.conflicts == []
    res = merge_record({"phone": "3"}, {"phone": "2"}, {"phone": "4"}, open_conflicts={"phone": ("2", "3")})
    assert len(res.conflicts) == 1 and res.conflicts[0].update_of_open and res.conflicts[0].provider == "4"


def test_no_base_untouched_record_takes_provider_value_dirty_one_conflicts():
    assert merge_record(None, {"phone": "1"}, {"phone": "2"}, local_dirty=False).local_updates == {"phone": "2"}
    assert len(merge_record(None, {"phone": "1"}, {"phone": "2"}, local_dirty=True).conflicts) == 1


def test_datetime_text_and_value_compare_equal():
    at = datetime(2026, 3, 1, 12, tzinfo=UTC)
    res = merge_record({"close_date": "2026-03-01 12:00:00+00:00"}, {"close_date": at}, {"close_date": at.isoformat()})
    assert res.local_updates == {} and res.conflicts == [] and res.push == {}


@given(values, values, st.sampled_from(["lumio", "provider", "custom"]), values)
def test_resolving_twice_is_the_same_resolution(lumio, provider, keep, custom):
    first = resolve_values(lumio, provider, keep, custom)
    second = resolve_values(first.local_value if keep == "custom" else lumio, provider, keep, custom)
    assert first == second


def test_status_vocabularies():
    from lumio_desktop.sync.push import equivalence, hubspot_lifecycle, sf_lead_status, to_provider

    assert sf_lead_status("customer") == "Closed - Converted" and sf_lead_status("Working - Contacted") == \
        "Working - Contacted"
    assert hubspot_lifecycle("Closed - Converted") == "customer" and hubspot_lifecycle("lead") == "lead"
    assert to_provider("salesforce", "Lead", {"status": "qualified", "lead_score": 5, "job_title": "CEO"}) == {
        "Status": "Working - Contacted", "Title": "CEO"}
    assert to_provider("hubspot", "contacts", {"status": "Closed - Converted", "owner": "1"}) == {
        "lifecyclestage": "customer"}
    # Spelled two ways, one meaning: no change, no conflict.
    res = merge_record({"status": "customer"}, {"status": "customer"}, {"status": "Closed - Converted"},
                       equivalence=equivalence("salesforce", "Lead"))
    assert res.local_updates == {} and res.conflicts == []
