"""HubSpot CRM v3 behaviour against CONTRACTS §1 (responses also validated against the specs by `client`)."""

from __future__ import annotations

import pytest

from lumio_desktop.sandbox import SandboxConfig, create_app


async def _page_all(client, hs, path, **params) -> list[dict]:
    out, after = [], None
    while True:
        q = {"limit": 100, **params}
        if after:
            q["after"] = after
        r = await client.get(path, params=q, headers=hs)
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["results"]
        after = body.get("paging", {}).get("next", {}).get("after")
        if not after:
            return out


@pytest.mark.parametrize("obj", ["contacts", "companies", "deals"])
async def test_list_pages_every_record_exactly_once_and_archived_only_with_archived_true(client, sb, hs, obj):
    live = await _page_all(client, hs, f"/crm/v3/objects/{obj}")
    archived = await _page_all(client, hs, f"/crm/v3/objects/{obj}", archived="true")
    ids = [r["id"] for r in live]
    assert len(ids) == len(set(ids))
    assert set(ids) == {r.id for r in sb.records("hubspot", obj)}
    assert {r["id"] for r in archived} == {r.id for r in sb.records("hubspot", obj, archived=True)}
    assert all(r["archived"] and r["archivedAt"] for r in archived)
    assert not any(r["archived"] for r in live)


async def test_default_limit_is_10_and_after_is_opaque(client, hs):
    r = await client.get("/crm/v3/objects/contacts", headers=hs)
    body = r.json()
    assert len(body["results"]) == 10
    nxt = body["paging"]["next"]
    assert nxt["link"] == f"?after={nxt['after']}" and not nxt["after"].isdigit()
    r = await client.get("/crm/v3/objects/contacts", params={"after": "not-base64!"}, headers=hs)
    assert r.status_code == 400 and r.json()["category"] == "VALIDATION_ERROR"


async def test_properties_are_strings_and_defaults_per_object(client, hs):
    r = await client.get("/crm/v3/objects/deals", params={"limit": 3}, headers=hs)
    props = r.json()["results"][0]["properties"]
    assert {"hs_lastmodifieddate", "hs_object_id", "createdate"} <= set(props)
    assert all(isinstance(v, str) for v in props.values())
    r = await client.get("/crm/v3/objects/contacts", params={"limit": 1, "properties": "email,nope"}, headers=hs)
    props = r.json()["results"][0]["properties"]
    assert "nope" not in props and "lastmodifieddate" in props


async def test_create_duplicate_email_is_409_and_batch_create_fails_whole(client, sb, hs):
    r = await client.post("/crm/v3/objects/contacts", json={"properties": {"email": "dup@example.com"}}, headers=hs)
    assert r.status_code == 201
    existing = r.json()["id"]
    r = await client.post("/crm/v3/objects/contacts", json={"properties": {"email": "DUP@example.com"}}, headers=hs)
    assert r.status_code == 409
    assert r.json()["category"] == "CONFLICT" and r.json()["message"] == f"Contact already exists. Existing ID: {existing}"
    n = len(sb.records("hubspot", "contacts"))
    r = await client.post("/crm/v3/objects/contacts/batch/create", json={"inputs": [
        {"properties": {"email": "fresh@example.com"}, "associations": []},
        {"properties": {"email": "dup@example.com"}, "associations": []}]}, headers=hs)
    assert r.status_code == 409
    assert len(sb.records("hubspot", "contacts")) == n  # nothing of the batch was written


async def test_validation_errors_are_documented_400s(client, hs):
    r = await client.post("/crm/v3/objects/contacts", json={"properties": {"favourite_colour": "blue"}}, headers=hs)
    assert r.status_code == 400
    body = r.json()
    assert body["category"] == "VALIDATION_ERROR" and "PROPERTY_DOESNT_EXIST" in body["message"]
    r = await client.post("/crm/v3/objects/contacts", json={"properties": {"email": "not-an-email"}}, headers=hs)
    assert r.status_code == 400 and "INVALID_EMAIL" in r.json()["message"]
    r = await client.post("/crm/v3/objects/deals", json={"properties": {"dealstage": "won!"}}, headers=hs)
    assert r.status_code == 400 and "INVALID_OPTION" in r.json()["message"]
    r = await client.post("/crm/v3/objects/deals", json={"properties": {"amount": " 12"}}, headers=hs)
    assert r.status_code == 400
    r = await client.post("/crm/v3/objects/contacts/batch/read",
                          json={"inputs": [{"id": str(i)} for i in range(101)], "properties": [],
                                "propertiesWithHistory": []}, headers=hs)
    assert r.status_code == 400 and "100" in r.json()["message"]


async def test_patch_by_email_and_empty_string_clears(client, sb, hs):
    rec = sb.create("hubspot", "contacts", {"email": "p@example.com", "jobtitle": "CTO"}, modified=1)
    r = await client.patch("/crm/v3/objects/contacts/p@example.com", params={"idProperty": "email"},
                           json={"properties": {"jobtitle": ""}}, headers=hs)
    assert r.status_code == 200
    assert "jobtitle" not in sb.get("hubspot", "contacts", rec.id).data
    assert sb.get("hubspot", "contacts", rec.id).modified > 1


async def test_upsert_reports_new_and_updates_existing(client, sb, hs):
    body = {"inputs": [{"id": "u1@example.com", "idProperty": "email", "properties": {"firstname": "A"}}]}
    r1 = await client.post("/crm/v3/objects/contacts/batch/upsert", json=body, headers=hs)
    body["inputs"][0]["properties"]["firstname"] = "B"
    r2 = await client.post("/crm/v3/objects/contacts/batch/upsert", json=body, headers=hs)
    assert r1.json()["results"][0]["new"] is True and r2.json()["results"][0]["new"] is False
    assert r1.json()["results"][0]["id"] == r2.json()["results"][0]["id"]
    assert sb.get("hubspot", "contacts", r2.json()["results"][0]["id"]).data["firstname"] == "B"


def _search(filters=None, sorts=None, limit=100, after="0", **kw):
    return {"filterGroups": [{"filters": filters}] if filters else [], "sorts": sorts or [], "properties": ["email"],
            "limit": limit, "after": after, **kw}


async def test_search_all_thirteen_operators(client, sb, hs):
    a = sb.create("hubspot", "contacts", {"email": "ana.souza@example.com", "firstname": "Ana", "lastname": "Souza",
                                          "hubspot_owner_id": "7"}, modified=2_000_000_000_000)
    b = sb.create("hubspot", "contacts", {"email": "bob.lee@example.com", "firstname": "Bob", "lastname": "Lee"},
                  modified=2_000_000_000_500)
    mine = {a.id, b.id}

    async def ids(*filters):
        r = await client.post("/crm/v3/objects/contacts/search", json=_search(list(filters)), headers=hs)
        assert r.status_code == 200, r.text
        return {x["id"] for x in r.json()["results"]} & mine

    lm = "lastmodifieddate"
    assert await ids({"propertyName": "email", "operator": "EQ", "value": "ANA.SOUZA@example.com"}) == {a.id}
    assert await ids({"propertyName": lm, "operator": "GTE", "value": "2000000000000"},
                     {"propertyName": "email", "operator": "NEQ", "value": "ana.souza@example.com"}) == {b.id}
    assert await ids({"propertyName": lm, "operator": "GT", "value": "2000000000000"}) == {b.id}
    assert await ids({"propertyName": lm, "operator": "LT", "value": "2000000000500"},
                     {"propertyName": lm, "operator": "GTE", "value": "2000000000000"}) == {a.id}
    assert await ids({"propertyName": lm, "operator": "LTE", "value": "2033-05-18T03:33:20.500Z"},
                     {"propertyName": lm, "operator": "GTE", "value": "2000000000000"}) == mine
    assert await ids({"propertyName": lm, "operator": "BETWEEN", "value": "2000000000001",
                      "highValue": "2000000000500"}) == {b.id}
    assert await ids({"propertyName": "firstname", "operator": "IN", "values": ["ana", "Bob"]}) == mine
    assert await ids({"propertyName": lm, "operator": "GTE", "value": "2000000000000"},
                     {"propertyName": "firstname", "operator": "NOT_IN", "values": ["Ana"]}) == {b.id}
    assert await ids({"propertyName": "hubspot_owner_id", "operator": "HAS_PROPERTY"},
                     {"propertyName": lm, "operator": "GTE", "value": "2000000000000"}) == {a.id}
    assert await ids({"propertyName": "hubspot_owner_id", "operator": "NOT_HAS_PROPERTY"},
                     {"propertyName": lm, "operator": "GTE", "value": "2000000000000"}) == {b.id}
    assert await ids({"propertyName": "email", "operator": "CONTAINS_TOKEN", "value": "souza"}) == {a.id}
    assert await ids({"propertyName": "email", "operator": "CONTAINS_TOKEN", "value": "*lee@*"}) == {b.id}
    assert await ids({"propertyName": lm, "operator": "GTE", "value": "2000000000000"},
                     {"propertyName": "email", "operator": "NOT_CONTAINS_TOKEN", "value": "souza"}) == {b.id}
    r = await client.post("/crm/v3/objects/contacts/search",
                          json=_search([{"propertyName": "email", "operator": "LIKE", "value": "x"}]), headers=hs)
    assert r.status_code == 400


async def test_search_groups_are_ored_and_limits_enforced(client, sb, hs):
    a = sb.create("hubspot", "contacts", {"email": "g1@example.com"})
    b = sb.create("hubspot", "contacts", {"email": "g2@example.com"})
    body = _search()
    body["filterGroups"] = [{"filters": [{"propertyName": "email", "operator": "EQ", "value": "g1@example.com"}]},
                            {"filters": [{"propertyName": "email", "operator": "EQ", "value": "g2@example.com"}]}]
    r = await client.post("/crm/v3/objects/contacts/search", json=body, headers=hs)
    assert {x["id"] for x in r.json()["results"]} == {a.id, b.id} and r.json()["total"] == 2
    body["filterGroups"] = [{"filters": [{"propertyName": "email", "operator": "HAS_PROPERTY"}]}] * 6
    assert (await client.post("/crm/v3/objects/contacts/search", json=body, headers=hs)).status_code == 400
    assert (await client.post("/crm/v3/objects/contacts/search", json=_search(limit=201), headers=hs)).status_code == 400


async def test_search_skips_archived_and_sorts_accept_strings(client, sb, hs):
    recs = sb.records("hubspot", "companies")
    sb.archive("hubspot", "companies", recs[0].id)
    r = await client.post("/crm/v3/objects/companies/search", json=_search(sorts=["-hs_object_id"], limit=200),
                          headers=hs)
    ids = [int(x["id"]) for x in r.json()["results"]]
    assert ids == sorted(ids, reverse=True) and int(recs[0].id) not in ids
    assert r.json()["total"] == len(recs) - 1


async def test_search_cap_10000_with_one_shared_timestamp(client, sb, hs):
    ts = 1_900_000_000_000
    sb.create_many("hubspot", "contacts", 10_050, modified=ts)
    flt = [{"propertyName": "lastmodifieddate", "operator": "EQ", "value": str(ts)}]
    sorts = [{"propertyName": "hs_object_id", "direction": "ASCENDING"}]
    r = await client.post("/crm/v3/objects/contacts/search", json=_search(flt, sorts, limit=200, after="9800"), headers=hs)
    assert r.status_code == 200 and r.json()["total"] == 10_050
    assert r.json()["paging"]["next"]["after"] == "10000"
    r = await client.post("/crm/v3/objects/contacts/search", json=_search(flt, sorts, limit=200, after="10000"),
                          headers=hs)
    assert r.status_code == 400 and r.json()["category"] == "VALIDATION_ERROR"
    r = await client.post("/crm/v3/objects/contacts/search", json=_search(flt, sorts, limit=100, after="9950"),
                          headers=hs)
    assert r.status_code == 400
    # The way around the cap: continue by id.
    page = await client.post("/crm/v3/objects/contacts/search", json=_search(flt, sorts, limit=200, after="9800"),
                             headers=hs)
    last = page.json()["results"][-1]["id"]
    rest = await client.post("/crm/v3/objects/contacts/search", json=_search(
        flt + [{"propertyName": "hs_object_id", "operator": "GT", "value": last}], sorts, limit=200), headers=hs)
    assert rest.json()["total"] == 50


async def test_search_indexing_delay(make_client):

    app = create_app(SandboxConfig.for_tests(records=5, hubspot_index_delay=10))
    sb = app.state.sandbox
    hs = {"Authorization": f"Bearer {sb.static_tokens['hubspot']}"}
    async with make_client(app) as c:
        rec = sb.create("hubspot", "contacts", {"email": "late@example.com"})
        body = _search([{"propertyName": "email", "operator": "EQ", "value": "late@example.com"}])
        assert (await c.post("/crm/v3/objects/contacts/search", json=body, headers=hs)).json()["total"] == 0
        sb.clock.advance(11)
        assert (await c.post("/crm/v3/objects/contacts/search", json=body, headers=hs)).json()["total"] == 1
        sb.update("hubspot", "contacts", rec.id, {"email": "later@example.com"})
        assert (await c.post("/crm/v3/objects/contacts/search", json=body, headers=hs)).json()["total"] == 1
        sb.clock.advance(11)
        assert (await c.post("/crm/v3/objects/contacts/search", json=body, headers=hs)).json()["total"] == 0


async def test_auth_errors(client, sb, hs):
    r = await client.get("/crm/v3/objects/contacts", headers={"Authorization": "Bearer garbage"})
    assert r.status_code == 401 and r.json()["message"].startswith("Authentication credentials not found")
    assert r.headers["x-hubspot-auth-failure"] == "401 Unauthorized"
    tok = sb.tokens.issue_access("hubspot", "oauth", sb.clients["hubspot"].client_id,
                                 ["crm.objects.contacts.read"], 1800)
    h = {"Authorization": f"Bearer {tok.value}"}
    assert (await client.get("/crm/v3/objects/contacts", headers=h)).status_code == 200
    r = await client.get("/crm/v3/objects/deals", headers=h)
    assert r.status_code == 403 and r.json()["category"] == "MISSING_SCOPES"
    assert r.json()["errors"][0]["context"]["requiredScopes"] == ["crm.objects.deals.read"]
    sb.clock.advance(1801)
    r = await client.get("/crm/v3/objects/contacts", headers=h)
    assert r.status_code == 401 and r.json()["category"] == "EXPIRED_AUTHENTICATION"
    assert r.json()["message"].startswith("The OAuth token used to make this call expired")
    assert "expire time" in r.json()["context"]


async def test_rate_limits_ten_second_window_daily_and_search(make_client):

    app = create_app(SandboxConfig(records=5, hubspot_burst_limit=5, hubspot_daily_limit=8, hubspot_search_rps=2))
    sb = app.state.sandbox
    hs = {"Authorization": f"Bearer {sb.static_tokens['hubspot']}"}
    async with make_client(app) as c:
        rs = [await c.get("/crm/v3/objects/contacts", headers=hs) for _ in range(6)]
        assert [r.status_code for r in rs] == [200] * 5 + [429]
        assert rs[0].headers["X-HubSpot-RateLimit-Max"] == "5"
        assert rs[4].headers["X-HubSpot-RateLimit-Remaining"] == "0"
        assert rs[0].headers["X-HubSpot-RateLimit-Daily"] == "8"
        body = rs[5].json()
        assert body["policyName"] == "TEN_SECONDLY_ROLLING" and body["errorType"] == "RATE_LIMIT"
        assert "Retry-After" in rs[5].headers
        r = await c.get("/crm/v3/objects/contacts", headers=hs)
        assert r.status_code == 429 and "Retry-After" not in r.headers  # "sometimes" without Retry-After
        sb.clock.advance(10)
        rs = [await c.get("/crm/v3/objects/contacts", headers=hs) for _ in range(4)]
        assert [r.status_code for r in rs] == [200, 200, 200, 429]
        assert rs[3].json()["policyName"] == "DAILY"
        searches = [await c.post("/crm/v3/objects/contacts/search", json=_search(), headers=hs) for _ in range(3)]
        assert [r.status_code for r in searches] == [200, 200, 429]
        assert "X-HubSpot-RateLimit-Max" not in searches[0].headers


async def test_associations_on_create_and_read(client, sb, hs):
    company = sb.records("hubspot", "companies")[0]
    r = await client.post("/crm/v3/objects/contacts", json={"properties": {"email": "assoc@example.com"},
                          "associations": [{"to": {"id": company.id}, "types": [
                              {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}]}]}, headers=hs)
    cid = r.json()["id"]
    r = await client.get(f"/crm/v3/objects/contacts/{cid}", params={"associations": "companies"}, headers=hs)
    assert r.json()["associations"]["companies"]["results"] == [{"id": company.id, "type": "contact_to_company"}]
    r = await client.post("/crm/v3/objects/contacts", json={"properties": {"email": "bad-assoc@example.com"},
                          "associations": [{"to": {"id": "1"}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                                          "associationTypeId": 999}]}]}, headers=hs)
    assert r.status_code == 400


async def test_date_versioned_alias_and_type_ids(client, hs):
    a = await client.get("/crm/objects/2026-03/contacts", params={"limit": 3}, headers=hs)
    b = await client.get("/crm/v3/objects/0-1", params={"limit": 3}, headers=hs)
    assert [x["id"] for x in a.json()["results"]] == [x["id"] for x in b.json()["results"]]
    r = await client.get("/crm/v3/objects/tickets", headers=hs)
    assert r.status_code == 400


async def test_createdate_is_kept_on_create(client, hs):
    r = await client.post("/crm/v3/objects/contacts", json={"properties": {
        "email": "old@example.com", "createdate": "2019-10-30T03:30:17.883Z"}}, headers=hs)
    assert r.json()["createdAt"] == "2019-10-30T03:30:17.883Z"
    assert r.json()["properties"]["createdate"] == "2019-10-30T03:30:17.883Z"


async def test_associations_v4_reads(client, sb, hs):
    deal = sb.records("hubspot", "deals")[0]
    r = await client.get(f"/crm/v4/objects/deals/{deal.id}/associations/companies", headers=hs)
    to = r.json()["results"]
    assert len(to) == 1 and to[0]["associationTypes"][0]["typeId"] == 341
    company = to[0]["toObjectId"]
    r = await client.post("/crm/v4/associations/companies/deals/batch/read",
                          json={"inputs": [{"id": str(company)}, {"id": "1"}]}, headers=hs)
    assert r.status_code == 207
    assert int(deal.id) in [t["toObjectId"] for t in r.json()["results"][0]["to"]]


@pytest.mark.parametrize("filters,desc", [
    ([], False), ([], True),
    ([("GTE", 1_950_000_000_000)], False), ([("GT", 1_950_000_000_000)], True),
    ([("GTE", 1_740_000_000_000), ("LT", 1_950_000_000_000)], False),
    ([("EQ", 1_950_000_000_000)], False), ([("LTE", 1_950_000_000_000)], True),
    ([("BETWEEN", 1_745_000_000_000, 1_950_000_000_000)], False),
])
async def test_search_delta_queries_page_in_exact_order(client, sb, hs, filters, desc):
    sb.create_many("hubspot", "contacts", 130, modified=1_950_000_000_000)  # a burst across page boundaries
    live = sb.records("hubspot", "contacts")

    def keep(r):
        for f in filters:
            op, x = f[0], f[1]
            m = r.modified
            if not {"GTE": m >= x, "GT": m > x, "LT": m < x, "LTE": m <= x, "EQ": m == x,
                    "BETWEEN": len(f) == 3 and x <= m <= f[2]}[op]:
                return False
        return True

    expected = [r.id for r in sorted((r for r in live if keep(r)), key=lambda r: (r.modified, r.num), reverse=desc)]
    body_filters = [{"propertyName": "lastmodifieddate", "operator": f[0], "value": str(f[1]),
                     **({"highValue": str(f[2])} if len(f) == 3 else {})} for f in filters]
    sorts = [{"propertyName": "lastmodifieddate", "direction": "DESCENDING" if desc else "ASCENDING"}]
    if not filters:  # no filter: by id
        sorts = ["-hs_object_id"] if desc else []
        expected = sorted((r.id for r in live), key=int, reverse=desc)
    got, after = [], "0"
    while after is not None:
        r = await client.post("/crm/v3/objects/contacts/search", json=_search(body_filters, sorts, 100, after),
                              headers=hs)
        assert r.status_code == 200, r.text
        assert r.json()["total"] == len(expected)
        got += [x["id"] for x in r.json()["results"]]
        after = r.json().get("paging", {}).get("next", {}).get("after")
    assert got == expected
