"""One Lumio per data folder: a second launch brings the running window forward instead of starting a second engine
on the same store.

Two parts, because each covers what the other cannot:
- an OS file lock (`<data>/locks/desktop.lock`) says who owns the folder. The kernel releases it when the process
  dies, so a crash or a SIGKILL never leaves it stuck, and two launches racing each other cannot both win (a
  QLocalServer alone cannot tell a live server from a stale socket file without a race).
- a QLocalServer/QLocalSocket pair carries the "activate" message from the second launch to the owner. Its name is
  derived from the data folder, so two data folders run side by side. The owner removes any socket file left by a
  crashed owner before it listens (it holds the lock, so that socket is stale by definition).
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate"
ACK = b"ok"


def server_name(data_dir: Path) -> str:
    """A short name unique to this user and data folder (Unix socket paths are limited to ~100 bytes)."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (containers): the folder alone still separates instances
        user = ""
    key = f"{user}\0{Path(data_dir).expanduser().resolve()}".encode()
    return f"lumio-desktop-{hashlib.sha256(key).hexdigest()[:20]}"


class SingleInstance(QObject):
    """`claim()` first (no QApplication needed); the owner then `listen()`s once Qt runs, the other `notify()`s."""

    activate_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self.lock_path = self.data_dir / "locks" / "desktop.lock"
        self._lock_file = None
        self._server: QLocalServer | None = None
        self._pending = 0  # activations that arrived before anyone listened for them
        self._handler: Callable[[], None] | None = None

    # -- who owns the folder --------------------------------------------------------------------------------------
    def claim(self) -> bool:
        """True when this process now owns the data folder; False when another Lumio runs on it."""
        from lumio_desktop.sync.jobs import _try_lock

        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.lock_path, "a+b")  # noqa: SIM115 - held for the life of the app
        if not _try_lock(f):
            f.close()
            return False
        self._lock_file = f
        return True

    @property
    def owns(self) -> bool:
        return self._lock_file is not None

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock_file is not None:
            from lumio_desktop.sync.jobs import _unlock

            _unlock(self._lock_file)
            self._lock_file.close()
            self._lock_file = None

    # -- the owner ------------------------------------------------------------------------------------------------
    def listen(self) -> bool:
        """Start answering later launches. Needs the Qt event loop to deliver them."""
        assert self._lock_file is not None, "claim() the folder first"
        # We hold the lock, so a socket by this name is left over from a crashed owner: clear it.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # only this user may activate us
        if not server.listen(self.name):
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        log.info("single instance: listening on %s", self.name)
        return True

    def on_activate(self, handler: Callable[[], None]) -> None:
        """Call `handler` for each activation, including those that came before the window existed."""
        self._handler = handler
        for _ in range(self._pending):
            handler()
        self._pending = 0

    def _accept(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        line = bytes(sock.readLine().data()).strip()
        if line == ACTIVATE:
            log.info("single instance: activated by a second launch")
            sock.write(ACK + b"\n")
            sock.flush()
            self.activate_requested.emit()
            if self._handler is not None:
                self._handler()
            else:
                self._pending += 1
        else:
            log.warning("single instance: ignored message %r", line[:40])
        sock.disconnectFromServer()

    # -- a later launch ---------------------------------------------------------------------------------------------
    def notify(self, timeout: float = 10.0) -> bool:
        """Ask the owner to bring its window forward. Retries while the owner is still starting (it takes the lock
        before it opens the store, and listens only once Qt runs). True once the owner answered."""
        deadline = time.monotonic() + timeout
        while True:
            sock = QLocalSocket()
            sock.connectToServer(self.name)
            if sock.waitForConnected(500):
                sock.write(ACTIVATE + b"\n")
                sock.flush()
                sock.waitForBytesWritten(1000)
                answered = sock.waitForReadyRead(3000) and bytes(sock.readAll().data()).strip() == ACK
                sock.disconnectFromServer()
                if answered:
                    return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)


def bring_forward(window) -> None:
    """Show, un-minimise, raise and activate: as far as the window manager lets an app take focus."""
    from PySide6.QtCore import Qt

    window.show()
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.raise_()
    window.activateWindow()
    log.info("single instance: window brought forward (visible: %s)", window.isVisible())


def hand_over(instance: SingleInstance) -> int:
    """This launch found Lumio running on the same data folder: activate it and exit."""
    if instance.notify():
        print("lumio-desktop: Lumio is already running on this data folder; its window was brought forward.",
              flush=True)
        return 0
    print(f"lumio-desktop: Lumio is already running on {instance.data_dir} but did not answer; close it (or end "
          "the process) and start again.", file=sys.stderr)
    return 1
