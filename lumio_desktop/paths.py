"""Where the app's own files are: the source tree, an installed wheel, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks datas here
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def icon_path(size: int | None = None) -> Path:
    icons = resources_dir() / "icons"
    return icons / ("lumio.svg" if size is None else f"lumio-{size}.png")
