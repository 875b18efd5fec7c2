"""`lumio-sync connect | disconnect | connections`: make, end and list connections. No secret is ever printed.

    lumio-sync connect PROVIDER (--token TOKEN | --token-stdin | --oauth --client-id ID [--client-secret-stdin])
                       [--shop SHOP] [--base-url URL] [--name NAME] [--json]
    lumio-sync disconnect NAME [--delete-data] [--json]
    lumio-sync connections [--json]
"""

from __future__ import annotations

import asyncio
import sys

from lumio_desktop.auth import flow as flow_module
from lumio_desktop.auth.connections import ConnectionService
from lumio_desktop.auth.providers import PROVIDERS
from lumio_desktop.auth.vault import TokenVault
from lumio_desktop.errors import LumioError


class UsageError(LumioError):
    pass


def register(sub) -> None:
    p = sub.add_parser("connect", help="connect a HubSpot, Salesforce or Shopify account",
                       description="Connect an account with a static token, or through the provider's sign-in page "
                                   "(OAuth 2.0 with PKCE and a loopback redirect). See docs/registering-apps.md.")
    p.add_argument("provider", choices=sorted(PROVIDERS), metavar="PROVIDER", help="hubspot | salesforce | shopify")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--token", help="a static token (visible in your shell history: prefer --token-stdin)")
    how.add_argument("--token-stdin", action="store_true", help="read the static token from standard input")
    how.add_argument("--oauth", action="store_true", help="sign in through the provider's page in the browser")
    p.add_argument("--client-id", help="your app's client id (with --oauth)")
    p.add_argument("--client-secret-stdin", action="store_true",
                   help="read your app's client secret from standard input (with --oauth; with a static token it "
                        "is kept only to check webhook signatures; with --token-stdin: token first line, secret second)")
    p.add_argument("--portal-id", type=int, help="HubSpot account (portal) id of a static token, for webhooks")
    p.add_argument("--shop", help="Shopify shop: acme or acme.myshopify.com")
    p.add_argument("--base-url", help="API base URL (Salesforce instance URL for a static token; a regional host; "
                                      "or the sandbox, which then also serves the sign-in pages)")
    p.add_argument("--login-url", help="Salesforce login host for OAuth, e.g. https://test.salesforce.com or your "
                                       "My Domain (default https://login.salesforce.com)")
    p.add_argument("--hubspot-token-api", choices=("2026-03", "v1"), default="2026-03",
                   help="HubSpot token endpoint version (default %(default)s; v1 is deprecated from 16 Feb 2027)")
    p.add_argument("--name", help="a name for the connection (default: the provider, or provider-shop)")
    p.add_argument("--reconnect", action="store_true",
                   help="give the existing connection --name new credentials (a new token, or a new sign-in)")
    p.add_argument("--port", type=int, default=0,
                   help="loopback port for the sign-in answer (default: a free one; fix it if your app's redirect "
                        "URI must match exactly)")
    p.add_argument("--timeout", type=float, default=flow_module.DEFAULT_TIMEOUT,
                   help="seconds to wait for the sign-in (default %(default)g)")
    p.add_argument("--no-browser", action="store_true", help="only print the sign-in URL")
    p.add_argument("--json", action="store_true", help="print the new connection as one JSON object")
    p.set_defaults(handler=run_connect)

    d = sub.add_parser("disconnect", help="revoke access where the provider allows, delete the stored secrets")
    d.add_argument("name", metavar="NAME")
    d.add_argument("--delete-data", action="store_true",
                   help="also delete the local records that came only from this connection")
    d.add_argument("--json", action="store_true")
    d.set_defaults(handler=run_disconnect)

    c = sub.add_parser("connections", help="list the connections (never their secrets)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_connections)


def _vault(ctx) -> TokenVault:
    vault = getattr(ctx, "_auth_vault", None)  # one per command: the warning is printed once
    if vault is None:
        vault = TokenVault.from_settings(ctx.settings)
        ctx._auth_vault = vault
        if vault.warning:
            print(f"lumio-sync: {vault.warning}", file=sys.stderr)
    return vault


def vault_persistent(ctx) -> bool:
    return _vault(ctx).persistent


def _service(ctx) -> ConnectionService:
    return ConnectionService(ctx.store, _vault(ctx))


def _read_stdin_line(what: str) -> str:
    if sys.stdin is None or sys.stdin.closed:
        raise UsageError(f"{what} was to come from standard input, but there is none")
    if sys.stdin.isatty():
        print(f"{what}: ", end="", file=sys.stderr, flush=True)
    value = sys.stdin.readline().strip()
    if not value:
        raise UsageError(f"{what} read from standard input is empty")
    return value


def run_connect(args, ctx) -> int:
    if args.oauth:
        if not args.client_id:
            raise UsageError("--oauth needs --client-id ID (your app's client id; see docs/registering-apps.md)")
        secret = _read_stdin_line("client secret") if args.client_secret_stdin else None
        if args.reconnect and not args.name:
            raise UsageError("--reconnect needs --name NAME of the connection to renew")
        service = _service(ctx)
        try:
            info = asyncio.run(_oauth(service, args, secret))
        except KeyboardInterrupt:
            print("lumio-sync: sign-in cancelled; nothing was saved", file=sys.stderr)
            raise
    else:
        if args.client_id:
            raise UsageError("--client-id goes with --oauth")
        if args.reconnect and not args.name:
            raise UsageError("--reconnect needs --name NAME of the connection to renew")
        token = _read_stdin_line("token") if args.token_stdin else args.token
        secret = _read_stdin_line("client secret") if args.client_secret_stdin else None
        if args.reconnect:
            info = _service(ctx).replace_static(args.name, token)
        else:
            info = _service(ctx).create_static(args.provider, token, name=args.name, base_url=args.base_url,
                                               shop=args.shop, client_secret=secret, portal_id=args.portal_id)
    if not vault_persistent(ctx):
        print("lumio-sync: the credentials of this connection are not saved anywhere and end with this command; "
              "run where an OS keychain is available, or set keyring_backend in the settings "
              "(docs/registering-apps.md)", file=sys.stderr)
    if args.json:
        ctx.print_json(info.as_dict())
    else:
        where = f" ({info.account})" if info.account else ""
        print(f"connected {info.name}: {info.provider}{where} at {info.base_url}")
    return 0


async def _oauth(service: ConnectionService, args, secret: str | None):
    flow = service.begin_oauth(
        args.provider, args.client_id, secret, name=None if args.reconnect else args.name,
        base_url=args.base_url, shop=args.shop, login_url=args.login_url, port=args.port, timeout=args.timeout,
        token_api=args.hubspot_token_api,
    )
    try:
        url = await flow.start()
        print(f"Approve Lumio's access in your browser. If no browser opens, open this address yourself:\n{url}",
              file=sys.stderr, flush=True)
        if not args.no_browser and not flow_module.open_browser(url):
            print("(no browser could be opened here: open the address above on any machine whose browser can "
                  f"reach {flow.redirect_uri})", file=sys.stderr, flush=True)
        print(f"waiting up to {args.timeout:g} s for the answer on {flow.redirect_uri} ...", file=sys.stderr, flush=True)
        return await service.finish_oauth(flow, name=args.name if not args.reconnect else None,
                                          reconnect=args.name if args.reconnect else None)
    finally:
        await flow.aclose()


def run_disconnect(args, ctx) -> int:
    report = asyncio.run(_service(ctx).disconnect(args.name, delete_data=args.delete_data))
    if args.json:
        ctx.print_json(report.as_dict())
    else:
        kept = "deleted " + ", ".join(f"{n} {k}" for k, n in report.data_deleted.items()) \
            if args.delete_data else "local records kept"
        print(f"disconnected {report.name}: access {report.revoke}; secrets "
              f"{'deleted' if report.secrets_deleted else 'were not stored'}; {kept}")
    return 0


def run_connections(args, ctx) -> int:
    rows = ConnectionService(ctx.store, vault=None).list()  # listing never reads the keychain
    if args.json:
        ctx.print_json([r.as_dict() for r in rows])
        return 0
    if not rows:
        print("no connections yet: lumio-sync connect PROVIDER ...")
        return 0
    print(f"{'NAME':<24} {'PROVIDER':<11} {'HEALTH':<13} {'CREATED':<20} BASE URL")
    for r in rows:
        created = r.created_at.strftime("%Y-%m-%d %H:%M") if r.created_at else ""
        print(f"{r.name:<24} {r.provider:<11} {r.health:<13} {created:<20} {r.base_url}")
        if r.health_reason:
            print(f"{'':<24} {r.health_reason}")
    return 0
