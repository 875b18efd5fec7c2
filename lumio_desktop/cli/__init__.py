"""`lumio-sync`: headless commands over the same services the app uses (no widgets).

Each command group lives in its own module with `register(subparsers)`; COMMAND_MODULES lists them.
A handler takes (args, ctx) and returns an exit code. Errors that are the user's to fix are LumioError:
one line on stderr, exit 2, no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from lumio_desktop import __version__
from lumio_desktop.cli.context import CliContext
from lumio_desktop.errors import LumioError

COMMAND_MODULES = (
    "lumio_desktop.cli.status",
    "lumio_desktop.cli.desktop",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lumio-sync", description="Lumio Desktop's headless sync engine.")
    parser.add_argument("--version", action="version", version=f"lumio-sync {__version__}")
    parser.add_argument("--data-dir", help="where the store, logs and backups live (default: the user data dir)")
    parser.add_argument("--database-url", help="SQLAlchemy URL of another database, e.g. postgresql://...")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    ctx = CliContext(data_dir=args.data_dir, database_url=args.database_url)
    try:
        return int(args.handler(args, ctx) or 0)
    except LumioError as e:
        print(f"lumio-sync: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()
