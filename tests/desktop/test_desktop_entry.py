"""The menu entry, icons and metainfo validate with the freedesktop tools and install for the current user."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lumio_desktop import desktop_entry
from lumio_desktop.paths import resources_dir
from tests.helpers import run_cli

DESKTOP = resources_dir() / "linux" / "io.lumio.Desktop.desktop"
METAINFO = resources_dir() / "linux" / "io.lumio.Desktop.metainfo.xml"


def _validate_desktop(path):
    tool = shutil.which("desktop-file-validate")
    if not tool:
        pytest.skip("desktop-file-validate not installed (Debian package desktop-file-utils; `make test` installs it)")
    proc = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0 and "error" not in proc.stdout.lower(), proc.stdout + proc.stderr


def test_shipped_desktop_file_validates():
    _validate_desktop(DESKTOP)


def test_metainfo_validates():
    tool = shutil.which("appstreamcli")
    if not tool:
        pytest.skip("appstreamcli not installed (Debian package appstream; `make test` installs it)")
    proc = subprocess.run([tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_install_writes_valid_entry_icons_and_metainfo(tmp_path):
    written = desktop_entry.install(tmp_path)
    entry = tmp_path / "applications" / "io.lumio.Desktop.desktop"
    assert entry in written
    assert (tmp_path / "icons/hicolor/48x48/apps/io.lumio.Desktop.png").stat().st_size > 0
    assert (tmp_path / "icons/hicolor/scalable/apps/io.lumio.Desktop.svg").exists()
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert "lumio" in exec_line
    _validate_desktop(entry)
    assert len(desktop_entry.uninstall(tmp_path)) == len(written)
    assert not entry.exists()


def test_autostart_opt_in_and_out(tmp_path):
    path = desktop_entry.set_autostart(True, tmp_path)
    assert path == tmp_path / "autostart" / "io.lumio.Desktop.desktop"
    assert "--minimized" in path.read_text()
    _validate_desktop(path)
    desktop_entry.set_autostart(False, tmp_path)
    assert not path.exists()


def test_cli_install_uses_xdg_dirs(tmp_path):
    proc = run_cli("desktop", "install", env={"XDG_DATA_HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "applications" / "io.lumio.Desktop.desktop").exists()
    proc = run_cli("desktop", "autostart", "on", env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert proc.returncode == 0 and (tmp_path / "cfg/autostart/io.lumio.Desktop.desktop").exists()
