"""Local emulators of HubSpot, Salesforce and Shopify: one Starlette app, built from the providers' contracts
(../shared/providers/CONTRACTS.md), sharing no code with Lumio's clients. Stands alone: imports nothing else
from lumio_desktop.

Python API
----------
    from lumio_desktop.sandbox import SandboxConfig, create_app, serve, SandboxThread

    app = create_app(SandboxConfig.for_tests(seed=7, records=200))
    sb = app.state.sandbox                       # the Sandbox (world)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox.test")
    sb.static_tokens["hubspot"]; sb.clients["hubspot"].client_id / .client_secret; sb.credentials(base_url)
    sb.records("hubspot", "contacts", archived=None); sb.get(...); sb.create(...); sb.update(...)
    sb.archive(...); sb.restore(...); sb.purge(...); sb.create_many("hubspot", "contacts", 12_000, modified=ms)
    sb.faults.add("hubspot", "429", rate=0.5, count=3); sb.faults.clear()
    sb.config.hubspot_burst_limit = 100; sb.limits.reset(); sb.clock.advance(1801)
    sb.tokens.expire("hubspot"); sb.tokens.revoke("salesforce"); sb.requests / sb.request_count("/search")
    sb.add_webhook_target("shopify", url, app=receiver_asgi_app); await sb.emit_change("hubspot", "contacts")
    sb.ensure_data()  # seed data is otherwise made per provider on first use
    async with serve(config) as running: running.base_url      # real loopback socket, current loop
    with SandboxThread(config) as t: t.base_url; t.run(t.sandbox.emit_change("shopify"))
        t.call(t.sandbox.create, "hubspot", "contacts", {...})   # changes on the server's thread

Control API (JSON, for a sandbox in another process)
----------------------------------------------------
    GET    /_sandbox/health                       {"ok": true}
    GET    /_sandbox/credentials                  the same JSON `lumio-sync sandbox serve` prints
    GET    /_sandbox/state[?provider=&object=]    {provider: {object: [{id, archived, deleted, archived_at,
                                                   created, modified, record}]}} live AND archived/deleted
    GET    /_sandbox/config                       settings; POST/PATCH {name: value} changes them at runtime
    GET    /_sandbox/faults                       rules; POST {"spec": "hubspot:429@0.5x3"} or
                                                  {provider, kind, rate, count, path}; DELETE [?provider=]
    POST   /_sandbox/mutate                       {provider, object, op: create|create_many|update|archive|delete|
                                                   restore|purge, id?, fields?, modified?, created?, count?, notify?}
    POST   /_sandbox/tokens/expire|revoke         {provider?, token?}
    GET    /_sandbox/clock                        POST {"advance": seconds} moves the sandbox clock forward
    GET    /_sandbox/requests                     {"counts": {"METHOD /path/template": n}}; DELETE resets
    POST   /_sandbox/rate-limits/reset
    GET    /_sandbox/webhooks                     targets + last deliveries; POST {provider, url}; DELETE
    POST   /_sandbox/activity                     {provider, object?, kind?: create|update|delete, id?}: one
                                                  change now, delivered as webhooks; answers the change
    GET    /_sandbox/errors                       {"internal_errors": [...]}: sandbox bugs (should stay empty)

Fault spec: `PROVIDER:KIND[@RATE][xCOUNT][~PATHPREFIX]`, comma or space separated; PROVIDER is hubspot,
salesforce, shopify or *; KIND one of 429, 429-no-retry-after, 500, 503, timeout, reset, malformed, expire.
Draws are deterministic from the seed. See README.md for settings and fidelity notes.
"""

from lumio_desktop.sandbox.app import create_app
from lumio_desktop.sandbox.config import FaultRule, SandboxConfig, parse_faults
from lumio_desktop.sandbox.server import Running, SandboxThread, serve
from lumio_desktop.sandbox.webhooks import (
    build_request,
    deliver_pending,
    hubspot_signature_v3,
    shopify_hmac,
)
from lumio_desktop.sandbox.world import Sandbox, pkce_s256

__all__ = [
    "FaultRule",
    "Running",
    "Sandbox",
    "SandboxConfig",
    "SandboxThread",
    "build_request",
    "create_app",
    "deliver_pending",
    "hubspot_signature_v3",
    "parse_faults",
    "pkce_s256",
    "serve",
    "shopify_hmac",
]
