"""Dedupe on a real store: normalisation, exact and fuzzy groups, the three strategies, merge and undo."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lumio_desktop.store.models import Connection, Deal, Lead, Provider, RecordEdit, RecordLink
from lumio_desktop.sync import dedupe as dd
from lumio_desktop.text import Text, parse


def worded(message) -> Text:
    """What the Duplicates page shows, read back as the UI reads it (a plain str: an exception's text, JSON): the
    template it came from, so the UI can translate it."""
    t = parse(str(message))
    assert isinstance(t, Text), f"no template makes {message!r}: it would show in English"
    return t


@pytest.mark.parametrize("raw,key", [
    (" Ana.Souza+news@GMAIL.com ", "anasouza@gmail.com"),
    ("ana.souza@googlemail.com", "anasouza@gmail.com"),
    ("ana.souza+crm@acme.com.br", "ana.souza@acme.com.br"),
    ("ANA . SOUZA@acme.com.br", "ana.souza@acme.com.br"),
    ("ana@", None), ("ana at acme.com", None), ("", None), (None, None), ("@acme.com", None),
])
def test_normalize_email(raw, key):
    assert dd.normalize_email(raw) == key


def test_normalize_phone_and_names():
    assert dd.normalize_phone("+55 11 98888-0000") == dd.normalize_phone("(11) 98888-0000")
    assert dd.normalize_phone("123") is None
    assert dd.name_key("João ", "SOUZA") == "joao souza"
    assert dd.company_key("Acme Systems Ltda.") == dd.company_key("ACME Systems")


def _conn(s, name, provider):
    c = Connection(name=name, provider=provider, base_url="http://x")
    s.add(c)
    s.flush()
    return c


def _lead(s, conn=None, ext=None, at=None, **values):
    lead = Lead(**values, updated_at=at or datetime(2026, 1, 1, tzinfo=UTC))
    s.add(lead)
    s.flush()
    if conn is not None:
        s.add(RecordLink(connection_id=conn.id, provider=conn.provider, object_type="x", external_id=ext,
                         entity="lead", local_id=lead.id, snapshot={}))
    return lead.id


@pytest.fixture
def dupes(store):
    with store.session.begin() as s:
        hs = _conn(s, "hs", Provider.HUBSPOT)
        sf = _conn(s, "sf", Provider.SALESFORCE)
        shop = _conn(s, "shop", Provider.SHOPIFY)
        a = _lead(s, hs, "1", first_name="João", last_name="Souza", email="joao.souza@gmail.com", phone="11 98888-0000",
                  at=datetime(2026, 1, 3, tzinfo=UTC))
        b = _lead(s, sf, "003A", first_name="JOAO", last_name="SOUZA", email="JoaoSouza+sf@gmail.com", job_title="CEO",
                  at=datetime(2026, 1, 2, tzinfo=UTC))
        c = _lead(s, shop, "77", first_name="Joao", last_name="Souza", email=None, phone="+55 11 98888-0000",
                  city="São Paulo", at=datetime(2026, 1, 1, tzinfo=UTC))
        d = _lead(s, hs, "2", first_name="Mary", last_name="Jones", email="mary@example.com", company_name="Acme")
        e = _lead(s, sf, "003B", first_name="Mary", last_name="Jones", email="other.mary@example.com",
                  company_name="Acme Inc")  # different person
        s.add(Deal(name="Renewal", lead_id=b))
    return a, b, c, d, e


def test_groups_exact_then_fuzzy_and_different_emails_stay_apart(store, dupes):
    a, b, c, d, e = dupes
    (g,) = dd.find_groups(store, strategy="manual")
    assert g.members == [a, b, c] and g.survivor is None and g.cross_provider
    assert any("same email" in r for r in g.reasons) and any("similar name" in r for r in g.reasons)
    said = sorted((worded(r).template, worded(r).params) for r in g.reasons)
    assert said == [(dd.SAME_EMAIL, {"email": "joaosouza@gmail.com"}), (dd.SIMILAR_LEAD, {"score": "1.00"})]
    assert all(isinstance(r, Text) for r in g.reasons)  # as find_groups hands them to the page


def test_keep_latest_and_keep_provider_pick_survivors(store, dupes):
    a, b, c, *_ = dupes
    assert dd.find_groups(store, strategy="keep_latest")[0].survivor == a
    assert dd.find_groups(store, strategy="keep_provider")[0].survivor == b  # Salesforce first


def test_dry_run_changes_nothing(store, dupes):
    report = dd.dedupe(store, strategy="keep_latest", dry_run=True)
    assert len(report.merges) == 1 and report.merges[0].fills == {"job_title": "CEO", "city": "São Paulo"}
    with store.session() as s:
        assert s.scalar(select(Lead).where(Lead.merged_into_id.is_not(None))) is None
        assert s.scalar(select(RecordEdit)) is None


def test_merge_keeps_every_link_on_the_survivor_and_undo_restores(store, dupes):
    a, b, c, *_ = dupes
    report = dd.dedupe(store, strategy="keep_latest", actor="you")
    (plan,) = report.merges
    with store.session() as s:
        assert sorted(str(p) for p in s.scalars(select(RecordLink.provider).where(RecordLink.local_id == a))) == [
            "hubspot", "salesforce", "shopify"]
        assert {r.merged_into_id for r in s.scalars(select(Lead).where(Lead.id.in_([b, c])))} == {a}
        surv = s.get(Lead, a)
        assert (surv.job_title, surv.city) == ("CEO", "São Paulo")
        assert s.scalar(select(Deal.lead_id)) == a
    assert dd.find_groups(store) == []
    assert dd.merges(store)[0]["merge_id"] == plan.merge_id
    out = dd.undo_merge(store, plan.merge_id, actor="you")
    assert out["restored"] == sorted([b, c]) and out["kept"] == []
    with store.session() as s:
        assert s.scalar(select(RecordLink.local_id).where(RecordLink.external_id == "003A")) == b
        assert s.get(Lead, b).merged_into_id is None and s.get(Lead, a).job_title is None
        assert s.scalar(select(Deal.lead_id)) == b
    with pytest.raises(dd.DedupeError, match="already undone") as e:
        dd.undo_merge(store, plan.merge_id)
    assert worded(e.value).template == dd.MERGE_UNDONE
    with pytest.raises(dd.DedupeError, match="there is no merge nope") as e:
        dd.undo_merge(store, "nope")
    assert worded(e.value).params == {"merge_id": "nope"}
    assert len(dd.find_groups(store, strategy="manual")) == 1


def test_manual_merge_group(store, dupes):
    a, b, c, *_ = dupes
    plan = dd.merge_group(store, c, [a, b], actor="you")
    assert plan.survivor == c and sorted(plan.merged) == sorted([a, b])
    with pytest.raises(dd.DedupeError, match="already merged") as e:
        dd.merge_group(store, a, [b])
    assert str(e.value) == f"lead #{a} was already merged into lead #{c}"
    assert worded(e.value).params == {"entity": "lead", "id": str(a), "into": str(c)}


@pytest.mark.parametrize("call,template", [
    (lambda store, ids: dd.merge_group(store, ids[0], [999], dry_run=True), dd.NO_RECORD),
    (lambda store, ids: dd.merge_group(store, ids[0], [ids[0]], dry_run=True), dd.NOTHING_TO_MERGE),
    (lambda store, ids: dd.find_groups(store, strategy="newest"), dd.UNKNOWN_STRATEGY),
    (lambda store, ids: dd.find_groups(store, entity="deals"), dd.NOT_AN_ENTITY),
])
def test_errors_the_duplicates_page_shows_are_templates(store, dupes, call, template):
    with pytest.raises(dd.DedupeError) as e:
        call(store, dupes)
    assert worded(e.value).template == template


def test_undo_catches_the_merged_record_up_with_provider_changes_made_while_merged(store, dupes):
    a, b, c, *_ = dupes
    with store.session.begin() as s:
        link = s.scalars(select(RecordLink).where(RecordLink.external_id == "003A")).one()
        link.snapshot = {"job_title": "CEO", "phone": None}
    (plan,) = dd.dedupe(store, strategy="keep_latest").merges
    with store.session.begin() as s:  # a pull while merged: Salesforce changed the title, the survivor took it
        link = s.scalars(select(RecordLink).where(RecordLink.external_id == "003A")).one()
        link.snapshot = {"job_title": "CFO", "phone": None}
        s.get(Lead, a).job_title = "CFO"
    out = dd.undo_merge(store, plan.merge_id)
    assert out["kept"] == [f"job_title of lead #{a} (changed since the merge)"]
    assert worded(out["kept"][0]).params == {"field": "job_title", "entity": "lead", "id": str(a)}
    with store.session() as s:
        assert s.get(Lead, b).job_title == "CFO"  # the record standing alone again is up to date
        assert s.get(Lead, a).job_title == "CFO"  # the survivor keeps what it was told (it changed since the fill)


def test_company_duplicates_by_domain_and_name_merge_moves_leads_and_deals_and_undo(store):
    from lumio_desktop.store.models import Company

    with store.session.begin() as s:
        hs = _conn(s, "hs", Provider.HUBSPOT)
        sf = _conn(s, "sf", Provider.SALESFORCE)

        def company(conn, ext, **values):
            c = Company(**values)
            s.add(c)
            s.flush()
            s.add(RecordLink(connection_id=conn.id, provider=conn.provider, object_type="x", external_id=ext,
                             entity="company", local_id=c.id, snapshot={}))
            return c.id

        a = company(hs, "c1", name="Acme Systems Inc", domain="acme.com", city="Austin")
        b = company(sf, "001A", name="ACME Systems", website="https://www.acme.com/about", industry="Software",
                    updated_at=datetime(2026, 2, 1, tzinfo=UTC))
        c = company(sf, "001B", name="Acme Systems LLC", city="Austin", phone="+1 512 555 0100",  # no domain
                    updated_at=datetime(2026, 1, 1, tzinfo=UTC))
        d = company(hs, "c2", name="Acme Foods", domain="acmefoods.com", city="Austin")
        e = company(hs, "c3", name="Gmail user co", domain="gmail.com")
        lead = Lead(first_name="Ana", company_id=b)
        s.add(lead)
        s.add(Deal(name="Renewal", company_id=c))
    assert dd.normalize_domain(None, "https://www.acme.com/about") == "acme.com"
    assert dd.normalize_domain("gmail.com") is None
    (g,) = dd.find_groups(store, strategy="keep_provider", entity="companies")
    assert {worded(r).template for r in g.reasons} <= {dd.SAME_DOMAIN, dd.SIMILAR_COMPANY}
    assert worded(g.reasons[0]).params == {"domain": "acme.com"}
    assert g.members == [a, b, c] and g.survivor == b and d not in g.members and e not in g.members
    report = dd.dedupe(store, strategy="keep_provider", entity="companies")
    (plan,) = report.merges
    assert plan.entity == "company" and plan.fills == {"city": "Austin", "domain": "acme.com",
                                                        "phone": "+1 512 555 0100"}
    with store.session() as s:
        assert s.scalar(select(Lead.company_id)) == b and s.scalar(select(Deal.company_id)) == b
        assert len(s.scalars(select(RecordLink).where(RecordLink.entity == "company",
                                                      RecordLink.local_id == b)).all()) == 3
    assert dd.merges(store)[0]["entity"] == "company"
    dd.undo_merge(store, plan.merge_id)
    with store.session() as s:
        assert s.scalar(select(Deal.company_id)) == c and s.get(Company, b).city is None
        assert s.scalar(select(Company.id).where(Company.merged_into_id.is_not(None))) is None
