"""`lumio-sync sandbox serve`: run the HubSpot/Salesforce/Shopify emulators on a loopback port.

The first stdout line, printed once the port accepts connections, is one JSON object with base_url and the
credentials of each provider. It serves until SIGINT or SIGTERM and then exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys

from lumio_desktop.errors import LumioError


class SandboxError(LumioError):
    pass


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("sandbox", help="local emulators of HubSpot, Salesforce and Shopify")
    sub = p.add_subparsers(dest="sandbox_command", metavar="SUBCOMMAND")
    s = sub.add_parser("serve", help="serve the emulators on a loopback port until interrupted")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=0, help="port to bind (default 0: any free port)")
    s.add_argument("--seed", type=int, default=0, help="seed for data, credentials and faults (default 0)")
    s.add_argument("--records", type=int, default=1000,
                   help="contacts/leads/customers per provider; companies and deals in proportion (default 1000)")
    s.add_argument("--activity", type=float, default=0.0,
                   help="changes per minute made as if by people, each sent as webhooks (default 0)")
    s.add_argument("--faults", default="",
                   help="fault spec, e.g. 'hubspot:429@0.1,*:reset@0.01' (PROVIDER:KIND[@RATE][xCOUNT][~PATH])")
    s.add_argument("--auto-approve", action="store_true", help="OAuth authorize pages approve without a form")
    s.set_defaults(handler=serve_command)
    p.set_defaults(handler=lambda args, ctx: (p.print_help(), 2)[1])


def serve_command(args: argparse.Namespace, ctx) -> int:
    from lumio_desktop.sandbox import SandboxConfig
    from lumio_desktop.sandbox.server import serve

    if args.records < 0:
        raise SandboxError("--records must be 0 or more")
    if args.activity < 0:
        raise SandboxError("--activity must be 0 or more")
    if not 0 <= args.port <= 65535:
        raise SandboxError("--port must be between 0 and 65535")
    try:
        config = SandboxConfig(seed=args.seed, records=args.records, activity=args.activity, faults=args.faults,
                               auto_approve=args.auto_approve)
    except ValueError as e:
        raise SandboxError(f"invalid sandbox setting: {e}") from None

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            async with serve(config, host=args.host, port=args.port) as running:
                running.sandbox.ensure_data()  # seed data before the line, so first requests are not slow
                info = running.sandbox.credentials(running.base_url)
                sys.stdout.write(json.dumps(info) + "\n")
                sys.stdout.flush()
                await stop.wait()
        except OSError as e:
            raise SandboxError(f"cannot serve on {args.host}:{args.port}: {e.strerror or e}") from None

    asyncio.run(main())
    return 0
