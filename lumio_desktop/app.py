"""Composition root of the desktop app: the only place that wires services and windows together.

One qasync loop runs Qt and asyncio together: the engine, the scheduler, the webhook receiver, the alert service and
(in demo mode) the sandbox all live on it beside the widgets.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from lumio_desktop import __version__
from lumio_desktop.errors import LumioError

log = logging.getLogger(__name__)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lumio-desktop", description="Lumio Desktop")
    p.add_argument("--version", action="version", version=f"lumio-desktop {__version__}")
    p.add_argument("--data-dir", help="where the store, logs and backups live")
    p.add_argument("--database-url", help="SQLAlchemy URL of another database")
    p.add_argument("--sandbox", action="store_true", help="start with the built-in demo providers")
    p.add_argument("--minimized", action="store_true", help="start hidden in the tray (used by the autostart entry)")
    p.add_argument("--quit-after-show", action="store_true",
                   help="print 'lumio-desktop: window shown' once the window is painted, then quit (smoke tests)")
    return p.parse_known_args(argv)[0]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from lumio_desktop.config import load_settings
    from lumio_desktop.store import open_store

    try:
        settings = load_settings(data_dir=args.data_dir, database_url=args.database_url)
    except LumioError as e:
        print(f"lumio-desktop: {e}", file=sys.stderr)
        return e.exit_code
    # One Lumio per data folder, decided before the store opens: a second launch only brings the first forward.
    from lumio_desktop.ui.single_instance import SingleInstance, hand_over

    instance = args.single_instance = SingleInstance(settings.data_dir)
    try:
        if not instance.claim():
            return hand_over(instance)
    except OSError as e:  # an unwritable folder: the store says so next, in its own words
        log.warning("single instance: cannot lock %s (%s)", instance.lock_path, e)
    try:
        store = open_store(settings)
    except LumioError as e:
        instance.release()
        print(f"lumio-desktop: {e}", file=sys.stderr)
        return e.exit_code

    try:
        from lumio_desktop.logs import setup_logging

        setup_logging(settings.log_dir)
    except OSError as e:  # logs are a help, never a reason not to start
        print(f"lumio-desktop: cannot write logs to {settings.log_dir} ({e})", file=sys.stderr)

    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lumio Desktop")
    app.setOrganizationName("Lumio")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.lumio.Desktop")
    _install_translations(app, settings)
    _set_icon(app)
    if instance.owns:
        instance.listen()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return loop.run_until_complete(_run(app, settings, store, args))
    except LumioError as e:
        print(f"lumio-desktop: {e}", file=sys.stderr)
        return e.exit_code
    finally:
        store.close()
        instance.release()


def _install_translations(app, settings) -> str:
    """Load Lumio's catalogue (resources/translations/lumio_<lang>.qm, compiled by the build) and Qt's own (standard
    buttons of dialogs) for settings.language, else the system locale; make that locale the default QLocale, so
    dates, numbers and currency follow the same choice. Returns the language used ("en" when none matched)."""
    try:
        from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

        from lumio_desktop.paths import resources_dir

        lang = pick_language(settings.language or QLocale.system().name())
        # An override in Settings sets the number/date format too; otherwise the system locale keeps its own
        # formats (an English UI with Brazilian dates is a choice people make).
        if settings.language:
            QLocale.setDefault(QLocale(lang if lang != "en" else "en_US"))
            _set_time_locale(lang if lang != "en" else "en_US")
        if lang == "en":
            return lang
        app._translators = []  # QTranslator is not owned by the app: keep them alive
        for path in (resources_dir() / "translations" / f"lumio_{lang}.qm",
                     Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{lang}.qm"):
            tr = QTranslator(app)
            if path.exists() and tr.load(str(path)):
                app.installTranslator(tr)
                app._translators.append(tr)
            else:
                log.info("no translation catalogue at %s", path)
        return lang
    except Exception:  # noqa: BLE001 - a missing catalogue leaves the app in English
        log.exception("could not load translations")
        return "en"


def _set_time_locale(name: str) -> None:
    """strftime's day and month names (the charts' date axes) follow the chosen language too; Qt already set the
    C library's locale to the system's. Best effort: the OS may not have that locale installed."""
    import locale

    for candidate in (f"{name}.UTF-8", f"{name}.utf8", name):
        try:
            locale.setlocale(locale.LC_TIME, candidate)
            return
        except locale.Error:
            continue
    log.info("no %s locale installed for day and month names", name)


LANGUAGES = ("en", "pt_BR")  # the catalogues Lumio ships


def pick_language(name: str) -> str:
    """The shipped language for a locale name: pt_BR, pt_PT and pt -> pt_BR; en_GB, C, de_DE... -> en."""
    name = (name or "").replace("-", "_")
    if name in LANGUAGES:
        return name
    base = name.split("_")[0].split(".")[0]
    return next((lang for lang in LANGUAGES if lang.split("_")[0] == base), "en")


def _set_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from lumio_desktop.paths import icon_path

    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        p = icon_path(size)
        if p.exists():
            icon.addFile(str(p))
    if not icon.isNull():
        app.setWindowIcon(icon)


async def _run(app, settings, store, args) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    from lumio_desktop.auth.vault import TokenVault
    from lumio_desktop.logs import install_excepthook
    from lumio_desktop.sync.engine import SyncService
    from lumio_desktop.sync.events import EventHub
    from lumio_desktop.ui.bridge import EventBridge
    from lumio_desktop.ui.controller import AppController
    from lumio_desktop.ui.main_window import ui_settings
    from lumio_desktop.ui.tr_text import tr_text
    from lumio_desktop.ui.tray import Tray
    from lumio_desktop.ui.window import build_window

    hub = EventHub()
    vault = TokenVault.from_settings(settings)
    closers: list = []  # async closers, run in reverse order at quit
    sandbox = None
    if args.sandbox:
        from lumio_desktop.ui.demo_mode import start_sandbox

        sandbox = await start_sandbox(store, settings, hub, vault)
        closers.append(sandbox.aclose)

    service = SyncService(store, settings, hub, vault=vault)
    closers.append(service.aclose)
    await service.start()

    from lumio_desktop.sync.background import Background, BackgroundLock

    # One process runs a data folder's schedules and webhook receiver: when `lumio-sync daemon` already does, the
    # window still works (Sync Now, conflicts, records) but leaves the background to it.
    lock = BackgroundLock(settings.data_dir)
    owns_background = lock.acquire()
    if owns_background:
        async def release_lock() -> None:
            lock.release()

        closers.append(release_lock)  # closers run in reverse: released after the background has stopped
    else:
        log.warning("another Lumio process runs the schedules and the webhook receiver of %s", settings.data_dir)
    background = Background(store, settings, hub, service, vault=vault, webhooks=owns_background)
    paused = ui_settings().value("schedules/paused", False, type=bool) or not owns_background
    await background.start(paused=paused, catch_up=owns_background)  # a paused start catches up at resume()
    closers.append(background.aclose)
    scheduler, receiver = background.scheduler, background.receiver
    if not owns_background:
        background.receiver_error = QCoreApplication.translate(
            "App", "schedules and webhooks run in another Lumio process (lumio-sync daemon)")
    if sandbox is not None and receiver is not None:
        sandbox.send_webhooks_to(receiver.url)

    bridge = EventBridge(hub)
    controller = AppController(store, settings, hub, service=service, scheduler=scheduler)
    controller.vault = vault
    controller.sandbox = sandbox
    win = build_window(controller, bridge)
    if receiver and receiver.url:
        webhook = QCoreApplication.translate("App", "Webhook receiver on {address}").format(
            address=receiver.url.removeprefix("http://"))
    else:
        webhook = QCoreApplication.translate("App", "Webhook receiver off: {reason}").format(
            reason=tr_text(background.receiver_error) or QCoreApplication.translate("App", "disabled"))
    win.set_webhook_text(webhook)
    win.set_keychain_warning(vault.warning)
    tray = Tray(win, controller, bridge)
    if getattr(args, "single_instance", None) is not None:  # a second launch brings this window forward
        from lumio_desktop.ui.single_instance import bring_forward

        args.single_instance.on_activate(lambda: bring_forward(win))
    from lumio_desktop.ui.first_run import install_demo_switch

    # The welcome page's "Try it with demo data": demo mode started in this app, as --sandbox does at start.
    install_demo_switch(win, controller, hub, receiver_url=receiver.url if receiver else None, closers=closers)
    quit_event = asyncio.Event()
    win.quit_requested.connect(quit_event.set)
    tray.quit_requested.connect(quit_event.set)
    app.aboutToQuit.connect(quit_event.set)
    app.setQuitOnLastWindowClosed(False)  # the window may close to the tray; quitting is explicit

    from lumio_desktop.ui.crash import show_crash_dialog

    install_excepthook(settings.log_dir, lambda summary, report: show_crash_dialog(win, summary, report))
    has_tray = tray.show()
    if args.minimized and has_tray:
        win.hide()
    else:
        win.show()
    controller.refresh_dashboard()
    if sandbox is not None and getattr(sandbox, "first_run", False):
        controller.sync_all()
    if args.quit_after_show:
        def shown() -> None:
            print("lumio-desktop: window shown", flush=True)
            quit_event.set()

        QTimer.singleShot(0, shown)  # runs after the first paint has been queued and done

    await quit_event.wait()

    win.save_geometry()
    win.shutdown()
    tray.hide()
    await controller.aclose()
    for close in reversed(closers):
        try:
            await asyncio.wait_for(close(), 15)
        except Exception:  # noqa: BLE001 - close everything we can
            log.exception("closing %s failed", close)
    bridge.close()
    win.hide()
    return 0
