"""Field maps, payload validation, the lead score, and the generated docs/field-mappings.md."""

from __future__ import annotations

import string
from datetime import UTC, datetime

import pytest

from lumio_desktop.sync.mapping import MAPS, MappingError, get_map, lead_score
from lumio_desktop.sync.mapping.docs import DOC_PATH, render


def hubspot_contact(**props):
    base = {"email": " Jane@Example.com ", "firstname": "Jane", "lastname": "Doe", "company": "Acme",
            "jobtitle": "CTO", "phone": "+1 555 0100", "lifecyclestage": "lead", "hs_lead_status": "NEW, HOT,",
            "hubspot_owner_id": "12345", "lastmodifieddate": "2019-12-07T16:50:06.678Z"}
    base.update(props)
    return {"id": "512", "properties": base, "createdAt": "2019-10-30T03:30:17.883Z",
            "updatedAt": "2019-12-07T16:50:06.678Z", "archived": False}


def test_hubspot_contact_maps_to_a_lead():
    out = get_map("hubspot", "contacts").map(hubspot_contact())
    assert out["email"] == "jane@example.com"
    assert out["first_name"] == "Jane" and out["last_name"] == "Doe"
    assert out["status"] == "lead"
    assert out["tags"] == ["NEW", "HOT"]
    assert out["company_name"] == "Acme" and out["job_title"] == "CTO"
    # 20 email + 10 phone + 10 title + 10 decision maker + 10 company + 5 lead
    assert out["lead_score"] == 65


def test_blank_strings_are_no_value_and_bad_emails_are_kept():
    out = get_map("hubspot", "contacts").map(hubspot_contact(email="jane at example.com", phone="", jobtitle=" "))
    assert out["email"] == "jane at example.com"  # hygiene flags it; the sync never drops what a person typed
    assert out["phone"] is None and out["job_title"] is None


# HubSpot deal payloads the mapping must reject, with the words of the reason (test_mapping_fast uses them too).
BAD_DEALS = [
    ({"properties": {}}, "external_id: required"),
    ({"id": "abc", "properties": {}}, 'external_id: "abc" is malformed'),
    ({"id": "9", "properties": {"amount": "12,5 mil"}}, 'amount: "12,5 mil" is not a number'),
    ({"id": "9", "properties": {"closedate": "next tuesday"}}, 'close_date: "next tuesday" is not a date'),
    ({"id": "9", "properties": "nope"}, 'properties: "nope" is not a JSON object'),
    ("just text", 'not a record: the provider sent "just text" instead of a JSON object'),
]


@pytest.mark.parametrize("raw, fragment", BAD_DEALS)
def test_invalid_deals_are_rejected_with_a_reason(raw, fragment):
    with pytest.raises(MappingError) as e:
        get_map("hubspot", "deals").map(raw)
    assert fragment in e.value.reason


def test_hubspot_deal_types():
    out = get_map("hubspot", "deals").map(
        {"id": "7", "properties": {"dealname": "Pilot", "amount": "1500.50", "closedate": "1572480000000",
                                   "dealstage": "appointmentscheduled", "pipeline": "default"}})
    assert out["amount"] == 1500.5
    assert out["close_date"] == datetime(2019, 10, 31, tzinfo=UTC)


def test_salesforce_account_and_opportunity():
    acc = get_map("salesforce", "Account").map(
        {"attributes": {"type": "Account"}, "Id": "001000000000001AAA", "Name": "Acme", "Website": "https://www.acme.com/x",
         "NumberOfEmployees": 120, "AnnualRevenue": 1.5e6, "SystemModstamp": "2024-01-02T03:04:05.000+0000"})
    assert acc["domain"] == "acme.com" and acc["employees"] == 120
    opp = get_map("salesforce", "Opportunity").map(
        {"Id": "006000000000001", "Name": "Big", "StageName": "Prospecting", "CloseDate": "2024-05-01", "Amount": 10})
    assert opp["close_date"] == datetime(2024, 5, 1, tzinfo=UTC) and opp["stage"] == "Prospecting"
    with pytest.raises(MappingError, match='external_id: "short"'):
        get_map("salesforce", "Lead").map({"Id": "short", "LastName": "X"})


def test_shopify_customer_rest_and_graphql_shapes():
    m = get_map("shopify", "customers")
    rest = m.map({"id": 207119551, "email": "bob@hostmail.com", "first_name": "Bob", "last_name": "Norman",
                  "tags": "vip, wholesale", "state": "enabled", "orders_count": 5, "total_spent": "141.94",
                  "email_marketing_consent": {"state": "subscribed"},
                  "default_address": {"city": "Louisville", "country": "United States", "company": None}})
    gql = m.map({"id": "gid://shopify/Customer/207119551", "email": "bob@hostmail.com", "firstName": "Bob",
                 "lastName": "Norman", "tags": ["vip", "wholesale"], "state": "ENABLED", "numberOfOrders": "5",
                 "emailMarketingConsent": {"marketingState": "SUBSCRIBED"},
                 "defaultAddress": {"city": "Louisville", "country": "United States"}})
    assert rest["tags"] == gql["tags"] == ["vip", "wholesale"]
    assert rest["first_name"] == gql["first_name"] == "Bob"
    assert rest["orders_count"] == gql["orders_count"] == 5
    assert rest["accepts_marketing"] is True
    assert rest["total_spent"] == 141.94
    # 20 email + 15 enabled + 20 orders + 10 spent + 5 marketing
    assert rest["lead_score"] == 70


def test_lead_score_is_bounded():
    assert lead_score({}) == 0
    full = {"email": "a@b.co", "phone": "1", "job_title": "CEO", "company_name": "x", "status": "customer",
            "orders_count": 99, "total_spent": 1e6, "accepts_marketing": True}
    assert lead_score(full) == 100


def test_every_map_covers_real_columns():
    from lumio_desktop.store.models import ENTITY_MODELS

    for m in MAPS.values():
        cols = set(ENTITY_MODELS[m.entity].__table__.c.keys())
        assert set(m.columns) <= cols, (m.provider, m.object_type, set(m.columns) - cols)


def test_field_mappings_doc_is_up_to_date():
    assert DOC_PATH.read_text(encoding="utf-8") == render(), (
        "docs/field-mappings.md is stale: run `python -m lumio_desktop.sync.mapping.docs`"
    )


# -- rejected reasons: our own sentences, in the store's field names ------------------------------------------------
BASE = {"hubspot": {"id": "1", "properties": {}}, "salesforce": {"Id": "001000000000001AAA"}, "shopify": {"id": "1"}}
BAD_VALUES = ["a dozen", "", " ", "12,5", "1e999", "2024-13-45", "99999999999999999999", 1.5, -3, True, None,
              {"x": 1}, [1, "a"], "x" * 300]


def _field_paths(model, prefix=()):
    """Every field of a payload model, and of its nested models (one level, as payloads.py has them)."""
    from lumio_desktop.sync.mapping.reasons import _model_of

    for name, info in model.model_fields.items():
        yield (*prefix, name)
        sub = _model_of(info.annotation)
        if sub is not None and not prefix:
            yield from _field_paths(sub, (name,))


@pytest.mark.parametrize("key", sorted(MAPS), ids="/".join)
def test_every_reason_a_bad_value_gets_is_a_sentence_of_ours_naming_the_store_field(key):
    """Every kind of bad value in every payload field: the record is rejected with one of reasons.py's templates
    (never the catch-all with pydantic's English), naming the store's column the field fills."""
    import copy

    from lumio_desktop.store.models import ENTITY_MODELS, RecordLink
    from lumio_desktop.sync.mapping import reasons as R
    from lumio_desktop.text import Text, parse

    m = MAPS[key]
    targets = {p: r.target for r in m.rules for p in r.source.split("|")}
    stored = set(ENTITY_MODELS[m.entity].__table__.c.keys()) | set(RecordLink.__table__.c.keys())
    rejected = 0
    for path in _field_paths(m.model):
        for bad in BAD_VALUES:
            raw = copy.deepcopy(BASE[m.provider])
            holder = raw
            for part in path[:-1]:
                holder = holder.setdefault(part, {})
            holder[path[-1]] = bad
            try:
                m.map(raw)
                continue
            except MappingError as e:
                reason = e.reason
            rejected += 1
            got = parse(str(reason))
            assert isinstance(got, Text) and got.template == reason.template, reason
            assert reason.template not in (R.NOT_VALID, R.ALSO), (path, bad, str(reason))
            dotted = ".".join(path)
            want = targets.get(dotted) or R.LINK_FIELDS.get(dotted) or dotted
            assert reason.params["field"] == want, (path, bad, str(reason))
            assert want in stored or dotted not in targets, want
    assert rejected > 0


def test_several_problems_make_one_reason_and_an_unknown_error_keeps_pydantics_words():
    from typing import Annotated, Literal

    from pydantic import BaseModel, Field, ValidationError

    from lumio_desktop.sync.mapping import reasons as R
    from lumio_desktop.text import Text, parse

    with pytest.raises(MappingError) as e:
        get_map("hubspot", "deals").map({"id": "x", "properties": {"amount": "lots", "closedate": "soon"},
                                         "archived": "maybe"})
    assert e.value.reason == ('external_id: "x" is malformed; also, in the same record: remote_deleted: "maybe" is not '
                              'true or false; also, in the same record: amount: "lots" is not a number')  # 3 of 4
    got = parse(str(e.value.reason))
    assert got.template == R.ALSO and got.params["then"].template == R.ALSO
    assert got.params["then"].params["then"].template == R.NOT_NUMBER

    class Odd(BaseModel):  # error types no map of ours produces today
        kind: Literal["a", "b"] = "a"
        code: Annotated[str, Field(max_length=5)] = ""

    fields = R.Fields(Odd, [("lead_kind", "kind")])
    with pytest.raises(ValidationError) as v:
        Odd.model_validate({"kind": "c", "code": "toolong"})
    reason = fields.reason(v.value)
    assert reason == ('lead_kind: "c" is not valid (Input should be \'a\' or \'b\'); '
                      'also, in the same record: code: longer than 5 characters')
    back = parse(str(reason))
    assert isinstance(back, Text) and back.params["first"].params["said"] == "Input should be 'a' or 'b'"
    # parse() tries the template with the most words first: joined problems must not read as one problem
    words = {t: sum(len(lit) for lit, *_ in string.Formatter().parse(t)) for t in (*R.PROBLEMS, R.ALSO)}
    assert all(words[R.ALSO] > words[t] for t in R.PROBLEMS), words
    with pytest.raises(MappingError) as e:
        get_map("hubspot", "companies").map({"id": "1", "properties": {"domain": "http://[abc"}})
    assert e.value.reason == 'domain: "http://[abc" is not valid (Invalid IPv6 URL)'  # a transform's own words


def test_a_long_value_is_cut_short_in_the_reason_and_kept_whole_in_the_raw_payload():
    from lumio_desktop.sync.mapping.reasons import shown

    with pytest.raises(MappingError) as e:
        get_map("hubspot", "companies").map({"id": "1", "properties": {"numberofemployees": "n" * 10_000}})
    assert e.value.reason == f'employees: "{"n" * 56}... is not a whole number'
    assert shown({"cidade": "São Paulo"}) == '{"cidade": "São Paulo"}'  # JSON, not Python's repr
