"""Freedesktop integration for the current user: menu entry, icons, AppStream metainfo, and start-at-login.

Files go under $XDG_DATA_HOME (default ~/.local/share) and $XDG_CONFIG_HOME/autostart, so no root is needed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from lumio_desktop.paths import resources_dir

APP_ID = "io.lumio.Desktop"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share")


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def launcher_command() -> str:
    """The command that starts this very installation (a venv's script, or the bundle's executable)."""
    if getattr(sys, "frozen", False):
        return shlex.quote(sys.executable)
    script = Path(sys.executable).with_name("lumio-desktop")
    if script.exists():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m lumio_desktop"


def _entry_text(extra_args: str = "") -> str:
    text = (resources_dir() / "linux" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    cmd = launcher_command() + (f" {extra_args}" if extra_args else "")
    lines = []
    for line in text.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={cmd}"
        elif line.startswith("TryExec="):
            continue  # TryExec wants a bare program name on PATH; ours is an absolute command
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(data_home: Path | None = None) -> list[Path]:
    """Install the menu entry, icons and metainfo; returns the files written."""
    home = data_home or _data_home()
    res = resources_dir()
    written: list[Path] = []
    apps = home / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    entry = apps / f"{APP_ID}.desktop"
    entry.write_text(_entry_text(), encoding="utf-8")
    written.append(entry)
    for size in ICON_SIZES:
        target = home / "icons/hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(res / "icons" / f"lumio-{size}.png", target)
        written.append(target)
    svg = home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg"
    svg.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(res / "icons" / "lumio.svg", svg)
    written.append(svg)
    meta = home / "metainfo" / f"{APP_ID}.metainfo.xml"
    meta.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(res / "linux" / f"{APP_ID}.metainfo.xml", meta)
    written.append(meta)
    return written


def uninstall(data_home: Path | None = None) -> list[Path]:
    home = data_home or _data_home()
    candidates = [home / "applications" / f"{APP_ID}.desktop", home / "metainfo" / f"{APP_ID}.metainfo.xml",
                  home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg"]
    candidates += [home / "icons/hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in ICON_SIZES]
    removed = [p for p in candidates if p.exists()]
    for p in removed:
        p.unlink()
    return removed


def autostart_path(config_home: Path | None = None) -> Path:
    return (config_home or _config_home()) / "autostart" / f"{APP_ID}.desktop"


def set_autostart(enabled: bool, config_home: Path | None = None) -> Path:
    """Start Lumio (minimised to the tray) at login, so scheduled syncs run; an opt-in setting."""
    path = autostart_path(config_home)
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_entry_text("--minimized") + "X-GNOME-Autostart-enabled=true\n", encoding="utf-8")
    elif path.exists():
        path.unlink()
    return path
