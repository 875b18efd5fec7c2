"""Salesforce REST behaviour against CONTRACTS §2."""

from __future__ import annotations

import pytest

from lumio_desktop.sandbox.soql import format_datetime

V = "/services/data/v59.0"


async def _query_all(client, sf, q, endpoint="query", batch=None):
    headers = dict(sf)
    if batch:
        headers["Sforce-Query-Options"] = f"batchSize={batch}"
    r = await client.get(f"{V}/{endpoint}", params={"q": q}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    records, total, pages = body["records"], body["totalSize"], 1
    while not body["done"]:
        r = await client.get(body["nextRecordsUrl"], headers=headers)
        body = r.json()
        records += body["records"]
        pages += 1
    assert len(records) == total
    return records, pages


@pytest.mark.parametrize("obj", ["Lead", "Contact", "Account", "Opportunity"])
async def test_query_pages_each_record_once_and_queryall_adds_deleted(client, sb, sf, obj):
    q = f"SELECT Id, IsDeleted, SystemModstamp FROM {obj} WHERE SystemModstamp >= 2024-01-01T00:00:00Z " \
        "ORDER BY SystemModstamp ASC"
    live, _ = await _query_all(client, sf, q)
    every, _ = await _query_all(client, sf, q, "queryAll")
    ids = [r["Id"] for r in live]
    assert len(ids) == len(set(ids)) and set(ids) == {r.id for r in sb.records("salesforce", obj)}
    deleted = {r["Id"] for r in every if r["IsDeleted"]}
    assert deleted == {r.id for r in sb.records("salesforce", obj, archived=True)}
    assert {r["Id"] for r in every} == set(ids) | deleted
    stamps = [r["SystemModstamp"] for r in live]
    assert stamps == sorted(stamps)
    assert all(r["attributes"]["type"] == obj and r["attributes"]["url"].endswith(r["Id"]) for r in live)


async def test_next_records_url_batches(client, sb, sf):
    sb.create_many("salesforce", "Lead", 500)
    records, pages = await _query_all(client, sf, "SELECT Id FROM Lead", batch=200)
    assert pages == (len(records) + 199) // 200 and pages > 1


async def test_where_subset_and_datetime_format(client, sb, sf):
    rec = sb.create("salesforce", "Contact", {"LastName": "Stamp"}, modified=1_800_000_000_000)
    r = await client.get(f"{V}/query", params={"q": "SELECT Id, LastModifiedDate FROM Contact WHERE SystemModstamp "
                                                    "= 2027-01-15T08:00:00.000+0000"}, headers=sf)
    assert [x["Id"] for x in r.json()["records"]] == [rec.id]
    assert r.json()["records"][0]["LastModifiedDate"] == format_datetime(1_800_000_000_000) == \
        "2027-01-15T08:00:00.000+0000"
    r = await client.get(f"{V}/query", params={"q": f"SELECT Id FROM Contact WHERE Id = '{rec.id}' AND IsDeleted = "
                                                    "false LIMIT 1"}, headers=sf)
    assert r.json()["totalSize"] == 1
    r = await client.get(f"{V}/query", params={"q": "SELECT COUNT() FROM Account"}, headers=sf)
    assert r.json()["totalSize"] == len(sb.records("salesforce", "Account"))


@pytest.mark.parametrize("q,code", [
    ("SELECT Id FROM Contact WHERE LastName = 'a' OR LastName = 'b'", "MALFORMED_QUERY"),
    ("SELECT Id FROM Contact WHERE (LastName = 'a')", "MALFORMED_QUERY"),
    ("SELEC Id FROM Contact", "MALFORMED_QUERY"),
    ("SELECT Id FROM", "MALFORMED_QUERY"),
    ("SELECT Account.Name FROM Contact", "MALFORMED_QUERY"),
    ("SELECT Id FROM Contact WHERE SystemModstamp >= '2024-01-01'", "INVALID_FIELD"),
    ("SELECT Nope__c FROM Contact", "INVALID_FIELD"),
    ("SELECT Id FROM Widget__c", "INVALID_TYPE"),
    ("", "MALFORMED_QUERY"),
])
async def test_bad_soql_is_documented_error(client, sf, q, code):
    r = await client.get(f"{V}/query", params={"q": q}, headers=sf)
    assert r.status_code == 400
    assert r.json()[0]["errorCode"] == code


async def test_crud_and_errors(client, sb, sf):
    r = await client.post(f"{V}/sobjects/Contact/", json={"LastName": "Nova", "Email": "nova@example.com"}, headers=sf)
    assert r.status_code == 201 and r.json()["success"] is True
    cid = r.json()["id"]
    assert len(cid) == 18 and cid.startswith("003")
    r = await client.get(f"{V}/sobjects/Contact/{cid[:15]}", headers=sf)
    assert r.json()["Email"] == "nova@example.com"
    assert (await client.patch(f"{V}/sobjects/Contact/{cid}", json={"Title": "CTO"}, headers=sf)).status_code == 204
    r = await client.post(f"{V}/sobjects/Contact/", json={"FirstName": "NoLast"}, headers=sf)
    assert r.status_code == 400 and r.json()[0]["errorCode"] == "REQUIRED_FIELD_MISSING"
    r = await client.post(f"{V}/sobjects/Contact/", json={"LastName": "X", "Foo__c": 1}, headers=sf)
    assert r.json()[0]["errorCode"] == "INVALID_FIELD"
    r = await client.patch(f"{V}/sobjects/Contact/{cid}", content=b"{not json", headers=sf)
    assert r.status_code == 400 and r.json()[0]["errorCode"] == "JSON_PARSER_ERROR"
    assert (await client.delete(f"{V}/sobjects/Contact/{cid}", headers=sf)).status_code == 204
    assert (await client.get(f"{V}/sobjects/Contact/{cid}", headers=sf)).status_code == 404
    assert sb.get("salesforce", "Contact", cid).archived


async def test_upsert_by_external_id(client, sb, sf):
    url = f"{V}/sobjects/Lead/Lumio_ID__c/L-1"
    r = await client.patch(url, json={"LastName": "Up", "Company": "Acme"}, headers=sf)
    assert r.status_code == 201 and r.json()["created"] is True
    r = await client.patch(url, json={"Title": "Boss"}, headers=sf)
    assert r.status_code == 200 and r.json()["created"] is False
    sb.create("salesforce", "Lead", {"LastName": "Twin", "Company": "A", "Lumio_ID__c": "L-1"})
    r = await client.patch(url, json={"Title": "X"}, headers=sf)
    assert r.status_code == 300 and len(r.json()) == 2
    r = await client.patch(f"{V}/sobjects/Lead/Nope__c/1", json={}, headers=sf)
    assert r.status_code == 404 and r.json()[0]["errorCode"] == "NOT_FOUND"


async def test_composite_collections_all_or_none(client, sb, sf):
    n = len(sb.records("salesforce", "Contact"))
    body = {"allOrNone": True, "records": [{"attributes": {"type": "Contact"}, "LastName": "Ok"},
                                            {"attributes": {"type": "Contact"}, "FirstName": "NoLast"}]}
    r = await client.post(f"{V}/composite/sobjects", json=body, headers=sf)
    res = r.json()
    assert r.status_code == 200 and not res[0]["success"] and not res[1]["success"]
    assert res[0]["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK"
    assert res[1]["errors"][0]["statusCode"] == "REQUIRED_FIELD_MISSING"
    assert len(sb.records("salesforce", "Contact")) == n
    body["allOrNone"] = False
    res = (await client.post(f"{V}/composite/sobjects", json=body, headers=sf)).json()
    assert res[0]["success"] and not res[1]["success"]
    r = await client.post(f"{V}/composite/sobjects", json={"records": [{"attributes": {"type": "Contact"},
                                                                          "LastName": "x"}] * 201}, headers=sf)
    assert r.status_code == 400
    up = {"records": [{"attributes": {"type": "Account"}, "Name": "Up Co", "Lumio_ID__c": "A-9"}]}
    res = (await client.patch(f"{V}/composite/sobjects/Account/Lumio_ID__c", json=up, headers=sf)).json()
    assert res[0]["created"] is True
    res = (await client.patch(f"{V}/composite/sobjects/Account/Lumio_ID__c", json=up, headers=sf)).json()
    assert res[0]["created"] is False
    upd = {"records": [{"attributes": {"type": "Account"}, "id": res[0]["id"], "Phone": "123"}]}
    assert (await client.patch(f"{V}/composite/sobjects", json=upd, headers=sf)).json()[0]["success"]
    r = await client.delete(f"{V}/composite/sobjects", params={"ids": res[0]["id"]}, headers=sf)
    assert r.json()[0]["success"]


async def test_get_updated_and_deleted(client, sb, sf):
    now = sb.clock.now_ms()
    rec = sb.create("salesforce", "Contact", {"LastName": "Fresh"}, modified=now - 3_600_000)
    gone = sb.create("salesforce", "Contact", {"LastName": "Gone"}, modified=now - 7_200_000)
    sb.archive("salesforce", "Contact", gone.id, at=now - 3_600_000)
    start, end = format_datetime(now - 86_400_000), format_datetime(now)
    r = await client.get(f"{V}/sobjects/Contact/updated/", params={"start": start, "end": end}, headers=sf)
    assert rec.id in r.json()["ids"] and gone.id not in r.json()["ids"]
    r = await client.get(f"{V}/sobjects/Contact/deleted/", params={"start": start, "end": end}, headers=sf)
    assert [d["id"] for d in r.json()["deletedRecords"]] == [gone.id]
    assert {"earliestDateAvailable", "latestDateCovered"} <= set(r.json())
    old = format_datetime(now - 40 * 86_400_000)
    r = await client.get(f"{V}/sobjects/Contact/updated/", params={"start": old, "end": end}, headers=sf)
    assert r.status_code == 400


async def test_limits_header_daily_limit_and_sessions():
    import httpx

    from lumio_desktop.sandbox import SandboxConfig, create_app

    app = create_app(SandboxConfig(records=5, salesforce_daily_limit=3, salesforce_session_timeout=60))
    sb = app.state.sandbox
    sf = {"Authorization": f"Bearer {sb.static_tokens['salesforce']}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sb.test") as c:
        rs = [await c.get(f"{V}/query", params={"q": "SELECT Id FROM Lead"}, headers=sf) for _ in range(4)]
        assert [r.status_code for r in rs] == [200, 200, 200, 403]
        assert rs[0].headers["Sforce-Limit-Info"] == "api-usage=1/3"
        assert rs[3].json() == [{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]
        sb.config.salesforce_daily_limit = 100
        tok = sb.tokens.issue_access("salesforce", "oauth", sb.clients["salesforce"].client_id, ["api"], None)
        h = {"Authorization": f"Bearer {tok.value}"}
        assert (await c.get(f"{V}/limits", headers=h)).status_code == 200
        sb.clock.advance(61)
        r = await c.get(f"{V}/limits", headers=h)
        assert r.status_code == 401
        assert r.json() == [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]
        assert "Sforce-Limit-Info" in r.headers
