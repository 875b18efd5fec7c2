"""`lumio-sync desktop install|uninstall|autostart on|off`: the freedesktop menu entry and start-at-login."""

from __future__ import annotations

from lumio_desktop import desktop_entry


def register(sub) -> None:
    p = sub.add_parser("desktop", help="install the menu entry and icons, or start Lumio at login")
    dsub = p.add_subparsers(dest="desktop_command", metavar="ACTION", required=True)
    dsub.add_parser("install", help="add Lumio to the application menu (current user)").set_defaults(handler=_install)
    dsub.add_parser("uninstall", help="remove the menu entry and icons").set_defaults(handler=_uninstall)
    a = dsub.add_parser("autostart", help="start Lumio in the tray at login, so scheduled syncs run")
    a.add_argument("state", choices=["on", "off"])
    a.set_defaults(handler=_autostart)


def _install(args, ctx) -> int:
    for path in desktop_entry.install():
        print(path)
    return 0


def _uninstall(args, ctx) -> int:
    removed = desktop_entry.uninstall()
    print(f"removed {len(removed)} files")
    return 0


def _autostart(args, ctx) -> int:
    path = desktop_entry.set_autostart(args.state == "on")
    print(f"start at login: {args.state} ({path})")
    return 0
