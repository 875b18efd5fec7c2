"""Render every page offscreen with demo data to docs/screenshots/*.png:

    QT_QPA_PLATFORM=offscreen python -m lumio_desktop.ui.screenshots [--out docs/screenshots] [--dark] [--live]
        [--language pt_BR]   (also every page in that language: dashboard-pt_BR.png, ...; needs `make translations`)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#26282b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1d1f21", QPalette.ColorRole.AlternateBase: "#2a2c2f",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#33363a",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d7fd9",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#33363a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#55585c", QPalette.ColorRole.Light: "#4a4d52", QPalette.ColorRole.Dark: "#151617",
        QPalette.ColorRole.Link: "#6fa8ff",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    return p


def render(out: Path, *, dark: bool = False, size=(1400, 900), language: str | None = None,
           _suffix: str = "") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from lumio_desktop.config import load_settings
    from lumio_desktop.store import open_store
    from lumio_desktop.sync.events import EventHub
    from lumio_desktop.ui.bridge import EventBridge
    from lumio_desktop.ui.controller import AppController
    from lumio_desktop.ui.demo import seed_demo
    from lumio_desktop.ui.window import build_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from lumio_desktop.app import _set_icon

    _set_icon(app)
    if dark:
        app.setPalette(dark_palette())
    if language:
        return _in_language(app, language, lambda: render(out, dark=dark, size=size, _suffix=f"-{language}"))
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # never the developer's saved geometry
        settings = load_settings(data_dir=Path(tmp) / "data")
        store = open_store(settings)
        seed_demo(store)
        hub = EventHub()
        bridge = EventBridge(hub)
        controller = AppController(store, settings, hub)
        win = build_window(controller, bridge)
        win.resize(*size)
        from PySide6.QtCore import QCoreApplication

        win.set_webhook_text(QCoreApplication.translate("App", "Webhook receiver on {address}").format(
            address="127.0.0.1:8765"))
        win.show()
        win._dashboard_ready(controller.load_dashboard())
        suffix = ("-dark" if dark else "") + _suffix
        for key in ("dashboard", "jobs", "conflicts", "records", "duplicates", "settings"):
            win.show_page(key)
            page = win.pages[key]
            if key == "jobs":
                win.jobs.select_job(win.jobs.model.rows[3].id if len(win.jobs.model.rows) > 3 else "")
                for i, r in enumerate(win.jobs.model.rows):
                    if r.failed and r.status == "completed":
                        win.jobs.table.selectRow(i)
                        win.jobs.tabs.setCurrentIndex(1)
                        break
            if key == "duplicates":
                from lumio_desktop.sync.dedupe import find_groups

                win._duplicates_ready(find_groups(store))
            if key == "records":
                win.records.table.selectRow(1)
            if hasattr(page, "prepare_screenshot"):
                page.prepare_screenshot()
            for _ in range(5):
                app.processEvents()
            path = out / f"{key}{suffix}.png"
            win.grab().save(str(path))
            written.append(path)
        # The first-run welcome page: a window over an empty store, as a new user sees it.
        empty_settings = load_settings(data_dir=Path(tmp) / "empty")
        empty_store = open_store(empty_settings)
        first = build_window(AppController(empty_store, empty_settings, hub), bridge)
        first.resize(*size)
        first.set_webhook_text(win.status_webhook.text())
        first.show()
        first._dashboard_ready(first.controller.load_dashboard())
        for _ in range(5):
            app.processEvents()
        first.grab().save(str(out / f"welcome{suffix}.png"))
        written.append(out / f"welcome{suffix}.png")
        first.shutdown()
        first.close()
        empty_store.close()
        # The wizard: the provider page, and the page that waits for the browser sign-in.
        from lumio_desktop.auth.vault import TokenVault

        controller.vault = TokenVault()
        wiz = win.open_wizard()
        wiz.provider_page.name.setText("Acme HubSpot")
        for _ in range(5):
            app.processEvents()
        wiz.grab().save(str(out / f"wizard{suffix}.png"))
        written.append(out / f"wizard{suffix}.png")
        wiz.next()
        wiz.auth_page.oauth_box.hide()
        wiz.auth_page.waiting.show()
        wiz.auth_page._url_shown("https://app.hubspot.com/oauth/authorize?client_id=…&redirect_uri=http://127.0.0.1:"
                                 "53682/callback&code_challenge=…")
        for _ in range(5):
            app.processEvents()
        wiz.grab().save(str(out / f"wizard-signin{suffix}.png"))
        written.append(out / f"wizard-signin{suffix}.png")
        wiz.close()
        win.tray_available = False
        win.close()
        win.deleteLater()  # a later live render looks for the app's one main window
        bridge.close()
        store.close()
    if dark:
        app.setPalette(app.style().standardPalette())
    return written


def _in_language(app, language: str, draw):
    """Render with Lumio's and Qt's catalogues for `language` installed (as the app does), then take them out."""
    import types

    from PySide6.QtCore import QLocale

    from lumio_desktop.app import _install_translations
    from lumio_desktop.paths import resources_dir

    qm = resources_dir() / "translations" / f"lumio_{language}.qm"
    if not qm.exists():
        raise SystemExit(f"{qm} is missing: run `make translations` first")
    before = QLocale()
    _install_translations(app, types.SimpleNamespace(language=language))
    try:
        return draw()
    finally:
        for tr in getattr(app, "_translators", []):
            app.removeTranslator(tr)
        app._translators = []
        QLocale.setDefault(before)


def render_live(out: Path, seconds: float = 25.0, size=(1400, 900)) -> list[Path]:
    """Start the real app in demo mode (`--sandbox`) in a temporary folder, let it sync for a while, grab the
    dashboard and the jobs page: what a new user sees in their first half minute."""
    import asyncio

    import lumio_desktop.app as appmod

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    original = appmod._run

    async def run(app, settings, store, args):
        async def grab():
            await asyncio.sleep(seconds)
            win = next(w for w in app.topLevelWidgets() if w.__class__.__name__ == "MainWindow" and w.isVisible())
            win.resize(*size)
            win.controller.refresh_dashboard()
            await asyncio.sleep(1.5)
            for key, name in (("dashboard", "dashboard-live.png"), ("jobs", "jobs-live.png")):
                win.show_page(key)
                if key == "jobs" and win.jobs.model.rows:
                    win.jobs.select_job(win.jobs.model.rows[-1].id)  # the first sync, with its log
                await asyncio.sleep(0.5)
                win.grab().save(str(out / name))
                written.append(out / name)
            win.quit_requested.emit()

        task = asyncio.ensure_future(grab())
        try:
            return await original(app, settings, store, args)
        finally:
            task.cancel()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        appmod._run = run
        try:
            appmod.main(["--data-dir", str(Path(tmp) / "data"), "--sandbox"])
        finally:
            appmod._run = original
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default="docs/screenshots")
    p.add_argument("--dark", action="store_true", help="also render the dark palette")
    p.add_argument("--live", action="store_true", help="also run demo mode (--sandbox) and grab it after 25 s")
    p.add_argument("--language", help="also render every page in this language (e.g. pt_BR)")
    args = p.parse_args(argv)
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale("en_US"))  # the English shots group digits as an English reader expects (6,210)
    paths = render(Path(args.out))
    if args.dark:
        paths += render(Path(args.out), dark=True)
    if args.language:
        paths += render(Path(args.out), language=args.language)
    if args.live:
        paths += render_live(Path(args.out))
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
