"""Field maps, payload validation, the lead score, and the generated docs/field-mappings.md."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ({"properties": {}}, "id"),
        ({"id": "abc", "properties": {}}, "id"),
        ({"id": "9", "properties": {"amount": "12,5 mil"}}, "properties.amount"),
        ({"id": "9", "properties": {"closedate": "next tuesday"}}, "properties.closedate"),
        ({"id": "9", "properties": "nope"}, "properties"),
        ("just text", "not a JSON object"),
    ],
)
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
    with pytest.raises(MappingError, match="Id"):
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
