"""`lumio-sync`: headless commands over the same services the app uses (no widgets).

Each command group lives in its own module with `register(subparsers)`; they are found by listing the package.
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


def command_modules() -> list[str]:
    """Every module of this package with a `register(subparsers)`: adding a command is adding a file."""
    import pkgutil

    skip = {"context"}
    return [f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_") and m.name not in skip]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lumio-sync", description="Lumio Desktop's headless sync engine.")
    parser.add_argument("--version", action="version", version=f"lumio-sync {__version__}")
    parser.add_argument("--data-dir", help="where the store, logs and backups live (default: the user data dir)")
    parser.add_argument("--database-url", help="SQLAlchemy URL of another database, e.g. postgresql://...")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        module = importlib.import_module(name)
        if hasattr(module, "register"):
            module.register(sub)
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
