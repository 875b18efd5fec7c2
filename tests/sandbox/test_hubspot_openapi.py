"""Every endpoint of HubSpot's public specs (contacts, companies, deals v3, OAuth v1 and 2026-03, webhooks v3) is
called at least once here, and every response validates against its spec (the `client` fixture checks them)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from lumio_desktop.sandbox import pkce_s256


async def _oauth_tokens(client, sb) -> dict:
    cl = sb.clients["hubspot"]
    verifier = "v" * 50
    r = await client.get("/oauth/authorize", params={
        "client_id": cl.client_id, "redirect_uri": "http://127.0.0.1:5/cb", "state": "s1",
        "scope": "oauth crm.objects.contacts.read", "code_challenge": pkce_s256(verifier),
        "code_challenge_method": "S256"})
    code = parse_qs(urlsplit(r.headers["location"]).query)["code"][0]
    r = await client.post("/oauth/v1/token", data={
        "grant_type": "authorization_code", "client_id": cl.client_id, "client_secret": cl.client_secret,
        "redirect_uri": "http://127.0.0.1:5/cb", "code": code, "code_verifier": verifier})
    assert r.status_code == 200, r.text
    return r.json()


async def test_every_listed_endpoint_answers_within_its_spec(client, sb, hs, hubspot_specs):
    before = set(hubspot_specs.seen)
    hubspot_specs.seen.clear()
    cl = sb.clients["hubspot"]
    for obj in ("contacts", "companies", "deals"):
        base = f"/crm/v3/objects/{obj}"
        r = await client.get(base, params={"limit": 5, "associations": "companies,contacts"}, headers=hs)
        assert r.status_code == 200
        first = r.json()["results"][0]["id"]
        assert (await client.get(f"{base}/{first}", headers=hs)).status_code == 200
        props = {"contacts": {"email": f"walk-{obj}@example.com", "firstname": "Walk"},
                 "companies": {"name": "Walk Ltda"}, "deals": {"dealname": "Walk", "pipeline": "default",
                                                             "dealstage": "appointmentscheduled"}}[obj]
        r = await client.post(base, json={"properties": props, "associations": []}, headers=hs)
        assert r.status_code == 201, r.text
        new_id = r.json()["id"]
        key = {"contacts": "firstname", "companies": "name", "deals": "dealname"}[obj]
        r = await client.patch(f"{base}/{new_id}", json={"properties": {key: "Changed"}}, headers=hs)
        assert r.status_code == 200
        r = await client.post(f"{base}/batch/read", json={"inputs": [{"id": first}, {"id": "999"}], "properties": [key],
                                                          "propertiesWithHistory": []}, headers=hs)
        assert r.status_code == 207
        r = await client.post(f"{base}/batch/read", json={"inputs": [{"id": first}], "properties": [key],
                                                          "propertiesWithHistory": [key]}, headers=hs)
        assert r.status_code == 200
        r = await client.post(f"{base}/batch/create", json={"inputs": [{"properties": {key: "Batch A"},
                                                                        "associations": []}]}, headers=hs)
        assert r.status_code == 201, r.text
        batch_id = r.json()["results"][0]["id"]
        r = await client.post(f"{base}/batch/update", json={"inputs": [{"id": batch_id, "properties": {key: "B"}}]},
                              headers=hs)
        assert r.status_code == 200
        r = await client.post(f"{base}/batch/update", json={"inputs": [{"id": "1", "properties": {key: "B"}}]},
                              headers=hs)
        assert r.status_code == 207
        uid = "email" if obj == "contacts" else "lumio_id"
        r = await client.post(f"{base}/batch/upsert", json={"inputs": [
            {"id": f"up-{obj}@example.com", "idProperty": uid, "properties": {key: "Up"}}]}, headers=hs)
        assert r.status_code == 200 and r.json()["results"][0]["new"] is True
        r = await client.post(f"{base}/search", json={"filterGroups": [], "sorts": [], "properties": [key],
                                                      "limit": 3, "after": "0"}, headers=hs)
        assert r.status_code == 200 and r.json()["total"] > 3
        r = await client.post(f"{base}/merge", json={"primaryObjectId": new_id, "objectIdToMerge": batch_id},
                              headers=hs)
        assert r.status_code == 200, r.text
        assert (await client.post(f"{base}/batch/archive", json={"inputs": [{"id": new_id}]},
                                  headers=hs)).status_code == 204
        assert (await client.delete(f"{base}/{first}", headers=hs)).status_code == 204
        assert (await client.get(f"{base}/{first}", headers=hs)).status_code == 404
    r = await client.post("/crm/v3/objects/contacts/gdpr-delete", json={"objectId": "up-contacts@example.com",
                                                                      "idProperty": "email"}, headers=hs)
    assert r.status_code == 204
    # An error from every object spec (the `default` response).
    r = await client.post("/crm/v3/objects/0-3/search", json={"limit": 500}, headers=hs)
    assert r.status_code == 400

    tokens = await _oauth_tokens(client, sb)
    r = await client.post("/oauth/v1/token", data={"grant_type": "refresh_token", "client_id": cl.client_id,
                                                    "client_secret": cl.client_secret,
                                                    "refresh_token": tokens["refresh_token"]})
    assert r.status_code == 200
    assert (await client.get(f"/oauth/v1/access-tokens/{tokens['access_token']}")).status_code == 200
    assert (await client.get(f"/oauth/v1/refresh-tokens/{tokens['refresh_token']}")).status_code == 200
    assert (await client.get("/oauth/v1/access-tokens/nope")).status_code == 400
    tokens2 = await _oauth_tokens(client, sb)
    r = await client.post("/oauth/2026-03/token", data={"grant_type": "refresh_token", "client_id": cl.client_id,
                                                         "client_secret": cl.client_secret,
                                                         "refresh_token": tokens2["refresh_token"]})
    assert r.status_code == 200
    r = await client.post("/oauth/2026-03/token/introspect", data={"client_id": cl.client_id,
                                                                    "client_secret": cl.client_secret,
                                                                    "token": r.json()["access_token"]})
    assert r.status_code == 200 and r.json()["active"] is True
    r = await client.post("/oauth/2026-03/token/revoke", data={"client_id": cl.client_id, "client_secret":
                                                                cl.client_secret, "token": tokens2["refresh_token"]})
    assert r.status_code == 200
    r = await client.post("/oauth/2026-03/token", data={"grant_type": "refresh_token", "client_id": cl.client_id,
                                                         "client_secret": cl.client_secret,
                                                         "refresh_token": tokens2["refresh_token"]})
    assert r.status_code == 400 and r.json()["status"] == "BAD_REFRESH_TOKEN"
    assert (await client.delete(f"/oauth/v1/refresh-tokens/{tokens['refresh_token']}")).status_code == 204

    key = {"hapikey": sb.hubspot_developer_api_key}
    app = f"/webhooks/v3/{sb.hubspot_app_id}"
    assert (await client.get(f"{app}/settings", params=key)).status_code == 404
    r = await client.put(f"{app}/settings", params=key, json={"targetUrl": "https://example.com/hook",
                                                              "throttling": {"maxConcurrentRequests": 10}})
    assert r.status_code == 200, r.text
    assert (await client.get(f"{app}/settings", params=key)).status_code == 200
    r = await client.post(f"{app}/subscriptions", params=key, json={"eventType": "contact.creation", "active": True})
    assert r.status_code == 201
    sub = r.json()["id"]
    assert (await client.get(f"{app}/subscriptions", params=key)).status_code == 200
    assert (await client.get(f"{app}/subscriptions/{sub}", params=key)).status_code == 200
    assert (await client.patch(f"{app}/subscriptions/{sub}", params=key, json={"active": False})).status_code == 200
    r = await client.post(f"{app}/subscriptions/batch/update", params=key, json={"inputs": [{"id": int(sub), "active": True}]})
    assert r.status_code == 200
    assert (await client.delete(f"{app}/subscriptions/{sub}", params=key)).status_code == 204
    assert (await client.delete(f"{app}/settings", params=key)).status_code == 204

    missing = hubspot_specs.all_operations() - hubspot_specs.seen
    hubspot_specs.seen |= before
    assert not missing, f"endpoints never called: {sorted(missing)}"
