"""Composition root of the desktop app: the only place that wires services and windows together."""

from __future__ import annotations

import argparse
import sys

from lumio_desktop import __version__
from lumio_desktop.errors import LumioError


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lumio-desktop", description="Lumio Desktop")
    p.add_argument("--version", action="version", version=f"lumio-desktop {__version__}")
    p.add_argument("--data-dir", help="where the store, logs and backups live")
    p.add_argument("--database-url", help="SQLAlchemy URL of another database")
    p.add_argument("--sandbox", action="store_true", help="start with the built-in demo providers")
    return p.parse_known_args(argv)[0]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from lumio_desktop.config import load_settings
    from lumio_desktop.store import open_store

    try:
        settings = load_settings(data_dir=args.data_dir, database_url=args.database_url)
        store = open_store(settings)
    except LumioError as e:
        print(f"lumio-desktop: {e}", file=sys.stderr)
        return e.exit_code

    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lumio Desktop")
    win = QMainWindow()
    win.setWindowTitle("Lumio Desktop")
    win.setCentralWidget(QLabel(f"Lumio Desktop {__version__}: store at {store.path}"))
    win.resize(1100, 720)
    win.show()
    try:
        return app.exec()
    finally:
        store.close()
