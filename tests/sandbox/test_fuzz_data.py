"""Malformed input never gets a 500 from the sandbox; the seed data is deterministic and realistically messy."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumio_desktop.sandbox import Sandbox, SandboxConfig

JUNK_BODIES = [b"", b"{", b"[]", b"null", b"\xff\xfe", b'{"properties": 5}', b'{"inputs": "x"}',
               b'{"inputs": [1, 2]}', b'{"records": {}}', b'{"customer": []}', b'{"query": 5}',
               b'{"filterGroups": [{"filters": [{"propertyName": 1}]}], "limit": "x"}', b'{"after": "-1"}',
               b'{"a": ' + b"[" * 50 + b"]" * 50 + b"}"]

ENDPOINTS = [
    ("hubspot", "POST", "/crm/v3/objects/contacts"),
    ("hubspot", "PATCH", "/crm/v3/objects/contacts/1001"),
    ("hubspot", "POST", "/crm/v3/objects/companies/batch/read"),
    ("hubspot", "POST", "/crm/v3/objects/deals/batch/create"),
    ("hubspot", "POST", "/crm/v3/objects/contacts/batch/upsert"),
    ("hubspot", "POST", "/crm/v3/objects/contacts/search"),
    ("hubspot", "POST", "/crm/v3/objects/contacts/merge"),
    ("hubspot", "POST", "/oauth/v1/token"),
    ("hubspot", "POST", "/oauth/2026-03/token/introspect"),
    ("salesforce", "POST", "/services/data/v59.0/sobjects/Contact/"),
    ("salesforce", "POST", "/services/data/v59.0/composite/sobjects"),
    ("salesforce", "PATCH", "/services/data/v59.0/composite/sobjects/Account/Lumio_ID__c"),
    ("salesforce", "PATCH", "/services/data/v59.0/sobjects/Lead/Lumio_ID__c/x"),
    ("salesforce", "POST", "/services/oauth2/token"),
    ("shopify", "POST", "/admin/api/2025-07/customers.json"),
    ("shopify", "POST", "/admin/api/2025-07/graphql.json"),
    ("shopify", "POST", "/admin/api/2025-07/webhooks.json"),
    ("shopify", "POST", "/admin/oauth/access_token"),
]


def _headers(sb, provider):
    if provider == "shopify":
        return {"X-Shopify-Access-Token": sb.static_tokens["shopify"], "Content-Type": "application/json"}
    return {"Authorization": f"Bearer {sb.static_tokens[provider]}", "Content-Type": "application/json"}


@pytest.mark.parametrize("provider,method,path", ENDPOINTS)
async def test_junk_bodies_get_provider_errors_never_500(client, sb, provider, method, path):
    for body in JUNK_BODIES:
        r = await client.request(method, path, content=body, headers=_headers(sb, provider))
        assert r.status_code < 500, (body, r.status_code, r.text)
        if r.status_code >= 400:
            err = r.json()
            if provider == "salesforce" and "oauth2" not in path:
                assert isinstance(err, list) and err[0]["errorCode"]
            elif provider == "shopify" and "oauth" not in path:
                assert "errors" in err
            elif provider == "hubspot":
                assert err.get("category") or err.get("error")


BAD_QUERIES = [
    ("hubspot", "/crm/v3/objects/contacts", {"limit": "ten"}),
    ("hubspot", "/crm/v3/objects/contacts", {"archived": "maybe"}),
    ("hubspot", "/crm/v3/objects/contacts", {"after": "%%%"}),
    ("hubspot", "/crm/v3/objects/contacts/1001", {"idProperty": "firstname"}),
    ("hubspot", "/crm/v3/objects/contacts/%20", {}),
    ("salesforce", "/services/data/v59.0/query", {"q": "SELECT Id FROM Contact WHERE Id IN ('a', 1)"}),
    ("salesforce", "/services/data/v59.0/query", {"q": "SELECT Id FROM Contact LIMIT -1"}),
    ("salesforce", "/services/data/v59.0/query/01gXYZ-2000", {}),
    ("salesforce", "/services/data/vABC/query", {"q": "SELECT Id FROM Contact"}),
    ("salesforce", "/services/data/v59.0/sobjects/Contact/updated/", {"start": "yesterday"}),
    ("salesforce", "/services/data/v59.0/sobjects/Nope/001", {}),
    ("shopify", "/admin/api/2025-07/customers.json", {"limit": "-3"}),
    ("shopify", "/admin/api/2025-07/customers.json", {"order": "name asc"}),
    ("shopify", "/admin/api/2025-07/customers.json", {"updated_at_min": "soon"}),
    ("shopify", "/admin/api/2025-07/customers.json", {"ids": "1,x"}),
    ("shopify", "/admin/api/2025-07/customers/abc.json", {}),
    ("shopify", "/admin/api/latest/customers.json", {}),
]


@pytest.mark.parametrize("provider,path,params", BAD_QUERIES)
async def test_bad_queries_are_4xx_with_provider_bodies(client, sb, provider, path, params):
    r = await client.get(path, params=params, headers=_headers(sb, provider))
    assert 400 <= r.status_code < 500, r.text
    body = r.json()
    assert {"hubspot": lambda b: b["category"], "salesforce": lambda b: b[0]["errorCode"],
            "shopify": lambda b: b["errors"]}[provider](body)


async def test_wrong_tokens_everywhere(client, sb):
    assert (await client.get("/crm/v3/objects/deals")).status_code == 401
    r = await client.get("/services/data/v59.0/query", params={"q": "SELECT Id FROM Lead"},
                         headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.json()[0]["errorCode"] == "INVALID_SESSION_ID"
    assert (await client.get("/admin/api/2025-07/customers.json")).status_code == 401
    assert (await client.get("/crm/v3/nothing/here")).json()["category"]
    r = await client.get("/admin/api/2025-07/orders.json", headers=_headers(sb, "shopify"))
    assert r.status_code == 404 and r.json() == {"errors": "Not Found"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=80))
def test_soql_parser_never_crashes(q):
    from lumio_desktop.sandbox.errors import ApiError
    from lumio_desktop.sandbox.soql import parse

    try:
        parse(q)
    except ApiError as e:
        assert e.status == 400


@settings(max_examples=60, deadline=None)
@given(src=st.text(alphabet="{}()[]:$!,.\"' abcdefirstnodeqyu0123456789", max_size=80))
def test_graphql_parser_never_crashes(src):
    from lumio_desktop.sandbox.graphql import GraphQLError, parse_document

    try:
        parse_document(src)
    except GraphQLError:
        pass


def test_data_is_deterministic_and_messy():
    a = Sandbox(SandboxConfig(seed=42, records=1500))
    b = Sandbox(SandboxConfig(seed=42, records=1500))
    assert a.state() == b.state()
    contacts = a.records("hubspot", "contacts", archived=None)
    emails = [r.data.get("email", "") for r in contacts]
    invalid = [e for e in emails if e and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", e)]
    assert 0.01 < len(invalid) / len(emails) < 0.04  # about 2% invalid emails
    assert any("firstname" not in r.data for r in contacts)  # missing names
    assert any(any(ch in (r.data.get("firstname") or "") for ch in "ãâáéêíóôúç") for r in contacts)  # pt_BR
    assert 0 < sum(r.archived for r in contacts) < len(contacts) * 0.05
    hub = {e.lower() for e in emails if e}
    leads = a.records("salesforce", "Lead")
    shared = [r for r in leads if (r.data.get("Email") or "").lower() in hub]
    assert len(shared) > 40  # the same people in two providers
    spelled_differently = [r for r in shared if (r.data.get("FirstName"), r.data.get("LastName")) not in {
        (c.data.get("firstname"), c.data.get("lastname")) for c in contacts
        if (c.data.get("email") or "").lower() == (r.data.get("Email") or "").lower()}]
    assert spelled_differently
    stamps = [r.modified for r in contacts]
    assert len(stamps) - len(set(stamps)) > 20  # bursts sharing one modification time
    assert len({r.data.get("email") for r in a.records("shopify", "customers", archived=None)
                if r.data.get("email")}) == sum(1 for r in a.records("shopify", "customers", archived=None)
                                                if r.data.get("email"))


async def test_wrong_methods_get_provider_bodies(client, sb):
    r = await client.put("/crm/v3/objects/contacts", headers=_headers(sb, "hubspot"))
    assert r.status_code == 405 and r.json()["category"]
    r = await client.put("/services/data/v59.0/query", headers=_headers(sb, "salesforce"))
    assert r.status_code == 405 and r.json()[0]["errorCode"]
    r = await client.patch("/admin/api/2025-07/customers.json", headers=_headers(sb, "shopify"))
    assert r.status_code == 405 and r.json()["errors"]


@pytest.mark.parametrize("provider,obj,fields", [("hubspot", "contacts", {"email": "after-bulk@example.com"}),
                                                 ("salesforce", "Lead", {"LastName": "After", "Company": "Bulk"}),
                                                 ("shopify", "customers", {"first_name": "After"})])
def test_create_after_create_many_gets_a_new_id(provider, obj, fields):
    sb = Sandbox(SandboxConfig(records=10))
    bulk = sb.create_many(provider, obj, 50)
    rec = sb.create(provider, obj, fields)
    assert rec.id not in {r.id for r in bulk}
    assert len(sb.records(provider, obj, archived=None)) == len({r.id for r in sb.records(provider, obj, archived=None)})


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_json = st.recursive(st.none() | st.booleans() | st.integers(-2**40, 2**40)
                     | st.floats(allow_nan=False, allow_infinity=False) | _text,
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
                     max_leaves=12)
_fields = st.dictionaries(st.sampled_from(["properties", "inputs", "filterGroups", "sorts", "limit", "after", "records",
                                           "allOrNone", "customer", "query", "variables", "email", "LastName",
                                           "attributes", "id", "idProperty", "propertyName", "operator", "value"]),
                          _json, max_size=5)

FUZZ_TARGETS = [("hubspot", "POST", "/crm/v3/objects/contacts/search"), ("hubspot", "POST", "/crm/v3/objects/deals"),
                ("hubspot", "POST", "/crm/v3/objects/companies/batch/upsert"),
                ("salesforce", "POST", "/services/data/v59.0/composite/sobjects"),
                ("salesforce", "PATCH", "/services/data/v59.0/sobjects/Contact/Lumio_ID__c/fz"),
                ("shopify", "POST", "/admin/api/2025-07/customers.json"),
                ("shopify", "POST", "/admin/api/2025-07/graphql.json")]


@pytest.fixture(scope="module")
def fuzz_app():
    from lumio_desktop.sandbox import create_app

    app = create_app(SandboxConfig.for_tests(records=20))
    yield app
    assert app.state.sandbox.internal_errors == []


@pytest.mark.parametrize("provider,method,path", FUZZ_TARGETS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_fields)
def test_random_json_never_gets_a_500(fuzz_app, provider, method, path, body):
    import asyncio

    import httpx

    async def send() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=fuzz_app), base_url="http://sb.test") as c:
            return await c.request(method, path, json=body, headers=_headers(fuzz_app.state.sandbox, provider))

    r = asyncio.run(send())
    assert r.status_code < 500, (body, r.text)


def test_sandbox_imports_nothing_else_from_lumio_desktop():
    import ast
    from pathlib import Path

    import lumio_desktop.sandbox as pkg

    for path in Path(pkg.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                assert not name.startswith("lumio_desktop") or name.startswith("lumio_desktop.sandbox"), (path, name)
                assert not name.startswith(("PySide6", "qasync")), (path, name)
