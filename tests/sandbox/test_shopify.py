"""Shopify Admin behaviour against CONTRACTS §3: REST Link paging, filters, leaky bucket, GraphQL connection."""

from __future__ import annotations

import re

import httpx
import pytest

from lumio_desktop.sandbox import SandboxConfig, create_app

A = "/admin/api/2025-07"


def _links(resp: httpx.Response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', resp.headers.get("link", ""))}


@pytest.mark.parametrize("order", ["id asc", "updated_at asc", "updated_at desc", "id desc", "created_at asc"])
async def test_link_paging_returns_each_customer_once(client, sb, sh, order):
    r = await client.get(f"{A}/customers.json", params={"limit": 7, "order": order}, headers=sh)
    seen, pages = [], []
    while True:
        assert r.status_code == 200, r.text
        pages.append([c["id"] for c in r.json()["customers"]])
        seen += pages[-1]
        nxt = _links(r).get("next")
        if not nxt:
            break
        r = await client.get(nxt, headers=sh)
    assert len(seen) == len(set(seen))
    assert {str(i) for i in seen} == {x.id for x in sb.records("shopify", "customers")}
    # previous from the last page gives back the page before it
    prev = _links(r).get("previous")
    if len(pages) > 1:
        r = await client.get(prev, headers=sh)
        assert [c["id"] for c in r.json()["customers"]] == pages[-2]


async def test_updated_at_min_is_inclusive_and_filters_with_page_info_rejected(client, sb, sh):
    t = 1_900_000_000_000
    recs = sb.create_many("shopify", "customers", 5, modified=t)
    r = await client.get(f"{A}/customers.json", params={"updated_at_min": "2030-03-17T17:46:40Z", "limit": 3,
                                                         "order": "updated_at asc"}, headers=sh)
    assert [c["id"] for c in r.json()["customers"]] == [int(x.id) for x in recs[:3]]
    nxt = _links(r)["next"]
    r = await client.get(nxt + "&updated_at_min=2020-01-01T00:00:00Z", headers=sh)
    assert r.status_code == 400 and "page_info" in r.json()["errors"]
    r = await client.get(f"{A}/customers.json", params={"page_info": "garbage"}, headers=sh)
    assert r.status_code == 400


async def test_crud_count_and_422s(client, sb, sh):
    n = (await client.get(f"{A}/customers/count.json", headers=sh)).json()["count"]
    assert n == len(sb.records("shopify", "customers"))
    r = await client.post(f"{A}/customers.json", json={"customer": {"email": "s@example.com", "first_name": "S"}},
                          headers=sh)
    assert r.status_code == 201
    cid = r.json()["customer"]["id"]
    assert r.json()["customer"]["admin_graphql_api_id"] == f"gid://shopify/Customer/{cid}"
    r = await client.post(f"{A}/customers.json", json={"customer": {"email": "S@example.com"}}, headers=sh)
    assert r.status_code == 422 and r.json() == {"errors": {"email": ["has already been taken"]}}
    r = await client.post(f"{A}/customers.json", json={"customer": {"email": "bad"}}, headers=sh)
    assert r.status_code == 422
    r = await client.put(f"{A}/customers/{cid}.json", json={"customer": {"note": "hi"}}, headers=sh)
    assert r.json()["customer"]["note"] == "hi"
    assert (await client.delete(f"{A}/customers/{cid}.json", headers=sh)).json() == {}
    r = await client.get(f"{A}/customers/{cid}.json", headers=sh)
    assert r.status_code == 404 and r.json() == {"errors": "Not Found"}
    r = await client.get(f"{A}/events.json", params={"filter": "Customer", "verb": "destroy"}, headers=sh)
    assert cid in [e["subject_id"] for e in r.json()["events"]]


async def test_auth_and_scopes(client, sb):
    r = await client.get(f"{A}/customers.json", headers={"X-Shopify-Access-Token": "shpat_nope"})
    assert r.status_code == 401 and r.json()["errors"].startswith("[API] Invalid API key or access token")
    tok = sb.tokens.issue_access("shopify", "oauth", sb.clients["shopify"].client_id, ["read_customers"], None)
    h = {"X-Shopify-Access-Token": tok.value}
    assert (await client.get(f"{A}/customers.json", headers=h)).status_code == 200
    r = await client.post(f"{A}/customers.json", json={"customer": {"first_name": "x"}}, headers=h)
    assert r.status_code == 403
    assert (await client.delete("/admin/api_permissions/current.json", headers=h)).json() == {}
    assert (await client.get(f"{A}/customers.json", headers=h)).status_code == 401


async def test_leaky_bucket():
    app = create_app(SandboxConfig(records=5, shopify_bucket_size=4, shopify_leak_rate=2.0))
    sb = app.state.sandbox
    sh = {"X-Shopify-Access-Token": sb.static_tokens["shopify"]}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sb.test") as c:
        sb.clock.offset = 0
        frozen = sb.clock.now()
        sb.clock.now = lambda: frozen  # no leaking while we fill the bucket
        rs = [await c.get(f"{A}/customers.json", headers=sh) for _ in range(5)]
        assert [r.status_code for r in rs] == [200, 200, 200, 200, 429]
        assert [r.headers["X-Shopify-Shop-Api-Call-Limit"] for r in rs[:4]] == ["1/4", "2/4", "3/4", "4/4"]
        assert rs[4].headers["Retry-After"] == "2.0" and "Exceeded" in rs[4].json()["errors"]
        sb.clock.now = lambda: frozen + 1.0  # two requests leaked out
        assert (await c.get(f"{A}/customers.json", headers=sh)).status_code == 200


Q = """query Customers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    edges { cursor node { id email firstName lastName tags state updatedAt createdAt
      amountSpent { amount currencyCode } defaultAddress { city country }
      emailMarketingConsent { marketingState } } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def test_graphql_customers_connection_pages_once_with_cost(client, sb, sh):
    seen, after = [], None
    while True:
        r = await client.post(f"{A}/graphql.json", json={"query": Q, "variables": {
            "first": 25, "after": after, "query": "updated_at:>='2024-01-01T00:00:00Z'"}}, headers=sh)
        body = r.json()
        assert "errors" not in body, body
        conn = body["data"]["customers"]
        seen += [e["node"]["id"] for e in conn["edges"]]
        cost = body["extensions"]["cost"]
        assert cost["requestedQueryCost"] >= cost["actualQueryCost"] > 0
        assert set(cost["throttleStatus"]) == {"maximumAvailable", "currentlyAvailable", "restoreRate"}
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen))
    assert {s.rsplit("/", 1)[1] for s in seen} == {x.id for x in sb.records("shopify", "customers")}


async def test_graphql_errors_and_throttle():
    app = create_app(SandboxConfig(records=60, shopify_graphql_max=100, shopify_graphql_restore=1))
    sb = app.state.sandbox
    sh = {"X-Shopify-Access-Token": sb.static_tokens["shopify"]}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sb.test") as c:
        r = await c.post(f"{A}/graphql.json", json={"query": "{ customers(first: 5) { edges { node { nope } } } }"},
                         headers=sh)
        assert r.status_code == 200 and r.json()["errors"][0]["extensions"]["code"] == "undefinedField"
        r = await c.post(f"{A}/graphql.json", json={"query": "{ customers(first: 5) { edges { node { id } "}, headers=sh)
        assert r.status_code == 200 and "errors" in r.json()
        r = await c.post(f"{A}/graphql.json", json={"query": "mutation { customerDelete(input: {}) { userErrors "
                                                             "{ message } } }"}, headers=sh)
        assert "errors" in r.json()
        q = {"query": "{ customers(first: 45) { nodes { id } } }"}
        r1 = await c.post(f"{A}/graphql.json", json=q, headers=sh)
        r2 = await c.post(f"{A}/graphql.json", json=q, headers=sh)
        r3 = await c.post(f"{A}/graphql.json", json=q, headers=sh)
        assert "data" in r1.json() and "data" in r2.json()
        assert r3.json()["errors"][0]["extensions"]["code"] == "THROTTLED" and "data" not in r3.json()
        assert r3.json()["extensions"]["cost"]["actualQueryCost"] is None
        r = await c.post(f"{A}/graphql.json", json={"query": "{ customers(first: 250) { nodes { id } } }"}, headers=sh)
        assert r.json()["errors"][0]["extensions"]["code"] == "MAX_COST_EXCEEDED"


async def test_listing_shows_a_change_made_with_the_same_timestamp(client, sb, sh):
    rec = sb.records("shopify", "customers")[0]
    first = (await client.get(f"{A}/customers.json", params={"limit": 1}, headers=sh)).json()["customers"][0]
    sb.update("shopify", "customers", rec.id, {"note": "changed in place"}, modified=rec.modified)
    again = (await client.get(f"{A}/customers.json", params={"limit": 1}, headers=sh)).json()["customers"][0]
    assert first["id"] == again["id"] == int(rec.id) and again["note"] == "changed in place"
